"""Page contexts of the casebook: plain dicts handed to the (autoescaping) templates.

A :class:`CaseIndex` holds the lookups every page needs once (records by id, claims by
entity and source, who cites whom). The ``*_context`` functions build what one page
shows; they never produce HTML themselves except through :mod:`.highlight`.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Entity
>>> idx = CaseIndex(ViewData.from_case(Case(meta=CaseMeta(id="d", title="D"),
...     entities=[Entity(id="cn", name="China", kind="state")])))
>>> idx.ref("cn", "..")
{'label': 'China', 'href': '../entities/cn.html'}
>>> idx.ref("nope", "..")
{'label': 'nope', 'href': None}
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from claimgraph.graph.provenance.trace import quote_reading
from claimgraph.numberformat import quantity_phrase
from claimgraph.schema.models import Claim, Entity, Quantity, Source
from claimgraph.schema.phrasing import Phrasing

from .claiminfo import ClaimInfo, display_status
from .highlight import Span, context, mark_spans
from .safe import safe_filename
from .sitedata import ViewData
from .styles import ViewStyles

__all__ = ["CaseIndex", "claim_context", "claim_row", "entity_context", "evidence_reading",
           "quantity_text", "source_context"]


def quantity_text(q: Quantity | None) -> str:
    """``about 1,300 t`` / ``at least 5,000,000 shells`` (:mod:`claimgraph.numberformat`).

    >>> quantity_text(Quantity(value=1300, unit="t", approx=True))
    'about 1,300 t'
    >>> quantity_text(Quantity(value=5e6, unit="shells", bound="min", capacity=True))
    'at least 5,000,000 shells (capacity)'
    """
    return quantity_phrase(q, words=True)


class CaseIndex:
    """Lookups over one case, built once per site."""

    def __init__(self, data: ViewData) -> None:
        self.data = data
        self.vocab = data.vocab  # the case's extended vocabulary, built once
        case = data.case
        self.entities: dict[str, Entity] = {e.id: e for e in case.entities}
        self.sources: dict[str, Source] = {s.id: s for s in case.sources}
        self.claims: dict[str, Claim] = {c.id: c for c in case.claims}
        self.say = Phrasing.of_case(case, data.vocab)
        self.tag_labels = {t.id: t.label for t in case.meta.tags}
        """how each claim reads between subject and object (a denial as a denial)"""
        self.by_subject: dict[str, list[str]] = defaultdict(list)
        self.by_object: dict[str, list[str]] = defaultdict(list)
        self.by_other_role: dict[str, list[str]] = defaultdict(list)
        self.by_source: dict[str, list[str]] = defaultdict(list)
        self.cited_by: dict[str, list[str]] = defaultdict(list)
        self.challenged_by: dict[str, list[str]] = defaultdict(list)
        for c in sorted(case.claims, key=lambda c: c.id):
            for other in c.challenges:
                self.challenged_by[other].append(c.id)
            self.by_subject[c.subject].append(c.id)
            self.by_object[c.object].append(c.id)
            others = {c.item, c.place, c.claimant, *c.via, *c.motives} - {None, c.subject, c.object}
            for x in sorted(o for o in others if o):
                self.by_other_role[x].append(c.id)
            for sid in sorted({ev.source for ev in c.evidence}):
                self.by_source[sid].append(c.id)
        for s in sorted(case.sources, key=lambda s: s.id):
            for cited in s.cites:
                self.cited_by[cited].append(s.id)
        overlapping: dict[str, set[str]] = defaultdict(set)  # symmetric: either side names it
        for e in case.entities:
            for other in e.overlaps:
                overlapping[e.id].add(other)
                overlapping[other].add(e.id)
        self.overlapping = {k: sorted(v) for k, v in overlapping.items()}

    def info(self, claim_id: str) -> ClaimInfo:
        return self.data.infos.get(claim_id) or ClaimInfo(assessed=False)

    def href(self, ident: str, root: str) -> str | None:
        """Link to the page of any id (entity, source or claim), from a page at ``root``."""
        folder = ("entities" if ident in self.entities else "sources" if ident in self.sources
                  else "claims" if ident in self.claims else None)
        if folder is None:
            return None
        prefix = "" if root in ("", ".") else root.rstrip("/") + "/"
        return f"{prefix}{folder}/{safe_filename(ident)}.html"

    def label(self, ident: str) -> str:
        if ident in self.entities:
            return self.entities[ident].name
        if ident in self.sources:
            return self.sources[ident].title
        if ident in self.claims:
            return self.claims[ident].text
        return ident

    def ref(self, ident: str | None, root: str) -> dict[str, Any]:
        """``{label, href}`` of an id for the templates' ``ref`` macro."""
        if not ident:
            return {"label": "—", "href": None}
        return {"label": self.label(ident), "href": self.href(ident, root)}


