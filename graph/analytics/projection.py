"""Projections of a case onto networkx graphs: claim level, aggregated, collapsed.

Three graphs, each derived from the one before:

* :func:`claim_graph` — a :class:`networkx.MultiDiGraph`, one edge per claim (key = claim
  id) from subject to object, carrying the claim's predicate, polarity, evidence status,
  independent origins, strength, item, quantity, time and sources; plus one actor -> motive
  edge (``predicate="motivated_by"``, ``derived="motives"``) per id in a claim's ``motives:``.
* :func:`aggregate_graph` — a :class:`networkx.MultiDiGraph` keyed by predicate: one
  weighted edge per subject-predicate-object. Weight: the summed strength of the affirmed
  claims minus that of the denials of the same triple (and item, when both name one),
  never below the floor (formula and numbers in
  ``schema/vocab/evidence_weights.yaml``); an edge exists only if some claim affirms it.
* :func:`collapse_graph` — a :class:`networkx.DiGraph`, one edge per ordered pair of
  entities, weight summed over predicates, ``cost = 1 / weight``; what rankings, paths and
  communities run on.

Nodes carry ``name``, ``kind``, ``group`` (top kind: ``actor`` / ``thing``), ``country`` and
``aliases``. Inputs are plain: a :class:`~claimgraph.schema.models.Case` and a mapping
``{claim_id: (status, independent_origins)}`` (from the provenance assessment, see
:mod:`claimgraph.graph.analytics.loading`).

Examples
--------
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({
...     "meta": {"id": "demo", "title": "Demo"},
...     "entities": [{"id": "cn", "name": "China", "kind": "state"},
...                  {"id": "ru", "name": "Russia", "kind": "state"},
...                  {"id": "nc", "name": "Nitrocellulose", "kind": "commodity"}],
...     "claims": [
...         {"id": "c1", "text": "China supplies Russia.", "subject": "cn",
...          "predicate": "supplies", "object": "ru", "item": "nc", "time": "2023",
...          "evidence": [{"source": "s1", "quote": "q"}]},
...         {"id": "c2", "text": "China does not supply Russia.", "subject": "cn",
...          "predicate": "supplies", "object": "ru", "polarity": "denied",
...          "evidence": [{"source": "s2", "quote": "q"}]}]})
>>> statuses = {"c1": ("corroborated", 2), "c2": ("single-origin", 1)}
>>> g = claim_graph(case, statuses, Filters(include_denied=True))
>>> sorted(g.edges(keys=True))
[('cn', 'ru', 'c1'), ('cn', 'ru', 'c2')]
>>> g.edges["cn", "ru", "c1"]["strength"], g.nodes["nc"]["group"]
(1.25, 'thing')
>>> agg = aggregate_graph(g)
>>> agg.edges["cn", "ru", "supplies"]["weight"]   # 1.25 affirmed - 0.6 denied
0.65
>>> collapse_graph(agg).edges["cn", "ru"]["cost"]
1.538462
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache, wraps
from typing import Any, ParamSpec, TypeVar

import networkx as nx

from claimgraph.graph.rdfterms import paused_gc
from claimgraph.schema.dates import time_bounds
from claimgraph.schema.models import Case, Claim, Source
from claimgraph.schema.phrasing import Phrasing
from claimgraph.schema.vocab import Vocabulary, load_vocabulary

from .filters import EvidenceScale, Filters, load_evidence_scale
from .scoping import ProjectionScope

__all__ = [
    "DENIED_KEY",
    "ITEM",
    "SAYS",
    "StatusMap",
    "aggregate_graph",
    "case_vocab",
    "claim_graph",
    "collapse_graph",
    "naive_statuses",
    "project",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _no_gc(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` with the cyclic garbage collector paused: a projection makes hundreds of
    thousands of acyclic dicts, and with a 100k-claim case in memory the collector's
    passes cost more than the work (measured on 100,000 claims: 8.5 s -> 2.4 s for the three projections)."""

    @wraps(fn)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused_gc():
            return fn(*args, **kwargs)

    return run


DENIED_KEY = ":denied"
"""Appended to the predicate to key a drawn-only denial edge (``aggregate_graph(denials=True)``)
beside the affirmed edge of the same triple, when its denials name other items."""

