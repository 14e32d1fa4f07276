"""Exports to the formats other tools speak: schema.org ClaimReview, FollowTheMoney, W3C Web
Annotation and CSV. Each takes a validated case (and, for annotations, its anchors) and
returns plain data or text; the importers are in :mod:`claimgraph.sources.interop`.
"""

from __future__ import annotations

from .spreadsheet import claims_to_csv

__all__ = ["claims_to_csv"]
