"""The catalogue: which named graphs are the *current* ones of each case.

A build never writes into the graphs readers use. It bulk-loads into fresh graphs whose names
carry a build id (``.../case/<case>/graph/<role>-<build>``, see
:func:`claimgraph.graph.iris.graph_iri`), then replaces the case's entry in the small
catalogue graph ``https://w3id.org/claimgraph/catalog`` in one SPARQL update (one
transaction), then drops the superseded graphs. Readers scope every query to the graphs the
catalogue names, so a half-loaded or superseded graph is never seen, and a failed build only
has to remove its own fresh graphs to leave the store exactly as it was.

A rebuild that changes few quads patches the current graphs in place instead
(:mod:`.patch`): then the graph names keep the id of the build that first created them
while the entry's ``build`` names the latest one.

Catalogue terms live in their own closed set, :data:`TERMS` (store bookkeeping, not part of
the case ontology).

Examples
--------
>>> entry = CaseInfo("demo", "case", "Demo", "b1", "2026-01-01T00:00:00Z",
...                  CaseGraphs(data=build_graph("demo", "data", "b1")), {"claims": 2})
>>> entry.graphs.data
'https://w3id.org/claimgraph/case/demo/graph/data-b1'
>>> from claimgraph.graph.store import open_store
>>> store = open_store(":memory:")
>>> store.update(flip_update([entry]))  # one transaction: the entry becomes current
>>> store.cases() == [entry]
True
>>> case_of_graph(entry.graphs.data), case_of_graph("https://w3id.org/claimgraph/case/demo")
('demo', None)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claimgraph.errors import StoreError
from claimgraph.graph.iris import BASE, case_iri, graph_iri, parse_iri

from .terms import Row, nt_iri, nt_literal

__all__ = [
    "CATALOG_GRAPH",
    "EMPTY_GRAPH",
    "ROLES",
    "TERMS",
    "CaseGraphs",
    "CaseInfo",
    "build_graph",
    "case_of_graph",
    "entry_iri",
    "entry_pairs",
    "flip_update",
    "parse_entries",
]

CATALOG_GRAPH = BASE + "catalog"
"""The named graph holding one entry per case (or imported file)."""

EMPTY_GRAPH = BASE + "empty"
"""Never holds quads: the default graph of a query when the store holds no case."""

ROLES = ("data", "provenance", "derived")
"""The graphs of a built case: its records, how it was built, what was computed from it."""

_NS = BASE + "catalog#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_COUNTS = ("entities", "sources", "claims", "quads")

TERMS: dict[str, str] = {
    name: _NS + name
    for name in ("Entry", "caseId", "kind", "title", "build", "builtAt", "graph",
                 "dataGraph", "provenanceGraph", "derivedGraph", "inputs", *_COUNTS)
}
"""Closed set of catalogue terms (a typo raises ``KeyError``, never mints a new IRI)."""

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ROLE_TERM = {"data": "dataGraph", "provenance": "provenanceGraph", "derived": "derivedGraph"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


def _check_id(value: str, what: str) -> str:
    if not _ID.match(value):
        raise StoreError(f"invalid {what} {value!r}",
                         hint="use lower-case letters, digits, '-' and '_'")
    return value


def entry_iri(case_id: str) -> str:
    """IRI of a case's catalogue entry: the case IRI (described in the catalogue graph)."""
    return case_iri(_check_id(case_id, "case id"))


def build_graph(case_id: str, role: str, build_id: str) -> str:
    """Name of one fresh graph of one build: ``.../case/<case>/graph/<role>-<build>``."""
    _check_id(case_id, "case id")
    return graph_iri(case_id, role, suffix=_check_id(build_id, "build id"))


def case_of_graph(graph: str) -> str | None:
    """The case a build graph (``<role>-<build>``) belongs to; ``None`` for any other graph."""
    parts = parse_iri(graph)
    if parts is None or parts.kind != "graph" or "-" not in parts.id:
        return None
    return parts.case_id


@dataclass(frozen=True)
class CaseGraphs:
    """The current graphs of one catalogue entry, by role (``other``: imported graphs)."""

    data: str | None = None
    provenance: str | None = None
    derived: str | None = None
    other: tuple[str, ...] = ()

    def all(self) -> list[str]:
        """Every graph of the entry, sorted."""
        found = [g for g in (self.data, self.provenance, self.derived) if g]
        return sorted({*found, *self.other})


