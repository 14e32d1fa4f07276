"""What the view benchmarks share: open a page in headless Chromium (Debian's, driven by
Playwright) from file:// with every other request aborted, and time until its network view
is drawn (``data-ready``). The browser settings and the label measurement are the browser
tests' own (``tests/browser_support.py``), so a benchmark measures what the tests hold.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import ARGS, CHROMIUM, label_boxes, overlapping

__all__ = ["Drawn", "available", "drawn_page", "label_overlaps"]


def available() -> bool:
    """True when Chromium is installed where the browser tests look for it."""
    return Path(CHROMIUM).exists()


@dataclass
class Drawn:
    """An open page: ``seconds`` from navigation until the view was drawn; ``external``
    the requests off file:// (aborted)."""

    page: Any
    seconds: float
    started: float
    external: list[str] = field(default_factory=list)


@contextmanager
def drawn_page(path: Path, *, width: int = 1600, height: int = 1000, view: str = "cg-view",
               timeout_ms: int = 120_000) -> Iterator[Drawn]:
    """Open ``path`` in a fresh headless Chromium and wait until ``#view`` is drawn."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            ctx = browser.new_context(viewport={"width": width, "height": height})
            external: list[str] = []
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                      else (external.append(r.request.url), r.abort()))
            pg = ctx.new_page()
            t0 = time.perf_counter()
            pg.goto(path.resolve().as_uri())
            pg.wait_for_selector(f'#{view}[data-ready="1"]', timeout=timeout_ms)
            yield Drawn(pg, time.perf_counter() - t0, t0, external)
        finally:
            browser.close()


def label_overlaps(page: Any, view: str = "cg-view") -> tuple[int, int]:
    """(node labels drawn, pairs of them overlapping) in ``view``, as the browser tests
    measure them."""
    boxes = label_boxes(page, view)["boxes"]
    return len(boxes), len(overlapping(boxes))
