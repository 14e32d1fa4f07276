"""Draw a case (read from the store) as view graphs: network, focus, provenance.

* :func:`network_graph` — "who supports what and why": a drawing of the analytics'
  aggregated graph (:func:`~claimgraph.graph.analytics.claim_graph` then
  :func:`~claimgraph.graph.analytics.aggregate_graph`, the same :class:`~claimgraph.graph.
  analytics.Filters`, statuses and weights as ``claimgraph rank``): one edge per
  subject-predicate-object, as wide as its evidence weight, styled by its best claim's
  status, listing its claims (affirmed and denied) when clicked; the derived *why*
  (actor -> motive) and *what* (actor -> item) layers; and, because the view shows what is
  denied too, one edge for a triple only denials name (never an edge of the analytics).
* :func:`focus_graph` — the ego network of one entity.
* :func:`provenance_graph` — claim -> evidence -> sources -> the sources they cite.

Links to pages come from a :class:`Links` object, so the same graph links correctly from
the casebook's index (``claims/x.html``) and from a page one folder down (``../claims/x.html``),
and a standalone view (``Links(None)``) has none.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Entity, Claim
>>> case = Case(meta=CaseMeta(id="d", title="Demo"),
...     entities=[Entity(id="cn", name="China", kind="state"),
...               Entity(id="ru", name="Russia", kind="state")],
...     claims=[Claim.model_validate({"id": "c1", "text": "China supplies Russia.",
...         "subject": "cn", "predicate": "supplies", "object": "ru"})])
>>> g = network_graph(case)
>>> [n["id"] for n in g.nodes], [(e["from"], e["to"], e["status"], e["weight"]) for e in g.edges]
(['cn', 'ru'], [('cn', 'ru', 'unsourced', 0.15)])
>>> Links("..").claim("c1")
'../claims/c1.html'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claimgraph.graph.analytics.filters import EvidenceScale, Filters, load_evidence_scale
from claimgraph.graph.analytics.projection import ITEM, SAYS, aggregate_graph, claim_graph
from claimgraph.graph.analytics.scoping import projection_notes
from claimgraph.graph.analytics.selection import declared_tags
from claimgraph.graph.analytics.summary import summarise
from claimgraph.schema.dates import time_bounds
from claimgraph.schema.models import Case, Claim, Source
from claimgraph.schema.statuses import DENIED

from .claiminfo import ClaimInfo, claim_infos, display_status, status_map
from .safe import safe_filename, safe_url
from .styles import ViewStyles, load_view_styles
from .summaryview import summary_graph
from .viewgraph import ViewGraph

__all__ = ["LAYERS", "VIEW_FILTERS", "Links", "focus_graph", "network_graph", "node_layer", "provenance_graph"]

VIEW_FILTERS = Filters(include_denied=True, motives=True, items=True)
"""The network view's default filters: every claim, denials included (drawn, and weakening
the edge they deny as ``rank --include-denied`` counts them), with the *why* and *what*
layers."""

_LAYER = {"motives": "motive", "items": ITEM, "claimants": SAYS}  # layer -> drawn edge key

LAYERS = ("actors", "items", "motives", "claimants")
"""The layers a network view can switch: actors (and the claims between them), items (what
claims are about: commodities, weapons, …), motives (why), claimants (who says it, when
the projection draws them)."""


def node_layer(kind: str, styles: ViewStyles) -> str:
    """The layer of an entity kind (:meth:`ViewStyles.layer`)."""
    return styles.layer(kind)


def _span(time: str | None) -> tuple[str | None, str | None]:
    """First and last day (ISO) of a claim's time; open ends None."""
    if not time:
        return None, None
    lo, hi = time_bounds(time)
    return (None if lo.year == 1 else lo.isoformat(), None if hi.year == 9999 else hi.isoformat())