@dataclass(frozen=True)
class CaseInfo:
    """One catalogue entry: a built case (``kind="case"``) or an imported file (``"import"``)."""

    id: str
    kind: str
    title: str
    build: str
    built_at: str
    graphs: CaseGraphs
    counts: dict[str, int] = field(default_factory=dict)
    inputs: str = ""
    """Digest of what the build read (input files and code version, see
    :func:`claimgraph.graph.build.input_digest`): equal digests, nothing to rebuild."""

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {"id": self.id, "kind": self.kind, "title": self.title, "build": self.build,
                "built_at": self.built_at, "counts": dict(sorted(self.counts.items())),
                "graphs": {"data": self.graphs.data, "provenance": self.graphs.provenance,
                           "derived": self.graphs.derived, "other": list(self.graphs.other)}}


def entry_pairs(entry: CaseInfo) -> list[tuple[str, str]]:
    """(predicate IRI, object in N-Triples syntax) pairs describing ``entry``."""
    t = TERMS
    pairs = [
        (_RDF_TYPE, nt_iri(t["Entry"])),
        (t["caseId"], nt_literal(entry.id)),
        (t["kind"], nt_literal(entry.kind)),
        (t["title"], nt_literal(entry.title)),
        (t["build"], nt_literal(entry.build)),
        (t["builtAt"], nt_literal(entry.built_at, _XSD + "dateTime")),
    ]
    for role in ROLES:
        graph = getattr(entry.graphs, role)
        if graph:
            pairs.append((t[_ROLE_TERM[role]], nt_iri(graph)))
    pairs += [(t["graph"], nt_iri(g)) for g in entry.graphs.all()]
    pairs += [(t[k], nt_literal(v)) for k, v in sorted(entry.counts.items()) if k in _COUNTS]
    if entry.inputs:
        pairs.append((t["inputs"], nt_literal(entry.inputs)))
    return pairs


def parse_entries(rows: Iterable[Row]) -> list[CaseInfo]:
    """Catalogue entries from ``?e ?p ?o`` rows of the catalogue graph, sorted by id.

    The objects come back as lexical values (see :mod:`.terms`)."""
    by_entry: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        e, p, o = row.get("e"), row.get("p"), row.get("o")
        if e and p and o is not None:
            by_entry.setdefault(e, {}).setdefault(p, []).append(o)
    out: list[CaseInfo] = []
    t = TERMS
    for props in by_entry.values():
        def one(term: str, props: dict[str, list[str]] = props) -> str:
            values = props.get(t[term], [])
            return sorted(values)[0] if values else ""

        if not one("caseId"):
            continue
        roles = {role: (one(_ROLE_TERM[role]) or None) for role in ROLES}
        named = {g for g in roles.values() if g}
        other = tuple(sorted(set(props.get(t["graph"], [])) - named))
        counts = {k: int(one(k)) for k in _COUNTS if one(k)}
        out.append(CaseInfo(one("caseId"), one("kind"), one("title"), one("build"),
                            one("builtAt"), CaseGraphs(**roles, other=other), counts,
                            one("inputs")))
    return sorted(out, key=lambda c: c.id)


def flip_update(new: Sequence[CaseInfo], remove: Sequence[str] = ()) -> str:
    """One SPARQL update that replaces (or, for ids in ``remove``, deletes) catalogue entries.

    Sent as a single request/transaction, this is the moment a build becomes visible."""
    cat = nt_iri(CATALOG_GRAPH)
    ops = [f"DELETE WHERE {{ GRAPH {cat} {{ {nt_iri(entry_iri(i))} ?p ?o }} }}"
           for i in sorted({*remove, *(e.id for e in new)})]
    lines = [f"{nt_iri(entry_iri(e.id))} {nt_iri(p)} {o} ." for e in new
             for p, o in entry_pairs(e)]
    if lines:
        ops.append(f"INSERT DATA {{ GRAPH {cat} {{\n" + "\n".join(lines) + "\n} }")
    return " ;\n".join(ops)
