"""What a statement about an entity covers: ``a ⊑ b`` ("a within b") between entity ids.

``a ⊑ b`` holds when ``a`` and ``b`` are the same id, denote the same thing (``same_as``,
either way, transitively), or ``b`` is reached from ``a`` by following ``broader``
(transitively; ``same_as`` holds at every step). Nothing else: ``part_of`` is not ⊑ —
NORINCO's sales are not China's sales, and "officers within the General Staff" are not the
General Staff (principle 7) — and ``overlaps`` is not ⊑ either (two groups that share
members are neither the same nor one inside the other).

A denial about ``b`` meets a claim about ``a`` only when ``a ⊑ b`` (a denial about drones
meets a claim about Shahed-136 when Shahed-136 is narrower than drones); the contradiction
rules (:mod:`.conflict`) and the analytics' item filter (narrower items included) read it.

Examples
--------
>>> from claimgraph.schema.models import Entity
>>> def e(i, **kw):
...     return Entity.model_validate({"id": i, "name": i, "kind": "commodity", **kw})
>>> s = Scope([e("drones", broader=["weapons"]), e("shahed-136", broader=["drones"]),
...            e("geran-2", same_as=["shahed-136"]), e("weapons"), e("nc")])
>>> s.within("shahed-136", "drones"), s.within("shahed-136", "weapons")
(True, True)
>>> s.within("drones", "shahed-136"), s.within("nc", "weapons")
(False, False)
>>> s.within("geran-2", "drones"), s.same("geran-2", "shahed-136")
(True, True)
>>> sorted(s.narrower("drones"))
['drones', 'geran-2', 'shahed-136']
>>> s.within("unknown-id", "unknown-id"), s.within("unknown-id", "drones")
(True, False)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

from .models import Entity

__all__ = ["Scope", "closure", "within"]


def closure(direct: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Each key's transitive successors in ``direct`` (itself excluded unless on a cycle).

    >>> sorted(closure({"a": {"b"}, "b": {"c"}})["a"])
    ['b', 'c']
    """
    out: dict[str, frozenset[str]] = {}
    for start in direct:
        seen: set[str] = set()
        todo = list(direct[start])
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(direct.get(x, ()))
        out[start] = frozenset(seen - {start})
    return out


class Scope:
    """The ⊑ relation over one case's entities (closures computed once, on first use).

    Ids the case does not define are only within themselves.
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._entities = {e.id: e for e in entities}

    @cached_property
    def _canon(self) -> dict[str, str]:
        """Each id's same_as class, named by its smallest id (union-find, either way)."""
        parent: dict[str, str] = {i: i for i in self._entities}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for e in self._entities.values():
            for other in e.same_as:
                a, b = find(e.id), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        return {x: find(x) for x in list(parent)}

    def canonical(self, entity: str) -> str:
        """The name of ``entity``'s same_as class (its smallest id)."""
        return self._canon.get(entity, entity)

    @cached_property
    def _up(self) -> dict[str, frozenset[str]]:
        """Each class's broader classes, transitively (itself excluded unless a cycle)."""
        direct: dict[str, set[str]] = defaultdict(set)
        for e in self._entities.values():
            for b in e.broader:
                direct[self.canonical(e.id)].add(self.canonical(b))
        return closure(direct)

    @cached_property
    def _down(self) -> dict[str, frozenset[str]]:
        """Each class's ids within it (every member of it and of its narrower classes)."""
        members: dict[str, set[str]] = defaultdict(set)
        for x, c in self._canon.items():
            members[c].add(x)
        down: dict[str, set[str]] = defaultdict(set)
        for c, ids in members.items():
            down[c] |= ids
            for b in self._up.get(c, ()):
                down[b] |= ids
        return {c: frozenset(ids) for c, ids in down.items()}

    def same(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` denote the same thing (equal, or same_as)."""
        return a == b or self.canonical(a) == self.canonical(b)

    def within(self, a: str, b: str) -> bool:
        """``a ⊑ b``: the same thing, or ``b`` is broader than ``a`` (transitively)."""
        if self.same(a, b):
            return True
        return self.canonical(b) in self._up.get(self.canonical(a), frozenset())

    def narrower(self, b: str) -> frozenset[str]:
        """Every id ``a`` with ``a ⊑ b`` (``b`` itself included)."""
        return self._down.get(self.canonical(b), frozenset()) | {b}


def within(entities: Iterable[Entity], a: str, b: str) -> bool:
    """``a ⊑ b`` among ``entities`` (one-off; build a :class:`Scope` to ask many times).

    >>> from claimgraph.schema.models import Entity
    >>> ents = [Entity(id="shahed", name="Shahed-136", kind="weapon_system", broader=["uav"]),
    ...         Entity(id="uav", name="Drones", kind="weapon_system")]
    >>> within(ents, "shahed", "uav"), within(ents, "uav", "shahed")
    (True, False)
    """
    return Scope(entities).within(a, b)
