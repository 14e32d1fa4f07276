"""When two claims REBUT each other (cannot both be true): the scope of ``contradicts``.

Argumentation theory separates *rebutting* (the claims cannot both hold) from
*undercutting* (one weakens the other's grounds). ``contradicts`` is for the first and
makes both claims contested; ``challenges`` is for the second and never does. Two claims
rebut each other when they have the same predicate (either direction for a symmetric one),
their times overlap (a claim without time overlaps every time), and one of:

- **polarity** — one affirmed (A), one denied (D), ``A.subject ⊑ D.subject``,
  ``A.object ⊑ D.object``, and the denial names no item or ``A.item ⊑ D.item``
  (⊑: :mod:`.scope` — the same thing, or narrower by ``broader``). A denial of "lethal
  weapons" does not meet nitrocellulose unless the case says nitrocellulose is narrower; a
  denial about drones meets a claim about Shahed-136 when Shahed-136 is narrower than
  drones; an affirmed claim naming no item is not met by a denial about one item.
- **quantity** — both affirmed, the same subject, object and item (⊑ both ways), both
  timed and quantified in the same unit, neither a ``capacity``, times overlapping (or
  equal, per the status vocabulary's ``quantity_time_match``), and ranges that do not meet
  (``approx`` widens a value by the tolerance, ``bound`` makes it open-ended).

The provenance assessment detects exactly these pairs; a *declared* ``contradicts`` outside
them is the validate warning ``contradiction-scope`` (it still counts: the curator's call,
to be argued in the claim's note), whose hint names ``challenges``.

Examples
--------
>>> from claimgraph.schema.models import Claim, Entity
>>> def c(i, **kw):
...     base = {"id": i, "text": i, "subject": "cn", "predicate": "supplies", "object": "ru"}
...     return Claim.model_validate({**base, **kw})
>>> rules = ConflictRules([Entity(id="shahed", name="Shahed-136", kind="weapon_system",
...                               broader=["drones"]),
...                        Entity(id="drones", name="Drones", kind="weapon_system")])
>>> rules.check(c("a", item="shahed"), c("d", item="drones", polarity="denied"))[0]
'polarity'
>>> kind, why = rules.check(c("a", item="nc"), c("d", item="weapons", polarity="denied"))
>>> kind, why
(None, "the denial is about item 'weapons' and 'nc' is not within it (no `broader:` path from 'nc' to 'weapons')")
>>> rules.check(c("q1", time="2023", quantity={"value": 700, "unit": "t"}),
...             c("q2", time="2023", quantity={"value": 1300, "unit": "t"}))
('quantity', '700 t (2023) vs 1,300 t (2023)')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from claimgraph.errors import Problem, ProblemCode
from claimgraph.numberformat import quantity_phrase

from .caseload import LoadedCase
from .dates import overlaps
from .models import Claim, Entity, Quantity
from .scope import Scope
from .statuses import ContradictionRules, load_statuses
from .vocab import Vocabulary

__all__ = ["ConflictKind", "ConflictRules", "contradiction_scope_problems", "quantity_range"]

ConflictKind = Literal["polarity", "quantity"]


def quantity_range(q: Quantity, tolerance: float = 0.1,
                   step: float | None = None) -> tuple[float, float]:
    """The values a quantity allows.

    An ``approx`` value is widened by ``tolerance`` (a fraction of it), or by half of
    ``step`` (the place value of its last significant digit) where that is wider: about 700
    with step 100 is 650-750, the values that round to 700.

    >>> quantity_range(Quantity(value=100, unit="t", approx=True))
    (90.0, 110.0)
    >>> quantity_range(Quantity(value=700, unit="t", approx=True), 0.05, step=100)
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
        if step:
            d = max(d, step / 2)
        return v - d, v + d
    return v, v


def _q(q: Quantity, time: str | None) -> str:
    return f"{quantity_phrase(q)} ({time})"


