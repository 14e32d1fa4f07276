"""The W3C selectors a case records for a quote: checked with and without the source text.

An evidence may record where its quote sits in the source text as read: a
TextPositionSelector (``start``, ``end``: Unicode code points, end exclusive) and the
TextQuoteSelector's ``prefix``/``suffix`` (its ``exact`` is the evidence's ``quote``). A
*quote-only* source (``quote_only: true``) is one whose text is not distributed with the
case — news texts are copyrighted — so these selectors and the source's ``sha256`` are all
that is kept of it; a curator's own copy of the text verifies them.

Three things happen here, each a pure function of strings:

- :func:`consistency_problems` — what can be checked *without* the text: the position is
  whole (both ends) and ordered, its length is the quote's length, a prefix is no longer
  than the text before the quote;
- :func:`mismatch_problems` — with the text: the quote, the prefix and the suffix stand
  where the selectors say;
- :func:`selectors_for` — the selectors of a quote placed in a text (what
  ``claimgraph anchor CASE --write-selectors`` writes), and :func:`relocate`, which finds a
  quote in a *different* copy of the text by its TextQuoteSelector alone.

Examples
--------
>>> text = "In 2022, about 700 tons. In 2023, exports more than doubled to 1,300 tons."
>>> sel = selectors_for(text, 34, 59, context=10)
>>> sel
Selectors(exact='exports more than doubled', prefix=' In 2023, ', suffix=' to 1,300 ', start=34, end=59)
>>> consistency_problems(sel), mismatch_problems(text, sel)
([], [])
>>> bad = Selectors("exports more than doubled", None, None, 34, 58)
>>> [p.message for p in consistency_problems(bad)]
['end - start is 24 but the quote has 25 characters']
>>> [p.field for p in mismatch_problems(text.replace("In 2022", "In 2021, "), sel)]
['start']
>>> relocate("Preface. " + text, sel)
43
"""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.schema.models import MAX_SELECTOR_CONTEXT, Evidence

__all__ = [
    "DEFAULT_CONTEXT",
    "SelectorProblem",
    "Selectors",
    "consistency_problems",
    "has_position",
    "mismatch_problems",
    "relocate",
    "selectors_for",
    "selectors_of",
]

DEFAULT_CONTEXT = 32
"""Characters of prefix and suffix written by default (the W3C advice is "a few words")."""

_SHOW = 40


@dataclass(frozen=True)
class Selectors:
    """A quote's TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector."""

    exact: str
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class SelectorProblem:
    """One failed selector check: the evidence field it is about, what failed, a hint."""

    field: str
    message: str
    hint: str


def selectors_of(ev: Evidence) -> Selectors:
    """The selectors an evidence records (all None when it records none)."""
    return Selectors(ev.quote, ev.prefix, ev.suffix, ev.start, ev.end)


def has_position(sel: Selectors) -> bool:
    """True when both ends of the TextPositionSelector are recorded."""
    return sel.start is not None and sel.end is not None


def _show(s: str) -> str:
    s = s.replace("\n", "\\n")
    return repr(s if len(s) <= _SHOW else s[: _SHOW - 1] + "…")


