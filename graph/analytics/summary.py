"""A network too large to read, summarised: the main entities, and communities of the rest.

:func:`summarise` takes the aggregated graph (one edge per subject-predicate-object, see
:mod:`.projection`) and keeps

* the ``top`` entities with the most evidence (strength: the summed weight of their links,
  in and out), each with its own links between them (by subject-predicate-object);
* every other entity in a **community** (Louvain on the evidence-weighted, undirected
  links, one per pair, seeded; above ``louvain_max`` nodes on the :func:`backbone` of each
  entity's ``backbone_k`` strongest links; a community of more than an eighth of them is
  split by entity kind), drawn as one node; a community's links to a kept entity or to another community are summed
  (weight and claims) into one edge per pair;
* the ``max_edges`` strongest of those edges — the links between kept entities, and each
  node's ``per_node`` strongest summed links (:func:`_pick`),

and counts what it left out, so a view can say so. It never creates a link: a summed edge
stands for the claims of its members, listed by count.

Examples
--------
>>> import networkx as nx
>>> agg = nx.MultiDiGraph()
>>> for n in "abcdef":
...     agg.add_node(n, name=n.upper(), kind="state")
>>> for u, v, w in [("a", "b", 2.0), ("a", "c", 1.0), ("c", "d", 0.5), ("e", "f", 0.5),
...                 ("d", "e", 0.2)]:
...     _ = agg.add_edge(u, v, key="supports", predicate="supports", weight=w, claims=[u + v],
...                      denied=[], n_claims=1, status="corroborated")
>>> s = summarise(agg, top=2, max_edges=10)
>>> s.entities, [(g.id, g.members) for g in s.groups]
(['a', 'b'], [('community:1', ['c', 'd']), ('community:2', ['e', 'f'])])
>>> [(e.source, e.target, e.n_claims) for e in s.edges]
[('a', 'b', 1), ('a', 'community:1', 1), ('community:1', 'community:2', 1)]
>>> s.left_out["entities"], s.left_out["links"]
(4, 0)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

__all__ = ["Community", "Summary", "SummaryEdge", "backbone", "summarise"]


@dataclass(frozen=True)
class Community:
    """Entities drawn as one node: ``members`` by strength (strongest first)."""

    id: str
    members: list[str]
    weight: float


@dataclass(frozen=True)
class SummaryEdge:
    """One drawn edge of a summary: a subject-predicate-object between two kept entities
    (``predicate`` set, ``claims`` its claims) or the sum of the links between a community
    and another node (``predicate`` None, ``claims`` the strongest few, ``n_claims`` all,
    ``status`` that of its strongest link)."""

    source: str
    target: str
    predicate: str | None
    weight: float
    n_claims: int
    claims: list[str]
    status: str | None = None
    key: str = ""


@dataclass
class Summary:
    """What a summary draws and what it left out (counts)."""

    entities: list[str]
    groups: list[Community]
    edges: list[SummaryEdge]
    strength: dict[str, float]
    left_out: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    method: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"entities": self.entities,
                "groups": [{"id": g.id, "members": len(g.members), "weight": g.weight}
                           for g in self.groups],
                "edges": len(self.edges), "left_out": self.left_out, "totals": self.totals,
                "method": self.method}


def backbone(und: nx.Graph, k: int) -> nx.Graph:
    """Each node's ``k`` strongest links (by ``weight``, ties by neighbour id), the union
    of them: the links that say most about where a node belongs. On a dense graph Louvain
    runs on this backbone in a fraction of the time (4,940 entities / 107,457 links: 21,907
    links kept, 2.6 s CPU instead of 12 s) and finds communities of comparable size, where
    label propagation on the whole graph finds one community of everything."""
    near: dict[str, list[tuple[float, str]]] = {}
    for a, b, w in und.edges(data="weight"):
        near.setdefault(a, []).append((w, b))
        near.setdefault(b, []).append((w, a))
    out = nx.Graph()
    out.add_nodes_from(und.nodes)
    for a in sorted(near):
        for w, b in sorted(near[a], key=lambda x: (-x[0], x[1]))[:k]:
            out.add_edge(a, b, weight=w)
    return out


def _communities(und: nx.Graph, seed: int, louvain_max: int,
                 backbone_k: int) -> tuple[list[set[str]], str]:
    if und.number_of_nodes() <= louvain_max:
        return (list(nx.community.louvain_communities(und, weight="weight", seed=seed)),
                "Louvain")
    return (list(nx.community.louvain_communities(backbone(und, backbone_k), weight="weight",
                                                  seed=seed)),
            f"Louvain on each entity's {backbone_k} strongest links")


def _pick(edges: list[SummaryEdge], keep: set[str], max_edges: int,
          per_node: int) -> list[SummaryEdge]:
    """The edges drawn: the links between kept entities, strongest first, and the summed
    links of the communities — only each node's ``per_node`` strongest of those (a
    community's summed links outweigh any one entity's, and all of them would draw every
    community linked to every other) — half of ``max_edges`` at least for each while the
    other has fewer."""
    def order(e: SummaryEdge) -> tuple[float, str, str, str]:
        return (-e.weight, e.source, e.target, e.key)

    inner = sorted((e for e in edges if e.source in keep and e.target in keep), key=order)
    summed = sorted((e for e in edges if not (e.source in keep and e.target in keep)),
                    key=order)
    count: Counter[str] = Counter()
    outer = []
    for e in summed:
        if count[e.source] < per_node or count[e.target] < per_node:
            outer.append(e)
            count[e.source] += 1
            count[e.target] += 1
    n_inner = min(len(inner), max_edges - min(len(outer), max_edges // 2))
    return inner[:n_inner] + outer[:max_edges - n_inner]


def summarise(agg: nx.MultiDiGraph, *, top: int = 60, max_edges: int = 250,
              max_groups: int = 30, claims_per_edge: int = 12, seed: int = 42,
              louvain_max: int = 500, backbone_k: int = 5, per_node: int = 2) -> Summary:
    """The summary of ``agg`` (see the module docstring). Deterministic."""
    strength: Counter[str] = Counter()
    pair_w: dict[tuple[str, str], float] = {}
    n_claims = 0
    for u, v, d in agg.edges(data=True):
        w = d["weight"]
        strength[u] += w
        strength[v] += w
        n_claims += len(d["claims"]) + len(d.get("denied") or [])
        if u != v:
            k = (u, v) if u < v else (v, u)
            pair_w[k] = pair_w.get(k, 0.0) + w
    order = sorted(agg.nodes, key=lambda n: (-strength[n], n))
    kept = order[:top]
    keep = set(kept)
    rest = [n for n in order[top:] if strength[n] > 0]
    und = nx.Graph()
    und.add_nodes_from(sorted(rest))
    und.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(pair_w.items())
                                if a not in keep and b not in keep)
    found, method = _communities(und, seed, louvain_max, backbone_k)
    big = max(50, len(rest) // 8)
    kinds = dict(agg.nodes(data="kind"))
    split: list[set[str]] = []
    for c in found:  # a community too large to say anything is split by kind
        if len(c) <= big:
            split.append(set(c))
            continue
        by_kind: dict[str, set[str]] = {}
        for n in c:
            by_kind.setdefault(str(kinds.get(n) or ""), set()).add(n)
        split.extend(by_kind.values())
    found = split
    found.sort(key=lambda c: (-sum(strength[n] for n in c), min(c)))
    if len(found) > max_groups:  # the smallest communities join the last one kept
        tail = set().union(*found[max_groups - 1:])
        found = [*found[:max_groups - 1], tail]
    groups, where = [], {}
    for i, members in enumerate(found, start=1):
        ms = sorted(members, key=lambda n: (-strength[n], n))
        g = Community(f"community:{i}", ms, round(sum(strength[n] for n in ms), 6))
        groups.append(g)
        for n in ms:
            where[n] = g.id
    direct: list[SummaryEdge] = []
    summed: dict[tuple[str, str], list[Any]] = {}
    for u, v, k, d in agg.edges(keys=True, data=True):
        a, b = (u if u in keep else where.get(u)), (v if v in keep else where.get(v))
        if a is None or b is None:
            continue
        claims = [*d["claims"], *(d.get("denied") or [])]
        if u in keep and v in keep:
            direct.append(SummaryEdge(u, v, d["predicate"], d["weight"], len(claims), claims,
                                      d.get("status"), str(k)))
        elif a != b:
            row = summed.setdefault((a, b), [0.0, 0, []])
            row[0] += d["weight"]
            row[1] += len(claims)
            row[2].append((d["weight"], claims, d.get("status")))
    for (a, b), (w, n, parts) in summed.items():
        parts.sort(key=lambda p: (-p[0], p[1]))
        best = [c for _w, cs, _s in parts for c in cs][:claims_per_edge]
        direct.append(SummaryEdge(a, b, None, round(w, 6), n, best, parts[0][2]))
    drawn = sorted(_pick(direct, keep, max_edges, per_node),
                   key=lambda e: (e.source, e.target, e.key))
    drawn_claims = sum(e.n_claims for e in drawn)
    return Summary(
        entities=sorted(kept), groups=groups, edges=drawn,
        strength={n: round(strength[n], 6) for n in kept} | {
            g.id: g.weight for g in groups},
        left_out={"entities": len(rest), "isolated": len(order) - len(kept) - len(rest),
                  "links": len(direct) - len(drawn),
                  "claims": n_claims - drawn_claims},
        totals={"entities": agg.number_of_nodes(), "links": agg.number_of_edges(),
                "claims": n_claims},
        method=method)