ITEM = "item"
"""The pseudo-predicate of the derived item edges (``Filters(items=True)``): subject -> item."""

SAYS = "says"
"""The pseudo-predicate of the claimant layer (``Filters(claimants=True)``): claimant ->
subject, one edge per claim (a denial is said too: ``said_polarity`` keeps it)."""

StatusMap = Mapping[str, tuple[str, int] | tuple[str, int, str]]
"""``{claim_id: (evidence_status, independent_origins)}``, optionally with a third item, the
support level under a flag status (``("contested", 0, "unsourced")``): the claim then
counts, and passes ``min_status``, as the weaker of the two."""


def case_vocab(case: Case) -> Vocabulary:
    """The bundled vocabulary extended by the case's own kinds and predicates."""
    return load_vocabulary().extend(case.meta.vocabulary)


def naive_statuses(case: Case) -> dict[str, tuple[str, int]]:
    """A rough stand-in for the provenance assessment: distinct supporting sources.

    Used only when a store holds no assessment for a case. ``cites`` chains are not
    followed, so origins may be over-counted; refuting evidence makes a claim contested.

    >>> from claimgraph.schema.models import Case
    >>> case = Case.model_validate({"meta": {"id": "d", "title": "D"}, "claims": [
    ...     {"id": "c", "text": "t", "subject": "a", "predicate": "supports", "object": "b",
    ...      "evidence": [{"source": "s1", "quote": "q"}, {"source": "s2", "quote": "r"}]}]})
    >>> naive_statuses(case)
    {'c': ('corroborated', 2)}
    """
    out: dict[str, tuple[str, int]] = {}
    for c in case.claims:
        origins = len({e.source for e in c.evidence if e.relation == "supports"})
        if any(e.relation == "refutes" for e in c.evidence):
            status = "contested"
        else:
            status = ("corroborated" if origins >= 2 else
                      "single-origin" if origins == 1 else "unsourced")
        out[c.id] = (status, origins)
    return out


@lru_cache(maxsize=8192)
def _span(time: str) -> tuple[str | None, str | None]:
    """ISO first and last day of a time value; open ends are None (cached: few values)."""
    lo, hi = time_bounds(time)
    return (None if lo.year == 1 else lo.isoformat(),
            None if hi.year == 9999 else hi.isoformat())


def _claim_attrs(c: Claim, status: str, origins: int, strength: float,
                 say: Phrasing) -> dict[str, Any]:
    start, end = _span(c.time) if c.time else (None, None)
    q = c.quantity
    return {
        "claim": c.id,
        "predicate": c.predicate,
        "label": say.claim(c),  # a denial reads as one: "denies supplying"
        "polarity": c.polarity,
        "status": status,
        "origins": origins,
        "strength": strength,
        "weight": strength,
        "item": c.item,
        "quantity": q.value if q else None,
        "unit": q.unit if q else None,
        "approx": q.approx if q else None,
        "bound": q.bound if q else None,
        "capacity": q.capacity if q else None,
        "time": c.time,
        "start": start,
        "end": end,
        "text": c.text,
        "claimant": c.effective_claimant(),
        "confidence": c.confidence,
        "sources": sorted({e.source for e in c.evidence}),
        "via": list(c.via),
        "motives": list(c.motives),
        "derived": None,
    }


