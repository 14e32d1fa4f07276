"""Who supports what, and why: each actor's stances and the motives claims give it.

A *stance* is a claim whose predicate the vocabulary marks ``stance: for`` (supports,
supplies, pursues, cooperates with) or ``stance: against`` (opposes, sanctions), grouped by
target, predicate, polarity and item; a denial stays a denial ("denies supplying", or
"denied by Lin Jian: supplies" when not the actor itself denies it, :mod:`claimgraph.schema.
phrasing`). A
*reason* is a motive the claims give the actor: the object of its affirmed ``motivated_by``
claims, and the ``motives:`` of its affirmed claims. Nothing else becomes a reason: a
denied motive is no motive, and a motive sentence is never made into a stance (principle 7).

:func:`support_profiles` gives one :class:`Profile` per actor; the motives matrix of the
casebook and ``claimgraph compare`` draw them.

Examples
--------
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({"meta": {"id": "d", "title": "D"},
...     "entities": [{"id": "hawks", "name": "PLA Hawks", "kind": "group"},
...                  {"id": "ru", "name": "Russia", "kind": "state"},
...                  {"id": "rivalry", "name": "Rivalry with the US", "kind": "motive"},
...                  {"id": "data", "name": "Combat data", "kind": "motive"}],
...     "claims": [
...         {"id": "c1", "text": "t", "subject": "hawks", "predicate": "supports",
...          "object": "ru", "motives": ["rivalry"]},
...         {"id": "c2", "text": "t", "subject": "hawks", "predicate": "motivated_by",
...          "object": "data"},
...         {"id": "c3", "text": "t", "subject": "hawks", "predicate": "motivated_by",
...          "object": "rivalry", "polarity": "denied"}]})
>>> [p] = support_profiles(case)
>>> [(s.target, s.stance, s.label, s.claims) for s in p.stances]
[('ru', 'for', 'supports', ('c1',))]
>>> [(r.motive, r.claims) for r in p.reasons]
[('data', ('c2',)), ('rivalry', ('c1',))]
>>> motive_order([p])
['data', 'rivalry']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from claimgraph.schema.models import Case, Claim
from claimgraph.schema.phrasing import Phrasing
from claimgraph.schema.vocab import Vocabulary

from .projection import case_vocab

__all__ = ["MOTIVATED_BY", "Profile", "Reason", "Stance", "motive_order", "support_profiles"]

MOTIVATED_BY = "motivated_by"
"""The predicate whose object is a motive of its subject."""


@dataclass(frozen=True)
class Stance:
    """What an actor is for or against, and the claims that say so."""

    target: str
    stance: str
    predicate: str
    label: str
    polarity: str
    item: str | None
    claims: tuple[str, ...]


@dataclass(frozen=True)
class Reason:
    """A motive claims give an actor."""

    motive: str
    claims: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    """One actor: its stances, its reasons, and the tags of the claims behind them."""

    actor: str
    stances: tuple[Stance, ...]
    reasons: tuple[Reason, ...]
    tags: tuple[str, ...]

    @property
    def claims(self) -> tuple[str, ...]:
        ids = {c for s in self.stances for c in s.claims} | {c for r in self.reasons
                                                             for c in r.claims}
        return tuple(sorted(ids))

    def reason(self, motive: str) -> Reason | None:
        return next((r for r in self.reasons if r.motive == motive), None)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "claims": list(self.claims)}


def support_profiles(case: Case, claims: Iterable[Claim] | None = None, *,
                     vocab: Vocabulary | None = None) -> list[Profile]:
    """One profile per actor with a stance or a reason among ``claims`` (default: all of
    the case's), those with the most reasons first, then by id."""
    vocab = vocab or case_vocab(case)
    say = Phrasing.of_case(case, vocab)
    stances: dict[str, dict[tuple[str, str, str, str, str], list[str]]] = defaultdict(
        lambda: defaultdict(list))
    reasons: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    tags: dict[str, set[str]] = defaultdict(set)
    for c in sorted(case.claims if claims is None else claims, key=lambda c: c.id):
        pred = vocab.predicates.get(c.predicate)
        used = False
        if c.predicate == MOTIVATED_BY and c.polarity == "affirmed":
            reasons[c.subject][c.object].append(c.id)
            used = True
        if c.polarity == "affirmed":
            for m in c.motives:
                reasons[c.subject][m].append(c.id)
                used = True
        if pred is not None and pred.stance:
            key = (c.object, c.predicate, c.polarity, c.item or "", say.claim(c))
            stances[c.subject][key].append(c.id)
            used = True
        if used:
            tags[c.subject].update(c.tags)
    out = []
    for actor in sorted(set(stances) | set(reasons)):
        st = tuple(Stance(target, vocab.predicates[p].stance or "", p, label, pol,
                          item or None, tuple(ids))
                   for (target, p, pol, item, label), ids in sorted(stances[actor].items()))
        rs = tuple(Reason(m, tuple(sorted(set(ids)))) for m, ids in sorted(reasons[actor].items()))
        out.append(Profile(actor, st, rs, tuple(sorted(tags[actor]))))
    return sorted(out, key=lambda p: (-len(p.reasons), -len(p.stances), p.actor))


def motive_order(profiles: Sequence[Profile]) -> list[str]:
    """The motives of ``profiles``, given to the most actors first, then by id."""
    actors: dict[str, int] = defaultdict(int)
    for p in profiles:
        for r in p.reasons:
            actors[r.motive] += 1
    return sorted(actors, key=lambda m: (-actors[m], m))
