"""Numbers are written once for every output: separators, no exponent, bounds, approx."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.numberformat import format_number, format_quantity

INTS = st.integers(min_value=-(10**15), max_value=10**15)
EXPONENT = re.compile(r"\d\s*[eE][+-]?\d|×\s*10")


@given(INTS)
def test_integers_never_get_an_exponent_and_read_back(n: int) -> None:
    for text in (format_number(n), format_number(float(n)), format_quantity(n, "shells"),
                 format_quantity(float(n), "t", approx=True, bound="min", words=True)):
        assert not EXPONENT.search(text), text
    assert int(format_number(n).replace(",", "")) == n
    assert int(format_number(float(n)).replace(",", "")) == n  # floats up to 1e15 are exact


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_finite_float_is_written_out(x: float) -> None:
    text = format_number(x)
    assert not EXPONENT.search(text) and "e" not in text.lower()
    shown, exact = Decimal(text.replace(",", "")), Decimal(repr(x))
    assert abs(shown - exact) <= max(Decimal("0.0005"), abs(exact) / 100) or (
        shown == 0 and abs(exact) < Decimal("1e-20"))


@given(st.integers(min_value=1000, max_value=10**15))
def test_thousands_are_grouped_by_three(n: int) -> None:
    groups = format_number(n).split(",")
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


@pytest.mark.parametrize(("args", "kwargs", "expected"), [
    ((5_000_000, "shells"), {}, "5,000,000 shells"),
    ((5e6, "shells"), {"approx": True, "words": True}, "about 5,000,000 shells"),
    ((10_000, None), {"bound": "min"}, "≥ 10,000"),
    ((10_000, "USD"), {"bound": "max", "words": True}, "at most 10,000 USD"),
    ((700, "t"), {"approx": True}, "≈ 700 t"),
    ((200_000, "shells"), {"bound": "min", "capacity": True}, "≥ 200,000 shells (capacity)"),
    ((2.5, "%"), {}, "2.5 %"),
    ((0.1 + 0.2, "t"), {}, "0.3 t"),
])
def test_quantities_read_as_said(args: tuple, kwargs: dict, expected: str) -> None:
    assert format_quantity(*args, **kwargs) == expected


def test_decimals_are_fixed_when_asked_and_non_finite_values_have_a_sign() -> None:
    assert format_number(1234.5, decimals=0) == "1,234"  # half to even
    assert format_number(1235.5, decimals=0) == "1,236"
    assert format_number(3, decimals=2) == "3"  # an int is an int
    assert format_number(3.0, decimals=2) == "3.00"
    assert format_number(math.inf) == "∞" and format_number(-math.inf) == "-∞"
    assert format_number(1.7976931348623157e308).startswith("179,769,313,486,231,570")
