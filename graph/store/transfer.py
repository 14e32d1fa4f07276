"""Export the current dataset as RDF, and import RDF back into the store.

Formats (the one registry, :mod:`claimgraph.graph.rdfformat`): import reads every syntax
there, export writes ``EXPORT_SYNTAXES``. ``nquads`` and ``trig`` keep named graphs and the
catalogue, so an exported store imported into another store reproduces it graph for graph;
``jsonld`` keeps them too (expanded JSON-LD, one ``@graph`` per named graph); ``turtle`` has
no graphs and merges the triples of the exported graphs (the catalogue is left out).
Output is deterministic: quads sorted by graph, subject, predicate and object, blank nodes
relabelled canonically (RDFC-1.0) when there are any.

Import recognises a claimgraph export by its catalogue graph: each catalogued case is loaded
under its own graph names and becomes current in one catalogue flip (a case whose build is
already current is left as it is). Anything else in the file is *foreign* RDF: it becomes
one catalogue entry of kind ``import`` named after the file; its default-graph triples go
to a fresh graph of that entry, its named graphs keep their names.

Examples
--------
>>> from claimgraph.graph.store import open_store
>>> store = open_store(":memory:")
>>> [e.id for e in store.import_rdf(b"<urn:x:a> <urn:x:b> 'c' .", "turtle", name="My notes")]
['my-notes']
>>> store.query("SELECT ?o WHERE { ?s ?p ?o }")
[{'o': 'c'}]
>>> print(store.export("turtle").decode())
<urn:x:a> <urn:x:b> "c" .
<BLANKLINE>
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pyoxigraph as ox

from claimgraph.errors import BuildError, StoreError
from claimgraph.graph.rdfformat import EXPORT_SYNTAXES, RdfSyntax
from claimgraph.textsafety import escape_unicode

from ..rdfinput import guard_rdf
from .catalog import (
    CATALOG_GRAPH,
    EMPTY_GRAPH,
    CaseGraphs,
    CaseInfo,
    build_graph,
    entry_iri,
    parse_entries,
)
from .terms import in_graph, rows_from_solutions

if TYPE_CHECKING:
    from .base import FailPoint, Store

__all__ = ["export_store", "import_rdf"]


def _prefixes(data: bytes) -> dict[str, str]:
    """The project's prefixes whose namespace occurs in ``data``, sorted by prefix."""
    from claimgraph.graph.namespace import PREFIXES

    known = {**PREFIXES, "cgcat": CATALOG_GRAPH + "#"}
    return {p: ns for p, ns in sorted(known.items()) if ns.encode() in data}


def _sorted_prefix_lines(text: bytes) -> bytes:
    """Prefix declarations in a stable order (the serialiser's order is not promised)."""
    lines = text.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix"):
        n += 1
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def _graph_key(q: ox.Quad) -> tuple[str, str, str, str]:
    g = q.graph_name
    return (str(g) if not isinstance(g, ox.DefaultGraph) else "",
            str(q.subject), str(q.predicate), str(q.object))


