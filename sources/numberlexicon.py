"""The words of numbers, as data: ``schema/vocab/numbers.yaml`` compiled, and units.

Written numbers, scale words, multiples ("doubled"), qualifiers ("about", "more than"),
units with their aliases, prefixes and conversion factors, months and the year rule. The
reader itself is :mod:`.numbers`.

Examples
--------
>>> lex = number_lexicon()
>>> lex.scales["million"], lex.qualifier_kind["more than"], lex.alias_unit["tons"]
(1000000, 'min', 't')
>>> convert(1.3, "kt", "t"), convert(5, "t", "%")
(1300.0, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from typing import Literal

import yaml

from claimgraph.schema.vocab import vocab_text

from .wordforms import phrase_forms

__all__ = ["NumberLexicon", "Qualifier", "Unit", "convert", "number_lexicon", "unit_of"]

Qualifier = Literal["approx", "min", "max"]


@dataclass(frozen=True)
class Unit:
    """A unit of ``numbers.yaml``: values of one dimension convert by ``factor``."""

    id: str
    dimension: str
    factor: float
    aliases: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NumberLexicon:
    """``numbers.yaml``, compiled."""

    words: dict[str, int]
    weak_words: dict[str, int]
    articles: frozenset[str]
    hundred: frozenset[str]
    scales: dict[str, int]
    multiples: dict[str, float]  # surface form -> value
    units: dict[str, Unit]  # id -> unit
    months: frozenset[str]
    years: tuple[int, int]
    candidate_re: re.Pattern[str]  # a digit or a number word: where a number may start
    year_after: frozenset[str]  # words that introduce a year ("in 2023")
    year_before: frozenset[str]  # words that may follow a year ("2023 was")
    qualifier_kind: dict[str, Qualifier]  # qualifier phrase (lower case) -> its kind
    qualifier_last: frozenset[str]  # the last words of the qualifiers
    unit_re: re.Pattern[str]  # a unit alias right after a number
    alias_unit: dict[str, str]  # alias -> unit id
    prefixes: tuple[str, ...]  # unit prefixes, longest first
    prefix_ends: frozenset[str]  # their last characters
    prefix_unit: dict[str, str]

    @cached_property
    def number_words(self) -> frozenset[str]:
        """Every word that may start a written number or a multiple (lower case)."""
        return frozenset(self.words.keys() | self.weak_words.keys() | self.multiples.keys()
                         | self.articles)


def _alts(phrases: list[str]) -> str:
    def one(p: str) -> str:
        return r"\s+".join(re.escape(w) for w in p.split())
    return "|".join(one(p) for p in sorted(set(phrases), key=lambda s: (-len(s), s)))


@cache
def number_lexicon() -> NumberLexicon:
    """The bundled lexicon (cached: it is data, read once)."""
    data = yaml.safe_load(vocab_text("numbers.yaml")) or {}
    multiples: dict[str, float] = {}
    for m in data.get("multiples") or []:
        for form in phrase_forms(str(m["phrase"]), inflect=m.get("inflect"),
                                 forms=m.get("forms") or ()):
            multiples[form] = float(m["value"])
    kinds: dict[str, Qualifier] = {}
    qualifiers: tuple[Qualifier, ...] = ("approx", "min", "max")
    for kind in qualifiers:
        for q in (data.get("qualifiers") or {}).get(kind) or []:
            kinds[" ".join(str(q).lower().split())] = kind
    units: dict[str, Unit] = {}
    alias_unit: dict[str, str] = {}
    prefix_unit: dict[str, str] = {}
    for u in data.get("units") or []:
        unit = Unit(str(u["id"]), str(u["dimension"]), float(u["factor"]),
                    tuple(str(a).lower() for a in u.get("aliases") or ()),
                    tuple(str(p) for p in u.get("prefixes") or ()))
        units[unit.id] = unit
        for a in (unit.id.lower(), *unit.aliases):
            alias_unit.setdefault(" ".join(a.split()), unit.id)
        for p in unit.prefixes:
            prefix_unit[p] = unit.id
    years = data.get("years") or {}
    starters = [*(data.get("words") or {}), *(data.get("weak_words") or {}),
                *(data.get("articles") or ()), *multiples]
    return NumberLexicon(
        words={str(k).lower(): int(v) for k, v in (data.get("words") or {}).items()},
        weak_words={str(k).lower(): int(v) for k, v in (data.get("weak_words") or {}).items()},
        articles=frozenset(str(a).lower() for a in data.get("articles") or ()),
        hundred=frozenset(str(h).lower() for h in data.get("hundred") or ()),
        scales={str(k).lower(): int(v) for k, v in (data.get("scales") or {}).items()},
        multiples=multiples,
        units=units,
        months=frozenset(str(m).lower() for m in data.get("months") or ()),
        years=(int(years.get("min", 1800)), int(years.get("max", 2100))),
        candidate_re=re.compile(
            rf"(?P<d>\d)|(?<![^\W\d_])(?:{_alts([str(w).lower() for w in starters])})(?![^\W\d_])",
            re.IGNORECASE),
        year_after=frozenset(str(w).lower() for w in years.get("after") or ()),
        year_before=frozenset(str(w).lower() for w in years.get("before") or ()),
        qualifier_kind=kinds,
        qualifier_last=frozenset(k.split()[-1] for k in kinds),
        unit_re=re.compile(rf"\s*(?:{_alts(list(alias_unit))})(?![\w-])", re.IGNORECASE),
        alias_unit=alias_unit,
        prefixes=tuple(sorted(prefix_unit, key=lambda p: (-len(p), p))),
        prefix_ends=frozenset(p[-1] for p in prefix_unit),
        prefix_unit=prefix_unit,
    )


def unit_of(name: str) -> Unit | None:
    """The unit a quantity's ``unit`` names: an id or alias, or the longest alias its first
    words form ("times the 2022 volume" -> ×), after any scale word ("million USD"). None
    for units numbers.yaml does not list.

    >>> unit_of("tons").id, unit_of("times the 2022 volume").id, unit_of("million USD").factor
    ('t', '×', 1000000.0)
    """
    lex = number_lexicon()
    words = name.strip().lower().split()
    for n in range(len(words), 0, -1):
        uid = lex.alias_unit.get(" ".join(words[:n]))
        if uid is not None:
            return lex.units[uid]
    if len(words) > 1 and words[0] in lex.scales:
        base = unit_of(" ".join(words[1:]))
        if base is not None:
            return Unit(f"{words[0]} {base.id}", base.dimension,
                        base.factor * lex.scales[words[0]], (), ())
    return None


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (None: different dimensions or a
    unit numbers.yaml does not list)."""
    a, b = unit_of(from_unit), unit_of(to_unit)
    if a is None or b is None or a.dimension != b.dimension:
        return None
    return float(Decimal(str(value)) * Decimal(str(a.factor)) / Decimal(str(b.factor)))
