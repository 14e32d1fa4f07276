"""``quantity-mismatch``: the number in a claim's text, its ``quantity`` and its quotes agree.

Numbers are read with :mod:`.numbers` ("1,300" = "1300" = "1.3 thousand"; "110 tons" is in
the unit ``t``; "about", "over", "more than" are qualifiers; years are no quantities;
"doubled" is 2 ×). Three rules, each a validate warning:

1. a claim's ``quantity`` is given by a number in one of its supporting quotes — same value
   (units converted), and a qualifier in the quote is kept: "about 700" needs
   ``approx: true``, "more than"/"over" ``bound: min``, "up to"/"under" ``bound: max``;
2. when the claim text mentions numbers, one of them is the quantity (with the same rule
   for its qualifier);
3. a claim without ``quantity`` whose text gives a figure (a number with a unit or a
   qualifier, or a large one) has that figure in a supporting quote.

Examples
--------
>>> from claimgraph.schema.models import Claim
>>> c = Claim.model_validate({
...     "id": "nc-2022", "text": "In 2022, China exported 700 tonnes.", "subject": "cn",
...     "predicate": "supplies", "object": "ru", "time": 2022,
...     "quantity": {"value": 700, "unit": "t"},
...     "evidence": [{"source": "a", "quote": "In 2022, about 700 tons were exported."}]})
>>> for path, message, hint in quantity_mismatches(c): print(path, message, "|", hint)
('quantity',) evidence #1 says "about 700 tons" but the quantity 700 t is exact | add `approx: true` to the quantity
>>> quantity_mismatches(c.model_copy(update={"quantity": c.quantity.model_copy(
...     update={"approx": True})}))
[]
"""

from __future__ import annotations

import math

from claimgraph.errors import Problem
from claimgraph.problemcodes import ProblemCode
from claimgraph.schema.caseload import LoadedCase
from claimgraph.schema.models import Claim, Quantity

from .numberlexicon import convert, number_lexicon, unit_of
from .numbers import NumberMention, find_numbers

__all__ = ["CODE", "agrees", "quantity_mismatch_problems", "quantity_mismatches"]

CODE = ProblemCode.QUANTITY_MISMATCH

_NEEDS = {"approx": ("approx", True, "add `approx: true` to the quantity"),
          "min": ("bound", "min", "add `bound: min` to the quantity"),
          "max": ("bound", "max", "add `bound: max` to the quantity")}


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def agrees(m: NumberMention, q: Quantity) -> bool:
    """Whether a number found in a text is the quantity's value (units converted; a number
    without a unit may be in any unit; a year never agrees).

    >>> agrees(find_numbers("1.3 thousand tons")[0], Quantity(value=1300, unit="t"))
    True
    >>> agrees(find_numbers("1,300 kg")[0], Quantity(value=1300, unit="t"))
    False
    """
    if m.year:
        return False
    if m.unit is None:
        return _same_value(m.value, float(q.value))
    if unit_of(q.unit) is None:
        return False
    value = convert(m.value, m.unit, q.unit)
    return value is not None and _same_value(value, float(q.value))


def _qualifier_kept(m: NumberMention, q: Quantity) -> bool:
    if m.qualifier is None:
        return True
    field, want, _hint = _NEEDS[m.qualifier]
    return getattr(q, field) == want


def _figure(text: str, m: NumberMention) -> str:
    return " ".join(text[m.start:m.end].split())


def _quantity(q: Quantity) -> str:
    return f"{q.value:,g} {q.unit}"


def _read(q: Quantity, numbers: list[NumberMention]) -> tuple[bool, NumberMention | None]:
    """(agrees, a number of the right value whose qualifier the quantity lost)."""
    matching = [m for m in numbers if agrees(m, q)]
    if any(_qualifier_kept(m, q) for m in matching):
        return True, None
    return False, matching[0] if matching else None


