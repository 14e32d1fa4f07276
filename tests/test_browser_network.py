"""The network view of issue 13 in a real headless Chromium: regions, no label on a label
(measured from what vis-network drew), readable main labels, the filters (layer, tag, the
time slider, claimant, source, verdict rating), the why path picked in the page and opened by ``--why``, and the summary of a
large network. Every page logs no console error and requests nothing off file://."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from browser_support import ARTIFACTS, Watch, browser, bundled, label_boxes, overlapping

from claimgraph.graph.build import build_case
from claimgraph.graph.store import open_store
from claimgraph.graph.views import load_view_data, network_view
from claimgraph.graph.views.project import VIEW_FILTERS
from claimgraph.graph.views.render import FONT_TIERS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from casegen import generate_case

pytestmark = pytest.mark.browser
__all__ = ["browser", "bundled"]  # fixtures, imported from browser_support

@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A generated case of 300 entities (casegen), built into a store: its ViewData."""
    tmp = tmp_path_factory.mktemp("gen300")
    root = generate_case(tmp / "case", n_claims=700, n_entities=300, n_sources=40,
                         fmt="jsonl", seed=13)
    store = open_store(tmp / "store")
    try:
        data = load_view_data(store, build_case(root, store).case_id)
    finally:
        store.close()
    return data



def _shown(w: Watch, view: str = "cg-network") -> int:
    """How many edges the page says it shows now (``data-shown-edges``; -1 when unsaid)."""
    return int(w.page.get_attribute(f"#{view}", "data-shown-edges") or -1)


def test_bundled_network_has_regions_and_no_label_on_a_label(browser: Any, bundled: Any) -> None:
    index, data = bundled
    ARTIFACTS.mkdir(exist_ok=True)
    w = Watch(browser, 1600, 1000)
    try:
        w.open(index.parent / "network.html")
        measured = label_boxes(w.page, "cg-network")
        boxes = measured["boxes"]
        assert len(boxes) == len(network_view(data).graph.nodes) > 100
        assert overlapping(boxes) == []
        # the written edge labels cover no node label and no other edge label
        placed = w.page.evaluate("window.cgViews['cg-network'].data.edgeLabels")
        assert len(placed) >= 10
        edge_boxes = [{"id": "edge:" + p["edge"], "x": p["x"] - p["w"] / 2,
                       "y": p["y"] - p["h"] / 2, "w": p["w"], "h": p["h"]} for p in placed]
        assert overlapping(boxes + edge_boxes) == []
        # the main actors read at the zoom that shows the whole network
        top = [b for b in boxes if b["font"] == FONT_TIERS[0]]
        assert len(top) >= 5
        assert FONT_TIERS[0] * measured["scale"] >= 10, measured["scale"]
        # zoomed in, still no overlap (positions and label sizes scale together)
        w.page.evaluate("window.cgViews['cg-network'].network.moveTo({scale: 1.0})")
        assert overlapping(label_boxes(w.page, "cg-network")["boxes"]) == []
        regions = w.page.evaluate("window.cgViews['cg-network'].data.regions")
        assert len(regions) >= 5
        members = [m for r in regions for m in r["members"]]
        assert len(members) == len(set(members)) == len(boxes)
        # the status legend is on screen without scrolling
        legend = w.page.locator("#cg-network .cg-filter-status").bounding_box()
        assert legend is not None and legend["y"] + legend["height"] < 1000
        w.clean()
    finally:
        w.close()


def test_generated_300_node_network_has_no_label_on_a_label(browser: Any, generated: Any,
                                                            tmp_path: Path) -> None:
    v = network_view(generated)
    assert v.graph.kind == "network" and len(v.graph.nodes) >= 250
    page = v.save(tmp_path / "gen300.html")
    w = Watch(browser, 1600, 1000)
    try:
        w.open(page)
        boxes = label_boxes(w.page, "cg-view")["boxes"]
        assert len(boxes) == len(v.graph.nodes)
        assert overlapping(boxes) == []
        w.page.screenshot(path=str(ARTIFACTS / "generated-300-network.png"))
        w.clean()
    finally:
        w.close()


