"""`trace` on the embedded store: index lookups (what it uses) against the one SPARQL query
(what a server gets), claim for claim on one built store, each trace timed twice and
interleaved so both paths see the same machine load; the two traces must be equal.

    .venv/bin/python benchmarks/bench_trace.py --store STORE [--traces 1000] [--seed 0]

Prints wall and CPU p50 / p99 (ms) of each path; the first pass over the claims reads the
store cold (RocksDB's cache empty; the lookups go first on each claim, so they meet it
cold and the query finds it read), the second warm, and both are shown.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from claimgraph.graph.provenance.trace import trace_claim
from claimgraph.graph.store import open_store


def _claim_ids(store: object, case: str) -> list[str]:
    prefix = f"https://w3id.org/claimgraph/case/{case}/claim/"
    rows = store.query(  # type: ignore[attr-defined]
        "SELECT ?c WHERE { ?c a <https://w3id.org/claimgraph/ns#Claim> }", case=case)
    return sorted(r["c"][len(prefix):] for r in rows if (r["c"] or "").startswith(prefix))


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True, help="a built embedded store")
    ap.add_argument("--case", help="the case (default: the store's first)")
    ap.add_argument("--traces", type=int, default=1000, help="random claims to trace")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    store = open_store(a.store, read_only=True)
    case = a.case or store.cases()[0].id
    ids = _claim_ids(store, case)
    sample = random.Random(a.seed).sample(ids, min(a.traces, len(ids)))
    print(f"{case}: {len(ids):,} claims, {len(sample):,} traced; load average "
          f"{__import__('os').getloadavg()[0]:.1f}")
    differ = 0
    for label in ("cold", "warm"):
        times: dict[bool, tuple[list[float], list[float]]] = {True: ([], []), False: ([], [])}
        for cid in sample:
            out = {}
            for native in (True, False):
                store.native_lookups = native  # type: ignore[misc]
                w, c = time.perf_counter(), time.process_time()
                out[native] = trace_claim(store, case, cid)
                times[native][0].append((time.perf_counter() - w) * 1000)
                times[native][1].append((time.process_time() - c) * 1000)
            differ += out[True] != out[False]
        for native, (wall, cpu) in times.items():
            print(f"  {label} {'index lookups' if native else 'one query    '}: wall p50 "
                  f"{statistics.median(wall):.2f} / p99 {_pct(wall, 0.99):.2f} ms; CPU p50 "
                  f"{statistics.median(cpu):.2f} / p99 {_pct(cpu, 0.99):.2f} ms")
    print(f"traces that differ between the two paths: {differ}")
    store.close()
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
