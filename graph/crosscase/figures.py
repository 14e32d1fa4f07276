"""A claim's figure as the values its quote's words allow, in the base unit of its dimension.

The claim's ``quantity`` gives the number and unit; the words right before that number in a
supporting quote bound it (``crosscase.yaml`` ``figure_words``): "more than", "over",
"exceeding" — above it; "almost", "nearly", "just under" — just below it; "about" — around
it; a bare figure stands for what rounds to it (news figures are rounded). Units convert by
``numbers.yaml`` (t, kg, tonnes, tons …). Two figures *agree* when their ranges meet.

Examples
--------
>>> from claimgraph.schema.models import Claim
>>> def c(q, quote):
...     return Claim.model_validate({"id": "x", "text": "x", "subject": "a",
...         "predicate": "supplies", "object": "b", "quantity": q,
...         "evidence": [{"source": "s", "quote": quote}]})
>>> bare = figure_of(c({"value": 1300, "unit": "t"}, "exports reached 1,300 tons"))
>>> over = figure_of(c({"value": 1300, "unit": "t", "bound": "min"},
...                    "exports were exceeding 1,300 tons"))
>>> almost = figure_of(c({"value": 1.3, "unit": "kt", "approx": True}, "almost 1.3 kt"))
>>> str(bare), str(over), str(almost)
('1,250–1,350 t ("1,300 tons")', '> 1,300 t ("exceeding 1,300 tons")', '1,170–1,300 t, 1,300 excluded ("almost 1.3 kt")')
>>> bare.meets(over), over.meets(almost), bare.meets(almost)
(True, False, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claimgraph.numberformat import format_number
from claimgraph.schema.models import Claim, Quantity
from claimgraph.sources.numberlexicon import unit_of
from claimgraph.sources.numbers import find_numbers, step_of

from .settings import crosscase_settings

__all__ = ["Figure", "dimension_of", "figure_of"]


def dimension_of(q: Quantity) -> tuple[str, float, str] | None:
    """(dimension, factor to its base unit, base unit name) of a quantity; a unit
    numbers.yaml does not list is its own dimension; None for a multiple (a ratio)."""
    unit = unit_of(q.unit)
    if unit is None:
        words = " ".join(q.unit.lower().split())
        return "unit:" + words, 1.0, q.unit
    if unit.dimension == "multiple":
        return None
    base = {"mass": "t", "length": "m"}.get(unit.dimension, unit.id)
    base_unit = unit_of(base)
    factor = unit.factor / (base_unit.factor if base_unit else 1.0)
    return unit.dimension, factor, base


@dataclass(frozen=True)
class Figure:
    """The values a claim's figure allows (``lo``..``hi`` in ``unit``, ends maybe open),
    with the words that say so."""

    dimension: str
    unit: str
    lo: float
    hi: float
    lo_open: bool
    hi_open: bool
    words: str
    where: str  # "evidence/0", or "quantity" when no quote gives the number

    def meets(self, other: Figure) -> bool:
        """Whether some value lies in both (never across dimensions)."""
        if self.dimension != other.dimension:
            return False
        lo, lo_open = max((self.lo, self.lo_open), (other.lo, other.lo_open))
        hi, hi_closed = min((self.hi, not self.hi_open), (other.hi, not other.hi_open))
        return lo < hi or (lo == hi and not lo_open and hi_closed)

    def range_text(self) -> str:
        u = self.unit
        if math.isinf(self.hi):
            return f"{'>' if self.lo_open else '≥'} {format_number(self.lo)} {u}"
        if self.lo <= 0:
            return f"{'<' if self.hi_open else '≤'} {format_number(self.hi)} {u}"
        if self.lo == self.hi:
            return f"{format_number(self.lo)} {u}"
        out = f"{format_number(self.lo)}–{format_number(self.hi)} {u}"
        ex = [format_number(x) for x, o in ((self.lo, self.lo_open), (self.hi, self.hi_open))
              if o]
        return out + (f", {' and '.join(ex)} excluded" if ex else "")

    def __str__(self) -> str:
        return f"{self.range_text()} (\"{self.words}\")"

    def to_dict(self) -> dict[str, object]:
        return {"min": None if math.isinf(self.lo) else self.lo,
                "max": None if math.isinf(self.hi) else self.hi,
                "min_open": self.lo_open, "max_open": self.hi_open, "unit": self.unit,
                "text": self.range_text(), "words": self.words, "where": self.where}


def _word_before(text: str, start: int) -> str | None:
    s = crosscase_settings()
    before = " ".join(text[:start].lower().split()[-s.window:])
    for phrase in sorted(s.figure_words, key=len, reverse=True):
        if before == phrase or before.endswith(" " + phrase):
            return phrase
    return None


def figure_of(claim: Claim) -> Figure | None:
    """The figure of ``claim`` (None without a quantity, for a capacity or a ratio)."""
    q = claim.quantity
    if q is None or q.capacity:
        return None
    dim = dimension_of(q)
    if dim is None:
        return None
    dimension, factor, base = dim
    settings = crosscase_settings()
    v = float(q.value)
    kind: str | None = {"min": "min", "max": "max"}.get(q.bound or "") or (
        "approx" if q.approx else None)
    open_end = False
    words, where = f"{format_number(v)} {q.unit}", "quantity"
    for i, ev in enumerate(claim.evidence):
        if ev.relation != "supports":
            continue
        for m in find_numbers(ev.quote):
            if m.year or not math.isclose(m.value, v, rel_tol=1e-9):
                continue
            digit = next((k for k in range(m.start, m.end) if ev.quote[k].isdigit()), m.start)
            phrase = _word_before(ev.quote, digit)
            start = digit
            if phrase is not None:
                kind, open_end = settings.figure_words[phrase]
                start = ev.quote.lower().rfind(phrase.split()[0], 0, digit)
            words, where = " ".join(ev.quote[start:m.end].split()), f"evidence/{i}"
            break
        if where != "quantity":
            break
    step = step_of(v)
    if kind == "min":
        lo, hi, lo_open, hi_open = v, math.inf, open_end, False
    elif kind == "max":
        near = v * (1 - settings.near) if open_end else 0.0
        lo, hi, lo_open, hi_open = near, v, False, open_end
    elif kind == "approx":
        d = max(v * settings.relative, step / 2)
        lo, hi, lo_open, hi_open = v - d, v + d, False, False
    else:
        lo, hi, lo_open, hi_open = v - step / 2, v + step / 2, False, False
    return Figure(dimension, base, lo * factor, hi * factor, lo_open, hi_open, words, where)
