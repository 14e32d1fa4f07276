"""Inputs of the analytics: a case and its evidence statuses, read from the store.

Analytics never read YAML. :func:`load_inputs` reads, from the case's current graphs in the
store (embedded or remote, through :meth:`Store.query <claimgraph.graph.store.Store.query>`
and :meth:`~claimgraph.graph.store.Store.construct`), just what the projections and the
commands use, in a handful of targeted SPARQL queries:

* the case metadata with its own vocabulary (one small CONSTRUCT, read back by
  :func:`~claimgraph.graph.mapping.quads_to_case`);
* entities: :data:`FIELDS` ``["entities"]``; sources: their id, title and kind;
* claims: :data:`FIELDS` ``["claims"]``, with each evidence item's source, relation and
  quote;
* from the derived graph, per claim: the evidence status, the support level under a flag
  status and the number of independent *checkable* origins (captured, reached through an
  anchored quote) — an "unsourced" claim resting on three referred-only reports gets no
  bonus for them.

The queries of the data graph are made from the mapping table for the fields named here
(:func:`claimgraph.graph.mapping.sparql.read_rows`): per-claim references (subject, object,
predicate, item, ...) and short literals (time, polarity) come back grouped by value, and
claims are keyed by their ``dcterms:identifier``, so the store decodes each long IRI once,
not once per claim (decoding dominates). On the
generated 100,000-claim store: ~7 s, against ~45 s for ``store.read_case`` +
``read_assessment`` (``benchmarks/bench_analytics.py --full-read``). The claims are built
with ``model_construct`` from values the store validated at build time.

``Inputs.case`` is therefore a *partial* case (``Inputs.partial``): fields not in
:data:`FIELDS` keep their model defaults (no source texts, selectors, notes, place,
supports/contradicts, a verdict's rationale and publisher ...; a verdict's rating is read:
it keeps a claim out of the analytics). ``load_inputs(store, case_id, full=True)`` reads
the full records with ``store.read_case`` and the whole assessment with the provenance
helper's ``read_assessment`` instead: slower, the same statuses and the same
projections (``tests/test_analytics_loading.py`` compares the two on both backends).

When the store holds no assessment for a case (built without provenance), the statuses
fall back to :func:`~claimgraph.graph.analytics.projection.naive_statuses`
(``Inputs.assessed`` is False). A flag status (``contested``, ``unanchored``) comes with
the support level under it, and a claim counts as the weaker of the two.

Examples
--------
>>> from claimgraph.graph.provenance import CaseAssessment, ClaimAssessment
>>> a = CaseAssessment("demo", {"c1": ClaimAssessment(
...     "c1", "corroborated", origins=("s1", "s2", "s3"), checkable_origins=("s1", "s2"))})
>>> statuses_from_assessment(a)
{'c1': ('corroborated', 2)}

From a store (an in-memory one here; the CLI opens the on-disk one read-only):

>>> from claimgraph.graph.store import open_store
>>> from claimgraph.graph.mapping import case_to_nquads
>>> from claimgraph.graph.store.catalog import CaseGraphs, CaseInfo, build_graph, flip_update
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({"meta": {"id": "demo", "title": "Demo"},
...     "entities": [{"id": "cn", "name": "China", "kind": "state"},
...                  {"id": "ru", "name": "Russia", "kind": "state"}],
...     "sources": [{"id": "s1", "title": "Wire", "kind": "news"}],
...     "claims": [{"id": "c1", "text": "China supplies Russia.", "subject": "cn",
...                 "predicate": "supplies", "object": "ru",
...                 "evidence": [{"source": "s1", "quote": "supplies"}]}]})
>>> store = open_store(":memory:")
>>> graph = build_graph("demo", "data", "b1")
>>> store.load_nquads(case_to_nquads(case, graph=graph))
>>> store.update(flip_update([CaseInfo("demo", "case", "Demo", "b1", "2026-01-01T00:00:00Z",
...                                    CaseGraphs(data=graph))]))
>>> inputs = load_inputs(store, "demo")
>>> inputs.case.claims[0].subject, inputs.case.claims[0].evidence[0].quote
('cn', 'supplies')
>>> inputs.statuses, inputs.assessed, inputs.partial   # no derived graph: the stand-in
({'c1': ('single-origin', 1)}, False, True)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

from claimgraph.errors import ClaimgraphError, NotFoundError
from claimgraph.graph.iris import local_id
from claimgraph.graph.mapping.sparql import closure_query, read_rows
from claimgraph.graph.mapping.spec import Shape
from claimgraph.graph.mapping.table import CASE_SHAPE, CLAIM_SHAPE, ENTITY_SHAPE, SOURCE_SHAPE
from claimgraph.graph.namespace import SPARQL_PREFIXES
from claimgraph.graph.provenance.model import CaseAssessment
from claimgraph.graph.rdfterms import paused_gc
from claimgraph.graph.store.base import Store
from claimgraph.schema.models import (
    Case,
    CaseMeta,
    Claim,
    Entity,
    Evidence,
    Quantity,
    Source,
    Verdict,
)

from .projection import StatusMap, naive_statuses

M = TypeVar("M", bound=BaseModel)

__all__ = ["FIELDS", "Inputs", "load_inputs", "read_case_for_analytics", "read_case_meta",
           "read_statuses",
           "statuses_from_assessment"]

FIELDS: dict[str, tuple[str, ...]] = {
    "meta": ("id", "title", "description", "curators", "license", "language", "vocabulary",
             "unclaimed", "tags"),
    "entities": ("id", "name", "kind", "description", "aliases", "country", "part_of",
                 "same_as", "broader", "overlaps"),
    "sources": ("id", "title", "kind", "text", "url", "reliability", "description"),
    "claims": ("id", "text", "subject", "predicate", "object", "item", "quantity", "time",
               "via", "polarity", "claimant", "confidence", "motives", "evidence", "tags",
               "verdict"),
    "evidence": ("source", "quote", "relation", "attributed_to", "relays"),
    "verdict": ("rating",),
}
"""The model fields the fast path reads; every other field keeps its model default."""


def statuses_from_assessment(
        assessment: CaseAssessment) -> dict[str, tuple[str, int] | tuple[str, int, str]]:
    """``{claim_id: (status, independent checkable origins[, support])}`` from a
    ``CaseAssessment`` (:meth:`ClaimAssessment.status_entry
    <claimgraph.graph.provenance.ClaimAssessment.status_entry>` of each claim)."""
    return {cid: a.status_entry() for cid, a in sorted(assessment.claims.items())}


@dataclass(frozen=True)
class Inputs:
    """A case read from the store and its statuses; ``assessed`` is False when the
    statuses are the naive stand-in; ``partial`` is True when ``case`` holds only the
    :data:`FIELDS` the analytics use (the default, fast path)."""

    case: Case
    statuses: StatusMap
    assessed: bool
    partial: bool = False


def load_inputs(store: Store, case_id: str, *, full: bool = False) -> Inputs:
    """Read a case and its evidence statuses from ``store`` (embedded or remote).

    ``full=True`` reads whole records (``store.read_case``) and the whole assessment
    (``read_assessment``): the same statuses and projections, many times slower on a big
    case.
    """
    if full:
        case = store.read_case(case_id)
        from claimgraph.graph.provenance.rdf import read_assessment

        try:
            statuses: StatusMap = statuses_from_assessment(read_assessment(store, case_id))
        except ClaimgraphError:
            return Inputs(case, naive_statuses(case), False)
    else:
        with paused_gc():  # millions of small acyclic objects: see paused_gc
            case = read_case_for_analytics(store, case_id)
            try:
                statuses = read_statuses(store, case_id)
            except ClaimgraphError:
                return Inputs(case, naive_statuses(case), False, True)
    if not statuses and case.claims:
        return Inputs(case, naive_statuses(case), False, not full)
    return Inputs(case, statuses, True, not full)


# -- the queries ----------------------------------------------------------------------------
# The data graph is read by queries made from the mapping table (graph/mapping/sparql.py:
# records keyed by identifier, references grouped by value, one subquery per pattern); the
# derived graph by the two below (one query with an aggregate subquery inside a UNION
# failed on Virtuoso: "SQ142 Different number of expected and generated columns"). One row
# per status, support level and number of checkable origins, with its claims.
_STATUSES = ("""SELECT ?k ?v (GROUP_CONCAT(?id; separator=" ") AS ?ids) WHERE {
    { SELECT ?c ?id WHERE { GRAPH <%(data)s> { ?c dcterms:identifier ?id } } }
    { SELECT ?c ?k ?v WHERE { GRAPH <%(derived)s> {
          { ?c cg:evidenceStatus ?v BIND("status" AS ?k) }
          UNION { ?c cg:supportLevel ?v BIND("support" AS ?k) } } } }
} GROUP BY ?k ?v""", """SELECT ?k ?v (GROUP_CONCAT(?id; separator=" ") AS ?ids) WHERE {
    { SELECT ?c ?id WHERE { GRAPH <%(data)s> { ?c dcterms:identifier ?id } } }
    { SELECT ?c (COUNT(DISTINCT ?o) AS ?v) WHERE {
          GRAPH <%(derived)s> { ?c cg:checkableOrigin ?o } } GROUP BY ?c }
    BIND("origins" AS ?k)
} GROUP BY ?k ?v""")


def _graphs(store: Store, case_id: str) -> dict[str, str]:
    info = store.case_info(case_id)
    if info.kind != "case" or not info.graphs.data:
        raise NotFoundError(f"'{case_id}' was imported from RDF, not built from a case",
                            hint="analytics need a built case: `claimgraph build CASE_DIR`")
    return {"data": info.graphs.data, "derived": info.graphs.derived or ""}


def read_case_meta(store: Store, case_id: str) -> CaseMeta:
    """The case's metadata with its own vocabulary (one small CONSTRUCT)."""
    from claimgraph.graph.mapping import parse_nquads, quads_to_case

    closure = SPARQL_PREFIXES + closure_query(CASE_SHAPE, _graphs(store, case_id)["data"])
    return quads_to_case(parse_nquads(store.construct(closure, case=case_id)), case_id).meta


