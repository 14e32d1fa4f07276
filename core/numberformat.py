"""Numbers and quantities as every output writes them: the CLI, the casebook, the charts.

One module, so that a count never reads ``5e+06`` in one place and ``5,000,000`` in
another. The rules:

* thousands separators (``1,300``, ``5,000,000``), never scientific notation: a value is
  written out in full, however large or small (``0.000001``);
* at most :data:`MAX_DECIMALS` decimals — more for a value below 1, so that it keeps three
  significant digits (``0.000123``) up to :data:`MIN_SHOWN` —, trailing zeros dropped
  (``2.5``, not ``2.50``); an integral float is written as an integer (``1300.0`` → ``1,300``);
* a bound is shown (``≥ 10,000`` / "at least 10,000"; ``≤ 5`` / "at most 5"), an
  approximate value too (``≈ 700 t`` / "about 700 t"), and a capacity — an amount that
  could be made or supplied, not one that was — says so.

Two styles: ``symbols`` (tables, charts, terminal) and ``words`` (sentences in pages).

Examples
--------
>>> format_number(5_000_000), format_number(1300.0), format_number(0.000001)
('5,000,000', '1,300', '0.000001')
>>> format_number(-1234.5678)
'-1,234.568'
>>> format_quantity(700, "t", approx=True)
'≈ 700 t'
>>> format_quantity(10_000, "shells", bound="min", words=True)
'at least 10,000 shells'
>>> format_quantity(200_000, "shells", bound="min", capacity=True)
'≥ 200,000 shells (capacity)'
>>> format_quantity(700, "t", approx=True, bound="max", words=True)
'at most about 700 t'
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Protocol

__all__ = ["MAX_DECIMALS", "MIN_SHOWN", "QuantityLike", "format_number", "format_quantity", "quantity_phrase"]

MAX_DECIMALS = 3
"""Decimals kept at most for a value of 1 or more (rounded half to even)."""

MIN_SHOWN = 20
"""Decimals kept at most for a value below 1: smaller values read ``0``, never ``1e-21``."""

_SYMBOLS = {"min": "≥ ", "max": "≤ "}
_WORDS = {"min": "at least ", "max": "at most "}


class QuantityLike(Protocol):
    """What :func:`quantity_phrase` reads: the fields of a claim's quantity."""

    @property
    def value(self) -> int | float: ...
    @property
    def unit(self) -> str: ...
    @property
    def approx(self) -> bool: ...
    @property
    def bound(self) -> str | None: ...
    @property
    def capacity(self) -> bool: ...


def format_number(value: int | float | Decimal, *, decimals: int | None = None) -> str:
    """``value`` with thousands separators and no exponent, ever.

    ``decimals`` keeps exactly that many decimals (for axis ticks); by default at most
    :data:`MAX_DECIMALS`, trailing zeros dropped. Infinite values read ``∞``/``-∞`` and
    NaN ``NaN`` (a quantity never holds one: the models refuse them).

    >>> format_number(10**15), format_number(2.0, decimals=1), format_number(1.23456e-7)
    ('1,000,000,000,000,000', '2.0', '0.000000123')
    >>> format_number(1e-30)
    '0'
    >>> format_number(float("inf")), format_number(-0.0)
    ('∞', '0')
    """
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    d = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if d.is_nan():
        return "NaN"
    if d.is_infinite():
        return "-∞" if d < 0 else "∞"
    if decimals is not None:
        places = max(0, decimals)
    elif d != 0 and abs(d) < 1:  # three significant digits: 0.000123
        places = min(MIN_SHOWN, max(MAX_DECIMALS, 2 - d.adjusted()))
    else:
        places = MAX_DECIMALS
    with localcontext() as ctx:  # room for every digit of the largest float
        ctx.prec = 330 + places
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    if d == 0:
        d = abs(d)  # no "-0"
    text = f"{d:,f}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_quantity(value: int | float, unit: str | None, *, approx: bool = False,
                    bound: str | None = None, capacity: bool = False,
                    words: bool = False) -> str:
    """A quantity as it is read: ``≈ 700 t``, ``≥ 200,000 shells (capacity)``;
    ``words=True``: "about 700 t", "at least 200,000 shells (capacity)".

    >>> format_quantity(1300, "t"), format_quantity(5e6, "shells", words=True)
    ('1,300 t', '5,000,000 shells')
    """
    prefix = (_WORDS if words else _SYMBOLS).get(bound or "", "")
    prefix += ("about " if words else "≈ ") if approx else ""
    text = f"{prefix}{format_number(value)} {unit or ''}".strip()
    return text + " (capacity)" if capacity else text


def quantity_phrase(q: QuantityLike | None, *, words: bool = False) -> str:
    """:func:`format_quantity` of a claim's quantity (``""`` for none)."""
    if q is None:
        return ""
    return format_quantity(q.value, q.unit, approx=q.approx, bound=q.bound,
                           capacity=q.capacity, words=words)
