"""Regions and room for every label: the layout of the network view.

A network view is laid out in three steps, all seeded and deterministic:

1. **Regions.** The entities are split into communities (Louvain on the evidence-weighted,
   undirected links, seeded); a star around one hub becomes several regions, each named
   after its best-connected members.
2. **Inside a region** the members are placed by the force layout of :mod:`.layout`; the
   regions are placed by the same layout over the graph of regions, then pushed apart.
3. **Labels.** Every node has a *footprint*: its shape and its label (vis-network writes a
   label under a dot, star or diamond, inside a box or ellipse). Footprints are pushed apart
   until no two overlap (:func:`separate`), so no two labels overlap at any zoom — the browser
   test measures the drawn labels to hold it.

Widths are estimated from the characters (:func:`text_width`, calibrated on Chromium's
sans-serif with a margin), so the estimate is never narrower than what is drawn.

Examples
--------
>>> wrap_label("China's state-owned defence enterprises")
"China's state-owned\\ndefence enterprises"
>>> wrap_label("Russia")
'Russia'
>>> import numpy as np
>>> pos = separate(np.zeros((3, 2)), np.array([[10.0, 5.0]] * 3))
>>> overlaps(pos, np.array([[10.0, 5.0]] * 3))
0
>>> p, regions = region_layout(["a", "b", "c", "d"], {k: (40.0, 20.0, 0.0) for k in "abcd"},
...                            [("a", "b", 1.0), ("c", "d", 1.0)])
>>> sorted(map(sorted, regions)), p == region_layout(
...     ["a", "b", "c", "d"], {k: (40.0, 20.0, 0.0) for k in "abcd"},
...     [("a", "b", 1.0), ("c", "d", 1.0)])[0]
([['a', 'b'], ['c', 'd']], True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np

from .layout import spring_positions

__all__ = ["LABEL_GAP", "SEPARATE_MAX_NODES", "footprint", "overlaps", "region_layout",
           "region_names", "separate", "text_width", "wrap_label"]

LABEL_GAP = 6.0
"""Pixels kept free between two footprints."""

SEPARATE_MAX_NODES = 1500
"""Above this many nodes labels are not pushed apart (the view is a summary below it)."""

_NARROW = set("iljtfI.,:;'!|() []")
_WIDE = set("mwMW@%")
_UPPER_WIDE = set("ABCDGHKNOQRUVXY&")


def text_width(line: str, size: float) -> float:
    """Width in pixels of one line of text at ``size`` px in a sans-serif (an upper bound
    for DejaVu Sans / Liberation Sans, the fonts Chromium uses for ``system-ui`` here)."""
    w = 0.0
    for ch in line:
        if ch in _NARROW:
            w += 0.36
        elif ch in _WIDE:
            w += 0.92
        elif ch in _UPPER_WIDE:
            w += 0.76
        elif ch.isupper() or ch.isdigit():
            w += 0.66
        elif ord(ch) > 0x2E80:  # CJK: one em each
            w += 1.0
        else:
            w += 0.60
    return w * size


def wrap_label(label: str, width: int = 22) -> str:
    """A label of more than ``width`` characters on two lines, broken at the space nearest
    the middle (labels are short: never more than two lines)."""
    if len(label) <= width or " " not in label:
        return label
    mid = len(label) / 2
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: (abs(i - mid), i))
    return label[:cut] + "\n" + label[cut + 1:]


def footprint(label: str, font: float, node_size: float, inside: bool) -> tuple[float, float, float]:
    """``(half width, half height, dy)`` of what a node draws (shape and label), centred
    ``dy`` below the node's position."""
    lines = label.split("\n") if label else []
    tw = max((text_width(line, font) for line in lines), default=0.0)
    th = len(lines) * font * 1.2
    if inside:  # a box or ellipse around its label (margin 6 each side, ellipse wider)
        return (tw + 24) / 2 * 1.1, (th + 14) / 2, 0.0
    top = -node_size
    bottom = node_size + 4 + th  # vis-network writes the label under the shape
    return max(tw / 2 + 3, node_size), (bottom - top) / 2, (bottom + top) / 2


