"""Importers and the draft extractor: schema.org ClaimReview and FollowTheMoney files read
into case records, added to a case folder only when the case still validates, and a draft
of candidate claims extracted from a new source text. The exporters are in
:mod:`claimgraph.graph.interop`.

Examples
--------
>>> from claimgraph.sources.interop.mappings import normalise_rating
>>> normalise_rating("Missing context")
'misleading'
"""

from __future__ import annotations

from .casefiles import AddResult, add_case_file

__all__ = ["AddResult", "add_case_file"]
