"""Views and casebook in a real headless Chromium (Debian's), driven by Playwright.

Skipped when Chromium is missing, unless CLAIMGRAPH_REQUIRE_BROWSER=1 (then they fail).
Every request that does not stay on file:// is aborted and recorded; pages must log no
console error; hostile case content must show as text and run nothing. Screenshots go to
tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from browser_support import ARTIFACTS, Watch, browser, bundled, hostile

from claimgraph.graph.views import network_view
from claimgraph.graph.views.project import VIEW_FILTERS

pytestmark = pytest.mark.browser
__all__ = ["browser", "bundled", "hostile"]  # fixtures, imported from browser_support


def _click_node(w: Watch, view: str, node: str) -> None:
    """Click a node where vis-network draws it."""
    pos = w.page.evaluate(
        """([v, n]) => { const net = window.cgViews[v].network;
             const p = net.getPosition(n); const d = net.canvasToDOM(p);
             const r = document.querySelector('#' + v + ' .cg-canvas').getBoundingClientRect();
             return [r.left + d.x, r.top + d.y]; }""", [view, node])
    w.page.mouse.click(pos[0], pos[1])


def test_every_page_of_the_bundled_casebook_loads_clean(browser: Any, bundled: Any) -> None:
    index, _ = bundled
    root = index.parent
    w = Watch(browser)
    try:
        pages = sorted(root.rglob("*.html"))
        assert len(pages) > 20
        for page in pages:
            w.open(page)
            assert w.page.title(), page
        w.clean()
    finally:
        w.close()


def test_network_view_draws_searches_and_clicks(browser: Any, bundled: Any) -> None:
    index, data = bundled
    ARTIFACTS.mkdir(exist_ok=True)
    w = Watch(browser, 1600, 1000)
    try:
        w.open(index.parent / "network.html")
        # the casebook draws the who-says-it layer too, switched off: what shows first is
        # the network view's nodes
        expected = len(network_view(data).graph.nodes)
        layered = len(network_view(data, filters=replace(VIEW_FILTERS, claimants=True))
                      .graph.nodes)
        drawn = w.page.evaluate("window.cgViews['cg-network'].nodes.length")
        shown = w.page.evaluate(
            "window.cgViews['cg-network'].nodes.get({filter: n => !n.hidden}).length")
        assert (drawn, shown) == (layered, expected) and layered > expected
        on_canvas = w.page.evaluate(
            "Object.keys(window.cgViews['cg-network'].network.body.nodes).length")
        assert on_canvas >= expected
        w.page.screenshot(path=str(ARTIFACTS / "bundled-network.png"))
        # search by name: the matches are listed and selected
        w.page.fill("#cg-network .cg-search", "Russia")
        hits = w.page.locator("#cg-network .cg-hit")
        assert hits.count() >= 1
        selected = w.page.evaluate("window.cgViews['cg-network'].network.getSelectedNodes()")
        assert "russia" in selected
        # a click on a node shows its claims, with links to their pages
        w.page.fill("#cg-network .cg-search", "")
        _click_node(w, "cg-network", "china")
        panel = w.page.locator("#cg-network .cg-details")
        assert "China" in panel.inner_text()
        assert panel.locator("a[href^='claims/']").count() > 3
        assert w.page.get_attribute("#cg-network", "data-selected") == "china"
        # a click on an edge lists the claims of its subject-predicate-object, with the
        # analytics' weight of the link
        w.page.evaluate("window.cgViews['cg-network'].network.fit({animation: false})")
        target = w.page.evaluate(
            """() => { const v = window.cgViews['cg-network'], net = v.network;
                 const r = document.querySelector('#cg-network .cg-canvas').getBoundingClientRect();
                 for (const e of v.data.edges) {
                   const info = v.data.edgeInfo[e.id];
                   if (e.smooth || info.claims.length < 2) continue;
                   const a = net.getPosition(e.from), b = net.getPosition(e.to);
                   const d = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
                   // a point on this edge alone: no node and no other edge within 8 px
                   const around = [[0, 0], [8, 0], [-8, 0], [0, 8], [0, -8]].map(
                     ([dx, dy]) => ({x: d.x + dx, y: d.y + dy}));
                   if (net.getEdgeAt(d) === e.id
                       && around.every(q => net.getNodeAt(q) === undefined
                                            && [e.id, undefined].includes(net.getEdgeAt(q))))
                     return {id: e.id, n: info.claims.length, weight: info.weight,
                             x: r.left + d.x, y: r.top + d.y};
                 } return null; }""")
        assert target, "no multi-claim edge to click"
        w.page.mouse.click(target["x"], target["y"])
        assert w.page.get_attribute("#cg-network", "data-selected") == target["id"]
        assert panel.locator("li.cg-claim a[href^='claims/']").count() == target["n"]
        assert f"evidence weight {target['weight']}" in panel.inner_text()
        # filters hide what they should (a long list of kinds is folded: open it)
        w.page.click("#cg-network details.cg-fold summary:has-text('Kinds')")
        w.page.uncheck("#cg-network input[data-filter='kind'][value='state']")
        hidden = w.page.evaluate(
            "window.cgViews['cg-network'].nodes.get('china').hidden")
        assert hidden is True
        w.page.screenshot(path=str(ARTIFACTS / "bundled-network-filtered.png"))
        w.clean()
    finally:
        w.close()


def test_claim_page_and_table_filter(browser: Any, bundled: Any) -> None:
    index, data = bundled
    ARTIFACTS.mkdir(exist_ok=True)
    w = Watch(browser, 1400, 1400)
    try:
        claim = next(c.id for c in sorted(data.case.claims, key=lambda c: c.id)
                     if c.quantity and c.evidence)
        w.open(index.parent / "claims" / f"{claim}.html")
        assert w.page.locator("mark.cg-mark").count() >= 1
        w.page.screenshot(path=str(ARTIFACTS / "bundled-claim.png"))
        w.open(index)
        total = w.page.locator("#claims tbody tr").count()
        w.page.fill(".cg-table-search", "nitrocellulose")
        shown = w.page.locator("#claims tbody tr:visible").count()
        assert 0 < shown < total
        w.clean()
    finally:
        w.close()


def test_hostile_case_runs_nothing(browser: Any, hostile: Any) -> None:
    index, _ = hostile
    ARTIFACTS.mkdir(exist_ok=True)
    w = Watch(browser)
    try:
        for page in sorted(index.parent.rglob("*.html")):
            w.open(page)
            # hover and click everything that is drawn
            for view in w.page.eval_on_selector_all(".cg-net", "ns => ns.map(n => n.id)"):
                nodes = w.page.evaluate(f"window.cgViews['{view}'].nodes.getIds()")
                for n in nodes:
                    _click_node(w, view, n)
                    w.page.mouse.move(5, 5)
            for link in w.page.locator("mark a, .cg-details a").all()[:5]:
                link.hover()
            assert w.page.evaluate("typeof window.__pwned") == "undefined", page
        w.open(index.parent / "entities" / "evil-state.html")
        assert "<script>window.__pwned=1</script>Evilstan" in w.page.inner_text("h1")
        w.page.screenshot(path=str(ARTIFACTS / "hostile-entity.png"), full_page=True)
        w.open(index.parent / "network.html")
        w.page.fill("#cg-network .cg-search", "evilstan")
        assert w.page.locator("#cg-network .cg-hit").count() == 1
        assert "<script>" in w.page.locator("#cg-network .cg-hit").inner_text()
        _click_node(w, "cg-network", "quote-corp")
        assert 'onmouseover="window.__pwned=1"' in w.page.inner_text("#cg-network .cg-details")
        # the tooltip is our own element, filled with text
        pos = w.page.evaluate(
            """() => { const net = window.cgViews['cg-network'].network;
                 const d = net.canvasToDOM(net.getPosition('evil-state'));
                 const r = document.querySelector('#cg-network .cg-canvas').getBoundingClientRect();
                 return [r.left + d.x, r.top + d.y]; }""")
        w.page.mouse.move(pos[0] - 30, pos[1] - 30)
        w.page.mouse.move(pos[0], pos[1], steps=5)
        w.page.wait_for_selector("#cg-network .cg-tip:not([hidden])", timeout=5000)
        tip = w.page.locator("#cg-network .cg-tip")
        assert "<script>window.__pwned=1</script>Evilstan" in tip.inner_text()
        assert tip.locator("script, img").count() == 0
        # live physics can be switched on and off in a small view
        w.page.check("#cg-network .cg-physics")
        w.page.wait_for_timeout(400)
        w.page.uncheck("#cg-network .cg-physics")
        w.page.screenshot(path=str(ARTIFACTS / "hostile-network.png"))
        assert w.page.evaluate("typeof window.__pwned") == "undefined"
        w.clean()
    finally:
        w.close()


def test_standalone_view_and_notebook_iframe(browser: Any, hostile: Any, tmp_path: Path) -> None:
    _, data = hostile
    v = network_view(data)
    page = v.save(tmp_path / "view.html")
    (tmp_path / "nb.html").write_text(
        "<!DOCTYPE html><html><body>" + v._repr_html_() + "</body></html>", "utf-8")
    w = Watch(browser)
    try:
        w.open(page)
        assert w.page.evaluate("window.cgViews['cg-view'].nodes.length") == len(v.graph.nodes)
        w.page.goto((tmp_path / "nb.html").as_uri())
        frame = w.page.frames[1]
        frame.wait_for_selector('#cg-view[data-ready="1"]', timeout=30_000)
        assert frame.evaluate("window.cgViews['cg-view'].nodes.length") == len(v.graph.nodes)
        assert w.page.evaluate("typeof window.__pwned") == "undefined"
        assert frame.evaluate("typeof window.__pwned") == "undefined"
        w.clean()
    finally:
        w.close()
