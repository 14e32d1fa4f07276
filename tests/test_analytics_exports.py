"""Property tests: any attribute values the projections can produce (lists, None, mixed
numbers, any text) survive GraphML and GEXF: counts, and values in their flattened form."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.graph.analytics import export_graph, flat_graph

XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                   max_size=20)
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**31), 2**31 - 1),
    st.floats(allow_nan=False, allow_infinity=False, width=32), XML_TEXT,
    st.lists(XML_TEXT, max_size=3))
ATTRS = st.dictionaries(st.sampled_from(["status", "quantity", "sources", "time", "note"]),
                        VALUES, max_size=4)
IDS = st.text("abcdefgh-", min_size=1, max_size=4)


@st.composite
def graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    nodes = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    for n in nodes:
        g.add_node(n, name=draw(XML_TEXT), **draw(ATTRS))
    for i in range(draw(st.integers(0, 8))):
        u, v = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
        g.add_edge(u, v, key=f"c{i}", claim=f"c{i}", **draw(ATTRS))
    return g


def same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-30)  # type: ignore[arg-type]
    return a == b


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_graphml_keeps_counts_and_flat_values(g: nx.MultiDiGraph) -> None:
    flat = flat_graph(g)
    with tempfile.TemporaryDirectory() as tmp:
        back = nx.read_graphml(export_graph(g, Path(tmp) / "g.graphml"), force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        g.number_of_nodes(), g.number_of_edges())
    for n, d in flat.nodes(data=True):
        for k, v in d.items():
            assert same(back.nodes[n].get(k, ""), v), (n, k, v, back.nodes[n])
    for u, v, key, d in flat.edges(keys=True, data=True):
        for k, val in d.items():
            assert same(back.edges[u, v, key].get(k, ""), val), (k, val)


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_gexf_keeps_counts_and_claim_ids(g: nx.MultiDiGraph) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        back = nx.read_gexf(export_graph(g, Path(tmp) / "g.gexf"))
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        g.number_of_nodes(), g.number_of_edges())
    assert sorted(d["claim"] for *_, d in back.edges(data=True)) == sorted(
        k for *_, k in g.edges(keys=True))
