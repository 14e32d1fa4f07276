"""Benchmark the views: a 2,000-node / 10,000-edge network page, and a 10,000-claim casebook.

1. Generate a view of 2,000 nodes and 10,000 edges (seeded) and time the page generation
   (projection-free: ViewGraph -> layout -> vis data -> HTML). Target < 2 s.
2. Open it in headless Chromium (Debian's) from file:// with every non-file request
   aborted, and time until the network is drawn (``data-ready``) and until a search and a
   node click have answered (interactive). Target < 5 s.
3. Build a generated 10,000-claim case (benchmarks/casegen.py) into an on-disk store, read
   it back (``load_view_data``) and write its casebook. Target < 60 s for the site.

Run: ``.venv/bin/python benchmarks/bench_views.py [--claims 10000] [--skip-browser]``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import chromium
from casegen import generate_case

from claimgraph.graph.build import build_case
from claimgraph.graph.store import open_store
from claimgraph.graph.views import ViewGraph, load_view_data, render_network_page
from claimgraph.graph.views.site import write_site

KINDS = ["state", "government_body", "military_body", "soe", "company", "group", "person",
         "commodity", "motive", "place"]
PREDICATES = ["supplies", "supports", "produces", "cooperates_with", "opposes", "part_of"]
STATUSES = ["corroborated", "single-origin", "unsourced", "contested", "denied"]


def synthetic_view(n_nodes: int = 2000, n_edges: int = 10_000, seed: int = 1) -> ViewGraph:
    """A random view with a heavy-tailed degree distribution (a few hubs, many leaves)."""
    rng = random.Random(seed)
    g = ViewGraph(f"Synthetic {n_nodes} nodes / {n_edges} edges")
    for i in range(n_nodes):
        g.add_node(f"n{i:05d}", f"Actor {i}", KINDS[i % len(KINDS)], aliases=[f"alias {i}"])
    weights = [1.0 / (i + 10) for i in range(n_nodes)]
    ends = rng.choices(range(n_nodes), weights=weights, k=n_edges)
    for j in range(n_edges):
        a, b = ends[j], rng.randrange(n_nodes)
        cid = f"c{j:06d}"
        g.add_edge(f"n{a:05d}", f"n{b:05d}", rng.choice(PREDICATES),
                   status=rng.choice(STATUSES), weight=round(rng.uniform(0.05, 3.0), 2),
                   claims=[cid])
        g.claims[cid] = {"text": f"Actor {a} acts on actor {b}.", "status": "corroborated",
                         "claimant": "bench", "sources": [], "href": None}
    return g.sort()


def bench_page(out: Path, skip_browser: bool) -> None:
    view = synthetic_view()
    t0, c0 = time.perf_counter(), time.process_time()
    html = render_network_page(view)
    gen, gen_cpu = time.perf_counter() - t0, time.process_time() - c0
    page = out / "view-2000.html"
    page.write_text(html, "utf-8")
    print(f"view 2,000 nodes / 10,000 edges: generated in {gen:.2f} s (CPU {gen_cpu:.2f} s, "
          f"{len(html) / 1e6:.1f} MB)  target < 2 s  {'OK' if gen < 2 else 'SLOW'}")
    if skip_browser or not chromium.available():
        print("browser: skipped")
        return
    with chromium.drawn_page(page, width=1400, height=900) as d:
        pg, drawn, external = d.page, d.seconds, d.external
        pg.fill("#cg-view .cg-search", "Actor 1999")
        pg.wait_for_selector("#cg-view .cg-hit")
        pos = pg.evaluate("""() => { const net = window.cgViews['cg-view'].network;
            const d = net.canvasToDOM(net.getPosition('n00000'));
            const r = document.querySelector('#cg-view .cg-canvas').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y]; }""")
        pg.mouse.click(pos[0], pos[1])
        pg.wait_for_selector('#cg-view[data-selected]')
        interactive = time.perf_counter() - d.started
        nodes = pg.evaluate("window.cgViews['cg-view'].nodes.length")
    print(f"  drawn in headless Chromium after {drawn:.2f} s; search + click answered at "
          f"{interactive:.2f} s ({nodes} nodes)  target < 5 s  "
          f"{'OK' if interactive < 5 else 'SLOW'}; external requests: {len(external)}")


def bench_site(out: Path, n_claims: int) -> None:
    t0 = time.perf_counter()
    case_dir = generate_case(out / "case", n_claims=n_claims, n_entities=max(n_claims // 10, 10),
                             n_sources=max(n_claims // 50, 5), fmt="yaml", seed=0)
    gen = time.perf_counter() - t0
    store = open_store(out / "store")
    t0 = time.perf_counter()
    case_id = build_case(case_dir, store).case_id
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    data = load_view_data(store, case_id)
    read = time.perf_counter() - t0
    store.close()
    t0, c0 = time.perf_counter(), time.process_time()
    index = write_site(data, out / "site")
    site, site_cpu = time.perf_counter() - t0, time.process_time() - c0
    pages = sum(1 for _ in index.parent.rglob("*.html"))
    size = sum(p.stat().st_size for p in index.parent.rglob("*") if p.is_file())
    print(f"casebook of {n_claims:,} claims: case generated {gen:.1f} s, built {build:.1f} s, "
          f"read from the store {read:.1f} s; site written in {site:.1f} s (CPU {site_cpu:.1f} s) "
          f"({pages:,} pages, {size / 1e6:.0f} MB)  target < 60 s  "
          f"{'OK' if site < 60 else 'SLOW'}; read + write {read + site:.1f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--skip-site", action="store_true")
    args = ap.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-views-") as tmp:
        out = Path(tmp)
        bench_page(out, args.skip_browser)
        if not args.skip_site:
            bench_site(out, args.claims)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
