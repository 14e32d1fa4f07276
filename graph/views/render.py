"""Turn a :class:`ViewGraph` into a pyvis :class:`~pyvis.network.Network` and into HTML.

pyvis builds the view: :func:`pyvis_network` adds every node (its kind as its vis-network
*group*, size and position) and edge (width, dashes, colour, curve, label), and sets the
network's options (what ``Network.set_options`` holds): physics off, hover, fonts, one group
per entity kind with its colour and shape, what all edges share (arrows, highlight). The page is rendered through the project's own Jinja template
(``templates/_network.html``, autoescaping) from the Network's nodes, edges, heading and
options — what pyvis's ``get_network_data()`` hands a custom template, without encoding the
options as JSON twice — plus what pyvis has no place for (the claims and
sources behind the edges, the legend, each node's kind and aliases). pyvis's own templates
are never used: they fetch Bootstrap and vis-network from CDNs and do not escape headings or
menu labels. vis-network's JavaScript is in-lined (:mod:`.assets`, pinned by version and
hash); positions are laid out in Python (seeded) with physics off, and a toggle turns
physics on for small views. Always ``directed=True``: pyvis's undirected network drops
parallel edges and is O(E²).

Examples
--------
>>> from claimgraph.graph.views.viewgraph import ViewGraph
>>> g = ViewGraph("<b>demo</b>")
>>> g.add_node("a", "A <img src=x onerror=alert(1)>", "state")
>>> g.add_node("b", "B", "commodity")
>>> g.add_edge("a", "b", "supplies", status="corroborated", weight=1.25, claims=["c1"])
>>> html = render_network_page(g)
>>> "<img src=x" in html, "&lt;b&gt;demo&lt;/b&gt;" in html
(False, True)
>>> data = vis_payload(g)
>>> [(n["group"], n["shape"]) for n in data["nodes"]], data["edges"][0]["width"]
([('state', 'star'), ('commodity', 'diamond')], 3.7)
>>> data["options"]["physics"]["enabled"]
False
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from .assets import network_js, site_css, vis_js
from .layout import layered_positions, radial_positions, spring_positions
from .regions import (
    SEPARATE_MAX_NODES,
    footprint,
    region_layout,
    region_names,
    separate,
    text_width,
    wrap_label,
)
from .safe import safe_url, script_json
from .styles import ViewStyles, load_view_styles
from .viewgraph import ViewGraph

__all__ = ["EDGE_LABEL_MAX", "FONT_FACE", "FONT_SIZE", "FONT_TIERS", "PROVENANCE_FONT", "VIS_SHAPES", "environment", "kind_group",
           "network_block", "pyvis_network", "render_network_page", "status_css", "vis_options",
           "vis_payload"]

EDGE_LABEL_MAX = 40
"""A view of at most this many edges labels them all; a larger one labels its this many
best-evidenced edges (of more than one claim), the others when a node is selected."""

FOCUS_LABEL_MAX = 12
"""An entity's view (its neighbours around it) of more edges labels only those of more
than one claim from the start: its edges all meet in the middle."""

VIS_SHAPES = frozenset({"dot", "box", "diamond", "triangle", "triangleDown", "star", "square",
                        "hexagon", "ellipse", "circle", "database", "text"})
"""Shapes vis-network draws; any other (e.g. from a case's own kinds) falls back to ``dot``."""

FONT_FACE = "system-ui,-apple-system,sans-serif"
"""The canvas font (system fonts only)."""

FONT_SIZE = 16
"""Node labels' size on the canvas (pixels at zoom 1)."""

PROVENANCE_FONT = 18
"""Label size of the provenance view's nodes (canvas pixels at zoom 1): with its narrow,
two-line labels and layers spaced by them, ≥ 11 px at the claim page's default zoom."""

FONT_TIERS = (34, 24, 16)
"""Label sizes of a network view's nodes, by how much evidence touches them."""

_LABEL_MAX = 40
_INSIDE_MAX = 26  # labels drawn inside a box or ellipse widen the node: keep them short
_INSIDE = ("box", "ellipse", "circle", "database", "text")  # shapes that hold their label
_REGIONS = ("network", "summary")  # views laid out in regions, labels kept apart
_LARGE = 800  # above this many nodes, edges hide while dragging or zooming


@cache
def environment() -> Environment:
    """The Jinja2 environment of the views: package templates, autoescape always on."""
    env = Environment(
        loader=PackageLoader("claimgraph.graph.views", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = lambda v: Markup(script_json(v))
    env.filters["safe_url"] = safe_url
    return env


def _ink(color: str) -> str:
    """Dark or white text, whichever reads better on ``color`` (``#rrggbb``)."""
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "#1d2430" if 0.299 * r + 0.587 * g + 0.114 * b > 0.6 else "#ffffff"


def _short(label: str, limit: int = _LABEL_MAX) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _shape(styles: ViewStyles, kind: str) -> str:
    shape = styles.kind_style(kind)[1]
    return shape if shape in VIS_SHAPES else "dot"


def _color(background: str, border: str) -> dict[str, Any]:
    return {"background": background, "border": border,
            "highlight": {"background": background, "border": "#111111"},
            "hover": {"background": background, "border": "#111111"}}


def kind_group(styles: ViewStyles, kind: str) -> dict[str, Any]:
    """The vis-network group of one kind: colour (also when selected or hovered) and shape.

    (vis-network 9.1.2 lets a group's colour win over a node's own colour and ignores a
    group's font: the focus node is styled without a group, and labels drawn inside a shape
    carry their own font.)
    """
    color = styles.kind_style(kind)[0]
    return {"shape": _shape(styles, kind), "color": _color(color, color)}


def vis_options(n_nodes: int, groups: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The vis-network options of a view: physics off (positions come from Python), one
    group per entity kind (its style, once), and what all edges share."""
    large = n_nodes > _LARGE
    return {
        "physics": {"enabled": False, "stabilization": False,
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 140,
                                  "avoidOverlap": 0.2}},
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "navigationButtons": False,
                        "keyboard": False, "multiselect": False},
        "groups": groups or {},
        "nodes": {"font": {"size": FONT_SIZE, "face": FONT_FACE, "strokeWidth": 4,
                           "strokeColor": "#ffffff"},
                  "scaling": {"label": {"enabled": False, "drawThreshold": 3}}},
        "edges": {"selectionWidth": 2.5, "hoverWidth": 1.5,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "color": {"highlight": "#111111", "opacity": 0.9},
                  "font": {"size": 13, "color": "#333333", "strokeWidth": 4,
                           "strokeColor": "#ffffff", "align": "horizontal"}},
    }


@dataclass
class _Plan:
    """What a view draws before pyvis sees it: each node's label, size and position, and
    the regions of a network view (their names and members)."""

    labels: dict[str, str]
    sizes: dict[str, float]
    pos: dict[str, tuple[float, float]]
    regions: list[dict[str, Any]] = field(default_factory=list)
    fonts: dict[str, int] = field(default_factory=dict)
    edge_labels: list[dict[str, Any]] = field(default_factory=list)


def _plan(view: ViewGraph, styles: ViewStyles, seed: int) -> _Plan:
    degree: Counter[str] = Counter()
    strength: Counter[str] = Counter()
    off = set(view.meta.get("layers_off") or ())  # laid out apart: see _below
    shown = [e for e in view.edges if e.get("layer") not in off]
    for e in shown:
        for end in (e["from"], e["to"]):
            degree[end] += 1
            strength[end] += e["weight"]
    labels, sizes, boxes = {}, {}, {}
    fonts = _font_tiers(view, strength) if view.kind in _REGIONS else {}
    if view.kind == "provenance":
        fonts = {n["id"]: PROVENANCE_FONT + (2 if _shape(styles, n["kind"]) in _INSIDE else 0)
                 for n in view.nodes}  # a label inside its shape is written 2 px smaller
    for n in view.nodes:
        inside = _shape(styles, n["kind"]) in _INSIDE
        label = _short(n["label"], _INSIDE_MAX if inside else _LABEL_MAX)
        if view.kind in _REGIONS and not inside:
            label = wrap_label(label)
        elif view.kind == "provenance":  # narrow labels: the layers sit closer, drawn larger
            label = wrap_label(_short(n["label"], 34), 16)
        labels[n["id"]] = label
        sizes[n["id"]] = styles.size_for_degree(degree[n["id"]])
        font = fonts.get(n["id"], FONT_SIZE)
        boxes[n["id"]] = footprint(label, font - 2 if inside else font, sizes[n["id"]], inside)
    ids = [n["id"] for n in view.nodes]
    pairs = [(e["from"], e["to"]) for e in view.edges]
    focus = next((n["id"] for n in view.nodes if n.get("focus")), None)
    root = next((n["id"] for n in view.nodes if n["kind"] == "claim"), None)
    if view.kind == "provenance" and root is not None:
        high = max(2 * b[1] for b in boxes.values())
        pos = layered_positions(ids, pairs, root, dx=1.0, dy=high + 10)
        return _Plan(labels, sizes, _spread_layers(view, styles, pos, boxes), fonts=fonts)
    if view.kind == "focus" and focus is not None:
        ring = radial_positions(ids, pairs, focus)  # flattened to the page's wide canvas
        pos = _apart({n: (x, y * FOCUS_FLAT) for n, (x, y) in ring.items()}, boxes, focus)
        return _Plan(labels, sizes, pos, edge_labels=_placed_edge_labels(view, styles, pos, boxes))
    if view.kind in _REGIONS and len(ids) <= SEPARATE_MAX_NODES:
        first = {n["id"] for n in view.nodes if n.get("layer") not in off}
        if off:  # what the page shows first: the nodes some shown edge links
            first &= {x for e in shown for x in (e["from"], e["to"])}
        pos, groups = region_layout(sorted(first), boxes, [(e["from"], e["to"], e["weight"])
                                                           for e in shown], seed=seed)
        pos.update(_below(pos, boxes, [n for n in ids if n not in first]))
        names = {n["id"]: n["label"] for n in view.nodes}
        regions = [{"id": f"r{i}", "name": name, "members": members}
                   for i, (members, name) in enumerate(zip(
                       groups, region_names(groups, names, strength), strict=True))]
        placed = _placed_edge_labels(view, styles, pos, boxes)
        return _Plan(labels, sizes, pos, regions if len(groups) > 1 else [], fonts, placed)
    return _Plan(labels, sizes, spring_positions(ids, pairs, seed=seed), fonts=fonts)


FOCUS_FLAT = 0.55
"""How much an entity's ring of neighbours is flattened (height ÷ width): the entity
page's canvas is about twice as wide as high, so a round ring would be drawn small."""

PROVENANCE_EDGE_FONT = 16
"""Edge label size of the provenance view (canvas pixels at zoom 1): "supports", "quoted
from", "cites" written in the gap between two layers, ≥ 11 px at the claim page's zoom."""


def _spread_layers(view: ViewGraph, styles: ViewStyles, pos: dict[str, tuple[float, float]],
                   boxes: dict[str, tuple[float, float, float]],
                   margin: float = 14.0) -> dict[str, tuple[float, float]]:
    """Layers (``pos``: x the layer's number) placed left to right so that each gap holds
    the widest label of the edges crossing it, clear of both layers' nodes: a label never
    lies on a node, and a gap is no wider than its labels need."""
    layer = {n: round(x) for n, (x, _) in pos.items()}
    half: dict[int, float] = {}
    for n, d in layer.items():
        half[d] = max(half.get(d, 0.0), boxes[n][0])
    label: dict[int, float] = {}  # the gap before layer d
    for e in view.edges:
        a, b = sorted((layer[e["from"]], layer[e["to"]]))
        text = e.get("label") or styles.predicate_label(e["predicate"])
        width = max(text_width(line, PROVENANCE_EDGE_FONT) for line in text.split("\n"))
        for d in range(a + 1, b + 1):  # an edge across several gaps: its label is mid-way
            label[d] = max(label.get(d, 0.0), width / max(b - a, 1))
    x, at, prev = 0.0, {}, None
    for d in sorted(half):
        if prev is not None:
            x += half[prev] + label.get(d, 0.0) + 2 * margin + half[d]
        at[d], prev = round(x, 1), d
    return {n: (at[layer[n]], y) for n, (_, y) in pos.items()}


def _apart(pos: dict[str, tuple[float, float]], boxes: dict[str, tuple[float, float, float]],
           first: str) -> dict[str, tuple[float, float]]:
    """Nodes moved apart until no node (shape and label) covers another, ``first`` staying
    where it is: a ring of many neighbours would write their labels over each other."""
    ids = [first, *sorted(n for n in pos if n != first)]
    centre = np.array([(pos[n][0], pos[n][1] + boxes[n][2]) for n in ids])
    moved = separate(centre, np.array([boxes[n][:2] for n in ids]), fixed=1)
    return {n: (round(float(x), 1) + 0.0, round(float(y) - boxes[n][2], 1) + 0.0)
            for n, (x, y) in zip(ids, moved, strict=True)}


def _below(pos: dict[str, tuple[float, float]], boxes: dict[str, tuple[float, float, float]],
           ids: list[str], gap: float = 24.0) -> dict[str, tuple[float, float]]:
    """Places for the nodes of a layer the page opens switched off (``meta["layers_off"]``):
    a row under the picture, so the regions are laid out, and fitted to the screen, for
    what is shown first."""
    if not ids:
        return {}
    bottom = max((y + boxes[n][2] + boxes[n][1] for n, (_x, y) in pos.items()), default=0.0)
    width = sum(2 * boxes[n][0] + gap for n in ids) - gap
    x = -width / 2
    out = {}
    for n in ids:
        hw, hh, dy = boxes[n]
        out[n] = (round(x + hw, 1), round(bottom + 80 + hh - dy, 1))
        x += 2 * hw + gap
    return out


EDGE_FONT = 15
"""Size of the written edge labels of a network view (canvas pixels at zoom 1)."""


def _placed_edge_labels(view: ViewGraph, styles: ViewStyles, pos: dict[str, tuple[float, float]],
                        boxes: dict[str, tuple[float, float, float]]) -> list[dict[str, Any]]:
    """The featured edges' labels (one per pair of nodes), each placed at its edge's middle
    or the nearest place where it covers no node, no node label and no other edge label."""
    texts = _pair_labels(view, _featured(view, None), styles)
    if not texts:
        return []
    ends = {e["id"]: (e["from"], e["to"]) for e in view.edges}
    ids = sorted(pos)
    centre = [(pos[n][0], pos[n][1] + boxes[n][2]) for n in ids]
    half = [boxes[n][:2] for n in ids]
    eids = sorted(texts)
    for eid in eids:
        a, b = (pos[x] for x in ends[eid])
        lines = texts[eid].split("\n")
        centre.append(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
        half.append((max(text_width(t, EDGE_FONT) for t in lines) / 2 + 5,
                     len(lines) * EDGE_FONT * 1.25 / 2 + 3))
    placed = separate(np.array(centre), np.array(half), fixed=len(ids), gap=8.0)
    return [{"edge": eid, "text": texts[eid], "x": round(float(placed[len(ids) + i][0]), 1),
             "y": round(float(placed[len(ids) + i][1]), 1),
             "w": round(2 * half[len(ids) + i][0], 1), "h": round(2 * half[len(ids) + i][1], 1)}
            for i, eid in enumerate(eids)]


def _font_tiers(view: ViewGraph, strength: Counter[str]) -> dict[str, int]:
    """Label sizes by how much evidence touches a node: the best-connected tenth (at least
    5) :data:`FONT_TIERS` [0], the next fifth [1], the others [2] — so the main actors read
    at the zoom that shows the whole network, and every label when zoomed in."""
    order = sorted((n["id"] for n in view.nodes), key=lambda i: (-strength[i], i))
    top = max(5, len(order) // 10)
    mid = top + max(5, len(order) // 5)
    return {i: FONT_TIERS[0 if r < top else 1 if r < mid else 2] for r, i in enumerate(order)}


def _featured(view: ViewGraph, edge_labels: bool | None) -> set[str]:
    """The edges whose label is written from the start: all of a small view's; else the
    best-evidenced (most claims, then weight), :data:`EDGE_LABEL_MAX` of them; never those
    of a layer the page opens switched off (``meta["layers_off"]``). The others show their
    label when one of their nodes is selected."""
    if edge_labels is not None:
        return {e["id"] for e in view.edges} if edge_labels else set()
    off = set(view.meta.get("layers_off") or ())  # a layer the page opens switched off
    edges = [e for e in view.edges if e.get("layer") not in off]
    if len(edges) <= (FOCUS_LABEL_MAX if view.kind == "focus" else EDGE_LABEL_MAX):
        return {e["id"] for e in edges}
    best = sorted(edges, key=lambda e: (-(e.get("n_claims") or len(e["claims"])),
                                        -e["weight"], e["id"]))
    return {e["id"] for e in best[:EDGE_LABEL_MAX] if view.kind not in (*_REGIONS, "focus")
            or (e.get("n_claims") or len(e["claims"])) > 1}


def _pair_labels(view: ViewGraph, featured: set[str], styles: ViewStyles) -> dict[str, str]:
    """The written label of each featured edge: one per pair of nodes, on its strongest
    edge, listing the pair's featured edges (three at most), so parallel edges never write
    a label on a label."""
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in view.edges:
        if e["id"] in featured:
            pairs.setdefault((min(e["from"], e["to"]), max(e["from"], e["to"])), []).append(e)
    out = {}
    for es in pairs.values():
        es.sort(key=lambda e: (-e["weight"], e["id"]))
        lines = [e.get("label") or styles.predicate_label(e["predicate"]) for e in es]
        more = len(lines) - 3
        out[es[0]["id"]] = "\n".join(lines[:3] + ([f"+ {more} more"] if more > 0 else []))
    return out


def pyvis_network(view: ViewGraph, styles: ViewStyles | None = None, *, seed: int = 42,
                  edge_labels: bool | None = None, plan: _Plan | None = None) -> Network:
    """The view as a pyvis ``Network``: styled, positioned nodes and edges and the options.

    Deterministic for the same view and seed."""
    styles = styles or load_view_styles()
    plan = plan or _plan(view, styles, seed)
    net = Network(directed=True, heading=view.title)
    for n in view.nodes:  # the kind's look is its group's (once, in the options)
        color, shape = styles.kind_style(n["kind"])[0], _shape(styles, n["kind"])
        inside = shape in _INSIDE
        font = plan.fonts.get(n["id"])
        extra: dict[str, Any] = {"font": {"color": _ink(color), "size": (font or 16) - 2,
                                          "strokeWidth": 0}, "margin": 6} if inside else \
            {"font": {"size": font}} if font else {}
        if n.get("focus"):  # styled on its own: a group's colour would win over its border
            extra.update(borderWidth=4, color=_color(color, "#222222"))
        else:
            extra.update(group=n["kind"])
        x, y = plan.pos[n["id"]]
        net.add_node(n["id"], label=plan.labels[n["id"]], shape=shape,
                     size=plan.sizes[n["id"]], x=x, y=y, **extra)
    featured = {} if plan.edge_labels else _pair_labels(
        view, _featured(view, edge_labels), styles)  # placed labels are drawn by our script
    pair_seen: Counter[tuple[str, str]] = Counter()
    for e in view.edges:
        st = styles.status(e["status"])
        color = styles.edge_color(st.id, e["predicate"])
        pair = (min(e["from"], e["to"]), max(e["from"], e["to"]))
        k = pair_seen[pair]
        pair_seen[pair] += 1
        smooth: dict[str, Any] | bool = False
        if k:  # parallel edges bend alternately left and right, a little more each pair
            smooth = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                      "roundness": round(min(0.12 + 0.1 * ((k - 1) // 2), 0.6), 2)}
        label: dict[str, Any] = {"label": featured[e["id"]]} if e["id"] in featured else {}
        if label and view.kind == "provenance":
            label["font"] = {"size": PROVENANCE_EDGE_FONT}
        net.add_edge(e["from"], e["to"], id=e["id"], width=styles.edge_width(e["weight"]),
                     dashes=list(st.dashes) if isinstance(st.dashes, tuple) else st.dashes,
                     color={"color": color, "hover": color, "highlight": color},
                     smooth=smooth, **label)
    groups = {k: kind_group(styles, k) for k in sorted({n["kind"] for n in view.nodes})}
    # what Network.set_options(json) stores, without its JSON round trip (and its stripping
    # of every space, which would also strip them from inside strings)
    net.options = vis_options(len(view.nodes), groups)
    return net


def vis_payload(
    view: ViewGraph,
    styles: ViewStyles | None = None,
    *,
    seed: int = 42,
    edge_labels: bool | None = None,
) -> dict[str, Any]:
    """The JSON the network component draws: pyvis's nodes, edges and options, with what
    pyvis has no place for (each node's and edge's meaning and layer, the claims and
    sources, the regions, the legend, the switches, the view's notes and filters).
    Deterministic for the same view and seed."""
    styles = styles or load_view_styles()
    plan = _plan(view, styles, seed)
    net = pyvis_network(view, styles, seed=seed, edge_labels=edge_labels, plan=plan)
    nodes, edges, heading = net.nodes, net.edges, net.heading  # get_network_data(), unencoded
    node_info = {
        n["id"]: {"name": n["label"], "kind": n["kind"], "kindLabel": styles.kind_label(n["kind"]),
                  "description": n.get("description") or "", "aliases": n.get("aliases") or [],
                  "href": n.get("href"), "focus": bool(n.get("focus")),
                  "layer": n.get("layer") or "", "members": n.get("members") or 0}
        for n in view.nodes}
    edge_info = {
        e["id"]: {"predicate": e["predicate"], "status": styles.status(e["status"]).id,
                  "weight": e["weight"], "claims": list(e.get("claims") or []),
                  "label": e.get("label") or styles.predicate_label(e["predicate"]),
                  "layer": e.get("layer") or "", "nClaims": e.get("n_claims") or 0}
        for e in view.edges}
    predicates = {e["predicate"] for e in view.edges}
    legend = styles.legend({n["kind"] for n in view.nodes},
                           predicates - {"motive", "item", "says"},
                           {i["status"] for i in edge_info.values()})
    for pid, text in (("item", "what (item of a claim)"), ("motive", "why (motive of a claim)"),
                      ("says", "who says it (claimant of a claim)")):
        d = styles.derived_edge(pid)
        if pid in predicates and d is not None:
            legend["predicates"].append({"id": pid, "label": text, "color": d.color})
    return {
        "title": heading, "kind": view.kind, "nodes": nodes, "edges": edges,
        "options": net.options, "nodeInfo": node_info, "edgeInfo": edge_info,
        "claims": view.claims, "sources": view.sources, "legend": legend,
        "regions": plan.regions, "edgeLabels": plan.edge_labels, "meta": view.meta,
        "physicsAllowed": len(nodes) <= styles.physics_max_nodes,
        "notes": list(view.notes),
    }


def status_css(styles: ViewStyles | None = None) -> str:
    """Badge colours (``.cg-st-<id>``), note chips (``.cg-note.cg-st-<id>``) and the denial
    colour, from the status vocabulary."""
    styles = styles or load_view_styles()
    rows = [f".cg-st-{s.id} {{ background: {s.color}; }}" for s in styles.status_order()]
    rows += [f".cg-note.cg-st-{s.id} {{ color: {s.color}; border-color: {s.color}; }}"
             for s in styles.statuses.notes]  # a note: an outlined chip beside the badge
    denied = styles.status("denied").color
    return "\n".join([*rows, f".cg-polarity-denied {{ color: {denied}; }}"])


def network_block(view: ViewGraph, dom_id: str, *, styles: ViewStyles | None = None,
                  compact: bool = False, seed: int = 42) -> Markup:
    """The HTML of one network component (its JSON included) for a page's body."""
    payload = vis_payload(view, styles, seed=seed)
    return Markup(environment().get_template("_network.html").render(
        dom_id=dom_id, data=payload, compact=compact, title=payload["title"],
        physics=payload["physicsAllowed"]))


def render_network_page(view: ViewGraph, *, styles: ViewStyles | None = None,
                        seed: int = 42) -> str:
    """A whole self-contained HTML page showing one view (vis-network, CSS, JS in-lined)."""
    styles = styles or load_view_styles()
    block = network_block(view, "cg-view", styles=styles, seed=seed)
    scripts = [vis_js(), network_js()]
    return environment().get_template("network_page.html").render(
        title=view.title, block=block, css=Markup(site_css() + "\n" + status_css(styles)),
        vis_js=Markup(scripts[0]), network_js=Markup(scripts[1]),
        script_src=" ".join(_csp_hash(s) for s in scripts))


def _csp_hash(script: str) -> str:
    """The CSP source expression that allows exactly this in-line script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