@_no_gc
def claim_graph(case: Case, statuses: StatusMap, filters: Filters | None = None, *,
                vocab: Vocabulary | None = None,
                scale: EvidenceScale | None = None) -> nx.MultiDiGraph:
    """One edge per kept claim (key = claim id); see the module docstring.

    Claims without an entry in ``statuses`` get status ``unknown`` and no origins. The
    graph's attributes say what the filters did: ``rated_out`` (``{claim id: rating}`` of
    the claims left out for their verdict rating), ``about`` (each item of an item filter with the narrower ids
    it included) and ``merged`` (each merged node with the ``same_as`` ids it stands for):
    see :mod:`.scoping`.
    """
    filters = filters or Filters()
    vocab = vocab or case_vocab(case)
    scale = scale or load_evidence_scale()
    filters.check(scale, vocab)
    kinds = filters.kind_set(vocab)
    ps = ProjectionScope.of(case, merge=filters.merge_same)
    about = ps.about(sorted(filters.about)) if filters.about else {}
    within = frozenset(x for k, v in about.items() for x in (k, *v)) if about else None
    node_of = ps.node_map()
    rated_out: dict[str, str] = {}
    g = nx.MultiDiGraph(case=case.meta.id, title=case.meta.title, rated_out=rated_out,
                        about=about, merged=ps.merged)
    say = Phrasing.of_case(case, vocab)
    _add_entities(g, case, vocab, kinds, ps)
    sources = {x.id: x for x in case.sources} if filters.claimants else {}
    preds = filters.predicates
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for c in sorted(case.claims, key=lambda c: c.id):
        if c.polarity == "denied" and not filters.include_denied:
            continue
        if preds and c.predicate not in preds and not (
                filters.motives and c.motives and "motivated_by" in preds):
            continue
        s, o = node_of.get(c.subject, c.subject), node_of.get(c.object, c.object)
        if s not in g or o not in g or not filters.time_ok(c.time):
            continue
        if within is not None and not (c.subject in within or c.object in within
                                       or c.item in within):
            continue
        status, origins, *more = statuses.get(c.id, ("unknown", 0))
        support = more[0] if more else None
        counts_as = scale.weaker(status, support)
        if not filters.status_ok(counts_as, scale):
            continue
        rating = None if filters.include_rated else ps.rating_out(c)
        if rating:
            rated_out[c.id] = rating
            continue
        attrs = _claim_attrs(c, status, origins, scale.strength(counts_as, origins), say)
        attrs["support"] = support
        item = node_of.get(c.item, c.item) if c.item else None
        attrs["item"] = item
        if not preds or c.predicate in preds:
            edges.append((s, o, c.id, attrs))
        if filters.motives and c.polarity == "affirmed" and (
                not preds or "motivated_by" in preds):
            for m in dict.fromkeys(node_of.get(m, m) for m in c.motives):
                if m in g and not (c.predicate == "motivated_by" and m == o):
                    edges.append((s, m, c.id, {
                        **attrs, "predicate": "motivated_by",
                        "label": _label(vocab, "motivated_by"), "derived": "motives"}))
        if filters.items and item and item not in (s, o) and item in g \
                and (not preds or c.predicate in preds):
            edges.append((s, item, f"{c.id}>{ITEM}", {
                **attrs, "predicate": ITEM, "label": ITEM, "derived": "items"}))
        if filters.claimants and (not preds or c.predicate in preds):
            said = _says_edge(g, c, s, o, attrs, node_of, sources, kinds)
            if said is not None:
                edges.append(said)
    for u, v, k, attrs in edges:  # faster than add_edges_from for a multigraph
        g.add_edge(u, v, key=k, **attrs)
    return g


def _add_entities(g: nx.MultiDiGraph, case: Case, vocab: Vocabulary,
                  kinds: frozenset[str] | None, ps: ProjectionScope) -> None:
    """One node per entity, or per ``same_as`` class (its other ids, names and aliases
    become aliases, ``same_as`` lists its other ids); ``overlaps`` lists the node ids it
    overlaps (either way declared), never merged."""
    entities = {e.id: e for e in case.entities}
    node_of = ps.node_map()
    overlaps: dict[str, set[str]] = {}
    for e in case.entities:
        for other in e.overlaps:
            a, b = node_of.get(e.id, e.id), node_of.get(other, other)
            overlaps.setdefault(a, set()).add(b)
            overlaps.setdefault(b, set()).add(a)
    for e in sorted(case.entities, key=lambda e: e.id):
        if e.id in node_of or (kinds is not None and e.kind not in kinds):
            continue
        group = vocab.kind_group(e.kind) if e.kind in vocab.entity_kinds else "unknown"
        aliases = [a if isinstance(a, str) else a.text for a in e.aliases]
        attrs: dict[str, Any] = {}
        if e.id in ps.merged:
            others = [entities[i] for i in ps.merged[e.id] if i != e.id]
            for o in others:
                aliases += [o.id, o.name, *(a if isinstance(a, str) else a.text
                                            for a in o.aliases)]
            aliases = sorted(set(aliases) - {e.name})
            attrs["same_as"] = [o.id for o in others]
        if e.id in overlaps:
            attrs["overlaps"] = sorted(overlaps[e.id] - {e.id})
        g.add_node(e.id, name=e.name, kind=e.kind, group=group, country=e.country,
                   aliases=aliases, **attrs)


