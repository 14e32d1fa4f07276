"""Benchmark the cross-case engine on generated cases held in memory (no store: the store
read is the same ``read_case`` the other commands use, measured by bench_provenance).

K cases of N claims each over a shared pool of actors and items (seven in ten of each case's
entities carry the pool's Wikidata QID, the rest are the case's own), sources relaying one
another inside each case and a customs record linked across cases by ``same_as``;
quantities in t and kg, yearly, with "more than doubled" / "almost doubled" in quotes.
Prints the time of: resolution, matching index, every cross-case matching pair, the
disagreement audit, ``corroborate`` of 300 random claims, the store overview; and the
peak resident memory.

Run: ``.venv/bin/python benchmarks/bench_crosscase.py [--cases 5] [--claims 20000]``.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from claimgraph.graph.crosscase import (
    ChainReader,
    StoreCases,
    corroborate,
    disagreements,
)
from claimgraph.schema.models import Case, CaseMeta, Claim, Entity, Source


def generate(k: int, n: int, seed: int = 7) -> list[Case]:
    rng = random.Random(seed)
    actors, items = 400, 30
    cases = []
    for ci in range(k):
        cid = f"case-{ci}"
        ents = []
        for i in range(actors):
            ids = {"wikidata": f"Q{1000 + i}"} if rng.random() < 0.7 else {}
            ents.append(Entity(id=f"a{i}", name=f"Actor {i}", kind="state", ids=ids))
        for i in range(items):
            ents.append(Entity(id=f"i{i}", name=f"Item {i}", kind="commodity",
                               ids={"hs": f"{3900 + i}.20"},
                               broader=[f"i{i // 10}"] if i >= 10 else []))
        srcs = [Source(id="customs", title="Customs", kind="customs_data",
                       same_as=[] if ci == 0 else ["case-0:customs"])]
        srcs += [Source(id=f"s{i}", title=f"Outlet {i}", kind="news",
                        cites=["customs"] if i % 3 else [f"s{i - 1}"] if i else [])
                 for i in range(50)]
        claims = []
        for j in range(n):
            year = rng.randint(2015, 2024)
            unit, value = rng.choice([("t", rng.choice([700, 1300, 110, 2500])),
                                      ("kg", rng.choice([700_000, 1_300_000]))])
            word = rng.choice(["more than doubled", "almost doubled", "rose", "fell"])
            claims.append(Claim.model_validate({
                "id": f"c{j}", "text": f"claim {j}", "subject": f"a{rng.randrange(40)}",
                "predicate": rng.choice(["supplies", "supports", "produces"]),
                "object": f"a{rng.randrange(40, 80)}", "item": f"i{rng.randrange(items)}",
                "time": str(year), "quantity": {"value": value, "unit": unit},
                "evidence": [{"source": f"s{rng.randrange(50)}",
                              "quote": f"in {year} exports {word} to {value:,} {unit}"}]}))
        cases.append(Case(meta=CaseMeta(id=cid, title=cid), entities=ents, sources=srcs,
                          claims=claims))
    return cases


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=5)
    ap.add_argument("--claims", type=int, default=20_000, help="claims per case")
    args = ap.parse_args()
    cases = generate(args.cases, args.claims)
    t0 = time.perf_counter()
    sc = StoreCases(cases)
    t1 = time.perf_counter()
    pairs = sum(1 for _ in sc.matcher.cross_case_pairs())
    t2 = time.perf_counter()
    ds = disagreements(sc)
    t3 = time.perf_counter()
    rng = random.Random(1)
    reader = ChainReader(sc.resolver)
    nodes = rng.sample(sorted(sc.matcher.claims), 300)
    times = []
    for node in nodes:
        a = time.perf_counter()
        corroborate(sc, node, reader)
        times.append(time.perf_counter() - a)
    times.sort()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    total = args.cases * args.claims
    print(f"{args.cases} cases × {args.claims:,} claims = {total:,} claims, "
          f"{len(sc.resolver.links):,} cross-case links")
    print(f"resolve + matching index      {t1 - t0:7.2f} s")
    print(f"every cross-case pair         {t2 - t1:7.2f} s  ({pairs:,} matching pairs)")
    print(f"disagreement audit            {t3 - t2:7.2f} s  ({len(ds):,} disagreements)")
    print(f"corroborate, 300 claims       p50 {times[150] * 1000:.2f} ms, "
          f"p99 {times[296] * 1000:.2f} ms")
    print(f"peak RSS (cases included)     {peak / 2**20:7.0f} MiB")


if __name__ == "__main__":
    main()
