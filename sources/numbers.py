"""Numbers in text: value, qualifier ("about", "more than"), unit, and whether it is a year.

The words are data (``schema/vocab/numbers.yaml``, compiled by :mod:`.numberlexicon`):
written numbers, scale words, multiples ("doubled"), qualifiers and units with their
aliases. :func:`find_numbers` reads
every number of a text — "1,300", "1300", "1.3 million", "two hundred", "5bn", "40 %",
"$5 billion", "152mm", "doubled" (2 ×) — and marks years ("in 2023"); days next to a month
("14 March") and parts of names ("Su-35", "Q143874", "2nd") are not numbers. It never
raises, whatever the text.

Each number has a ``step``: the place value of its last significant digit as written
("700" -> 100, "1,350" -> 10, "1.3 million" -> 100,000), which says how far a rounded
figure may be from the truth.

Examples
--------
>>> [(n.value, n.unit, n.qualifier, n.year) for n in find_numbers(
...     "In 2022, about 700 tons were exported; in 2023 more than 1,300 t.")]
[(2022.0, None, None, True), (700.0, 't', 'approx', False), (2023.0, None, None, True), (1300.0, 't', 'min', False)]
>>> [(n.value, n.unit) for n in find_numbers("exports more than doubled to 1.3 thousand tonnes")]
[(2.0, '×'), (1300.0, 't')]
>>> [(n.value, n.step) for n in find_numbers("over 200,000 152mm shells, two hundred drones")]
[(200000.0, 100000.0), (152.0, 1.0), (200.0, 100.0)]
>>> find_numbers("On 14 March 2025 a Su-35 and the 2nd battalion left.")[0].year
True
>>> parse_number("1.3 million"), parse_number("twenty-five"), parse_number("7 tons")
(1300000.0, 25.0, None)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .hedging import previous_word
from .numberlexicon import NumberLexicon, Qualifier, number_lexicon

__all__ = ["NumberMention", "find_numbers", "parse_number", "step_of"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number found in a text: its value (scaled), where it is (qualifier and unit
    included), its unit id (None when no unit of numbers.yaml follows), its qualifier, the
    place value of its last significant digit, and whether it is a year."""

    value: float
    start: int
    end: int
    unit: str | None = None
    qualifier: Qualifier | None = None
    step: float = 1.0
    year: bool = False


_DIGITS = re.compile(r"\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?")
_WORD = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"[ \t\u00a0]*([^\W\d_]+)")
_TOKEN = re.compile(r"\S+")
_SEP = re.compile(r"[,\u00a0\u202f]")
_ORDINAL = re.compile(r"(?:st|nd|rd|th|s)\b", re.IGNORECASE)
_GLUED = re.compile(r"[^\W\d_]+")


def _step(digits: str) -> Decimal:
    if "." in digits:
        return Decimal(1).scaleb(-len(digits.split(".", 1)[1]))
    digits = _SEP.sub("", digits)
    whole = digits.rstrip("0")
    return Decimal(1).scaleb(len(digits) - len(whole)) if whole else Decimal(1)


def _int_step(value: Decimal) -> Decimal:
    if value != value.to_integral_value() or value == 0:
        return Decimal(1)
    digits = str(int(value))
    return Decimal(1).scaleb(len(digits) - len(digits.rstrip("0")))


