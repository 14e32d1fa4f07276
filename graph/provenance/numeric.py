"""Numeric inconsistency: comparatives held against the quantities of a series of claims.

Claims about one subject, predicate, object and item with quantities of one dimension form
a series in time. When a quote or the text of a claim timed like a later member of the
series says how the quantity changed ("more than doubled", "fell by 40 %",
:mod:`claimgraph.sources.comparatives`), the ratio that phrase allows is compared with the
ratio the two quantities give, each widened as ``approx`` and ``bound`` allow
(``schema/vocab/comparatives.yaml``). "More than doubled" from about 700 t (650–750) to
1,300 t is ×1.73–2.00, never more than 2: flagged, with both claims and the quotes.

Only adjacent periods of the same length are compared (2022 with 2023, not a half-year with
a year, nor 2019 with 2023). The check takes any claims, from one case or several (pass
``ref`` to name them, e.g. ``case/id``), so a store-wide check can call it too.

Examples
--------
>>> from claimgraph.schema.models import Claim
>>> def c(i, t, v, approx=False, quote="exports"):
...     return Claim.model_validate({
...         "id": i, "text": i, "subject": "cn", "predicate": "supplies", "object": "ru",
...         "item": "nc", "time": t, "quantity": {"value": v, "unit": "t", "approx": approx},
...         "evidence": [{"source": "a", "quote": quote}]})
>>> found = find_numeric_inconsistencies([
...     c("nc-2022", "2022", 700, approx=True),
...     c("nc-2023", "2023", 1300, quote="exports more than doubled to 1,300 tons")])
>>> [(f.earlier, f.later, f.phrase, str(f.expected), str(f.actual)) for f in found]
[('nc-2022', 'nc-2023', 'more than doubled', '> ×2', '×1.73–2')]
>>> find_numeric_inconsistencies([
...     c("nc-2022", "2022", 700, approx=True),
...     c("nc-2023", "2023", 1300, quote="exports almost doubled to 1,300 tons")])
[]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from claimgraph.numberformat import quantity_phrase
from claimgraph.schema.conflict import quantity_range
from claimgraph.schema.dates import time_bounds
from claimgraph.schema.models import Claim, Quantity
from claimgraph.sources.comparatives import (
    Comparative,
    ComparativeLexicon,
    RatioInterval,
    comparative_lexicon,
    find_comparatives,
)
from claimgraph.sources.numberlexicon import unit_of
from claimgraph.sources.numbers import step_of

__all__ = [
    "NumericInconsistency",
    "PhraseSite",
    "find_numeric_inconsistencies",
    "ratio_range",
]


@dataclass(frozen=True, order=True)
class PhraseSite:
    """Where a comparative was found: a claim's text (``where="text"``) or the quote of its
    evidence *i* (``where="evidence/i"``), and that text."""

    claim: str
    where: str
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "where": self.where, "text": self.text}


@dataclass(frozen=True, order=True)
class NumericInconsistency:
    """Two claims of a series whose quantities do not give the ratio a comparative says.

    ``earlier`` and ``later`` name the claims (ids, or what ``ref`` gave); ``expected`` is
    what the phrase allows, ``actual`` what the quantities give; ``sites`` are the texts
    and quotes that say it.
    """

    earlier: str
    later: str
    phrase: str
    expected: RatioInterval
    actual: RatioInterval
    sites: tuple[PhraseSite, ...] = ()
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"earlier": self.earlier, "later": self.later, "phrase": self.phrase,
                "expected": self.expected.to_dict(), "actual": self.actual.to_dict(),
                "quotes": [s.to_dict() for s in self.sites], "detail": self.detail}


def ratio_range(earlier: tuple[float, float], later: tuple[float, float]) -> RatioInterval | None:
    """The ratios later / earlier two ranges of amounts allow (amounts are never negative:
    an open lower end is 0). None if the earlier range reaches zero: no ratio to speak of.

    >>> str(ratio_range((650, 750), (1300, 1300)))
    '×1.73–2'
    >>> str(ratio_range((700, 700), (-math.inf, 110)))
    '≤ ×0.157'
    """
    a_lo, a_hi = earlier
    b_lo, b_hi = max(later[0], 0.0), later[1]
    if a_lo <= 0:
        return None
    return RatioInterval(b_lo / a_hi if not math.isinf(a_hi) else 0.0, b_hi / a_lo)


@dataclass(frozen=True)
class _Member:
    claim: Claim
    ref: str
    lo: date
    hi: date
    values: tuple[float, float]  # in the dimension's base unit


def _dimension(q: Quantity) -> tuple[str, float] | None:
    unit = unit_of(q.unit)
    if unit is None:
        return "unit:" + " ".join(q.unit.lower().split()), 1.0
    if unit.dimension == "multiple":
        return None  # a ratio itself, not a member of a series of amounts
    return unit.dimension, unit.factor


def _bounds(c: Claim) -> tuple[date, date] | None:
    if not c.time:
        return None
    lo, hi = time_bounds(c.time)
    return None if lo == date.min or hi == date.max else (lo, hi)


def _comparatives(c: Claim) -> list[tuple[PhraseSite, Comparative]]:
    out = [(PhraseSite(c.id, "text", c.text), x) for x in find_comparatives(c.text)]
    for i, ev in enumerate(c.evidence):
        if ev.relation == "supports":
            out += [(PhraseSite(c.id, f"evidence/{i}", ev.quote), x)
                    for x in find_comparatives(ev.quote)]
    return out


def _fmt(q: Quantity) -> str:
    return quantity_phrase(q, words=True)


def _adjacent(p: _Member, x: _Member, lex: ComparativeLexicon) -> bool:
    gap = (x.lo - p.hi).days
    if not 0 < gap <= lex.max_gap_days:
        return False
    dp, dx = (p.hi - p.lo).days + 1, (x.hi - x.lo).days + 1
    return abs(dp - dx) <= lex.duration_tolerance * max(dp, dx)


def find_numeric_inconsistencies(
        claims: Iterable[Claim],
        ref: Callable[[Claim], str] | None = None) -> list[NumericInconsistency]:
    """Every pair of claims a comparative does not fit, sorted; one row per pair and phrase.

    ``ref`` names a claim in the findings (default: its id).
    """
    lex = comparative_lexicon()
    name = ref or (lambda c: c.id)
    groups: dict[tuple[str, str, str, str | None], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.polarity == "affirmed" and _bounds(c) is not None:
            groups[(c.subject, c.predicate, c.object, c.item)].append(c)
    found: dict[tuple[str, str, str, RatioInterval], NumericInconsistency] = {}
    for group in groups.values():
        series: dict[str, list[_Member]] = defaultdict(list)
        for c in group:
            dim = _dimension(c.quantity) if c.quantity else None
            bounds = _bounds(c)
            if dim is None or bounds is None or c.quantity is None or c.quantity.capacity:
                continue  # a capacity ("enough to produce …") is no amount of a series
            lo, hi = quantity_range(c.quantity, lex.approx_relative,
                                    step_of(c.quantity.value) if lex.approx_rounding else None)
            series[dim[0]].append(_Member(c, name(c), *bounds, (lo * dim[1], hi * dim[1])))
        if not series:
            continue
        for c in group:
            sites = _comparatives(c)
            if not sites:
                continue
            when = _bounds(c)
            for members in series.values():
                for x in members:
                    if (x.lo, x.hi) != when:
                        continue
                    before = [p for p in members if _adjacent(p, x, lex)]
                    for p in before:
                        actual = ratio_range(p.values, x.values)
                        if actual is None:
                            continue
                        for site, comp in sites:
                            if comp.ratio.intersects(actual):
                                continue
                            site = PhraseSite(name(c), site.where, site.text)
                            key = (p.ref, x.ref, comp.phrase.lower(), comp.ratio)
                            old = found.get(key)
                            if old is not None:
                                if site not in old.sites:
                                    found[key] = _with_site(old, site)
                                continue
                            assert p.claim.quantity and x.claim.quantity
                            detail = (f"{_fmt(p.claim.quantity)} ({p.claim.time}) → "
                                      f"{_fmt(x.claim.quantity)} ({x.claim.time}) is {actual}; "
                                      f"\"{comp.phrase}\" says {comp.ratio}")
                            found[key] = NumericInconsistency(
                                p.ref, x.ref, comp.phrase, comp.ratio, actual, (site,), detail)
    return sorted(found.values())


def _with_site(f: NumericInconsistency, site: PhraseSite) -> NumericInconsistency:
    return NumericInconsistency(f.earlier, f.later, f.phrase, f.expected, f.actual,
                                tuple(sorted((*f.sites, site))), f.detail)
