"""Publish verdicts as schema.org ClaimReview JSON-LD, the markup fact-checkers publish.

Every claim with a ``verdict`` becomes one ClaimReview with the fields Google's Fact Check
tools document: ``claimReviewed`` (the claim's text), ``reviewRating`` (``ratingValue`` on
the 1–5 scale of ``ratings.yaml`` with ``bestRating`` 5 and ``worstRating`` 1, and
``alternateName``: the rating as the reviewer wrote it, else its label), ``url``,
``author`` (the publishing Organization, and the reviewing Person), ``datePublished``,
``reviewBody``, and ``itemReviewed``: a ``Claim`` with its ``author`` (the claimant — a
Person or an Organization by entity kind, ``claimreview.yaml``), ``appearance`` (a
CreativeWork per source whose quotes support or mention the claim, with its URL) and
``firstAppearance`` where the verdict names it. Under claimgraph's own namespace the Claim
also carries what ClaimReview has no term for — subject, predicate, object, polarity, item,
time, quantity and the quotes — so that :mod:`claimgraph.sources.interop.claimreview`
imports an export back as the same claims. Refuting quotes are not appearances and are not
exported.

Examples
--------
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({"meta": {"id": "demo", "title": "Demo"},
...     "entities": [{"id": "lin", "name": "Lin Jian", "kind": "person"},
...                  {"id": "cn", "name": "China", "kind": "state"}],
...     "sources": [{"id": "mfa", "title": "Briefing", "kind": "official_statement",
...                  "url": "https://example.org/briefing"}],
...     "claims": [{"id": "c1", "text": "China never supplied arms.", "subject": "cn",
...                 "predicate": "supplies", "object": "cn", "claimant": "lin",
...                 "evidence": [{"source": "mfa", "quote": "never provided"}],
...                 "verdict": {"rating": "false", "original_rating": "Pants on Fire",
...                             "publisher": "Example Checks", "date": "2025-05",
...                             "url": "https://example.com/check/1"}}]})
>>> review = claim_reviews(case)[0]
>>> review["reviewRating"]["ratingValue"], review["reviewRating"]["alternateName"]
(1, 'Pants on Fire')
>>> review["itemReviewed"]["author"]["@type"], review["itemReviewed"]["appearance"][0]["url"]
('Person', 'https://example.org/briefing')
"""

from __future__ import annotations

from typing import Any

from claimgraph.schema.models import Case, Claim, Entity, Source
from claimgraph.schema.vocab import Vocabulary, load_vocabulary
from claimgraph.sources.interop.claimreview import EXT_KEYS
from claimgraph.sources.interop.mappings import claimreview_mapping

from .. import iris

__all__ = ["SCHEMA_CONTEXT", "claim_reviews"]

SCHEMA_CONTEXT = "https://schema.org"
_BEST, _WORST = 5, 1


def _schema_types(curies: tuple[str, ...]) -> list[str]:
    return [c.split(":", 1)[1] for c in curies if c.startswith("schema:")]