class ConflictRules:
    """The rebutting rules over one case's entities and predicates.

    ``vocab`` says which predicates are symmetric (none when omitted); ``rules`` are the
    status vocabulary's ``contradictions:`` settings (tolerance, time match).
    """

    def __init__(self, entities: Iterable[Entity] | Scope, vocab: Vocabulary | None = None,
                 rules: ContradictionRules | None = None) -> None:
        self.scope = entities if isinstance(entities, Scope) else Scope(entities)
        self.vocab = vocab
        self.rules = rules or load_statuses().contradictions

    def symmetric(self, predicate: str) -> bool:
        pred = self.vocab.predicates.get(predicate) if self.vocab else None
        return bool(pred is not None and pred.symmetric)

    def check(self, x: Claim, y: Claim) -> tuple[ConflictKind | None, str]:
        """``(kind, why)``: the rule under which ``x`` and ``y`` rebut each other, or
        ``(None, why not)``."""
        if x.predicate != y.predicate:
            return None, f"their predicates differ ('{x.predicate}' and '{y.predicate}')"
        if x.time and y.time and not overlaps(x.time, y.time):
            return None, f"their times do not overlap ({x.time} and {y.time})"
        if x.polarity != y.polarity:
            a, d = (x, y) if x.polarity == "affirmed" else (y, x)
            return self._polarity(a, d)
        if x.polarity == "denied":
            return None, "both are denials"
        return self._quantity(x, y)

    def _roles_within(self, a: Claim, d: Claim) -> bool:
        w = self.scope.within
        if w(a.subject, d.subject) and w(a.object, d.object):
            return True
        return self.symmetric(a.predicate) and w(a.object, d.subject) and w(a.subject, d.object)

    def _polarity(self, a: Claim, d: Claim) -> tuple[ConflictKind | None, str]:
        if not self._roles_within(a, d):
            for role in ("subject", "object"):
                av, dv = getattr(a, role), getattr(d, role)
                if not self.scope.within(av, dv):
                    return None, (f"the denial's {role} is '{dv}' and '{av}' is not within it "
                                  f"(no same_as, no `broader:` path from '{av}' to '{dv}')")
        if d.item is not None:
            if a.item is None:
                return None, (f"the denial is about item '{d.item}' only and the affirmed "
                              "claim names no item")
            if not self.scope.within(a.item, d.item):
                return None, (f"the denial is about item '{d.item}' and '{a.item}' is not "
                              f"within it (no `broader:` path from '{a.item}' to '{d.item}')")
        what = f"{d.subject} {d.predicate} {d.object}" + (f" ({d.item})" if d.item else "")
        detail = f"{a.id} affirms and {d.id} denies {what}"
        narrower = [(av, dv) for av, dv in ((a.subject, d.subject), (a.object, d.object),
                                            (a.item, d.item))
                    if av and dv and not self.scope.same(av, dv)]
        if narrower:
            detail += "; " + ", ".join(f"{av} ⊑ {dv}" for av, dv in narrower)
        return "polarity", detail

    def _quantity(self, x: Claim, y: Claim) -> tuple[ConflictKind | None, str]:
        same = self.scope.same
        if not (x.quantity and y.quantity and x.time and y.time):
            return None, ("both are affirmed and not both timed and quantified: nothing in "
                          "them is incompatible")
        if x.quantity.capacity != y.quantity.capacity:
            return None, "one quantity is a capacity (what could be), the other an amount"
        if x.quantity.capacity:
            return None, "both quantities are capacities (what could be), not amounts"
        if x.quantity.unit != y.quantity.unit:
            return None, f"their units differ ('{x.quantity.unit}' and '{y.quantity.unit}')"
        direct = same(x.subject, y.subject) and same(x.object, y.object)
        flipped = self.symmetric(x.predicate) and same(x.subject, y.object) \
            and same(x.object, y.subject)
        if not (direct or flipped):
            return None, "they are about different subjects or objects"
        if not ((x.item is None and y.item is None)
                or (x.item is not None and y.item is not None and same(x.item, y.item))):
            return None, f"they are about different items ('{x.item}' and '{y.item}')"
        if self.rules.quantity_time_match == "equal" and x.time != y.time:
            return None, f"their times differ ({x.time} and {y.time})"
        tol = self.rules.approx_tolerance
        lo1, hi1 = quantity_range(x.quantity, tol)
        lo2, hi2 = quantity_range(y.quantity, tol)
        if hi1 < lo2 or hi2 < lo1:
            return "quantity", f"{_q(x.quantity, x.time)} vs {_q(y.quantity, y.time)}"
        return None, (f"their quantities are compatible ({_q(x.quantity, x.time)} and "
                      f"{_q(y.quantity, y.time)})")


def contradiction_scope_problems(loaded: LoadedCase, vocab: Vocabulary) -> list[Problem]:
    """A ``contradiction-scope`` warning per declared ``contradicts`` between two claims
    that can both be true (the claim declaring it is located)."""
    claims = {c.id: c for c in loaded.claims}
    rules = ConflictRules(loaded.entities, vocab)
    out = []
    for c in loaded.claims:
        for i, other_id in enumerate(c.contradicts):
            other = claims.get(other_id)
            if other is None or other_id == c.id:
                continue  # a dangling or self reference: reported by the cross-checks
            kind, why = rules.check(c, other)
            if kind is not None:
                continue
            origin = loaded.origin("claim", c.id)
            file, line, col = origin.at("contradicts", i) if origin else ("<case>", None, None)
            out.append(Problem(
                "warning", ProblemCode.CONTRADICTION_SCOPE,
                f"claim '{c.id}': declared to contradict '{other_id}', but both can be true: "
                f"{why}", file, line, col,
                f"if it argues against '{other_id}' without the two being incompatible, write "
                f"`challenges: [{other_id}]` instead (never contested); if they really cannot "
                "both be true, keep `contradicts` and say why in the claim's `note`"))
    return out
