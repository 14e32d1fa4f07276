"""Read schema.org ClaimReview (what fact-checkers publish) into case records.

Every ``ClaimReview`` node of a document becomes a claim with a verdict: a single review,
a list, the ``@graph`` of a page, or the ``<script type="application/ld+json">`` blocks of
an HTML page (:mod:`.jsonld`). What maps where:

==============================================  ============================================
ClaimReview                                     case records
==============================================  ============================================
``claimReviewed``                               the claim's ``text``
``reviewRating.alternateName`` (or ``name``)    ``verdict.rating``: normalised by the words of
                                                ``ratings.yaml``, else by ``ratingValue``
                                                between ``worstRating`` and ``bestRating``;
                                                the words as written in ``original_rating``
``url``, ``datePublished``, ``reviewBody``      ``verdict.url``, ``date``, ``rationale``
``author`` (Organization / Person)              ``verdict.publisher`` / ``reviewed_by``
``itemReviewed.author``                         the claimant: an entity, its kind from its
                                                ``@type`` (``claimreview.yaml``), Wikidata id
                                                from ``sameAs``
``itemReviewed.appearance``                     a source each (URL, title, date, publisher),
                                                with the claim as its evidence quote
``itemReviewed.firstAppearance``                a source, and the claim's ``first_appearance``
==============================================  ============================================

A ClaimReview does not say subject, predicate and object. claimgraph's own exports carry
them (and the evidence quotes, polarity, item, time and quantity) under claimgraph's
namespace (:data:`EXT`), so an export imports back as the same claims. For anyone else's
review the claim is read as *the claimant states something about a topic named after the
claim* — each such guessed field carries a comment in the written YAML for the curator.

Examples
--------
>>> text = '''{"@context": "https://schema.org", "@type": "ClaimReview",
...   "url": "https://example.com/checks/flat-earth", "claimReviewed": "The world is flat",
...   "author": {"@type": "Organization", "name": "Example Checks"},
...   "datePublished": "2016-06-22",
...   "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
...                    "worstRating": 1, "alternateName": "Pants on fire"},
...   "itemReviewed": {"@type": "Claim",
...     "author": {"@type": "Organization", "name": "Square World Society"},
...     "appearance": {"@type": "CreativeWork", "url": "https://example.org/flat"}}}'''
>>> batch = read_claimreviews(text, "review.json")
>>> c = batch.claims[0]
>>> c["text"], c["verdict"]["rating"], c["verdict"]["original_rating"], c["claimant"]
('The world is flat', 'false', 'Pants on fire', 'square-world-society')
>>> c["subject"], c["predicate"], c["evidence"][0]["source"]
('square-world-society', 'states', 'example-org-flat')
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from claimgraph.problemcodes import ProblemCode
from claimgraph.schema.dates import PARTIAL_DATE_PATTERN, check_partial_date
from claimgraph.schema.vocab import Vocabulary, load_vocabulary

from .jsonld import JsonLdDoc, read_jsonld
from .mappings import claimreview_mapping, normalise_rating
from .records import ImportBatch, slug

__all__ = ["EXT", "EXT_KEYS", "read_claimreviews"]

EXT = "https://w3id.org/claimgraph/ns#"
"""claimgraph's namespace: keys under it carry what ClaimReview has no term for."""
EXT_KEYS = {name: EXT + name for name in (
    "subject", "predicate", "object", "item", "polarity", "time", "quantity", "approx",
    "bound", "kind", "quote", "claimantSource")}
_URL = re.compile(r"^https?://\S+$")
_DATE = re.compile(PARTIAL_DATE_PATTERN)
_WIKIDATA = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/(Q[0-9]+)$")
_QUOTE_NOTE = ("the claim as the review words it; not checked against this appearance")


def _local(value: Any) -> str | None:
    """An id given as text, or as ``{"@id": "…/id"}`` (the last path segment)."""
    if isinstance(value, dict):
        value = value.get("@id")
    if not isinstance(value, str) or not value:
        return None
    return value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _date(value: Any) -> str | None:
    """A partial date from an ISO date or date-time (``2020-05-01T10:00Z`` -> 2020-05-01)."""
    if not isinstance(value, str):
        return None
    head = value.strip()[:10]
    if not _DATE.match(head):
        return None
    try:
        return check_partial_date(head)
    except ValueError:
        return None


