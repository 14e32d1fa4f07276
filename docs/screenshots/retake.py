"""Retake the README's screenshots of the bundled case (and of a generated case's summary)
in headless Chromium, the same way each time.

    .venv/bin/python docs/screenshots/retake.py          # writes docs/screenshots/*.png and
                                                           # cases/china-russia-nitrocellulose/screenshots/*.png

Builds the bundled case into a temporary store, writes its casebook and views, and shoots
each page as a reader first sees it (the motives matrix with one cell clicked, the network
zoomed on one region with China selected, ...). Look at every PNG after retaking them.
The layered motives design (``motives-layered-rejected.png``) is no longer drawn by the
code and is kept as it was.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from casegen import generate_case  # noqa: E402

from claimgraph.graph.build import build_case  # noqa: E402
from claimgraph.graph.store import open_store  # noqa: E402
from claimgraph.graph.views import load_view_data, network_view, write_site  # noqa: E402

DOCS = REPO / "docs" / "screenshots"
CASE_SHOTS = REPO / "cases" / "china-russia-nitrocellulose" / "screenshots"
CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="retake-") as tmp_name:
        tmp = Path(tmp_name)
        store = open_store(tmp / "store")
        cid = build_case(REPO / "cases" / "china-russia-nitrocellulose", store).case_id
        data = load_view_data(store, cid)
        store.close()
        site = write_site(data, tmp / "site").parent
        why = network_view(data, why=("PLA", "russia")).save(tmp / "why.html")
        gen = generate_case(tmp / "gen", n_claims=3000, n_entities=800, n_sources=60,
                            fmt="jsonl", seed=13)
        store = open_store(tmp / "gen-store")
        gdata = load_view_data(store, build_case(gen, store).case_id)
        store.close()
        summary = network_view(gdata).save(tmp / "summary.html")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu"])

            def page(path: Path, width: int, height: int):  # type: ignore[no-untyped-def]
                pg = browser.new_page(viewport={"width": width, "height": height})
                pg.set_default_timeout(120_000)
                pg.goto(path.as_uri())
                for net in pg.eval_on_selector_all(".cg-net", "ns => ns.map(n => n.id)"):
                    pg.wait_for_selector(f'#{net}[data-ready="1"]', timeout=60_000)
                return pg

            pg = page(site / "network.html", 1600, 1000)
            pg.screenshot(path=str(CASE_SHOTS / "network.png"))
            pg.evaluate("""() => { const v = window.cgViews['cg-network'];
                const r = v.data.regions.find(r => r.members.includes('china'));
                const ps = r.members.map(m => v.network.getPosition(m));
                const x = ps.reduce((a, p) => a + p.x, 0) / ps.length;
                const y = ps.reduce((a, p) => a + p.y, 0) / ps.length;
                v.network.moveTo({position: {x: x, y: y}, scale: 0.85, animation: false}); }""")
            pg.wait_for_timeout(300)
            pg.screenshot(path=str(DOCS / "network-detail.png"))
            pg = page(why, 1600, 1000)
            pg.screenshot(path=str(DOCS / "network-why.png"))
            pg = page(summary, 1600, 1000)
            pg.screenshot(path=str(DOCS / "network-summary.png"))
            pg = page(site / "claims" / "nc-exports-2023.html", 1100, 900)
            pg.screenshot(path=str(CASE_SHOTS / "claim.png"), full_page=True)
            pg = page(site / "claims" / "nc-exports-2022.html", 1400, 900)
            pg.locator("#cg-prov").screenshot(path=str(DOCS / "provenance.png"))
            pg = page(site / "motives.html", 1400, 1000)
            pg.locator("tr[data-actor='a1-pla-hawks'] button.cg-dot").first.click()
            pg.screenshot(path=str(DOCS / "motives.png"))
            pg = page(site / "compare.html", 1400, 1000)
            pg.screenshot(path=str(DOCS / "compare.png"))
            pg = page(site / "timeline.html", 1100, 1300)
            pg.locator("#cg-timeline-chart").screenshot(path=str(DOCS / "timeline.png"))
            browser.close()
    for shot in sorted([*DOCS.glob("*.png"), *CASE_SHOTS.glob("*.png")]):
        print(shot.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
