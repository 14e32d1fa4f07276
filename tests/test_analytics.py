"""Analytics on plain inputs: the analytics-small fixture case, validated and assessed by
the real provenance code (no store here; see test_analytics_cli.py for the store path)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from claimgraph.errors import AnalysisError, NotFoundError
from claimgraph.graph import analytics as an
from claimgraph.graph.provenance import assess_case
from claimgraph.schema.models import Case
from claimgraph.sources.validation import validate_case

FIXTURE = Path(__file__).parent / "fixtures" / "cases" / "analytics-small"


@pytest.fixture(scope="module")
def inputs() -> tuple[Case, dict[str, tuple[str, int]]]:
    result = validate_case(FIXTURE)
    assert result.ok, [p.format() for p in result.problems]
    case = result.loaded.case()
    assert case is not None
    return case, an.statuses_from_assessment(assess_case(result))


def graphs(inputs, **kw):
    case, statuses = inputs
    return an.project(case, statuses, an.Filters(**kw))


# -- projection ---------------------------------------------------------------------------
def test_statuses_come_from_the_assessment(inputs) -> None:
    _, st = inputs
    assert st["nc-2022"] == ("corroborated", 2)          # wire + review: two origins
    assert st["nc-2023"] == ("single-origin", 1)         # daily cites wire: one origin
    assert st["belarus-supplies-russia"][0] == "contested"  # Minsk denies it


def test_claim_graph_has_one_edge_per_claim_with_parallel_edges(inputs) -> None:
    g, _ = graphs(inputs)
    assert isinstance(g, nx.MultiDiGraph)
    # 12 affirmed claims + 1 motive edge (pla-supports-russia -> counterbalance-us)
    assert g.number_of_edges() == 13
    assert sorted(g["china"]["russia"]) == ["nc-2015-2021", "nc-2022", "nc-2023", "nc-2024"]
    d = g.edges["china", "russia", "nc-2022"]
    assert (d["predicate"], d["status"], d["origins"], d["item"], d["quantity"], d["unit"],
            d["time"], d["start"], d["end"]) == (
        "supplies", "corroborated", 2, "nitrocellulose", 700, "t", "2022", "2022-01-01",
        "2022-12-31")
    assert d["sources"] == ["review", "wire"]
    motive = g.edges["pla-hawks", "counterbalance-us", "pla-supports-russia"]
    assert motive["derived"] == "motives" and motive["predicate"] == "motivated_by"
    assert g.nodes["pla-hawks"] == {"name": "PLA Hawks", "kind": "group", "group": "actor",
                                    "country": "china",
                                    "aliases": ["Chinese military establishment"]}
    assert g.nodes["nitrocellulose"]["group"] == "thing"


def test_denials_are_dropped_by_default_and_weaken_only_matching_links(inputs) -> None:
    g, _ = graphs(inputs)
    assert "no-lethal-weapons" not in g["china"]["russia"]
    gd, _ = graphs(inputs, include_denied=True)
    assert gd.edges["china", "russia", "no-lethal-weapons"]["polarity"] == "denied"
    agg = an.aggregate_graph(gd)
    # The weapons denial names another item: the nitrocellulose link keeps its weight.
    nc = agg.edges["china", "russia", "supplies"]
    assert nc["denied"] == [] and nc["weight"] == pytest.approx(1.25 + 3 * 0.6)
    # Minsk's denial (no item) weakens Belarus' supply link down to the floor.
    by = agg.edges["belarus", "russia", "supplies"]
    assert by["denied"] == ["belarus-denies"]
    assert by["weight"] == an.load_evidence_scale().floor
    assert an.aggregate_graph(g).edges["belarus", "russia", "supplies"]["weight"] == 0.35


def test_filters_status_date_predicate_kind(inputs) -> None:
    g, _ = graphs(inputs, min_status="corroborated")
    assert [k for *_, k in g.edges(keys=True)] == ["nc-2022"]
    g, _ = graphs(inputs, as_of="2022")
    assert "nc-2023" not in g["china"]["russia"] and "nc-2022" in g["china"]["russia"]
    assert "china-supports-ammo" in g["china"]["russian-ammo"]   # undated claims stay
    g, _ = graphs(inputs, predicates=frozenset({"influences"}))
    assert [k for *_, k in g.edges(keys=True)] == ["pla-influences-china"]
    g, _ = graphs(inputs, kinds=frozenset({"state"}))
    assert sorted(g.nodes) == ["belarus", "china", "russia"]
    assert "pla-hawks" not in g


@pytest.mark.parametrize(("kw", "message", "hint"), [
    ({"min_status": "corroborate"}, "unknown evidence status 'corroborate'",
     "did you mean 'corroborated'?"),
    ({"predicates": frozenset({"supply"})}, "unknown predicate 'supply'",
     "did you mean 'supplies'?"),
    ({"kinds": frozenset({"actors"})}, "unknown entity kind 'actors'", "did you mean 'actor'?"),
    ({"as_of": "2023-13"}, "bad --as-of date", "write YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_bad_filters_raise_with_a_hint(inputs, kw, message, hint) -> None:
    with pytest.raises(AnalysisError) as exc:
        graphs(inputs, **kw)
    assert exc.value.message.startswith(message)
    assert (exc.value.hint or "").startswith(hint)


# -- ranking ------------------------------------------------------------------------------
def test_rank_scores_and_why(inputs) -> None:
    g, c = graphs(inputs)
    rows = an.rank(g, c, by="out_strength", top=3, groups=["actor"])
    assert [r.node for r in rows] == ["china", "pla-hawks", "norinco"]  # belarus: contested
    assert rows[0].scores["out_strength"] == pytest.approx(3.05 + 0.6 + 0.6)
    # equal strengths: claims on the link that more claims make come first
    assert rows[0].why == ["nc-2022", "nc-2015-2021", "nc-2023"]
    assert rows[0].scores["degree"] == 7.0
    pr = an.rank(g, c, top=2, groups=["actor"])
    assert [r.node for r in pr] == ["russia", "russian-ammo"]
    bt = an.rank(g, c, by="betweenness", top=1)
    assert bt[0].node == "china"       # every route from the PLA hawks to the plants
    assert an.rank(g, c, top=20) == an.rank(g, c, top=20)   # deterministic


def test_unknown_measure_is_an_error(inputs) -> None:
    g, c = graphs(inputs)
    with pytest.raises(AnalysisError, match="unknown measure 'page_rank'"):
        an.rank(g, c, by="page_rank")


# -- paths --------------------------------------------------------------------------------
def test_why_directed_finds_the_strongest_path_hop_by_claim(inputs) -> None:
    g, c = graphs(inputs)
    paths = an.strongest_paths(g, "PLA Hawks", "Russian ammunition production", collapsed=c)
    assert [p.nodes for p in paths] == [["pla-hawks", "china", "russian-ammo"]]
    hops = paths[0].hops
    assert [[x["claim"] for x in h.claims] for h in hops] == [
        ["pla-influences-china"], ["china-supports-ammo"]]
    assert hops[0].claims[0]["sources"] == ["review"]
    assert hops[0].claims[0]["status"] == "single-origin"


def test_why_undirected_expands_parallel_claims_and_orders_ties(inputs) -> None:
    g, _ = graphs(inputs)
    paths = an.strongest_paths(g, "pla-hawks", "russian-ammo", undirected=True, k=4)
    assert [p.nodes for p in paths] == [
        ["pla-hawks", "china", "russian-ammo"],
        ["pla-hawks", "russia", "russian-ammo"],
        ["pla-hawks", "china", "russia", "russian-ammo"],
        ["pla-hawks", "russia", "china", "russian-ammo"]]
    assert paths[0].cost == paths[1].cost
    part_of = paths[1].hops[1]
    assert part_of.reversed and part_of.claims[0]["reversed"]
    assert part_of.claims[0]["claim"] == "ammo-part-of-russia"
    parallel = paths[2].hops[1]
    assert [x["claim"] for x in parallel.claims] == [
        "nc-2022", "nc-2015-2021", "nc-2023", "nc-2024"]
    assert paths[2].weakest == pytest.approx(0.6)
    assert an.strongest_paths(g, "pla-hawks", "russian-ammo", undirected=True, max_hops=2,
                              k=10) == paths[:2]


def test_why_without_a_path_and_unknown_entity(inputs) -> None:
    g, _ = graphs(inputs)
    assert an.strongest_paths(g, "club-a", "china", undirected=True) == []
    with pytest.raises(NotFoundError) as exc:
        an.strongest_paths(g, "Chna", "russia")
    assert exc.value.message == "no entity 'Chna' in the graph"
    assert exc.value.hint == "did you mean 'china'?"
    assert an.resolve_entity(g, "中国") == "china"
    assert an.resolve_entity(g, "north industries group") == "norinco"


# -- neighbourhood ------------------------------------------------------------------------
def test_ego_network_rows_and_graph(inputs) -> None:
    g, _ = graphs(inputs)
    rows = an.ego_rows(g, "Russian ammunition production", depth=1)
    assert [(r.node, r.parent, r.claims, r.reversed) for r in rows] == [
        ("russian-ammo", None, [], []),              # equally strong links: by id
        ("china", "russian-ammo", [], ["china-supports-ammo"]),
        ("norinco", "russian-ammo", [], ["norinco-supplies-ammo"]),
        ("russia", "russian-ammo", ["ammo-part-of-russia"], [])]
    ego = an.ego(g, "russian-ammo", depth=2)
    assert sorted(ego.nodes) == sorted(r.node for r in an.ego_rows(g, "russian-ammo", depth=2))
    assert ego.number_of_edges() == g.subgraph(ego.nodes).number_of_edges()
    assert "club-a" not in ego
    directed = an.ego_rows(g, "china", depth=1, undirected=False)
    assert [r.node for r in directed] == ["china", "russia", "belarus", "russian-ammo"]


def test_communities_are_deterministic(inputs) -> None:
    _, c = graphs(inputs)
    first = an.communities(c, min_size=2)
    assert ["club-a", "club-b"] in first
    assert all(first == an.communities(c, min_size=2) for _ in range(3))
    assert sorted(n for grp in an.communities(c) for n in grp) == sorted(c.nodes)


# -- timeline -----------------------------------------------------------------------------
def test_timeline_rows_four_nitrocellulose_periods(inputs) -> None:
    g, _ = graphs(inputs)
    rows = an.timeline_rows(g, subject="China", item="nitrocellulose")
    assert [(r.claim, r.start, r.end, r.value, r.status) for r in rows] == [
        ("nc-2015-2021", "2015-01-01", "2021-12-31", None, "single-origin"),
        ("nc-2022", "2022-01-01", "2022-12-31", 700, "corroborated"),
        ("nc-2023", "2023-01-01", "2023-12-31", 1300, "single-origin"),
        ("nc-2024", "2024-01-01", "2024-04-30", 110, "single-origin")]
    assert [r.claim for r in an.timeline_rows(g, quantified_only=True)] == [
        "nc-2022", "nc-2023", "nc-2024"]
    gd, _ = graphs(inputs, include_denied=True)
    assert "no-lethal-weapons" in [r.claim for r in an.timeline_rows(gd)]


def test_timeline_chart_png_and_svg(inputs, tmp_path: Path) -> None:
    g, _ = graphs(inputs, include_denied=True)
    rows = an.timeline_rows(g, subject="china")
    png = an.timeline_chart(rows, tmp_path / "t.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = an.timeline_chart(rows, tmp_path / "t.svg", title="China")
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    for label in ("≈ 700 t", "nc-2022", "1,300 t", "nc-2023", "110 t", "nc-2015-2021",
                  "no-lethal-weapons · denies supplying", "Corroborated", "Single origin",
                  "Denied", 'id="cg-panel-0"', 'id="cg-legend"'):
        assert label in text, label
    again = an.timeline_chart(rows, tmp_path / "t2.svg", title="China")
    assert again.read_text() == text          # deterministic output
    with pytest.raises(AnalysisError, match=r"cannot draw a chart as \.pdf"):
        an.timeline_chart(rows, tmp_path / "t.pdf")
    with pytest.raises(AnalysisError, match="no dated claims to draw"):
        an.timeline_chart([], tmp_path / "t.png")


# -- exports ------------------------------------------------------------------------------
def test_graphml_and_gexf_round_trip(inputs, tmp_path: Path) -> None:
    g, c = graphs(inputs, include_denied=True)
    for graph in (g, an.aggregate_graph(g), c):
        gm = nx.read_graphml(an.export_graph(graph, tmp_path / "g.graphml"),
                             force_multigraph=graph.is_multigraph())
        assert (gm.number_of_nodes(), gm.number_of_edges()) == (
            graph.number_of_nodes(), graph.number_of_edges())
        gx = nx.read_gexf(an.export_graph(graph, tmp_path / "g.gexf"))
        assert (gx.number_of_nodes(), gx.number_of_edges()) == (
            graph.number_of_nodes(), graph.number_of_edges())
    gm = nx.read_graphml(an.export_graph(g, tmp_path / "claims.graphml"))
    e = gm.edges["china", "russia", "nc-2022"]
    assert (e["status"], e["origins"], e["quantity"], e["sources"], e["start"]) == (
        "corroborated", 2, 700.0, "review; wire", "2022-01-01")
    assert gm.nodes["china"]["aliases"] == "Beijing; PRC; 中国"
    assert "country" not in gm.nodes["china"]           # None is a missing value
    gx = nx.read_gexf(an.export_graph(g, tmp_path / "claims.gexf"))
    spells = {d["claim"]: (d.get("start"), d.get("end")) for *_, d in gx.edges(data=True)}
    assert spells["nc-2024"] == ("2024-01-01", "2024-04-30")
    assert spells["china-supports-ammo"] == (None, None)
    text = (tmp_path / "claims.gexf").read_text()
    assert 'timeformat="date"' in text and 'mode="dynamic"' in text
    assert gx.nodes["pla-hawks"]["label"] == "PLA Hawks"


def test_json_and_csv_exports(inputs, tmp_path: Path) -> None:
    import csv
    import json

    g, _ = graphs(inputs)
    data = json.loads(an.export_graph(g, tmp_path / "g.json").read_text())
    back = nx.node_link_graph(data, edges="edges")
    assert back.number_of_edges() == g.number_of_edges()
    assert back.edges["china", "russia", "nc-2022"]["sources"] == ["review", "wire"]
    with an.export_graph(g, tmp_path / "g.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == g.number_of_edges()
    nc = next(r for r in rows if r["key"] == "nc-2022")
    assert (nc["source_name"], nc["target_name"], nc["sources"], nc["bound"]) == (
        "China", "Russia", "review; wire", "")
    with pytest.raises(AnalysisError, match="unknown export format 'dot'"):
        an.export_graph(g, tmp_path / "g.dot")


def test_why_never_steps_through_a_shared_motive(inputs) -> None:
    g, _ = graphs(inputs)
    g.add_edge("norinco", "counterbalance-us", key="x", claim="x", predicate="motivated_by",
               label="is motivated by", polarity="affirmed", status="single-origin", origins=1,
               strength=0.6)
    assert an.strongest_paths(g, "pla-hawks", "norinco", undirected=True, max_hops=2) == []
    through = an.strongest_paths(g, "pla-hawks", "norinco", undirected=True, max_hops=2,
                                 avoid_kinds=())
    assert [p.nodes for p in through] == [["pla-hawks", "counterbalance-us", "norinco"]]
    # a motive may still be where a path starts or ends
    assert an.strongest_paths(g, "norinco", "counterbalance-us")[0].nodes == [
        "norinco", "counterbalance-us"]


def test_a_flag_never_makes_a_claim_count_more_than_its_support(inputs) -> None:
    case, statuses = inputs
    flagged = {**statuses, "nc-2023": ("contested", 0, "unsourced"),
               "nc-2024": ("contested", 1, "single-origin")}
    g, _ = an.project(case, flagged)
    nc23, nc24 = g.edges["china", "russia", "nc-2023"], g.edges["china", "russia", "nc-2024"]
    assert (nc23["status"], nc23["support"], nc23["strength"]) == ("contested", "unsourced", 0.15)
    assert (nc24["status"], nc24["strength"]) == ("contested", 0.35)
    kept, _ = an.project(case, flagged, an.Filters(min_status="contested"))
    assert "nc-2024" in kept["china"]["russia"] and "nc-2023" not in kept["china"]["russia"]
