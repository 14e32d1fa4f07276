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

Per-claim references (subject, object, predicate, item, ...) and short literals (time,
polarity) come back grouped by value, and claims are keyed by their ``dcterms:identifier``,
so the store decodes each long IRI once, not once per claim (decoding dominates). On the
generated 100,000-claim store: ~7 s, against ~45 s for ``store.read_case`` +
``read_assessment`` (``benchmarks/bench_analytics.py --full-read``). The claims are built
with ``model_construct`` from values the store validated at build time.

``Inputs.case`` is therefore a *partial* case (``Inputs.partial``): fields not in
:data:`FIELDS` keep their model defaults (no source texts, selectors, verdicts, notes,
place, supports/contradicts, publishers ...). ``load_inputs(store, case_id, full=True)``
reads the full records with ``store.read_case`` and the whole assessment with the
provenance helper's ``read_assessment`` instead: slower, the same statuses and the same
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

from claimgraph.errors import ClaimgraphError, MappingError, NotFoundError
from claimgraph.graph.iris import local_id
from claimgraph.graph.namespace import CG_NS, DCTERMS, PROV, RDF, SCHEMA, SKOS
from claimgraph.graph.provenance.model import CaseAssessment
from claimgraph.graph.rdfterms import Lit, paused_gc, py_value
from claimgraph.graph.store.base import Store
from claimgraph.schema.models import Case, Claim, Entity, Evidence, Quantity, Source

from .projection import StatusMap, naive_statuses

M = TypeVar("M", bound=BaseModel)

__all__ = ["FIELDS", "Inputs", "load_inputs", "read_case_for_analytics", "read_statuses",
           "statuses_from_assessment"]

