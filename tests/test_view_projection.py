"""One projection: the network view draws the analytics' aggregated graph.

On the bundled case built into a real on-disk store, the view (read with the views' own
loader) and ``rank`` (read with the analytics' fast loader) weigh every claim alike, and
for the same :class:`Filters` every drawn subject-predicate-object has exactly the weight
of the analytics' aggregated edge.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from claimgraph.graph import analytics as an
from claimgraph.graph.build import build_case
from claimgraph.graph.store import open_store
from claimgraph.graph.views import ViewData, load_view_data, network_graph
from claimgraph.graph.views.project import VIEW_FILTERS

CASE = Path(__file__).parent.parent / "cases" / "china-russia-nitrocellulose"
CASE_ID = "china-russia-nitrocellulose"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[ViewData, an.Inputs]:
    path = tmp_path_factory.mktemp("projection") / "store"
    store = open_store(path)
    try:
        build_case(CASE, store)
        return load_view_data(store, CASE_ID, timeline=False), an.load_inputs(store, CASE_ID)
    finally:
        store.close()


def _weights(agg: nx.MultiDiGraph) -> dict[tuple[str, str, str], float]:
    return {(u, k, v): d["weight"] for u, v, k, d in agg.edges(keys=True, data=True)}


def test_the_view_weighs_claims_as_the_analytics_do(loaded: tuple[ViewData, an.Inputs]) -> None:
    data, inputs = loaded
    assert data.assessed and inputs.assessed
    assert dict(data.statuses) == dict(inputs.statuses)


@pytest.mark.parametrize("filters", [
    an.Filters(),                                   # what `rank` uses by default
    an.Filters(include_denied=True, min_status="single-origin"),
    an.Filters(predicates=frozenset({"supplies", "supports"}), motives=False),
])
def test_each_drawn_edge_has_the_aggregated_graphs_weight(
        loaded: tuple[ViewData, an.Inputs], filters: an.Filters) -> None:
    data, inputs = loaded
    g = an.claim_graph(inputs.case, inputs.statuses, filters)
    agg = _weights(an.aggregate_graph(g))
    view = network_graph(data.case, data.infos, filters=filters)
    drawn = {(e["from"], "motivated_by" if e["predicate"] == "motive" else e["predicate"],
              e["to"]): e["weight"] for e in view.edges if e["status"] != "denied"}
    assert drawn == agg
    # rank's collapsed graph is the same edges summed per pair
    collapsed = an.collapse_graph(an.aggregate_graph(g))
    per_pair: dict[tuple[str, str], float] = {}
    for (u, _, v), w in drawn.items():
        per_pair[u, v] = round(per_pair.get((u, v), 0.0) + w, 6)
    assert per_pair == {(u, v): d["weight"] for u, v, d in collapsed.edges(data=True)}


def test_the_default_view_draws_denials_without_linking_through_them(
        loaded: tuple[ViewData, an.Inputs]) -> None:
    data, inputs = loaded
    view = network_graph(data.case, data.infos)
    denied = {c.id for c in data.case.claims if c.polarity == "denied"}
    assert denied, "the bundled case has denials"
    drawn = {c for e in view.edges for c in e["claims"]}
    assert denied <= drawn  # every denial can be found on the picture
    denial_edges = [e for e in view.edges if e["status"] == "denied"]
    assert denial_edges and all(set(e["claims"]) <= denied for e in denial_edges)
    # the analytics never see a denial-only edge, even with denials included
    g = an.claim_graph(inputs.case, inputs.statuses, replace(VIEW_FILTERS, items=False))
    agg = an.aggregate_graph(g)
    assert all(d["claims"] for *_, d in agg.edges(data=True))
