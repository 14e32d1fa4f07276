"""When to move to a server (issue 15, item 6): one generated case on three engines.

Generates a case with casegen.py (default 10,000 claims / 500 entities / 1,000 sources),
starts an Oxigraph server (``oxigraph serve``) and OpenLink Virtuoso (``virtuoso-t``) on
127.0.0.1 the way the tests do (``tests/store_fixtures.py``: free ports, a database in a
temporary folder, Virtuoso's ``dba`` login for updates), and on each of the embedded store,
the Oxigraph server and Virtuoso measures:

* ``build`` of the case (validation, mapping, assessment, atomic load), wall and client CPU;
* ``trace`` of random claims in-process (p50 / p99 wall, HTTP round trips included);
* ``claimgraph rank --top 10 --format json`` as a whole command, cold then warm (the answer cached by
  build id; each engine gets a fresh cache folder);
* ``audit`` of the case.

It prints one Markdown table. An engine whose binary is missing is left out (said so).

    .venv/bin/python benchmarks/bench_engines.py
    .venv/bin/python benchmarks/bench_engines.py --claims 2000 --entities 100 --sources 200
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from casegen import add_size_arguments, generate_case
from store_fixtures import _VIRTUOSO_INI, _free_port, _oxigraph_binary, _stop, _wait_for

from claimgraph.graph.build import build_case
from claimgraph.graph.provenance.audit import audit
from claimgraph.graph.provenance.trace import trace_claim
from claimgraph.graph.store import Store, open_store
from claimgraph.graph.store.access import PASSWORD_ENV, USER_ENV


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str | None]:
    binary = _oxigraph_binary()
    if binary is None:
        yield None
        return
    port = _free_port()
    folder.mkdir(parents=True)
    with (folder.parent / "oxigraph.log").open("wb") as log:
        proc = subprocess.Popen([binary, "serve", "--location", str(folder),
                                 "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=log)
        url = f"http://127.0.0.1:{port}/query"
        try:
            _wait_for(f"{url}?query=ASK%7B%7D", proc, 30, "oxigraph serve")
            yield url
        finally:
            _stop(proc)


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str | None]:
    binary = os.environ.get("CLAIMGRAPH_VIRTUOSO") or shutil.which("virtuoso-t")
    if binary is None:
        yield None
        return
    folder.mkdir(parents=True)
    http = _free_port()
    (folder / "virtuoso.ini").write_text(
        _VIRTUOSO_INI.format(d=folder, sql=_free_port(), http=http), encoding="utf-8")
    with (folder / "console.log").open("wb") as log:
        proc = subprocess.Popen([binary, "-c", str(folder / "virtuoso.ini"), "+foreground"],
                                cwd=folder, stdout=log, stderr=log)
        url = f"http://127.0.0.1:{http}/sparql"
        try:
            _wait_for(f"{url}?query=ASK%7B%7D", proc, 180, "virtuoso-t")
            os.environ[USER_ENV], os.environ[PASSWORD_ENV] = "dba", "dba"
            yield url
        finally:
            os.environ.pop(USER_ENV, None)
            os.environ.pop(PASSWORD_ENV, None)
            _stop(proc)


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def cli(args: list[str], cache: Path) -> tuple[float, float]:
    """A whole CLI command (start-up included): wall seconds and its CPU seconds."""
    exe = str(Path(sys.executable).with_name("claimgraph"))
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    t = time.perf_counter()
    proc = subprocess.Popen([exe, "--quiet", *args, "rank", "--top", "10", "--format", "json"],
                            env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise RuntimeError(f"rank failed: {err.strip().splitlines()[-1:]}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(name: str, store: Store, cli_args: list[str], case_dir: Path, ids: list[str],
            traces: int, tmp: Path) -> dict[str, Any]:
    print(f"{name}: build ...", file=sys.stderr, flush=True)
    result, b_wall, b_cpu = timed(lambda: build_case(case_dir, store))
    case = result.case_id
    sample = random.Random(0).sample(ids, min(traces, len(ids)))
    trace_claim(store, case, sample[0])  # warm the catalogue and the connection
    times = []
    for cid in sample:
        t = time.perf_counter()
        trace_claim(store, case, cid)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    _, a_wall, _ = timed(lambda: audit(store, case))
    store.close()
    cache = tmp / f"cache-{name}"
    print(f"{name}: rank ...", file=sys.stderr, flush=True)
    cold = cli(cli_args, cache)
    warm = cli(cli_args, cache)
    row = {"engine": name, "quads": result.total_quads, "build_s": b_wall, "build_cpu": b_cpu,
           "trace_p50_ms": statistics.median(times),
           "trace_p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
           "audit_s": a_wall, "rank_cold_s": cold[0], "rank_cold_cpu": cold[1],
           "rank_warm_s": warm[0], "rank_warm_cpu": warm[1]}
    print(json.dumps(row), file=sys.stderr, flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_size_arguments(ap, claims=10_000, entities=500, sources=1_000)
    ap.add_argument("--traces", type=int, default=300, help="random claims to trace")
    ap.add_argument("--engines", default="embedded,oxigraph,virtuoso")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    engines = args.engines.split(",")
    tmp = Path(tempfile.mkdtemp(prefix="bench-engines-"))
    case_dir = generate_case(tmp / "case", n_claims=args.claims, n_entities=args.entities,
                             n_sources=args.sources, fmt="jsonl", seed=args.seed)
    with open(case_dir / "claims.jsonl", "rb") as f:
        ids = [json.loads(line)["id"] for line in f]
    rows: list[dict[str, Any]] = []
    missing: list[str] = []
    try:
        if "embedded" in engines:
            folder = tmp / "embedded"
            rows.append(measure("embedded", open_store(folder), ["--store", str(folder)],
                                case_dir, ids, args.traces, tmp))
        for name, server in (("oxigraph", oxigraph_server), ("virtuoso", virtuoso_server)):
            if name not in engines:
                continue
            with server(tmp / name) as url:
                if url is None:
                    missing.append(name)
                    continue
                rows.append(measure(f"{name} server", open_store(endpoint=url),
                                    ["--endpoint", url], case_dir, ids, args.traces, tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    load = os.getloadavg()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{args.claims:,} claims ({rows[0]['quads']:,} quads); load average "
          f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores; "
          f"client peak RSS {peak:,.0f} MB" if rows else "nothing measured")
    print("\n| engine | build (wall / client CPU) | trace p50 / p99 | audit | "
          "`rank` cold / warm (wall / CPU) |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['engine']} | {r['build_s']:.1f} s / {r['build_cpu']:.1f} s | "
              f"{r['trace_p50_ms']:.1f} / {r['trace_p99_ms']:.1f} ms | {r['audit_s']:.1f} s | "
              f"{r['rank_cold_s']:.1f} s / {r['rank_cold_cpu']:.1f} s, "
              f"{r['rank_warm_s']:.1f} s / {r['rank_warm_cpu']:.1f} s |")
    for name in missing:
        print(f"| {name} | not installed | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
