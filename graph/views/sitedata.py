"""Everything the views and the casebook show about one case, read from the store only.

:func:`load_view_data` reads the case (``store.read_case``), its assessment (the
provenance helper's ``read_assessment``), the captured source texts (``schema:text`` of
each source, one query), the audit report and the timeline chart. The result
is a plain :class:`ViewData` that :mod:`~claimgraph.graph.views.site` renders; tests and
notebooks may also build one by hand (:meth:`ViewData.from_case`).

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta
>>> data = ViewData.from_case(Case(meta=CaseMeta(id="d", title="D")))
>>> data.case.meta.id, data.assessed, data.texts
('d', False, {})
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.analytics import (
    Filters,
    chart_panels,
    claim_graph,
    timeline_chart,
    timeline_rows,
)
from claimgraph.graph.analytics.loading import Inputs
from claimgraph.graph.analytics.projection import StatusMap
from claimgraph.graph.iris import source_iri
from claimgraph.graph.namespace import SCHEMA
from claimgraph.graph.provenance.audit import audit, audit_models
from claimgraph.graph.provenance.model import CaseAssessment
from claimgraph.graph.provenance.rdf import read_assessment
from claimgraph.graph.store.base import Store
from claimgraph.schema.models import Case
from claimgraph.schema.vocab import Vocabulary, load_vocabulary

from .claiminfo import ClaimInfo, claim_infos, infos_from_statuses, status_map

__all__ = ["TIMELINE_MAX_POINTS", "TimelineData", "ViewData", "load_view_data",
           "read_source_texts"]

TIMELINE_MAX_POINTS = 150
"""The timeline chart draws at most this many claims (the table lists them all)."""


@dataclass(frozen=True)
class TimelineData:
    """The timeline chart (SVG text, or None when nothing is dated) and its rows."""

    svg: str | None
    rows: list[dict[str, Any]]
    title: str = "Dated claims"
    panels: tuple[str, ...] = ()
    """the chart's panel titles, top to bottom"""


@dataclass
class ViewData:
    """A case with what the views need besides it."""

    case: Case
    infos: dict[str, ClaimInfo]
    texts: dict[str, str] = field(default_factory=dict)
    assessed: bool = False
    timeline: TimelineData | None = None
    assessment: CaseAssessment | None = None
    audit: dict[str, Any] | None = None
    """the provenance helper's audit report (``claimgraph audit --format json``), if any"""

    @classmethod
    def from_case(cls, case: Case, assessment: CaseAssessment | None = None,
                  texts: dict[str, str] | None = None) -> ViewData:
        """Build from plain inputs (no store): the case, an assessment or None, texts."""
        return cls(case=case, infos=claim_infos(case, assessment), texts=dict(texts or {}),
                   assessed=assessment is not None, assessment=assessment)

    @classmethod
    def from_inputs(cls, inputs: Inputs) -> ViewData:
        """From what the analytics read fast (:func:`~claimgraph.graph.analytics.load_inputs`:
        the fields the projections and the network view use, and the statuses): enough for
        the network and focus views, not for the casebook's pages (no quotes' anchors, no
        source texts, no audit)."""
        infos = (infos_from_statuses(inputs.statuses) if inputs.assessed
                 else claim_infos(inputs.case))
        return cls(case=inputs.case, infos=infos, assessed=inputs.assessed)

    @property
    def vocab(self) -> Vocabulary:
        """The bundled vocabulary extended by the case's own kinds and predicates."""
        return load_vocabulary().extend(self.case.meta.vocabulary)

    def audit_report(self) -> dict[str, Any] | None:
        """The audit report: the store's, else computed from the case and its assessment
        by the same queries (None when not assessed)."""
        if self.audit is None and self.assessment is not None:
            self.audit = audit_models(self.case, self.assessment)
        return self.audit

    @property
    def statuses(self) -> StatusMap:
        """What the analytics weigh each claim by (the same as ``claimgraph rank``)."""
        return status_map(self.infos)


def read_source_texts(store: Store, case: Case) -> dict[str, str]:
    """``{source_id: text}`` of the case's captured sources, from the store (one query)."""
    by_iri = {source_iri(case.meta.id, s.id): s.id for s in case.sources if s.captured}
    if not by_iri:
        return {}
    rows = store.query(f"SELECT ?s ?t WHERE {{ ?s <{SCHEMA.text}> ?t }}", case=case.meta.id)
    out: dict[str, str] = {}
    for r in rows:
        sid = by_iri.get(r.get("s") or "")
        if sid is not None and r.get("t") is not None:
            out[sid] = r["t"] or ""
    return dict(sorted(out.items()))


def _read_assessment(store: Store, case_id: str) -> CaseAssessment | None:
    try:
        a = read_assessment(store, case_id)
    except ClaimgraphError:
        return None
    return a if a.claims else None


def timeline_data(case: Case, infos: dict[str, ClaimInfo]) -> TimelineData:
    """The analytics' timeline of the case's dated claims, denials included, as SVG (one
    panel per unit, then the claims without a quantity); claims rated false or misleading
    are left out, and the title says how many."""
    g = claim_graph(case, status_map(infos), Filters(include_denied=True))
    rows = timeline_rows(g)
    if not rows:
        return TimelineData(None, [])
    title = "Dated claims"
    rated = len(g.graph["rated_out"])  # rated false or misleading: out, and said so
    if rated:
        title += f" ({rated} left out for {'its' if rated == 1 else 'their'} verdict rating)"
    drawn = rows
    if len(rows) > TIMELINE_MAX_POINTS:  # keep the commonest item's claims, then cut
        items: dict[str, int] = {}
        for r in rows:
            items[r.item or ""] = items.get(r.item or "", 0) + 1
        top = max(sorted(items), key=lambda k: items[k])
        drawn = [r for r in rows if (r.item or "") == top][:TIMELINE_MAX_POINTS]
        title += f" — {len(drawn)} of {len(rows)} drawn"
    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = timeline_chart(drawn, Path(tmp) / "timeline.svg", title=title)
        except ClaimgraphError:
            return TimelineData(None, [r.to_dict() for r in rows], title)
        svg = path.read_text("utf-8")
    panels = tuple(p.title for p in chart_panels(drawn))
    return TimelineData(svg, [r.to_dict() for r in rows], title, panels)


def _read_audit(store: Store, case_id: str) -> dict[str, Any] | None:
    try:
        report: dict[str, Any] = audit(store, case_id)
    except ClaimgraphError:
        return None
    return report if report.get("claims") else None


def load_view_data(store: Store, case_id: str, *, timeline: bool = True) -> ViewData:
    """Read one case and everything shown with it from ``store`` (embedded or remote)."""
    case = store.read_case(case_id)
    assessment = _read_assessment(store, case_id)
    data = ViewData.from_case(case, assessment, read_source_texts(store, case))
    if timeline:
        data.timeline = timeline_data(case, data.infos)
        data.audit = _read_audit(store, case_id)
    return data
