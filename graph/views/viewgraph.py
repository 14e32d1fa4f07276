"""The plain data a network view draws: nodes, edges, and the claims and sources behind them.

A :class:`ViewGraph` is built from a case (:mod:`~claimgraph.graph.views.project`) or by
hand, and turned into a page by :mod:`~claimgraph.graph.views.render`. Everything in it is
plain Python (str, int, float, list, dict), sorted, so the same graph gives the same page.

Node keys: ``id``, ``label``, ``kind`` and optionally ``description``, ``aliases`` (list),
``href`` (a relative link to its page), ``focus`` (true for the centre of a focus view).
Edge keys: ``id``, ``from``, ``to``, ``predicate``, ``status``, ``weight`` (the analytics'
evidence weight of the edge: its width), ``claims`` (claim ids), and optionally ``label``,
``n_claims``, ``derived`` (true for drawn-only edges).
Claim records (``claims``): ``text``, ``status``, ``claimant``, ``polarity``, ``href``,
``sources`` (source ids). Source records (``sources``): ``title``, ``href``, ``reliability``.

Examples
--------
>>> g = ViewGraph("demo")
>>> g.add_node("cn", "China", "state")
>>> g.add_node("ru", "Russia", "state")
>>> g.add_edge("cn", "ru", "supplies", status="single-origin", weight=0.6, claims=["c1"])
>>> len(g.nodes), g.edges[0]["id"]
(2, 'c1')
>>> g.subgraph({"cn"}).edges
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimgraph.schema.statuses import UNKNOWN

__all__ = ["ViewGraph"]


@dataclass
class ViewGraph:
    """Nodes, edges and the records behind them, ready to draw."""

    title: str
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    kind: str = "network"
    notes: list[str] = field(default_factory=list)
    """What the projection left out, included or merged (one sentence each, shown)."""
    meta: dict[str, Any] = field(default_factory=dict)
    """What the page says and offers besides the drawing (JSON-ready): ``notes`` (what a
    summary left out), ``tags`` (declared tags: name), ``why`` (paths to highlight),
    ``avoid`` (kinds a path never steps through)."""
    _ids: set[str] = field(default_factory=set, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The view as plain JSON data (what :meth:`from_dict` reads back)."""
        return {"title": self.title, "nodes": self.nodes, "edges": self.edges,
                "claims": self.claims, "sources": self.sources, "kind": self.kind,
                "notes": self.notes, "meta": self.meta}

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> ViewGraph:
        """A view from :meth:`to_dict`'s data.

        >>> g = ViewGraph("t"); g.add_node("a", "A", "state")
        >>> ViewGraph.from_dict(g.to_dict()) == g, ViewGraph.from_dict(g.to_dict()).has_node("a")
        (True, True)
        """
        g = cls(doc["title"], list(doc["nodes"]), list(doc["edges"]), dict(doc["claims"]),
                dict(doc["sources"]), doc["kind"], list(doc["notes"]), dict(doc["meta"]))
        g._ids = {n["id"] for n in g.nodes}
        return g

    def add_node(self, node_id: str, label: str, kind: str, **extra: Any) -> None:
        """Add a node once (a second call with the same id is ignored)."""
        if node_id in self._ids:
            return
        self._ids.add(node_id)
        self.nodes.append({"id": node_id, "label": label, "kind": kind, **extra})

    def has_node(self, node_id: str) -> bool:
        return node_id in self._ids

    def add_edge(self, source: str, target: str, predicate: str, *, status: str = UNKNOWN,
                 weight: float = 0.0, claims: list[str] | None = None,
                 edge_id: str | None = None, **extra: Any) -> None:
        """Add an edge; its id defaults to its first claim id (a hop is a claim)."""
        claims = list(claims or [])
        eid = edge_id or (claims[0] if claims else f"{source}>{predicate}>{target}")
        self.edges.append({"id": eid, "from": source, "to": target, "predicate": predicate,
                           "status": status, "weight": weight, "claims": claims, **extra})

    def sort(self) -> ViewGraph:
        """Sort nodes and edges by id (deterministic output); returns self."""
        self.nodes.sort(key=lambda n: n["id"])
        self.edges.sort(key=lambda e: (e["id"], e["from"], e["to"]))
        return self

    def subgraph(self, keep: set[str]) -> ViewGraph:
        """The nodes in ``keep``, the edges between them and the records they use."""
        edges = [e for e in self.edges if e["from"] in keep and e["to"] in keep]
        claim_ids = {c for e in edges for c in e["claims"]}
        claims = {k: v for k, v in self.claims.items() if k in claim_ids}
        source_ids = {s for c in claims.values() for s in c.get("sources", [])}
        out = ViewGraph(
            title=self.title,
            nodes=[dict(n) for n in self.nodes if n["id"] in keep],
            edges=[dict(e) for e in edges],
            claims=claims,
            sources={k: v for k, v in self.sources.items() if k in source_ids},
            kind=self.kind,
            notes=list(self.notes),
            meta=dict(self.meta),
        )
        out._ids = {n["id"] for n in out.nodes}
        return out

    def neighbourhood(self, centre: str, radius: int = 1) -> set[str]:
        """Ids within ``radius`` hops of ``centre``, in either direction."""
        adj: dict[str, set[str]] = {}
        for e in self.edges:
            adj.setdefault(e["from"], set()).add(e["to"])
            adj.setdefault(e["to"], set()).add(e["from"])
        seen = {centre}
        frontier = {centre}
        for _ in range(radius):
            frontier = {m for n in frontier for m in adj.get(n, ())} - seen
            seen |= frontier
        return seen if centre in self._ids else set()
