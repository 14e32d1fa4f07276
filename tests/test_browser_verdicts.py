"""Who said it, notes, challenges, ratings and the one count, seen in headless Chromium.

Uses the browser and the page watcher of ``test_browser_views`` (no request leaves
``file://``, no console error). Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import ARTIFACTS, BUNDLED, Watch, browser  # noqa: F401
from browser_support import build_site as _site

from claimgraph.graph.provenance.auditcounts import GROUPS

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures" / "cases"


@pytest.fixture(scope="module")
def attribution(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    return _site(FIXTURES / "attribution", tmp_path_factory.mktemp("attribution") / "site")


@pytest.fixture(scope="module")
def scope_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    return _site(FIXTURES / "conflict-scope", tmp_path_factory.mktemp("scope") / "site")


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    return _site(BUNDLED, tmp_path_factory.mktemp("bundled-verdicts") / "site")


def test_claim_page_reads_who_said_it_with_the_note(browser: Any,  # noqa: F811
                                                    attribution: Any) -> None:
    index, _ = attribution
    ARTIFACTS.mkdir(exist_ok=True)
    w = Watch(browser, 1400, 1100)
    try:
        w.open(index.parent / "claims" / "weapons-relayed.html")
        reading = w.page.locator(".cg-reading").first
        assert reading.is_visible()
        assert reading.inner_text() == (
            "Who said it: Lin Jian, via Chinese Foreign Ministry statement (April 2025) (not "
            "captured), quoted in The Weekly Review article")
        chip = w.page.locator("main p .cg-note").first
        assert chip.is_visible() and chip.inner_text() == "Upstream not captured"
        # the chip sits beside the status badge, which it does not change
        assert w.page.locator("main p .cg-badge").first.inner_text() == "Denied"
        assert chip.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
        w.page.screenshot(path=str(ARTIFACTS / "attribution-claim.png"), full_page=True)
        w.open(index)
        row = w.page.locator("#claims tbody tr", has_text="MFA statement")
        assert row.locator(".cg-note").inner_text() == "Upstream not captured"
        w.clean()
    finally:
        w.close()


def test_challenges_show_beside_both_claims(browser: Any, scope_site: Any) -> None:  # noqa: F811
    index, _ = scope_site
    w = Watch(browser)
    try:
        w.open(index.parent / "claims" / "no-lethal-weapons.html")
        section = w.page.locator("h2#challenges + p + ul")
        assert section.inner_text().strip() == (
            "challenged by Whatever its label, nitrocellulose feeds Russia's shell production.")
        section.locator("a").click()
        assert w.page.url.endswith("claims/nc-feeds-shells.html")
        assert "challenges China has never supplied lethal weapons to Russia." in \
            w.page.locator("h2#challenges + p + ul").inner_text()
        assert w.page.locator("main p .cg-badge").first.inner_text() == "Single origin"
        w.clean()
    finally:
        w.close()


def test_index_counts_say_what_they_count(browser: Any, bundled_site: Any) -> None:  # noqa: F811
    index, _ = bundled_site
    ARTIFACTS.mkdir(exist_ok=True)
    w = Watch(browser, 1400, 1300)
    try:
        w.open(index)
        text = w.page.inner_text("main")
        for label in GROUPS.values():
            assert label in text
        tiles = w.page.locator("[data-group='by-status'] [data-count]")
        total = sum(int(t.locator("strong").inner_text()) for t in tiles.all())
        assert total == 168
        assert "Claims by evidence status — each claim once: 168" in text
        w.page.screenshot(path=str(ARTIFACTS / "bundled-index.png"))
        w.open(index.parent / "audit.html")
        assert "Upstream not captured (16)" in w.page.inner_text("main")  # issue 12: relays
        w.clean()
    finally:
        w.close()
