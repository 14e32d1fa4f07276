"""What the views show about each claim's evidence: status, independent origins, hedges.

The numbers come from the provenance assessment stored with the case
(:func:`claimgraph.graph.provenance.read_assessment`); :func:`claim_infos` reads whatever
per-claim record it offers into one small :class:`ClaimInfo`. Without an assessment every
claim is *not assessed* except what the case states itself (no evidence at all: unsourced).

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Claim
>>> case = Case(meta=CaseMeta(id="d", title="D"), claims=[Claim.model_validate(
...     {"id": "c1", "text": "t", "subject": "a", "predicate": "supports", "object": "b"})])
>>> claim_infos(case)["c1"].status
'unsourced'
>>> ClaimInfo(status="single-origin", origins=1).status
'single_origin'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from claimgraph.schema.models import Case

from .styles import status_key

__all__ = ["ClaimInfo", "claim_infos", "display_status"]


@dataclass(frozen=True)
class ClaimInfo:
    """The evidence assessment of one claim, as the views use it."""

    status: str = "unknown"
    origins: int = 0
    checkable: int = 0
    """independent origins that are captured and reached through an anchored quote"""
    origin_ids: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    vague: tuple[str, ...] = ()
    contradictions: tuple[str, ...] = ()
    assessed: bool = True
    anchors: dict[int, tuple[int, int]] = field(default_factory=dict, compare=False)
    """evidence index (0-based) -> (start, end) of its anchored quote in the source text"""
    anchor_status: dict[int, str] = field(default_factory=dict, compare=False)
    contradiction_refs: tuple[tuple[str, str, str], ...] = ()
    """(other claim, how it was found: declared / polarity / quantity, detail)"""
    findings: tuple[tuple[str, str, str, int, int], ...] = ()
    """(kind, phrase, where, start, end): ``where`` is ``text`` or ``evidence/<i>``"""

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", status_key(self.status))


def display_status(info: ClaimInfo, polarity: str) -> str:
    """The status an edge is drawn with: a denial is drawn as *denied* whatever its evidence."""
    return "denied" if polarity == "denied" else info.status


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    out = []
    for v in value if isinstance(value, Iterable) else [value]:
        if isinstance(v, str):
            out.append(v)
        else:  # a record: take its phrase / id / other claim
            for attr in ("phrase", "text", "other", "claim", "id"):
                x = v.get(attr) if isinstance(v, Mapping) else getattr(v, attr, None)
                if isinstance(x, str):
                    out.append(x)
                    break
    return tuple(sorted(set(out)))


def _get(obj: Any, *names: str) -> Any:
    for name in names:
        if isinstance(obj, Mapping) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return None


def _per_claim(assessment: Any) -> Mapping[str, Any]:
    if isinstance(assessment, Mapping):
        return assessment
    claims = _get(assessment, "claims", "per_claim", "assessments")
    if isinstance(claims, Mapping):
        return claims
    if isinstance(claims, Iterable):
        return {str(_get(c, "claim_id", "claim", "id")): c for c in claims}
    return {}


def _info(record: Any) -> ClaimInfo:
    if isinstance(record, ClaimInfo):
        return record
    origins = _get(record, "independent_origins", "origins", "origin_ids")
    if isinstance(origins, int):
        origin_ids: tuple[str, ...] = ()
        count = origins
    else:
        origin_ids = _strings(origins)
        count = len(origin_ids)
    n = _get(record, "n_origins", "origin_count", "independent_count")
    if isinstance(n, int):
        count = n
    chk = _get(record, "checkable_origins")
    checkable = chk if isinstance(chk, int) else len(_strings(chk)) if chk is not None else count
    status = _get(record, "status", "evidence_status")
    anchors: dict[int, tuple[int, int]] = {}
    anchor_status: dict[int, str] = {}
    for a in _get(record, "anchors") or ():
        idx = _get(a, "index")
        if not isinstance(idx, int):
            continue
        anchor_status[idx] = str(_get(a, "status") or "")
        start, end = _get(a, "start"), _get(a, "end")
        if isinstance(start, int) and isinstance(end, int):
            anchors[idx] = (start, end)
    findings = []
    for f in _get(record, "findings") or ():
        vals = [_get(f, k) for k in ("kind", "phrase", "where", "start", "end")]
        if all(isinstance(v, str) for v in vals[:3]) and all(isinstance(v, int) for v in vals[3:]):
            findings.append((vals[0], vals[1], vals[2], vals[3], vals[4]))
    refs = []
    for c in _get(record, "contradictions") or ():
        other = c if isinstance(c, str) else _get(c, "other", "claim")
        if isinstance(other, str):
            kind = "" if isinstance(c, str) else str(_get(c, "kind") or "")
            detail = "" if isinstance(c, str) else str(_get(c, "detail") or "")
            refs.append((other, kind, detail))
    return ClaimInfo(
        contradiction_refs=tuple(sorted(set(refs))),
        anchors=anchors,
        anchor_status=anchor_status,
        findings=tuple(sorted(findings)),
        status=str(getattr(status, "value", status) or "unknown"),
        origins=count,
        checkable=checkable,
        origin_ids=origin_ids,
        hedges=_strings(_get(record, "hedges")),
        vague=_strings(_get(record, "vague_attributions", "vague")),
        contradictions=_strings(_get(record, "contradictions", "contradicted_by")),
    )


def claim_infos(case: Case, assessment: Any = None) -> dict[str, ClaimInfo]:
    """``{claim_id: ClaimInfo}`` for every claim of the case.

    ``assessment`` is the provenance helper's case assessment, a mapping of claim id to
    per-claim records (objects or dicts with ``status``, ``independent_origins``,
    ``hedges``, ``vague_attributions``, ``contradictions``), or None.
    """
    records = _per_claim(assessment) if assessment is not None else {}
    out: dict[str, ClaimInfo] = {}
    for claim in case.claims:
        rec = records.get(claim.id)
        if rec is not None:
            out[claim.id] = _info(rec)
        elif not claim.evidence:
            out[claim.id] = ClaimInfo(status="unsourced", assessed=False)
        else:
            out[claim.id] = ClaimInfo(status="unknown", assessed=False)
    return out
