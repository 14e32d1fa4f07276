"""The casebook's comparison pages: two tagged analyses side by side.

:func:`compare_pages` lists the pairs of tags a case declares (the first two first; at most
:data:`COMPARE_MAX_TAGS` tags are paired); :func:`compare_context` turns a
:class:`~claimgraph.graph.analytics.compare.Comparison` into what ``compare.html`` draws:
one row per linked pair of groups (left card, the link, right card), then the groups linked
to nothing on the other side, then agreement over both sides. In a card every motive and
every target says whether the linked group of the other side shares it.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Tag
>>> case = Case(meta=CaseMeta(id="d", title="D", tags=[Tag(id="a", label="A"),
...     Tag(id="b", label="B"), Tag(id="c", label="C")]))
>>> [(p["left"], p["right"], p["file"]) for p in compare_pages(case)]
[('a', 'b', 'compare.html'), ('a', 'c', 'compare-a--c.html'), ('b', 'c', 'compare-b--c.html')]
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from claimgraph.graph.analytics.compare import Comparison, Group
from claimgraph.schema.models import Case

from .pages import CaseIndex
from .safe import safe_filename

__all__ = ["COMPARE_MAX_TAGS", "compare_context", "compare_pages"]

COMPARE_MAX_TAGS = 8
"""Comparison pages are written for the pairs of a case's first this many declared tags."""


def compare_pages(case: Case) -> list[dict[str, str]]:
    """``[{left, right, file, title}]``: the comparison pages of the case's declared tags."""
    tags = [t for t in case.meta.tags][:COMPARE_MAX_TAGS]
    out = []
    for i, (a, b) in enumerate(combinations(tags, 2)):
        name = "compare.html" if i == 0 else \
            f"compare-{safe_filename(a.id)}--{safe_filename(b.id)}.html"
        out.append({"left": a.id, "right": b.id, "file": name,
                    "title": f"{a.label} · {b.label}"})
    return out


def _card(idx: CaseIndex, g: Group | None, shared_motives: set[str],
          shared_targets: set[tuple[str, str]], linked: bool) -> dict[str, Any] | None:
    if g is None:
        return None
    return {
        "group": idx.ref(g.id, ""), "id": g.id,
        "members": [idx.ref(m, "") for m, _ in g.members],
        "stances": [{"label": s.label, "stance": s.stance, "denied": s.polarity == "denied",
                     "target": idx.ref(s.target, ""),
                     "item": idx.ref(s.item, "") if s.item else None,
                     "shared": linked and (s.target, s.stance) in shared_targets
                     and s.polarity == "affirmed",
                     "claims": [idx.ref(c, "") | {"id": c} for c in s.claims]}
                    for s in g.profile.stances],
        "motives": [{"motive": idx.ref(r.motive, ""), "shared": r.motive in shared_motives,
                     "claims": [idx.ref(c, "") | {"id": c} for c in r.claims]}
                    for r in g.profile.reasons],
        "linked": linked,
    }


def compare_context(idx: CaseIndex, cmp: Comparison) -> dict[str, Any]:
    """What ``compare.html`` shows of one comparison."""
    rows = []
    for p in cmp.pairs:
        motives = set(p.motives_both)
        targets = set(p.targets_both)
        rows.append({"relation": p.relation.replace("_", " "),
                     "shared_members": [idx.ref(m, "") for m in p.members_both],
                     "left": _card(idx, cmp.left.group(p.left), motives, targets, True),
                     "right": _card(idx, cmp.right.group(p.right), motives, targets, True)})
    left_only, right_only = cmp.unlinked
    for g in left_only:
        rows.append({"relation": None, "right": None,
                     "left": _card(idx, cmp.left.group(g), set(), set(), False)})
    for g in right_only:
        rows.append({"relation": None, "left": None,
                     "right": _card(idx, cmp.right.group(g), set(), set(), False)})

    def side(s: Any) -> dict[str, Any]:
        sel = s.selection
        return {"label": sel.label, "ident": sel.ident, "kind": sel.kind,
                "claims": len(sel.claim_ids), "groups": len(s.groups)}

    m, t = cmp.motives, cmp.targets

    def target_rows(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
        return [{"target": idx.ref(x, ""), "stance": st} for x, st in pairs]

    return {
        "left": side(cmp.left), "right": side(cmp.right), "rows": rows,
        "motives": {k: [idx.ref(x, "") for x in v] for k, v in m.items()},
        "targets": {k: target_rows(v) for k, v in t.items()},
        "n_links": len(cmp.pairs),
    }