def test_filters_layers_tags_and_time_slider(browser: Any, bundled: Any) -> None:
    index, data = bundled
    w = Watch(browser, 1600, 1000)
    try:
        w.open(index.parent / "network.html")

        total = _shown(w)
        assert total == len(network_view(data).graph.edges)
        # layers: without motives no motive node is left, and fewer edges
        w.page.uncheck("#cg-network input[data-filter='layer'][value='motives']")
        hidden = w.page.evaluate("""() => { const v = window.cgViews['cg-network'];
            return v.nodes.get().filter(n => v.data.nodeInfo[n.id].layer === 'motives')
                                .every(n => n.hidden); }""")
        assert hidden is True and _shown(w) < total
        w.page.check("#cg-network input[data-filter='layer'][value='motives']")
        assert _shown(w) == total
        # tags: only analysis 2 — every edge left has a claim tagged analysis-2
        w.page.uncheck("#cg-network input[data-filter='tag'][value='analysis-1']")
        w.page.uncheck("#cg-network input[data-filter='tag'][value='']")
        ok = w.page.evaluate("""() => { const v = window.cgViews['cg-network'];
            const left = v.edges.get().filter(e => !e.hidden);
            return [left.length, left.every(e => v.data.edgeInfo[e.id].claims.some(
                c => (v.data.claims[c].tags || []).includes('analysis-2')))]; }""")
        assert 0 < ok[0] < total and ok[1] is True
        w.page.check("#cg-network input[data-filter='tag'][value='analysis-1']")
        w.page.check("#cg-network input[data-filter='tag'][value='']")
        assert _shown(w) == total
        # the time slider: from the last year on, undated claims off — only edges with a
        # claim whose time reaches that year
        last = int(w.page.get_attribute("#cg-network .cg-time-from", "max") or 0)
        w.page.fill("#cg-network .cg-time-from", str(last))
        w.page.uncheck("#cg-network .cg-time-undated")
        assert f"{last} – {last}" in w.page.inner_text("#cg-network .cg-time-shown")
        ok = w.page.evaluate("""(year) => { const v = window.cgViews['cg-network'];
            const left = v.edges.get().filter(e => !e.hidden);
            return [left.length, left.every(e => v.data.edgeInfo[e.id].claims.some(c => {
              const s = v.data.claims[c].span || [null, null];
              return v.data.claims[c].time && (!s[1] || +s[1].slice(0, 4) >= year); }))]; }""",
                             last)
        assert 0 < ok[0] < total and ok[1] is True
        w.page.screenshot(path=str(ARTIFACTS / "bundled-network-time.png"))
        w.clean()
    finally:
        w.close()


SHOWN_CLAIMS = """([view, key]) => { const v = window.cgViews[view];
    const left = v.edges.get().filter(e => !e.hidden);
    return {edges: left.length, values: left.map(e => v.data.edgeInfo[e.id].claims.map(
      c => [].concat(v.data.claims[c][key] || ''))) }; }"""
"""Per shown edge, per claim of it, the values of one field of the claim record."""


def _only(w: Watch, view: str, key: str, keep: str) -> None:
    """Uncheck every row of filter ``key`` but ``keep`` (opening the fold of a long list)."""
    fold = w.page.locator(f"#{view} details.cg-fold:has(input[data-filter='{key}'])")
    if fold.count():
        fold.locator("summary").click()
    boxes = w.page.locator(f"#{view} input[data-filter='{key}']")
    for i in range(boxes.count()):
        if boxes.nth(i).get_attribute("value") != keep:
            boxes.nth(i).uncheck()


def _check_all(w: Watch, view: str, key: str) -> None:
    boxes = w.page.locator(f"#{view} input[data-filter='{key}']")
    for i in range(boxes.count()):
        boxes.nth(i).check()


def test_filter_by_claimant(browser: Any, bundled: Any) -> None:
    index, _data = bundled
    w = Watch(browser, 1600, 1000)
    try:
        w.open(index.parent / "network.html")

        total = _shown(w)
        # who says it: only the customs data — every edge left has a claim it makes
        _only(w, "cg-network", "claimant", "customs-data")
        left = w.page.evaluate(SHOWN_CLAIMS, ["cg-network", "claimant_id"])
        assert 0 < left["edges"] == _shown(w) < total
        assert all(any(c == ["customs-data"] for c in e) for e in left["values"])
        _check_all(w, "cg-network", "claimant")
        assert _shown(w) == total
        # every claim of the bundled case quotes the article: no source filter to offer
        assert w.page.locator("#cg-network input[data-filter='source']").count() == 0
        w.clean()
    finally:
        w.close()


def test_casebook_network_switches_the_who_says_it_layer(browser: Any, bundled: Any) -> None:
    index, _data = bundled
    w = Watch(browser, 1600, 1000)
    try:
        w.open(index.parent / "network.html")

        def says() -> list[bool]:
            hidden: list[bool] = w.page.evaluate("""() => { const v = window.cgViews['cg-network'];
                return v.edges.get().filter(e => v.data.edgeInfo[e.id].layer === 'claimants')
                                    .map(e => !!e.hidden); }""")
            return hidden

        box = w.page.locator("#cg-network input[data-filter='layer'][value='claimants']")
        assert box.count() == 1 and not box.is_checked()  # drawn, off until asked for
        assert says() and all(says())
        total = _shown(w)
        box.check()
        assert not any(says())
        assert _shown(w) == \
            total + len(says())
        # a claimant that is only a source (the customs data) is a node of that layer
        assert w.page.evaluate("""() => { const v = window.cgViews['cg-network'];
            const n = v.nodes.get('customs-data'); return !!n && !n.hidden; }""")
        w.page.screenshot(path=str(ARTIFACTS / "bundled-network-claimants.png"))
        box.uncheck()
        assert all(says())
        w.clean()
    finally:
        w.close()


