"""Issue 11 in the analytics, one written fixture per rule: an item filter takes in narrower
items (broader-items), same_as merges and overlaps never do (identity-merge), claims rated
false or misleading stay out and every output says how many (rated-out), and who says it is
a layer of the graph (claimant-layer). The projections are read from both store backends;
the commands run end to end against an on-disk store; the network view is drawn in a real
Chromium and looked at (tests/artifacts/claimant-network.png)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from browser_support import ARTIFACTS, Watch, browser  # noqa: F401
from store_fixtures import oxigraph_server, store  # noqa: F401

from claimgraph.graph import analytics as an
from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.store import Store, open_store
from claimgraph.graph.views import load_view_data, network_view
from claimgraph.graph.views.project import VIEW_FILTERS

FIXTURES = Path(__file__).parent / "fixtures" / "cases"
LAYERS = ("broader-items", "identity-merge", "rated-out", "claimant-layer")


def _project(s: Store, case: str, **filters: Any) -> tuple[Any, Any]:
    build_case(FIXTURES / case, s)
    inputs = an.load_inputs(s, case)
    assert inputs.assessed
    return an.project(inputs.case, inputs.statuses, an.Filters(**filters))


def _claims(g: Any) -> set[str]:
    return {d["claim"] for *_, d in g.edges(data=True) if not d.get("derived")}


# -- the projection, read from both backends ------------------------------------------------
def test_item_filter_takes_in_narrower_items(store: Store) -> None:  # noqa: F811
    g, _ = _project(store, "broader-items", about=frozenset({"drones"}))
    assert _claims(g) == {"iran-shahed-2022", "russia-geran", "china-drones-2023"}
    assert g.graph["about"] == {"drones": ["geran-2", "shahed-136"]}
    g, _ = _project(store, "broader-items", about=frozenset({"Shahed-136"}))
    assert _claims(g) == {"iran-shahed-2022", "russia-geran"}  # not the broader drones
    # a denial about lethal weapons does not take in nitrocellulose: nothing says it is one
    g, _ = _project(store, "broader-items", about=frozenset({"lethal-weapons"}),
                    include_denied=True)
    assert _claims(g) == {"no-lethal-weapons"}
    assert g.graph["about"] == {"lethal-weapons": []}


def test_same_as_merges_overlaps_never(store: Store) -> None:  # noqa: F811
    g, collapsed = _project(store, "identity-merge")
    assert "mfa" not in g and "foreign-ministry" in g
    node = g.nodes["foreign-ministry"]
    assert node["same_as"] == ["mfa"] and {"mfa", "MFA", "Ministry of Foreign Affairs"} <= set(
        node["aliases"])
    assert g.degree("foreign-ministry") == 3
    assert g.graph["merged"] == {"foreign-ministry": ["foreign-ministry", "mfa"]}
    # the overlapping groups stay two nodes, never linked to each other
    assert {"pla-hawks", "ccp-hardliners"} <= set(g)
    assert g.nodes["pla-hawks"]["overlaps"] == ["ccp-hardliners"]
    assert not collapsed.has_edge("pla-hawks", "ccp-hardliners")
    assert not collapsed.has_edge("ccp-hardliners", "pla-hawks")
    assert an.resolve_entity(g, "mfa") == an.resolve_entity(g, "MFA") == "foreign-ministry"
    apart, _ = _project(store, "identity-merge", merge_same=False)
    assert {"mfa", "foreign-ministry"} <= set(apart) and apart.graph["merged"] == {}


def test_rated_claims_stay_out_unless_asked(store: Store) -> None:  # noqa: F811
    g, _ = _project(store, "rated-out")
    assert _claims(g) == {"nc-2023", "belarus-ammo"}
    assert g.graph["rated_out"] == {"china-shells-belarus": "false", "nk-shells": "misleading"}
    assert an.strongest_paths(g, "china", "belarus", undirected=True)[0].nodes == [
        "china", "russia", "belarus"]  # never the false china -> belarus claim
    kept, _ = _project(store, "rated-out", include_rated=True)
    assert _claims(kept) == {"nc-2023", "belarus-ammo", "china-shells-belarus", "nk-shells"}
    assert kept.graph["rated_out"] == {}


def test_claimant_layer(store: Store) -> None:  # noqa: F811
    g, _ = _project(store, "claimant-layer", claimants=True, include_denied=True)
    says = sorted((u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
                  if d["derived"] == "claimants")
    assert says == [("article", "china", "tools-2024>says"),
                    ("customs-data", "china", "nc-2023>says"),
                    ("global-times", "china", "gt-cooperation>says"),
                    ("global-times", "china", "gt-no-weapons>says"),
                    ("lin-jian", "china", "lj-no-lethal-weapons>says")]
    assert g.nodes["article"]["kind"] == "source" and g.nodes["article"]["name"] == "Who says what"
    assert g.nodes["customs-data"]["kind"] == "source_referred"  # only referred to
    assert g.edges["global-times", "china", "gt-no-weapons>says"]["said_polarity"] == "denied"
    rows = an.rank_claimants(g, names={"article": "Who says what"})
    assert [(r.node, r.claims, r.denied) for r in rows] == [
        ("global-times", 2, 1), ("customs-data", 1, 0), ("lin-jian", 1, 1), ("article", 1, 0)]
    plain, _ = _project(store, "claimant-layer")
    assert not any(d["derived"] == "claimants" for *_, d in plain.edges(data=True))


# -- the commands, end to end ---------------------------------------------------------------
@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("layers") / "oxi"
    s = open_store(path)
    for case in LAYERS:
        build_case(FIXTURES / case, s)
    s.close()
    return str(path)


def run(capsys: pytest.CaptureFixture[str], path: str, *args: str) -> tuple[int, str, str]:
    code = main(["--store", path, *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], path: str, *args: str) -> dict[str, Any]:
    code, out, err = run(capsys, path, *args, "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_item_option_says_what_it_took_in(capsys, store_path: str) -> None:
    data = run_json(capsys, store_path, "rank", "-c", "broader-items", "--item", "drones",
                    "--by", "degree")
    assert data["about"] == {"drones": ["geran-2", "shahed-136"]}
    why = {c for r in data["rows"] for c in r["why"]}
    assert why == {"iran-shahed-2022", "russia-geran", "china-drones-2023"}
    rows = run_json(capsys, store_path, "timeline", "-c", "broader-items", "--item", "UAVs")
    assert [r["claim"] for r in rows["rows"]] == ["iran-shahed-2022", "china-drones-2023"]
    ego = run_json(capsys, store_path, "neighbours", "russia", "-c", "broader-items",
                   "--item", "drones")
    assert {r["node"] for r in ego["rows"]} == {"russia", "iran", "china", "geran-2"}
    paths = run_json(capsys, store_path, "why", "iran", "china", "-c", "broader-items",
                     "--item", "drones", "-u")["paths"]
    assert [c["claim"] for h in paths[0]["hops"] for c in h["claims"]] == [
        "iran-shahed-2022", "china-drones-2023"]  # not the nitrocellulose claim
    code, out, _ = run(capsys, store_path, "rank", "-c", "broader-items", "--item", "drones")
    assert code == 0
    assert "--item drones: claims about Drones and 2 narrower items (Geran-2, Shahed-136)" in out
    code, _, err = run(capsys, store_path, "rank", "-c", "broader-items", "--item", "drone")
    assert code == 1 and "no entity 'drone' in case 'broader-items' (--item)" in err
    assert "did you mean 'drones'?" in err


def test_rank_and_why_see_one_ministry(capsys, store_path: str) -> None:
    data = run_json(capsys, store_path, "rank", "-c", "identity-merge", "--by", "degree")
    assert [(r["node"], r["scores"]["degree"]) for r in data["rows"]] == [
        ("russia", 4.0), ("foreign-ministry", 3.0), ("pla-hawks", 2.0), ("ccp-hardliners", 1.0)]
    assert data["merged"] == {"foreign-ministry": ["foreign-ministry", "mfa"]}
    code, out, _ = run(capsys, store_path, "why", "pla-hawks", "mfa", "-c", "identity-merge")
    assert code == 0 and "PLA hawks → Chinese Foreign Ministry" in out
    assert "Chinese Foreign Ministry is one node for the same_as ids foreign-ministry, mfa" in out
    paths = run_json(capsys, store_path, "why", "ccp-hardliners", "pla-hawks", "-u",
                     "-c", "identity-merge")["paths"]
    assert paths and all(len(p["nodes"]) > 2 for p in paths)  # overlap is never a hop


COMMANDS = [("rank",), ("neighbours", "russia"), ("communities",), ("timeline",),
            ("why", "china", "russia")]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_output_says_how_many_rated_claims_it_left_out(
        capsys, store_path: str, command: tuple[str, ...]) -> None:
    data = run_json(capsys, store_path, *command, "-c", "rated-out")
    assert data["rated_out"]["count"] == 2
    assert data["rated_out"]["claims"] == {"china-shells-belarus": "false",
                                           "nk-shells": "misleading"}
    code, out, _ = run(capsys, store_path, *command, "-c", "rated-out")
    assert code == 0
    assert "2 claims left out for their verdict rating (1 false, 1 misleading" in " ".join(
        out.split())
    if command[0] != "why":
        again = run_json(capsys, store_path, *command, "-c", "rated-out", "--include-rated")
        assert again["rated_out"]["count"] == 0


def test_why_never_routes_through_a_rated_claim(capsys, store_path: str) -> None:
    code, out, _ = run(capsys, store_path, "why", "china", "belarus", "-c", "rated-out")
    assert code == 1 and "no path of at most 4 hops from china to belarus" in out
    assert "`why` never routes through one" in out
    code, _, err = run(capsys, store_path, "why", "china", "belarus", "-c", "rated-out",
                       "--include-rated")
    assert code == 2 and "No such option: --include-rated" in err
    data = run_json(capsys, store_path, "rank", "-c", "rated-out", "--by", "degree",
                    "--include-rated")
    assert {r["node"]: r["scores"]["degree"] for r in data["rows"]}["north-korea"] == 1.0


def test_rank_by_claimant(capsys, store_path: str) -> None:
    data = run_json(capsys, store_path, "rank", "-c", "claimant-layer", "--by", "claimant")
    rows = data["rows"]
    assert [(r["node"], r["name"], r["claims"], r["denied"]) for r in rows] == [
        ("global-times", "Global Times", 2, 1), ("customs-data", "Chinese customs records", 1, 0),
        ("lin-jian", "Lin Jian", 1, 1), ("article", "Who says what", 1, 0)]
    assert rows[0]["statuses"] == {"single-origin": 2}
    assert rows[0]["about"] == [["china", 2], ["russia", 2]]
    affirmed = run_json(capsys, store_path, "rank", "-c", "claimant-layer", "--by", "claimant",
                        "--exclude-denied")
    assert "lin-jian" not in {r["node"] for r in affirmed["rows"]}
    code, out, _ = run(capsys, store_path, "rank", "-c", "claimant-layer", "--by", "claimant")
    assert code == 0 and "claimants by claims made" in out and "Lin Jian" in out
    ranked = run_json(capsys, store_path, "rank", "-c", "claimant-layer", "--by", "degree",
                      "--with-claimants")
    assert {r["node"]: r["why"] for r in ranked["rows"]}["global-times"] == ["gt-cooperation"]


def test_why_starts_from_a_claimant(capsys, store_path: str) -> None:
    data = run_json(capsys, store_path, "why", "global-times", "russia", "-c", "claimant-layer")
    first = data["paths"][0]
    assert first["nodes"] == ["global-times", "china", "russia"]
    said = first["hops"][0]["claims"][0]
    assert (said["claim"], said["derived"], said["predicate"]) == (
        "gt-cooperation", "claimants", "says")
    code, out, _ = run(capsys, store_path, "why", "Global Times", "russia", "-c",
                       "claimant-layer", "-n", "1")
    assert code == 0
    assert "gt-cooperation Global Times says “China and Russia" in out
    src = run_json(capsys, store_path, "why", "Who says what", "russia", "-c", "claimant-layer")
    assert src["from"] == "article" and src["paths"][0]["hops"][0]["claims"][0]["claim"] == (
        "tools-2024")
    # between two entities, no path steps through a third party's saying
    plain = run_json(capsys, store_path, "why", "china", "russia", "-c", "claimant-layer", "-u")
    assert all(c["derived"] is None for p in plain["paths"] for h in p["hops"]
               for c in h["claims"])


def test_view_options(capsys, store_path: str, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    code, printed, _ = run(capsys, store_path, "view", "rated-out", "--out", str(out))
    assert code == 0 and "2 claims left out for their verdict rating" in printed
    assert "2 claims left out for their verdict rating" in out.read_text("utf-8")
    code, printed, _ = run(capsys, store_path, "view", "broader-items", "--item", "drones",
                           "--out", str(out))
    assert code == 0 and "2 narrower items" in printed
    assert '"nitrocellulose"' not in out.read_text("utf-8").split('"nodeInfo"')[1].split(
        '"edgeInfo"')[0]


# -- the network view with claimants, in a browser ------------------------------------------
def test_network_view_with_claimants(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    s = open_store(tmp_path / "oxi")
    try:
        build_case(FIXTURES / "claimant-layer", s)
        data = load_view_data(s, "claimant-layer", timeline=False)
    finally:
        s.close()
    v = network_view(data, filters=replace(VIEW_FILTERS, claimants=True))
    says = [e for e in v.graph.edges if e["predicate"] == "says"]
    assert {(e["from"], e["to"]) for e in says} == {
        ("article", "china"), ("customs-data", "china"), ("global-times", "china"),
        ("lin-jian", "china")}
    gt = next(e for e in says if e["from"] == "global-times")
    assert gt["claims"] == ["gt-cooperation", "gt-no-weapons"] and "2 claims" in gt["label"]
    page = v.save(tmp_path / "claimants.html")
    ARTIFACTS.mkdir(exist_ok=True)
    w = Watch(browser, 1400, 900)
    try:
        w.open(page)
        legend = w.page.locator(".cg-filter-predicate").inner_text()
        assert "who says it (claimant of a claim)" in legend
        w.page.screenshot(path=str(ARTIFACTS / "claimant-network.png"))
        visible = "window.cgViews['cg-view'].edges.get({filter: e => !e.hidden}).length"
        before = w.page.evaluate(visible)
        w.page.locator(".cg-filter-predicate input[value='says']").uncheck()
        assert w.page.evaluate(visible) == before - len(says)  # the who-says-it toggle
        w.page.screenshot(path=str(ARTIFACTS / "claimant-network-off.png"))
        w.clean()
    finally:
        w.close()