def _lost(text: str, where: str, q: Quantity, m: NumberMention) -> tuple[str, str]:
    kind = ("exact" if not q.approx and q.bound is None
            else "approximate" if q.bound is None else f"bound: {q.bound}")
    return (f"{where} says \"{_figure(text, m)}\" but the quantity {_quantity(q)} is {kind}",
            _NEEDS[m.qualifier or "approx"][2])


Mismatch = tuple[tuple[str | int, ...], str, str]


def quantity_mismatches(claim: Claim) -> list[Mismatch]:
    """The mismatches of one claim: (field path, message, hint)."""
    q = claim.quantity
    text_numbers = [n for n in find_numbers(claim.text) if not n.year]
    if q is None and not any(_figure_like(n) for n in text_numbers):
        return []  # nothing to hold against the quotes: do not read them
    quotes = [(i, ev.quote, [n for n in find_numbers(ev.quote) if not n.year])
              for i, ev in enumerate(claim.evidence) if ev.relation == "supports"]
    if q is None:
        return _unrecorded(claim, quotes, text_numbers)
    out: list[Mismatch] = []
    if quotes:
        read = [(i, t, *_read(q, ns)) for i, t, ns in quotes]
        if not any(ok for _i, _t, ok, _m in read):
            lost = [(i, t, m) for i, t, _ok, m in read if m is not None]
            if lost:
                i, t, kept = lost[0]
                out.append((("quantity",), *_lost(t, f"evidence #{i + 1}", q, kept)))
            else:
                said = sorted({_figure(t, n) for _i, t, ns in quotes for n in ns})
                out.append((("quantity", "value"),
                            f"the quantity {_quantity(q)} is in no supporting quote ("
                            + (f"they give {', '.join(said)})" if said else "they give no number)"),
                            "correct `quantity:`, or quote the passage that gives it"))
    if text_numbers:
        ok, lost_in_text = _read(q, text_numbers)
        if lost_in_text is not None:
            out.append((("text",), *_lost(claim.text, "the text", q, lost_in_text)))
        elif not ok:
            gives = ", ".join(_figure(claim.text, n) for n in text_numbers)
            out.append((("text",), f"the text gives {gives} but the quantity is {_quantity(q)}",
                        "make the text and `quantity:` agree"))
    return out


def _figure_like(m: NumberMention) -> bool:
    """A figure worth quoting: with a unit or a qualifier, or a large number that cannot be
    a year read as a count ("in 2022 and 2023 exports")."""
    return (m.unit is not None or m.qualifier is not None
            or (m.value >= 1000 and not _maybe_year(m.value)))


def _maybe_year(value: float) -> bool:
    lo, hi = number_lexicon().years
    return value == int(value) and lo <= value <= hi


def _unrecorded(claim: Claim, quotes: list[tuple[int, str, list[NumberMention]]],
                text_numbers: list[NumberMention]) -> list[Mismatch]:
    """Rule 3: figures in the text of a claim without quantity are in a quote."""
    out: list[Mismatch] = []
    if not quotes:
        return out
    for m in text_numbers:
        if not _figure_like(m):
            continue  # "three interlocking forces", "(analysis 2)"
        if not any(_same_figure(m, n) for _i, _t, ns in quotes for n in ns):
            out.append((("text",), f"the text says \"{_figure(claim.text, m)}\", which no "
                        "supporting quote gives", "quote the passage that gives the figure, "
                        "or correct the text (and record it as `quantity:`)"))
    return out


def _same_figure(a: NumberMention, b: NumberMention) -> bool:
    if a.unit is None or b.unit is None:
        return _same_value(a.value, b.value)
    value = convert(b.value, b.unit, a.unit)
    return value is not None and _same_value(value, a.value)


def quantity_mismatch_problems(loaded: LoadedCase) -> list[Problem]:
    """One warning per disagreement between a claim's text, quantity and quotes."""
    out = []
    for c in loaded.claims:
        origin = loaded.origin("claim", c.id)
        for path, message, hint in quantity_mismatches(c):
            file, line, col = origin.at(*path) if origin else ("<case>", None, None)
            out.append(Problem("warning", CODE, f"claim '{c.id}': {message}", file, line, col,
                               hint))
    return out