def consistency_problems(sel: Selectors) -> list[SelectorProblem]:
    """What is wrong with the selectors among themselves (no text needed).

    >>> [p.field for p in consistency_problems(Selectors("abc", "xyzxyz", None, 4, 7))]
    ['prefix']
    >>> [p.message for p in consistency_problems(Selectors("abc", None, None, 5, None))]
    ['start is recorded without end']
    """
    out: list[SelectorProblem] = []
    fix = "run `claimgraph anchor CASE --write-selectors` with the text present"
    if (sel.start is None) != (sel.end is None):
        have, lack = ("start", "end") if sel.end is None else ("end", "start")
        out.append(SelectorProblem(have, f"{have} is recorded without {lack}",
                                   f"record both ends of the position, or {fix}"))
        return out
    if sel.start is not None and sel.end is not None:
        if sel.start >= sel.end:
            out.append(SelectorProblem("end", f"end ({sel.end}) is not after start "
                                       f"({sel.start})", f"end is exclusive; {fix}"))
        elif sel.end - sel.start != len(sel.exact):
            out.append(SelectorProblem(
                "end", f"end - start is {sel.end - sel.start} but the quote has "
                f"{len(sel.exact)} characters",
                "the position must span the quote exactly (code points); " + fix))
        if sel.prefix is not None and len(sel.prefix) > sel.start:
            out.append(SelectorProblem(
                "prefix", f"the prefix has {len(sel.prefix)} characters but only "
                f"{sel.start} stand before the quote (start {sel.start})",
                "the prefix is the text just before the quote; " + fix))
    for name, value in (("prefix", sel.prefix), ("suffix", sel.suffix)):
        if value is not None and len(value) > MAX_SELECTOR_CONTEXT:  # models refuse it too
            out.append(SelectorProblem(name, f"the {name} has {len(value)} characters "
                                       f"(at most {MAX_SELECTOR_CONTEXT})",
                                       f"keep a few words of {name}"))
    return out


def mismatch_problems(text: str, sel: Selectors) -> list[SelectorProblem]:
    """Where the text contradicts the recorded selectors (none when they all hold).

    Only what is recorded is checked: a quote without a position is checked by the quote
    anchoring; a prefix or suffix is checked next to the recorded position.
    """
    if sel.start is None or sel.end is None or consistency_problems(sel):
        return []
    out: list[SelectorProblem] = []
    found = text.find(sel.exact)
    where = (f"the quote is at {found}-{found + len(sel.exact)}" if found >= 0
             else "the quote does not occur verbatim in this text")
    if sel.end > len(text):
        out.append(SelectorProblem("end", f"end ({sel.end}) is past the end of the text "
                                   f"({len(text)} characters)", where))
        return out
    at = text[sel.start:sel.end]
    if at != sel.exact:
        out.append(SelectorProblem("start", f"at {sel.start}-{sel.end} the text reads "
                                   f"{_show(at)}, not the quote", where))
        return out
    if sel.prefix is not None:
        before = text[max(0, sel.start - len(sel.prefix)):sel.start]
        if before != sel.prefix:
            out.append(SelectorProblem("prefix", f"the text before the quote is "
                                       f"{_show(before)}, not the recorded prefix "
                                       f"{_show(sel.prefix)}", "re-record the selectors"))
    if sel.suffix is not None:
        after = text[sel.end:sel.end + len(sel.suffix)]
        if after != sel.suffix:
            out.append(SelectorProblem("suffix", f"the text after the quote is "
                                       f"{_show(after)}, not the recorded suffix "
                                       f"{_show(sel.suffix)}", "re-record the selectors"))
    return out


def selectors_for(text: str, start: int, end: int,
                  context: int = DEFAULT_CONTEXT) -> Selectors:
    """The selectors of the passage ``text[start:end]``, with ``context`` characters of
    prefix and suffix (fewer at the text's ends)."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"no passage {start}-{end} in a text of {len(text)} characters")
    context = max(0, min(context, MAX_SELECTOR_CONTEXT))
    return Selectors(text[start:end], text[max(0, start - context):start],
                     text[end:end + context], start, end)


def relocate(text: str, sel: Selectors) -> int | None:
    """Where the quote stands in ``text`` by its TextQuoteSelector: the start of the one
    occurrence of ``exact`` whose recorded prefix and suffix match best (both, then
    either), nearest the recorded start; None when the quote does not occur.

    >>> relocate("a b a c", Selectors("a", None, " c", None, None))
    4
    """
    best: tuple[int, int, int] | None = None
    i = text.find(sel.exact)
    while i >= 0:
        e = i + len(sel.exact)
        score = 0
        if sel.prefix and text[max(0, i - len(sel.prefix)):i] == sel.prefix:
            score += 1
        if sel.suffix and text[e:e + len(sel.suffix)] == sel.suffix:
            score += 1
        key = (-score, abs(i - (sel.start or 0)), i)
        if best is None or key < best:
            best = key
        i = text.find(sel.exact, i + 1)
    return None if best is None else best[2]
