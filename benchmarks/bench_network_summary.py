"""Benchmark the summary view of a large store (issue 13: generated in under 10 s at 100,000
claims, drawn in under 5 s in headless Chromium).

1. Build a generated case (benchmarks/casegen.py; default 5,000 entities / 100,000 claims /
   10,000 sources) into an on-disk store, or reuse one (``--store``).
2. Run the real command, ``claimgraph --store S view --out F``, in a child process, twice:
   **cold** (the analytics cache of the store emptied first: the command reads the case as
   the analytics read it, projects it, summarises it, lays it out and writes the page, and
   keeps the summary in the cache) and **warm** (the same build: the summary comes from the
   cache, laid out and written). Each line gives the whole command's wall time, its CPU
   time (user + system) and its peak RSS: "generated" means all of it, start to exit.
   Target < 10 s.
3. Open the page in headless Chromium from file:// (every other request aborted) and time
   until the network is drawn (``data-ready``); count overlapping node labels there, as the
   browser tests measure them. Target < 5 s.

Run: ``.venv/bin/python benchmarks/bench_network_summary.py [--store /tmp/big-store]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chromium
from casegen import add_size_arguments, generate_case

from claimgraph.graph.build import build_case
from claimgraph.graph.store import open_store

GEN_BUDGET, DRAW_BUDGET = 10.0, 5.0
CLAIMGRAPH = Path(sys.executable).parent / "claimgraph"


def run_view(store: Path, out: Path) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak RSS MB, stdout + stderr) of ``claimgraph view`` on ``store``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(CLAIMGRAPH), "--store", str(store), "view", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "COLUMNS": "200"})
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    text = proc.stdout.read().decode() if proc.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"claimgraph view failed:\n{text}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(ap)
    ap.add_argument("--store", type=Path, help="store folder to build into / reuse")
    ap.add_argument("--skip-browser", action="store_true")
    args = ap.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-summary-") as tmp_name:
        tmp = Path(tmp_name)
        store_dir = args.store or tmp / "store"
        store = open_store(store_dir)
        try:
            if not list(store.cases()):
                root = generate_case(tmp / "case", n_claims=args.claims,
                                     n_entities=args.entities, n_sources=args.sources,
                                     fmt="jsonl", seed=0)
                t0 = time.perf_counter()
                build_case(root, store)
                print(f"built {args.claims:,} claims in {time.perf_counter() - t0:.1f} s")
            cache = store.cache_folder()
        finally:
            store.close()
        if cache is not None:
            shutil.rmtree(cache / "analytics", ignore_errors=True)
        page = tmp / "summary.html"
        for what in ("cold", "warm"):
            wall, cpu, rss, text = run_view(store_dir, page)
            ok = "OK" if wall < GEN_BUDGET else "SLOW"
            print(f"`claimgraph view`, {what}: generated in {wall:.2f} s wall, {cpu:.2f} s CPU, "
                  f"peak RSS {rss:,.0f} MB; page {page.stat().st_size / 1e6:.1f} MB  "
                  f"target < {GEN_BUDGET:.0f} s  {ok}"
                  + (f" (CPU {'OK' if cpu < GEN_BUDGET else 'SLOW'})" if ok == "SLOW" else ""))
            if what == "cold":
                for line in text.strip().splitlines():
                    print(f"  | {line}")
        if args.skip_browser or not chromium.available():
            print("browser: skipped")
            return 0
        with chromium.drawn_page(page) as d:
            labels, overlaps = chromium.label_overlaps(d.page)
            nodes = d.page.evaluate("window.cgViews['cg-view'].nodes.length")
        ok = "OK" if d.seconds < DRAW_BUDGET else "SLOW"
        print(f"drawn in headless Chromium after {d.seconds:.2f} s; {nodes} nodes, {labels} "
              f"node labels, {overlaps} overlapping; external requests: {len(d.external)}  "
              f"target < {DRAW_BUDGET:.0f} s  {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