def claim_row(idx: CaseIndex, claim_id: str, root: str, styles: ViewStyles) -> dict[str, Any]:
    """One row of a claim table."""
    c = idx.claims[claim_id]
    info = idx.info(claim_id)
    return {
        "id": c.id, "text": c.text, "href": idx.href(c.id, root),
        "subject": idx.ref(c.subject, root), "object": idx.ref(c.object, root),
        "predicate": idx.say.claim(c), "polarity": c.polarity, "claimant": idx.ref(c.effective_claimant(), root),
        "status": display_status(info, c.polarity), "origins": info.origins,
        "checkable": info.checkable, "notes": info.notes,
    }


def evidence_reading(idx: CaseIndex, claim_id: str, index: int) -> str:
    """Who said quote ``index`` of a claim, in words: "Lin Jian, via MFA statement (not
    captured), quoted in <article>" (what it rests on from the assessment, else its
    ``relays``)."""
    c = idx.claims[claim_id]
    ev = c.evidence[index]
    on, rule = idx.info(claim_id).rests_on.get(index, (ev.relays or ev.source, ""))
    via = on if on != ev.source else None
    src = idx.sources.get(via or "")
    return quote_reading(idx.label(ev.source),
                         speaker=idx.label(ev.attributed_to) if ev.attributed_to else None,
                         via=idx.label(via) if via else None,
                         via_captured=src.captured if src is not None else None,
                         inferred=rule == "inferred-relay")


def claim_context(idx: CaseIndex, claim_id: str, styles: ViewStyles) -> dict[str, Any]:
    """What a claim page shows (the provenance network is added by the site writer)."""
    root = ".."
    c = idx.claims[claim_id]
    info = idx.info(claim_id)
    hedge_spans = [Span(s, e, "cg-hedge", title=f"{kind}: {phrase}")
                   for kind, phrase, where, s, e in info.findings if where == "text"]
    evidence = []
    for i, ev in enumerate(c.evidence):
        src = idx.sources.get(ev.source)
        text = idx.data.texts.get(ev.source)
        span = info.anchors.get(i)
        ctx = None
        anchor_ref = None
        if text is not None and span and 0 <= span[0] < span[1] <= len(text):
            ctx = context(text, span[0], span[1])
            anchor_ref = f"{idx.href(ev.source, root)}#q-{safe_filename(c.id)}-{i}"
        status = info.anchor_status.get(i, "")
        label = {"exact": "✓ found verbatim in the source", "normalised":
                 "✓ found in the source (spacing or quotes differ)", "not_found":
                 "✗ not found in the source text", "not_captured":
                 "source text not captured: cannot be checked", "ambiguous":
                 "quote occurs more than once in the source", "recorded":
                 "✓ placed by its recorded selectors (the text is not distributed with the "
                 "case; a local copy verifies it)"}.get(status, status or "not checked")
        q_spans = [Span(s, e, "cg-hedge", title=f"{kind}: {phrase}")
                   for kind, phrase, where, s, e in info.findings if where == f"evidence/{i}"]
        evidence.append({
            "index": i, "relation": ev.relation, "source": idx.ref(ev.source, root),
            "reliability": src.reliability if src else None,
            "quote": mark_spans(ev.quote, q_spans), "context": ctx,
            "source_anchor": anchor_ref, "anchor_label": label, "note": ev.note,
            "reading": evidence_reading(idx, claim_id, i),
        })
    contradictions = []
    seen = set()
    for other, kind, detail in info.contradiction_refs:
        seen.add(other)
        contradictions.append({"claim": idx.ref(other, root), "kind": kind or "found",
                               "detail": detail})
    for other in c.contradicts:
        if other not in seen:
            contradictions.append({"claim": idx.ref(other, root), "kind": "declared",
                                   "detail": ""})
    return {
        "claim": c, "info": info, "statement": mark_spans(c.text, hedge_spans),
        "status": display_status(info, c.polarity),
        "claimant": idx.ref(c.effective_claimant(), root),
        "subject": idx.ref(c.subject, root), "object": idx.ref(c.object, root),
        "predicate": idx.say.claim(c),
        "item": idx.ref(c.item, root) if c.item else None,
        "place": idx.ref(c.place, root) if c.place else None,
        "quantity": quantity_text(c.quantity),
        "via": [idx.ref(v, root) for v in c.via],
        "motives": [idx.ref(m, root) for m in c.motives],
        "supports": [idx.ref(s, root) for s in c.supports],
        "challenges": [idx.ref(x, root) for x in c.challenges],
        "challenged_by": [idx.ref(x, root) for x in idx.challenged_by.get(c.id, [])],
        "verdict": _verdict(idx, c),
        "notes": info.notes,
        "origins": [idx.ref(o, root) for o in info.origin_ids],
        "hedges": sorted({f"{phrase}" for _k, phrase, _w, _s, _e in info.findings}),
        "evidence": evidence, "contradictions": contradictions,
        "tags": [idx.tag_labels.get(t, t) for t in c.tags],
    }


