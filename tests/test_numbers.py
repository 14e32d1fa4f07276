"""Numbers and comparatives in text: the reader never raises, reads back what it formats,
and reads the forms a fact-checker meets ("1,300", "1.3 million", "about", years)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.sources.comparatives import RatioInterval, find_comparatives
from claimgraph.sources.numberlexicon import convert, unit_of
from claimgraph.sources.numbers import find_numbers, parse_number, step_of

_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_thousand(n: int) -> str:
    words = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
    if n >= 20:
        words.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n:
        words.append(_ONES[n])
    return " ".join(words)


def in_words(n: int) -> str:
    """English words for 2 <= n < 10**9 ("two hundred thirty-one thousand five hundred")."""
    parts = []
    for scale, name in ((10**6, "million"), (10**3, "thousand"), (1, "")):
        chunk, n = divmod(n, scale)
        if chunk:
            parts.append((_below_thousand(chunk) + " " + name).strip())
    return " ".join(parts)


# --- properties ------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_reads_without_error_and_in_order(text: str) -> None:
    found = find_numbers(text)
    ends = [0]
    for n in found:
        assert ends[-1] <= n.start < n.end <= len(text)
        assert math.isfinite(n.value) and n.value >= 0 and n.step > 0
        ends.append(n.end)
    find_comparatives(text)
    parse_number(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15),
       st.sampled_from(["plain", "comma", "nbsp", "narrow-nbsp"]))
def test_formatted_integers_read_back(n: int, style: str) -> None:
    text = {"plain": str(n), "comma": f"{n:,}", "nbsp": f"{n:,}".replace(",", "\u00a0"),
            "narrow-nbsp": f"{n:,}".replace(",", "\u202f")}[style]
    assert parse_number(text) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=1, max_value=3),
       st.sampled_from([("thousand", 10**3), ("million", 10**6), ("billion", 10**9),
                        ("bn", 10**9), ("k", 10**3)]))
def test_scaled_decimals_read_back(mantissa: int, decimals: int, scale: tuple[str, int]) -> None:
    word, factor = scale
    value = Decimal(mantissa).scaleb(-decimals)
    glue = "" if len(word) <= 2 else " "
    text = f"{value:.{decimals}f}{glue}{word}"
    assert parse_number(text) == float(value * factor)
    assert find_numbers(text)[0].step == float(Decimal(1).scaleb(-decimals) * factor)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=2, max_value=999_999_999))
def test_written_numbers_read_back(n: int) -> None:
    assert parse_number(in_words(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["t", "kt", "kg", "g"]),
       st.sampled_from(["t", "kt", "kg", "g"]))
def test_unit_conversion_round_trips(n: int, a: str, b: str) -> None:
    there = convert(n, a, b)
    assert there is not None
    back = convert(there, b, a)
    assert back is not None and math.isclose(back, n, rel_tol=1e-12)


# --- examples --------------------------------------------------------------------------------
def _read(text: str) -> list[tuple[float, str | None, str | None, bool]]:
    return [(n.value, n.unit, n.qualifier, n.year) for n in find_numbers(text)]


@pytest.mark.parametrize(("text", "numbers"), [
    ("1,300 tons", [(1300, "t", None, False)]),
    ("1300 tonnes", [(1300, "t", None, False)]),
    ("1.3 million shells", [(1_300_000, None, None, False)]),
    ("200,000+ shells", [(200_000, None, "min", False)]),
    ("about 700 t, over 200,000, more than 1,300, up to 110 tons, nearly 40%",
     [(700, "t", "approx", False), (200_000, None, "min", False),
      (1300, None, "min", False), (110, "t", "max", False), (40, "%", "approx", False)]),
    ("In 2022 and 2015–2021, or from 2022-2023", [(2022, None, None, True),
     (2015, None, None, True), (2021, None, None, True), (2022, None, None, True),
     (2023, None, None, True)]),
    ("over 2023", [(2023, None, None, True)]),  # a year keeps no qualifier
    ("2,023 tons", [(2023, "t", None, False)]),
    ("exports more than doubled, then halved; threefold", [(2, "×", "min", False),
     (0.5, "×", None, False), (3, "×", None, False)]),
    ("$5bn and €200 million and 12 per cent", [(5e9, "USD", None, False),
     (2e8, "EUR", None, False), (12, "%", None, False)]),
    ("152mm shells, 3x, 7.62 mm", [(152, "mm", None, False), (3, "×", None, False),
     (7.62, "mm", None, False)]),
    # no numbers: names, codes, ordinals, decades, days, lone "one"
    ("Su-35, Shahed-136, Q143874, COVID-19, the 2nd battalion, the 1990s, 14 March, "
     "March 14, one of the figures", []),
])
def test_reading(text: str, numbers: list[tuple[float, str | None, str | None, bool]]) -> None:
    assert _read(text) == numbers


def test_steps_say_how_a_figure_was_rounded() -> None:
    assert [n.step for n in find_numbers("700, 1,350, 110, 1.25, two hundred")] == [
        100, 10, 10, 0.01, 100]
    assert step_of(700) == 100 and step_of(1.3) == 0.1 and step_of(0) == 1


def test_units() -> None:
    assert unit_of("tons") == unit_of("t") and unit_of("Metric  Tons") == unit_of("t")
    assert unit_of("times the 2022 volume") == unit_of("×")
    assert unit_of("shells") is None
    assert convert(1.3, "kt", "t") == 1300 and convert(1, "t", "shells") is None
    assert convert(5e9, "USD", "million USD") == 5000


@pytest.mark.parametrize(("text", "phrase", "ratio"), [
    ("exports more than doubled", "more than doubled", RatioInterval(2, math.inf, lo_open=True)),
    ("exports almost doubled", "almost doubled", RatioInterval(1.6, 2, hi_open=True)),
    ("exports doubled", "doubled", RatioInterval(1.8, 2.2)),
    ("exports tripled", "tripled", RatioInterval(2.7, 3.3)),
    ("exports more than halved", "more than halved", RatioInterval(0, 0.5, hi_open=True)),
    ("exports surged", "surged", RatioInterval(1.2, math.inf)),
    ("exports fell by 40 %", "fell by 40 %", RatioInterval(0.55, 0.65)),
    ("exports increased by 25%", "increased by 25%", RatioInterval(1.245, 1.255)),
    ("exports rose by more than 40 per cent", "rose by more than 40 per cent",
     RatioInterval(1.4, math.inf)),
    ("exports grew fivefold", "grew fivefold", None),  # "fivefold" is not in numbers.yaml
    ("exports rose threefold", "rose threefold", RatioInterval(2.7, 3.3)),
    ("exports rose to 1,300 tons", "rose", RatioInterval(1, math.inf, lo_open=True)),
    ("exports fell", "fell", RatioInterval(0, 1, hi_open=True)),
])
def test_comparatives(text: str, phrase: str, ratio: RatioInterval | None) -> None:
    found = find_comparatives(text)
    if ratio is None:
        assert [c.phrase for c in found] == ["grew"]
        return
    assert [c.phrase for c in found] == [phrase]
    got = found[0].ratio
    assert (got.lo_open, got.hi_open) == (ratio.lo_open, ratio.hi_open)
    assert math.isclose(got.lo, ratio.lo) and (got.hi == ratio.hi or math.isclose(got.hi, ratio.hi))


def test_ratio_intervals_meet_only_where_they_overlap() -> None:
    more_than_double = RatioInterval(2, math.inf, lo_open=True)
    assert not more_than_double.intersects(RatioInterval(1300 / 750, 1300 / 650))
    assert more_than_double.intersects(RatioInterval(1.9, 2.01))
    assert RatioInterval(1.6, 2, hi_open=True).intersects(RatioInterval(1.73, 2))
    assert RatioInterval(2, 2).intersects(RatioInterval(2, 3))
    assert not RatioInterval(0, 1, hi_open=True).intersects(RatioInterval(1, 1))


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 1e6, allow_nan=False), st.floats(0, 1e6, allow_nan=False),
       st.booleans(), st.booleans(), st.booleans())
def test_ratio_interval_notation_round_trips(a: float, b: float, lo_open: bool, hi_open: bool,
                                             open_end: bool) -> None:
    lo, hi = sorted((a, b))
    iv = RatioInterval(lo, math.inf if open_end else hi, lo_open, hi_open)
    assert RatioInterval.parse(iv.notation()) == iv
    assert iv.intersects(iv) == (iv.lo < iv.hi or not (iv.lo_open or iv.hi_open))