def _says_edge(g: nx.MultiDiGraph, c: Claim, s: str, o: str, attrs: dict[str, Any],
               node_of: Mapping[str, str], sources: Mapping[str, Source],
               kinds: frozenset[str] | None) -> tuple[str, str, str, dict[str, Any]] | None:
    """The claimant layer's edge of one claim: claimant -says-> subject (-> object when the
    claimant is the subject); a claimant that is a source, not an entity, becomes a node
    of kind ``source`` (captured) or ``source_referred`` (only referred to)."""
    who = c.effective_claimant()
    if not who:
        return None
    who = node_of.get(who, who)
    if who not in g:
        if who not in sources or kinds is not None:
            return None  # an entity filtered out by --kind, or nobody the case names
        src = sources[who]
        g.add_node(who, name=src.title, kind="source" if src.captured else "source_referred",
                   group="source", country=None, aliases=[])
    target = o if who == s else s
    if target == who:
        return None
    return (who, target, f"{c.id}>{SAYS}", {
        **attrs, "predicate": SAYS, "label": SAYS, "said": attrs["label"],
        "said_polarity": c.polarity, "polarity": "affirmed", "derived": "claimants"})


def _label(vocab: Vocabulary, predicate: str) -> str:
    pred = vocab.predicates.get(predicate)
    return pred.label if pred else predicate.replace("_", " ")


@_no_gc
def aggregate_graph(g: nx.MultiDiGraph, *, scale: EvidenceScale | None = None,
                    denials: bool = False) -> nx.MultiDiGraph:
    """One edge per subject-predicate-object (key = predicate), weighted by evidence.

    Edge attributes: ``predicate``, ``weight``, ``cost`` (1 / weight), ``claims`` (affirmed
    claim ids, strongest first), ``denied`` (denied claim ids), ``status`` (best status),
    ``origins`` (most independent origins of one claim), ``start`` / ``end`` (time span),
    ``derived`` (the layer, ``motives`` or ``items``, when every claim edge of the triple
    is a derived one, else None).

    ``denials=True`` also makes an edge (``polarity="denied"``, ``claims`` empty,
    ``weight`` the denials' summed strength) for the denials of a triple that deny no
    affirmed claim of it: a triple only denials name (key = predicate), or denials of
    another item than the affirmed claims' (key = predicate + :data:`DENIED_KEY`; a denial
    of "lethal weapons" does not weaken exports of nitrocellulose). That is what the
    network view draws as a denial; rankings, paths and communities never ask for it, and
    a denial never links two entities there.
    """
    scale = scale or load_evidence_scale()
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for u, v, d in g.edges(data=True):
        groups.setdefault((u, v, d["predicate"]), []).append(d)
    out = nx.MultiDiGraph(**g.graph)
    out.add_nodes_from(g.nodes(data=True))
    edges = []
    for (u, v, p), claims in sorted(groups.items()):
        if len(claims) == 1 and claims[0]["polarity"] == "affirmed":  # common, kept cheap
            d = claims[0]
            w = scale.edge_weight(d["strength"], 0.0)
            edges.append((u, v, p, {
                "predicate": p, "label": d.get("label", p), "weight": w,
                "cost": round(1.0 / w, 6), "claims": [d["claim"]], "denied": [],
                "n_claims": 1, "status": d["status"], "origins": d["origins"],
                "start": d.get("start"), "end": d.get("end"), "derived": d.get("derived")}))
            continue
        affirmed = sorted((d for d in claims if d["polarity"] == "affirmed"),
                          key=lambda d: (-d["strength"], d["claim"]))
        if not affirmed:
            if denials:
                edges.append((u, v, p, _denial_edge(p, claims, scale)))
            continue
        items = {d.get("item") for d in affirmed}
        against = [d for d in claims if d["polarity"] != "affirmed"
                   and (d.get("item") is None or None in items or d.get("item") in items)]
        apart = [d for d in claims if d["polarity"] != "affirmed" and d not in against]
        if denials and apart:  # denials of other items: they deny something else
            edges.append((u, v, f"{p}{DENIED_KEY}", _denial_edge(p, apart, scale)))
        denied = sorted(d["claim"] for d in against)
        w = scale.edge_weight(sum(d["strength"] for d in affirmed),
                              sum(d["strength"] for d in against))
        starts = [d["start"] for d in affirmed if d.get("start")]
        ends = [d["end"] for d in affirmed if d.get("end")]
        edges.append((u, v, p, {
            "predicate": p, "label": affirmed[0].get("label", p), "weight": w,
            "cost": round(1.0 / w, 6), "claims": [d["claim"] for d in affirmed],
            "denied": denied, "n_claims": len(affirmed),
            "status": max((d["status"] for d in affirmed), key=scale.rank),
            "origins": max(d["origins"] for d in affirmed),
            "start": min(starts) if starts else None,
            "end": max(ends) if ends and len(ends) == len(affirmed) else None,
            "derived": _layer(affirmed),
        }))
    for u, v, k, attrs in edges:
        out.add_edge(u, v, key=k, **attrs)
    return out


