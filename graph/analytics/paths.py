"""How is A connected to B: the strongest explained paths, each hop expanded to its claims.

Paths are found with Yen's k shortest simple paths
(:func:`networkx.shortest_simple_paths`, lazy) on the collapsed DiGraph, with edge cost
``1 / weight`` so that well-evidenced links are short. The search is first pruned to the
nodes that lie on some path of at most ``max_hops`` hops (two breadth-first searches; the
other edges are hidden by the weight function, no subgraph is copied), and paths longer
than ``max_hops`` are skipped. Each hop is then expanded back to the claim(s)
that make it — parallel claims between the same two entities are all listed, strongest
first — so a hop reads as a claim, not as a pair of nodes. With ``undirected=True`` a hop
may follow a claim against its direction (``reversed=True`` on that hop).

Examples
--------
>>> import networkx as nx
>>> from claimgraph.graph.analytics.projection import aggregate_graph, collapse_graph
>>> g = nx.MultiDiGraph()
>>> g.add_nodes_from([(n, {"name": n.upper(), "aliases": []}) for n in "abcd"])
>>> for u, v, k, s in [("a", "b", "ab1", 1.0), ("a", "b", "ab2", 0.6), ("b", "d", "bd", 1.0),
...                    ("a", "c", "ac", 0.15), ("c", "d", "cd", 0.15)]:
...     _ = g.add_edge(u, v, key=k, claim=k, predicate="supplies", polarity="affirmed",
...                    status="x", origins=1, strength=s, start=None, end=None)
>>> paths = strongest_paths(g, "a", "d", k=2)
>>> [[h.claims[0]["claim"] for h in p.hops] for p in paths]
[['ab1', 'bd'], ['ac', 'cd']]
>>> [c["claim"] for c in paths[0].hops[0].claims]    # parallel claims of one hop
['ab1', 'ab2']
>>> resolve_entity(g, "B"), resolve_entity(g, "b")
('b', 'b')
>>> resolve_entity(g, "e")
Traceback (most recent call last):
...
claimgraph.errors.NotFoundError: no entity 'e' in the graph
"""

from __future__ import annotations

import weakref
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from claimgraph.errors import NotFoundError
from claimgraph.schema.suggest import closest

from .filters import load_evidence_scale
from .projection import aggregate_graph, collapse_graph

__all__ = ["Hop", "Path", "resolve_entity", "strongest_paths"]

_HOP_FIELDS = ("claim", "predicate", "label", "polarity", "status", "origins", "strength",
               "text", "sources", "item", "quantity", "unit", "time", "claimant", "derived",
               "said", "said_polarity")


@dataclass(frozen=True)
class Hop:
    """One step of a path: from ``source`` to ``target`` through one or more claims."""

    source: str
    target: str
    reversed: bool
    weight: float
    claims: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Path:
    """A path with its total cost (sum of ``1 / weight``) and weakest link."""

    nodes: list[str]
    cost: float
    weakest: float
    hops: list[Hop]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def resolve_entity(g: nx.Graph, text: str) -> str:
    """A node id from an id, a name or an alias (case-insensitive); else NotFoundError
    with a did-you-mean hint."""
    if text in g:
        return text
    key = text.casefold().strip()
    by_label: dict[str, set[str]] = {}
    for n, d in g.nodes(data=True):
        for label in (n, d.get("name") or "", *(d.get("aliases") or [])):
            by_label.setdefault(str(label).casefold(), set()).add(n)
    hits = by_label.get(key, set())
    if len(hits) == 1:
        return next(iter(hits))
    if len(hits) > 1:
        raise NotFoundError(f"{text!r} names several entities: {', '.join(sorted(hits))}",
                            hint="give the entity id instead")
    close = closest(key, by_label, n=3)
    names = sorted({n for c in close for n in by_label[c]})
    hint = (f"did you mean {', '.join(repr(n) for n in names)}?" if names else
            "give an entity id, name or alias; `claimgraph rank` lists the main entities")
    raise NotFoundError(f"no entity {text!r} in the graph", hint=hint)


_UNDIRECTED: weakref.WeakKeyDictionary[nx.DiGraph, nx.DiGraph] = weakref.WeakKeyDictionary()


