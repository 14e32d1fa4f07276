"""Anchor quotes in source texts (W3C Web Annotation TextQuote/TextPosition selectors).

A quote is looked up exactly first; failing that, in a normalised form of both texts
(whitespace runs folded) whose offsets are mapped back to the original text. Offsets are
Unicode code points, ``start`` inclusive and ``end`` exclusive.

Examples
--------
>>> a = anchor("In 2023, exports more than\\n doubled to 1,300 tons.", "more than doubled")
>>> a.status, a.start, a.end, a.exact
('normalised', 17, 35, 'more than\\n doubled')
>>> anchor("abc abc", "abc").status
'ambiguous'
>>> anchor("abc abc", "abc", occurrence=2).start
4
>>> anchor("abc", "xyz").status
'not_found'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["CONTEXT_CHARS", "Anchor", "anchor", "normalise_with_map"]

CONTEXT_CHARS = 32
Status = Literal["exact", "normalised", "ambiguous", "not_found"]


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits in a text, or why it could not be placed."""

    status: Status
    start: int | None = None
    end: int | None = None
    exact: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    occurrences: tuple[int, ...] = field(default=())
    closest: tuple[int, int, float] | None = None  # start, end, similarity 0..1

    @property
    def anchored(self) -> bool:
        return self.start is not None


_WS = re.compile(r"\s+")


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Fold whitespace runs to one space; ``map[i]`` is the original offset of char i."""
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    for m in _WS.finditer(text):
        for i in range(pos, m.start()):
            out.append(text[i])
            mapping.append(i)
        out.append(" ")
        mapping.append(m.start())
        pos = m.end()
    for i in range(pos, len(text)):
        out.append(text[i])
        mapping.append(i)
    mapping.append(len(text))
    return "".join(out), mapping


def _find_all(haystack: str, needle: str) -> list[int]:
    hits = []
    i = haystack.find(needle)
    while i != -1:
        hits.append(i)
        i = haystack.find(needle, i + 1)
    return hits


def _make(text: str, start: int, end: int, status: Status, hits: list[int]) -> Anchor:
    return Anchor(status, start, end, text[start:end],
                  text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS],
                  tuple(hits))


def anchor(text: str, quote: str, occurrence: int | None = None) -> Anchor:
    """Place ``quote`` in ``text``; ``occurrence`` (1-based) picks one of several matches."""
    hits = _find_all(text, quote)
    status: Status = "exact"
    spans = [(h, h + len(quote)) for h in hits]
    if not hits:
        norm, mapping = normalise_with_map(text)
        nquote = _WS.sub(" ", quote).strip()
        if nquote:
            nhits = _find_all(norm, nquote)
            spans = [(mapping[h], mapping[h + len(nquote) - 1] + 1) for h in nhits]
            status = "normalised"
    if not spans:
        return Anchor("not_found")
    starts = [s for s, _ in spans]
    if occurrence is not None:
        if occurrence > len(spans):
            return Anchor("not_found", occurrences=tuple(starts))
        s, e = spans[occurrence - 1]
        return _make(text, s, e, status, starts)
    if len(spans) > 1:
        s, e = spans[0]
        a = _make(text, s, e, status, starts)
        return Anchor("ambiguous", a.start, a.end, a.exact, a.prefix, a.suffix, a.occurrences)
    s, e = spans[0]
    return _make(text, s, e, status, starts)
