"""Speed of the network analytics on a generated store (issue 6 budgets).

Generates a case with casegen.py (default 5,000 entities / 100,000 claims / 10,000 sources),
builds it into an on-disk Oxigraph store (the real build pipeline, with the provenance
assessment), then times, each on its own line:

* reading the inputs from the store as every analytics command does
  (``an.load_inputs``: targeted SPARQL on the case's current graphs), and with
  ``--full-read`` also the full read (``store.read_case`` + ``read_assessment``) it replaced;
* the projection (claim graph, aggregated graph, collapsed graph), as ``an.project`` runs it;
* each ranking measure, and ``rank`` as the CLI runs it;
* ``why`` (Yen's k shortest paths + hop expansion) for random entity pairs, directed and
  undirected;
* ego network, communities, timeline rows, exports.

Budgets: projection + rank under 30 s; each ``why`` under 2 s. Exit 1 if one is missed.
The summary also gives store -> inputs -> projection -> rank, the path of ``claimgraph
rank`` without interpreter start-up and table printing.

    .venv/bin/python benchmarks/bench_analytics.py                   # full size
    .venv/bin/python benchmarks/bench_analytics.py --claims 10000 --entities 1000 --sources 1000
    .venv/bin/python benchmarks/bench_analytics.py --store /tmp/bench-store   # reuse a build
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casegen import add_size_arguments, generate_case

from claimgraph.graph import analytics as an
from claimgraph.graph.build import build_case
from claimgraph.graph.store import open_store

PROJECTION_RANK_BUDGET = 30.0
WHY_BUDGET = 2.0


def timed(label: str, fn: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``fn``; print wall and CPU seconds (on a shared machine they differ a lot)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(f"  {label:<48} {dt:8.3f} s wall {dc:8.3f} s CPU")
    return out, dt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_size_arguments(ap)
    ap.add_argument("--pairs", type=int, default=10, help="random pairs for `why`")
    ap.add_argument("--store", type=Path, help="store folder to build into / reuse")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--full-read", action="store_true",
                    help="also time the full read (read_case + read_assessment; slow)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        store_dir = args.store or Path(tmp) / "store"
        case_id = None
        if store_dir.exists():
            store = open_store(store_dir)
            ids = [c.id for c in store.cases()]
            case_id = ids[0] if ids else None
        else:
            store = open_store(store_dir)
        if case_id is None:
            print(f"generating {args.claims:,} claims / {args.entities:,} entities / "
                  f"{args.sources:,} sources ...")
            t0 = time.perf_counter()
            root = generate_case(Path(tmp) / "case", n_claims=args.claims,
                                 n_entities=args.entities, n_sources=args.sources,
                                 fmt="jsonl", seed=args.seed)
            print(f"  generated in {time.perf_counter() - t0:.1f} s")
            result, _ = timed("build into the on-disk store", lambda: build_case(root, store))
            case_id = result.case_id
        store.close()
        store = open_store(store_dir, read_only=True)
        cid: str = case_id

        print("read from the store")
        inputs, t_read = timed("load_inputs (what the CLI reads)",
                               lambda: an.load_inputs(store, cid))
        if args.full_read:
            timed("load_inputs(full=True): read_case + read_assessment",
                  lambda: an.load_inputs(store, cid, full=True))
        store.close()
        case, statuses = inputs.case, inputs.statuses
        print(f"  -> {len(case.entities):,} entities, {len(case.claims):,} claims, "
              f"{len(statuses):,} statuses (assessed: {inputs.assessed})")

        print("projection")
        g, t_g = timed("claim graph (MultiDiGraph)", lambda: an.claim_graph(case, statuses))
        agg, t_agg = timed("aggregated graph (one edge per s-p-o)", lambda: an.aggregate_graph(g))
        col, t_col = timed("collapsed graph (one edge per pair)", lambda: an.collapse_graph(agg))
        print(f"  -> {g.number_of_nodes():,} nodes, {g.number_of_edges():,} claim edges, "
              f"{agg.number_of_edges():,} triples, {col.number_of_edges():,} pairs")
        t_proj = t_g + t_agg + t_col

        print("ranking measures")
        for m in an.MEASURES:
            timed(m, lambda m=m: an.centrality(g, col, measures=[m]))
        rows, t_rank = timed("rank (all five measures + why, top 15)",
                             lambda: an.rank(g, col, top=15))
        print(f"  -> top: {', '.join(r.node for r in rows[:5])} (betweenness from "
              "100 seeded samples)")

        print("why (k=5, max 4 hops)")
        rng = random.Random(args.seed)
        by_degree = sorted(g.nodes, key=lambda n: (g.degree(n), n))
        mid = by_degree[len(by_degree) // 4: 3 * len(by_degree) // 4]
        pairs = [tuple(rng.sample(mid, 2)) for _ in range(args.pairs)]
        why_times: dict[str, list[float]] = {"directed": [], "undirected": []}
        why_cpu: dict[str, list[float]] = {"directed": [], "undirected": []}
        found = {"directed": 0, "undirected": 0}
        for a, b in pairs:
            for mode in ("directed", "undirected"):
                t0, c0 = time.perf_counter(), time.process_time()
                paths = an.strongest_paths(g, a, b, k=5, max_hops=4,
                                           undirected=mode == "undirected", collapsed=col)
                why_times[mode].append(time.perf_counter() - t0)
                why_cpu[mode].append(time.process_time() - c0)
                found[mode] += bool(paths)
        for mode, ts in why_times.items():
            cs = why_cpu[mode]
            print(f"  {mode:<10} wall p50 {statistics.median(ts):.3f} s, max {max(ts):.3f} s; "
                  f"CPU p50 {statistics.median(cs):.3f} s, max {max(cs):.3f} s "
                  f"({found[mode]}/{len(pairs)} pairs connected; the first undirected "
                  "query builds the undirected search graph)")

        print("other commands")
        hub = rows[0].node
        timed(f"ego rows depth 2 from the top entity ({hub})",
              lambda: an.ego_rows(g, hub, depth=2))
        timed("communities (Louvain, seed 42)", lambda: an.communities(col))
        timed("timeline rows (all dated claims)", lambda: an.timeline_rows(g))
        timed("export GEXF (claim graph)", lambda: an.export_graph(g, Path(tmp) / "g.gexf"))
        timed("export CSV edge list (claim graph)",
              lambda: an.export_graph(g, Path(tmp) / "g.csv"))

        total = t_proj + t_rank
        worst_why = max(max(ts) for ts in why_times.values())
        print("summary")
        print(f"  read from store {t_read:.2f} s; projection {t_proj:.2f} s; "
              f"rank {t_rank:.2f} s; projection + rank {total:.2f} s "
              f"(budget {PROJECTION_RANK_BUDGET:.0f} s); slowest why {worst_why:.3f} s "
              f"(budget {WHY_BUDGET:.0f} s)")
        print(f"  store -> inputs -> projection -> rank {t_read + total:.2f} s")
        ok = total < PROJECTION_RANK_BUDGET and worst_why < WHY_BUDGET
        print("  PASS" if ok else "  FAIL: over budget")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
