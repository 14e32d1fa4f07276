"""Check recorded selectors, and quote-only sources with or without their text.

A quote-only source (``quote_only: true``) keeps in the case only its URL, the ``sha256``
of the text as read and, on each evidence, the quote with its W3C selectors; the text
itself sits in an ignored folder on a curator's machine (see the README, "Quote-only
cases"). Validation then runs in one of three modes per source:

=================  ===============================================================
text absent        the selectors are checked among themselves and a sha256 must be
                   recorded; a ``text-not-present`` note (severity info) names the
                   checks that were skipped. The quotes count as placed (anchor status
                   ``recorded``), so build, site and trace work on a clean checkout.
text present,      every quote must stand at its recorded position with its prefix and
same sha256        suffix (``selector-mismatch`` errors otherwise, located on the field).
text present,      ``text-hash-mismatch`` error: this copy is not the text the quotes were
other sha256       read in; the message says how many quotes its TextQuoteSelectors still
                   find in it.
=================  ===============================================================

Any evidence's recorded selectors, quote-only or not, are also checked among themselves
(``selector-invalid``) and, when its source text is present, against it.

Examples
--------
>>> import tempfile, pathlib
>>> from claimgraph.sources.validation import validate_case
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "case.yaml").write_text("id: demo\\ntitle: Demo\\n")
>>> _ = (d / "data.yaml").write_text('''entities:
...   - {id: cn, name: China, kind: state}
...   - {id: ru, name: Russia, kind: state}
... sources:
...   - {id: news, title: News, kind: news, quote_only: true, text: local-texts/news.txt,
...      sha256: 0d1a8e3f1b1c1b3e8d5b0b4c0a7e9d5c4f3b2a1908f7e6d5c4b3a29180f7e6d5}
... claims:
...   - {id: c1, text: China supplied Russia., subject: cn, predicate: supplies, object: ru,
...      evidence: [{source: news, quote: "700 tons", start: 15, end: 23}]}
... ''')
>>> [(p.severity, str(p.code)) for p in validate_case(d).problems]
[('info', 'text-not-present')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimgraph.errors import Problem, ProblemCode
from claimgraph.schema.models import Source

from .anchoring import Anchor
from .selectors import (
    SelectorProblem,
    Selectors,
    consistency_problems,
    has_position,
    mismatch_problems,
    relocate,
    selectors_of,
)

if TYPE_CHECKING:
    from .validation import ValidationResult

__all__ = ["SKIPPED_WITHOUT_TEXT", "check_selectors", "quote_only_ids"]

SKIPPED_WITHOUT_TEXT = ("the text's sha256", "each quote at its recorded position",
                        "each prefix and suffix", "whether a quote occurs more than once")
"""The checks a quote-only source's quotes miss while its text is absent."""

_SHOW = 5


def quote_only_ids(sources: list[Source]) -> set[str]:
    """Ids of the quote-only sources."""
    return {s.id for s in sources if s.quote_only}


@dataclass
class _Tally:
    quotes: int = 0
    found: int = 0
    lost: list[str] = field(default_factory=list)


def _where(result: ValidationResult, kind: str, rid: str,
           *paths: tuple[str | int, ...]) -> tuple[str, int | None, int | None]:
    origin = result.loaded.origin(kind, rid)
    if origin is None:
        return "<case>", None, None
    for p in paths:
        mark = origin.locations.exact(p)
        if mark is not None:
            return origin.file, mark[0], mark[1]
    return origin.file, origin.line, origin.col


def _recorded(sel: Selectors) -> Anchor:
    return Anchor("recorded", sel.start, sel.end, sel.exact, sel.prefix, sel.suffix)


def _source_problems(result: ValidationResult, s: Source) -> None:
    missing = [f for f, v in (("text", s.text), ("sha256", s.sha256)) if v is None]
    if missing:
        result.report.add(Problem(
            "error", ProblemCode.QUOTE_ONLY_INCOMPLETE,
            f"source '{s.id}' is quote-only but records no {' and no '.join(missing)}",
            *_where(result, "source", s.id, ("quote_only",)),
            "a quote-only source names where its local text goes (text: local-texts/"
            f"{s.id}.txt) and the sha256 of the text as read (`claimgraph anchor CASE "
            "--write-selectors` records it)"))