class Links:
    """Relative links to casebook pages from a page at ``base`` (None: no links)."""

    def __init__(self, base: str | None = ".") -> None:
        self.base = base

    def _href(self, folder: str, ident: str) -> str | None:
        if self.base is None:
            return None
        prefix = "" if self.base in ("", ".") else self.base.rstrip("/") + "/"
        return f"{prefix}{folder}/{safe_filename(ident)}.html"

    def claim(self, ident: str) -> str | None:
        return self._href("claims", ident)

    def entity(self, ident: str) -> str | None:
        return self._href("entities", ident)

    def source(self, ident: str) -> str | None:
        return self._href("sources", ident)


def _claim_record(claim: Claim, info: ClaimInfo, links: Links,
                  names: Mapping[str, str] | None = None) -> dict[str, Any]:
    claimant = claim.effective_claimant() or ""
    return {
        "text": claim.text,
        "status": display_status(info, claim.polarity),
        "evidence_status": info.status,
        "origins": info.origins,
        "checkable": info.checkable,
        "polarity": claim.polarity,
        "claimant": (names or {}).get(claimant, claimant),
        "claimant_id": claimant,
        "rating": claim.verdict.rating if claim.verdict else "",
        "predicate": claim.predicate,
        "href": links.claim(claim.id),
        "sources": sorted({ev.source for ev in claim.evidence}),
        "tags": list(claim.tags),
        "time": claim.time or "",
        "span": list(_span(claim.time)),
    }


def _source_record(source: Source, links: Links) -> dict[str, Any]:
    return {
        "title": source.title,
        "href": links.source(source.id),
        "url": safe_url(source.url),
        "reliability": source.reliability or "",
        "captured": source.captured,
    }


def network_graph(
    case: Case,
    infos: Mapping[str, ClaimInfo] | None = None,
    *,
    filters: Filters = VIEW_FILTERS,
    links: Links | None = None,
    styles: ViewStyles | None = None,
    scale: EvidenceScale | None = None,
    summary: bool | None = None,
) -> ViewGraph:
    """The case's network, drawn from the analytics' aggregated graph under ``filters``.

    Each edge carries the aggregated edge's ``weight`` (width), ``status`` (its best
    claim's; ``denied`` for a triple only denials name), ``claims`` (affirmed, then
    denied) and ``n_claims``; nodes are the entities some drawn edge touches.

    ``summary``: draw the analytics' summary (:func:`~claimgraph.graph.analytics.summary.
    summarise`) instead — by default (None) when the graph has more nodes or edges than
    ``view_styles.yaml`` ``summary`` allows."""
    links = links or Links(None)
    styles = styles or load_view_styles()
    scale = scale or load_evidence_scale()
    infos = infos if infos is not None else claim_infos(case)
    g = claim_graph(case, status_map(infos), filters, vocab=styles.vocab, scale=scale)
    agg = aggregate_graph(g, scale=scale, denials=filters.include_denied)
    agg.remove_nodes_from([n for n in list(agg.nodes) if agg.degree(n) == 0])
    names = {**{s.id: s.title for s in case.sources}, **{e.id: e.name for e in case.entities}}
    rule = styles.summary
    if summary or (summary is None and (agg.number_of_nodes() > rule.above_nodes
                                        or agg.number_of_edges() > rule.above_edges)):
        s = summarise(agg, top=rule.top, max_edges=rule.max_edges, max_groups=rule.max_groups)
        out = summary_graph(case, agg, s, infos, entity_href=links.entity, styles=styles,
                            record=lambda c, i: _claim_record(c, i, links, names),
                            edge_label=_edge_label)
        out.meta.update(tags=declared_tags(case), avoid=list(scale.no_intermediate_kinds),
                        ratings=_ratings(styles))
        return out
    entities = {e.id: e for e in case.entities}
    sources = {s.id: s for s in case.sources}
    claims = {c.id: c for c in case.claims}
    view = ViewGraph(title=case.meta.title, kind="network")
    view.notes = projection_notes(
        {**g.graph, "merged": {n: ids for n, ids in g.graph["merged"].items()
                               if any(True for _ in agg.edges(n))
                               or any(True for _ in agg.in_edges(n))}},
        {n: str(a.get("name", n)) for n, a in g.nodes(data=True)})
    view.meta.update(tags=declared_tags(case), avoid=list(scale.no_intermediate_kinds),
                     ratings=_ratings(styles))
    for u, v, k, d in agg.edges(keys=True, data=True):
        for ident in (u, v):
            if not view.has_node(ident):
                node = g.nodes[ident]
                e = entities.get(ident)
                if e is None:  # a claimant that is a source (the who-says-it layer)
                    view.add_node(ident, node["name"], node["kind"], aliases=[],
                                  href=links.source(ident), layer="claimants")
                    continue
                view.add_node(ident, e.name, e.kind, description=e.description or "",
                              aliases=sorted(node.get("aliases") or ()),
                              href=links.entity(ident), layer=node_layer(e.kind, styles))
        ids = [*d["claims"], *d["denied"]]
        for cid in ids:
            if cid not in view.claims:
                info = infos.get(cid) or ClaimInfo(assessed=False)
                view.claims[cid] = _claim_record(claims[cid], info, links, names)
                for sid in view.claims[cid]["sources"]:
                    if sid in sources and sid not in view.sources:
                        view.sources[sid] = _source_record(sources[sid], links)
        key = _LAYER.get(d["derived"] or "", d["predicate"])
        denial = d.get("polarity") == "denied"
        view.add_edge(u, v, key, edge_id=f"{u}>{k}>{v}", status=DENIED if denial else d["status"],
                      weight=d["weight"], claims=ids, n_claims=len(ids),
                      label=_edge_label(key, v, [claims[c] for c in ids], denial, styles, names),
                      derived=bool(d["derived"]), layer=_edge_layer(d["derived"]))
    return view.sort()


