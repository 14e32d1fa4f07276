"""Benchmark: `claimgraph extract` on the bundled case's article — recall and speed.

Recall is the share of the curated evidence quotes of the article (the bundled case,
``cases/china-russia-nitrocellulose``) that lie inside one of the draft's candidate quotes
(whitespace, curly quotes and dashes normalised). Also printed: how many candidates and
candidate entities the draft holds, how many of its subject/object slots the extractor
could fill, whether the draft validates with the case, and the median time of 3 runs.

Run: ``.venv/bin/python benchmarks/bench_extract.py [--case DIR] [--text PATH] [--runs 3]``
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from claimgraph.sources.interop.casefiles import add_case_file
from claimgraph.sources.interop.extract import extract_draft, quote_recall
from claimgraph.sources.validation import validate_case

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", type=Path, default=REPO / "cases" / "china-russia-nitrocellulose")
    ap.add_argument("--text", type=Path, default=None, help="default: CASE/texts/article.txt")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    text = args.text or args.case / "texts" / "article.txt"
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        draft = extract_draft(text, args.case)
        times.append(time.perf_counter() - t0)
    result = validate_case(args.case)
    assert result.case is not None
    curated = {e.quote for c in result.case.claims for e in c.evidence
               if e.source == draft.source_id}
    hit, total = quote_recall(draft.quotes, curated)
    claims = draft.batch.claims
    placeholder = sum(c["subject"] == "todo-entity" or c["object"] == "todo-entity"
                      for c in claims)
    check = add_case_file(args.case, "draft-bench.yaml", draft.to_yaml(), dry_run=True)
    print(f"extract {text.relative_to(args.case)} with case {args.case.name}")
    print(f"  candidates: {len(claims)} claims (one per sentence), "
          f"{len(draft.batch.entities)} new entities (placeholder included)")
    print(f"  filled: {len(claims) - placeholder}/{len(claims)} claims with subject and object "
          f"guessed; {sum('quantity' in c for c in claims)} quantities, "
          f"{sum('time' in c for c in claims)} times, "
          f"{sum('confidence' in c for c in claims)} hedged")
    print(f"  recall of the curated quotes: {hit}/{total} = {100 * hit / total:.1f} %")
    print(f"  draft validates with the case: {'yes' if not check.new_errors else 'no'} "
          f"({len(check.new_errors)} new errors)")
    print(f"  time: median {statistics.median(times):.2f} s of {args.runs} runs")
    return 0 if not check.new_errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
