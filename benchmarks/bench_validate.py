"""Benchmark: validate a generated case of 10,000 claims with 10,000 quotes.

Acceptance target (issue 2): under 5 s on a 2-core machine. Prints the median of 3 runs (wall
and CPU time: on a shared machine the wall time also measures the neighbours) of
:func:`claimgraph.sources.validation.validate_case` (load + schema + cross-checks + quote
checks), a breakdown of one run by phase, and the machine it ran on.

Run: ``.venv/bin/python benchmarks/bench_validate.py [--claims N] [--format yaml|jsonl]
[--runs 3] [--profile]``
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casegen import CaseStats, generate_case

from claimgraph.schema.caseload import load_case_folder
from claimgraph.schema.validate import case_vocabulary, check_case
from claimgraph.sources.validation import validate_case

TARGET_S = 5.0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()} "
            f"({platform.python_implementation()}), {platform.system()} {platform.release()}, "
            f"load average {load:.1f}")


def phases(root: Path, runs: int) -> dict[str, float]:
    """Median CPU seconds of loading (YAML + schema) and of the cross-checks."""
    load, checks = [], []
    for _ in range(runs):
        t = time.process_time()
        loaded = load_case_folder(root)
        load.append(time.process_time() - t)
        t = time.process_time()
        problems: list = []
        check_case(loaded, case_vocabulary(loaded, problems))
        checks.append(time.process_time() - t)
    return {"load + schema": statistics.median(load), "cross-checks": statistics.median(checks)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--quotes-per-claim", type=int, default=1)
    ap.add_argument("--format", choices=["yaml", "jsonl"], default="yaml")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one run")
    args = ap.parse_args(argv)

    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="cg-bench-") as tmp:
        stats = CaseStats()
        root = generate_case(
            Path(tmp) / "case", n_claims=args.claims, n_entities=max(10, args.claims // 10),
            n_sources=max(2, args.claims // 50), fmt=args.format, seed=0,
            quotes_per_claim=args.quotes_per_claim, stats=stats)
        print(f"case: {stats.claims:,} claims, {stats.quotes:,} quotes, {stats.entities:,} "
              f"entities, {stats.sources:,} sources ({stats.captured} captured texts), "
              f"{args.format}, {stats.bytes / 1e6:.1f} MB in {len(stats.files)} files "
              f"(generated in {stats.seconds:.2f} s)")

        times, cpu = [], []
        for i in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            result = validate_case(root)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            if not result.ok:
                print("unexpected problems:", *[p.format() for p in result.problems[:5]],
                      sep="\n  ")
                return 2
            print(f"  run {i + 1}: {times[-1]:.2f} s wall, {cpu[-1]:.2f} s CPU  "
                  f"({result.report.summary()}, "
                  f"{len(result.anchors):,} quotes anchored)")
        med = statistics.median(times)
        split = phases(root, args.runs)
        split["texts + quotes"] = max(0.0, statistics.median(cpu) - sum(split.values()))
        print("CPU by phase (medians; texts + quotes = the rest): " + ", ".join(
            f"{k} {v:.2f} s" for k, v in split.items()))
        verdict = "OK" if med < TARGET_S else "SLOWER THAN TARGET"
        print(f"validate_case median of {args.runs}: {med:.2f} s wall, "
              f"{statistics.median(cpu):.2f} s CPU ({stats.claims / med:,.0f} claims/s) — "
              f"target < {TARGET_S:.0f} s: {verdict}")
        if med >= TARGET_S and statistics.median(cpu) < TARGET_S:
            print("(wall time above CPU time: the machine is busy; see the load average)")
        if args.profile:
            prof = cProfile.Profile()
            prof.runcall(validate_case, root)
            pstats.Stats(prof).sort_stats("tottime").print_stats(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
