"""The audit's counts, computed once and printed everywhere, each saying what it counts.

``claimgraph audit`` (text, JSON, Markdown), the casebook's index tiles and its audit page
all print :func:`count_summary`'s groups, so they cannot disagree. A group counts claims
*each once* (by evidence status; by verdict rating; denials) or lists *weak spots* where a
claim may be in several; source categories count sources.

Examples
--------
>>> claims = [{"id": "a", "status": "contested", "polarity": "affirmed"},
...           {"id": "b", "status": "single-origin", "polarity": "denied"}]
>>> lists = {c: [] for c in CATEGORIES}
>>> lists["contested"] = [claims[0]]
>>> lists["single-origin"] = claims
>>> lists["rated"] = [{"id": "a", "rating": "false", "rating_label": "False"}]
>>> s = count_summary(claims, lists)
>>> [(g["id"], g["total"]) for g in s["groups"]]
[('by-status', 2), ('weak-spots', None), ('ratings', 1), ('denials', 1), ('sources', None)]
>>> s["groups"][0]["label"]
'Claims by evidence status — each claim once'
>>> [(r["id"], r["count"]) for r in s["groups"][0]["rows"]]
[('single-origin', 1), ('contested', 1)]
>>> s["counts"]["single-origin"], s["counts"]["rated"]
(2, 1)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from claimgraph.schema.statuses import load_statuses
from claimgraph.schema.vocab import load_vocabulary

__all__ = ["CATEGORIES", "CLAIM_CATEGORIES", "GROUPS", "SOURCE_CATEGORIES",
           "STATUS_CATEGORIES", "category_help", "category_label", "count_summary"]

STATUS_CATEGORIES = tuple(s.id for s in load_statuses().audited())
"""The categories that are evidence statuses or notes (``audit: true`` in the status
vocabulary)."""

CLAIM_CATEGORIES = (*STATUS_CATEGORIES, "numeric-inconsistency", "hedged",
                    "vaguely-attributed", "challenges", "rated")
"""Categories that list claims."""

SOURCE_CATEGORIES = ("weak-sources", "referred-only-sources")
"""Categories that list sources."""

CATEGORIES = (*CLAIM_CATEGORIES, *SOURCE_CATEGORIES)
"""Every audit category, in the order it is printed."""

_LABELS: dict[str, tuple[str, str]] = {
    "numeric-inconsistency": (
        "Numeric inconsistencies",
        "A comparative (“more than doubled”) the quantities of two claims do not bear out."),
    "hedged": ("Hedged claims", "Hedging words in the claim or a quote (implied likelihood), "
                                "and the confidence recorded."),
    "vaguely-attributed": ("Vaguely attributed claims",
                           "“Experts warn”, “sources say”: no checkable source named."),
    "challenges": ("Claims in argumentative tension",
                   "A claim challenges another (argues against it; both may be true): shown "
                   "beside both, never contested."),
    "rated": ("Rated claims", "Claims a fact-checker gave a verdict, with its rating."),
    "weak-sources": ("Weak sources (graded E/F)",
                     "A claim resting on these is never corroborated."),
    "referred-only-sources": ("Referred-only sources claims rest on",
                              "Sources named but not captured: nothing in them can be checked."),
}

GROUPS = {
    "by-status": "Claims by evidence status — each claim once",
    "weak-spots": "Weak spots among the claims — a claim may be in several",
    "ratings": "Rated claims by verdict — each rated claim once",
    "denials": "Denials (negative polarity) — each also counted under its status",
    "sources": "Sources to look at — a source may be in both",
}
"""What each group of counts counts (its heading wherever it is printed)."""


def category_label(category: str) -> str:
    """The heading of a category: the status vocabulary's label for a status or a note.

    >>> category_label("uncaptured-upstream"), category_label("rated")
    ('Upstream not captured', 'Rated claims')
    """
    if category in STATUS_CATEGORIES:
        return load_statuses().get(category).label
    return _LABELS.get(category, (category, ""))[0]


def category_help(category: str) -> str:
    """One sentence on what a category lists."""
    if category in STATUS_CATEGORIES:
        return load_statuses().get(category).description
    return _LABELS.get(category, ("", ""))[1]


def _row(ident: str, label: str, count: int) -> dict[str, Any]:
    return {"id": ident, "label": label, "count": count}


def count_summary(claims: Sequence[Mapping[str, Any]],
                  lists: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Any]:
    """The audit's counts: ``{"claims", "counts", "groups"}``.

    ``claims``: every claim audited (``status``, ``polarity``); ``lists``: each category's
    items. ``counts`` is ``{category: items}``; each group is ``{id, label, total, rows}``
    (``total``: what its rows add up to when each claim is counted once, else None), the
    ratings group also names its ``category`` (``rated``: the list of those claims).
    """
    statuses = load_statuses()
    by_status = Counter(str(c.get("status")) for c in claims)
    decided = statuses.strongest_first()
    order = [*decided, *sorted(set(by_status) - set(decided))]
    ratings = load_vocabulary().ratings
    by_rating = Counter(str(r.get("rating")) for r in lists.get("rated", ()))
    rating_order = [*(r for r in ratings if r in by_rating), *sorted(set(by_rating) - set(ratings))]
    denials = sum(1 for c in claims if c.get("polarity") == "denied")
    counts = {c: len(lists.get(c, ())) for c in CATEGORIES}
    groups = [
        {"id": "by-status", "label": GROUPS["by-status"], "total": len(claims),
         "rows": [_row(s, statuses.get(s).label if s in statuses.statuses else s, by_status[s])
                  for s in order if by_status[s]]},
        {"id": "weak-spots", "label": GROUPS["weak-spots"], "total": None,
         "rows": [_row(c, category_label(c), counts[c]) for c in CLAIM_CATEGORIES
                  if c != "rated"]},
        {"id": "ratings", "label": GROUPS["ratings"], "total": counts["rated"],
         "category": "rated",
         "rows": [_row(r, ratings[r].label if r in ratings else r, by_rating[r])
                  for r in rating_order]},
        {"id": "denials", "label": GROUPS["denials"], "total": denials,
         "rows": [_row("denied", statuses.get("denied").label, denials)]},
        {"id": "sources", "label": GROUPS["sources"], "total": None,
         "rows": [_row(c, category_label(c), counts[c]) for c in SOURCE_CATEGORIES]},
    ]
    return {"claims": len(claims), "counts": counts, "groups": groups}
