"""The analytics commands end to end: a fixture case built into a real on-disk Oxigraph
store, read back by ``rank``, ``why``, ``neighbours``, ``communities``, ``timeline`` and
``export-graph`` (text and JSON output, exact error messages)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from claimgraph.graph import analytics as an
from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "cases"
COMMANDS = ("rank", "why", "neighbours", "communities", "timeline", "export-graph")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store") / "oxi"
    store = open_store(path)
    build_case(FIXTURES / "analytics-small", store)
    store.close()
    return str(path)


def run(capsys: pytest.CaptureFixture[str], store: str, *args: str) -> tuple[int, str, str]:
    code = main(["--store", store, *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], store: str, *args: str) -> dict:
    code, out, err = run(capsys, store, *args, "--format", "json")
    assert code == 0, err
    assert "no evidence assessment" not in err      # statuses came from the store
    return json.loads(out)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_an_example(capsys, command: str) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"Example: claimgraph {command}" in out
    for option in ("--min-status", "--include-denied", "--as-of", "--predicate", "--kind",
                   "--case"):
        assert option in out, (command, option)


def test_rank_json_and_table(capsys, store_path: str) -> None:
    data = run_json(capsys, store_path, "rank", "--by", "out_strength", "--group", "actor",
                    "--top", "2")
    assert [r["node"] for r in data["rows"]] == ["china", "pla-hawks"]
    assert data["rows"][0]["why"][0] == "nc-2022"
    assert data["rows"][0]["scores"]["out_strength"] == pytest.approx(4.25)
    code, out, _ = run(capsys, store_path, "rank", "--top", "3")
    assert code == 0 and "Top 3 by pagerank" in out and "nc-2022" in out


def test_a_narrow_table_folds_ids_never_cuts_them(capsys, monkeypatch, store_path: str
                                                  ) -> None:
    """At 60 columns (a pipe, a small terminal) every id is still printed whole: folded
    over lines, never cut with an ellipsis that leaves nothing to copy into ``trace``."""
    monkeypatch.setenv("COLUMNS", "60")
    data = run_json(capsys, store_path, "rank", "--top", "5")
    code, out, _ = run(capsys, store_path, "rank", "--top", "5")
    assert code == 0 and "…" not in out
    columns: dict[int, str] = {}     # each column's text read down the table, unfolded
    for line in out.splitlines():
        if "│" in line:
            for i, cell in enumerate(line.split("│")):
                columns[i] = columns.get(i, "") + cell.strip()
    entities, why = columns[2], columns[len(columns) - 2]
    for row in data["rows"]:
        assert row["node"] in entities
        assert all(c in why for c in row["why"])


def test_why_shows_each_hop_as_a_claim_with_its_sources(capsys, store_path: str) -> None:
    data = run_json(capsys, store_path, "why", "PLA Hawks", "Russian ammunition production")
    assert data["from"] == "pla-hawks" and data["to"] == "russian-ammo"
    hops = data["paths"][0]["hops"]
    assert [h["claims"][0]["claim"] for h in hops] == ["pla-influences-china",
                                                       "china-supports-ammo"]
    ev = hops[1]["claims"][0]["evidence"][0]
    assert ev == {"source": "review", "title": "Review essay", "relation": "supports",
                  "quote": "Beijing supports Moscow's military industry."}
    code, out, _ = run(capsys, store_path, "why", "pla-hawks", "russian-ammo", "-u", "-n", "2")
    assert code == 0
    assert "path 2" in out and "ammo-part-of-russia" in out and "Review essay" in out


def test_why_errors_have_hints(capsys, store_path: str) -> None:
    code, _, err = run(capsys, store_path, "why", "Chna", "russia")
    assert code == 1
    assert err.splitlines() == ["error: no entity 'Chna' in the graph",
                                "hint: did you mean 'china'?"]
    code, out, _ = run(capsys, store_path, "why", "club-a", "china")
    assert code == 1 and "no path of at most 4 hops" in out and "--undirected" in out
    code, _, err = run(capsys, store_path, "rank", "--min-status", "solid")
    assert code == 1 and "error: unknown evidence status 'solid'" in err
    code, _, err = run(capsys, store_path, "rank", "--group", "actors")
    assert err.splitlines() == ["error: unknown kind group 'actors'",
                                "hint: use one of: actor, thing"]


def test_filters_apply_to_every_command(capsys, store_path: str) -> None:
    data = run_json(capsys, store_path, "timeline", "--item", "nitrocellulose",
                    "--as-of", "2022")
    assert [r["claim"] for r in data["rows"]] == ["nc-2015-2021", "nc-2022"]
    data = run_json(capsys, store_path, "timeline", "--min-status", "corroborated")
    assert [r["claim"] for r in data["rows"]] == ["nc-2022"]
    data = run_json(capsys, store_path, "neighbours", "belarus", "--include-denied")
    russia = next(r for r in data["rows"] if r["node"] == "russia")
    assert russia["claims"] == ["belarus-denies", "belarus-supplies-russia"]  # by strength
    data = run_json(capsys, store_path, "communities", "--kind", "state")
    assert data["communities"] == [["belarus", "china", "russia"]]


def test_neighbours_and_communities(capsys, store_path: str) -> None:
    data = run_json(capsys, store_path, "neighbours", "russian-ammo", "--depth", "2")
    assert data["center"] == "russian-ammo"
    assert {r["node"] for r in data["rows"] if r["depth"] == 1} == {"china", "norinco", "russia"}
    first = run_json(capsys, store_path, "communities")
    assert ["club-a", "club-b"] in first["communities"]
    assert run_json(capsys, store_path, "communities") == first
    code, out, _ = run(capsys, store_path, "neighbours", "PLA Hawks")
    assert code == 0 and "motive given for: PLA Hawks supports Russia" in out


def test_timeline_chart_and_exports(capsys, store_path: str, tmp_path: Path) -> None:
    code, out, _ = run(capsys, store_path, "timeline", "--subject", "china", "--item",
                       "nitrocellulose", "--chart", str(tmp_path / "nc.png"))
    assert code == 0 and "4 dated claims" in out and "1,300" in out
    assert (tmp_path / "nc.png").read_bytes()[:4] == b"\x89PNG"
    code, _, err = run(capsys, store_path, "timeline", "--chart", str(tmp_path / "nc.pdf"))
    assert code == 1 and "hint: name the output file .png or .svg" in err
    code, out, _ = run(capsys, store_path, "export-graph", str(tmp_path / "g.gexf"))
    assert code == 0 and "wrote 12 nodes and 13 edges" in out
    g = nx.read_gexf(tmp_path / "g.gexf")
    assert g.number_of_edges() == 13
    code, out, _ = run(capsys, store_path, "export-graph", str(tmp_path / "a.graphml"),
                       "--level", "aggregated", "--include-denied")
    agg = nx.read_graphml(tmp_path / "a.graphml", force_multigraph=True)
    assert agg.edges["belarus", "russia", "supplies"]["denied"] == "belarus-denies"


def test_a_store_with_two_cases_asks_which(capsys, tmp_path: Path) -> None:
    store = open_store(tmp_path / "two")
    build_case(FIXTURES / "analytics-small", store)
    other = tmp_path / "other"
    other.mkdir()
    (other / "case.yaml").write_text("id: other\ntitle: Other\n")
    build_case(other, store)
    store.close()
    code, _, err = run(capsys, str(tmp_path / "two"), "rank")
    assert code == 1
    assert err.splitlines() == ["error: the store holds 2 cases; which one?",
                                "hint: name one with --case (or $CLAIMGRAPH_CASE): "
                                "analytics-small, other"]
    assert run_json(capsys, str(tmp_path / "two"), "rank", "--case", "other")["rows"] == []


def test_same_answers_from_the_embedded_store_and_a_sparql_server(store, capsys) -> None:
    """`store` runs this once on an on-disk store and once on a real `oxigraph serve`."""
    build_case(FIXTURES / "analytics-small", store)
    inputs = an.load_inputs(store, "analytics-small")
    assert inputs.assessed and inputs.statuses["nc-2022"] == ("corroborated", 2)
    g, collapsed = an.project(inputs.case, inputs.statuses)
    assert [r.node for r in an.rank(g, collapsed, by="out_strength", top=3,
                                    groups=["actor"])] == ["china", "pla-hawks", "norinco"]
    assert [p.nodes for p in an.strongest_paths(g, "PLA Hawks", "russian-ammo")] == [
        ["pla-hawks", "china", "russian-ammo"]]
    assert [r.claim for r in an.timeline_rows(g, quantified_only=True)] == [
        "nc-2022", "nc-2023", "nc-2024"]
    if store.location.startswith("http"):  # and the CLI against the endpoint
        code = main(["--endpoint", store.location, "why", "PLA Hawks", "russian-ammo",
                     "--format", "json"])
        out, err = capsys.readouterr()
        assert code == 0, err
        assert json.loads(out)["paths"][0]["nodes"] == ["pla-hawks", "china", "russian-ammo"]