def read_case_for_analytics(store: Store, case_id: str) -> Case:
    """The case with the :data:`FIELDS` the analytics use (a partial case), from ``store``.

    Records are sorted by id, like ``store.read_case``; a value the store does not hold
    keeps the model default, as there."""
    data = _graphs(store, case_id)["data"]
    meta = read_case_meta(store, case_id)

    def select(query: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = store.query(query, case=case_id)
        return rows

    def read(shape: Shape, name: str) -> list[dict[str, Any]]:
        found = read_rows(select, shape, FIELDS[name], data, ref,
                          {"evidence": FIELDS["evidence"], "verdict": FIELDS["verdict"]},
                          exact)
        return [found[rid] for rid in sorted(found)]

    exact = store.exact_double()  # Virtuoso: a double's digits through bif:sprintf
    with paused_gc():
        ref = _memo(local_id)
        # few entities: validation sorts their aliases and cases the language tags
        entities = [Entity.model_validate(r) for r in read(ENTITY_SHAPE, "entities")]
        sources = [_make(Source, r) for r in read(SOURCE_SHAPE, "sources")]
        claims = [_claim(r) for r in read(CLAIM_SHAPE, "claims")]
    return Case.model_construct(meta=meta, entities=entities, sources=sources, claims=claims)


def _claim(values: dict[str, Any]) -> Claim:
    """A claim from the values the store validated at build time (no validation again)."""
    quantity = values.get("quantity")
    if quantity is not None:
        values["quantity"] = _make(Quantity, quantity)
    values["evidence"] = [_make(Evidence, e) for e in values.get("evidence", ())]
    verdict = values.get("verdict")
    if verdict is not None:  # only its rating: what keeps a claim out of the analytics
        values["verdict"] = _make(Verdict, verdict)
    return _make(Claim, values)


def _make(cls: type[M], values: dict[str, Any]) -> M:
    """``cls.model_construct`` with every field given: the missing ones get their default
    here (a fresh list for a list), because pydantic inspects each ``default_factory``'s
    signature on every call (~200 µs a claim instead of ~4 µs). ``values`` is used up."""
    defaults, factories = _defaults(cls)
    for name, factory in factories:
        if name not in values:
            values[name] = factory()
    for name, default in defaults.items():
        if name not in values:
            values[name] = default
    return cls.model_construct(**values)


@cache
def _defaults(cls: type[BaseModel]) -> tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]:
    """The fields' plain defaults, and the fields made by a zero-argument factory."""
    plain: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    for name, f in cls.model_fields.items():
        if f.default_factory in (list, dict, set):
            factories.append((name, f.default_factory))
        elif f.default_factory is None and not f.is_required():
            plain[name] = f.default
    return plain, tuple(factories)


