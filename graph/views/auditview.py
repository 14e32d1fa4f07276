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


def audit_summary(idx: CaseIndex, root: str) -> dict[str, Any]:
    """``{"summary": [{id, label, count}], "sections": [{id, label, help, rows}]}``."""
    claims = sorted(idx.claims.values(), key=lambda c: c.id)

    def row(cid: str, detail: str = "") -> dict[str, Any]:
        c = idx.claims[cid]
        return {**idx.ref(cid, root), "status": display_status(idx.info(cid), c.polarity),
                "detail": detail}

    sections: list[dict[str, Any]] = []
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
    referred = [{**idx.ref(s.id, root), "status": None,
                 "detail": f"{len(idx.by_source.get(s.id, []))} claims quote it"}
                for s in sorted(idx.sources.values(), key=lambda s: s.id)
                if not s.captured and len(idx.by_source.get(s.id, [])) >= REFERRED_MANY]
    sections.append({"id": "referred_only", "label": "Referred-only sources many claims hang on",
                     "rows": referred,
                     "help": "Sources named but not captured: nothing in them can be checked."})
    return {"summary": [{"id": s["id"], "label": s["label"], "count": len(s["rows"])}
                        for s in sections],
            "sections": sections}
