"""Benchmark: precision and recall of the hedge finder on a labelled fixture.

Scores :func:`claimgraph.sources.lint.hedges` (the lexicon of ``schema/vocab/language.yaml``
with its word forms and scope rules) against ``tests/fixtures/hedges.yaml``: every
claim-bearing sentence of the bundled article plus written sentences (word forms and
false-positive traps), each labelled by hand as hedged or not, with its cue words.

Two scores:

- **sentence**: a sentence is found hedged when the finder reports at least one hedge;
- **cue**: each cue word found (as written) against each cue labelled.

Prints precision, recall and F1 of both, then the confusion list (every sentence where
finder and label disagree, and every cue found or missed wrongly), so a change of the
lexicon or the rules can be judged sentence by sentence.

Run: ``.venv/bin/python benchmarks/bench_hedges.py [--fixture PATH] [--quiet]``
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from claimgraph.sources.lint import hedges

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "hedges.yaml"


@dataclass
class Score:
    """True positives, false positives and false negatives of one level."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    sentences: int = 0
    hedged: int = 0
    sentence: Score = field(default_factory=Score)
    cue: Score = field(default_factory=Score)
    by_origin: dict[str, Score] = field(default_factory=dict)  # sentence level, per `from:`
    confusions: list[str] = field(default_factory=list)


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def score(fixture: Path = FIXTURE) -> Result:
    """Score the hedge finder on the labelled sentences of ``fixture``."""
    data = yaml.safe_load(fixture.read_text("utf-8"))
    out = Result()
    for row in data["sentences"]:
        text, label = row["text"], bool(row["hedged"])
        found = Counter(_words(h.matched) for h in hedges(text))
        want = Counter(_words(c) for c in row.get("cues") or [])
        out.sentences += 1
        out.hedged += label
        for s in (out.sentence, out.by_origin.setdefault(str(row.get("from")), Score())):
            if label and found:
                s.tp += 1
            elif label:
                s.fn += 1
            elif found:
                s.fp += 1
            else:
                s.tn += 1
        if label and not found:
            out.confusions.append(f"FN sentence  {text!r} (cues {sorted(want)})")
        elif found and not label:
            out.confusions.append(f"FP sentence  {text!r} (found {sorted(found)})")
        hit = found & want
        out.cue.tp += sum(hit.values())
        out.cue.fp += sum((found - want).values())
        out.cue.fn += sum((want - found).values())
        for w in sorted(found - want):
            if label:  # the sentence-level FP is listed already
                out.confusions.append(f"FP cue {w!r:18} in {text!r}")
        for w in sorted(want - found):
            if found:
                out.confusions.append(f"FN cue {w!r:18} in {text!r}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fixture", type=Path, default=FIXTURE)
    ap.add_argument("--quiet", action="store_true", help="figures only, no confusion list")
    args = ap.parse_args()
    t0 = time.perf_counter()
    r = score(args.fixture)
    elapsed = time.perf_counter() - t0
    print(f"hedge finder on {args.fixture.name}: {r.sentences} sentences, {r.hedged} hedged "
          f"({elapsed * 1000:.0f} ms)")
    print(f"{'level':10} {'precision':>9} {'recall':>7} {'F1':>6}   tp  fp  fn")
    rows = [("sentence", r.sentence), ("cue", r.cue),
            *((f"  {k}", v) for k, v in sorted(r.by_origin.items()))]  # sentence level
    for name, s in rows:
        print(f"{name:10} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f}  "
              f"{s.tp:3} {s.fp:3} {s.fn:3}")
    if not args.quiet:
        print(f"\nconfusions ({len(r.confusions)}):")
        for line in r.confusions:
            print("  " + line)
    sys.exit(0)


if __name__ == "__main__":
    main()
