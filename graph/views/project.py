"""Project a case (read from the store) onto view graphs: network, focus, provenance.

* :func:`network_graph` — "who supports what and why": an edge from subject to object for
  the claims that share a predicate and an evidence status (clicking it lists each claim),
  plus derived *why* and *what* edges from the subject to each motive and item a claim
  names. Edge width
  follows the best number of independent, checkable origins among its claims.
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
>>> [n["id"] for n in g.nodes], [(e["from"], e["to"], e["status"]) for e in g.edges]
(['cn', 'ru'], [('cn', 'ru', 'unsourced')])
>>> Links("..").claim("c1")
'../claims/c1.html'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claimgraph.schema.models import Case, Claim, Source

from .claiminfo import ClaimInfo, claim_infos, display_status
from .safe import safe_filename, safe_url
from .styles import ViewStyles, load_view_styles
from .viewgraph import ViewGraph

__all__ = ["Links", "focus_graph", "network_graph", "provenance_graph"]


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
        "predicate": claim.predicate,
        "href": links.claim(claim.id),
        "sources": sorted({ev.source for ev in claim.evidence}),
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
    links: Links | None = None,
    styles: ViewStyles | None = None,
    motives: bool = True,
    items: bool = True,
) -> ViewGraph:
    """The case's actor network: actors, items and motives as nodes; claims as edges.

    ``motives`` / ``items`` add the drawn-only *why* (actor -> motive) and *what*
    (actor -> item) edges of each claim."""
    links = links or Links(None)
    styles = styles or load_view_styles()
    infos = infos if infos is not None else claim_infos(case)
    entities = {e.id: e for e in case.entities}
    sources = {s.id: s for s in case.sources}
    g = ViewGraph(title=case.meta.title, kind="network")
    names = {**{s.id: s.title for s in case.sources}, **{e.id: e.name for e in case.entities}}

    def node(ident: str) -> None:
        e = entities.get(ident)
        if e is None:  # a claim about a source or a dangling id: still drawn, plainly
            label = sources[ident].title if ident in sources else ident
            g.add_node(ident, label, "source" if ident in sources else "unknown",
                       href=links.source(ident) if ident in sources else None)
            return
        aliases = sorted(a if isinstance(a, str) else a.text for a in e.aliases)
        g.add_node(e.id, e.name, e.kind, description=e.description or "", aliases=aliases,
                   href=links.entity(e.id))

    groups: dict[tuple[str, str, str, str], list[Claim]] = {}
    for claim in sorted(case.claims, key=lambda c: c.id):
        info = infos.get(claim.id) or ClaimInfo(assessed=False)
        g.claims[claim.id] = _claim_record(claim, info, links, names)
        for sid in g.claims[claim.id]["sources"]:
            if sid in sources and sid not in g.sources:
                g.sources[sid] = _source_record(sources[sid], links)
        node(claim.subject)
        node(claim.object)
        status = display_status(info, claim.polarity)
        groups.setdefault((claim.subject, claim.object, claim.predicate, status), []).append(claim)
        if motives:
            for m in claim.motives:
                node(m)
                groups.setdefault((claim.subject, m, "motive", status), []).append(claim)
        if items and claim.item and claim.item not in (claim.subject, claim.object):
            node(claim.item)
            groups.setdefault((claim.subject, claim.item, "item", status), []).append(claim)
    for (subj, obj, pred, status), claims in sorted(groups.items()):
        ids = [c.id for c in claims]
        derived = styles.derived_edge(pred)
        if derived is not None:
            label = derived.label
            edge_id = f"{ids[0]}~{pred}~{obj}"
        else:
            label = styles.predicate_label(pred)
            item_ids = sorted({c.item for c in claims if c.item})
            if len(item_ids) == 1:
                label += " · " + (entities[item_ids[0]].name if item_ids[0] in entities
                                  else item_ids[0])
            edge_id = ids[0]
        if len(ids) > 1:
            label += f" ({len(ids)} claims)"
        best = max((infos.get(i) or ClaimInfo(assessed=False)) .checkable for i in ids)
        g.add_edge(subj, obj, pred, status=status, origins=best, claims=ids, label=label,
                   edge_id=edge_id, derived=derived is not None)
    return g.sort()


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
    """Claim -> evidence -> sources -> upstream sources (``cites``, followed ``max_depth`` deep)."""
    links = links or Links(None)
    claims, sources = _index or ({c.id: c for c in case.claims}, {s.id: s for s in case.sources})
    claim = claims[claim_id]
    infos = infos if infos is not None else claim_infos(case)
    info = infos.get(claim_id) or ClaimInfo(assessed=False)
    g = ViewGraph(title=f"Provenance of {claim_id}", kind="provenance")
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
            g.add_node(nid, s.title + grade, "source" if s.captured else "source_referred",
                       href=links.source(sid), description=s.description or "")
        return nid

    frontier: list[str] = []
    for i, ev in enumerate(claim.evidence, start=1):
        eid = f"evidence:{claim.id}:{i}"
        quote = ev.quote if len(ev.quote) <= 50 else ev.quote[:47] + "…"
        g.add_node(eid, f"#{i} “{quote}”", "evidence", description=ev.quote)
        g.add_edge(f"claim:{claim.id}", eid, ev.relation, edge_id=f"{claim.id}#{i}",
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
                g.add_edge(f"source:{sid}", f"source:{cited}", "cites",
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
