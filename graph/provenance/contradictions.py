"""Contradictions between claims: declared (``contradicts:``) and detected.

Detected, following the rules in ``schema/vocab/evidence_status.yaml``:

- **polarity**: the same subject-predicate-object (either direction when the predicate is
  symmetric) affirmed by one claim and denied by another; their items must be equal or one
  missing, their times overlapping or one missing.
- **quantity**: the same subject-predicate-object-item, both timed and quantified in the
  same unit, times overlapping, and quantities that cannot both be true (``approx`` widens
  a value by the tolerance, ``bound: min/max`` makes it open-ended).

Examples
--------
>>> from claimgraph.schema.models import Claim
>>> def c(i, **kw):
...     base = {"id": i, "text": i, "subject": "cn", "predicate": "supplies", "object": "ru"}
...     return Claim.model_validate({**base, **kw})
>>> found = find_contradictions([
...     c("a"), c("b", polarity="denied"),
...     c("q1", object="by", item="nc", time="2023", quantity={"value": 1300, "unit": "t"}),
...     c("q2", object="by", item="nc", time="2023-06", quantity={"value": 700, "unit": "t"}),
...     c("q3", object="by", item="nc", time="2023",
...       quantity={"value": 1250, "unit": "t", "approx": True}),
...     c("d", object="kz", contradicts=["q3"])])
>>> [(x.a, x.b, x.kind) for x in found]
[('a', 'b', 'polarity'), ('d', 'q3', 'declared'), ('q1', 'q2', 'quantity'), ('q2', 'q3', 'quantity')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from claimgraph.schema.dates import overlaps
from claimgraph.schema.models import Claim, Quantity
from claimgraph.schema.statuses import ContradictionRules, load_statuses
from claimgraph.schema.vocab import Vocabulary
from claimgraph.sources.numbers import step_of

__all__ = ["Contradiction", "contradiction_rules", "find_contradictions", "quantity_range"]

Kind = Literal["declared", "polarity", "quantity"]


@dataclass(frozen=True, order=True)
class Contradiction:
    """Two claims (``a < b``) that cannot both hold, how it was found, and why."""

    a: str
    b: str
    kind: Kind
    detail: str = ""


def contradiction_rules() -> ContradictionRules:
    """The ``contradictions:`` section of the status vocabulary (evidence_status.yaml)."""
    return load_statuses().contradictions


def quantity_range(q: Quantity, tolerance: float = 0.1,
                   rounding: bool = False) -> tuple[float, float]:
    """The values a quantity allows.

    An ``approx`` value is widened by ``tolerance`` (a fraction of it), or with
    ``rounding`` by half the place value of its last significant digit where that is wider
    (about 700: 650-750, the values that round to 700).

    >>> quantity_range(Quantity(value=100, unit="t", approx=True))
    (90.0, 110.0)
    >>> quantity_range(Quantity(value=700, unit="t", approx=True), 0.05, rounding=True)
    (650.0, 750.0)
    >>> quantity_range(Quantity(value=100, unit="t", bound="min"))
    (100.0, inf)
    """
    v = float(q.value)
    if q.bound == "min":
        return v, float("inf")
    if q.bound == "max":
        return float("-inf"), v
    if q.approx:
        d = abs(v) * tolerance
        if rounding:
            d = max(d, step_of(q.value) / 2)
        return v - d, v + d
    return v, v


def _pair(a: str, b: str, kind: Kind, detail: str) -> Contradiction:
    lo, hi = sorted((a, b))
    return Contradiction(lo, hi, kind, detail)


def _times_ok(x: Claim, y: Claim) -> bool:
    return x.time is None or y.time is None or overlaps(x.time, y.time)


def find_contradictions(claims: Iterable[Claim],
                        vocab: Vocabulary | None = None) -> list[Contradiction]:
    """Every declared and detected contradiction, sorted, one row per pair and kind."""
    rules = contradiction_rules()
    claims = list(claims)
    known = {c.id for c in claims}
    out: set[Contradiction] = set()
    for c in claims:
        for other in c.contradicts:
            if other in known and other != c.id:
                out.add(_pair(c.id, other, "declared", f"{c.id} declares it contradicts {other}"))
    by_spo: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        s, o = c.subject, c.object
        pred = vocab.predicates.get(c.predicate) if vocab else None
        if pred is not None and pred.symmetric and o < s:
            s, o = o, s
        by_spo[(s, c.predicate, o)].append(c)
    for (s, p, o), group in by_spo.items():
        if len(group) < 2:
            continue
        if rules.polarity:
            affirmed = [c for c in group if c.polarity == "affirmed"]
            denied = [c for c in group if c.polarity == "denied"]
            for x in affirmed:
                for y in denied:
                    if (x.item is None or y.item is None or x.item == y.item) and _times_ok(x, y):
                        out.add(_pair(x.id, y.id, "polarity",
                                      f"{x.id} affirms and {y.id} denies {s} {p} {o}"))
        if rules.quantity:
            out.update(_quantity_conflicts(group, rules))
    return sorted(out)


def _quantity_conflicts(group: list[Claim], rules: ContradictionRules) -> list[Contradiction]:
    tol = rules.approx_tolerance
    equal_time = rules.quantity_time_match == "equal"
    timed = [c for c in group if c.quantity and c.time and c.polarity == "affirmed"]
    by_item: dict[tuple[str | None, str], list[Claim]] = defaultdict(list)
    for c in timed:
        assert c.quantity is not None
        by_item[(c.item, c.quantity.unit)].append(c)
    out = []
    for (_item, unit), cs in by_item.items():
        for x, y in combinations(sorted(cs, key=lambda c: c.id), 2):
            assert x.time and y.time and x.quantity and y.quantity
            if (x.time != y.time) if equal_time else not overlaps(x.time, y.time):
                continue
            lo1, hi1 = quantity_range(x.quantity, tol)
            lo2, hi2 = quantity_range(y.quantity, tol)
            if hi1 < lo2 or hi2 < lo1:
                out.append(_pair(x.id, y.id, "quantity",
                                 f"{x.quantity.value:g} {unit} ({x.time}) vs "
                                 f"{y.quantity.value:g} {unit} ({y.time})"))
    return out
