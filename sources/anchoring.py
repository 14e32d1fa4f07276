"""Anchor quotes in source texts (W3C Web Annotation TextQuote/TextPosition selectors).

A quote is looked up exactly first. Failing that, both the text and the quote are
*normalised* — whitespace runs (line breaks, NBSP, thin spaces) folded to one space, curly
quotes made straight, dashes and hyphens made ``-``, ``…`` made ``...``, soft hyphens and
zero-width characters dropped — and the match is mapped back to offsets in the original
text. Offsets are Unicode code points, ``start`` inclusive and ``end`` exclusive.

A quote found more than once is ``ambiguous`` (anchored at the first occurrence, with all
occurrences listed) unless ``occurrence`` picks one. A quote not found at all gets the
closest passage of the text and its similarity (0..1): candidate places are found by a
word index of the text (cached per text), each is aligned with the quote by
:class:`difflib.SequenceMatcher` (its longest-block matching places a passage better than an
optimal alignment, which strays to stray letters at a window's edges) and scored by
rapidfuzz, so a miss costs milliseconds even in a 100,000-character text
(``benchmarks/bench_fuzzy.py``).

Examples
--------
>>> a = anchor("In 2023, exports more than\\n doubled to 1,300 tons.", "more than doubled")
>>> a.status, a.start, a.end, a.exact
('normalised', 17, 35, 'more than\\n doubled')
>>> anchor("He said \\u201cno\\u201d.", 'said "no"').span
(3, 12)
>>> anchor("abc abc", "abc").status
'ambiguous'
>>> anchor("abc abc", "abc", occurrence=2).start
4
>>> miss = anchor("Exports of nitrocellulose rose sharply in 2023.", "nitrocelulose rose")
>>> miss.status, miss.closest
('not_found', (11, 30, 0.97))
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from claimgraph.schema.suggest import closest, similarity

__all__ = [
    "CONTEXT_CHARS",
    "MIN_SIMILARITY",
    "Anchor",
    "Status",
    "anchor",
    "closest_passage",
    "normalise",
    "normalise_with_map",
]

CONTEXT_CHARS = 32
MIN_SIMILARITY = 0.35  # below this a "closest passage" is noise and is not reported
Status = Literal["exact", "normalised", "ambiguous", "not_found", "recorded"]
"""``recorded``: placed by the selectors the case records, the (quote-only) text being absent."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote sits in a text, or why it could not be placed.

    ``exact``/``prefix``/``suffix`` are the TextQuoteSelector, ``start``/``end`` the
    TextPositionSelector; ``occurrences`` the start of every match; ``closest`` is
    ``(start, end, similarity)`` of the nearest passage when the quote was not found.
    """

    status: Status
    start: int | None = None
    end: int | None = None
    exact: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    occurrences: tuple[int, ...] = field(default=())
    closest: tuple[int, int, float] | None = None

    @property
    def anchored(self) -> bool:
        """True when the quote has a place in the text (exact, normalised or ambiguous)."""
        return self.start is not None

    @property
    def span(self) -> tuple[int, int] | None:
        """``(start, end)`` or None."""
        if self.start is None or self.end is None:
            return None
        return self.start, self.end


# -- normalisation -------------------------------------------------------------------
_DROP = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"
_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
}
_SPECIAL = re.compile("[\\s" + _DROP + "".join(_FOLD) + "]")


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text``; ``map[i]`` is the original offset of normalised char ``i``.

    The map has one extra entry, ``len(text)``, so an end offset maps too.

    >>> normalise_with_map("a\\u00a0\\u2014\\n b\\u00ad")
    ('a - b', [0, 1, 2, 3, 5, 7])
    """
    if not _SPECIAL.search(text):
        return text, [*range(len(text)), len(text)]
    out: list[str] = []
    mapping: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        if ch.isspace():
            if not space:
                out.append(" ")
                mapping.append(i)
                space = True
            continue
        space = False
        rep = _FOLD.get(ch, ch)
        out.append(rep)
        mapping.extend([i] * len(rep))
    mapping.append(len(text))
    return "".join(out), mapping


def normalise(text: str) -> str:
    """The normalised form of a text (see :func:`normalise_with_map`), stripped.

    >>> normalise("  \\u201cSo\\u2011called\\u201d\\n\\n  aid\\u2026 ")
    '"So-called" aid...'
    """
    return normalise_with_map(text)[0].strip()


@lru_cache(maxsize=16)
def _normalised(text: str) -> tuple[str, list[int]]:
    return normalise_with_map(text)


# -- finding --------------------------------------------------------------------------
def _find_all(haystack: str, needle: str) -> list[int]:
    hits = []
    i = haystack.find(needle)
    while i != -1:
        hits.append(i)
        i = haystack.find(needle, i + 1)
    return hits


def _make(text: str, start: int, end: int, status: Status, hits: list[int],
          quote: str = "") -> Anchor:
    # an exact match keeps the quote itself as its exact text (one string, not two: a
    # million quotes are held until the build has written them)
    same = end - start == len(quote) and text.startswith(quote, start)
    return Anchor(status, start, end, quote if same else text[start:end],
                  text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS],
                  tuple(hits))


