"""What the views show about each claim's evidence: status, independent origins, hedges.

The numbers come from the provenance assessment stored with the case
(:func:`claimgraph.graph.provenance.read_assessment`, a
:class:`~claimgraph.graph.provenance.CaseAssessment`); :func:`claim_infos` turns each
:class:`~claimgraph.graph.provenance.ClaimAssessment` into one small :class:`ClaimInfo`
with what the pages need indexed. Without an assessment every claim is *not assessed*
(``unknown``) except what the case states itself (no evidence at all: unsourced).

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Claim
>>> from claimgraph.graph.provenance import CaseAssessment, ClaimAssessment
>>> case = Case(meta=CaseMeta(id="d", title="D"), claims=[Claim.model_validate(
...     {"id": c, "text": "t", "subject": "a", "predicate": "supports", "object": "b"})
...     for c in ("c1", "c2")])
>>> claim_infos(case)["c1"].status
'unsourced'
>>> a = CaseAssessment("d", {"c1": ClaimAssessment("c1", "contested", "single-origin",
...                                                origins=("s1",), checkable_origins=("s1",))})
>>> infos = claim_infos(case, a)
>>> infos["c1"].status, infos["c1"].checkable, infos["c2"].status
('contested', 1, 'unsourced')
>>> status_map(infos)
{'c1': ('contested', 1, 'single-origin'), 'c2': ('unsourced', 0)}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from claimgraph.graph.analytics.projection import StatusMap
from claimgraph.graph.provenance.model import CaseAssessment, ClaimAssessment
from claimgraph.schema.models import Case
from claimgraph.schema.statuses import DENIED, UNKNOWN

__all__ = ["ClaimInfo", "claim_infos", "display_status", "infos_from_statuses", "status_map"]


@dataclass(frozen=True)
class ClaimInfo:
    """The evidence assessment of one claim, as the views use it."""

    status: str = UNKNOWN
    origins: int = 0
    checkable: int = 0
    """independent origins that are captured and reached through an anchored quote"""
    origin_ids: tuple[str, ...] = ()
    assessed: bool = True
    anchors: dict[int, tuple[int, int]] = field(default_factory=dict, compare=False)
    """evidence index (0-based) -> (start, end) of its anchored quote in the source text"""
    anchor_status: dict[int, str] = field(default_factory=dict, compare=False)
    contradiction_refs: tuple[tuple[str, str, str], ...] = ()
    """(other claim, how it was found: declared / polarity / quantity, detail)"""
    findings: tuple[tuple[str, str, str, int, int], ...] = ()
    """(kind, phrase, where, start, end): ``where`` is ``text`` or ``evidence/<i>``"""
    notes: tuple[str, ...] = ()
    """the status vocabulary's notes shown beside the status (uncaptured-upstream)"""
    rests_on: dict[int, tuple[str, str]] = field(default_factory=dict, compare=False)
    """evidence index (0-based) -> (source it rests on, basis rule) of a supporting quote"""
    assessment: ClaimAssessment | None = field(default=None, compare=False, repr=False)
    """the provenance assessment it was read from (None: not assessed)"""
    entry: tuple[str, int] | tuple[str, int, str] | None = field(default=None, compare=False)
    """the analytics' status entry it was made from (:func:`infos_from_statuses`)"""

    @classmethod
    def from_assessment(cls, a: ClaimAssessment) -> ClaimInfo:
        """The view of one claim's assessment (its fields read as they are typed)."""
        return cls(
            status=a.status,
            origins=len(a.origins),
            checkable=len(a.checkable_origins),
            origin_ids=a.origins,
            anchors={x.index: (x.start, x.end) for x in a.anchors
                     if x.start is not None and x.end is not None},
            anchor_status={x.index: x.status for x in a.anchors},
            contradiction_refs=tuple(sorted({(r.other, r.kind, r.detail)
                                             for r in a.contradictions})),
            findings=tuple(sorted((f.kind, f.phrase, f.where, f.start, f.end)
                                  for f in a.findings)),
            notes=a.notes,
            rests_on={x.index: (x.rests_on, x.basis or "") for x in a.anchors
                      if x.rests_on is not None},
            assessment=a,
        )

    @property
    def support_level(self) -> str:
        """The status ignoring flags (unsourced, single-origin, corroborated), when known."""
        return (self.assessment.support or self.status) if self.assessment else self.status

    def status_entry(self) -> tuple[str, int] | tuple[str, int, str]:
        """This claim's entry of the analytics' input (:data:`~claimgraph.graph.analytics.\
StatusMap`): the assessment's own, else ``(status, 0)``."""
        if self.assessment:
            return self.assessment.status_entry()
        return self.entry if self.entry is not None else (self.status, 0)


def display_status(info: ClaimInfo, polarity: str) -> str:
    """The status a claim is drawn with: a denial is drawn as *denied* whatever its evidence."""
    return DENIED if polarity == "denied" else info.status


def status_map(infos: Mapping[str, ClaimInfo]) -> StatusMap:
    """The analytics' input ``{claim_id: (status, checkable origins[, support])}``."""
    return {cid: infos[cid].status_entry() for cid in sorted(infos)}


def claim_infos(case: Case, assessment: CaseAssessment | None = None) -> dict[str, ClaimInfo]:
    """``{claim_id: ClaimInfo}`` for every claim of the case, from its assessment (or None)."""
    records = assessment.claims if assessment is not None else {}
    out: dict[str, ClaimInfo] = {}
    for claim in case.claims:
        rec = records.get(claim.id)
        if rec is not None:
            out[claim.id] = ClaimInfo.from_assessment(rec)
        elif not claim.evidence:
            out[claim.id] = ClaimInfo(status="unsourced", assessed=False)
        else:
            out[claim.id] = ClaimInfo(status=UNKNOWN, assessed=False)
    return out


def infos_from_statuses(statuses: StatusMap) -> dict[str, ClaimInfo]:
    """``{claim_id: ClaimInfo}`` from the analytics' status map (what
    :func:`~claimgraph.graph.analytics.load_inputs` reads fast): the status, the checkable
    independent origins, and the entry itself, so :func:`status_map` gives it back.

    >>> infos = infos_from_statuses({"c1": ("contested", 1, "single-origin")})
    >>> infos["c1"].status, infos["c1"].checkable, status_map(infos)
    ('contested', 1, {'c1': ('contested', 1, 'single-origin')})
    """
    return {cid: ClaimInfo(status=e[0], origins=e[1], checkable=e[1], entry=e)
            for cid, e in statuses.items()}
