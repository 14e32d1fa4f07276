"""Claim-by-IRI provenance lookup (claim -> evidence -> source, plus where it was written)
on a built store: p50/p99 over 1,000 random claims (issue 3's target: p99 < 5 ms).

Wall-clock percentiles on a shared machine include time the process waits for a core;
the CPU-time percentiles (this thread's CPU) show what the lookup itself costs.
Measured through the public API (``Store.query``, scoped to the catalogued current graphs,
rows of plain strings) and, for comparison, pyoxigraph directly on the same graphs; with
``--endpoint`` also over HTTP against a SPARQL server holding the same store.

    .venv/bin/python benchmarks/bench_build.py --keep /tmp/bench --skip-rdflib
    .venv/bin/python benchmarks/bench_query.py --store /tmp/bench/store
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from claimgraph.graph.namespace import SPARQL_PREFIXES
from claimgraph.graph.store import EmbeddedStore, Store, open_store

LOOKUP = SPARQL_PREFIXES + """SELECT DISTINCT ?text ?at ?ev ?quote ?relation ?src ?title ?status WHERE {
  <CLAIM> schema:text ?text ; cg:evidence ?ev .
  OPTIONAL { <CLAIM> cg:definedAt ?at }
  OPTIONAL { <CLAIM> cg:evidenceStatus ?status }
  ?ev cg:quote ?quote ; cg:relation ?relation ; prov:wasQuotedFrom ?src .
  ?src schema:name ?title .
}"""


def _percentiles(times: list[float]) -> tuple[float, float, float]:
    ms = sorted(t * 1000 for t in times)
    p99 = ms[min(len(ms) - 1, round(0.99 * len(ms)) - 1)]
    return statistics.median(ms), p99, ms[-1]


def _measure(name: str, run: Callable[[str], int], claims: list[str]) -> float:
    for c in claims[:20]:  # warm up
        run(c)
    times, cpu, rows = [], [], 0
    for c in claims:
        t0, c0 = time.perf_counter(), time.thread_time()
        rows += run(c)
        cpu.append(time.thread_time() - c0)
        times.append(time.perf_counter() - t0)
    p50, p99, worst = _percentiles(times)
    c50, c99, _ = _percentiles(cpu)
    print(f"{name:<44} wall p50 {p50:5.2f} p99 {p99:6.2f} max {worst:6.2f} ms | "
          f"CPU p50 {c50:5.2f} p99 {c99:5.2f} ms ({rows / len(claims):.1f} rows/claim)")
    return p99


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, default=Path("/tmp/claimgraph-bench/store"))
    ap.add_argument("--endpoint", help="also measure this SPARQL endpoint (same data)")
    ap.add_argument("-n", type=int, default=1000, help="claims to look up")
    args = ap.parse_args(argv)

    store = open_store(args.store, read_only=True)
    [info] = [e for e in store.cases() if e.kind == "case"][:1]
    t0 = time.perf_counter()
    claims = [r["c"] or "" for r in store.query(
        "SELECT ?c WHERE { ?c a <https://w3id.org/claimgraph/ns#Claim> }", case=info.id)]
    print(f"{info.id}: {info.counts.get('claims', 0):,} claims, "
          f"{info.counts.get('quads', 0):,} quads; listed claims in "
          f"{time.perf_counter() - t0:.2f} s")
    sample = random.Random(0).sample(claims, min(args.n, len(claims)))

    def api(claim: str, s: Store = store) -> int:
        return len(s.query(LOOKUP.replace("CLAIM", claim)))

    def api_case(claim: str, s: Store = store) -> int:
        return len(s.query(LOOKUP.replace("CLAIM", claim), case=info.id))

    assert isinstance(store, EmbeddedStore)
    native = store.native
    graphs = [ox.NamedNode(g) for g in info.graphs.all()]

    def raw(claim: str) -> int:
        return len(list(native.query(LOOKUP.replace("CLAIM", claim), default_graph=graphs)))

    p99 = _measure("Store.query (embedded, all current graphs)", api, sample)
    _measure("Store.query(case=...) (embedded)", api_case, sample)
    _measure("pyoxigraph Store.query, same graphs", raw, sample)
    if args.endpoint:
        remote = open_store(endpoint=args.endpoint)
        _measure("Store.query over HTTP (remote)", lambda c: api(c, remote), sample)
    print(f"\ntarget: p99 < 5 ms -> {p99:.2f} ms ({'met' if p99 < 5 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