@pytest.fixture(scope="module")
def rated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The network page of the verdicts fixture, claims rated misleading kept in view."""
    tmp = tmp_path_factory.mktemp("rated")
    store = open_store(tmp / "store")
    try:
        cid = build_case(Path(__file__).parent / "fixtures" / "cases" / "verdicts",
                         store).case_id
        data = load_view_data(store, cid, timeline=False)
    finally:
        store.close()
    view = network_view(data, filters=replace(VIEW_FILTERS, include_rated=True), summary=False)
    return view.save(tmp / "network.html")


def test_filter_by_verdict_rating_and_source(browser: Any, rated: Path) -> None:
    w = Watch(browser, 1400, 900)
    try:
        w.open(rated)

        total = _shown(w, "cg-view")
        labels = w.page.locator("#cg-view .cg-filter-rating label").all_inner_texts()
        assert [t.strip() for t in labels] == ["Misleading", "Mostly true", "Unproven",
                                               "(no verdict)"]
        # no misleading claim: the edge only a misleading claim makes is gone
        w.page.uncheck("#cg-view input[data-filter='rating'][value='misleading']")
        left = w.page.evaluate(SHOWN_CLAIMS, ["cg-view", "rating"])
        assert 0 < left["edges"] == _shown(w, "cg-view") < total
        assert all(any(c != ["misleading"] for c in e) for e in left["values"])
        # only the claims a fact-checker rated: every edge left has one
        w.page.uncheck("#cg-view input[data-filter='rating'][value='']")
        left = w.page.evaluate(SHOWN_CLAIMS, ["cg-view", "rating"])
        assert 0 < left["edges"] == _shown(w, "cg-view")
        assert all(any(c[0] in ("mostly_true", "unproven") for c in e) for e in left["values"])
        _check_all(w, "cg-view", "rating")
        assert _shown(w, "cg-view") == total
        # the sources quoted: only the MFA's briefing
        _only(w, "cg-view", "source", "mfa-briefing")
        left = w.page.evaluate(SHOWN_CLAIMS, ["cg-view", "sources"])
        assert 0 < left["edges"] == _shown(w, "cg-view") < total
        assert all(any("mfa-briefing" in c for c in e) for e in left["values"])
        _check_all(w, "cg-view", "source")
        assert _shown(w, "cg-view") == total
        w.clean()
    finally:
        w.close()


def test_why_path_picked_in_the_page_and_opened_by_the_command(browser: Any, bundled: Any,
                                                              tmp_path: Path) -> None:
    index, data = bundled
    w = Watch(browser, 1600, 1000)
    try:
        w.open(index.parent / "network.html")
        w.page.select_option("#cg-network .cg-why-from", "pla")
        w.page.select_option("#cg-network .cg-why-to", "russia")
        w.page.click("#cg-network .cg-why-go")
        path = (w.page.get_attribute("#cg-network", "data-why") or "").split(">")
        assert path[0] == "pla" and path[-1] == "russia" and len(path) >= 3
        panel = w.page.inner_text("#cg-network .cg-details")
        assert panel.startswith("Why:") and "Denied" not in panel  # a denial links nothing
        assert w.page.locator("#cg-network .cg-details li.cg-claim").count() >= len(path) - 1
        w.page.click("#cg-network .cg-why-clear")
        assert w.page.get_attribute("#cg-network", "data-why") is None
        # view --why: the page opens with the strongest path of `why -u` highlighted
        v = network_view(data, why=("PLA", "russia"))
        page = v.save(tmp_path / "why.html")
        w.open(page)
        first = v.graph.meta["why"]["paths"][0]
        assert w.page.get_attribute("#cg-view", "data-why") == ">".join(first)
        w.page.screenshot(path=str(ARTIFACTS / "bundled-network-why.png"))
        w.clean()
    finally:
        w.close()


def test_summary_of_a_large_network_says_what_it_left_out(browser: Any, generated: Any,
                                                          tmp_path: Path) -> None:
    v = network_view(generated, summary=True)
    g = v.graph
    assert g.kind == "summary"
    communities = [n for n in g.nodes if n["kind"] == "community"]
    assert communities and len(g.nodes) <= 60 + 30
    page = v.save(tmp_path / "summary.html")
    w = Watch(browser, 1600, 1000)
    try:
        w.open(page)
        notes = w.page.inner_text("#cg-view .cg-notes")
        assert "A summary" in notes and "Left out" in notes
        assert overlapping(label_boxes(w.page, "cg-view")["boxes"]) == []
        # a community lists its members when clicked
        w.page.evaluate(f"window.cgViews['cg-view'].select({communities[0]['id']!r})")
        assert "Collapsed:" in w.page.inner_text("#cg-view .cg-details")
        w.page.screenshot(path=str(ARTIFACTS / "generated-summary.png"))
        w.clean()
    finally:
        w.close()
