"""Inputs of the analytics: a case and its evidence statuses, read from the store.

Analytics never read YAML. The CLI (and a notebook) gets the case with
``store.read_case(case_id)`` and the per-claim status and origins with the provenance
helper's ``read_assessment(store, case_id)``. When a store holds no assessment for a case
(built without provenance), :func:`load_inputs` falls back to
:func:`~claimgraph.graph.analytics.projection.naive_statuses` and says so.

A flag status (``contested``, ``unanchored``) comes with the support level under it, and a
claim counts as the weaker of the two. The number of origins that counts for evidence
strength is the number of independent
*checkable* origins (captured, reached through an anchored quote): an "unsourced" claim
resting on three referred-only reports gets no bonus for them.

Examples
--------
>>> from claimgraph.graph.provenance import CaseAssessment, ClaimAssessment
>>> a = CaseAssessment("demo", {"c1": ClaimAssessment(
...     "c1", "corroborated", origins=("s1", "s2", "s3"), checkable_origins=("s1", "s2"))})
>>> statuses_from_assessment(a)
{'c1': ('corroborated', 2)}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph.schema.errors import ClaimgraphError
from claimgraph.schema.models import Case

from .projection import StatusMap, naive_statuses

__all__ = ["Inputs", "load_inputs", "statuses_from_assessment"]


def statuses_from_assessment(
        assessment: Any) -> dict[str, tuple[str, int] | tuple[str, int, str]]:
    """``{claim_id: (status, independent checkable origins[, support])}`` from a
    ``CaseAssessment``; the support level is added when it differs from the status (a
    flag such as ``contested`` over ``unsourced`` support)."""
    out: dict[str, tuple[str, int] | tuple[str, int, str]] = {}
    for cid, a in sorted(assessment.claims.items()):
        support = getattr(a, "support", "") or ""
        n = len(a.checkable_origins)
        out[cid] = (a.status, n, support) if support and support != a.status else (a.status, n)
    return out


@dataclass(frozen=True)
class Inputs:
    """A case read from the store and its statuses; ``assessed`` is False when the
    statuses are the naive stand-in."""

    case: Case
    statuses: StatusMap
    assessed: bool


def load_inputs(store: Any, case_id: str) -> Inputs:
    """Read a case and its assessment from ``store`` (embedded or remote)."""
    case = store.read_case(case_id)
    from claimgraph.graph.provenance.rdf import read_assessment

    try:
        assessment = read_assessment(store, case_id)
    except ClaimgraphError:
        return Inputs(case, naive_statuses(case), False)
    statuses = statuses_from_assessment(assessment)
    if not statuses and case.claims:
        return Inputs(case, naive_statuses(case), False)
    return Inputs(case, statuses, True)
