"""Properties of partial dates and ISO 8601 intervals."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.schema.dates import (
    check_partial_date,
    check_time,
    date_bounds,
    overlaps,
    parse_partial_date,
    time_bounds,
)


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1, 9999))
    precision = draw(st.sampled_from(["y", "m", "d"]))
    if precision == "y":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == "m":
        return f"{year:04d}-{month:02d}"
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return f"{year:04d}-{month:02d}-{day:02d}"


@given(partial_dates())
def test_partial_date_parses_and_bounds(text: str) -> None:
    assert check_partial_date(text) == text
    year, month, day = parse_partial_date(text)
    lo, hi = date_bounds(text)
    assert lo <= hi and lo.year == hi.year == year
    assert lo.isoformat().startswith(text) and hi.isoformat().startswith(text)
    if month is None:
        assert (lo, hi) == (date(year, 1, 1), date(year, 12, 31))
    elif day is None:
        assert lo.day == 1 and hi.day == calendar.monthrange(year, month)[1]
    else:
        assert lo == hi


@given(partial_dates(), partial_dates())
def test_intervals(a: str, b: str) -> None:
    if date_bounds(a)[0] <= date_bounds(b)[1]:
        text = f"{a}/{b}"
        assert check_time(text) == text
        assert time_bounds(text) == (date_bounds(a)[0], date_bounds(b)[1])
        assert overlaps(text, a) and overlaps(text, b)
    else:
        with pytest.raises(ValueError, match="ends before it starts"):
            check_time(f"{a}/{b}")


@given(partial_dates())
def test_open_intervals(a: str) -> None:
    assert time_bounds(f"{a}/..") == (date_bounds(a)[0], date.max)
    assert time_bounds(f"../{a}") == (date.min, date_bounds(a)[1])
    assert overlaps(f"{a}/..", a) and overlaps(f"../{a}", a)


@given(st.one_of(partial_dates(), partial_dates().map(lambda d: d + "/..")),
       st.one_of(partial_dates(), partial_dates().map(lambda d: "../" + d)))
def test_overlap_is_symmetric_and_matches_bounds(a: str, b: str) -> None:
    (alo, ahi), (blo, bhi) = time_bounds(a), time_bounds(b)
    assert overlaps(a, b) == overlaps(b, a) == (alo <= bhi and blo <= ahi)
    assert overlaps(a, a)


@given(st.text(max_size=25))
def test_arbitrary_text_is_accepted_or_value_error(text: str) -> None:
    try:
        check_time(text)
    except ValueError:
        return
    time_bounds(text)  # anything accepted has bounds


@pytest.mark.parametrize("bad", ["2023-13", "2023-02-30", "2023-00", "0000", "23", "2023-1",
                                 "..", "../..", "2023/2022", "2023-04-01T10:00"])
def test_invalid_times(bad: str) -> None:
    with pytest.raises(ValueError):
        check_time(bad)
