"""Build speed, side by side in one run, on one generated case (issue 3's benchmark):

(a) ``claimgraph.graph.build.build_case`` into a fresh on-disk store — validation, mapping,
    build provenance, derived assessments and the atomic load all included;
(b) pyoxigraph's own ``Store.bulk_load`` of the same quads as an N-Quads file into a fresh
    on-disk store (the engine's limit);
(c) a naive rdflib in-memory ``Graph.add`` loop over the same triples (what users write by
    hand: build rdflib terms, add one triple at a time).

Then a rebuild of the same case (fresh graphs + catalogue flip + drop of the superseded
graphs) to show what replacing costs. Prints quads, seconds, quads/s and ratios.

    .venv/bin/python benchmarks/bench_build.py                 # 100,000 claims (minutes)
    .venv/bin/python benchmarks/bench_build.py --claims 10000  # quick look
    .venv/bin/python benchmarks/bench_build.py --keep /tmp/bench  # keep case + store for
                                                                  # bench_query.py
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casegen import generate_case

from claimgraph.graph.build import build_case
from claimgraph.graph.store import open_store


def _row(name: str, quads: int, seconds: float, base: float) -> str:
    return (f"{name:<52} {quads:>10,} {seconds:>9.2f} {quads / seconds:>11,.0f} "
            f"{seconds / base:>7.2f}x")


def _rdflib_loop(nquads: Path, limit: int | None) -> tuple[int, float]:
    """Naive loop: rdflib terms made and added one triple at a time (parse not timed)."""
    from rdflib import BNode, Graph, Literal, URIRef

    plain = []
    for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        o = q.object
        if isinstance(o, ox.Literal):
            obj: tuple[str, ...] = ("L", o.value, o.datatype.value if not o.language else "",
                                    o.language or "")
        elif isinstance(o, ox.BlankNode):
            obj = ("B", o.value)
        else:
            obj = ("U", o.value)
        plain.append((q.subject.value, q.predicate.value, obj))
        if limit and len(plain) >= limit:
            break
    gc.collect()
    t0 = time.perf_counter()
    g = Graph()
    for s, p, obj in plain:
        if obj[0] == "L":
            term = (Literal(obj[1], lang=obj[3]) if obj[3]
                    else Literal(obj[1], datatype=URIRef(obj[2])))
        elif obj[0] == "B":
            term = BNode(obj[1])
        else:
            term = URIRef(obj[1])
        g.add((URIRef(s), URIRef(p), term))
    return len(g), time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--entities", type=int, default=5_000)
    ap.add_argument("--sources", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="work here and keep the case and the store")
    ap.add_argument("--skip-rdflib", action="store_true", help="leave out (c)")
    ap.add_argument("--no-rebuild", action="store_true", help="leave out the rebuild")
    ap.add_argument("--rdflib-limit", type=int, default=None,
                    help="time (c) on the first N triples only and extrapolate")
    args = ap.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="claimgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    case_dir, store_dir, raw_dir = work / "case", work / "store", work / "raw-store"
    nq = work / "case.nq"
    for p in (store_dir, raw_dir):
        shutil.rmtree(p, ignore_errors=True)
    if not (case_dir / "case.yaml").exists():
        t0 = time.perf_counter()
        generate_case(case_dir, n_claims=args.claims, n_entities=args.entities,
                      n_sources=args.sources, fmt="jsonl", seed=0)
        print(f"generated {args.claims:,} claims / {args.entities:,} entities / "
              f"{args.sources:,} sources (JSON Lines) in {time.perf_counter() - t0:.1f} s")

    # (a) the full build
    store = open_store(store_dir)
    t0 = time.perf_counter()
    result = build_case(case_dir, store)
    t_build = time.perf_counter() - t0
    quads = result.total_quads
    phases = ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items() if k != "store")
    print(f"build phases (s): {phases}")
    nq.write_bytes(store.dump(result.graphs.all()))

    # rebuild: the price of replacing a case atomically
    t_rebuild = 0.0
    if not args.no_rebuild:
        t0 = time.perf_counter()
        again = build_case(case_dir, store)
        t_rebuild = time.perf_counter() - t0
        re_phases = ", ".join(f"{k} {v:.2f}" for k, v in again.timings.items()
                              if k != "store")
        print(f"rebuild phases (s): {re_phases}")
    store.close()

    # (b) the engine's limit on the same quads
    raw = ox.Store(str(raw_dir))
    t0 = time.perf_counter()
    raw.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    raw.flush()
    t_bulk = time.perf_counter() - t0
    n_raw = len(raw)
    del raw
    assert n_raw == quads, (n_raw, quads)

    print()
    print(f"{'':<52} {'quads':>10} {'seconds':>9} {'quads/s':>11} {'vs (b)':>8}")
    print(_row("(a) build_case, on disk, validation included", quads, t_build, t_bulk))
    print(_row("(b) pyoxigraph Store.bulk_load of the N-Quads", n_raw, t_bulk, t_bulk))
    if t_rebuild:
        print(_row("    rebuild of the unchanged case", quads, t_rebuild, t_bulk))
    if not args.skip_rdflib:
        n_lib, t_lib = _rdflib_loop(nq, args.rdflib_limit)
        label = "(c) rdflib Graph.add loop, in memory"
        if args.rdflib_limit and n_lib < quads:
            label += f" (first {n_lib:,}, extrapolated)"
            t_lib = t_lib * quads / n_lib
            n_lib = quads
        print(_row(label, n_lib, t_lib, t_bulk))
    target = "met" if t_build <= 3 * t_bulk else "MISSED"
    print(f"\ntarget: full build within 3x of bulk_load -> {t_build / t_bulk:.2f}x ({target})")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
