"""Graph exports for other tools: GraphML, GEXF (with time), node-link JSON, CSV edge list.

networkx's GraphML and GEXF writers reject list and ``None`` values, and need one type per
attribute. :func:`flat_graph` makes a copy they accept: lists become ``"; "``-joined
strings, ``None`` values are left out (a missing attribute), and an attribute whose values
mix types is written with the widest one (int < float < string); characters XML cannot
carry (control characters) are dropped from strings and line ends become ``\n`` (what
an XML parser reads back). GEXF edges and nodes with a
``start`` / ``end`` date get a time interval, so Gephi's timeline plays the claims in the
order they happened. JSON keeps lists and nulls as they are.

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> g = nx.MultiDiGraph(case="demo")
>>> g.add_node("cn", name="China", aliases=["PRC", "中国"], country=None)
>>> _ = g.add_edge("cn", "ru", key="c1", claim="c1", sources=["s1", "s2"], quantity=700,
...                start="2022-01-01", end="2022-12-31")
>>> _ = g.add_edge("cn", "ru", key="c2", claim="c2", sources=[], quantity=1.5)
>>> flat = flat_graph(g)
>>> flat.nodes["cn"], flat.edges["cn", "ru", "c2"]
({'name': 'China', 'aliases': 'PRC; 中国'}, {'claim': 'c2', 'sources': '', 'quantity': 1.5})
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> back = nx.read_gexf(export_graph(g, d / "g.gexf"))
>>> back.number_of_edges(), sorted(str(s) for *_, s in back.edges(data="start"))
(2, ['2022-01-01', 'None'])
>>> export_graph(g, d / "g.xlsx")
Traceback (most recent call last):
...
claimgraph.errors.AnalysisError: unknown export format 'xlsx'
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from claimgraph.errors import AnalysisError
from claimgraph.textsafety import csv_cell

__all__ = ["FORMATS", "export_graph", "flat_graph", "node_link", "write_csv_edges"]

_ORDER = {bool: 0, int: 1, float: 2, str: 3}
# Characters XML 1.0 cannot carry (GraphML and GEXF are XML): dropped from strings.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _flat(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return _clean("; ".join(str(v) for v in items))
    if isinstance(value, dict):
        return _clean(json.dumps(value, sort_keys=True, ensure_ascii=False))
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, bool | int | float):
        return value
    return _clean(str(value))


def _widen(rows: list[dict[str, Any]]) -> None:
    kinds: dict[str, int] = {}
    for d in rows:
        for k, v in d.items():
            kinds[k] = max(kinds.get(k, 0), _ORDER[type(v)])
    for d in rows:
        for k, v in d.items():
            want = kinds[k]
            if _ORDER[type(v)] == want:
                continue
            d[k] = float(v) if want == 2 else str(v) if want == 3 else int(v)


def flat_graph(g: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML/GEXF writers accept (see the module docstring)."""
    out = g.__class__()
    out.graph.update({k: _flat(v) for k, v in g.graph.items() if v is not None})
    nodes = [(n, {k: _flat(v) for k, v in d.items() if v is not None})
             for n, d in g.nodes(data=True)]
    _widen([d for _, d in nodes])
    out.add_nodes_from(nodes)
    if g.is_multigraph():
        medges = [(u, v, k, {a: _flat(x) for a, x in d.items() if x is not None})
                  for u, v, k, d in g.edges(keys=True, data=True)]
        _widen([e[3] for e in medges])
        out.add_edges_from(medges)
    else:
        edges = [(u, v, {a: _flat(x) for a, x in d.items() if x is not None})
                 for u, v, d in g.edges(data=True)]
        _widen([e[2] for e in edges])
        out.add_edges_from(edges)
    return out


def node_link(g: nx.Graph) -> dict[str, Any]:
    """node-link data (``nodes`` / ``edges``), lists and nulls kept, JSON-ready."""
    data: dict[str, Any] = nx.node_link_data(g, edges="edges")
    return data


def _write_json(g: nx.Graph, path: Path) -> None:
    text = json.dumps(node_link(g), indent=1, sort_keys=True, ensure_ascii=False, default=str)
    path.write_text(text + "\n", encoding="utf-8")


def write_csv_edges(g: nx.Graph, path: Path) -> None:
    """One row per edge: source, target, key, source_name, target_name, then every edge
    attribute (sorted); lists ``"; "``-joined, missing values empty; a cell a spreadsheet
    would run as a formula (``=``, ``+``, ``-``, ``@``) starts with ``'``."""
    multi = g.is_multigraph()
    rows = (g.edges(keys=True, data=True) if multi else
            ((u, v, "", d) for u, v, d in g.edges(data=True)))
    rows = list(rows)
    cols = sorted({k for *_, d in rows for k in d})
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "target", "key", "source_name", "target_name", *cols])
        for u, v, k, d in rows:
            cells = [u, v, k, g.nodes[u].get("name", u), g.nodes[v].get("name", v),
                     *("" if d.get(c) is None else _flat(d[c]) for c in cols)]
            w.writerow([csv_cell(c) if isinstance(c, str) else c for c in cells])


def _write_graphml(g: nx.Graph, path: Path) -> None:
    nx.write_graphml(flat_graph(g), path)


def _write_gexf(g: nx.Graph, path: Path) -> None:
    flat = flat_graph(g)
    flat.graph.pop("mode", None)
    for _, d in flat.nodes(data=True):
        d.setdefault("label", d.get("name", ""))
    nx.write_gexf(flat, path, version="1.2draft")


FORMATS: dict[str, Callable[[nx.Graph, Path], None]] = {
    "graphml": _write_graphml,
    "gexf": _write_gexf,
    "json": _write_json,
    "csv": write_csv_edges,
}


def export_graph(g: nx.Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``g`` to ``path`` in ``fmt`` (default: from the file suffix); return the path."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise AnalysisError(f"unknown export format {fmt!r}",
                            hint=f"use one of: {', '.join(FORMATS)} (or a file ending in one)")
    path.parent.mkdir(parents=True, exist_ok=True)
    FORMATS[fmt](g, path)
    return path
