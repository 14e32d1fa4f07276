"""Analytics at size (issue 15, item 7): where networkx spends the time of ``rank``, at the
shape of a 100k-claim and a 1M-claim case, and what sampling betweenness costs in accuracy.

The collapsed graph ``rank`` works on is generated directly (no store, no build): ``--nodes``
entities and ``--edges`` weighted directed pairs with a heavy-tailed degree (a few hubs, like
the generated cases), ``cost = 1 / weight``. For each size it times degree, strengths,
PageRank (scipy) and betweenness from ``k`` seeded source samples (the ``--samples`` of
``claimgraph rank``), and gives the *stated error* of the sample: how many of the top 10
by sampled betweenness are in the top 10 of a reference run with ``--reference`` samples,
and the largest relative error of their scores.

    .venv/bin/python benchmarks/bench_measures.py                       # 5k/100k and 50k/1M
    .venv/bin/python benchmarks/bench_measures.py --sizes 5000:100000 --reference 1000
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

import networkx as nx


def collapsed(nodes: int, edges: int, seed: int) -> nx.DiGraph:
    """A heavy-tailed weighted DiGraph shaped like ``collapse_graph``'s output."""
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 0.8 for i in range(nodes)]  # Zipf-like popularity
    names = [f"e{i}" for i in range(nodes)]
    g = nx.DiGraph()
    g.add_nodes_from(names)
    n = 0  # counted here: DiGraph.number_of_edges() walks every node, once per edge it
    while n < edges:  # made the 100k shape take 20 minutes to generate
        for u, v in zip(rng.choices(names, weights, k=edges), rng.choices(names, k=edges),
                        strict=True):
            if u != v and not g.has_edge(u, v):
                w = round(rng.choice((0.6, 0.85, 1.0, 1.25, 1.5, 2.5)), 6)
                g.add_edge(u, v, weight=w, cost=round(1.0 / w, 6))
                n += 1
            if n >= edges:
                break
    return g


def timed(label: str, fn: Callable[[], Any]) -> tuple[Any, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"    {label:<44} {wall:8.2f} s wall {cpu:8.2f} s CPU", flush=True)
    return out, cpu


def top(scores: dict[str, float], n: int = 10) -> list[str]:
    return sorted(scores, key=lambda k: (-scores[k], k))[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", default=["5000:100000", "50000:1000000"],
                    help="NODES:EDGES of each collapsed graph")
    ap.add_argument("--samples", type=int, nargs="+", default=[25, 100])
    ap.add_argument("--reference", type=int, default=400,
                    help="samples of the reference betweenness (the first size only)")
    args = ap.parse_args(argv)
    rows = []
    for i, size in enumerate(args.sizes):
        n, m = (int(x) for x in size.split(":"))
        print(f"{n:,} nodes, {m:,} edges", flush=True)
        g, _ = timed("generate", lambda n=n, m=m: collapsed(n, m, 0))
        _, t_deg = timed("degree + in/out strength", lambda g=g: (
            dict(g.degree()), dict(g.in_degree(weight="weight")),
            dict(g.out_degree(weight="weight"))))
        _, t_pr = timed("PageRank (scipy)", lambda g=g: nx.pagerank(g, weight="weight"))
        reference = None
        if i == 0 and args.reference:
            reference, _ = timed(f"betweenness, {args.reference} samples (reference)",
                                     lambda g=g: nx.betweenness_centrality(
                                         g, k=args.reference, weight="cost", seed=99))
        for k in args.samples:
            scores, t_b = timed(f"betweenness, {k} samples", lambda g=g, k=k:
                                nx.betweenness_centrality(g, k=k, weight="cost", seed=0))
            err = ""
            if reference is not None:
                ref_top = top(reference)
                hits = len(set(top(scores)) & set(ref_top))
                rel = max(abs(scores[x] - reference[x]) / reference[x] for x in ref_top
                          if reference[x] > 0)
                err = f"{hits}/10 of the reference top 10; max rel. error {rel:.0%}"
                print(f"      stated error: {err}", flush=True)
            rows.append((f"{n:,} / {m:,}", t_deg, t_pr, k, t_b, err))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB")
    print("| nodes / edges | degree + strengths | PageRank | betweenness (k samples) | "
          "sampling error (vs reference) |")
    print("|---|---|---|---|---|")
    for size, t_deg, t_pr, k, t_b, err in rows:
        print(f"| {size} | {t_deg:.2f} s | {t_pr:.2f} s | {t_b:.1f} s (k={k}) | "
              f"{err or '—'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
