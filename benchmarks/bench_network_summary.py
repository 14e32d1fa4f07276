"""Benchmark the summary view of a large store (issue 13: generated in under 10 s at 100,000
claims, drawn in under 5 s in headless Chromium).

1. Build a generated case (benchmarks/casegen.py; default 5,000 entities / 100,000 claims /
   10,000 sources) into an on-disk store, or reuse one (``--store``).
2. Read it back as the ``view`` command does (``load_view_data``: the full case and its
   assessment) — timed on its own line: reading is not the view.
3. Time the view's generation from the read data, step by step: the projection (claim
   graph, aggregated graph), the summary (the entities with the most evidence, communities
   of the others), the layout (regions, labels pushed apart) and the page. Target < 10 s.
4. Open the page in headless Chromium from file:// (every other request aborted) and time
   until the network is drawn (``data-ready``); count overlapping node labels there.
   Target < 5 s.

Run: ``.venv/bin/python benchmarks/bench_network_summary.py [--store /tmp/big-store]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casegen import add_size_arguments, generate_case

from claimgraph.graph.analytics.projection import aggregate_graph, claim_graph
from claimgraph.graph.analytics.summary import summarise
from claimgraph.graph.build import build_case
from claimgraph.graph.store import open_store
from claimgraph.graph.views import ViewData, load_view_data, network_view
from claimgraph.graph.views.claiminfo import status_map
from claimgraph.graph.views.project import VIEW_FILTERS
from claimgraph.graph.views.styles import load_view_styles
from claimgraph.schema.caseload import load_case_folder

CHROMIUM = os.environ.get("CLAIMGRAPH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
GEN_BUDGET, DRAW_BUDGET = 10.0, 5.0
OVERLAPS = """() => { const v = window.cgViews['cg-view'], net = v.network, b = [];
  for (const id of v.nodes.getIds()) { const n = net.body.nodes[id];
    if (!n || !n.labelModule.elementOptions.label) continue;
    const s = n.labelModule.size; b.push([s.left, s.top, s.width, s.height]); }
  let k = 0; for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) {
    const p = b[i], q = b[j];
    if (p[0] < q[0] + q[2] && q[0] < p[0] + p[2] && p[1] < q[1] + q[3] && q[1] < p[1] + p[3]) k++; }
  return [b.length, k]; }"""


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(ap)
    ap.add_argument("--store", type=Path, help="store folder to build into / reuse")
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--from-files", type=Path, metavar="CASE",
                    help="read a generated case folder instead of a store (no assessment: "
                         "every claim 'not assessed'); for when no store is at hand")
    args = ap.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-summary-") as tmp:
        if args.from_files:
            t0 = time.perf_counter()
            case = load_case_folder(args.from_files).case()
            assert case is not None, "not a case folder"
            data = ViewData.from_case(case)
            print(f"read the case folder (no store, not assessed): "
                  f"{time.perf_counter() - t0:.1f} s")
            return _bench(data, Path(tmp), args.skip_browser)
        store_dir = args.store or Path(tmp) / "store"
        store = open_store(store_dir)
        ids = [c.id for c in store.cases()]
        if not ids:
            root = generate_case(Path(tmp) / "case", n_claims=args.claims,
                                 n_entities=args.entities, n_sources=args.sources,
                                 fmt="jsonl", seed=0)
            t0 = time.perf_counter()
            ids = [build_case(root, store).case_id]
            print(f"built {args.claims:,} claims in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        data = load_view_data(store, ids[0])
        store.close()
        read = time.perf_counter() - t0
        print(f"read from the store (load_view_data, full case + assessment): {read:.1f} s; "
              f"{len(data.case.claims):,} claims, {len(data.case.entities):,} entities")

        return _bench(data, Path(tmp), args.skip_browser)


def _bench(data: ViewData, tmp: Path, skip_browser: bool) -> int:
    if True:
        styles = load_view_styles().with_vocabulary(data.vocab)
        t0, c0 = time.perf_counter(), time.process_time()
        g = claim_graph(data.case, status_map(data.infos), VIEW_FILTERS, vocab=styles.vocab)
        agg = aggregate_graph(g, denials=True)
        t_proj = time.perf_counter() - t0
        rule = styles.summary
        t1 = time.perf_counter()
        s = summarise(agg, top=rule.top, max_edges=rule.max_edges, max_groups=rule.max_groups)
        t_sum = time.perf_counter() - t1
        print(f"  projection {t_proj:.2f} s ({agg.number_of_nodes():,} nodes, "
              f"{agg.number_of_edges():,} subject-predicate-object edges); summary "
              f"{t_sum:.2f} s ({s.method}, {len(s.groups)} communities)")
        t0, c0 = time.perf_counter(), time.process_time()
        view = network_view(data)
        t_view = time.perf_counter() - t0
        t1 = time.perf_counter()
        html = view.html()
        t_html = time.perf_counter() - t1
        gen, gen_cpu = time.perf_counter() - t0, time.process_time() - c0
        page = tmp / "summary.html"
        page.write_text(html, "utf-8")
        ok = "OK" if gen < GEN_BUDGET else "SLOW"
        print(f"summary view generated in {gen:.2f} s (CPU {gen_cpu:.2f} s): projection + "
              f"summary {t_view:.2f} s, layout + page {t_html:.2f} s; "
              f"{len(view.graph.nodes)} nodes, {len(view.graph.edges)} edges, "
              f"{len(html) / 1e6:.1f} MB; peak RSS {_rss_mb():,.0f} MB  "
              f"target < {GEN_BUDGET:.0f} s  {ok}")
        for note in view.graph.meta.get("notes", []):
            print(f"  | {note}")
        if skip_browser or not Path(CHROMIUM).exists():
            print("browser: skipped")
            return 0
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            ctx = browser.new_context(viewport={"width": 1600, "height": 1000})
            external: list[str] = []
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                      else (external.append(r.request.url), r.abort()))
            pg = ctx.new_page()
            t0 = time.perf_counter()
            pg.goto(page.as_uri())
            pg.wait_for_selector('#cg-view[data-ready="1"]', timeout=120_000)
            drawn = time.perf_counter() - t0
            labels, overlaps = pg.evaluate(OVERLAPS)
            browser.close()
        ok = "OK" if drawn < DRAW_BUDGET else "SLOW"
        print(f"  drawn in headless Chromium after {drawn:.2f} s; {labels} node labels, "
              f"{overlaps} overlapping; external requests: {len(external)}  "
              f"target < {DRAW_BUDGET:.0f} s  {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
