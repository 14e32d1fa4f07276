"""Libraries against the hand-written code they replaced (issue 10, item 9): same answers? speed?

Prints, for each, the figure of the code claimgraph used before — the same code with the two
primitives it took from difflib, ``SequenceMatcher.ratio`` and ``get_close_matches``, swapped
back in — next to the code as it is now, on rapidfuzz:

* did-you-mean over vocabulary terms and field names (typos of every term): agreement and
  microseconds per query — :func:`claimgraph.schema.suggest.did_you_mean` (rapidfuzz);
* did-you-mean over one id namespace (:class:`~claimgraph.schema.suggest.Suggester`):
  100,000 ids with 2,000 typo'd and 200 unknown references, and the 3,000 / 1,500 of the
  test suite;
* the closest passage of a quote that is not in its source
  (:func:`claimgraph.sources.anchoring.closest_passage`): typo'd quotes of the bundled case
  in their sources, and short and long typo'd quotes in a 100,000-character text; same
  passage? same similarity? milliseconds per quote;
* the RDF syntax of a file name: pyoxigraph's format registry
  (:func:`claimgraph.graph.rdfformat.syntax_for_path`) against the two suffix tables it
  replaced: the suffixes each knows, and microseconds per lookup.

    .venv/bin/python benchmarks/bench_fuzzy.py
    .venv/bin/python benchmarks/bench_fuzzy.py --ids 20000   # a smaller namespace
"""

from __future__ import annotations

import argparse
import difflib
import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from claimgraph.graph.rdfformat import syntax_for_path
from claimgraph.schema import suggest
from claimgraph.schema.models import Claim, Entity, Source
from claimgraph.schema.suggest import SUGGEST_BUDGET, Suggester, did_you_mean
from claimgraph.schema.vocab import load_vocabulary
from claimgraph.sources import anchoring
from claimgraph.sources.validation import validate_case

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "cases" / "china-russia-nitrocellulose"


# -- the difflib code claimgraph used before (reference) ------------------------------------
def difflib_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def difflib_closest(value: str, choices: Iterable[str], *, cutoff: float = 0.6,
                    n: int = 1) -> list[str]:
    return difflib.get_close_matches(value, list(choices), n=n, cutoff=cutoff)


@contextmanager
def with_difflib() -> Iterator[None]:
    """The same code with the two primitives it used to take from difflib (before)."""
    saved = suggest.similarity, suggest.closest, anchoring.similarity, anchoring.closest
    suggest.similarity = anchoring.similarity = difflib_similarity
    suggest.closest = anchoring.closest = difflib_closest
    try:
        yield
    finally:
        suggest.similarity, suggest.closest, anchoring.similarity, anchoring.closest = saved


OLD_SUFFIXES = {  # graph/store/transfer.py and graph/shacl.py had one each (same keys)
    ".nq", ".nquads", ".trig", ".ttl", ".turtle", ".jsonld", ".json", ".nt", ".rdf", ".xml",
    ".owl"}


# -- helpers ----------------------------------------------------------------------------------
def typo(rnd: random.Random, word: str) -> str:
    """One edit: a deletion, a swap, a substitution or an insertion."""
    i = rnd.randrange(len(word))
    kind = rnd.randrange(4)
    if kind == 0 and len(word) > 1:
        return word[:i] + word[i + 1:]
    if kind == 1 and len(word) > 1:
        i = min(i, len(word) - 2)
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 2:
        return word[:i] + rnd.choice("abcdefghijklmnopqrstuvwxyz") + word[i + 1:]
    return word[:i] + rnd.choice("abcdefghijklmnopqrstuvwxyz") + word[i:]


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def row(what: str, n: int, old: float, new: float, agree: str, unit: str = "µs") -> None:
    scale = 1e6 if unit == "µs" else 1e3
    print(f"{what:<44} {n:>6}  before {old / n * scale:9.2f} {unit}  now {new / n * scale:9.2f} "
          f"{unit}  ({old / new:5.1f}x)  {agree}")


# -- the benchmarks ---------------------------------------------------------------------------
def bench_vocabulary(rnd: random.Random) -> None:
    v = load_vocabulary()
    lists = [list(v.predicates), list(v.concrete_kinds()), list(v.source_kinds),
             list(v.likelihood), list(Claim.model_fields), list(Entity.model_fields),
             list(Source.model_fields)]
    queries = [(typo(rnd, term), choices) for choices in lists for term in choices
               for _ in range(20)]
    with with_difflib():
        old, t_old = timed(lambda: [did_you_mean(q, c) for q, c in queries])
    new, t_new = timed(lambda: [did_you_mean(q, c) for q, c in queries])
    same = sum(a == b for a, b in zip(old, new, strict=True))
    row("did-you-mean, vocabulary terms and fields", len(queries), t_old, t_new,
        f"same answer {same}/{len(queries)}")