def overlaps(pos: np.ndarray, half: np.ndarray, gap: float = 0.0) -> int:
    """How many pairs of boxes (centre ``pos``, half sizes ``half``) overlap."""
    n = len(pos)
    if n < 2:
        return 0
    d = np.abs(pos[:, None, :] - pos[None, :, :])
    need = half[:, None, :] + half[None, :, :] + gap
    hit = np.all(d < need - 1e-6, axis=2)
    return int((hit.sum() - np.trace(hit)) // 2)


def separate(pos: np.ndarray, half: np.ndarray, *, gap: float = LABEL_GAP,
             max_rings: int = 2000, fixed: int = 0) -> np.ndarray:
    """Boxes moved apart until none overlaps: each box, largest first, keeps its place if
    it is free, else takes the nearest free place on rings around it (sideways first).
    The first ``fixed`` boxes (which must not overlap) stay where they are. No overlap by
    construction; deterministic. Returns new positions."""
    pos = np.array(pos, dtype=float)
    n = len(pos)
    if n < 2:
        return pos
    order = sorted(range(fixed, n), key=lambda i: (-float(half[i, 0] * half[i, 1]), i))
    placed_c = pos[:fixed].copy()
    placed_h = np.array(half[:fixed], dtype=float).reshape(-1, 2)
    out = pos.copy()

    def free(cands: np.ndarray, h: np.ndarray, near: np.ndarray) -> np.ndarray:
        if not near.any():
            return np.ones(len(cands), dtype=bool)
        pc, ph = placed_c[near], placed_h[near]
        d = np.abs(cands[:, None, :] - pc[None, :, :])
        need = ph[None, :, :] + h + gap
        return ~np.any(np.all(d < need - 1e-6, axis=2), axis=1)

    for i in order:
        h = half[i]
        want = pos[i]
        spot = want
        reach = np.abs(placed_c - want) - placed_h - h - gap  # how far each placed box is
        if not free(want[None, :], h, np.all(reach < 0, axis=1))[0]:
            step = max(8.0, float(min(h[0], h[1])))
            for ring in range(1, max_rings + 1):
                r = ring * step
                m = max(8, int(np.pi * r / step))
                ang = np.arange(m) * (2 * np.pi / m)
                # sideways first: order the ring by how vertical the move is
                ang = ang[np.argsort(np.abs(np.sin(ang)), kind="stable")]
                cands = want + np.column_stack([np.cos(ang) * r, np.sin(ang) * r * 0.6])
                ok = free(cands, h, np.all(reach < r, axis=1))
                if ok.any():
                    spot = cands[int(np.argmax(ok))]
                    break
        out[i] = spot
        placed_c = np.vstack([placed_c, spot])
        placed_h = np.vstack([placed_h, h])
    return out


def _communities(ids: Sequence[str], edges: Sequence[tuple[str, str, float]],
                 seed: int) -> list[list[str]]:
    g = nx.Graph()
    g.add_nodes_from(sorted(ids))
    w: dict[tuple[str, str], float] = {}
    for a, b, x in edges:
        if a != b and a in g and b in g:
            k = (a, b) if a < b else (b, a)
            w[k] = w.get(k, 0.0) + x
    g.add_weighted_edges_from((a, b, x) for (a, b), x in sorted(w.items()))
    if len(ids) < 8:
        groups = [sorted(c) for c in nx.connected_components(g)]
    else:
        groups = [sorted(c) for c in nx.community.louvain_communities(
            g, weight="weight", seed=seed, resolution=1.0)]
    loose = sorted(x for c in groups if len(c) == 1 for x in c)
    groups = [c for c in groups if len(c) > 1] + ([loose] if loose else [])
    return sorted(groups, key=lambda c: (-len(c), c[0]))


def _shelves(half: np.ndarray, aspect: float, gap: float) -> np.ndarray:
    """Centres of boxes (half sizes ``half``, in order) packed in rows about ``aspect``
    times as wide as the whole is high; each row centred."""
    area = float(((2 * half[:, 0] + gap) * (2 * half[:, 1] + gap)).sum())
    width = max(float(2 * half[:, 0].max()), np.sqrt(area * aspect) * 1.05)
    rows: list[list[int]] = [[]]
    x = 0.0
    for i, (hw, _hh) in enumerate(half):
        if rows[-1] and x + 2 * hw > width:
            rows.append([])
            x = 0.0
        rows[-1].append(i)
        x += 2 * hw + gap
    out = np.zeros_like(half)
    y = 0.0
    for row in rows:
        total = sum(2 * half[i, 0] for i in row) + gap * (len(row) - 1)
        height = max(2 * half[i, 1] for i in row)
        x = -total / 2
        for i in row:
            out[i] = (x + half[i, 0], y + height / 2)
            x += 2 * half[i, 0] + gap
        y += height + gap
    return out


def region_layout(
    ids: Sequence[str],
    boxes: Mapping[str, tuple[float, float, float]],
    edges: Iterable[tuple[str, str, float]],
    *,
    seed: int = 42,
    title_height: float = 40.0,
    aspect: float = 1.1,
    squeeze: float = 0.55,
) -> tuple[dict[str, tuple[float, float]], list[list[str]]]:
    """Positions ``{id: (x, y)}`` (pixels) and the regions (lists of ids, largest first).

    ``boxes`` gives each node's footprint (:func:`footprint`). Regions leave
    ``title_height`` free above their members for their name."""
    ids = sorted(set(ids))
    if not ids:
        return {}, []
    edges = [(a, b, w) for a, b, w in edges if a in boxes and b in boxes]
    regions = _communities(ids, edges, seed)
    where = {n: r for r, members in enumerate(regions) for n in members}
    typical = float(np.median([2 * boxes[n][0] for n in ids]))
    local: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # centres, halves, region box
    for members in regions:
        inner = [(a, b) for a, b, _w in edges if where[a] == where[b] == where[members[0]]]
        p = spring_positions(members, inner, seed=seed, spacing=max(typical * 0.35, 40.0))
        half = np.array([boxes[n][:2] for n in members])
        centre = np.array([[p[n][0], p[n][1] + boxes[n][2]] for n in members])
        # squeezed until the footprints overlap, then pushed apart: tight, in the force
        # layout's order
        span = float(np.abs(centre - centre.mean(axis=0)).max()) or 1.0
        room = float(np.sqrt((4 * half[:, 0] * half[:, 1]).sum()))
        centre = (centre - centre.mean(axis=0)) * min(1.0, squeeze * room / span)
        centre = separate(centre, half)
        lo = (centre - half).min(axis=0)
        hi = (centre + half).max(axis=0)
        local.append((centre, half, np.array([lo, hi])))
    # the regions, packed in rows (largest first) to a canvas-like shape
    pad = 14.0
    rhalf = np.array([(box[1] - box[0]) / 2 + [pad, pad + title_height / 2]
                      for _c, _h, box in local])
    rcentre = _shelves(rhalf, aspect, gap=18.0)
    out: dict[str, tuple[float, float]] = {}
    centres, halves = [], []
    for r, (members, (centre, half, box)) in enumerate(zip(regions, local, strict=True)):
        mid = (box[0] + box[1]) / 2
        shift = rcentre[r] - mid + [0.0, title_height / 2]
        for i, n in enumerate(members):
            centres.append(centre[i] + shift)
            halves.append(half[i])
            out[n] = (0.0, 0.0)
    order = [n for members in regions for n in members]
    final = np.array(centres)
    if overlaps(final, np.array(halves)):  # regions never overlap: a guarantee only
        final = separate(final, np.array(halves))
    final -= (final.min(axis=0) + final.max(axis=0)) / 2
    for n, c in zip(order, final, strict=True):
        x, y = float(c[0]), float(c[1] - boxes[n][2])
        out[n] = (round(x, 1) + 0.0, round(y, 1) + 0.0)
    return dict(sorted(out.items())), regions


def region_names(regions: Sequence[Sequence[str]], names: Mapping[str, str],
                 strength: Mapping[str, float], top: int = 2) -> list[str]:
    """A name per region: its ``top`` best-connected members' names (and how many more).

    >>> region_names([["a", "b", "c"]], {"a": "A", "b": "B", "c": "C"}, {"a": 1, "b": 3})
    ['B · A + 1']
    """
    out = []
    for members in regions:
        best = sorted(members, key=lambda n: (-strength.get(n, 0.0), n))[:top]
        more = len(members) - len(best)
        short = [(t if len(t) <= 32 else t[:31].rstrip() + "…")
                 for t in (names.get(n, n).replace("\n", " ") for n in best)]
        out.append(" · ".join(short) + (f" + {more}" if more else ""))
    return out
