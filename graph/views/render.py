"""Turn a :class:`ViewGraph` into vis-network data and into self-contained HTML.

pyvis builds the node and edge records (always ``directed=True``: its undirected network
drops parallel edges and is O(E²)); our own template draws them, because pyvis's pages
fetch Bootstrap and vis-network from CDNs, escape neither headings nor menu labels and
render tooltips as HTML. Positions are laid out in Python (seeded) and physics is off;
a toggle turns physics on for small views.

Examples
--------
>>> from claimgraph.graph.views.viewgraph import ViewGraph
>>> g = ViewGraph("<b>demo</b>")
>>> g.add_node("a", "A <img src=x onerror=alert(1)>", "state")
>>> g.add_node("b", "B", "commodity")
>>> g.add_edge("a", "b", "supplies", status="corroborated", origins=2, claims=["c1"])
>>> html = render_network_page(g)
>>> "<img src=x" in html, "&lt;b&gt;demo&lt;/b&gt;" in html
(False, True)
>>> data = vis_payload(g)
>>> [n["shape"] for n in data["nodes"]], data["edges"][0]["width"]
(['star', 'diamond'], 4.4)
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from .assets import network_js, site_css, vis_js
from .layout import layered_positions, radial_positions, spring_positions
from .safe import safe_url, script_json
from .styles import ViewStyles, load_view_styles
from .viewgraph import ViewGraph

__all__ = ["EDGE_LABEL_MAX", "VIS_SHAPES", "environment", "network_block", "render_network_page",
           "status_css", "vis_payload"]

EDGE_LABEL_MAX = 60
"""Edges carry visible labels only in views with at most this many edges."""

VIS_SHAPES = frozenset({"dot", "box", "diamond", "triangle", "triangleDown", "star", "square",
                        "hexagon", "ellipse", "circle", "database", "text"})
"""Shapes vis-network draws; any other (e.g. from a case's own kinds) falls back to ``dot``."""

_LABEL_MAX = 40
_INSIDE_MAX = 26  # labels drawn inside a box or ellipse widen the node: keep them short


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


def _pyvis(view: ViewGraph) -> Network:
    """The view's nodes and edges as a pyvis network (directed: keeps parallel edges)."""
    net = Network(directed=True)
    for n in view.nodes:
        net.add_node(n["id"], label=n["label"], kind=n["kind"])
    for e in view.edges:
        net.add_edge(e["from"], e["to"], id=e["id"])
    return net


def vis_payload(
    view: ViewGraph,
    styles: ViewStyles | None = None,
    *,
    seed: int = 42,
    edge_labels: bool | None = None,
) -> dict[str, Any]:
    """The JSON the network component draws: styled, positioned nodes and edges, records,
    the legend and the switches. Deterministic for the same view and seed."""
    styles = styles or load_view_styles()
    net = _pyvis(view)
    meta = {n["id"]: n for n in view.nodes}
    degree: Counter[str] = Counter()
    for e in net.edges:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    pairs = [(e["from"], e["to"]) for e in net.edges]
    focus = next((n["id"] for n in view.nodes if n.get("focus")), None)
    root = next((n["id"] for n in view.nodes if n["kind"] == "claim"), None)
    if view.kind == "provenance" and root is not None:
        pos = layered_positions(list(meta), pairs, root)
    elif view.kind == "focus" and focus is not None:
        pos = radial_positions(list(meta), pairs, focus)
    else:
        pos = spring_positions(list(meta), pairs, seed=seed)
    nodes = []
    for n in net.nodes:
        m = meta[n["id"]]
        color, shape = styles.kind_style(m["kind"])
        shape = shape if shape in VIS_SHAPES else "dot"
        nodes.append({
            "id": m["id"], "fullLabel": m["label"],
            "label": _short(m["label"], _INSIDE_MAX if shape in ("box", "ellipse") else _LABEL_MAX),
            "kind": m["kind"], "kindLabel": styles.kind_label(m["kind"]),
            "description": m.get("description") or "", "aliases": m.get("aliases") or [],
            "href": m.get("href"), "focus": bool(m.get("focus")),
            "shape": shape, "color": color, "ink": _ink(color), "border": "#222222" if m.get("focus") else color,
            "size": styles.size_for_degree(degree[m["id"]]),
            "x": pos[m["id"]][0], "y": pos[m["id"]][1],
        })
    pair_seen: Counter[tuple[str, str]] = Counter()
    edges = []
    for e in view.edges:
        st = styles.status(e["status"])
        derived = styles.derived_edge(e["predicate"])
        if derived is not None:
            color = derived.color if st.color is None or st.id == "unknown" else st.color
        else:
            color = st.color or styles.predicate_color(e["predicate"])
        pair = (min(e["from"], e["to"]), max(e["from"], e["to"]))
        k = pair_seen[pair]
        pair_seen[pair] += 1
        smooth: dict[str, Any] | bool = False
        if k:  # parallel edges bend alternately left and right, a little more each pair
            smooth = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                      "roundness": round(min(0.12 + 0.1 * ((k - 1) // 2), 0.6), 2)}
        edges.append({
            "id": e["id"], "from": e["from"], "to": e["to"], "predicate": e["predicate"],
            "status": st.id, "origins": int(e.get("origins") or 0),
            "claims": list(e.get("claims") or []),
            "label": e.get("label") or styles.predicate_label(e["predicate"]),
            "color": color, "dashes": st.dashes, "width": styles.edge_width(int(e.get("origins") or 0)),
            "smooth": smooth,
        })
    predicates = {e["predicate"] for e in edges}
    legend = styles.legend({n["kind"] for n in nodes}, predicates - {"motive", "item"},
                           {e["status"] for e in edges})
    for pid, text in (("item", "what (item of a claim)"), ("motive", "why (motive of a claim)")):
        d = styles.derived_edge(pid)
        if pid in predicates and d is not None:
            legend["predicates"].append({"id": pid, "label": text, "color": d.color})
    return {
        "title": view.title, "kind": view.kind, "nodes": nodes, "edges": edges,
        "claims": view.claims, "sources": view.sources, "legend": legend,
        "edgeLabels": len(edges) <= EDGE_LABEL_MAX if edge_labels is None else edge_labels,
        "physicsAllowed": len(nodes) <= styles.physics_max_nodes,
    }


def status_css(styles: ViewStyles | None = None) -> str:
    """Badge colours for every status, generated from the style file."""
    styles = styles or load_view_styles()
    rows = [*styles.statuses.values(), styles.unknown]
    return "\n".join(f".cg-st-{s.id} {{ background: {s.badge}; }}" for s in rows)


def network_block(view: ViewGraph, dom_id: str, *, styles: ViewStyles | None = None,
                   compact: bool = False, seed: int = 42) -> Markup:
    """The HTML of one network component (its JSON included) for a page's body."""
    payload = vis_payload(view, styles, seed=seed)
    return Markup(environment().get_template("_network.html").render(
        dom_id=dom_id, data=payload, compact=compact, title=view.title,
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
