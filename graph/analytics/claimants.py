"""Who says it: the claimants of a projection ranked by how many claims they make, with
what evidence status and about whom.

A claim's claimant is who makes it (``claimant:``, else whom its first quote is attributed
to, else that quote's source: :meth:`Claim.effective_claimant
<claimgraph.schema.models.Claim.effective_claimant>`); entities merged by ``same_as`` count
as one. The rows are read from the claim graph, so the filters of the projection apply
(a denial counts when the graph keeps denials: ``claimgraph rank --by claimant`` keeps them,
a denial is something a claimant says). The *who says it* layer of the graph itself
(claimant -says-> subject edges) is ``Filters(claimants=True)``.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_nodes_from([("cn", {"name": "China"}), ("ru", {"name": "Russia"}),
...                   ("gt", {"name": "Global Times"})])
>>> for k, who, pol, st, s in [("c1", "gt", "affirmed", "single-origin", 0.6),
...                            ("c2", "gt", "denied", "single-origin", 0.6),
...                            ("c3", "article", "affirmed", "corroborated", 1.25)]:
...     _ = g.add_edge("cn", "ru", key=k, claim=k, claimant=who, polarity=pol, status=st,
...                    strength=s, predicate="supplies", derived=None)
>>> rows = rank_claimants(g, names={"article": "The article"})
>>> [(r.node, r.name, r.claims, r.affirmed, r.denied, r.statuses) for r in rows]
[('gt', 'Global Times', 2, 1, 1, {'single-origin': 2}), ('article', 'The article', 1, 1, 0, {'corroborated': 1})]
>>> rows[0].about, rows[1].why
([['cn', 2], ['ru', 2]], ['c3'])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

__all__ = ["ClaimantRow", "links_only_by_saying", "rank_claimants", "said_by"]


@dataclass(frozen=True)
class ClaimantRow:
    """One claimant: how many claims it makes (affirmed, denied), their evidence statuses
    (``{status: n}``), the entities they are about most (``[[id, n], ...]``) and its
    strongest claims (``why``)."""

    rank: int
    node: str
    name: str
    kind: str
    claims: int
    affirmed: int
    denied: int
    statuses: dict[str, int] = field(default_factory=dict)
    about: list[list[Any]] = field(default_factory=list)
    why: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def rank_claimants(g: nx.MultiDiGraph, *, top: int | None = None, why: int = 3,
                   about: int = 3, names: Mapping[str, str] | None = None) -> list[ClaimantRow]:
    """Claimants by number of claims (then summed strength, then name), each with its
    statuses, what it talks about and its ``why`` strongest claims.

    ``names`` names claimants that are not nodes of ``g`` (sources: the article); a
    claimant merged by ``same_as`` counts under its node (``g.graph["merged"]``)."""
    node_of = {i: c for c, ids in (g.graph.get("merged") or {}).items() for i in ids}
    per: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for u, v, d in g.edges(data=True):
        if d.get("derived") or not d.get("claimant"):
            continue
        who = node_of.get(d["claimant"], d["claimant"])
        per.setdefault(who, []).append((u, v, d))
    rows: list[tuple[tuple[Any, ...], ClaimantRow]] = []
    for who, edges in per.items():
        attrs = g.nodes[who] if who in g else {}
        name = str(attrs.get("name") or (names or {}).get(who) or who)
        statuses = Counter(d["status"] for _, _, d in edges)
        topics: Counter[str] = Counter()
        for u, v, _ in edges:
            topics.update({u, v} - {who})
        strongest = sorted(edges, key=lambda e: (-e[2]["strength"], e[2]["claim"]))
        denied = sum(1 for _, _, d in edges if d["polarity"] == "denied")
        row = ClaimantRow(
            rank=0, node=who, name=name, kind=str(attrs.get("kind") or "source"),
            claims=len(edges), affirmed=len(edges) - denied, denied=denied,
            statuses=dict(sorted(statuses.items(), key=lambda kv: (-kv[1], kv[0]))),
            about=[[n, k] for n, k in sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))
                   [:about]],
            why=[d["claim"] for _, _, d in strongest[:why]])
        total = sum(d["strength"] for _, _, d in edges)
        rows.append(((-len(edges), -total, name.casefold(), who), row))
    rows.sort(key=lambda r: r[0])
    out = [r for _, r in rows][: top if top is not None else None]
    return [ClaimantRow(**{**asdict(r), "rank": i}) for i, r in enumerate(out, start=1)]


def said_by(g: nx.MultiDiGraph, claimants: Collection[str]) -> nx.MultiDiGraph:
    """``g`` (a claim graph with the claimant layer) keeping only the *says* edges of
    ``claimants``: what ``why`` searches when it starts (or ends) at a claimant. A path may
    begin with what A says; it never steps *through* a third party's saying (two entities
    are not linked because one outlet talks about both). A copy when edges go, else ``g``.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("gt", "cn", key="c1>says", derived="claimants")
    >>> _ = g.add_edge("x", "cn", key="c2>says", derived="claimants")
    >>> _ = g.add_edge("cn", "ru", key="c1", derived=None)
    >>> sorted(said_by(g, {"gt"}).edges(keys=True))
    [('cn', 'ru', 'c1'), ('gt', 'cn', 'c1>says')]
    """
    drop = [(u, v, k) for u, v, k, d in g.edges(keys=True, data="derived")
            if d == "claimants" and u not in claimants]
    if not drop:
        return g
    out = g.copy()
    out.remove_edges_from(drop)
    return out


def links_only_by_saying(g: nx.MultiDiGraph, node: str) -> bool:
    """True when ``node`` is linked to nothing but by what it says (a claimant only: an
    outlet, a spokesperson, the article): ``why`` then starts from what it says.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("gt", "cn", key="c1>says", derived="claimants")
    >>> _ = g.add_edge("cn", "ru", key="c1", derived=None)
    >>> links_only_by_saying(g, "gt"), links_only_by_saying(g, "cn")
    (True, False)
    """
    return not any(d != "claimants" for *_, d in g.edges(node, data="derived")) and not any(
        d != "claimants" for *_, d in g.in_edges(node, data="derived"))
