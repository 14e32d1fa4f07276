"""Seeded, deterministic force-directed layout in numpy (Fruchterman-Reingold).

The browser never runs physics on a large view: positions are computed here and sent with
physics off, so a page with thousands of nodes is usable at once. Small graphs get exact
pairwise repulsion; large ones a seeded sample of repelling nodes per step (O(N·k), not
O(N²)), which keeps a 2,000-node / 10,000-edge layout well under a second.

Examples
--------
>>> pos = spring_positions(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=7)
>>> sorted(pos) == ["a", "b", "c"]
True
>>> pos == spring_positions(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=7)
True
>>> spring_positions([], [])
{}
>>> layered_positions(["c", "e1", "e2", "s"], [("c", "e1"), ("c", "e2"), ("e1", "s")], "c")
{'c': (0.0, 0.0), 'e1': (260.0, -60.0), 'e2': (260.0, 60.0), 's': (520.0, 0.0)}
>>> radial_positions(["x", "a", "b"], [("x", "a"), ("b", "x")], "x")["x"]
(0.0, 0.0)

Provenance views (a tree from one claim) are laid out in layers and focus views in rings
around their centre: both are exact, instant and read better than a force layout.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["EXACT_MAX_NODES", "layered_positions", "radial_positions", "spring_positions"]

EXACT_MAX_NODES = 300
"""Up to this many nodes every pair repels; above it a seeded sample does."""


def _distances(nodes: Sequence[str], edges: Iterable[tuple[str, str]], root: str,
               directed: bool) -> dict[str, int]:
    adj: dict[str, set[str]] = {}
    for a, b in edges:
        adj.setdefault(a, set()).add(b)
        if not directed:
            adj.setdefault(b, set()).add(a)
    dist = {root: 0}
    frontier = [root]
    while frontier:
        nxt = []
        for n in frontier:
            for m in sorted(adj.get(n, ())):
                if m not in dist:
                    dist[m] = dist[n] + 1
                    nxt.append(m)
        frontier = nxt
    far = max(dist.values(), default=0) + 1
    return {n: dist.get(n, far) for n in sorted(set(nodes))}


def layered_positions(nodes: Sequence[str], edges: Iterable[tuple[str, str]], root: str, *,
                      dx: float = 260.0, dy: float = 120.0) -> dict[str, tuple[float, float]]:
    """Left-to-right layers by distance from ``root`` along the edges (ids sorted in a layer)."""
    dist = _distances(nodes, edges, root, directed=True)
    layers: dict[int, list[str]] = {}
    for n, d in dist.items():
        layers.setdefault(d, []).append(n)
    out = {}
    for d, members in layers.items():
        for i, n in enumerate(sorted(members)):
            out[n] = (round(d * dx, 1), round((i - (len(members) - 1) / 2) * dy, 1))
    return dict(sorted(out.items()))


def radial_positions(nodes: Sequence[str], edges: Iterable[tuple[str, str]], centre: str, *,
                     ring: float = 300.0) -> dict[str, tuple[float, float]]:
    """``centre`` in the middle, nodes at distance *d* on ring *d* (evenly spread, by id)."""
    dist = _distances(nodes, edges, centre, directed=False)
    rings: dict[int, list[str]] = {}
    for n, d in dist.items():
        rings.setdefault(d, []).append(n)
    out = {}
    for d, members in rings.items():
        members.sort()
        radius = 0.0 if d == 0 else max(ring * d, len(members) * 70 / (2 * math.pi))
        offset = 0.5 * (d % 2)  # stagger rings so spokes do not line up
        for i, n in enumerate(members):
            angle = 2 * math.pi * (i + offset) / len(members) - math.pi / 2
            out[n] = (round(radius * math.cos(angle), 1) + 0.0,
                      round(radius * math.sin(angle), 1) + 0.0)  # + 0.0: no "-0.0"
    return dict(sorted(out.items()))


def _components(n: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _fruchterman_reingold(n: int, src: np.ndarray, dst: np.ndarray, rng: np.random.Generator,
                          iterations: int, sample: int) -> np.ndarray:
    """Unit-square positions of one connected component."""
    pos = rng.random((n, 2)) * 2.0 - 1.0
    if n == 1:
        return np.zeros((1, 2))
    k = 1.0 / math.sqrt(n)  # ideal edge length in the unit square
    t = 0.1
    dt = t / (iterations + 1)
    exact = n <= EXACT_MAX_NODES
    for _ in range(iterations):
        if exact:
            delta = pos[:, None, :] - pos[None, :, :]
            dist2 = np.einsum("ijk,ijk->ij", delta, delta)
            np.fill_diagonal(dist2, 1.0)
            dist2 = np.maximum(dist2, 1e-6)
            disp = np.einsum("ijk,ij->ik", delta, k * k / dist2)
        else:
            m = min(sample, n - 1)
            others = rng.choice(n, size=m, replace=False)
            delta = pos[:, None, :] - pos[None, others, :]
            dist2 = np.maximum(np.einsum("ijk,ijk->ij", delta, delta), 1e-6)
            disp = np.einsum("ijk,ij->ik", delta, k * k / dist2) * (n / m)
        if len(src):
            d = pos[src] - pos[dst]
            dist = np.maximum(np.sqrt(np.einsum("ij,ij->i", d, d)), 1e-6)
            f = d * (dist / k)[:, None]
            np.add.at(disp, src, -f)
            np.add.at(disp, dst, f)
        disp -= pos * (0.1 * n * k)  # a little gravity keeps leaves close
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", disp, disp)), 1e-9)
        pos += disp * (np.minimum(length, t) / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    span = float(np.abs(pos).max()) or 1.0
    return pos / span


def spring_positions(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    seed: int = 42,
    iterations: int | None = None,
    spacing: float = 115.0,
    sample: int = 160,
) -> dict[str, tuple[float, float]]:
    """Positions ``{node: (x, y)}`` in pixels, the same for the same input.

    Each connected component is laid out on its own (radius ``spacing * sqrt(size)``)
    and the components are packed in rows, largest first, so small islands sit beside the
    main graph instead of being flung to the edges.

    Parameters
    ----------
    nodes : node ids (their order does not matter: they are sorted first).
    edges : ``(a, b)`` pairs; direction, duplicates and self-loops are ignored.
    seed : the random seed of the initial positions and the repulsion sample.
    iterations : cooling steps (default 100 for small components, 60 for large ones).
    spacing : roughly the distance between neighbours, in pixels.
    sample : repelling nodes per step for components above :data:`EXACT_MAX_NODES`.
    """
    ids = sorted(set(nodes))
    n = len(ids)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(ids)}
    pairs = sorted({(min(index[a], index[b]), max(index[a], index[b]))
                    for a, b in edges if a in index and b in index and a != b})
    rng = np.random.default_rng(seed)
    out = np.zeros((n, 2))
    boxes = []
    comps = _components(n, pairs)
    where = {g: c for c, comp in enumerate(comps) for g in comp}
    comp_pairs: list[list[tuple[int, int]]] = [[] for _ in comps]
    for a, b in pairs:
        comp_pairs[where[a]].append((a, b))
    for comp, cpairs in zip(comps, comp_pairs, strict=True):
        local = {g: i for i, g in enumerate(comp)}
        cp = [(local[a], local[b]) for a, b in cpairs]
        src = np.fromiter((p[0] for p in cp), dtype=np.int64, count=len(cp))
        dst = np.fromiter((p[1] for p in cp), dtype=np.int64, count=len(cp))
        its = iterations or (100 if len(comp) <= EXACT_MAX_NODES else 60)
        radius = spacing * math.sqrt(len(comp)) * 0.75 if len(comp) > 1 else 0.0
        unit = _fruchterman_reingold(len(comp), src, dst, rng, its, sample)
        boxes.append((comp, unit * radius, radius + spacing * 0.6))
    total = sum((2 * half) ** 2 for _c, _p, half in boxes)
    row_width = max(2 * boxes[0][2], math.sqrt(total) * 1.4)
    x = y = row_h = 0.0
    for comp, p, half in boxes:
        if x > 0 and x + 2 * half > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        out[comp] = p + np.array([x + half, y + half])
        x += 2 * half
        row_h = max(row_h, 2 * half)
    out -= (out.min(axis=0) + out.max(axis=0)) / 2
    return {v: (round(float(out[i, 0]), 1), round(float(out[i, 1]), 1))
            for v, i in index.items()}