def check_selectors(result: ValidationResult) -> None:
    """Check every recorded selector, and the quotes of quote-only sources (see module)."""
    sources = {s.id: s for s in result.loaded.sources}
    qo = quote_only_ids(result.loaded.sources)
    for sid in sorted(qo):
        _source_problems(result, sources[sid])
    state: dict[str, str] = {}
    for sid in qo:
        doc = result.texts.get(sid)
        recorded = sources[sid].sha256
        state[sid] = ("absent" if doc is None
                      else "other" if recorded is not None and doc.sha256 != recorded
                      else "same")
    tallies = {sid: _Tally() for sid in qo}
    for c in result.loaded.claims:
        for i, ev in enumerate(c.evidence):
            sel = selectors_of(ev)
            label = f"claim '{c.id}': evidence #{i + 1}"
            bad = consistency_problems(sel)
            for p in bad:
                _add(result, ProblemCode.SELECTOR_INVALID, c.id, i, label, p)
            doc = result.texts.get(ev.source)
            if ev.source not in qo:
                if doc is not None and not bad and has_position(sel):
                    for p in mismatch_problems(doc.text, sel):
                        _add(result, ProblemCode.SELECTOR_MISMATCH, c.id, i, label, p)
                continue
            tally = tallies[ev.source]
            tally.quotes += 1
            if not has_position(sel):
                if not bad:
                    result.report.add(Problem(
                        "error", ProblemCode.SELECTOR_MISSING,
                        f"{label}: source '{ev.source}' is quote-only and this quote records "
                        "no position (start, end)",
                        *_where(result, "claim", c.id, ("evidence", i, "quote"),
                                ("evidence", i)),
                        "run `claimgraph anchor CASE --write-selectors` with the text in "
                        f"{sources[ev.source].text or 'its local folder'}"))
                continue
            if bad:
                continue
            mode = state[ev.source]
            if mode == "same" and doc is not None:
                wrong = mismatch_problems(doc.text, sel)
                for p in wrong:
                    _add(result, ProblemCode.SELECTOR_MISMATCH, c.id, i, label, p)
                result.anchors[(c.id, i)] = (
                    Anchor("exact", sel.start, sel.end, sel.exact, sel.prefix, sel.suffix)
                    if not wrong else Anchor("not_found"))
                continue
            if mode == "other" and doc is not None:
                if relocate(doc.text, sel) is None:
                    tally.lost.append(f"{c.id} #{i + 1}")
                else:
                    tally.found += 1
            result.anchors[(c.id, i)] = _recorded(sel)
    for sid in sorted(qo):
        _summary(result, sources[sid], state[sid], tallies[sid])


def _add(result: ValidationResult, code: ProblemCode, claim_id: str, i: int, label: str,
         p: SelectorProblem) -> None:
    result.report.add(Problem(
        "error", code, f"{label}: {p.message}",
        *_where(result, "claim", claim_id, ("evidence", i, p.field), ("evidence", i, "quote"),
                ("evidence", i)), p.hint))


def _summary(result: ValidationResult, s: Source, mode: str, t: _Tally) -> None:
    n = f"{t.quotes} quote{'' if t.quotes == 1 else 's'}"
    fetch = (f"save your own copy of {s.url or 'the source'} as {s.text} (UTF-8 text) and "
             "validate again: the sha256 says whether it is the text the quotes were read in")
    if mode == "absent":
        if s.text is None or s.sha256 is None:
            return  # reported as quote-only-incomplete
        result.report.add(Problem(
            "info", ProblemCode.TEXT_NOT_PRESENT,
            f"source '{s.id}' is quote-only and its text ({s.text}) is not present: "
            f"checked the selectors of {n} among themselves and that a sha256 is recorded; "
            f"skipped {', '.join(SKIPPED_WITHOUT_TEXT)}",
            *_where(result, "source", s.id, ("text",)), fetch))
    elif mode == "other":
        lost = ", ".join(t.lost[:_SHOW]) + (f" and {len(t.lost) - _SHOW} more"
                                            if len(t.lost) > _SHOW else "")
        result.report.add(Problem(
            "error", ProblemCode.TEXT_HASH_MISMATCH,
            f"source '{s.id}': the local copy {s.text} is not the text the quotes were read "
            f"in (sha256 {s.sha256 and s.sha256[:12]}… recorded, "
            f"{result.texts[s.id].sha256[:12]}… found), so no quote was checked at its "
            f"position; by their quote selectors {t.found} of {n} occur in this copy"
            + (f" (not found: {lost})" if lost else ""),
            *_where(result, "source", s.id, ("sha256",)),
            "keep the text the curators read (another edition or another way of saving the "
            "page changes the hash), or re-base the case on this copy with `claimgraph "
            "anchor CASE --write-selectors`"))
