"""The summary view of a large network: the analytics' summary (:mod:`~claimgraph.graph.
analytics.summary`) drawn, with what it left out said in words.

Kept entities are drawn as in the full view (their kind's colour and shape, their links one
edge per subject-predicate-object, their claims on click); each community is one grey node
named by its strongest members and its size; a summed edge lists its strongest claims and
says how many there are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from claimgraph.graph.analytics.summary import Summary
from claimgraph.numberformat import format_number
from claimgraph.schema.models import Case, Claim

from .claiminfo import ClaimInfo
from .styles import ViewStyles
from .viewgraph import ViewGraph

__all__ = ["COMMUNITY", "SUMMED", "summary_graph"]

COMMUNITY = "community"
"""The node kind of a collapsed community (its style in ``view_styles.yaml``)."""

SUMMED = "summed"
"""The predicate of a community's summed links (a relation edge in ``view_styles.yaml``)."""


EdgeLabel = Callable[[str, str, list[Claim], bool, ViewStyles, Mapping[str, str]], str]


def summary_graph(case: Case, agg: nx.MultiDiGraph, summary: Summary,
                  infos: Mapping[str, ClaimInfo], *, entity_href: Callable[[str], str | None],
                  styles: ViewStyles, record: Callable[[Claim, ClaimInfo], dict[str, Any]],
                  edge_label: EdgeLabel) -> ViewGraph:
    """The :class:`ViewGraph` of ``summary``: ``record(claim, info)`` makes a claim's
    side-panel record, ``entity_href`` an entity's link, ``edge_label`` an edge's label
    (the full view's)."""

    entities = {e.id: e for e in case.entities}
    claims: dict[str, Claim] = {c.id: c for c in case.claims}
    names = {e.id: e.name for e in case.entities}
    view = ViewGraph(title=f"{case.meta.title} — summary", kind="summary")
    linked = {x for e in summary.edges for x in (e.source, e.target)}  # the others: no room
    for n in summary.entities:
        if n not in linked:
            continue
        ent = entities[n]
        view.add_node(n, ent.name, ent.kind, description=ent.description or "",
                      aliases=sorted(a if isinstance(a, str) else a.text for a in ent.aliases),
                      href=entity_href(n), layer=styles.layer(ent.kind))
    for g in summary.groups:
        if g.id not in linked:
            continue
        head = ", ".join(names.get(m, m) for m in g.members[:3])
        many = f"{format_number(len(g.members))} entities" if len(g.members) > 1 else "1 entity"
        view.add_node(g.id, f"{many}: {head}" + ("…" if len(g.members) > 3 else ""), COMMUNITY,
                      description="Collapsed: " + ", ".join(
                          names.get(m, m) for m in g.members[:30]) + (
                          f" and {format_number(len(g.members) - 30)} more"
                          if len(g.members) > 30 else ""),
                      members=len(g.members), layer="actors")
    for e in summary.edges:
        for cid in e.claims:
            if cid not in view.claims:
                view.claims[cid] = record(claims[cid], infos.get(cid) or ClaimInfo(assessed=False))
        if e.predicate is not None:
            d = agg.edges[e.source, e.target, e.key]
            denial = d.get("polarity") == "denied"
            layer = {"motives": "motives", "items": "items"}.get(d.get("derived") or "", "actors")
            key = {"motives": "motive", "items": "item"}.get(d.get("derived") or "", e.predicate)
            view.add_edge(e.source, e.target, key,
                          edge_id=f"{e.source}>{e.key}>{e.target}",
                          status="denied" if denial else (e.status or "unknown"),
                          weight=e.weight, claims=e.claims, n_claims=e.n_claims,
                          label=edge_label(key, e.target,
                                            [claims[c] for c in e.claims], denial, styles, names),
                          layer=layer, derived=bool(d.get("derived")))
        else:
            view.add_edge(e.source, e.target, SUMMED, edge_id=f"{e.source}>sum>{e.target}",
                          status=e.status or "unknown", weight=e.weight, claims=e.claims,
                          n_claims=e.n_claims, label=f"{format_number(e.n_claims)} claims",
                          layer="actors", derived=True)
    t, lo = summary.totals, summary.left_out
    shown = sum(1 for n in summary.entities if n in linked)
    kept = len(summary.entities)
    view.meta["notes"] = [
        f"A summary: {format_number(t['entities'])} entities and {format_number(t['links'])} "
        f"links are too many to draw one by one.",
        (f"Drawn: the {format_number(shown)} entities with the most evidence, the other "
         if shown == kept else
         f"Drawn: {format_number(shown)} of the {format_number(kept)} entities with the most "
         f"evidence (the others have none of the strongest links), the other ")
        + f"{format_number(lo['entities'])} collapsed into {format_number(len(summary.groups))} "
        f"communities ({summary.method}), and the {format_number(len(summary.edges))} "
        f"strongest links between them.",
        f"Left out: {format_number(lo['links'])} weaker links and "
        f"{format_number(lo['claims'])} of the {format_number(t['claims'])} claims"
        + (f"; {format_number(lo['isolated'])} entities no claim links" if lo["isolated"] else "")
        + ". `claimgraph view --full` draws everything; `--focus ENTITY` one neighbourhood.",
    ]
    return view.sort()