def anchor(text: str, quote: str, occurrence: int | None = None) -> Anchor:
    """Place ``quote`` in ``text``; ``occurrence`` (1-based) picks one of several matches.

    Returns an :class:`Anchor` whose status is ``exact``, ``normalised``, ``ambiguous``
    (several matches, no ``occurrence``: anchored at the first) or ``not_found`` (with
    ``closest`` when a similar passage exists, or with ``occurrences`` when ``occurrence``
    is larger than the number of matches).
    """
    hits = _find_all(text, quote) if quote else []
    status: Status = "exact"
    spans = [(h, h + len(quote)) for h in hits]
    nquote = ""
    if not hits:
        norm, mapping = _normalised(text)
        nquote = normalise(quote)
        if nquote:
            nhits = _find_all(norm, nquote)
            spans = [(mapping[h], mapping[h + len(nquote) - 1] + 1) for h in nhits]
            status = "normalised"
    if not spans:
        return Anchor("not_found", closest=closest_passage(text, quote))
    starts = [s for s, _ in spans]
    if occurrence is not None:
        if occurrence > len(spans):
            return Anchor("not_found", occurrences=tuple(starts))
        s, e = spans[occurrence - 1]
        return _make(text, s, e, status, starts, quote)
    s, e = spans[0]
    a = _make(text, s, e, status, starts, quote)
    if len(spans) > 1:
        return Anchor("ambiguous", a.start, a.end, a.exact, a.prefix, a.suffix, a.occurrences)
    return a


# -- closest passage --------------------------------------------------------------------
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _WordIndex:
    norm: str  # normalised, case-folded text
    mapping: list[int]
    starts: list[int]  # start of word k in norm
    ends: list[int]
    positions: dict[str, list[int]]  # word -> word indexes


@lru_cache(maxsize=16)
def _index(text: str) -> _WordIndex:
    norm, mapping = _normalised(text)
    norm = norm.lower() if len(norm.lower()) == len(norm) else norm  # keep the map valid
    starts, ends = [], []
    positions: dict[str, list[int]] = defaultdict(list)
    for k, m in enumerate(_WORD.finditer(norm)):
        starts.append(m.start())
        ends.append(m.end())
        positions[m.group()].append(k)
    return _WordIndex(norm, mapping, starts, ends, dict(positions))


def _candidates(ix: _WordIndex, qwords: list[str], limit: int = 6) -> list[int]:
    """Likely word offsets where the quote starts: diagonal votes of shared rare words."""
    votes: dict[int, float] = defaultdict(float)
    for j, w in enumerate(qwords):
        pos = ix.positions.get(w)
        if not pos:
            close = closest(w, ix.positions, cutoff=0.75, n=3) if len(qwords) <= 3 else []
            pos = [p for c in close for p in ix.positions[c]]
        if not pos or len(pos) > 2000:
            continue
        weight = 1.0 / len(pos)
        for p in pos:
            votes[(p - j) // 2] += weight  # buckets of two words absorb dropped words
    best = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [b * 2 for b, _ in best]


def closest_passage(text: str, quote: str) -> tuple[int, int, float] | None:
    """The passage of ``text`` most similar to ``quote``: ``(start, end, similarity)``.

    Similarity is :func:`~claimgraph.schema.suggest.similarity` (normalised Indel similarity)
    of the normalised, case-folded strings, two decimals; None when nothing reaches
    :data:`MIN_SIMILARITY`.

    >>> closest_passage("The plant at Perm exploded in March 2025.", "plant in Perm exploded")
    (4, 26, 0.91)
    """
    q = normalise(quote).lower()
    if not q or not text:
        return None
    ix = _index(text)
    if not ix.starts:
        return None
    qwords = _WORD.findall(q)
    n = max(1, len(qwords))
    best: tuple[float, int, int] | None = None
    for cand in _candidates(ix, qwords):
        lo_w = max(0, cand - 3)
        hi_w = min(len(ix.starts) - 1, cand + n + 3)
        lo, hi = ix.starts[lo_w], ix.ends[hi_w]
        window = ix.norm[lo:hi]
        sm = difflib.SequenceMatcher(None, q, window, autojunk=False)
        blocks = [b for b in sm.get_matching_blocks() if b.size]
        if not blocks:
            continue
        s = lo + blocks[0].b - blocks[0].a
        e = lo + blocks[-1].b + blocks[-1].size + (len(q) - blocks[-1].a - blocks[-1].size)
        s, e = _snap(ix, max(lo, s), min(hi, e))
        ratio = similarity(q, ix.norm[s:e])
        if best is None or ratio > best[0] + 1e-9:
            best = (ratio, s, e)
    if best is None or best[0] < MIN_SIMILARITY:
        return None
    ratio, s, e = best
    start = ix.mapping[s]
    end = ix.mapping[e - 1] + 1 if e > s else start
    return start, end, round(ratio, 2)


def _snap(ix: _WordIndex, s: int, e: int) -> tuple[int, int]:
    """Widen ``[s, e)`` in the normalised text to whole words."""
    norm = ix.norm
    while s > 0 and norm[s - 1].isalnum() and norm[s].isalnum():
        s -= 1
    while e < len(norm) and e > 0 and norm[e - 1].isalnum() and norm[e].isalnum():
        e += 1
    while s < e and norm[s] == " ":
        s += 1
    while e > s and norm[e - 1] == " ":
        e -= 1
    return s, e