def step_of(value: float) -> float:
    """The place value of the last significant digit of a figure (how a rounded figure was
    rounded): ``step_of(700) == 100``, ``step_of(1350) == 10``, ``step_of(1.25) == 0.01``."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return 1.0
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return float(_int_step(d))
    return float(_step(format(d, "f")))


class _Scanner:
    def __init__(self, text: str, lex: NumberLexicon) -> None:
        self.text = text
        self.lex = lex
        self.out: list[NumberMention] = []

    def word_at(self, pos: int) -> re.Match[str] | None:
        """The word starting at ``pos`` after spaces (or a hyphen)."""
        i = pos
        while i < len(self.text) and self.text[i] in " \t\u00a0-":
            i += 1
        return _WORD.match(self.text, i)

    def previous_word(self, start: int) -> str:
        return previous_word(self.text, start) or ""

    def qualifier_before(self, start: int) -> tuple[Qualifier, int] | None:
        """The qualifier ending right before ``start`` (up to four words, or "~")."""
        text = self.text
        i = start
        while i > 0 and text[i - 1] in " \t\u00a0":
            i -= 1
        if i > 0 and text[i - 1] == "~":
            return "approx", i - 1
        j = i
        while j > 0 and not text[j - 1].isspace():
            j -= 1
        if text[j:i].lower().lstrip("(\"“‘'[") not in self.lex.qualifier_last:
            return None  # the common case, decided without tokenising
        tokens = list(_TOKEN.finditer(text, max(0, i - 40), i))[-4:]
        if not tokens or tokens[-1].end() != i:
            return None
        for n in range(len(tokens), 0, -1):
            head = tokens[-n]
            phrase = " ".join(t.group() for t in tokens[-n:]).lower().lstrip("(\"“‘'[")
            kind = self.lex.qualifier_kind.get(phrase)
            if kind is not None:
                return kind, head.start() + (len(head.group()) - len(head.group().lstrip("(\"“‘'[")))
        return None

    def prefix_before(self, start: int) -> tuple[str, int] | None:
        """A unit prefix ("$", "US$", "EUR") ending right before ``start``."""
        window = self.text[max(0, start - 8):start].rstrip(" \u00a0")
        if not window or window[-1] not in self.lex.prefix_ends:
            return None
        for p in self.lex.prefixes:
            if window.endswith(p):
                return self.lex.prefix_unit[p], start - (len(self.text[max(0, start - 8):start])
                                                         - len(window)) - len(p)
        return None

    def finish(self, value: Decimal, step: Decimal, start: int, end: int,
               unit: str | None, digits: str | None) -> None:
        text, lex = self.text, self.lex
        scale = self.word_at(end)
        if scale and scale.group().lower() in lex.scales and unit is None:
            factor = lex.scales[scale.group().lower()]
            value, step, end = value * factor, step * factor, scale.end()
        if unit is None:
            m = lex.unit_re.match(text, end)
            if m:
                unit = lex.alias_unit.get(" ".join(m.group().strip().lower().split()))
                end = m.end()
        p = self.prefix_before(start) if unit is None else None
        if p is not None:
            unit, start = p
        year = digits is not None and unit is None and self.is_year(digits, start, end)
        qualifier: Qualifier | None = None
        q = None if year else self.qualifier_before(start)
        if q is not None:
            qualifier, start = q
        if not year and end < len(text) and text[end] == "+":
            qualifier, end = "min", end + 1
        self.out.append(NumberMention(float(value), start, end, unit, qualifier, float(step),
                                      year))

    def is_year(self, digits: str, start: int, end: int) -> bool:
        """Four plain digits in the year range that a year-word introduces ("in 2023"), a
        dash or a month precedes, or that no lower-case word follows but one of
        ``years.before`` ("1811 containers" is not)."""
        lo, hi = self.lex.years
        if not (digits.isdigit() and len(digits) == 4 and lo <= int(digits) <= hi):
            return False
        before = self.text[max(0, start - 2):start].strip()
        prev = self.previous_word(start)
        if before[-1:] in ("-", "–", "—", "/") or prev in self.lex.year_after or (
                prev in self.lex.months):
            return True
        nxt = _NEXT_WORD.match(self.text, end)
        return nxt is None or not nxt.group(1).islower() or nxt.group(1) in self.lex.year_before

    def digits(self, m: re.Match[str]) -> int:
        text, lex = self.text, self.lex
        s, e = m.start(), m.end()
        before = text[s - 1] if s else ""
        if (before and (before.isalpha() or before in "#_.")) or (
                before in "-‐" and s > 1 and text[s - 2].isalpha()):
            return e  # part of a name or a code: Su-35, Q143874, 3.5.1
        digits = m.group()
        unit: str | None = None
        glued = _GLUED.match(text, e)
        if glued:
            word = glued.group().lower()
            if _ORDINAL.fullmatch(word) or word in ("s",):
                return glued.end()  # 2nd, 1990s
            if word in lex.scales:
                pass  # 5bn: finish() reads the scale
            elif word in lex.alias_unit:
                unit, e = lex.alias_unit[word], glued.end()
            else:
                return glued.end()  # 3D, 152A: a name
        plain = _SEP.sub("", digits) if not digits.isdigit() else digits
        try:
            value = Decimal(plain)
        except InvalidOperation:  # pragma: no cover - the pattern only admits numbers
            return e
        if glued and glued.group().lower() in lex.scales:
            factor = lex.scales[glued.group().lower()]
            self.finish(value * factor, _step(digits) * factor, s, glued.end(), unit, None)
            return glued.end()
        if value == value.to_integral_value() and 1 <= value <= 31 and "." not in digits:
            nxt = self.word_at(e)
            if self.previous_word(s) in lex.months or (
                    nxt and nxt.group().lower() in lex.months and not unit):
                return e  # a day: 14 March, March 14
        self.finish(value, _step(digits), s, e, unit, digits)
        return self.out[-1].end if self.out else e

    def words(self, m: re.Match[str]) -> int:
        """A written number ("two hundred thousand", "twenty-five") or a multiple."""
        lex = self.lex
        first = m.group().lower()
        if first in lex.multiples:
            # "doubled" says 2 ×; the scale and unit lookups do not apply
            q = self.qualifier_before(m.start())
            start, qual = (q[1], q[0]) if q else (m.start(), None)
            self.out.append(NumberMention(lex.multiples[first], start, m.end(), "×", qual,
                                          1.0))
            return m.end()
        total, current, end, seen = Decimal(0), Decimal(0), m.start(), False
        cur: re.Match[str] | None = m
        while cur is not None:
            w = cur.group().lower()
            nxt = self.word_at(cur.end())
            nw = nxt.group().lower() if nxt else ""
            counts = (nw in lex.hundred or nw in lex.scales
                      or lex.unit_re.match(self.text, cur.end()) is not None)
            if w in lex.words:
                current += lex.words[w]
            elif w in lex.weak_words and (seen or counts):
                current += lex.weak_words[w]
            elif w in lex.articles and not seen and counts:
                current += 1
            elif w in lex.hundred and seen:
                current *= 100
            elif w in lex.scales and seen and len(w) > 2:
                total += current * lex.scales[w]
                current = Decimal(0)
            else:
                break
            seen, end = True, cur.end()
            cur = nxt
        if not seen:
            return m.end()
        value = total + current
        self.finish(value, _int_step(value), m.start(), end, None, None)
        return self.out[-1].end

    def run(self) -> list[NumberMention]:
        text, lex = self.text, self.lex
        pos = 0
        number_words = lex.number_words
        while True:
            m = lex.candidate_re.search(text, pos)
            if m is None:
                return self.out
            d = _DIGITS.match(text, m.start()) if m.group("d") else None
            w = None if d else _WORD.match(text, m.start())
            if d is not None:
                pos = max(self.digits(d), d.end())
            elif w is not None and w.group().lower() in number_words:
                pos = max(self.words(w), w.end())
            else:
                pos = m.end()


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text``, in order (years included, flagged ``year``)."""
    return _Scanner(text, number_lexicon()).run()


def parse_number(text: str) -> float | None:
    """The value of a text that is one number and nothing else (None otherwise).

    A qualifier or unit makes it more than a number: ``parse_number("about 7")`` is None.
    """
    stripped = text.strip()
    found = find_numbers(stripped)
    if len(found) != 1:
        return None
    n = found[0]
    if n.start != 0 or n.end != len(stripped) or n.unit is not None or n.qualifier is not None:
        return None
    return n.value
