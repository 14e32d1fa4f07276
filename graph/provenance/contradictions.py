"""Contradictions between claims: declared (``contradicts:``) and detected.

Detected contradictions are exactly the pairs the rebutting rules of
:mod:`claimgraph.schema.conflict` accept (the status vocabulary's ``contradictions:``
switches turn the polarity or the quantity rule off):

- **polarity**: one claim affirmed, one denied, same predicate, the affirmed claim's
  subject, object and item *within* the denial's (:mod:`claimgraph.schema.scope`: the same
  thing, or narrower by ``broader``; a denial naming no item covers every item), times
  overlapping or one missing.
- **quantity**: both affirmed, the same subject, object and item, both timed and quantified
  in the same unit, neither a capacity, times overlapping, and quantities that cannot both
  be true (``approx`` widens a value by the tolerance, ``bound: min/max`` makes it
  open-ended).

A declared ``contradicts`` always counts (the curator's call); one outside these rules says
so in its detail and is a ``contradiction-scope`` validate warning. ``challenges`` is never
a contradiction.

Examples
--------
>>> from claimgraph.schema.models import Claim, Entity
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
>>> found[1].in_scope
False
>>> ents = [Entity(id="shahed", name="Shahed-136", kind="weapon_system", broader=["drones"]),
...         Entity(id="drones", name="Drones", kind="weapon_system")]
>>> [(x.a, x.b, x.detail) for x in find_contradictions(
...     [c("s", item="shahed"), c("n", item="drones", polarity="denied"),
...      c("nc", item="nitrocellulose")], entities=ents)]
[('n', 's', 's affirms and n denies cn supplies ru (drones); shahed ⊑ drones')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from claimgraph.schema.conflict import ConflictRules, quantity_range
from claimgraph.schema.models import Claim, Entity
from claimgraph.schema.scope import Scope
from claimgraph.schema.statuses import ContradictionRules, load_statuses
from claimgraph.schema.vocab import Vocabulary

__all__ = ["Contradiction", "contradiction_rules", "find_contradictions", "quantity_range"]

Kind = Literal["declared", "polarity", "quantity"]


@dataclass(frozen=True, order=True)
class Contradiction:
    """Two claims (``a < b``) that cannot both hold, how it was found, and why.

    ``in_scope`` is False for a declared contradiction the rebutting rules do not accept.
    """

    a: str
    b: str
    kind: Kind
    detail: str = ""
    in_scope: bool = True


def contradiction_rules() -> ContradictionRules:
    """The ``contradictions:`` section of the status vocabulary (evidence_status.yaml)."""
    return load_statuses().contradictions


def _pair(a: str, b: str, kind: Kind, detail: str, in_scope: bool = True) -> Contradiction:
    lo, hi = sorted((a, b))
    return Contradiction(lo, hi, kind, detail, in_scope)


def find_contradictions(claims: Iterable[Claim], vocab: Vocabulary | None = None,
                        entities: Iterable[Entity] = ()) -> list[Contradiction]:
    """Every declared and detected contradiction, sorted, one row per pair and kind.

    ``entities`` give ``same_as`` and ``broader`` (what a denial covers); ``vocab`` which
    predicates are symmetric.
    """
    settings = contradiction_rules()
    scope = Scope(entities)
    rules = ConflictRules(scope, vocab, settings)
    claims = list(claims)
    by_id = {c.id: c for c in claims}
    out: set[Contradiction] = set()
    for c in claims:
        for other in c.contradicts:
            if other in by_id and other != c.id:
                kind, why = rules.check(c, by_id[other])
                detail = f"{c.id} declares it contradicts {other}"
                if kind is None:
                    detail += f"; outside the conflict scope: {why}"
                out.add(_pair(c.id, other, "declared", detail, kind is not None))
    # candidates: claims on one predicate whose subject and object fall in one same_as class
    # (a denial also meets the claims about what is narrower than its subject and object)
    def key(p: str, s: str, o: str) -> tuple[str, str, str]:
        s, o = scope.canonical(s), scope.canonical(o)
        return (p, o, s) if rules.symmetric(p) and o < s else (p, s, o)

    affirmed: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    quantified: dict[tuple[str, ...], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.polarity != "affirmed":
            continue
        k = key(c.predicate, c.subject, c.object)
        affirmed[k].append(c)
        if c.quantity and c.time and not c.quantity.capacity:
            item = scope.canonical(c.item) if c.item else ""
            quantified[(*k, item, c.quantity.unit)].append(c)
    if settings.polarity:
        for d in claims:
            if d.polarity != "denied":
                continue
            keys = {key(d.predicate, s, o)
                    for s in scope.narrower(d.subject) for o in scope.narrower(d.object)}
            for k in sorted(keys):
                for a in affirmed.get(k, ()):
                    kind, why = rules.check(a, d)
                    if kind == "polarity":
                        out.add(_pair(a.id, d.id, kind, why))
    if settings.quantity:
        for group in quantified.values():
            for x, y in combinations(sorted(group, key=lambda c: c.id), 2):
                kind, why = rules.check(x, y)
                if kind == "quantity":
                    out.add(_pair(x.id, y.id, kind, why))
    return sorted(out)