class _Writer:
    def __init__(self, case: Case, vocab: Vocabulary) -> None:
        self.case = case
        self.vocab = vocab
        self.map = claimreview_mapping()
        self.entities = {e.id: e for e in case.entities}
        self.sources = {s.id: s for s in case.sources}
        self.cid = case.meta.id

    def concept(self, scheme: str, term: str, known: Any) -> dict[str, str]:
        own = None if term in known else self.cid
        return {"@id": iris.concept_iri(scheme, term, own)}

    def author_type(self, kind: str) -> str:
        cur = self.vocab.entity_kinds.get(kind)
        while cur is not None:
            hit = [t for t in _schema_types(cur.rdf_types) if t in self.map.author_types]
            if hit:
                return hit[0]
            cur = self.vocab.entity_kinds.get(cur.parent) if cur.parent else None
        return self.map.default_author_type

    def entity(self, e: Entity, schema_type: str | None = None) -> dict[str, Any]:
        node: dict[str, Any] = {"@type": schema_type or self.author_type(e.kind),
                                "@id": iris.entity_iri(self.cid, e.id), "identifier": e.id,
                                "name": e.name}
        if "wikidata" in e.ids:
            node["sameAs"] = f"https://www.wikidata.org/wiki/{e.ids['wikidata']}"
        node[EXT_KEYS["kind"]] = self.concept("kind", e.kind, load_vocabulary().entity_kinds)
        return node

    def work(self, s: Source, quotes: list[str]) -> dict[str, Any]:
        kind = self.vocab.source_kinds.get(s.kind)
        types = _schema_types(kind.rdf_types) if kind else []
        node: dict[str, Any] = {"@type": types[0] if types else "CreativeWork",
                                "@id": iris.source_iri(self.cid, s.id), "identifier": s.id,
                                "name": s.title}
        if s.url:
            node["url"] = s.url
        if s.published:
            node["datePublished"] = s.published
        if s.publisher:
            node["publisher"] = {"@type": "Organization", "name": s.publisher}
        if s.authors:
            node["author"] = [{"@type": "Person", "name": a} for a in s.authors]
        node[EXT_KEYS["kind"]] = self.concept("source-kind", s.kind,
                                              load_vocabulary().source_kinds)
        if quotes:
            node[EXT_KEYS["quote"]] = quotes
        return node

    def claimant(self, c: Claim, item: dict[str, Any]) -> None:
        who = c.effective_claimant()
        if who in self.entities:
            item["author"] = self.entity(self.entities[who])
        elif who in self.sources:
            s = self.sources[who]
            item["author"] = {"@type": "Organization", "name": s.publisher or s.title,
                              "identifier": s.id}
            if c.claimant is not None:
                item[EXT_KEYS["claimantSource"]] = self.work(s, [])

    def item(self, c: Claim) -> dict[str, Any]:
        item: dict[str, Any] = {"@type": "Claim", "@id": iris.claim_iri(self.cid, c.id),
                                "identifier": c.id}
        self.claimant(c, item)
        quotes: dict[str, list[str]] = {}
        for ev in c.evidence:
            if ev.relation != "refutes" and ev.source in self.sources:
                quotes.setdefault(ev.source, []).append(ev.quote)
        if quotes:
            item["appearance"] = [self.work(self.sources[s], q) for s, q in quotes.items()]
        first = c.first_appearance
        if first in self.sources:
            item["firstAppearance"] = self.work(self.sources[first], [])
            if self.sources[first].published:
                item["datePublished"] = self.sources[first].published
        for role in ("subject", "object", "item"):
            eid = getattr(c, role)
            if eid in self.entities:
                e = self.entities[eid]
                item[EXT_KEYS[role]] = self.entity(e, "Thing")
        item[EXT_KEYS["predicate"]] = self.concept("predicate", c.predicate,
                                                   load_vocabulary().predicates)
        item[EXT_KEYS["polarity"]] = c.polarity
        if c.time:
            item[EXT_KEYS["time"]] = c.time
        if c.quantity:
            q: dict[str, Any] = {"@type": "QuantitativeValue", "value": c.quantity.value,
                                 "unitText": c.quantity.unit}
            if c.quantity.approx:
                q[EXT_KEYS["approx"]] = True
            if c.quantity.bound:
                q[EXT_KEYS["bound"]] = c.quantity.bound
            item[EXT_KEYS["quantity"]] = q
        return item

    def review(self, c: Claim) -> dict[str, Any]:
        v = c.verdict
        assert v is not None
        rating = self.vocab.ratings.get(v.rating)
        label = rating.label if rating else v.rating
        stars: dict[str, Any] = {"@type": "Rating"}
        if rating is not None and rating.value is not None:
            stars.update(ratingValue=rating.value, bestRating=_BEST, worstRating=_WORST)
        stars["alternateName"] = v.original_rating or label
        stars["name"] = label
        review: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "ClaimReview",
                                  "@id": iris.claim_iri(self.cid, c.id) + "/verdict"}
        if v.url:
            review["url"] = v.url
        review["claimReviewed"] = c.text
        authors = ([{"@type": "Organization", "name": v.publisher}] if v.publisher else []) + (
            [{"@type": "Person", "name": v.reviewed_by}] if v.reviewed_by else [])
        if authors:
            review["author"] = authors[0] if len(authors) == 1 else authors
        if v.date:
            review["datePublished"] = v.date
        if v.rationale:
            review["reviewBody"] = v.rationale
        review["reviewRating"] = stars
        review["itemReviewed"] = self.item(c)
        return review


def claim_reviews(case: Case, vocab: Vocabulary | None = None) -> list[dict[str, Any]]:
    """One ClaimReview per claim with a verdict, in claim-id order."""
    vocab = vocab or load_vocabulary().extend(case.meta.vocabulary)
    writer = _Writer(case, vocab)
    return [writer.review(c) for c in sorted(case.claims, key=lambda c: c.id) if c.verdict]
