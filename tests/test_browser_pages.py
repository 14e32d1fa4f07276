"""The casebook pages of issue 13 in a real headless Chromium: the motives matrix, the
comparison of two analyses, the timeline chart's panels and the provenance view's colours.
Every page must log no console error, open no dialog and request nothing off file://
(:class:`browser_support.Watch`); what a reader would see is measured from the drawn page."""

from __future__ import annotations

import base64
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    ARTIFACTS,
    Watch,
    browser,
    build_site,
    bundled,
    edge_label_boxes,
    inside,
    label_boxes,
    overlapping,
)

pytestmark = pytest.mark.browser
__all__ = ["browser", "bundled"]  # fixtures, imported from browser_support

QUANTITIES = Path(__file__).parent / "fixtures" / "cases" / "quantities"


@pytest.fixture(scope="module")
def quantities(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    return build_site(QUANTITIES, tmp_path_factory.mktemp("quantities") / "site")


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["x"] < b["x"] + b["width"] - 0.5 and b["x"] < a["x"] + a["width"] - 0.5
            and a["y"] < b["y"] + b["height"] - 0.5 and b["y"] < a["y"] + a["height"] - 0.5)


def test_motives_matrix_lists_the_claims_behind_a_cell(browser: Any, bundled: Any) -> None:
    index, _ = bundled
    ARTIFACTS.mkdir(exist_ok=True)
    w = Watch(browser, 1400, 1100)
    try:
        w.open(index.parent / "motives.html")
        groups = w.page.locator("#cg-motives tr.cg-mx-group").all_inner_texts()
        assert groups[:2] == ["Analysis 1: three interlocking forces",
                              "Analysis 2: which political groups, and why"]
        headers = w.page.eval_on_selector_all(
            "#cg-motives th.cg-mx-motive > div",
            "els => els.map(e => { const r = e.getBoundingClientRect(); "
            "return {x: r.x, y: r.y, width: r.width, height: r.height}; })")
        assert len(headers) >= 10
        assert not any(_overlap(a, b) for a, b in combinations(headers, 2))
        dot = w.page.locator("tr[data-actor='a1-pla-hawks'] button.cg-dot").first
        expected = dot.get_attribute("data-claims").split()
        dot.click()
        panel = w.page.locator("#cg-motives-claims")
        assert panel.is_visible()
        links = panel.locator("li.cg-claim a[href^='claims/']")
        assert links.count() == len(expected) >= 1
        assert "PLA Hawks" in panel.locator("h3").inner_text()
        w.page.screenshot(path=str(ARTIFACTS / "bundled-motives.png"))
        w.page.click("#cg-motives-claims .cg-mx-close")
        assert not panel.is_visible()
        w.clean()
    finally:
        w.close()


def test_compare_page_puts_the_two_analyses_side_by_side(browser: Any, bundled: Any) -> None:
    index, _ = bundled
    w = Watch(browser, 1400, 1100)
    try:
        w.open(index)
        w.page.click("header nav a:text('Compare')")
        assert w.page.url.endswith("/compare.html")
        row = w.page.locator(".cg-cmp-row", has=w.page.locator(
            ".cg-cmp-card[data-group='a1-pla-hawks']"))
        assert row.locator(".cg-cmp-card[data-group='a2-ccp-hardliners']").count() == 1
        assert row.locator(".cg-cmp-rel").inner_text().strip() == "overlaps"
        left, right = row.locator(".cg-cmp-card").all()
        lb, rb = left.bounding_box(), right.bounding_box()
        assert lb and rb and lb["x"] + lb["width"] <= rb["x"]  # side by side
        agree = left.locator("li.cg-agree").all_inner_texts()
        assert any("Counterbalancing" in t and "✓ both" in t for t in agree)
        assert any("only analysis-1" in t for t in left.locator("li.cg-only").all_inner_texts())
        shared = w.page.locator(".cg-cmp-row", has=w.page.locator(
            ".cg-cmp-card[data-group='a1-left-nationalists']")).locator(".cg-cmp-rel")
        assert shared.inner_text().strip() == "overlaps"  # never "same as" (issue 12)
        overall = w.page.locator("#cg-compare-overall").inner_text()
        assert "Studying Western sanction tactics" in overall
        w.page.screenshot(path=str(ARTIFACTS / "bundled-compare.png"))
        w.clean()
    finally:
        w.close()


def _chart_svg(w: Watch, page: Path, tmp: Path) -> Path:
    """The timeline page's chart, written to a file of its own (the page shows it in <img>)."""
    w.open(page)
    src = w.page.get_attribute("#cg-timeline-chart", "src")
    assert src and src.startswith("data:image/svg+xml;base64,")
    out = tmp / f"{page.parent.parent.name}-chart.svg"
    out.write_bytes(base64.b64decode(src.split(",", 1)[1]))
    return out


_BOXES = """sel => Array.from(document.querySelectorAll(sel)).map(e => {
    const r = e.getBoundingClientRect();
    return {id: e.id, x: r.x, y: r.y, width: r.width, height: r.height}; })"""