def bench_namespace(rnd: random.Random, n_ids: int) -> None:
    kinds = ["company", "person", "state", "group", "soe", "facility", "media"]
    ids = [f"{rnd.choice(kinds)}-{i}" for i in range(n_ids)]
    known = set(ids)
    queries = [q for q in (typo(rnd, rnd.choice(ids)) for _ in range(2000)) if q not in known]
    queries += [f"zz-unknown-{i}" for i in range(200)]
    for label, names, qs in (
            (f"Suggester, {n_ids:,} ids (index included)", ids, queries),
            ("Suggester, 3,000 ids / 1,500 typos (tests)", [f"company-{i}" for i in range(3000)],
             [f"compny-{i}" for i in range(1500)])):
        with with_difflib():
            old, t_old = timed(lambda names=names, qs=qs: _suggest_all(names, qs))
        new, t_new = timed(lambda names=names, qs=qs: _suggest_all(names, qs))
        same = sum(a == b for a, b in zip(old, new, strict=True))
        row(label, len(qs), t_old, t_new, f"same answer {same}/{len(qs)}", "ms")


def _suggest_all(names: list[str], queries: list[str]) -> list[str | None]:
    s = Suggester(names)
    budget = [SUGGEST_BUDGET]
    return [s.suggest(q, budget) for q in queries]


def bench_passages(rnd: random.Random) -> None:
    result = validate_case(BUNDLED)
    pairs = []
    for c in result.loaded.claims:
        for ev in c.evidence:
            doc = result.texts.get(ev.source)
            if doc is not None:
                pairs += [(doc.text, typo(rnd, ev.quote)) for _ in range(3)]
    words = result.texts["article"].text.split()
    long_text = " ".join(rnd.choice(words) for _ in range(17_000))
    starts = [rnd.randrange(len(long_text) - 200) for _ in range(300)]
    long_quotes = [(long_text, typo(rnd, long_text[s:s + 120])) for s in starts]
    short_quotes = [(long_text, typo(rnd, " ".join(long_text[s:s + 40].split()[1:3])))
                    for s in starts]
    for label, qs in (("closest passage, bundled case quotes", pairs),
                      ("closest passage, 120-char quotes, 100k text", long_quotes),
                      ("closest passage, 2-word quotes, 100k text", short_quotes)):
        for text in {t for t, _ in qs}:
            anchoring.closest_passage(text, "warm up")  # each text's word index, built once
        with with_difflib():
            old, t_old = timed(lambda qs=qs: [anchoring.closest_passage(t, q) for t, q in qs])
        new, t_new = timed(lambda qs=qs: [anchoring.closest_passage(t, q) for t, q in qs])
        span = sum((a or (0, 0))[:2] == (b or (0, 0))[:2] for a, b in zip(old, new, strict=True))
        same = sum(a == b for a, b in zip(old, new, strict=True))
        higher = sum(a is not None and b is not None and b[2] > a[2]
                     for a, b in zip(old, new, strict=True))
        row(label, len(qs), t_old, t_new, f"same passage {span}/{len(qs)}, same similarity "
            f"{same}, higher {higher}", "ms")


def bench_formats() -> None:
    names = [f"file{s}" for s in sorted(OLD_SUFFIXES)] * 2000
    _, t_old = timed(lambda: [Path(n).suffix.lower() in OLD_SUFFIXES for n in names])
    _, t_new = timed(lambda: [syntax_for_path(n) for n in names])
    print(f"{'RDF syntax from a file name':<44} {len(names):>6}  before {t_old / len(names) * 1e6:9.2f} "
          f"µs  now {t_new / len(names) * 1e6:9.2f} µs  (both {len(OLD_SUFFIXES)} suffixes; "
          "media types now come with it)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ids", type=int, default=100_000, help="ids in the big namespace")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    bench_vocabulary(random.Random(args.seed))
    bench_namespace(random.Random(args.seed), args.ids)
    bench_passages(random.Random(args.seed))
    bench_formats()


if __name__ == "__main__":
    main()
