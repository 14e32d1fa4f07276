"""The casebook of a store (``claimgraph site --all``) in headless Chromium: the store index
(cases, shared entities, claims corroborated or disputed across cases) and the claim page's
"Across cases" section, its links followed into the other case. Nothing leaves ``file://``,
no console error. Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import ARTIFACTS, BUNDLED, Watch, browser  # noqa: F401

from claimgraph.graph.cli import main

pytestmark = pytest.mark.browser

FIX = Path(__file__).parent / "fixtures" / "crosscase"


@pytest.fixture(scope="module")
def store_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("store-site")
    store = str(base / "store")
    for case in (BUNDLED, FIX / "xcase-b", FIX / "xcase-c"):
        assert main(["--store", store, "build", str(case)]) == 0
    assert main(["--store", store, "site", "--all", "--out", str(base / "site")]) == 0
    return base / "site"


def test_store_index_lists_cases_shared_entities_and_disputes(browser: Any,  # noqa: F811
                                                              store_site: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    w = Watch(browser, 1400, 1000)
    try:
        w.open(store_site / "index.html")
        cases = w.page.locator(".cg-store-cases tbody tr td:first-child a").all_inner_texts()
        assert cases == ["china-russia-nitrocellulose", "xcase-b", "xcase-c"]
        shared = w.page.locator(".cg-store-shared tbody tr").all_inner_texts()
        assert any("Nitrocellulose" in r and "Cellulose nitrate" in r and "NC" in r
                   and "HS code 391220" in r for r in shared), shared
        row = w.page.locator(".cg-store-corroborated tbody tr:has(> td:first-child > "
                             "a:text-is('china-russia-nitrocellulose:nc-exports-2023'))")
        assert row.locator(".cg-dispute-chip").inner_text() == "disputed"
        assert row.locator("td").nth(3).inner_text().startswith("2:")
        disputes = w.page.locator(".cg-dispute").all_inner_texts()
        assert any("more than doubled" in d and "almost doubled" in d for d in disputes)
        w.page.screenshot(path=str(ARTIFACTS / "store-index.png"), full_page=True)
        # every link of the index leads to a page that exists
        for href in w.page.eval_on_selector_all("main a", "as => as.map(a => a.href)"):
            assert Path(href.removeprefix("file://")).exists(), href
        row.locator("td a").first.click()
        assert w.page.url.endswith("china-russia-nitrocellulose/claims/nc-exports-2023.html")
        w.clean()
    finally:
        w.close()


def test_claim_page_section_across_cases(browser: Any, store_site: Path) -> None:  # noqa: F811
    w = Watch(browser, 1400, 1100)
    try:
        w.open(store_site / "china-russia-nitrocellulose" / "claims" / "nc-exports-2023.html")
        section = w.page.locator("#across")
        section.scroll_into_view_if_needed()
        assert section.is_visible()
        matches = w.page.locator(".cg-across-matches tbody tr").all_inner_texts()
        assert any(m.startswith("xcase-b:b-2023\tcorroborates") for m in matches), matches
        assert any(m.startswith("xcase-c:c-2023\tcorroborates") for m in matches), matches
        assert w.page.locator("main p strong", has_text="Independent origins store-wide").inner_text() \
            == "Independent origins store-wide: 2"
        origins = w.page.locator(".cg-across-origins > li").all_inner_texts()
        assert "relayed by: Eastern Broadcaster analysis" in origins[0]
        assert "Riverside Daily; Valley Wire; Hill Town Courier" in origins[0]
        assert origins[1].startswith("Trade ministry bulletin")
        w.page.locator(".cg-across-origins").scroll_into_view_if_needed()
        w.page.screenshot(path=str(ARTIFACTS / "claim-across.png"), full_page=False)
        # the match's link opens the other case's claim page, which links back
        w.page.locator(".cg-across-matches a", has_text="xcase-b:b-2023").first.click()
        assert w.page.url.endswith("xcase-b/claims/b-2023.html")
        back = w.page.locator(".cg-across-matches a",
                              has_text="china-russia-nitrocellulose:nc-exports-2023")
        assert back.count() == 1
        assert w.page.locator("header nav a", has_text="All cases").count() == 1
        w.clean()
    finally:
        w.close()
