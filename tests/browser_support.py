"""What the browser tests share: a real headless Chromium (Debian's), driven by Playwright,
and pages whose console errors, dialogs and requests off file:// are recorded.

Skipped when Chromium is missing, unless CLAIMGRAPH_REQUIRE_BROWSER=1 (then they fail).
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimgraph.graph.build import build_case
from claimgraph.graph.store import open_store
from claimgraph.graph.views import load_view_data, write_site

__all__ = ["ARGS", "ARTIFACTS", "BUNDLED", "CHROMIUM", "EDGE_LABEL_BOXES", "HOSTILE", "LABEL_BOXES",
           "Watch", "browser", "build_site", "bundled", "edge_label_boxes", "hostile", "inside",
           "label_boxes", "overlapping"]

REPO = Path(__file__).parent.parent
BUNDLED = REPO / "cases" / "china-russia-nitrocellulose"
HOSTILE = Path(__file__).parent / "fixtures" / "cases" / "hostile"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("CLAIMGRAPH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

LABEL_BOXES = """(view) => { const v = window.cgViews[view], net = v.network, out = [];
  for (const id of v.nodes.getIds()) {
    const n = net.body.nodes[id];
    if (!n || v.nodes.get(id).hidden || !n.labelModule.elementOptions.label) continue;
    const s = n.labelModule.size;
    out.push({id: id, x: s.left, y: s.top, w: s.width, h: s.height,
              font: n.labelModule.fontOptions.size});
  }
  return {boxes: out, scale: net.getScale()}; }"""
"""The node labels vis-network drew in one view (canvas units; ``font`` at zoom 1) and the
zoom: evaluated with the view's DOM id."""


EDGE_LABEL_BOXES = """(view) => { const v = window.cgViews[view], net = v.network, out = [];
  for (const id of v.edges.getIds()) {
    const e = net.body.edges[id];
    if (!e || v.edges.get(id).hidden || !e.labelModule.elementOptions.label) continue;
    const s = e.labelModule.size;
    out.push({id: id, x: s.left, y: s.top, w: s.width, h: s.height,
              font: e.labelModule.fontOptions.size});
  }
  for (const l of v.data.edgeLabels || [])  // the labels placed in Python, drawn by our script
    out.push({id: l.edge, x: l.x - l.w / 2, y: l.y - l.h / 2, w: l.w, h: l.h, font: 15});
  const shapes = v.nodes.getIds().filter(id => !v.nodes.get(id).hidden).map(id => {
    const b = net.getBoundingBox(id);
    return {id: id, x: b.left, y: b.top, w: b.right - b.left, h: b.bottom - b.top}; });
  const c = net.body.container.getBoundingClientRect();
  const tl = net.DOMtoCanvas({x: 0, y: 0}), br = net.DOMtoCanvas({x: c.width, y: c.height});
  return {labels: out, nodes: shapes, scale: net.getScale(),
          canvas: {x: tl.x, y: tl.y, w: br.x - tl.x, h: br.y - tl.y}}; }"""
"""The edge labels one view writes (vis-network's own and those placed in Python), the
boxes of its nodes (shape and label), the zoom and the visible canvas (canvas units)."""


def edge_label_boxes(page: Any, view: str) -> dict[str, Any]:
    """``{"labels": [...], "nodes": [...], "scale": zoom, "canvas": box}`` of ``view``."""
    result: dict[str, Any] = page.evaluate(EDGE_LABEL_BOXES, view)
    return result


def inside(box: dict[str, Any], frame: dict[str, Any]) -> bool:
    """Whether ``box`` lies wholly in ``frame`` (both ``x``, ``y``, ``w``, ``h``)."""
    return (box["x"] >= frame["x"] and box["y"] >= frame["y"]
            and box["x"] + box["w"] <= frame["x"] + frame["w"]
            and box["y"] + box["h"] <= frame["y"] + frame["h"])


def label_boxes(page: Any, view: str) -> dict[str, Any]:
    """``{"boxes": [{id, x, y, w, h, font}], "scale": zoom}`` of the labels drawn in ``view``."""
    result: dict[str, Any] = page.evaluate(LABEL_BOXES, view)
    return result


def overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The pairs of boxes (``x``, ``y``, ``w``, ``h``) that overlap."""
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
                    and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]):
                out.append((a["id"], b["id"]))
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    required = os.environ.get("CLAIMGRAPH_REQUIRE_BROWSER") == "1"
    if not Path(CHROMIUM).exists():
        if required:
            pytest.fail(f"Chromium not found at {CHROMIUM} and CLAIMGRAPH_REQUIRE_BROWSER=1")
        pytest.skip(f"Chromium not found at {CHROMIUM} (set CLAIMGRAPH_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        if required:
            raise
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """A page whose console errors, page errors, dialogs and non-file requests are recorded."""

    def __init__(self, browser: Any, width: int = 1400, height: int = 900) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"{m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri())
        for net_id in self.page.eval_on_selector_all(".cg-net", "ns => ns.map(n => n.id)"):
            self.page.wait_for_selector(f'#{net_id}[data-ready="1"]', timeout=30_000)

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.external == [], self.external
        assert self.dialogs == [], self.dialogs

    def close(self) -> None:
        self.context.close()


def build_site(case_dir: Path, out: Path) -> tuple[Path, Any]:
    """Build a case into a store next to ``out`` and write its casebook there."""
    store = open_store(out.parent / f"store-{case_dir.name}")
    try:
        case_id = build_case(case_dir, store).case_id
        data = load_view_data(store, case_id)
    finally:
        store.close()
    return write_site(data, out), data


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The bundled case's casebook: (index page, its ViewData)."""
    return build_site(BUNDLED, tmp_path_factory.mktemp("bundled") / "site")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The hostile fixture case's casebook: (index page, its ViewData)."""
    return build_site(HOSTILE, tmp_path_factory.mktemp("hostile") / "site")
