"""When two claims of two cases say the same thing: the claim-matching rule.

Two claims match when they have the same predicate and polarity; their subjects, objects
and items resolve to one store-wide entity (:mod:`.resolve`) or one is within the other
(``broader``, ``a ⊑ b``) — all in the same direction; their times overlap (a claim without
a time overlaps every time); and their quantities are comparable: two amounts of one
dimension (units converted: t, kg, tonnes) for the same period, two ratios, or an amount
and no quantity. A capacity ("enough to produce …") only matches a capacity.

``scope`` says how: ``same`` (every role one entity), ``narrower`` (this claim is within
the other: nitrocellulose against dual-use goods) or ``broader``.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Claim, Entity
>>> ents = [Entity(id=i, name=i, kind="state", ids={"wikidata": q})
...         for i, q in (("cn", "Q148"), ("ru", "Q159"))]
>>> def claim(i, **kw):
...     return Claim.model_validate({"id": i, "text": i, "subject": "cn",
...                                  "predicate": "supplies", "object": "ru", **kw})
>>> a = Case(meta=CaseMeta(id="a", title="A"), entities=[*ents,
...     Entity(id="nc", name="NC", kind="commodity", broader=["chem"]),
...     Entity(id="chem", name="Chemicals", kind="commodity")],
...     claims=[claim("a1", item="nc", time="2023",
...                   quantity={"value": 1300, "unit": "t"})])
>>> b = Case(meta=CaseMeta(id="b", title="B"), entities=[*ents,
...     Entity(id="chem", name="Chemicals", kind="commodity", same_as=["a:chem"])],
...     claims=[claim("b1", item="chem", time="2023-01/2023-12",
...                   quantity={"value": 1300000, "unit": "kg"}),
...             claim("b2", item="chem", time="2022")])
>>> m = Matcher(Resolver([a, b]))
>>> [(x.other.name, x.scope) for x in m.matches(("a", "a1"))]
[('b:b1', 'narrower')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from claimgraph.schema.dates import overlaps, time_bounds
from claimgraph.schema.models import Claim

from .figures import Figure, dimension_of, figure_of
from .resolve import Node, Resolver, node_name

__all__ = ["ClaimAt", "Match", "Matcher", "Scope"]

Scope = Literal["same", "narrower", "broader"]


@dataclass(frozen=True)
class ClaimAt:
    """A claim and the case it is in."""

    case: str
    claim: Claim

    @property
    def node(self) -> Node:
        return (self.case, self.claim.id)

    @property
    def name(self) -> str:
        return node_name(self.node)

    @cached_property
    def figure(self) -> Figure | None:
        return figure_of(self.claim)


@dataclass(frozen=True)
class Match:
    """``this`` matches ``other`` with ``scope`` (``narrower``: this is within other)."""

    this: ClaimAt
    other: ClaimAt
    scope: Scope

    @property
    def figures_agree(self) -> bool | None:
        """Whether both figures meet (None unless both claims have one)."""
        a, b = self.this.figure, self.other.figure
        return None if a is None or b is None else a.meets(b)


def _qkind(c: Claim) -> tuple[str, str]:
    q = c.quantity
    if q is None:
        return "none", ""
    if q.capacity:
        return "capacity", (dimension_of(q) or ("ratio",))[0]
    dim = dimension_of(q)
    return ("ratio", "") if dim is None else ("amount", dim[0])


class Matcher:
    """Claim matching over the cases of ``resolver`` (claims indexed by predicate)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.claims: dict[Node, ClaimAt] = {}
        self._index: dict[tuple[str, str, str, str], dict[str, list[ClaimAt]]] = defaultdict(
            lambda: defaultdict(list))
        self._keys: dict[Node, tuple[str, str, str, str]] = {}
        self._items: dict[Node, str] = {}
        for cid in sorted(resolver.cases):
            for c in resolver.cases[cid].claims:
                at = ClaimAt(cid, c)
                self.claims[at.node] = at
                self._keys[at.node] = self._key(at)
                item = self._items[at.node] = resolver.entity_key((cid, c.item)) if c.item \
                    else ""
                self._index[self._keys[at.node]][item].append(at)

    def _key(self, at: ClaimAt) -> tuple[str, str, str, str]:
        c, key = at.claim, self.resolver.entity_key
        return c.predicate, c.polarity, key((at.case, c.subject)), key((at.case, c.object))

    def _candidates(self, x: ClaimAt) -> list[ClaimAt]:
        """Claims whose predicate and polarity are x's and whose subject, object and item
        are x's, within them or around them (the only ones that can match; a claim naming
        no item meets every item)."""
        pred, pol, subject, obj = self._keys[x.node]
        item = self._items[x.node]
        related = self.resolver.related
        out: list[ClaimAt] = []
        for s in sorted(related(subject)):
            for o in sorted(related(obj)):
                by_item = self._index.get((pred, pol, s, o))
                if not by_item:
                    continue
                if not item:
                    for k in sorted(by_item):
                        out += by_item[k]
                    continue
                for k in sorted(related(item) | {""}):
                    out += by_item.get(k, [])
        return out

    def _role(self, x: ClaimAt, y: ClaimAt, a: str | None, b: str | None) -> str | None:
        if a is None and b is None:
            return "same"
        if a is None:
            return "broader"  # naming no item, x says less: y is within it
        if b is None:
            return "narrower"
        na, nb = (x.case, a), (y.case, b)
        if self.resolver.entity_key(na) == self.resolver.entity_key(nb):
            return "same"
        if self.resolver.within(na, nb):
            return "narrower"
        if self.resolver.within(nb, na):
            return "broader"
        return None

    def scope(self, x: ClaimAt, y: ClaimAt) -> Scope | None:
        """How ``x`` matches ``y`` (None: no match)."""
        cx, cy = x.claim, y.claim
        if cx.predicate != cy.predicate or cx.polarity != cy.polarity:
            return None
        roles = {self._role(x, y, cx.subject, cy.subject),
                 self._role(x, y, cx.object, cy.object), self._role(x, y, cx.item, cy.item)}
        if None in roles or {"narrower", "broader"} <= roles:
            return None
        if cx.time and cy.time and not overlaps(cx.time, cy.time):
            return None
        kx, ky = _qkind(cx), _qkind(cy)
        if kx != ky and {kx[0], ky[0]} != {"none", "amount"}:
            return None
        same_period = bool(cx.time and cy.time and time_bounds(cx.time) == time_bounds(cy.time))
        if kx[0] == "amount" == ky[0] and not same_period:
            return None  # amounts of different periods are not one figure
        roles.discard("same")
        return roles.pop() if roles else "same"  # type: ignore[return-value]

    def matches(self, node: Node, *, other_cases: bool = True) -> list[Match]:
        """Every claim matching the claim ``node`` (in other cases only, by default)."""
        x = self.claims[node]
        out = []
        for y in self._candidates(x):
            if y.node == x.node or (other_cases and y.case == x.case):
                continue
            s = self.scope(x, y)
            if s is not None:
                out.append(Match(x, y, s))
        return sorted(out, key=lambda m: m.other.node)

    def cross_case_pairs(self) -> Iterator[Match]:
        """Each matching pair of claims of two different cases once (``this`` first by
        name)."""
        for node in sorted(self.claims):
            x = self.claims[node]
            for y in self._candidates(x):
                if y.case == x.case or y.node <= x.node:
                    continue
                s = self.scope(x, y)
                if s is not None:
                    yield Match(x, y, s)
