"""Which records of several cases are one thing: entities by a shared external id or a
cross-case ``same_as``, sources by URL or ``same_as``; every link with its provenance.

A record is named store-wide by ``CASE:ID``. Two entities of two cases are one when they
share an identifier of a scheme ``crosscase.yaml`` lists (Wikidata QID, HS code,
OpenSanctions or FtM id; compared normalised: HS ``3912.20`` = ``391220``), or when one
says ``same_as: [OTHER-CASE:ID]``; within one case ``same_as`` as ever. Equal ids in two
cases are *not* a link (ids are chosen per case). ``broader`` edges of every case are read
over the merged classes, so ``a ⊑ b`` holds across cases (:meth:`Resolver.within`).

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Entity, Source
>>> a = Case(meta=CaseMeta(id="a", title="A"), entities=[
...     Entity(id="nc", name="Nitrocellulose", kind="commodity", ids={"hs": "3912.20"}),
...     Entity(id="dual-use", name="Dual-use goods", kind="commodity")],
...     sources=[Source(id="customs", title="Customs data", kind="customs_data")])
>>> b = Case(meta=CaseMeta(id="b", title="B"), entities=[
...     Entity(id="cellulose-nitrate", name="Cellulose nitrate", kind="commodity",
...            ids={"hs": "391220"}, broader=["dual-use"]),
...     Entity(id="dual-use", name="Dual use", kind="commodity", same_as=["a:dual-use"])],
...     sources=[Source(id="gacc", title="Customs", kind="customs_data", same_as=["a:customs"])])
>>> r = Resolver([a, b])
>>> r.entity_key(("b", "cellulose-nitrate")), r.source_key(("b", "gacc"))
('a:nc', 'a:customs')
>>> [str(x) for x in r.links_of("a:nc")]
['a:nc = b:cellulose-nitrate (HS code 391220: ids.hs of both)']
>>> r.within(("a", "nc"), ("a", "dual-use"))  # b says it, for the class both share
True
>>> r.unresolved
()
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from claimgraph.schema.models import Case, Entity, Source

from .settings import crosscase_settings

__all__ = ["Link", "Node", "Resolver", "Unresolved", "node_name", "normalise_url"]

Node = tuple[str, str]
"""A record store-wide: (case id, record id)."""


def node_name(node: Node) -> str:
    """``CASE:ID``."""
    return f"{node[0]}:{node[1]}"


@dataclass(frozen=True, order=True)
class Link:
    """Two records of two cases are one: ``how`` (``same_as``, ``url``, or the scheme
    label and value) and ``declared`` (where it is said: ``ids.hs of both``,
    ``same_as of b:gacc``)."""

    kind: str  # entity | source
    a: Node
    b: Node
    how: str
    declared: str
    at: tuple[str, ...] = ()  # "CASE FILE:LINE:COL" of the records that say it, when known

    def __str__(self) -> str:
        where = f" at {'; '.join(self.at)}" if self.at else ""
        return f"{node_name(self.a)} = {node_name(self.b)} ({self.how}: {self.declared}{where})"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "a": node_name(self.a), "b": node_name(self.b),
                "how": self.how, "declared": self.declared, "at": list(self.at)}


@dataclass(frozen=True, order=True)
class Unresolved:
    """A ``same_as: [CASE:ID]`` naming a case or record the store does not hold."""

    kind: str
    node: Node
    ref: str
    reason: str

    def __str__(self) -> str:
        return f"{node_name(self.node)}: same_as '{self.ref}': {self.reason}"


def normalise_url(url: str) -> str:
    """A URL as compared across cases.

    >>> normalise_url("HTTPS://www.Example.org/a/b/#top")
    'https://example.org/a/b'
    """
    p = urlsplit(url.strip())
    host = p.netloc.lower().removeprefix("www.")
    path = p.path.rstrip("/")
    return f"{p.scheme.lower()}://{host}{path}" + (f"?{p.query}" if p.query else "")


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, x: Node) -> Node:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Resolver:
    """Records of ``cases`` resolved into store-wide classes (computed once)."""

    def __init__(self, cases: Sequence[Case], where: Mapping[Node, str] | None = None) -> None:
        self.cases = {c.meta.id: c for c in cases}
        self._where = dict(where or {})
        self.entities: dict[Node, Entity] = {
            (c.meta.id, e.id): e for c in cases for e in c.entities}
        self.sources: dict[Node, Source] = {
            (c.meta.id, s.id): s for c in cases for s in c.sources}
        self._ent, self._src = _Union(), _Union()
        links: list[Link] = []
        unresolved: list[Unresolved] = []
        for n in self.entities:
            self._ent.find(n)
        for n in self.sources:
            self._src.find(n)
        self._same_as("entity", self.entities, self._ent, links, unresolved)
        self._same_as("source", self.sources, self._src, links, unresolved)
        self._by_ids(links)
        if crosscase_settings().match_url:
            self._by_url(links)
        self.links = tuple(sorted(set(links)))
        self.unresolved = tuple(sorted(set(unresolved)))
        self._up = self._broader()
        down: dict[str, set[str]] = defaultdict(set)
        for k, ups in self._up.items():
            for u in ups:
                down[u].add(k)
        self._down = {k: frozenset(v) for k, v in down.items()}
        self._ekey = {n: node_name(self._ent.find(n)) for n in self.entities}
        self._related: dict[str, frozenset[str]] = {}

    # -- building ---------------------------------------------------------------------------
    def _at(self, *nodes: Node) -> tuple[str, ...]:
        return tuple(f"{n[0]} {self._where[n]}" for n in nodes if n in self._where)

    def _same_as(self, kind: str, records: dict[Node, Entity] | dict[Node, Source],
                 uf: _Union, links: list[Link], unresolved: list[Unresolved]) -> None:
        for (cid, rid), rec in records.items():
            for ref in rec.same_as:
                other_case, sep, other = ref.partition(":")
                if not sep:
                    if (cid, ref) in records:
                        uf.join((cid, rid), (cid, ref))
                    continue
                target = (other_case, other)
                if other_case not in self.cases:
                    unresolved.append(Unresolved(kind, (cid, rid), ref,
                                                 f"the store holds no case '{other_case}'"))
                elif target not in records:
                    unresolved.append(Unresolved(kind, (cid, rid), ref,
                                                 f"case '{other_case}' has no {kind} '{other}'"))
                else:
                    uf.join((cid, rid), target)
                    a, b = sorted([(cid, rid), target])
                    links.append(Link(kind, a, b, "same_as",
                                      f"same_as of {node_name((cid, rid))}",
                                      self._at((cid, rid))))

    def _by_ids(self, links: list[Link]) -> None:
        settings = crosscase_settings()
        first: dict[tuple[str, str], Node] = {}
        for node in sorted(self.entities):
            for scheme, value in sorted(self.entities[node].ids.items()):
                norm = settings.normalise(scheme, value)
                if norm is None:
                    continue
                seen = first.setdefault((scheme, norm), node)
                if seen != node and seen[0] != node[0]:
                    self._ent.join(seen, node)
                    links.append(Link("entity", seen, node, f"{settings.label(scheme)} {norm}",
                                      f"ids.{scheme} of both", self._at(seen, node)))

    def _by_url(self, links: list[Link]) -> None:
        first: dict[str, Node] = {}
        for node in sorted(self.sources):
            url = self.sources[node].url
            if not url:
                continue
            seen = first.setdefault(normalise_url(url), node)
            if seen != node and seen[0] != node[0]:
                self._src.join(seen, node)
                links.append(Link("source", seen, node, "url", "url of both",
                                  self._at(seen, node)))

    def _broader(self) -> dict[str, frozenset[str]]:
        direct: dict[str, set[str]] = defaultdict(set)
        for (cid, rid), e in self.entities.items():
            for b in e.broader:
                if (cid, b) in self.entities:
                    direct[self.entity_key((cid, rid))].add(self.entity_key((cid, b)))
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

    # -- asking -------------------------------------------------------------------------------
    def entity_key(self, node: Node) -> str:
        """The store-wide name of an entity's class (its smallest ``CASE:ID``)."""
        got = self._ekey.get(node) if hasattr(self, "_ekey") else None
        return got if got is not None else node_name(self._ent.find(node))

    def source_key(self, node: Node) -> str:
        """The store-wide name of a source's class (its smallest ``CASE:ID``)."""
        return node_name(self._src.find(node))

    def within(self, a: Node, b: Node) -> bool:
        """``a ⊑ b`` store-wide: one class, or ``b``'s class up a ``broader`` path."""
        ka, kb = self.entity_key(a), self.entity_key(b)
        return ka == kb or kb in self._up.get(ka, frozenset())

    def related(self, key: str) -> frozenset[str]:
        """The entity classes within ``key``'s class or containing it (itself included)."""
        got = self._related.get(key)
        if got is None:
            got = self._related[key] = frozenset({key}) | self._up.get(
                key, frozenset()) | self._down.get(key, frozenset())
        return got

    def members(self, kind: str) -> dict[str, list[Node]]:
        """Class name -> its records (sorted), for ``entity`` or ``source``."""
        out: dict[str, list[Node]] = defaultdict(list)
        records: Iterable[Node] = self.entities if kind == "entity" else self.sources
        key = self.entity_key if kind == "entity" else self.source_key
        for n in sorted(records):
            out[key(n)].append(n)
        return dict(out)

    def shared(self, kind: str = "entity") -> dict[str, list[Node]]:
        """The classes whose records span more than one case."""
        return {k: v for k, v in self.members(kind).items() if len({c for c, _ in v}) > 1}

    def links_of(self, key: str) -> list[Link]:
        """The links that joined the class named ``key``."""
        return [x for x in self.links if (self.entity_key(x.a) if x.kind == "entity"
                                          else self.source_key(x.a)) == key]