def _ratings(styles: ViewStyles) -> dict[str, str]:
    """The verdict ratings' labels (the page's rating filter names them)."""
    return {r.id: r.label for r in styles.vocab.ratings.values()}


def _edge_layer(derived: str | None) -> str:
    """The layer an edge belongs to: its derived layer's (motives, items, claimants), else
    ``actors`` (a claim between two entities)."""
    return {"motives": "motives", "items": "items"}.get(derived or "", derived or "actors")


def _edge_label(key: str, target: str, claims: list[Claim], denial: bool, styles: ViewStyles,
                names: Mapping[str, str]) -> str:
    """``supplies · Nitrocellulose (3 claims)``; ``why`` / ``what`` for derived edges."""
    derived = styles.derived_edge(key)
    label = derived.label if derived is not None else styles.predicate_label(key)
    items = sorted({i for c in claims if (i := c.item)})
    if derived is None and len(items) == 1 and items[0] != target:
        label += " · " + names.get(items[0], items[0])
    notes = (["denied"] if denial else []) + ([f"{len(claims)} claims"] if len(claims) > 1 else [])
    return label + (f" ({', '.join(notes)})" if notes else "")


def focus_graph(network: ViewGraph, entity_id: str, radius: int = 1) -> ViewGraph:
    """The ego network of one entity within ``radius`` hops, centre marked ``focus``."""
    keep = network.neighbourhood(entity_id, radius)
    g = network.subgraph(keep)
    g.kind = "focus"
    for n in g.nodes:
        if n["id"] == entity_id:
            n["focus"] = True
            g.title = f"{n['label']} — focus"
    return g


