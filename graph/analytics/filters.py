"""Which claims an analysis looks at: evidence weights and the filters every command shares.

The evidence scale is data: the statuses' order (``rank``) and the strength of one claim
with each (``weight``) come from the status vocabulary (:mod:`claimgraph.schema.statuses`,
``schema/vocab/evidence_status.yaml``), the formula around them from
``schema/vocab/evidence_weights.yaml``. :class:`Filters` is the one set of filters that
``rank``, ``why``, ``neighbours``, ``communities``, ``timeline``, ``export-graph`` and the
network views share.

Examples
--------
>>> scale = load_evidence_scale()
>>> scale.statuses[:2]
('corroborated', 'single-origin')
>>> scale.strength("corroborated", 3)
1.5
>>> scale.strength("single-origin", 1)
0.6
>>> f = Filters(min_status="single-origin", as_of="2023")
>>> f.status_ok("corroborated", scale), f.status_ok("unsourced", scale)
(True, False)
>>> f.time_ok("2024-02"), f.time_ok("2022/2024"), f.time_ok(None)
(False, True, True)
>>> Filters(min_status="single_origin").check(scale)
Traceback (most recent call last):
...
claimgraph.errors.AnalysisError: unknown evidence status 'single_origin'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from claimgraph.errors import AnalysisError
from claimgraph.schema.dates import date_bounds, time_bounds
from claimgraph.schema.statuses import StatusVocabulary, load_statuses
from claimgraph.schema.suggest import closest
from claimgraph.schema.vocab import Vocabulary

__all__ = ["EvidenceScale", "Filters", "load_evidence_scale"]


@dataclass(frozen=True, eq=False)
class EvidenceScale:
    """Evidence statuses from strongest to weakest, the strength of one claim, and the
    kinds a path never steps through."""

    statuses: tuple[str, ...]
    base: dict[str, float]
    unknown_base: float = 0.15
    origin_bonus: float = 0.25
    max_origins: int = 5
    denial_factor: float = 1.0
    floor: float = 0.05
    no_intermediate_kinds: tuple[str, ...] = ("motive", "topic")

    def rank(self, status: str | None) -> int:
        """Higher is stronger; an unknown or missing status ranks below every known one."""
        return _rank(self, status or "")

    def strength(self, status: str | None, origins: int) -> float:
        """How much one claim counts (see the formula in the data file)."""
        return _strength(self, status or "", origins)

    def weaker(self, status: str | None, support: str | None) -> str | None:
        """The weaker of a status and the support level under it: a flag such as
        ``contested`` never makes a claim count more than its support (``unsourced``).

        >>> load_evidence_scale().weaker("contested", "unsourced")
        'unsourced'
        >>> load_evidence_scale().weaker("contested", "corroborated")
        'contested'
        """
        if not support:
            return status
        return support if self.rank(support) < self.rank(status) else status

    def edge_weight(self, affirmed: float, denied: float) -> float:
        """Weight of an aggregated edge from the summed strengths of its claims."""
        return round(max(affirmed - self.denial_factor * denied, self.floor), 6)


@lru_cache(maxsize=1024)
def _rank(scale: EvidenceScale, status: str) -> int:
    return len(scale.statuses) - scale.statuses.index(status) if status in scale.statuses else 0


@lru_cache(maxsize=4096)
def _strength(scale: EvidenceScale, status: str, origins: int) -> float:
    base = scale.base.get(status, scale.unknown_base)
    extra = max(0, min(origins, scale.max_origins) - 1)
    return round(base + scale.origin_bonus * extra, 6)


def load_evidence_scale() -> EvidenceScale:
    """The scale of the current status vocabulary (:func:`~claimgraph.schema.statuses.\
load_statuses`) and ``schema/vocab/evidence_weights.yaml`` (cached per vocabulary)."""
    return _scale(load_statuses())


@cache
def _scale(statuses: StatusVocabulary) -> EvidenceScale:
    text = resources.files("claimgraph.schema").joinpath(
        "vocab", "evidence_weights.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    order = statuses.strongest_first()
    return EvidenceScale(
        statuses=order,
        base={s: float(statuses.statuses[s].weight or 0.0) for s in order},
        unknown_base=float(statuses.unknown.weight or 0.0),
        origin_bonus=float(data.get("origin_bonus", 0.25)),
        max_origins=int(data.get("max_origins", 5)),
        denial_factor=float(data.get("denial_factor", 1.0)),
        floor=float(data.get("floor", 0.05)),
        no_intermediate_kinds=tuple((data.get("paths") or {}).get(
            "no_intermediate_kinds", ("motive", "topic"))),
    )


def _hint(value: str, choices: list[str]) -> str:
    close = closest(value, choices, cutoff=0.5)
    known = ", ".join(choices)
    return f"did you mean '{close[0]}'? known: {known}" if close else f"known: {known}"


@dataclass(frozen=True)
class Filters:
    """The claims an analysis keeps.

    Parameters
    ----------
    min_status
        Keep claims whose evidence status is this one or stronger (order in the scale).
    include_denied
        Keep denied claims (negative polarity). They never create an aggregated edge; they
        weaken the affirmed edge of the same triple.
    as_of
        A partial date: drop claims whose time starts after it (undated claims stay).
    predicates
        Keep only claims with one of these predicates (empty: all).
    kinds
        Keep only entities of these kinds or their sub-kinds (e.g. ``actor``), and the claims
        between them (empty: all).
    motives
        Add an actor -> motive edge (``predicate="motivated_by"``, ``derived="motives"``)
        for each id in an affirmed claim's ``motives:``.
    items
        Add a subject -> item edge (``predicate="item"``, ``derived="items"``: what a
        claim is about, e.g. China -> nitrocellulose) for each claim naming an ``item:``
        other than its subject and object. Off for the analytics commands (an item is not
        a link between actors); the network view draws it as *what*.

    about
        Keep only claims about these items (ids, names or aliases) or anything narrower
        (``a ⊑ X``, :mod:`claimgraph.schema.scope`: ``broader`` followed transitively), as
        their item, subject or object (empty: all). The projection records what each one
        included (``g.graph["about"]``).
    include_rated
        Keep claims whose verdict rating is ``excluded_from_analytics`` (false, mostly
        false, misleading: ``schema/vocab/ratings.yaml``). Left out by default; the
        projection lists those it left out (``g.graph["rated_out"]``). ``why`` never routes
        through one, whatever this says.
    claimants
        Add the *who says it* layer: one ``claimant -> subject`` edge per kept claim
        (``predicate="says"``, ``derived="claimants"``; to the object when the claimant is
        the subject), so a claimant is a node that ranks, paths and views reach.
    merge_same
        Merge entities linked by ``same_as`` into one node (never those that only
        ``overlaps``).

    The derived layers (motives, items, claimants) are edges of the same projection,
    marked by ``derived``, weighted like the claims they come from.
    """

    min_status: str | None = None
    include_denied: bool = False
    as_of: str | None = None
    predicates: frozenset[str] = field(default_factory=frozenset)
    kinds: frozenset[str] = field(default_factory=frozenset)
    motives: bool = True
    items: bool = False
    about: frozenset[str] = field(default_factory=frozenset)
    include_rated: bool = False
    claimants: bool = False
    merge_same: bool = True

    def check(self, scale: EvidenceScale, vocab: Vocabulary | None = None) -> Filters:
        """Raise :class:`AnalysisError` (with a hint) for values that name nothing."""
        if self.min_status and self.min_status not in scale.statuses:
            raise AnalysisError(f"unknown evidence status {self.min_status!r}",
                                hint=_hint(self.min_status, list(scale.statuses)))
        if self.as_of:
            try:
                date_bounds(self.as_of)
            except ValueError as exc:
                raise AnalysisError(f"bad --as-of date: {exc}",
                                    hint="write YYYY, YYYY-MM or YYYY-MM-DD") from None
        if vocab is not None:
            for p in sorted(self.predicates):
                if p not in vocab.predicates:
                    raise AnalysisError(f"unknown predicate {p!r}",
                                        hint=_hint(p, sorted(vocab.predicates)))
            for k in sorted(self.kinds):
                if k not in vocab.entity_kinds:
                    raise AnalysisError(f"unknown entity kind {k!r}",
                                        hint=_hint(k, sorted(vocab.entity_kinds)))
        return self

    def status_ok(self, status: str | None, scale: EvidenceScale) -> bool:
        """True when a claim's status is at least :attr:`min_status`."""
        return not self.min_status or scale.rank(status) >= scale.rank(self.min_status)

    def time_ok(self, time: str | None) -> bool:
        """True when a claim's time does not start after :attr:`as_of`."""
        if not self.as_of or not time:
            return True
        return time_bounds(time)[0] <= self._as_of_day()

    def _as_of_day(self) -> date:
        return date_bounds(self.as_of or "")[1]

    def kind_set(self, vocab: Vocabulary) -> frozenset[str] | None:
        """The concrete kinds allowed, or None for all."""
        return vocab.expand_kinds(sorted(self.kinds)) if self.kinds else None
