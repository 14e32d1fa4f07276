"""The casebook's audit: the counts and the weak spots, exactly as ``claimgraph audit``.

Both the index page and the audit page print the audit report's ``summary`` (the one set
of counts of :func:`~claimgraph.graph.provenance.auditcounts.count_summary`, each group
saying what it counts), and the audit page lists each category's items under the
category's own id. The report is the store's (``claimgraph audit``) or, for a case given as
models, the same queries over an in-memory copy
(:func:`~claimgraph.graph.provenance.audit.audit_models`). Denials are listed too.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Claim
>>> from claimgraph.graph.provenance import assess_models
>>> from claimgraph.schema.vocab import load_vocabulary
>>> from claimgraph.graph.views.sitedata import ViewData
>>> from claimgraph.graph.views.pages import CaseIndex
>>> case = Case(meta=CaseMeta(id="d", title="D"), claims=[Claim.model_validate(
...     {"id": "c1", "text": "t", "subject": "a", "predicate": "supports", "object": "b"})])
>>> data = ViewData.from_case(case, assess_models(case, {}, load_vocabulary()))
>>> a = audit_summary(CaseIndex(data), ".")
>>> [(g["id"], g["total"]) for g in a["groups"]][:1]
[('by-status', 1)]
>>> [(s["id"], len(s["rows"])) for s in a["sections"]][:3]
[('contested', 0), ('unanchored', 0), ('unsourced', 1)]
>>> audit_summary(CaseIndex(ViewData.from_case(case)), ".")["groups"]
[]
"""

from __future__ import annotations

from typing import Any

from claimgraph.graph.provenance.audit import CATEGORIES, STATUS_CATEGORIES, audit_note
from claimgraph.graph.provenance.auditcounts import category_help, category_label
from claimgraph.schema.statuses import DENIED

from .claiminfo import display_status
from .pages import CaseIndex

__all__ = ["audit_summary"]


def _rows(idx: CaseIndex, root: str, key: str,
          items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        ident = str(item.get("id", ""))
        if ident in idx.claims:
            c = idx.claims[ident]
            rows.append({**idx.ref(ident, root),
                         "status": display_status(idx.info(ident), c.polarity),
                         "detail": audit_note(key, item)})
        else:
            detail = (f"grade {item['reliability']}" if item.get("reliability")
                      else f"{item['claims']} claims rest on it, {item['attributed']} "
                           "attributed to it" if "claims" in item else "")
            rows.append({**idx.ref(ident, root), "status": None, "detail": detail})
    return rows


def audit_summary(idx: CaseIndex, root: str) -> dict[str, Any]:
    """``{"groups": the report's counts, "sections": [{id, label, help, rows}],
    "anchors": section ids}``; empty when the case was not assessed."""
    report = idx.data.audit_report()
    if report is None:
        return {"groups": [], "sections": [], "anchors": []}
    sections = [{"id": key, "label": category_label(key), "help": category_help(key),
                 "rows": _rows(idx, root, key, report.get(key) or [])} for key in CATEGORIES]
    denials = [{**idx.ref(c.id, root), "status": DENIED, "detail": ""}
               for c in sorted(idx.claims.values(), key=lambda c: c.id)
               if c.polarity == "denied"]
    sections.insert(len(STATUS_CATEGORIES), {
        "id": DENIED, "label": "Denials",
        "help": "Claims with negative polarity: who denies what.", "rows": denials})
    return {"groups": report["summary"], "sections": sections,
            "anchors": [s["id"] for s in sections]}
