"""The benchmark runner (issue 15): every figure at 10k / 100k / 1M claims, side by side with
the same-size baselines measured in the same run, as one Markdown table (each cell: wall
time, CPU time, peak RSS; on a shared machine CPU time is the steadier figure).

For each size it generates a JSON Lines case (``casegen.py``; entities = claims / 20,
sources = claims / 10, the shape of the issue's 100k measurement) and runs each step in a
child process of its own, so that every step's **peak RSS** and CPU time are its own:

* ``validate``  — :func:`claimgraph.sources.validation.validate_case`;
* ``build``     — :func:`claimgraph.graph.build.build_case` into a fresh on-disk store
  (validation, mapping, provenance, assessment and the atomic bulk load);
* ``rebuild``   — the same case again, unchanged (a no-op: the inputs' digest matches);
* ``trace``     — :func:`~claimgraph.graph.provenance.trace.trace_claim` of 1,000 random
  claims: p50 / p99;
* ``audit``, and the CLI's ``rank`` (twice: cold, then warm), ``why``, ``view`` (up to
  ``--views-up-to`` claims) and ``site`` (a page per claim: up to ``--site-up-to``); above
  those sizes the table says *skipped*;
* baseline **pyoxigraph** — ``Store.bulk_load`` of the build's own quads (an N-Quads file)
  into a fresh on-disk store: the engine's limit;
* baseline **rdflib** — the same N-Quads parsed into an in-memory ``rdflib.Dataset``, at full
  size, or until its RSS passes ``--rdflib-budget`` (default 8 GiB, the build's own memory
  target): then the table says how many quads it held when it ran out of the budget.

Nothing is extrapolated: every figure is measured at its size. The load average when the
run started and ended is printed with the table (a shared machine slows every figure).

    .venv/bin/python benchmarks/run.py                          # 10k, 100k, 1M (an hour)
    .venv/bin/python benchmarks/run.py --sizes 10000            # a quick look
    # two runs side by side on two cores, then one table of both
    .venv/bin/python benchmarks/run.py --sizes 10000,100000 --json small.json &
    .venv/bin/python benchmarks/run.py --sizes 1000000 --overlap-baselines --json big.json
    .venv/bin/python benchmarks/run.py --merge small.json big.json
    make bench-table                                            # the same as the first
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

GIB = 1 << 30


# ----------------------------------------------------------------------------- the steps
def _step_validate(a: argparse.Namespace) -> dict[str, Any]:
    from claimgraph.sources.validation import validate_case

    t = time.perf_counter()
    result = validate_case(a.case)
    return {"seconds": time.perf_counter() - t, "ok": result.ok,
            "errors": len(result.report.errors)}


def _step_generate(a: argparse.Namespace) -> dict[str, Any]:
    from casegen import generate_case

    size = int(a.size)
    t = time.perf_counter()
    generate_case(Path(a.case), n_claims=size, n_entities=max(10, size // 20),
                  n_sources=max(2, size // 10), fmt="jsonl", seed=0)
    return {"seconds": time.perf_counter() - t}


def _step_build(a: argparse.Namespace) -> dict[str, Any]:
    from claimgraph.graph.build import build_case
    from claimgraph.graph.store import open_store

    store = open_store(a.store)
    t = time.perf_counter()
    result = build_case(a.case, store)
    seconds = time.perf_counter() - t
    store.close()
    return {"seconds": seconds, "quads": result.total_quads, "unchanged": result.unchanged,
            "phases": {k: round(v, 2) for k, v in result.timings.items()}}


def _step_dump(a: argparse.Namespace) -> dict[str, Any]:
    """The build's quads as one N-Quads file, for the baselines (the catalogue left out)."""
    import pyoxigraph as ox

    from claimgraph.graph.store import open_store

    store = open_store(a.store, read_only=True)
    graphs = store.current_graphs()
    native = store.native  # type: ignore[attr-defined]
    t = time.perf_counter()
    n = 0
    with open(a.nq, "wb") as out:
        for g in graphs:
            native.dump(out, format=ox.RdfFormat.N_QUADS, from_graph=ox.NamedNode(g))
        n = sum(int(e.counts.get("quads", 0)) for e in store.cases())
    store.close()
    return {"seconds": time.perf_counter() - t, "quads": n}