def _layer(claims: list[dict[str, Any]]) -> str | None:
    """The derived layer of an aggregated edge: its claim edges' one layer, else None."""
    layers = {d.get("derived") for d in claims}
    return layers.pop() if len(layers) == 1 else None


def _denial_edge(p: str, claims: list[dict[str, Any]], scale: EvidenceScale) -> dict[str, Any]:
    """The drawn-only edge of denials that deny no affirmed claim of their triple."""
    w = scale.edge_weight(sum(d["strength"] for d in claims), 0.0)
    starts = [d["start"] for d in claims if d.get("start")]
    ends = [d["end"] for d in claims if d.get("end")]
    return {"predicate": p, "label": claims[0].get("label", p), "weight": w,
            "cost": round(1.0 / w, 6), "claims": [],
            "denied": sorted(d["claim"] for d in claims), "n_claims": 0,
            "status": max((d["status"] for d in claims), key=scale.rank),
            "origins": max(d["origins"] for d in claims),
            "start": min(starts) if starts else None,
            "end": max(ends) if ends and len(ends) == len(claims) else None,
            "derived": _layer(claims), "polarity": "denied"}


@_no_gc
def collapse_graph(agg: nx.MultiDiGraph) -> nx.DiGraph:
    """One edge per ordered pair, weight summed over predicates, ``cost = 1 / weight``.

    Edge attributes: ``weight``, ``cost``, ``predicates`` (sorted) and ``claims`` (affirmed
    claim ids over all predicates, by descending strength of their triple).
    """
    out = nx.DiGraph(**agg.graph)
    out.add_nodes_from(agg.nodes(data=True))
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for u, v, d in agg.edges(data=True):
        pairs.setdefault((u, v), []).append(d)
    edges = []
    for (u, v), ds in sorted(pairs.items()):
        if len(ds) == 1:  # the common case, kept cheap
            d = ds[0]
            edges.append((u, v, {"weight": d["weight"], "cost": d["cost"],
                                 "predicates": [d["predicate"]], "claims": list(d["claims"])}))
            continue
        w = round(sum(d["weight"] for d in ds), 6)
        ds = sorted(ds, key=lambda d: (-d["weight"], d["predicate"]))
        edges.append((u, v, {
            "weight": w, "cost": round(1.0 / w, 6),
            "predicates": sorted(d["predicate"] for d in ds),
            "claims": [c for d in ds for c in d["claims"]],
        }))
    out.add_edges_from(edges)
    return out


def project(case: Case, statuses: StatusMap, filters: Filters | None = None, *,
            vocab: Vocabulary | None = None,
            scale: EvidenceScale | None = None) -> tuple[nx.MultiDiGraph, nx.DiGraph]:
    """The claim graph and its collapsed DiGraph in one call (what most commands need)."""
    scale = scale or load_evidence_scale()
    g = claim_graph(case, statuses, filters, vocab=vocab, scale=scale)
    return g, collapse_graph(aggregate_graph(g, scale=scale))
