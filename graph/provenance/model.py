"""The assessment of a case: plain, frozen data, the same whether computed or read back.

:func:`~claimgraph.graph.provenance.assess.assess_case` computes a
:class:`CaseAssessment` from a validated case; :mod:`~claimgraph.graph.provenance.rdf`
writes it into the case's derived graph and reads it back, equal field for field.

Examples
--------
>>> f = Finding("hedge", "reportedly", "evidence/0", 4, 14, "roughly_even_chance")
>>> f.to_dict()["where"]
'evidence/0'
>>> ClaimAssessment("c1", "unsourced").to_dict()["status"]
'unsourced'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .numeric import NumericInconsistency

__all__ = [
    "CaseAssessment",
    "ClaimAssessment",
    "ContradictionRef",
    "EvidenceAnchor",
    "Finding",
    "SourceAssessment",
]


@dataclass(frozen=True, order=True)
class Finding:
    """A hedge or vague attribution: in the claim text (``where="text"``) or in the quote
    of evidence *i* (``where="evidence/i"``), at code-point offsets ``start:end``."""

    kind: str  # "hedge" | "vague"
    phrase: str
    where: str
    start: int
    end: int
    implies: str | None = None  # ICD 203 likelihood term id

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, order=True)
class EvidenceAnchor:
    """How one evidence quote anchored: ``status`` is an anchoring status, or
    ``not_captured`` when its source has no text. A supporting quote also says what it
    ``rests_on`` (a source id) and by which ``basis`` rule
    (:func:`~claimgraph.graph.provenance.independence.quote_basis`)."""

    index: int
    source: str
    relation: str
    status: str
    start: int | None = None
    end: int | None = None
    rests_on: str | None = None
    basis: str | None = None

    @property
    def anchored(self) -> bool:
        return self.start is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, order=True)
class ContradictionRef:
    """Another claim this one contradicts, how that was found and why."""

    other: str
    kind: str  # "declared" | "polarity" | "quantity"
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ClaimAssessment:
    """Status and weak spots of one claim.

    ``origins``: every independent origin (source ids; a circle of sources is named by its
    smallest id); ``checkable_origins``: those with a supporting quote anchored in its
    captured document; ``notes``: the status vocabulary's notes shown beside the status
    (``uncaptured-upstream``), which never change it.
    """

    id: str
    status: str
    support: str = ""  # the status ignoring flags: unsourced, single-origin, corroborated
    origins: tuple[str, ...] = ()
    checkable_origins: tuple[str, ...] = ()
    anchors: tuple[EvidenceAnchor, ...] = ()
    findings: tuple[Finding, ...] = ()
    contradictions: tuple[ContradictionRef, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def hedges(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "hedge")

    @property
    def vague_attributions(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "vague")

    @property
    def unanchored(self) -> bool:
        return any(a.status == "not_found" for a in self.anchors)

    def status_entry(self) -> tuple[str, int] | tuple[str, int, str]:
        """What the analytics weigh this claim by: ``(status, checkable origins)``, plus
        the support level when it differs from the status (a flag such as ``contested``
        over ``unsourced`` support: the claim counts as the weaker of the two).

        >>> ClaimAssessment("c", "contested", "unsourced", checkable_origins=()).status_entry()
        ('contested', 0, 'unsourced')
        """
        n = len(self.checkable_origins)
        if self.support and self.support != self.status:
            return (self.status, n, self.support)
        return (self.status, n)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "support": self.support,
            "origins": list(self.origins),
            "independent_origins": len(self.origins),
            "checkable_origins": list(self.checkable_origins),
            "anchors": [a.to_dict() for a in self.anchors],
            "hedges": [f.to_dict() for f in self.hedges],
            "vague_attributions": [f.to_dict() for f in self.vague_attributions],
            "contradictions": [c.to_dict() for c in self.contradictions],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class SourceAssessment:
    """Where a source stands in the cites graph."""

    id: str
    captured: bool
    roots: tuple[str, ...] = ()
    dependants: tuple[str, ...] = ()  # sources relying on it, directly or not
    cycle: tuple[str, ...] = ()  # members of its circle of citing sources, if any
    weak: bool = False  # graded E/F

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "captured": self.captured, "roots": list(self.roots),
                "dependants": list(self.dependants), "cycle": list(self.cycle),
                "weak": self.weak}


@dataclass(frozen=True)
class CaseAssessment:
    """Every claim's and every source's assessment in one case, and the numeric
    inconsistencies between its claims (:mod:`.numeric`)."""

    case_id: str
    claims: dict[str, ClaimAssessment] = field(default_factory=dict)
    sources: dict[str, SourceAssessment] = field(default_factory=dict)
    numeric: tuple[NumericInconsistency, ...] = ()

    def by_status(self) -> dict[str, list[str]]:
        """Claim ids grouped by status (sorted)."""
        out: dict[str, list[str]] = {}
        for cid in sorted(self.claims):
            out.setdefault(self.claims[cid].status, []).append(cid)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case_id,
                "claims": {k: self.claims[k].to_dict() for k in sorted(self.claims)},
                "sources": {k: self.sources[k].to_dict() for k in sorted(self.sources)},
                "numeric_inconsistencies": [f.to_dict() for f in self.numeric]}
