"""The casebook's view of the other cases of a store: the "Across cases" section of a claim
page (matching claims elsewhere, grouped by independent origin; disagreements) and the
store's index page (cases, shared entities, corroborated and disputed claims).

Links into another case's pages are only made when the whole store is written
(``claimgraph site --all``: every case in a folder of its own, side by side); a casebook of
one case names the other cases' claims without linking them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimgraph.graph.crosscase import (
    ChainReader,
    Corroboration,
    Disagreement,
    StoreCases,
    StoreOverview,
    corroborate,
    node_name,
    source_titles,
    store_overview,
)

from .safe import safe_filename

__all__ = ["Across", "claim_across", "store_index_context"]

_SCOPE = {"same": "same entities", "broader": "about narrower entities",
          "narrower": "about broader entities"}
"""How a match's entities relate to this claim's, as the claim page says it."""


@dataclass
class Across:
    """The store around one case's casebook: ``linked`` when every case is written beside
    it (``site --all``)."""

    store: StoreCases
    linked: bool = False
    overview: StoreOverview = field(init=False)
    titles: dict[str, str] = field(init=False)
    reader: ChainReader = field(init=False)

    def __post_init__(self) -> None:
        self.overview = store_overview(self.store)
        self.titles = source_titles(self.store)
        self.reader = ChainReader(self.store.resolver)

    def href(self, case: str, folder: str, rid: str, *, here: str, root: str) -> str | None:
        """Link from a page at ``root`` of case ``here`` to a record page of ``case``."""
        if case == here:
            return f"{root}{folder}/{safe_filename(rid)}.html"
        if not self.linked:
            return None
        return f"{root}../{safe_filename(case)}/{folder}/{safe_filename(rid)}.html"


def _source(a: Across, name: str, here: str, root: str) -> dict[str, Any]:
    case, _, sid = name.partition(":")
    return {"label": a.titles.get(name, name), "name": name,
            "href": a.href(case, "sources", sid, here=here, root=root)}


def _claim(a: Across, case: str, cid: str, here: str, root: str) -> dict[str, Any]:
    return {"label": f"{case}:{cid}", "case": case, "id": cid,
            "href": a.href(case, "claims", cid, here=here, root=root)}


def _dispute(a: Across, d: Disagreement, here: str, root: str) -> dict[str, Any]:
    return {"kind": d.kind, "detail": d.detail,
            "sides": [{**_claim(a, s.case, s.claim, here, root), "quote": s.quote,
                       "words": s.words, "reads": s.reads} for s in d.sides()]}


def claim_across(a: Across, case: str, claim_id: str, root: str = "../") -> dict[str, Any]:
    """The "Across cases" section of claim ``claim_id`` of ``case``."""
    co: Corroboration = corroborate(a.store, (case, claim_id), a.reader)
    matches = []
    for label, group in (("corroborates", co.corroborating), ("related", co.related),
                         ("figure disagrees", co.disagreeing)):
        for m in group:
            matches.append({**_claim(a, m.other.case, m.other.claim.id, case, root),
                            "relation": label, "scope": _SCOPE[m.scope],
                            "text": m.other.claim.text,
                            "time": m.other.claim.time,
                            "figure": str(m.other.figure) if m.other.figure else None})
    origins = [{
        **_source(a, o.key, case, root),
        "cases": sorted(o.cases),
        "relays": [_source(a, r, case, root) for r in o.relays],
        "documents": [_source(a, d, case, root) for d in sorted(o.documents)],
        "chains": [{"claim": _claim(a, ch.case, ch.claim, case, root), "evidence": ch.index + 1,
                    "path": [_source(a, node_name(n), case, root) for n in ch.path]}
                   for ch in o.chains],
    } for o in co.origins]
    mine = f"{case}:{claim_id}"
    disputes = [_dispute(a, d, case, root) for d in a.overview.disagreements
                if mine in {f"{s.case}:{s.claim}" for s in d.sides()}]
    return {"matches": matches, "origins": origins, "count": len(co.origins),
            "disputes": disputes, "linked": a.linked,
            "figure": str(co.claim.figure) if co.claim.figure else None,
            "others": len(a.store.cases) - 1}


def store_index_context(a: Across) -> dict[str, Any]:
    """What the store's index page shows (links from the store folder's root)."""
    o = a.overview
    r = a.store.resolver

    def entity(name: str) -> dict[str, Any]:
        case, _, eid = name.partition(":")
        return {"label": r.entities[(case, eid)].name, "name": name, "case": case,
                "href": f"{safe_filename(case)}/entities/{safe_filename(eid)}.html"}

    def claim(case: str, cid: str) -> dict[str, Any]:
        return {"label": f"{case}:{cid}",
                "href": f"{safe_filename(case)}/claims/{safe_filename(cid)}.html"}

    corroborated = []
    for co in o.corroborated:
        corroborated.append({
            **claim(co.claim.case, co.claim.claim.id), "text": co.claim.claim.text,
            "matches": [claim(m.other.case, m.other.claim.id) for m in co.corroborating],
            "origins": [a.titles.get(x.key, x.key) for x in co.origins],
            "count": len(co.origins), "disputed": f"{co.claim.name}" in o.disputed()})
    return {
        "cases": [{"id": cid, "title": title, "claims": n,
                   "href": f"{safe_filename(cid)}/index.html"} for cid, title, n in o.cases],
        "shared": [{"members": [entity(n) for n, _ in e.names],
                    "links": [str(x) for x in e.links]} for e in o.shared_entities],
        "corroborated": corroborated,
        "disputes": [{"kind": d.kind, "detail": d.detail,
                      "sides": [{**claim(s.case, s.claim), "quote": s.quote, "words": s.words}
                                for s in d.sides()]} for d in o.disagreements],
        "unresolved": [str(u) for u in o.unresolved],
        "links": len(r.links),
    }