def _verdict(idx: CaseIndex, c: Claim) -> dict[str, Any] | None:
    if c.verdict is None:
        return None
    rating = idx.vocab.ratings.get(c.verdict.rating)
    return {"rating": c.verdict.rating, "label": rating.label if rating else c.verdict.rating,
            "excluded": bool(rating and rating.excluded_from_analytics),
            "rationale": c.verdict.rationale, "reviewed_by": c.verdict.reviewed_by,
            "date": c.verdict.date}


def entity_context(idx: CaseIndex, entity_id: str, styles: ViewStyles) -> dict[str, Any]:
    """What an entity page shows (its ego network is added by the site writer)."""
    root = ".."
    e = idx.entities[entity_id]

    def rows(ids: list[str]) -> list[dict[str, Any]]:
        return [claim_row(idx, c, root, styles) for c in ids]

    sections = [("Claims with it as subject", rows(idx.by_subject.get(e.id, [])), "by"),
                ("Claims about it", rows(idx.by_object.get(e.id, [])), "about"),
                ("Other claims naming it (item, place, via, motive, claimant)",
                 rows(idx.by_other_role.get(e.id, [])), "other")]
    return {
        "entity": e, "kind_label": styles.kind_label(e.kind),
        "aliases": [a if isinstance(a, str) else f"{a.text} ({a.lang})" for a in e.aliases],
        "part_of": [idx.ref(p, root) for p in e.part_of],
        "country": idx.ref(e.country, root) if e.country else None,
        "same_as": [idx.ref(s, root) for s in e.same_as],
        "broader": [idx.ref(b, root) for b in e.broader],
        "overlaps": [idx.ref(o, root) for o in idx.overlapping.get(e.id, [])],
        "ids": sorted(e.ids.items()),
        "sections": [s for s in sections if s[1]],
    }


def source_context(idx: CaseIndex, source_id: str, styles: ViewStyles) -> dict[str, Any]:
    """What a source page shows: facts, cites / cited by, claims, the marked full text."""
    root = ".."
    s = idx.sources[source_id]
    claim_ids = idx.by_source.get(s.id, [])
    text = idx.data.texts.get(s.id)
    marked = None
    n_marks = 0
    if text is not None:
        spans = []
        for cid in claim_ids:
            c = idx.claims[cid]
            info = idx.info(cid)
            for i, ev in enumerate(c.evidence):
                a = info.anchors.get(i)
                if ev.source == s.id and a:
                    spans.append(Span(a[0], a[1], "cg-mark", id=f"q-{safe_filename(cid)}-{i}",
                                      href=idx.href(cid, root), title=c.text))
        n_marks = len(spans)
        marked = mark_spans(text, spans)
    return {
        "source": s, "kind_label": (idx.vocab.source_kinds[s.kind].label
                                    if s.kind in idx.vocab.source_kinds else s.kind),
        "reliability": idx.vocab.reliability.get(s.reliability or ""),
        "cites": [idx.ref(x, root) for x in s.cites],
        "cited_by": [idx.ref(x, root) for x in idx.cited_by.get(s.id, [])],
        "claims": [claim_row(idx, c, root, styles) for c in claim_ids],
        "text": marked, "marks": n_marks,
    }
