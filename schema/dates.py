"""Partial dates (``2025``, ``2025-04``, ``2025-04-12``) and ISO 8601 intervals.

An interval is ``START/END`` where either side is a partial date, and ``..`` marks an open
end (ISO 8601-2). Every time value can be turned into the closed range of days it covers,
which is what overlap tests and "as of" filters use. A value that is none of these raises
:class:`DateError`, a ``ValueError`` whose ``kind`` says what is wrong (the case loader
turns the kind into a pydantic error type, and that type into a hint).

Examples
--------
>>> parse_partial_date("2025-04")
(2025, 4, None)
>>> time_bounds("2015/2021")
(datetime.date(2015, 1, 1), datetime.date(2021, 12, 31))
>>> time_bounds("2024-02")
(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
>>> overlaps("2023", "2022-06/2023-02")
True
>>> parse_partial_date("2023-13")
Traceback (most recent call last):
...
claimgraph.schema.dates.DateError: '2023-13' is not a valid date: month must be in 1..12
>>> try:
...     check_time("2023/2021")
... except DateError as exc:
...     print(exc.kind)
interval_order
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Literal

__all__ = [
    "PARTIAL_DATE_PATTERN",
    "TIME_PATTERN",
    "DateError",
    "DateErrorKind",
    "check_partial_date",
    "check_time",
    "date_bounds",
    "overlaps",
    "parse_partial_date",
    "time_bounds",
]

PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
TIME_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?|\.\.)(/(\d{4}(-\d{2}(-\d{2})?)?|\.\.))?$"
_PD = re.compile(PARTIAL_DATE_PATTERN)

DateErrorKind = Literal["date_syntax", "date_range", "interval_open", "interval_order"]
"""What is wrong with a time value: not written as a date; a month or day that does not
exist; an interval with no end at all; an interval that ends before it starts."""


class DateError(ValueError):
    """A value that is not a partial date or an interval; ``kind`` says why."""

    def __init__(self, message: str, kind: DateErrorKind) -> None:
        super().__init__(message)
        self.kind: DateErrorKind = kind


def parse_partial_date(text: str) -> tuple[int, int | None, int | None]:
    """Split a partial date into (year, month, day); raise ValueError if it is not one."""
    if not _PD.match(text):
        raise DateError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                        "date_syntax")
    parts = [int(x) for x in text.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{text!r} is not a valid date: month must be in 1..12", "date_range")
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"{text!r} is not a valid date: day must be in 1..{last}",
                            "date_range")
    if year < 1:
        raise DateError(f"{text!r} is not a valid date: year must be 0001 or later",
                        "date_range")
    return year, month, day


def check_partial_date(text: str | None) -> str | None:
    """Return ``text`` unchanged if it is a valid partial date (pydantic validator;
    an explicit ``null`` passes through)."""
    if text is None:
        return None
    parse_partial_date(text)
    return text


def check_time(text: str | None) -> str | None:
    """Return ``text`` unchanged if it is a partial date or a valid interval (or None)."""
    if text is None:
        return None
    if "/" in text:
        start, _, end = text.partition("/")
        if start == ".." and end == "..":
            raise DateError(f"{text!r}: an interval needs at least one end", "interval_open")
        lo = date_bounds(start)[0] if start != ".." else None
        hi = date_bounds(end)[1] if end != ".." else None
        if lo and hi and lo > hi:
            raise DateError(f"{text!r}: the interval ends before it starts", "interval_order")
        return text
    if text == "..":
        raise DateError("'..' alone is not a time; write START/.. or ../END", "interval_open")
    return check_partial_date(text)


def date_bounds(text: str) -> tuple[date, date]:
    """First and last day covered by a partial date."""
    year, month, day = parse_partial_date(text)
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)


def time_bounds(text: str) -> tuple[date, date]:
    """First and last day covered by a time value; open ends become date.min / date.max."""
    if "/" in text:
        start, _, end = text.partition("/")
        lo = date.min if start == ".." else date_bounds(start)[0]
        hi = date.max if end == ".." else date_bounds(end)[1]
        return lo, hi
    return date_bounds(text)


def overlaps(a: str, b: str) -> bool:
    """True when two time values share at least one day."""
    a_lo, a_hi = time_bounds(a)
    b_lo, b_hi = time_bounds(b)
    return a_lo <= b_hi and b_lo <= a_hi