def _canonical_sorted(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    items = list(quads)
    if any(isinstance(t, ox.BlankNode) for q in items
           for t in (q.subject, q.object, q.graph_name)):
        ds = ox.Dataset(items)
        ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        items = list(ds)
    return sorted(items, key=_graph_key)


def export_store(store: Store, fmt: str, *, case: str | None = None) -> bytes:
    """The current graphs (of every entry, or of ``case``) with their catalogue entries;
    ``fmt`` one of :data:`~claimgraph.graph.rdfformat.EXPORT_SYNTAXES`."""
    if fmt not in EXPORT_SYNTAXES:
        raise StoreError(f"cannot export as '{fmt}'",
                         hint="use one of: " + ", ".join(EXPORT_SYNTAXES))
    entries = [store.case_info(case)] if case else store.cases()
    graphs = sorted({g for e in entries for g in e.graphs.all()})
    data = store.dump(graphs)
    if fmt != "turtle" and entries:
        values = " ".join(f"<{entry_iri(e.id)}>" for e in entries)
        catalog = store._run(
            f"CONSTRUCT {{ ?e ?p ?o }} WHERE {{ VALUES ?e {{ {values} }} "
            f"GRAPH <{CATALOG_GRAPH}> {{ ?e ?p ?o }} }}", [EMPTY_GRAPH], [CATALOG_GRAPH])
        data += in_graph(catalog.triples, CATALOG_GRAPH)
    quads = _canonical_sorted(ox.parse(data, ox.RdfFormat.N_QUADS))
    if fmt in (RdfSyntax.nquads, RdfSyntax.jsonld):
        out = ox.serialize(quads, format=RdfSyntax(fmt).ox)
    elif fmt == "turtle":
        triples = sorted({q.triple for q in quads},
                         key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        out = _sorted_prefix_lines(ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                                                prefixes=_prefixes(data)) or b"")
    else:
        out = _sorted_prefix_lines(ox.serialize(quads, format=ox.RdfFormat.TRIG,
                                                prefixes=_prefixes(data)) or b"")
    return _escape_unsafe(out or b"")


def _escape_unsafe(data: bytes) -> bytes:
    """Control and bidi characters the serialiser leaves raw (C1, DEL, U+202E …) as
    ``\\uXXXX``: the same RDF, and nothing that could rewrite a terminal showing it."""
    text = data.decode("utf-8")
    safe = escape_unicode(text)
    return data if safe is text else safe.encode("utf-8")


def _entry_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9_\-]+", "-", name.lower()).strip("-_")
    return slug[:100] or "import"


def import_rdf(store: Store, data: bytes, fmt: str, *, name: str,
               fail_point: FailPoint | None = None) -> list[CaseInfo]:
    """Load RDF into ``store`` in one catalogue flip; returns the entries made current.

    ``name`` (e.g. the file name) names the entry that holds foreign RDF; ``fail_point``
    is passed to :meth:`Store.replace <claimgraph.graph.store.base.Store.replace>`."""
    syntax = RdfSyntax.parse(fmt)
    data = guard_rdf(data, syntax.value)
    parsed = ox.Store()
    try:
        parsed.load(data, syntax.ox)
    except SyntaxError as exc:
        raise StoreError(f"not valid {fmt}: {exc}",
                         hint="check the file, or give --rdf-format") from None
    catalog = ox.NamedNode(CATALOG_GRAPH)
    rows = rows_from_solutions(parsed.query(  # type: ignore[arg-type]
        f"SELECT ?e ?p ?o WHERE {{ GRAPH <{CATALOG_GRAPH}> {{ ?e ?p ?o }} }}"))[1]
    current = {e.id: e for e in store.cases()}
    in_file = [e for e in parse_entries(rows) if e.kind in ("case", "import")]
    fresh = [e for e in in_file if current.get(e.id) is None
             or current[e.id].build != e.build]
    catalogued = {g for e in in_file for g in e.graphs.all()}
    wanted = {g for e in fresh for g in e.graphs.all()}
    foreign_named = sorted(g.value for g in parsed.named_graphs()
                           if isinstance(g, ox.NamedNode) and g.value not in catalogued
                           and g != catalog)
    default = parsed.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    loads: list[tuple[str, bytes]] = []
    entries = list(fresh)
    if default.strip() or foreign_named:
        existing = set(store.named_graphs())
        clash = [g for g in foreign_named if g in existing]
        if clash:
            raise BuildError(f"the graph <{clash[0]}> is already in the store",
                             hint="drop the entry holding it (`claimgraph cases` lists them) "
                                  "and import again")
        build = hashlib.sha256(data).hexdigest()[:12]
        entry_id = _entry_id(name)
        target = build_graph(entry_id, "import", build) if default.strip() else None
        if entry_id in current and current[entry_id].build == build:
            target, foreign_named = None, []
        else:
            other = tuple(sorted({*foreign_named, *([target] if target else [])}))
            entries.append(CaseInfo(entry_id, "import", name, build,
                                    datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                    CaseGraphs(other=other),
                                    {"quads": len(parsed) - _count(parsed, catalog)}))
        if target:
            loads.append(("import:default", in_graph(default, target)))
        wanted |= set(foreign_named)
    for g in sorted(wanted):
        triples = parsed.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g)) or b""
        loads.append((f"import:{g}", in_graph(triples, g)))
    if entries:
        store.replace(entries, loads, fail_point=fail_point)
    return entries


def _count(store: ox.Store, graph: ox.NamedNode) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