def _memo(fn: Callable[[str], str]) -> Callable[[str | None], Any]:
    cache: dict[str | None, Any] = {None: None}

    def get(value: str | None) -> Any:
        out = cache.get(value)
        if out is None and value is not None:
            out = cache[value] = fn(value)
        return out

    return get


def _split(ids: str | None) -> Iterable[str]:
    """Claim ids of a GROUP_CONCAT (ids never hold a space: ``ID_PATTERN``)."""
    return ids.split(" ") if ids else ()


def read_statuses(store: Store, case_id: str) -> dict[str, tuple[str, int] | tuple[str, int, str]]:
    """:func:`statuses_from_assessment` of the stored assessment, read in one query
    (empty when the case has no derived graph)."""
    g = _graphs(store, case_id)
    if not g["derived"]:
        return {}
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for query in _STATUSES:
        for r in store.query(SPARQL_PREFIXES + query % g, case=case_id):
            for cid in _split(r["ids"]):
                found[cid][r["k"] or ""] = r["v"] or ""
    out: dict[str, tuple[str, int] | tuple[str, int, str]] = {}
    for cid, x in sorted(found.items()):
        if "status" not in x:
            continue
        st, sl, n = x["status"], x.get("support", ""), int(x.get("origins", 0))
        out[cid] = (st, n, sl) if sl and sl != st else (st, n)
    return out
