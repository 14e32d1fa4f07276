"""Around an entity and in groups: ego networks and Louvain communities (seeded).

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_nodes_from([(n, {"name": n.upper(), "kind": "state"}) for n in "abcdxy"])
>>> for u, v, k in [("a", "b", "c1"), ("b", "c", "c2"), ("c", "a", "c3"), ("c", "d", "c4"),
...                 ("x", "y", "c5")]:
...     _ = g.add_edge(u, v, key=k, claim=k, predicate="supports", polarity="affirmed",
...                    status="x", origins=1, strength=1.0, start=None, end=None)
>>> [(r.depth, r.node, r.parent, r.claims, r.reversed) for r in ego_rows(g, "a", depth=2)]
[(0, 'a', None, [], []), (1, 'b', 'a', ['c1'], []), (1, 'c', 'a', [], ['c3']),
 (2, 'd', 'c', ['c4'], [])]
>>> sorted(ego(g, "d", depth=1).nodes)
['c', 'd']
>>> from claimgraph.graph.analytics.projection import aggregate_graph, collapse_graph
>>> communities(collapse_graph(aggregate_graph(g)))
[['a', 'b', 'c', 'd'], ['x', 'y']]
"""

from __future__ import annotations

from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from .paths import resolve_entity

__all__ = ["EgoRow", "communities", "ego", "ego_rows"]


@dataclass(frozen=True)
class EgoRow:
    """One entity reached from the centre: its depth, the entity it was reached from and
    the claims between the two (strongest first; ``reversed`` claims point at the parent)."""

    depth: int
    node: str
    name: str
    kind: str
    parent: str | None
    claims: list[str] = field(default_factory=list)
    reversed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _links(g: nx.MultiDiGraph, n: str) -> dict[str, list[tuple[float, str, bool]]]:
    out: dict[str, list[tuple[float, str, bool]]] = {}
    for _, v, d in g.out_edges(n, data=True):
        out.setdefault(v, []).append((-d["strength"], d["claim"], False))
    for u, _, d in g.in_edges(n, data=True):
        out.setdefault(u, []).append((-d["strength"], d["claim"], True))
    for v in out:
        out[v].sort()
    return out


def ego_rows(g: nx.MultiDiGraph, center: str, depth: int = 1,
             undirected: bool = True) -> list[EgoRow]:
    """Breadth-first tree of the entities within ``depth`` claims of ``center`` (an id,
    name or alias). Neighbours are visited strongest link first, ties by id; with
    ``undirected=False`` only outgoing claims are followed."""
    root = resolve_entity(g, center)
    rows = [EgoRow(0, root, g.nodes[root].get("name", root), g.nodes[root].get("kind", ""),
                   None)]
    seen = {root}
    queue = deque([(root, 0)])
    while queue:
        n, d = queue.popleft()
        if d == depth:
            continue
        links = _links(g, n)
        order = sorted(links, key=lambda v: (links[v][0][0], v))
        for v in order:
            claims = [c for _, c, rev in links[v] if not rev]
            back = [c for _, c, rev in links[v] if rev]
            if v in seen or (not undirected and not claims):
                continue
            seen.add(v)
            attrs = g.nodes[v]
            rows.append(EgoRow(d + 1, v, attrs.get("name", v), attrs.get("kind", ""), n,
                               claims, back if undirected else []))
            queue.append((v, d + 1))
    return rows


def ego(g: nx.MultiDiGraph, center: str, depth: int = 1,
        undirected: bool = True) -> nx.MultiDiGraph:
    """The ego network: the subgraph (a copy) induced by :func:`ego_rows`' entities."""
    nodes = [r.node for r in ego_rows(g, center, depth, undirected)]
    return g.subgraph(nodes).copy()


def communities(collapsed: nx.DiGraph, *, seed: int = 42, resolution: float = 1.0,
                min_size: int = 1) -> list[list[str]]:
    """Louvain communities of the evidence-weighted, undirected graph.

    Deterministic: the graph is rebuilt in sorted order, the seed is fixed, members are
    sorted by id and communities by size (largest first), then by first member.
    """
    und = nx.Graph()
    und.add_nodes_from(sorted(collapsed.nodes))
    weights: dict[tuple[str, str], float] = {}
    for u, v, d in collapsed.edges(data=True):
        a, b = sorted((u, v))
        weights[a, b] = weights.get((a, b), 0.0) + d["weight"]
    und.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    found = nx.community.louvain_communities(und, weight="weight", seed=seed,
                                             resolution=resolution)
    groups = [sorted(c) for c in found if len(c) >= min_size]
    return sorted(groups, key=lambda c: (-len(c), c[0]))
