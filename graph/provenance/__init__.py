"""Provenance: who said it per quote, source independence, evidence status and notes,
language lint, contradictions (within their scope), the audit.

The build pipeline calls :func:`assess_case` on a validated case and writes the result
with :func:`assessment_to_nquads` into the case's derived graph; analytics and views read
it back with :func:`read_assessment`. ``trace`` and ``audit`` answer from the store.
"""

from __future__ import annotations

from .assess import assess_case, assess_models
from .contradictions import Contradiction, find_contradictions
from .independence import (
    Origins,
    QuoteBasis,
    group_origins,
    independent_origins,
    quote_basis,
    rests_on,
    trace_origins,
)
from .model import (
    CaseAssessment,
    ClaimAssessment,
    ContradictionRef,
    EvidenceAnchor,
    Finding,
    SourceAssessment,
)
from .rdf import assessment_to_nquads, read_assessment
from .status import decide, notes_for, status_ids, status_rules, support_level

__all__ = [
    "CaseAssessment",
    "ClaimAssessment",
    "Contradiction",
    "ContradictionRef",
    "EvidenceAnchor",
    "Finding",
    "Origins",
    "QuoteBasis",
    "SourceAssessment",
    "assess_case",
    "assess_models",
    "assessment_to_nquads",
    "decide",
    "find_contradictions",
    "group_origins",
    "independent_origins",
    "notes_for",
    "quote_basis",
    "read_assessment",
    "rests_on",
    "status_ids",
    "status_rules",
    "support_level",
    "trace_origins",
]
