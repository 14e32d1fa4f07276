"""Speed of the RDF mapping: case -> N-Quads text, N-Quads -> pyoxigraph, -> case again.

Prints one figure per line (quads, seconds, quads/s). Generates a case with casegen.py
(validation excluded from the mapping figures, reported separately).

    .venv/bin/python benchmarks/bench_mapping.py --claims 100000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casegen import generate_case

from claimgraph.graph.mapping import CaseGraph, case_to_nquads
from claimgraph.sources.validation import validate_case


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--entities", type=int, default=5_000)
    ap.add_argument("--sources", type=int, default=10_000)
    ap.add_argument("--read-back", action="store_true", help="also time quads_to_case")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = generate_case(Path(tmp) / "case", n_claims=args.claims,
                             n_entities=args.entities, n_sources=args.sources, fmt="jsonl")
        t0 = time.perf_counter()
        result = validate_case(root)
        t_val = time.perf_counter() - t0
        case = result.case
        assert case is not None and result.ok, result.report.summary()
        print(f"validate: {len(case.claims)} claims in {t_val:.2f} s")
        t0, c0 = time.perf_counter(), time.process_time()
        text = case_to_nquads(case, texts=result.texts, anchors=result.anchors)
        t_map, c_map = time.perf_counter() - t0, time.process_time() - c0
        n = text.count("\n")
        print(f"case_to_nquads: {n} quads ({n / len(case.claims):.1f} per claim), "
              f"{len(text) / 1e6:.0f} MB in {t_map:.2f} s wall / {c_map:.2f} s CPU "
              f"= {n / t_map:,.0f} quads/s wall, {n / c_map:,.0f} quads/s CPU")
        data = text.encode()
        t0 = time.perf_counter()
        store = ox.Store()
        store.bulk_load(data, ox.RdfFormat.N_QUADS)
        t_load = time.perf_counter() - t0
        print(f"pyoxigraph in-memory bulk_load: {t_load:.2f} s = {n / t_load:,.0f} quads/s")
        if args.read_back:
            t0, c0 = time.perf_counter(), time.process_time()
            graph = CaseGraph.from_quads(store)
            t_idx, c_idx = time.perf_counter() - t0, time.process_time() - c0
            back = graph.case()
            t_case, c_case = time.perf_counter() - t0, time.process_time() - c0
            print(f"quads_to_case (from the store): index {t_idx:.2f} s wall / {c_idx:.2f} s "
                  f"CPU, models {t_case - t_idx:.2f} s wall / {c_case - c_idx:.2f} s CPU; "
                  f"equal: {back == case.canonical()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