def _step_bulk(a: argparse.Namespace) -> dict[str, Any]:
    import pyoxigraph as ox

    t = time.perf_counter()
    raw = ox.Store(a.store)
    raw.bulk_load(path=a.nq, format=ox.RdfFormat.N_QUADS)
    raw.flush()
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "quads": len(raw)}


def _step_rdflib(a: argparse.Namespace) -> dict[str, Any]:
    """Parse the N-Quads into an rdflib in-memory Dataset, 100,000 lines at a time; stop
    when the process's RSS passes the budget."""
    import psutil
    from rdflib import Dataset

    proc = psutil.Process()
    budget = int(a.budget_gib * GIB)
    ds = Dataset()
    t = time.perf_counter()
    loaded = 0
    out_of_budget = False
    with open(a.nq, "rb") as f:
        while True:
            lines = [line for _, line in zip(range(100_000), f, strict=False)]
            if not lines:
                break
            ds.parse(data=b"".join(lines).decode(), format="nquads")
            loaded += len(lines)
            if proc.memory_info().rss > budget:
                out_of_budget = True
                break
    return {"seconds": time.perf_counter() - t, "quads": loaded, "oom": out_of_budget}


def _step_trace(a: argparse.Namespace) -> dict[str, Any]:
    from claimgraph.graph.provenance.trace import trace_claim
    from claimgraph.graph.store import open_store

    with open(Path(a.case) / "claims.jsonl", "rb") as f:
        ids = [json.loads(line)["id"] for line in f]
    sample = random.Random(0).sample(ids, min(1000, len(ids)))
    del ids
    store = open_store(a.store, read_only=True)
    case = store.cases()[0].id
    trace_claim(store, case, sample[0])  # warm the catalogue
    times = []
    for cid in sample:
        t = time.perf_counter()
        trace_claim(store, case, cid)
        times.append((time.perf_counter() - t) * 1000)
    store.close()
    times.sort()
    return {"seconds": sum(times) / 1000, "p50_ms": statistics.median(times),
            "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))]}


def _step_audit(a: argparse.Namespace) -> dict[str, Any]:
    from claimgraph.graph.provenance.audit import audit
    from claimgraph.graph.store import open_store

    store = open_store(a.store, read_only=True)
    t = time.perf_counter()
    audit(store, None)
    seconds = time.perf_counter() - t
    store.close()
    return {"seconds": seconds}


STEPS = {"generate": _step_generate, "validate": _step_validate, "build": _step_build, "dump": _step_dump,
         "bulk": _step_bulk, "rdflib": _step_rdflib, "trace": _step_trace, "audit": _step_audit}


# ----------------------------------------------------------------------------- the parent
def _child(argv: list[str], nice: int) -> tuple[dict[str, Any], float, float]:
    """Run a child; its JSON answer (or error), its wall seconds and its peak RSS (GiB)."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=(lambda: os.nice(nice)) if nice else None)
    out, err = proc.communicate()
    # communicate() reaped it: its rusage is gone, so the step reports its own peak
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        return {"error": err.decode(errors="replace").strip().splitlines()[-1:]}, wall, 0.0
    answer = json.loads(out.decode().strip().splitlines()[-1])
    return answer, wall, answer.pop("_peak_gib", 0.0)


def _run_step(name: str, args: argparse.Namespace, extra: dict[str, str]) -> dict[str, Any]:
    argv = [sys.executable, str(Path(__file__).resolve()), "--step", name]
    for k, v in extra.items():
        argv += [f"--{k}", v]
    answer, wall, peak = _child(argv, args.nice)
    answer["peak_gib"] = peak
    answer.setdefault("seconds", wall)
    print(f"  {name:<10} {json.dumps(answer)}", file=sys.stderr, flush=True)
    return answer


def _run_cli(args: argparse.Namespace, store: Path, *cmd: str) -> dict[str, Any]:
    """A CLI command, timed whole (start-up included), with its peak RSS."""
    exe = str(Path(sys.executable).with_name("claimgraph"))
    argv = [exe, "--quiet", "--store", str(store), *cmd]
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=(lambda: os.nice(args.nice)) if args.nice else None)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    answer: dict[str, Any] = {"seconds": wall, "peak_gib": usage.ru_maxrss * 1024 / GIB,
                              "cpu": usage.ru_utime + usage.ru_stime}
    if os.waitstatus_to_exitcode(status) != 0:
        answer["error"] = err.strip().splitlines()[-1:]
    print(f"  {' '.join(cmd[:2]):<10} {json.dumps(answer)}", file=sys.stderr, flush=True)
    return answer


def _fmt_s(r: dict[str, Any] | None) -> str:
    if r is None:
        return "skipped"
    if "error" in r:
        return "failed"
    s = r["seconds"]
    return f"{s:,.2f} s" if s < 10 else f"{s:,.0f} s"


def _fmt_mem(r: dict[str, Any] | None) -> str:
    if r is None or "error" in r or not r.get("peak_gib"):
        return ""
    return f"{r['peak_gib']:.2f} GiB"


def _cell(r: dict[str, Any] | None) -> str:
    text = _fmt_s(r)
    if r is not None and "error" not in r and r.get("cpu"):
        text += f" (CPU {r['cpu']:,.0f} s)" if r["cpu"] >= 10 else f" (CPU {r['cpu']:.1f} s)"
    mem = _fmt_mem(r)
    return f"{text} · {mem}" if mem else text


def measure(size: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    print(f"{size:,} claims", file=sys.stderr, flush=True)
    here = work / f"c{size}"
    shutil.rmtree(here, ignore_errors=True)
    here.mkdir(parents=True)
    case, store, raw, nq = here / "case", here / "store", here / "raw", here / "case.nq"
    common = {"case": str(case), "store": str(store), "nq": str(nq)}
    # in a child: Linux carries a parent's high-water RSS into every child it starts, so a
    # parent that had generated a million claims (2.1 GiB) would set every step's floor
    _run_step("generate", args, {**common, "size": str(size)})
    r: dict[str, Any] = {"size": size}
    skip = set(args.skip.split(",")) if args.skip else set()
    r["validate"] = _run_step("validate", args, common) if "validate" not in skip else None
    r["build"] = _run_step("build", args, common)
    r["rebuild"] = _run_step("build", args, common)

    def baselines() -> None:
        r["bulk"] = _run_step("bulk", args, {**common, "store": str(raw)})
        shutil.rmtree(raw, ignore_errors=True)
        r["rdflib"] = (_run_step("rdflib", args,
                                 {**common, "budget-gib": str(args.rdflib_budget)})
                       if "rdflib" not in skip else None)

    _run_step("dump", args, common)
    # the baselines only read the build's quads (the dump): with --overlap-baselines they
    # run beside the reading steps, on the other core; each figure stays its own process's
    # CPU time and peak RSS, only the wall times feel the company
    side = threading.Thread(target=baselines) if args.overlap_baselines else None
    if side:
        side.start()
    r["trace"] = _run_step("trace", args, common) if "trace" not in skip else None
    r["audit"] = _run_step("audit", args, common) if "audit" not in skip else None
    small = size <= args.views_up_to
    r["rank_cold"] = _run_cli(args, store, "rank", "--top", "10") if small else None
    r["rank_warm"] = _run_cli(args, store, "rank", "--top", "10") if small else None
    r["why"] = _run_cli(args, store, "why", "state-0", "state-6") if small else None
    r["view"] = _run_cli(args, store, "view", "--out", str(here / "network.html")) \
        if small else None
    r["site"] = (_run_cli(args, store, "site", "--out", str(here / "site"))
                 if size <= args.site_up_to else None)
    if side:
        side.join()
    else:
        baselines()
    if not args.keep:
        shutil.rmtree(here, ignore_errors=True)
    return r


def table(rows: list[dict[str, Any]], budget: float) -> str:
    sizes = [f"{r['size']:,} claims" for r in rows]
    out = ["| | " + " | ".join(sizes) + " |", "|---|" + "---|" * len(rows)]

    def line(label: str, cells: list[str]) -> None:
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    line("quads", [f"{r['build'].get('quads', 0):,}" for r in rows])
    line("validate (alone)", [_cell(r["validate"]) for r in rows])
    line("validate (inside the build)", [
        f"{r['build']['phases']['validate']:,.1f} s" if "phases" in r["build"] else ""
        for r in rows])
    line("**build** (validation included)", [_cell(r["build"]) for r in rows])
    line("baseline: pyoxigraph `bulk_load`", [_cell(r["bulk"]) for r in rows])
    line("build ÷ bulk_load (CPU)", [f"{r['build']['cpu'] / r['bulk']['cpu']:.1f}×"
                                     if r["build"].get("cpu") and r["bulk"].get("cpu")
                                     else "" for r in rows])

    def rdf(r: dict[str, Any]) -> str:
        x = r["rdflib"]
        if x is None:
            return "skipped"
        if "error" in x:
            return "failed"
        if x.get("oom"):
            return (f"out of the {budget:g} GiB budget after {x['quads']:,} quads "
                    f"({x['seconds']:,.0f} s)")
        return _cell(x)

    line("baseline: rdflib in-memory `Dataset.parse`", [rdf(r) for r in rows])
    line("rebuild, unchanged", [_cell(r["rebuild"]) + (" (no-op)" if r["rebuild"].get(
        "unchanged") else "") for r in rows])
    line("trace p50 / p99", [f"{r['trace']['p50_ms']:.2f} / {r['trace']['p99_ms']:.2f} ms"
                             if r["trace"] and "p50_ms" in r["trace"] else _fmt_s(r["trace"])
                             for r in rows])
    line("audit", [_cell(r["audit"]) for r in rows])
    line("`rank --top 10` cold", [_cell(r["rank_cold"]) for r in rows])
    line("`rank --top 10` **warm** (same build)", [_cell(r["rank_warm"]) for r in rows])
    line("`why state-0 state-6`", [_cell(r["why"]) for r in rows])
    line("`view`", [_cell(r["view"]) for r in rows])
    line("`site`", [_cell(r["site"]) for r in rows])
    return "\n".join(out)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / GIB
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python "
            f"{platform.python_version()}, {platform.system()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000",
                    help="claims per case, comma-separated")
    ap.add_argument("--views-up-to", type=int, default=1_000_000,
                    help="run rank/why/view only up to this many claims")
    ap.add_argument("--site-up-to", type=int, default=100_000,
                    help="run site only up to this many claims (a page per claim)")
    ap.add_argument("--overlap-baselines", action="store_true",
                    help="run the two baselines beside the reading steps (2 cores)")
    ap.add_argument("--merge", type=Path, nargs="+", metavar="JSON",
                    help="print one table from the --json files of earlier runs")
    ap.add_argument("--rdflib-budget", type=float, default=8.0, help="GiB")
    ap.add_argument("--skip", default="",
                    help="steps to leave out, comma-separated: validate, trace, audit, rdflib")
    ap.add_argument("--nice", type=int, default=0, help="run the steps with this niceness")
    ap.add_argument("--work", type=Path, help="work here (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep cases and stores")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    # a child: one step
    ap.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    for k in ("case", "store", "nq", "size"):
        ap.add_argument(f"--{k}", help=argparse.SUPPRESS)
    ap.add_argument("--budget-gib", type=float, default=8.0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.step:
        import resource

        answer = STEPS[args.step](args)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        answer["_peak_gib"] = usage.ru_maxrss * 1024 / GIB
        answer["cpu"] = usage.ru_utime + usage.ru_stime
        print(json.dumps(answer))
        return 0

    if args.merge:  # sizes measured by runs side by side, one table
        rows = sorted((row for f in args.merge for row in json.loads(f.read_text())),
                      key=lambda row: row["size"])
        print(table(rows, args.rdflib_budget))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="claimgraph-run-"))
    work.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = [measure(int(s), args, work) for s in args.sizes.split(",") if s.strip()]
    load_after = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    print(f"Measured {started} on {machine()}; load average (1 min) {load_before[0]:.1f} at "
          f"the start, {load_after[0]:.1f} at the end. Each cell: wall time (CPU time) · peak RSS of "
          "that step alone.\n")
    print(table(rows, args.rdflib_budget))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
