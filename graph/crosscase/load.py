"""Every case of a store, read once, with their cross-case resolution and matching."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from claimgraph.graph.iris import parse_iri
from claimgraph.graph.namespace import SPARQL_PREFIXES
from claimgraph.graph.store.base import Store
from claimgraph.schema.models import Case

from .match import Matcher
from .resolve import Node, Resolver

__all__ = ["StoreCases", "load_store_cases"]


@dataclass
class StoreCases:
    """The cases of one store with their :class:`Resolver` and :class:`Matcher`."""

    cases: Sequence[Case]
    where: Mapping[Node, str] = field(default_factory=dict)
    resolver: Resolver = field(init=False)
    matcher: Matcher = field(init=False)

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.cases, self.where)
        self.matcher = Matcher(self.resolver)


_WHERE = """SELECT ?s ?at WHERE { ?s cg:definedAt ?at }"""


def _where(store: Store, case_id: str) -> dict[Node, str]:
    """(case, record id) -> ``file:line:col`` of its entities and sources (the build's
    provenance graph)."""
    out: dict[Node, str] = {}
    for row in store.query(SPARQL_PREFIXES + _WHERE, case=case_id):
        parts = parse_iri(str(row["s"]))
        if parts is not None and parts.kind in ("entity", "source") and not parts.rest:
            out[(parts.case_id, parts.id)] = str(row["at"])
    return out


def load_store_cases(store: Store) -> StoreCases:
    """Read every case of ``store`` (full records, where each entity and source is
    defined) and resolve them."""
    ids = [i.id for i in store.cases() if i.kind == "case"]
    where: dict[Node, str] = {}
    for cid in ids:
        where.update(_where(store, cid))
    return StoreCases([store.read_case(cid) for cid in ids], where)