def _search_graph(collapsed: nx.DiGraph, undirected: bool) -> nx.DiGraph:
    """The graph Yen searches: ``collapsed`` itself, or (undirected) both directions of
    every link with the weights of the two directions summed. The undirected graph is
    built once per collapsed graph (cached while that graph lives; do not mutate it)."""
    if not undirected:
        return collapsed
    cached = _UNDIRECTED.get(collapsed)
    if cached is not None:
        return cached
    weights: dict[tuple[str, str], float] = {}
    for u, v, w in collapsed.edges(data="weight"):
        a, b = (u, v) if u <= v else (v, u)
        weights[a, b] = weights.get((a, b), 0.0) + w
    both = nx.DiGraph()
    both.add_nodes_from(collapsed.nodes(data=True))
    both.add_edges_from((a, b, {"weight": w, "cost": 1.0 / w}) for (a, b), w in weights.items())
    both.add_edges_from((b, a, {"weight": w, "cost": 1.0 / w}) for (a, b), w in weights.items())
    _UNDIRECTED[collapsed] = both
    return both


def _hops(adj: Any, start: str, cutoff: int, blocked: set[str]) -> dict[str, int]:
    """Breadth-first hop counts from ``start``; ``blocked`` nodes are reached, not crossed."""
    dist = {start: 0}
    layer = [start]
    for d in range(1, cutoff + 1):
        nxt = []
        for u in layer:
            if u in blocked and u != start:
                continue
            for v in adj[u]:
                if v not in dist:
                    dist[v] = d
                    nxt.append(v)
        layer = nxt
    return dist


def _keep(h: nx.DiGraph, s: str, t: str, max_hops: int, avoid: Collection[str]) -> set[str]:
    """Nodes on some path of at most ``max_hops`` hops that steps through no avoided kind."""
    blocked = ({n for n, k in h.nodes(data="kind") if k in avoid} - {s, t}) if avoid else set()
    ds = _hops(h._succ, s, max_hops, blocked)
    dt = _hops(h._pred, t, max_hops, blocked)
    return {n for n, d in ds.items()
            if n in dt and d + dt[n] <= max_hops and n not in blocked}


def _hop_claims(g: nx.MultiDiGraph, u: str, v: str) -> list[dict[str, Any]]:
    ds = [d for d in g.get_edge_data(u, v, default={}).values() if d["polarity"] == "affirmed"]
    ds.sort(key=lambda d: (-d["strength"], d["claim"]))
    return [{f: d.get(f) for f in _HOP_FIELDS} for d in ds]


def strongest_paths(g: nx.MultiDiGraph, source: str, target: str, *, k: int = 5,
                    max_hops: int = 4, undirected: bool = False,
                    collapsed: nx.DiGraph | None = None,
                    avoid_kinds: Collection[str] | None = None,
                    max_candidates: int = 200) -> list[Path]:
    """Up to ``k`` simple paths from ``source`` to ``target`` of at most ``max_hops`` hops,
    cheapest (best evidenced) first. ``source``/``target`` may be ids, names or aliases.

    ``max_candidates`` bounds how many Yen paths are examined (paths over ``max_hops``
    hops are skipped). Paths of equal cost are ordered by length, then node ids, so the
    answer does not depend on the search's tie-breaking.
    """
    s, t = resolve_entity(g, source), resolve_entity(g, target)
    if s == t:
        return []
    collapsed = collapsed if collapsed is not None else collapse_graph(aggregate_graph(g))
    if avoid_kinds is None:
        avoid_kinds = load_evidence_scale().no_intermediate_kinds
    h = _search_graph(collapsed, undirected)
    keep = _keep(h, s, t, max_hops, frozenset(avoid_kinds))
    if s not in keep or t not in keep:
        return []

    def hop_cost(u: str, v: str, d: dict[str, Any]) -> float | None:
        return d["cost"] if v in keep else None  # None hides the edge from the search

    out: list[Path] = []
    for nodes in islice(nx.shortest_simple_paths(h, s, t, weight=hop_cost), max_candidates):
        if len(nodes) - 1 > max_hops:
            continue
        hops = []
        for u, v in pairwise(nodes):
            claims = [{**c, "reversed": False} for c in _hop_claims(g, u, v)]
            rev = False
            if undirected:
                back = [{**c, "reversed": True} for c in _hop_claims(g, v, u)]
                rev = not claims
                claims = sorted(claims + back, key=lambda c: (-c["strength"], c["claim"]))
            hops.append(Hop(u, v, rev, round(float(h.edges[u, v]["weight"]), 6), claims))
        cost = sum(1.0 / hop.weight for hop in hops)
        if len(out) >= k and round(cost, 6) > out[k - 1].cost:
            break  # Yen yields paths by cost: nothing cheaper can follow
        out.append(Path(list(nodes), round(cost, 6), min(hop.weight for hop in hops), hops))
        out.sort(key=lambda p: (p.cost, len(p.nodes), p.nodes))
    return out[:k]
