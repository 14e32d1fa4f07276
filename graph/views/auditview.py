"""The casebook's audit page: weak spots grouped for a fact-checker, from the assessment.

Categories (unsourced, single-origin, unanchored, contested, denied, hedged, vaguely
attributed claims; weak and referred-only sources) are computed from the per-claim
:class:`~claimgraph.graph.views.claiminfo.ClaimInfo` read from the store, so the page
says the same as ``claimgraph audit``'s categories.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Claim
>>> from claimgraph.graph.views.sitedata import ViewData
>>> from claimgraph.graph.views.pages import CaseIndex
>>> case = Case(meta=CaseMeta(id="d", title="D"), claims=[Claim.model_validate(
...     {"id": "c1", "text": "t", "subject": "a", "predicate": "supports", "object": "b"})])
>>> a = audit_summary(CaseIndex(ViewData.from_case(case)), ".")
>>> [(r["id"], r["count"]) for r in a["summary"]][:2]
[('unsourced', 1), ('single_origin', 0)]
"""

from __future__ import annotations

from typing import Any

from claimgraph.graph.provenance.audit import audit_note

from .claiminfo import display_status
from .pages import CaseIndex

__all__ = ["REFERRED_MANY", "audit_summary"]

REFERRED_MANY = 2
"""A referred-only source that this many claims hang on is listed."""

_STATUS_SECTIONS = [
    ("unsourced", "Unsourced claims",
     "No evidence, or evidence whose origins are all referred-only sources."),
    ("single_origin", "Single-origin claims", "Everything goes back to one origin."),
    ("unanchored", "Unanchored claims", "A quote was not found in its source text."),
    ("contested", "Contested claims", "Refuting evidence or a contradicting claim."),
]


# The provenance helper's audit categories, as the page labels them.
_REPORT_SECTIONS = [
    ("unsourced", "Unsourced claims", "Nothing checkable behind them."),
    ("single-origin", "Single-origin claims", "Everything goes back to one origin."),
    ("unanchored", "Unanchored claims", "A quote was not found in its source text."),
    ("contested", "Contested claims", "Refuting evidence or a contradiction."),
    ("numeric-inconsistency", "Numeric inconsistencies",
     "A comparative (“more than doubled”) the quantities of two claims do not bear out."),
    ("hedged", "Hedged claims",
     "Hedging words in the claim or a quote (implied likelihood), and the confidence recorded."),
    ("vaguely-attributed", "Vaguely attributed claims",
     "“Experts warn”, “sources say”: no checkable source named."),
    ("weak-sources", "Weak sources (graded E/F)",
     "A claim resting on these is never corroborated."),
    ("referred-only-sources", "Referred-only sources and the claims resting on them",
     "Sources named but not captured: nothing in them can be checked."),
]


def _from_report(idx: CaseIndex, root: str, report: dict[str, Any]) -> list[dict[str, Any]]:
    sections = []
    for key, label, help_text in _REPORT_SECTIONS:
        rows = []
        for item in report.get(key) or []:
            ident = str(item.get("id", ""))
            if ident in idx.claims:
                c = idx.claims[ident]
                rows.append({**idx.ref(ident, root),
                             "status": display_status(idx.info(ident), c.polarity),
                             "detail": audit_note(key, item)})
            else:
                detail = (f"grade {item['reliability']}" if item.get("reliability")
                          else f"{item['claims']} claims rest on it" if "claims" in item else "")
                rows.append({**idx.ref(ident, root), "status": None, "detail": detail})
        sections.append({"id": key.replace("-", "_"), "label": label, "help": help_text,
                         "rows": rows})
    return sections


def audit_summary(idx: CaseIndex, root: str) -> dict[str, Any]:
    """``{"summary": [{id, label, count}], "sections": [{id, label, help, rows}]}``.

    From the provenance audit report when the store gave one (the same lists as
    ``claimgraph audit``), else from the per-claim assessment; denials are listed too.
    """
    claims = sorted(idx.claims.values(), key=lambda c: c.id)
    report = idx.data.audit
    if report is not None:
        sections = _from_report(idx, root, report)
        sections.insert(4, {"id": "denied", "label": "Denials",
                            "help": "Claims with negative polarity: who denies what.",
                            "rows": [{**idx.ref(c.id, root), "status": "denied", "detail": ""}
                                     for c in claims if c.polarity == "denied"]})
        return {"summary": [{"id": s["id"], "label": s["label"], "count": len(s["rows"])}
                            for s in sections], "sections": sections}

    def row(cid: str, detail: str = "") -> dict[str, Any]:
        c = idx.claims[cid]
        return {**idx.ref(cid, root), "status": display_status(idx.info(cid), c.polarity),
                "detail": detail}

    sections = []
    for sid, label, help_text in _STATUS_SECTIONS:
        sections.append({"id": sid, "label": label, "help": help_text,
                         "rows": [row(c.id) for c in claims if idx.info(c.id).status == sid]})
    sections.append({"id": "denied", "label": "Denials", "help":
                     "Claims with negative polarity: who denies what.",
                     "rows": [row(c.id) for c in claims if c.polarity == "denied"]})
    hedged, vague = [], []
    for c in claims:
        f = idx.info(c.id).findings
        h = sorted({p for k, p, *_ in f if k == "hedge"})
        v = sorted({p for k, p, *_ in f if k == "vague"})
        if h:
            hedged.append(row(c.id, ", ".join(h)))
        if v:
            vague.append(row(c.id, ", ".join(v)))
    sections.append({"id": "hedged", "label": "Hedged claims", "rows": hedged,
                     "help": "Quotes or claim texts with hedging words."})
    sections.append({"id": "vague", "label": "Vaguely attributed claims", "rows": vague,
                     "help": "“Experts warn”, “sources say”: no checkable source named."})
    vocab = idx.data.vocab
    weak = [{**idx.ref(s.id, root), "status": None,
             "detail": f"grade {s.reliability}: {vocab.reliability[s.reliability].label}"}
            for s in sorted(idx.sources.values(), key=lambda s: s.id)
            if s.reliability in vocab.reliability and vocab.reliability[s.reliability].weak]
    sections.append({"id": "weak_sources", "label": "Weak sources (graded E/F)", "rows": weak,
                     "help": "A claim resting on these is never corroborated."})
    hanging: dict[str, set[str]] = {}
    for c in claims:  # quoted, named as claimant, or an independent origin of the claim
        for sid in {*(ev.source for ev in c.evidence), c.effective_claimant() or "",
                    *idx.info(c.id).origin_ids}:
            if sid in idx.sources and not idx.sources[sid].captured:
                hanging.setdefault(sid, set()).add(c.id)
    referred = [{**idx.ref(sid, root), "status": None,
                 "detail": f"{len(hanging[sid])} claims rest on it"}
                for sid in sorted(hanging) if len(hanging[sid]) >= REFERRED_MANY]
    sections.append({"id": "referred_only", "label": "Referred-only sources many claims hang on",
                     "rows": referred,
                     "help": "Sources named but not captured: nothing in them can be checked."})
    return {"summary": [{"id": s["id"], "label": s["label"], "count": len(s["rows"])}
                        for s in sections],
            "sections": sections}