class _Reader:
    def __init__(self, doc: JsonLdDoc, vocab: Vocabulary) -> None:
        self.doc = doc
        self.vocab = vocab
        self.map = claimreview_mapping()
        self.batch = ImportBatch(doc.file, problems=doc.problems)

    # -- pieces ---------------------------------------------------------------------------
    def names(self, nodes: list[Any]) -> list[str]:
        out = []
        for n in nodes:
            name = n if isinstance(n, str) else (self.doc.text(n, "name")
                                                 or self.doc.text(n, "url"))
            if isinstance(name, str) and name.strip():
                out.append(name.strip())
        return out

    def kind_of(self, node: Any, known: Collection[str], by_type: Mapping[str, str],
                default: str) -> str:
        """A kind: claimgraph's own (our exports say it), else by schema.org @type."""
        own = _local(self.doc.first(node, EXT_KEYS["kind"]))
        if own and own in known:
            return own
        return next((by_type[t] for t in self.doc.types(node) if t in by_type), default)

    def entity(self, node: Any, what: str) -> str | None:
        """An entity from an author / subject / object node (None without a name)."""
        doc = self.doc
        name = node.strip() if isinstance(node, str) else doc.text(node, "name")
        if not name:
            if node is not None:
                doc.problem("warning", ProblemCode.IMPORT_INCOMPLETE, f"{what} without a name: left out",
                            node, "give it a `name`")
            return None
        record: dict[str, Any] = {"name": name, "kind": self.kind_of(
            node, self.vocab.entity_kinds, self.map.author_kinds, self.map.default_author_kind)}
        ids = {}
        for same in doc.values(node, "sameAs"):
            m = _WIKIDATA.match(same) if isinstance(same, str) else None
            if m:
                ids["wikidata"] = m.group(1)
        if ids:
            record["ids"] = ids
        guessed = not doc.values(node, EXT_KEYS["kind"])
        rid = self.batch.add_entity(record, doc.text(node, "identifier"))
        if guessed:
            self.batch.note("entities", rid, "kind", f"from the {what}'s schema.org type "
                            f"{'/'.join(doc.types(node)) or '(none)'}: check it")
        return rid

    def source(self, node: Any) -> str | None:
        doc = self.doc
        url = node if isinstance(node, str) else doc.text(node, "url")
        title = None if isinstance(node, str) else (doc.text(node, "headline")
                                                    or doc.text(node, "name"))
        if url and not _URL.match(url):
            doc.problem("warning", ProblemCode.IMPORT_INCOMPLETE, f"appearance URL {url!r} is not "
                        "http(s): left out", node)
            url = None
        if not url and not title:
            return None
        record: dict[str, Any] = {"title": title or url, "kind": self.kind_of(
            node, self.vocab.source_kinds, self.map.source_kinds, self.map.default_source_kind)}
        if not isinstance(node, str):
            if (d := _date(doc.first(node, "datePublished"))) is not None:
                record["published"] = d
            if publisher := self.names(doc.values(node, "publisher")):
                record["publisher"] = ", ".join(publisher)
            if authors := self.names(doc.values(node, "author")):
                record["authors"] = authors
        if url:
            record["url"] = url
        return self.batch.add_source(
            record, None if isinstance(node, str) else doc.text(node, "identifier"))


    def verdict(self, review: dict[str, Any]) -> dict[str, Any] | None:
        doc = self.doc
        rating = doc.first(review, "reviewRating")
        if not isinstance(rating, dict):
            doc.problem("error", ProblemCode.IMPORT_INCOMPLETE, "a ClaimReview without a reviewRating: "
                        "left out", review, "every ClaimReview needs `reviewRating`")
            return None
        words = doc.text(rating, "alternateName") or doc.text(rating, "name")
        rid = normalise_rating(words, value=_number(doc.first(rating, "ratingValue")),
                               best=_number(doc.first(rating, "bestRating")),
                               worst=_number(doc.first(rating, "worstRating")))
        if rid is None:
            rid = "unproven"
            doc.problem("warning", ProblemCode.RATING_UNKNOWN, f"rating {words!r} is not known: read as "
                        "'unproven' (kept as written in original_rating)", rating,
                        "add the words to `words:` in schema/vocab/ratings.yaml")
        out: dict[str, Any] = {"rating": rid}
        label = self.vocab.ratings[rid].label if rid in self.vocab.ratings else rid
        if words and words.casefold() != label.casefold():
            out["original_rating"] = words
        if body := doc.text(review, "reviewBody"):
            out["rationale"] = body
        people = [a for a in doc.values(review, "author") if "Person" in doc.types(a)]
        orgs = [a for a in doc.values(review, "author") if "Person" not in doc.types(a)]
        if people:
            out["reviewed_by"] = ", ".join(self.names(people))
        publisher = self.names(orgs) or self.names(doc.values(review, "publisher"))
        if publisher:
            out["publisher"] = ", ".join(publisher)
        if (d := _date(doc.first(review, "datePublished"))) is not None:
            out["date"] = d
        url = doc.text(review, "url")
        if url and _URL.match(url):
            out["url"] = url
        return {k: v for k, v in out.items() if v}

    # -- one review -----------------------------------------------------------------------
    def review(self, review: dict[str, Any]) -> None:
        doc, batch = self.doc, self.batch
        item = doc.first(review, "itemReviewed")
        item = item if isinstance(item, dict) else {}
        text = doc.text(review, "claimReviewed") or doc.text(item, "text")
        if not text:
            doc.problem("error", ProblemCode.IMPORT_INCOMPLETE, "a ClaimReview without claimReviewed: "
                        "left out", review, "every ClaimReview needs `claimReviewed`")
            return
        verdict = self.verdict(review)
        if verdict is None:
            return
        ours = any(isinstance(k, str) and k.startswith(EXT) for k in item)
        evidence: list[dict[str, Any]] = []
        appearances = doc.values(item, "appearance")
        first = doc.first(item, "firstAppearance")
        for node in appearances + ([first] if first is not None and not ours else []):
            sid = self.source(node)
            if sid is None or any(e["source"] == sid for e in evidence):
                continue
            quotes = [q for q in doc.values(node, EXT_KEYS["quote"]) if isinstance(q, str) and q]
            for q in quotes or [text]:
                ev: dict[str, Any] = {"source": sid, "quote": q}
                if not quotes:
                    ev["note"] = _QUOTE_NOTE
                evidence.append(ev)
        first_id = self.source(first) if first is not None else None
        said_by = doc.first(item, EXT_KEYS["claimantSource"])
        claimant_source = self.source(said_by) if isinstance(said_by, dict) else None
        authors = doc.values(item, "author")
        evidence_sources = {e["source"] for e in evidence}
        if ours and not claimant_source and any(
                doc.text(a, "identifier") in evidence_sources for a in authors):
            authors = []  # the claimant is the source quoted first (left implicit)
        claimant = None if claimant_source else next(
            (e for a in authors if (e := self.entity(a, "claim's author"))), None)
        record: dict[str, Any] = {"text": text}
        notes: dict[str, str] = {}
        if ours:
            self.own_terms(item, record)
        if "subject" not in record:
            unknown = self.map.unknown_claimant
            record["subject"] = claimant or batch.add_entity(
                {"name": unknown.name, "kind": unknown.kind}, unknown.id)
            notes["subject"] = "guessed: the claimant (a ClaimReview names no subject)"
        if "predicate" not in record:
            record["predicate"] = self.map.default_predicate
            notes["predicate"] = "guessed: a ClaimReview says only that the claim was made"
        if "object" not in record:
            about = doc.first(item, "about")
            name = doc.text(about, "name") if isinstance(about, dict) else None
            topic = name or (text if len(text) <= 80 else text[:79] + "…")
            record["object"] = batch.add_entity(
                {"name": topic, "kind": self.map.topic_kind}, f"topic-{slug(topic, limit=40)}")
            notes["object"] = "guessed: a topic named after the claim"
        record["claimant"] = claimant_source or claimant
        record["verdict"] = verdict
        record["first_appearance"] = first_id
        record["evidence"] = evidence
        if not ours and (d := _date(doc.first(item, "datePublished"))):
            record["note"] = f"the claim was made on {d} (ClaimReview itemReviewed.datePublished)"
        record = {k: v for k, v in record.items() if v not in (None, [], {})}
        rid = batch.add_claim(record, doc.text(item, "identifier"), text)
        for name, note in notes.items():
            batch.note("claims", rid, name, note)

    def own_terms(self, item: dict[str, Any], record: dict[str, Any]) -> None:
        """The claim's structure as claimgraph's export wrote it (:data:`EXT`)."""
        doc = self.doc
        for role in ("subject", "object", "item"):
            node = doc.first(item, EXT_KEYS[role])
            if isinstance(node, dict) and (eid := self.entity(node, role)):
                record[role] = eid
        predicate = _local(doc.first(item, EXT_KEYS["predicate"]))
        if predicate:
            record["predicate"] = predicate
        for name in ("polarity", "time"):
            value = doc.text(item, EXT_KEYS[name])
            if value:
                record[name] = value
        q = doc.first(item, EXT_KEYS["quantity"])
        if isinstance(q, dict):
            value = doc.first(q, "value")
            quantity = {"value": value if isinstance(value, int | float) else _number(value),
                        "unit": doc.text(q, "unitText"),
                        "approx": doc.first(q, EXT_KEYS["approx"]) is True,
                        "bound": doc.text(q, EXT_KEYS["bound"])}
            record["quantity"] = {k: v for k, v in quantity.items() if v not in (None, False)}


def read_claimreviews(text: str, file: str, vocab: Vocabulary | None = None) -> ImportBatch:
    """Every ClaimReview of a JSON-LD document or an HTML page, as case records."""
    doc = read_jsonld(text, file)
    reader = _Reader(doc, vocab or load_vocabulary())
    reviews = doc.nodes_of_type("ClaimReview")
    if not reviews and not any(p.severity == "error" for p in doc.problems):
        doc.problem("error", ProblemCode.NO_CLAIMREVIEW, "the file holds no ClaimReview", None,
                    "give a file with schema.org ClaimReview markup (JSON-LD)")
    if any(p.severity == "error" and p.code != ProblemCode.IMPORT_INCOMPLETE for p in doc.problems):
        return reader.batch
    for review in reviews:
        reader.review(review)
    return reader.batch
