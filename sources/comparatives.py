"""Comparatives in text ("more than doubled", "fell by 40 %") as intervals of ratios.

The lexicon is data (``schema/vocab/comparatives.yaml``): multiples ("doubled") with
modifiers ("more than", "almost"), direction verbs ("rose", "plunged"), and "by N %" or
"N-fold" after a direction. Each comparative found says which ratios *later / earlier* it
allows, as a :class:`RatioInterval`; :mod:`claimgraph.graph.provenance.numeric` holds them
against the quantities of a series of claims.

Examples
--------
>>> [(c.phrase, str(c.ratio)) for c in find_comparatives(
...     "Exports more than doubled in 2023, almost tripled in 2024 and fell by 40 % in 2025.")]
[('more than doubled', '> ×2'), ('almost tripled', '×2.2–3 (3 excluded)'), ('fell by 40 %', '×0.55–0.65')]
>>> RatioInterval(2, math.inf, lo_open=True).intersects(RatioInterval(1300 / 750, 1300 / 650))
False
>>> RatioInterval.parse(RatioInterval(1.6, 2, hi_open=True).notation())
RatioInterval(lo=1.6, hi=2.0, lo_open=False, hi_open=True)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from claimgraph.schema.vocab import vocab_text

from .numberlexicon import number_lexicon
from .numbers import find_numbers
from .wordforms import phrase_forms

__all__ = ["Comparative", "ComparativeLexicon", "RatioInterval", "comparative_lexicon",
           "find_comparatives"]


def _num(x: float) -> str:
    return "∞" if math.isinf(x) else f"{x:.3g}"


@dataclass(frozen=True, order=True)
class RatioInterval:
    """The ratios (later / earlier) a comparative allows or two quantities give.

    ``hi`` may be infinite; ``lo_open``/``hi_open`` exclude the bound itself.
    """

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "lo", float(self.lo))
        object.__setattr__(self, "hi", float(self.hi))

    def intersects(self, other: RatioInterval) -> bool:
        """Whether some ratio lies in both."""
        lo, lo_open = max((self.lo, self.lo_open), (other.lo, other.lo_open))
        hi, hi_open = min((self.hi, not self.hi_open), (other.hi, not other.hi_open))
        hi_open = not hi_open
        return lo < hi or (lo == hi and not lo_open and not hi_open)

    def __str__(self) -> str:
        if math.isinf(self.hi):
            return f"{'>' if self.lo_open else '≥'} ×{_num(self.lo)}"
        if self.lo <= 0:
            return f"{'<' if self.hi_open else '≤'} ×{_num(self.hi)}"
        if self.lo == self.hi:
            return f"×{_num(self.lo)}"
        out = f"×{_num(self.lo)}–{_num(self.hi)}"
        excluded = [_num(x) for x, o in ((self.lo, self.lo_open), (self.hi, self.hi_open)) if o]
        return out + (f" ({' and '.join(excluded)} excluded)" if excluded else "")

    def notation(self) -> str:
        """Interval notation with exact floats, e.g. ``(2.0, inf)``; see :meth:`parse`."""
        return (f"{'(' if self.lo_open else '['}{self.lo!r}, {self.hi!r}"
                f"{')' if self.hi_open else ']'}")

    @classmethod
    def parse(cls, text: str) -> RatioInterval:
        """The interval written by :meth:`notation` (ValueError when it is not one)."""
        m = re.fullmatch(r"\s*([(\[])\s*([^,\s]+)\s*,\s*([^\])\s]+)\s*([)\]])\s*", text)
        if not m:
            raise ValueError(f"not an interval: {text!r}")
        return cls(float(m.group(2)), float(m.group(3)), m.group(1) == "(", m.group(4) == ")")

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.lo, "max": None if math.isinf(self.hi) else self.hi,
                "min_open": self.lo_open, "max_open": self.hi_open, "text": str(self)}


@dataclass(frozen=True)
class Comparative:
    """A comparative found in a text: the words as written (modifier and amount included),
    where they are, and the ratios they allow."""

    phrase: str
    start: int
    end: int
    ratio: RatioInterval


@dataclass(frozen=True)
class ComparativeLexicon:
    """``comparatives.yaml``, compiled."""

    multiples: dict[str, float]  # surface form -> multiple
    spread: float
    modifiers: dict[str, str]  # phrase -> above | at_least | below
    below_share: float
    directions: dict[str, tuple[RatioInterval, str]]  # surface form -> (interval, way)
    approx_relative: float
    approx_rounding: bool
    duration_tolerance: float
    max_gap_days: int
    pattern: re.Pattern[str]
    modifier_re: re.Pattern[str]


def _alts(phrases: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(w) for w in p.split())
                    for p in sorted(set(phrases), key=lambda s: (-len(s), s)))


@cache
def comparative_lexicon() -> ComparativeLexicon:
    """The bundled lexicon (cached: it is data, read once)."""
    data = yaml.safe_load(vocab_text("comparatives.yaml")) or {}
    mult = data.get("multiples") or {}
    multiples = {f: float(p["value"]) for p in mult.get("phrases") or []
                 for f in phrase_forms(str(p["phrase"]), inflect=p.get("inflect"),
                                       forms=p.get("forms") or ())}
    mods = data.get("modifiers") or {}
    modifiers = {" ".join(str(w).lower().split()): kind
                 for kind in ("above", "at_least", "below") for w in mods.get(kind) or []}
    directions: dict[str, tuple[RatioInterval, str]] = {}
    for d in data.get("directions") or []:
        iv = RatioInterval(float(d.get("min", 0)), float(d.get("max", math.inf)),
                           bool(d.get("min_open", False)), bool(d.get("max_open", False)))
        for f in phrase_forms(str(d["phrase"]), inflect=d.get("inflect"),
                              forms=d.get("forms") or ()):
            directions[f] = (iv, str(d.get("way", "up")))
    approx = data.get("approx") or {}
    series = data.get("series") or {}
    return ComparativeLexicon(
        multiples=multiples, spread=float(mult.get("spread", 0.1)), modifiers=modifiers,
        below_share=float(mods.get("below_share", 0.6)), directions=directions,
        approx_relative=float(approx.get("relative", 0.05)),
        approx_rounding=bool(approx.get("rounding", True)),
        duration_tolerance=float(series.get("duration_tolerance", 0.1)),
        max_gap_days=int(series.get("max_gap_days", 1)),
        pattern=re.compile(rf"(?<!\w)(?:{_alts([*multiples, *directions])})(?!\w)",
                           re.IGNORECASE),
        modifier_re=re.compile(rf"(?<!\w)(?:{_alts(list(modifiers))})\s+\Z", re.IGNORECASE),
    )


def _multiple(value: float, modifier: str | None, lex: ComparativeLexicon) -> RatioInterval:
    """The ratios a multiple allows, plain or after a modifier (further from 1 = "more")."""
    up = value >= 1
    if modifier == "above":
        return RatioInterval(value, math.inf, lo_open=True) if up else RatioInterval(
            0, value, hi_open=True)
    if modifier == "at_least":
        return RatioInterval(value, math.inf) if up else RatioInterval(0, value)
    if modifier == "below":
        near = 1 + (value - 1) * lex.below_share
        return RatioInterval(near, value, hi_open=True) if up else RatioInterval(
            value, near, lo_open=True)
    return RatioInterval(value * (1 - lex.spread), value * (1 + lex.spread))


_BY = re.compile(r"\s+by(?:\s+a\s+factor\s+of)?\s+", re.IGNORECASE)


def _amount(text: str, end: int, way: str,
            lex: ComparativeLexicon) -> tuple[RatioInterval, int] | None:
    """"by N %", "N-fold", "N times", "by a factor of N" right after a direction verb."""
    by = _BY.match(text, end)
    at = by.end() if by else end
    numbers = [n for n in find_numbers(text[at:at + 40]) if n.start <= 1]
    if not numbers:
        return None
    n = numbers[0]
    stop = at + n.end
    if n.unit == "%" and by:
        half = n.step / 2
        if n.qualifier == "approx":
            half = max(half, n.value * lex.approx_relative)
        lo, hi = n.value - half, n.value + half
        if n.qualifier == "min":
            lo, hi = n.value, math.inf
        elif n.qualifier == "max":
            lo, hi = 0.0, n.value
        if way == "up":
            return RatioInterval(1 + lo / 100, 1 + hi / 100), stop
        return RatioInterval(max(0.0, 1 - hi / 100), max(0.0, 1 - lo / 100)), stop
    if n.unit == "×" or (by and "factor" in by.group().lower() and n.unit is None):
        value = n.value if way == "up" else 1 / n.value if n.value else 0.0
        modifier = {"min": "at_least"}.get(n.qualifier or "")
        return _multiple(value, modifier, lex), stop
    return None


def find_comparatives(text: str) -> list[Comparative]:
    """Every comparative in ``text``, in order."""
    lex = comparative_lexicon()
    out = []
    for m in lex.pattern.finditer(text):
        form = " ".join(m.group().lower().split())
        start, end = m.start(), m.end()
        if form in lex.multiples:
            mod = lex.modifier_re.search(text, max(0, start - 20), start)
            kind = lex.modifiers[" ".join(mod.group().lower().split())] if mod else None
            if mod:
                start = mod.start()
            ratio = _multiple(lex.multiples[form], kind, lex)
        else:
            ratio, way = lex.directions[form]
            amount = _amount(text, end, way, lex)
            if amount is not None:
                ratio, end = amount
        out.append(Comparative(" ".join(text[start:end].split()), start, end, ratio))
    return out


# the numbers lexicon is read by _amount through find_numbers; make a broken numbers.yaml
# fail at import time of the comparatives, not in the middle of a check
number_lexicon()
