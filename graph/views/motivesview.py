"""The motives page: who supports what, and why, as an actor x motive matrix.

Rows are the actors claims give a stance or a reason (:func:`~claimgraph.graph.analytics.
motives.support_profiles`), grouped by the tag their claims carry (the analysis or section
that says so: "Analysis 1", "Analysis 2", "in several", "untagged"); the first column says
what each is for and against (a denial reads "denies …"); the other columns are the
motives, the most widely given first. A filled cell is a dot, as large as the number of
claims behind it and coloured by their strongest evidence status; clicking it lists those
claims (their text, status and page). Every label is a row or column header of a table, so
no two can overlap, however many actors and motives a case has.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Entity, Claim
>>> from claimgraph.graph.views.pages import CaseIndex
>>> from claimgraph.graph.views.sitedata import ViewData
>>> from claimgraph.graph.views.styles import load_view_styles
>>> case = Case(meta=CaseMeta(id="d", title="D"), entities=[
...     Entity(id="g", name="Hawks", kind="group"), Entity(id="ru", name="Russia", kind="state"),
...     Entity(id="m", name="Rivalry", kind="motive")], claims=[Claim.model_validate(
...     {"id": "c1", "text": "t", "subject": "g", "predicate": "supports", "object": "ru",
...      "motives": ["m"]})])
>>> m = motive_matrix(CaseIndex(ViewData.from_case(case)), load_view_styles())
>>> [c["label"] for c in m["motives"]], [r["actor"]["label"] for g in m["groups"] for r in g["rows"]]
(['Rivalry'], ['Hawks'])
>>> m["groups"][0]["rows"][0]["cells"][0]["claims"]
['c1']
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from claimgraph.graph.analytics.motives import Profile, motive_order, support_profiles
from claimgraph.graph.analytics.selection import declared_tags

from .pages import CaseIndex, claim_row
from .styles import ViewStyles

__all__ = ["MAX_ACTORS", "MAX_MOTIVES", "STANCES_SHOWN", "motive_matrix"]

STANCES_SHOWN = 4
"""Stances listed in a row before the rest fold under "more"."""

MAX_ACTORS = 80
"""Rows drawn at most: the actors with the most motives, then the most stances."""

MAX_MOTIVES = 40
"""Columns drawn at most: the motives given to the most actors (the page says what is left out)."""


def _strongest(statuses: list[str], styles: ViewStyles) -> str:
    order = [s.id for s in styles.status_order()]
    return min(statuses, key=lambda s: order.index(s) if s in order else len(order))


def _group_key(p: Profile, tags: dict[str, str]) -> tuple[int, str]:
    if len(p.tags) == 1:
        return (list(tags).index(p.tags[0]), tags[p.tags[0]])
    if p.tags:
        return (len(tags), "In several: " + ", ".join(tags[t] for t in p.tags))
    return (len(tags) + 1, "Untagged claims")


def motive_matrix(idx: CaseIndex, styles: ViewStyles, root: str = "",
                  claims: list[str] | None = None) -> dict[str, Any]:
    """What the motives matrix draws: ``motives`` (columns), ``groups`` of ``rows`` (an
    actor, its stances, one cell per motive), and ``claims`` (every claim a cell lists)."""
    case = idx.data.case
    chosen = None if claims is None else [idx.claims[c] for c in claims]
    every = support_profiles(case, chosen, vocab=idx.data.vocab)
    profiles = every[:MAX_ACTORS]
    all_motives = motive_order(every)
    motives = all_motives[:MAX_MOTIVES]
    tags = declared_tags(case)
    listed: dict[str, dict[str, Any]] = {}

    def claim(cid: str) -> str:
        if cid not in listed:
            row = claim_row(idx, cid, root, styles)
            listed[cid] = {"text": row["text"], "href": row["href"], "status": row["status"],
                           "statusLabel": styles.status(row["status"]).label}
        return cid

    groups: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for p in profiles:
        cells: list[dict[str, Any] | None] = []
        for m in motives:
            r = p.reason(m)
            if r is None:
                cells.append(None)
                continue
            status = _strongest([listed[claim(c)]["status"] for c in r.claims], styles)
            n = len(r.claims)
            cells.append({"claims": list(r.claims), "n": n, "status": status,
                          "size": round(10 + 6 * math.sqrt(n - 1), 1),
                          "title": f"{idx.label(p.actor)} — {idx.label(m)}: "
                                   f"{n} claim{'s' if n != 1 else ''}"})
        stances = [{"label": s.label, "stance": s.stance, "denied": s.polarity == "denied",
                    "target": idx.ref(s.target, root),
                    "item": idx.ref(s.item, root) if s.item else None,
                    "claims": [claim(c) for c in s.claims]} for s in p.stances]
        groups[_group_key(p, tags)].append({
            "actor": idx.ref(p.actor, root), "id": p.actor, "cells": cells,
            "stances": stances[:STANCES_SHOWN], "more": stances[STANCES_SHOWN:],
            "n_reasons": len(p.reasons)})
    return {
        "motives": [{"id": m, **idx.ref(m, root)} for m in motives],
        "groups": [{"label": label, "rows": rows} for (_, label), rows in sorted(groups.items())],
        "claims": listed,
        "n_actors": len(profiles),
        "left_out": {"actors": len(every) - len(profiles),
                     "motives": len(all_motives) - len(motives)},
    }

