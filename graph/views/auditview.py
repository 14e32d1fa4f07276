"""The casebook's audit page: weak spots grouped for a fact-checker, from the assessment.

Categories: the evidence statuses the status vocabulary marks ``audit: true`` (contested,
unanchored, unsourced, single-origin: label and help from the vocabulary), denials, hedged
and vaguely attributed claims, weak and referred-only sources. With the provenance audit
report from the store (``claimgraph audit``) the lists are that report's; without one they
are computed from the per-claim :class:`~claimgraph.graph.views.claiminfo.ClaimInfo` by the
same rules (a flag: the claims with that status; a support level: the claims with it).

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Claim
>>> from claimgraph.graph.views.sitedata import ViewData
>>> from claimgraph.graph.views.pages import CaseIndex
>>> case = Case(meta=CaseMeta(id="d", title="D"), claims=[Claim.model_validate(
...     {"id": "c1", "text": "t", "subject": "a", "predicate": "supports", "object": "b"})])
>>> a = audit_summary(CaseIndex(ViewData.from_case(case)), ".")
>>> [(r["id"], r["count"]) for r in a["summary"]][:4]
[('contested', 0), ('unanchored', 0), ('unsourced', 1), ('single-origin', 0)]
"""

from __future__ import annotations

from typing import Any

from claimgraph.graph.provenance.audit import audit_note
from claimgraph.schema.statuses import DENIED, Status, load_statuses

from .claiminfo import ClaimInfo, display_status
from .pages import CaseIndex

__all__ = ["REFERRED_MANY", "audit_summary"]

REFERRED_MANY = 2
"""A referred-only source that this many claims hang on is listed."""


def _status_sections() -> list[tuple[str, str, str]]:
    """The weak-spot statuses of the status vocabulary: (id, heading, help)."""
    return [(s.id, f"{s.label} claims", s.description) for s in load_statuses().audited()]


def _in_section(status: Status, info: ClaimInfo) -> bool:
    return (info.status if status.kind == "flag" else info.support_level) == status.id


# The provenance audit's other categories, as the page labels them.
_REPORT_SECTIONS = [
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
    for key, label, help_text in [*_status_sections(), *_REPORT_SECTIONS]:
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
        sections.append({"id": key, "label": label, "help": help_text, "rows": rows})
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
        sections.insert(len(_status_sections()), {
            "id": DENIED, "label": "Denials",
            "help": "Claims with negative polarity: who denies what.",
            "rows": [{**idx.ref(c.id, root), "status": DENIED, "detail": ""}
                     for c in claims if c.polarity == "denied"]})
        return {"summary": [{"id": s["id"], "label": s["label"], "count": len(s["rows"])}
                            for s in sections], "sections": sections}

    def row(cid: str, detail: str = "") -> dict[str, Any]:
        c = idx.claims[cid]
        return {**idx.ref(cid, root), "status": display_status(idx.info(cid), c.polarity),
                "detail": detail}

    sections = []
    statuses = load_statuses()
    for sid, label, help_text in _status_sections():
        st = statuses.get(sid)
        sections.append({"id": sid, "label": label, "help": help_text,
                         "rows": [row(c.id) for c in claims if _in_section(st, idx.info(c.id))]})
    sections.append({"id": DENIED, "label": "Denials", "help":
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
    sections.append({"id": "vaguely-attributed", "label": "Vaguely attributed claims",
                     "rows": vague,
                     "help": "“Experts warn”, “sources say”: no checkable source named."})
    vocab = idx.data.vocab
    weak = [{**idx.ref(s.id, root), "status": None,
             "detail": f"grade {s.reliability}: {vocab.reliability[s.reliability].label}"}
            for s in sorted(idx.sources.values(), key=lambda s: s.id)
            if s.reliability in vocab.reliability and vocab.reliability[s.reliability].weak]
    sections.append({"id": "weak-sources", "label": "Weak sources (graded E/F)", "rows": weak,
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
    sections.append({"id": "referred-only-sources",
                     "label": "Referred-only sources many claims hang on",
                     "rows": referred,
                     "help": "Sources named but not captured: nothing in them can be checked."})
    return {"summary": [{"id": s["id"], "label": s["label"], "count": len(s["rows"])}
                        for s in sections],
            "sections": sections}