FIELDS: dict[str, tuple[str, ...]] = {
    "meta": ("id", "title", "description", "curators", "license", "language", "vocabulary",
             "unclaimed"),
    "entities": ("id", "name", "kind", "aliases", "country"),
    "sources": ("id", "title", "kind"),
    "claims": ("id", "text", "subject", "predicate", "object", "item", "quantity", "time",
               "via", "polarity", "claimant", "confidence", "motives", "evidence"),
    "evidence": ("source", "quote", "relation"),
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
_PREFIXES = (f"PREFIX cg: <{CG_NS}>\nPREFIX dcterms: <{DCTERMS}>\nPREFIX prov: <{PROV}>\n"
             f"PREFIX rdf: <{RDF}>\nPREFIX schema: <{SCHEMA._NS}>\nPREFIX skos: <{SKOS}>\n")

# Claims keyed by their identifier through a hash join: the (long) claim IRI is never
# decoded. Subqueries keep Oxigraph from turning a star pattern into one index lookup per
# row and pattern (measured 2x slower on 100,000 claims).
_CLAIM_IDS = "{ SELECT ?c ?id WHERE { GRAPH <%(data)s> { ?c dcterms:identifier ?id } } }"

_META = """CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%(data)s> {
    ?case a cg:Case ; (cg:declaresKind|cg:declaresPredicate|cg:unclaimed|cg:curatorList
        |cg:rdfTypes|cg:subjectKinds|cg:objectKinds|rdf:rest)* ?s .
    ?s ?p ?o } }"""

_ENTITIES = """SELECT ?id ?name ?kind ?country WHERE { GRAPH <%(data)s> {
    ?e a cg:Entity ; dcterms:identifier ?id ; schema:name ?name ; cg:kind ?kind .
    OPTIONAL { ?e cg:country ?country } } }"""

_ALIASES = """SELECT ?id ?a (LANG(?a) AS ?lang) WHERE { GRAPH <%(data)s> {
    ?e a cg:Entity ; dcterms:identifier ?id ; skos:altLabel ?a FILTER(isLiteral(?a)) } }"""

_SOURCES = """SELECT ?id ?title ?kind WHERE { GRAPH <%(data)s> {
    ?s a cg:Source ; dcterms:identifier ?id ; schema:name ?title ; cg:sourceKind ?kind } }"""

_TEXTS = """SELECT ?id ?text WHERE {
    { SELECT ?c WHERE { GRAPH <%(data)s> { ?c a cg:Claim } } }
    %(ids)s
    { SELECT ?c ?text WHERE { GRAPH <%(data)s> { ?c schema:text ?text } } } }"""

# (field, predicate) of the claim fields with few distinct values, one UNION branch each,
# grouped by value: references (local id of the IRI) and short literals (as written).
# The claimant only where it was written (an inferred one is the first evidence source,
# see Claim.effective_claimant).
_REFS = (("subject", "cg:subject"), ("object", "cg:object"), ("predicate", "cg:predicate"),
         ("item", "cg:item"), ("confidence", "cg:confidence"), ("motives", "cg:motive"),
         ("via", "cg:via"))
_LITERALS = (("time", "cg:time"), ("polarity", "cg:polarity"))
_REQUIRED = {"subject", "predicate", "object"}
_REF_QUERY = """SELECT ?k ?ref (GROUP_CONCAT(?id; separator=" ") AS ?ids) WHERE {
    %(ids)s
    { SELECT ?c ?k ?ref WHERE { GRAPH <%(data)s> {
        %(branches)s
        UNION { ?c prov:wasAttributedTo ?ref
                MINUS { ?c cg:claimantInferred ?inf FILTER(?inf = true) }
                BIND("claimant" AS ?k) } } } }
} GROUP BY ?k ?ref"""

_QUANTITIES = """SELECT ?id ?v (DATATYPE(?v) AS ?vt) ?unit ?a (DATATYPE(?a) AS ?at) ?bound
WHERE { %(ids)s
    { SELECT ?c ?v ?unit ?a ?bound WHERE { GRAPH <%(data)s> {
        ?c cg:quantity ?q . ?q schema:value ?v ; schema:unitText ?unit .
        OPTIONAL { ?q cg:approximate ?a } OPTIONAL { ?q cg:bound ?bound } } } } }"""

_EVIDENCE = """SELECT ?id ?i ?src ?rel ?quote WHERE { %(ids)s
    { SELECT ?c ?e WHERE { GRAPH <%(data)s> { ?c cg:evidence ?e } } }
    { SELECT ?e ?i WHERE { GRAPH <%(data)s> { ?e cg:position ?i } } }
    { SELECT ?e ?src WHERE { GRAPH <%(data)s> { ?e prov:wasQuotedFrom ?src } } }
    { SELECT ?e ?quote WHERE { GRAPH <%(data)s> { ?e cg:quote ?quote } } }
    OPTIONAL { SELECT ?e ?rel WHERE { GRAPH <%(data)s> { ?e cg:relation ?rel } } } }"""

# One row per status, support level and number of checkable origins, with its claims.
_STATUSES = """SELECT ?k ?v (GROUP_CONCAT(?id; separator=" ") AS ?ids) WHERE {
    %(ids)s
    { { SELECT ?c ?k ?v WHERE { GRAPH <%(derived)s> {
          { ?c cg:evidenceStatus ?v BIND("status" AS ?k) }
          UNION { ?c cg:supportLevel ?v BIND("support" AS ?k) } } } }
      UNION { SELECT ?c ("origins" AS ?k) (COUNT(DISTINCT ?o) AS ?v) WHERE {
          GRAPH <%(derived)s> { ?c cg:checkableOrigin ?o } } GROUP BY ?c } }
} GROUP BY ?k ?v"""


def _graphs(store: Store, case_id: str) -> dict[str, str]:
    info = store.case_info(case_id)
    if info.kind != "case" or not info.graphs.data:
        raise NotFoundError(f"'{case_id}' was imported from RDF, not built from a case",
                            hint="analytics need a built case: `claimgraph build CASE_DIR`")
    out = {"data": info.graphs.data, "derived": info.graphs.derived or ""}
    out["ids"] = _CLAIM_IDS % out
    return out


def _select(store: Store, case_id: str, template: str, graphs: dict[str, str],
            **extra: str) -> list[dict[str, Any]]:
    """Rows of lexical strings (``None``: unbound) of one query on the case's graphs."""
    rows: list[dict[str, Any]] = store.query(
        _PREFIXES + template % {**graphs, **extra}, case=case_id)
    return rows


def read_case_for_analytics(store: Store, case_id: str) -> Case:
    """The case with the :data:`FIELDS` the analytics use (a partial case), from ``store``.

    Records are sorted by id, like ``store.read_case``; a value the store does not hold
    keeps the model default, as there."""
    from claimgraph.graph.mapping import parse_nquads, quads_to_case

    g = _graphs(store, case_id)
    meta = quads_to_case(parse_nquads(store.construct(_PREFIXES + _META % g, case=case_id)),
                         case_id).meta
    with paused_gc():
        ref = _memo(local_id)
        entities = _entities(store, case_id, g, ref)
        sources = [_make(Source, id=r["id"], title=r["title"], kind=ref(r["kind"]))
                   for r in _select(store, case_id, _SOURCES, g)]
        claims = _claims(store, case_id, g, ref)
    return Case.model_construct(meta=meta, entities=sorted(entities, key=lambda e: e.id),
                                sources=sorted(sources, key=lambda s: s.id), claims=claims)


def _make(cls: type[M], **values: Any) -> M:
    """``cls.model_construct`` with every field given: the missing ones get their default
    here (a fresh list for a list), because pydantic inspects each ``default_factory``'s
    signature on every call (~200 µs a claim instead of ~4 µs)."""
    for name, (default, factory) in _defaults(cls).items():
        if name not in values:
            values[name] = factory() if factory is not None else default
    return cls.model_construct(**values)


@cache
def _defaults(cls: type[BaseModel]) -> dict[str, tuple[Any, Callable[[], Any] | None]]:
    """Field -> (default, zero-argument factory) for the fields that have one."""
    out: dict[str, tuple[Any, Callable[[], Any] | None]] = {}
    for name, f in cls.model_fields.items():
        if f.default_factory in (list, dict, set):
            out[name] = (None, f.default_factory)
        elif f.default_factory is None and not f.is_required():
            out[name] = (f.default, None)
    return out


def _memo(fn: Callable[[str], str]) -> Callable[[str | None], Any]:
    cache: dict[str | None, Any] = {None: None}

    def get(value: str | None) -> Any:
        out = cache.get(value)
        if out is None and value is not None:
            out = cache[value] = fn(value)
        return out

    return get


def _entities(store: Store, case_id: str, g: dict[str, str],
              ref: Callable[[str | None], Any]) -> list[Entity]:
    aliases: dict[str, list[Any]] = defaultdict(list)
    for r in _select(store, case_id, _ALIASES, g):
        if r["lang"]:
            aliases[r["id"] or ""].append({"text": r["a"], "lang": r["lang"]})
        else:
            aliases[r["id"] or ""].append(r["a"])
    out = []
    for r in _select(store, case_id, _ENTITIES, g):
        data: dict[str, Any] = {"id": r["id"], "name": r["name"], "kind": ref(r["kind"]),
                                "aliases": aliases.get(r["id"] or "", [])}
        if r["country"] is not None:
            data["country"] = ref(r["country"])
        out.append(Entity.model_validate(data))  # few: validation sorts aliases, cases tags
    return out


def _claims(store: Store, case_id: str, g: dict[str, str],
            ref: Callable[[str | None], Any]) -> list[Claim]:
    texts: dict[str, str] = {r["id"]: r["text"] for r in _select(store, case_id, _TEXTS, g)}
    refs: dict[str, dict[str, Any]] = defaultdict(dict)
    branches = "\n        UNION ".join(f'{{ ?c {p} ?ref BIND("{k}" AS ?k) }}'
                                      for k, p in (*_REFS, *_LITERALS))
    literal = {k for k, _ in _LITERALS}
    for r in _select(store, case_id, _REF_QUERY, g, branches=branches):
        key = r["k"] or ""
        target = r["ref"] if key in literal else ref(r["ref"])
        for cid in _split(r["ids"]):
            if key in ("motives", "via"):
                refs[cid].setdefault(key, set()).add(target)
            else:
                refs[cid][key] = target
    missing = sorted(cid for cid in texts if not refs.get(cid, {}).keys() >= _REQUIRED)
    if missing:
        raise MappingError(f"claim {missing[0]!r} lacks a subject, predicate or object",
                           hint="rebuild the case: `claimgraph build CASE_DIR`")
    quantities = {r["id"]: _make(
        Quantity, value=py_value(Lit(r["v"] or "", r["vt"])), unit=r["unit"],
        approx=r["a"] is not None and py_value(Lit(r["a"], r["at"])), bound=r["bound"])
        for r in _select(store, case_id, _QUANTITIES, g)}
    evidence: dict[str, list[tuple[int, Evidence]]] = defaultdict(list)
    for r in _select(store, case_id, _EVIDENCE, g):
        evidence[r["id"] or ""].append((int(r["i"] or 0), Evidence.model_construct(
            source=ref(r["src"]), quote=r["quote"], relation=r["rel"] or "supports",
            page=None, occurrence=None, note=None)))
    out = []
    for cid in sorted(texts):
        x = refs.get(cid, {})
        ev = evidence.get(cid, [])
        if len(ev) > 1:
            ev.sort(key=lambda pair: pair[0])
        out.append(Claim.model_construct(  # every field given: see _make
            id=cid, text=texts[cid], subject=x["subject"], predicate=x["predicate"],
            object=x["object"], item=x.get("item"), quantity=quantities.get(cid),
            time=x.get("time"), via=sorted(x.get("via", ())),
            polarity=x.get("polarity") or "affirmed",
            claimant=x.get("claimant"), confidence=x.get("confidence"),
            motives=sorted(x.get("motives", ())), evidence=[e for _, e in ev], place=None,
            supports=[], contradicts=[], verdict=None, note=None))
    return out


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
    for r in _select(store, case_id, _STATUSES, g):
        for cid in _split(r["ids"]):
            found[cid][r["k"] or ""] = r["v"] or ""
    out: dict[str, tuple[str, int] | tuple[str, int, str]] = {}
    for cid, x in sorted(found.items()):
        if "status" not in x:
            continue
        st, sl, n = x["status"], x.get("support", ""), int(x.get("origins", 0))
        out[cid] = (st, n, sl) if sl and sl != st else (st, n)
    return out