def provenance_graph(
    case: Case,
    claim_id: str,
    infos: Mapping[str, ClaimInfo] | None = None,
    *,
    links: Links | None = None,
    max_depth: int = 6,
    _index: tuple[dict[str, Claim], dict[str, Source]] | None = None,
) -> ViewGraph:
    """Claim -> evidence -> sources -> upstream sources (``cites``, followed ``max_depth`` deep).

    Edges are coloured by relation (``ev_supports`` / ``ev_refutes`` / ``ev_mentions``,
    ``quoted_from``, ``cites``); the sources the claim rests on (its independent origins)
    are ``source_basis`` nodes, and cited sources that lead to none of them are dimmed
    (``source_other``, reached by ``cites_other``). Not assessed: nothing is dimmed."""
    links = links or Links(None)
    claims, sources = _index or ({c.id: c for c in case.claims}, {s.id: s for s in case.sources})
    claim = claims[claim_id]
    infos = infos if infos is not None else claim_infos(case)
    info = infos.get(claim_id) or ClaimInfo(assessed=False)
    g = ViewGraph(title=f"Provenance of {claim_id}", kind="provenance")
    basis, on_way = _rests_on(claim, info, sources, max_depth)
    g.claims[claim.id] = _claim_record(claim, info, links)
    g.add_node(f"claim:{claim.id}", claim.text if len(claim.text) <= 60 else claim.text[:57] + "…",
               "claim", href=links.claim(claim.id), description=claim.text)

    def source_node(sid: str) -> str:
        nid = f"source:{sid}"
        s = sources.get(sid)
        if s is None:
            g.add_node(nid, sid, "source_referred")
        else:
            if sid not in g.sources:
                g.sources[sid] = _source_record(s, links)
            grade = f" [{s.reliability}]" if s.reliability else ""
            kind = ("source_basis" if sid in basis else "source_other" if sid not in on_way
                    else "source" if s.captured else "source_referred")
            g.add_node(nid, s.title + grade, kind, href=links.source(sid),
                       description=s.description or "")
        return nid

    frontier: list[str] = []
    for i, ev in enumerate(claim.evidence, start=1):
        eid = f"evidence:{claim.id}:{i}"
        quote = ev.quote if len(ev.quote) <= 50 else ev.quote[:47] + "…"
        g.add_node(eid, f"#{i} “{quote}”", "evidence", description=ev.quote)
        g.add_edge(f"claim:{claim.id}", eid, f"ev_{ev.relation}", edge_id=f"{claim.id}#{i}",
                   status=info.status, claims=[claim.id], label=ev.relation, derived=True)
        g.add_edge(eid, source_node(ev.source), "quoted_from", edge_id=f"{claim.id}#{i}>src",
                   status=info.status, claims=[claim.id], label="quoted from", derived=True)
        frontier.append(ev.source)
    seen = set(frontier)
    for _ in range(max_depth):
        nxt: list[str] = []
        for sid in sorted(set(frontier)):
            s = sources.get(sid)
            for cited in s.cites if s else []:
                source_node(cited)
                g.add_edge(f"source:{sid}", f"source:{cited}",
                           "cites" if cited in on_way else "cites_other",
                           edge_id=f"{sid}>cites>{cited}", status=info.status,
                           label="cites", derived=True)
                if cited not in seen:
                    seen.add(cited)
                    nxt.append(cited)
        frontier = nxt
        if not frontier:
            break
    # a cites edge may be added twice when two sources share an upstream: keep one
    uniq = {e["id"]: e for e in g.edges}
    g.edges = list(uniq.values())
    return g.sort()


def _rests_on(claim: Claim, info: ClaimInfo, sources: Mapping[str, Source],
              max_depth: int) -> tuple[set[str], set[str]]:
    """(the sources the claim rests on, every source on the way to them): the quoted
    sources and those of their ``cites`` chains that lead to a basis. Without an
    assessment every reachable source counts as on the way (nothing is dimmed)."""
    quoted = {ev.source for ev in claim.evidence}
    basis = set(info.origin_ids) if info.assessed else set()
    reach: dict[str, set[str]] = {}  # source -> what its cites reach (max_depth deep)

    def reached(sid: str, depth: int) -> set[str]:
        if depth == 0 or sid not in sources:
            return set()
        if sid not in reach:
            reach[sid] = set()  # a citation circle stops here
            out = set(sources[sid].cites)
            for c in sources[sid].cites:
                out |= reached(c, depth - 1)
            reach[sid] = out
        return reach[sid]

    everything = quoted | {x for q in quoted for x in reached(q, max_depth)}
    if not info.assessed:
        return basis, everything
    on_way = {s for s in everything if s in basis or s in quoted
              or reached(s, max_depth) & basis}
    return basis, on_way | basis
