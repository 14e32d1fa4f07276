"""Mark spans of untrusted text in HTML: quotes in their sources, hedges in quotes.

Every character of the text is escaped; only our own ``<mark>`` and ``<a>`` elements are
added, at code-point offsets (the anchors stored by provenance). Overlapping spans are
split into segments, so marks never nest wrongly.

Examples
--------
>>> str(mark_spans("a <b> c", [Span(2, 5, cls="cg-mark", href="../claims/c1.html")]))
'a <mark class="cg-mark"><a href="../claims/c1.html">&lt;b&gt;</a></mark> c'
>>> str(context("x" * 10 + "QUOTE" + "y" * 10, 10, 15, chars=4))
'…xxxx<mark class="cg-mark">QUOTE</mark>yyyy…'
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["Span", "context", "mark_spans"]


@dataclass(frozen=True)
class Span:
    """A span to mark: ``[start, end)`` with a class, and optionally an id, link and title."""

    start: int
    end: int
    cls: str = "cg-mark"
    id: str | None = None
    href: str | None = None
    title: str | None = None


def _attrs(span: Span, first: bool) -> str:
    out = f' class="{escape(span.cls)}"'
    if first and span.id:
        out += f' id="{escape(span.id)}"'
    if span.title:
        out += f' title="{escape(span.title)}"'
    return out


def mark_spans(text: str, spans: Sequence[Span]) -> Markup:
    """The text, escaped, with each span wrapped in ``<mark>`` (and a link when it has one).

    Where spans overlap, a segment takes the style and link of the span that starts first
    (ties: the longer one), so the output is the same for the same spans in any order.
    """
    n = len(text)
    good = sorted((s for s in spans if 0 <= s.start < s.end <= n),
                  key=lambda s: (s.start, -s.end, s.id or "", s.href or ""))
    if not good:
        return Markup(escape(text))
    cuts = sorted({0, n, *(s.start for s in good), *(s.end for s in good)})
    out: list[str] = []
    started: set[int] = set()
    for a, b in itertools.pairwise(cuts):
        seg = escape(text[a:b])
        cover = [i for i, s in enumerate(good) if s.start <= a and b <= s.end]
        if not cover:
            out.append(seg)
            continue
        i = cover[0]
        s = good[i]
        first = i not in started
        started.add(i)
        inner = f'<a href="{escape(s.href)}">{seg}</a>' if s.href else str(seg)
        out.append(f"<mark{_attrs(s, first)}>{inner}</mark>")
    return Markup("".join(out))


def context(text: str, start: int, end: int, *, chars: int = 240,
            spans: Sequence[Span] = ()) -> Markup:
    """The quote ``text[start:end]`` marked, with up to ``chars`` characters either side
    (cut at a word boundary where one is near); extra ``spans`` are marked too."""
    lo = max(0, start - chars)
    hi = min(len(text), end + chars)
    if lo > 0:
        sp = text.find(" ", lo, start)
        lo = sp + 1 if 0 <= sp < lo + 40 else lo
    if hi < len(text):
        sp = text.rfind(" ", end, hi)
        hi = sp if sp != -1 and sp > hi - 40 else hi
    shifted = [Span(start - lo, end - lo)] + [
        Span(s.start - lo, s.end - lo, s.cls, s.id, s.href, s.title) for s in spans]
    body = mark_spans(text[lo:hi], shifted)
    return Markup(("…" if lo > 0 else "") + body + ("…" if hi < len(text) else ""))