@pytest.mark.parametrize("which", ["bundled", "quantities"])
def test_timeline_chart_panels_labels_legend(browser: Any, which: str, request: Any,
                                             tmp_path: Path) -> None:
    index, data = request.getfixturevalue(which)
    w = Watch(browser, 1200, 1000)
    try:
        svg = _chart_svg(w, index.parent / "timeline.html", tmp_path)
        w.page.goto(svg.as_uri())
        panels = w.page.evaluate(_BOXES, "[id^='cg-panel-']:not([id^='cg-panel-box'])")
        assert len(panels) == len(data.timeline.panels) >= 2
        labels = [b for b in w.page.evaluate(_BOXES, "[id^='cg-label-']") if b["width"]]
        assert len(labels) >= 4
        clash = [(a["id"], b["id"]) for a, b in combinations(labels, 2) if _overlap(a, b)]
        assert clash == []  # no label on a label
        legend = w.page.evaluate(_BOXES, "#cg-legend")[0]
        assert not any(_overlap(legend, p) for p in panels)  # the legend is off the data
        if which == "quantities":  # an open end runs from its known end to the panel's edge
            arrow = w.page.evaluate(_BOXES, "#cg-open-cel-since-2022")[0]
            box = next(p for p in panels if p["y"] <= arrow["y"] <= p["y"] + p["height"])
            assert abs(arrow["x"] + arrow["width"] - (box["x"] + box["width"])) < 4
            assert arrow["x"] > box["x"] + box["width"] * 0.5  # it starts at 2022, not before
        w.page.screenshot(path=str(ARTIFACTS / f"{which}-timeline-chart.png"))
        w.open(index.parent / "timeline.html")
        assert w.page.locator("#cg-timeline tbody tr").count() == len(data.timeline.rows)
        w.clean()
    finally:
        w.close()


def test_provenance_view_colours_edges_by_relation_and_dims_other_sources(
        browser: Any, bundled: Any) -> None:
    index, _ = bundled
    w = Watch(browser)
    try:
        w.open(index.parent / "claims" / "nc-exports-2022.html")
        got = w.page.evaluate("""() => { const v = window.cgViews['cg-prov'];
            const legend = {}; v.data.legend.predicates.forEach(p => legend[p.id] = p.color);
            return {legend: legend,
                    statuses: v.data.legend.statuses.map(s => s.edgeColor),
                    edges: v.data.edges.map(e => [v.data.edgeInfo[e.id].predicate, e.color.color]),
                    kinds: Object.fromEntries(Object.entries(v.data.nodeInfo)
                                              .map(([k, n]) => [k, n.kind]))}; }""")
        assert got["edges"] and all(got["legend"][p] == c for p, c in got["edges"])
        assert {p for p, _ in got["edges"]} >= {"ev_supports", "quoted_from", "cites",
                                                 "cites_other"}
        assert got["statuses"] == [None] * len(got["statuses"])  # no status colour claimed
        assert got["kinds"]["source:customs-data"] == "source_basis"
        assert got["kinds"]["source:article"] == "source"
        assert got["kinds"]["source:western-intelligence-reports"] == "source_other"
        # every node label reads at ≥ 11 px at the page's default zoom, and none covers another
        measured = label_boxes(w.page, "cg-prov")
        assert len(measured["boxes"]) == len(got["kinds"])
        small = [(b["id"], round(b["font"] * measured["scale"], 1)) for b in measured["boxes"]
                 if b["font"] * measured["scale"] < 11]
        assert small == []
        assert overlapping(measured["boxes"]) == []
        # the edges' labels ("supports", "quoted from", "cites") read at ≥ 11 px too, in the
        # gap between two layers: none lies on a node, a node's label or another edge label
        edges = edge_label_boxes(w.page, "cg-prov")
        assert len(edges["labels"]) == len(got["edges"])
        assert [x["id"] for x in edges["labels"] if x["font"] * edges["scale"] < 11] == []
        assert overlapping(edges["labels"] + edges["nodes"] + measured["boxes"]) \
            == overlapping(edges["nodes"] + measured["boxes"])  # no pair with an edge label
        assert all(inside(b, edges["canvas"]) for b in edges["labels"] + edges["nodes"])
        w.page.locator("#cg-prov").screenshot(path=str(ARTIFACTS / "provenance.png"))
        w.clean()
    finally:
        w.close()


def test_entity_view_keeps_neighbours_labels_apart(browser: Any, bundled: Any) -> None:
    """China's page: 20 neighbours around it, none of their labels on another's, the edges'
    written labels on no node and inside the canvas; only edges of several claims are
    labelled from the start (the others when a node is selected)."""
    index, _ = bundled
    w = Watch(browser)
    try:
        w.open(index.parent / "entities" / "china.html")
        nodes = label_boxes(w.page, "cg-ego")
        assert len(nodes["boxes"]) > 15
        assert overlapping(nodes["boxes"]) == []
        edges = edge_label_boxes(w.page, "cg-ego")
        assert edges["labels"] and overlapping(edges["labels"]) == []
        assert overlapping(edges["labels"] + edges["nodes"]) == overlapping(edges["nodes"])
        assert all(inside(b, edges["canvas"]) for b in edges["labels"] + edges["nodes"])
        written = w.page.evaluate("""() => window.cgViews['cg-ego'].data.edgeLabels
            .map(l => l.text)""")
        assert all("claims)" in t for t in written)  # several claims each
        assert min(b["font"] for b in nodes["boxes"]) * nodes["scale"] >= 9.5
        w.page.locator("#cg-ego").screenshot(path=str(ARTIFACTS / "entity-china.png"))
        w.clean()
    finally:
        w.close()
