"""The store at a glance, for the store's casebook index: entities shared by cases (with
the links that join them), claims corroborated across cases (with their independent
origins), claims disputed across cases, and cross-case links that resolve to nothing.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Entity
>>> a = Case(meta=CaseMeta(id="a", title="A"),
...          entities=[Entity(id="cn", name="China", kind="state", ids={"wikidata": "Q148"})])
>>> b = Case(meta=CaseMeta(id="b", title="B"),
...          entities=[Entity(id="prc", name="PRC", kind="state", ids={"wikidata": "Q148"})])
>>> o = store_overview(StoreCases([a, b]))
>>> [(e.key, [n for n, _ in e.names]) for e in o.shared_entities]
[('a:cn', ['a:cn', 'b:prc'])]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .corroborate import Corroboration, corroborate
from .disagree import Disagreement, disagreements
from .load import StoreCases
from .origins import ChainReader
from .resolve import Link, Unresolved, node_name

__all__ = ["SharedEntity", "StoreOverview", "store_overview"]


@dataclass(frozen=True)
class SharedEntity:
    """One entity class spanning cases: ``names`` (``CASE:ID``, name) and its links."""

    key: str
    names: tuple[tuple[str, str], ...]
    links: tuple[Link, ...]


@dataclass
class StoreOverview:
    """What the store index shows."""

    cases: list[tuple[str, str, int]]  # id, title, claims
    shared_entities: list[SharedEntity] = field(default_factory=list)
    corroborated: list[Corroboration] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    unresolved: tuple[Unresolved, ...] = ()

    def disputed(self) -> set[str]:
        """``CASE:CLAIM`` of every claim on a side of a disagreement."""
        return {f"{s.case}:{s.claim}" for d in self.disagreements for s in (d.left, d.right)}


def store_overview(sc: StoreCases) -> StoreOverview:
    """The overview of every case in ``sc``."""
    r = sc.resolver
    out = StoreOverview([(c.meta.id, c.meta.title, len(c.claims)) for c in
                         sorted(sc.cases, key=lambda c: c.meta.id)], unresolved=r.unresolved)
    for key, nodes in sorted(r.shared("entity").items()):
        out.shared_entities.append(SharedEntity(
            key, tuple((node_name(n), r.entities[n].name) for n in nodes),
            tuple(r.links_of(key))))
    reader = ChainReader(r)
    for node in sorted(sc.matcher.claims):
        co = corroborate(sc, node, reader)
        if co.corroborating:
            out.corroborated.append(co)
    out.disagreements = disagreements(sc)
    return out
