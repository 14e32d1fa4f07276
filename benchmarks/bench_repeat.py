"""Instant repeats (issue 15, item 2): the analytics commands cold and warm, as a user runs
them, on a generated store.

Builds (or reuses, ``--store``) an on-disk store holding a generated case (casegen.py,
default 100,000 claims / 5,000 entities / 10,000 sources), then runs each command as a
separate ``claimgraph`` process — interpreter start-up, store opening and printing
included — twice: *cold* (the analytics cache of this build emptied first) and *warm* (the
same command again; the two answers must be equal). Prints wall and CPU seconds and the peak
memory of each run, and one Markdown table. (That a rebuild invalidates the cache is
tested, in ``tests/test_analytics_cache.py``.)

Target: a warm ``rank`` under 1 s at 100,000 claims. Exit 1 if missed.

    .venv/bin/python benchmarks/bench_repeat.py                      # 100k claims
    .venv/bin/python benchmarks/bench_repeat.py --claims 10000 --entities 1000 --sources 1000
    .venv/bin/python benchmarks/bench_repeat.py --store /tmp/bench-store  # reuse a build
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casegen import add_size_arguments, generate_case

from claimgraph.graph.build import build_case
from claimgraph.graph.store import open_store
from claimgraph.graph.store.embedded import CACHE

WARM_RANK_BUDGET = 1.0
CLI = str(Path(sys.executable).parent / "claimgraph")


def run(store: Path, *args: str) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak RSS (MB) of the child (``os.wait4``: that child
    only), and its stdout."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([CLI, "--store", str(store), *args], stdout=out, stderr=err,
                                env={**os.environ, "COLUMNS": "200"})
        _, status, usage = os.wait4(proc.pid, 0)
        dt = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"claimgraph {' '.join(args)} failed:\n{err.read().decode()}")
        cpu = usage.ru_utime + usage.ru_stime
        return dt, cpu, usage.ru_maxrss / 1024, out.read().decode()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_size_arguments(ap, claims=100_000, entities=5_000, sources=10_000)
    ap.add_argument("--store", type=Path, help="store folder to build into / reuse")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        store_dir = args.store or Path(tmp) / "store"
        case_root = Path(tmp) / "case"
        with open_store(store_dir) as store:
            ids = [c.id for c in store.cases()]
        if not ids:
            print(f"generating {args.claims:,} claims / {args.entities:,} entities / "
                  f"{args.sources:,} sources and building them ...")
            generate_case(case_root, n_claims=args.claims, n_entities=args.entities,
                          n_sources=args.sources, fmt="jsonl", seed=args.seed)
            t0 = time.perf_counter()
            with open_store(store_dir) as store:
                build_case(case_root, store)
            print(f"  built in {time.perf_counter() - t0:.1f} s")
        with open_store(store_dir, read_only=True) as store:
            case_id = store.cases()[0].id
            pair = store.query(
                "SELECT ?a ?b WHERE { ?c <https://w3id.org/claimgraph/ns#subject> ?s ; "
                "<https://w3id.org/claimgraph/ns#object> ?o . ?s <http://purl.org/dc/terms/"
                "identifier> ?a . ?o <http://purl.org/dc/terms/identifier> ?b } LIMIT 1",
                case=case_id)[0]
        commands = {
            "rank --top 10": ["rank", "--top", "10"],
            f"why {pair['a']} {pair['b']} -u": ["why", pair["a"], pair["b"], "-u"],
            f"neighbours {pair['a']}": ["neighbours", pair["a"]],
        }
        shutil.rmtree(store_dir / CACHE, ignore_errors=True)
        results: list[tuple[str, float, float, float, float, float, float]] = []
        for (base, cmd), fmt in itertools.product(commands.items(), ("text", "json")):
            label = base + (" --format json" if fmt == "json" else "")
            args = [*cmd, "--format", fmt]
            cold, cold_cpu, cold_mb, out1 = run(store_dir, *args)
            warm, warm_cpu, warm_mb, out2 = run(store_dir, *args)
            same = (json.loads(out1) == json.loads(out2)) if fmt == "json" else out1 == out2
            print(f"  {label:<40} cold {cold:6.2f} s wall {cold_cpu:6.2f} s CPU "
                  f"({cold_mb:,.0f} MB)  warm {warm:6.2f} s wall {warm_cpu:5.2f} s CPU "
                  f"({warm_mb:,.0f} MB)  same answer: {same}")
            if not same:
                print("FAIL: the warm answer differs from the cold one")
                return 1
            results.append((label, cold, cold_cpu, cold_mb, warm, warm_cpu, warm_mb))
        files = sorted((store_dir / CACHE).rglob("*.json"))
        size = sum(f.stat().st_size for f in files)
        print(f"  cache: {len(files)} files, {size / 1e6:.1f} MB in {store_dir / CACHE}")

        print("| command (whole process) | cold: wall / CPU | warm: wall / CPU | "
              "peak RSS cold / warm |")
        print("|---|---|---|---|")
        for label, cold, cold_cpu, cold_mb, warm, warm_cpu, warm_mb in results:
            print(f"| `claimgraph {label}` | {cold:.2f} s / {cold_cpu:.2f} s | "
                  f"**{warm:.2f} s** / {warm_cpu:.2f} s | {cold_mb:,.0f} MB / "
                  f"{warm_mb:,.0f} MB |")
        warm_rank, warm_rank_cpu = results[0][4], results[0][5]
        ok = warm_rank < WARM_RANK_BUDGET
        print(f"warm rank {warm_rank:.2f} s wall, {warm_rank_cpu:.2f} s CPU (budget "
              f"{WARM_RANK_BUDGET:.0f} s wall; on a shared machine compare the CPU): "
              + ("PASS" if ok else "FAIL"))
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
