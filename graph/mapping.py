"""Map a case to RDF (N-Quads text) and back, losslessly.

A claim is a node (n-ary), never a bare triple: ``cg:subject`` / ``cg:predicate`` /
``cg:object`` plus qualifiers, polarity, claimant (``prov:wasAttributedTo``) and ordered
evidence nodes (``cg:evidence``, ``cg:position``). Evidence is an ``oa:Annotation`` quoted
from its source (``prov:wasQuotedFrom``); when the quote was anchored, its target is an
``oa:SpecificResource`` on the source with a ``oa:TextQuoteSelector`` (exact, prefix, suffix)
and a ``oa:TextPositionSelector`` (start, end). Vocabulary values (kinds, predicates, source
kinds, grades, likelihood terms, ratings) are SKOS concept IRIs (see
:mod:`claimgraph.graph.iris`); a source's stored text is kept as ``schema:text`` with its
``cg:sha256`` and media type. The whole scheme is written up in ``schema/claimgraph.ttl``
(generated) and checked by ``schema/shapes.ttl``.

:func:`case_to_nquads` writes N-Quads strings directly (no rdflib objects: PERF-NOTES);
:func:`quads_to_case` (in :mod:`claimgraph.graph.mapping_read`) reads them back into
models equal to ``case.canonical()``.

Examples
--------
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({
...     "meta": {"id": "demo", "title": "Demo"},
...     "entities": [{"id": "cn", "name": "China", "kind": "state"},
...                  {"id": "ru", "name": "Russia", "kind": "state"}],
...     "sources": [{"id": "art", "title": "Article", "kind": "analysis"}],
...     "claims": [{"id": "c1", "text": "China supplies Russia.", "subject": "cn",
...                 "predicate": "supplies", "object": "ru", "time": "2023",
...                 "evidence": [{"source": "art", "quote": "China supplies"}]}]})
>>> text = case_to_nquads(case)
>>> print([line for line in text.splitlines() if "#predicate>" in line][0])
<https://w3id.org/claimgraph/case/demo/claim/c1> <https://w3id.org/claimgraph/ns#predicate> <https://w3id.org/claimgraph/vocab/predicate/supplies> <https://w3id.org/claimgraph/case/demo/graph/data> .
>>> quads_to_case(parse_nquads(text)) == case.canonical()
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from claimgraph.schema.dates import time_bounds
from claimgraph.schema.errors import VocabularyError
from claimgraph.schema.models import Case, Claim, Entity, Source
from claimgraph.schema.vocab import Vocabulary, load_vocabulary
from claimgraph.sources.anchoring import Anchor
from claimgraph.sources.documents import SourceText

from . import iris
from .mapping_read import CaseGraph, parse_nquads, quads_to_case
from .namespace import CG, CITO, DCTERMS, OA, OWL, PROV, RDF, SCHEMA, SKOS, expand_curie
from .nquads import XSD_DATE, escape_string, iri, lit, lit_int

__all__ = [
    "CaseGraph",
    "case_to_nquads",
    "date_literal",
    "parse_nquads",
    "quads_to_case",
]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE_TYPES = {4: f"<{_XSD}gYear>", 7: f"<{_XSD}gYearMonth>", 10: f"<{_XSD}date>"}
_ANYURI = f"<{_XSD}anyURI>"
_NIL = iri(str(RDF.nil))


class _P:
    """Predicate and class terms, written once as N-Quads strings."""

    type = iri(str(RDF.type))
    first = iri(str(RDF.first))
    rest = iri(str(RDF.rest))
    identifier = iri(str(DCTERMS.identifier))
    title = iri(str(DCTERMS.title))
    description = iri(str(DCTERMS.description))
    license = iri(str(DCTERMS.license))
    language = iri(str(DCTERMS.language))
    contributor = iri(str(DCTERMS.contributor))
    is_part_of = iri(str(DCTERMS.isPartOf))
    name = iri(str(SCHEMA.name))
    text = iri(str(SCHEMA.text))
    author = iri(str(SCHEMA.author))
    publisher = iri(str(SCHEMA.publisher))
    date_published = iri(str(SCHEMA.datePublished))
    url = iri(str(SCHEMA.url))
    encoding_format = iri(str(SCHEMA.encodingFormat))
    identifier_s = iri(str(SCHEMA.identifier))
    property_id = iri(str(SCHEMA.propertyID))
    value = iri(str(SCHEMA.value))
    unit_text = iri(str(SCHEMA.unitText))
    item_reviewed = iri(str(SCHEMA.itemReviewed))
    review_body = iri(str(SCHEMA.reviewBody))
    alt_label = iri(str(SKOS.altLabel))
    pref_label = iri(str(SKOS.prefLabel))
    definition = iri(str(SKOS.definition))
    broader = iri(str(SKOS.broader))
    in_scheme = iri(str(SKOS.inScheme))
    note = iri(str(SKOS.note))
    same_as = iri(str(OWL.sameAs))
    cites = iri(str(CITO.cites))
    attributed_to = iri(str(PROV.wasAttributedTo))
    quoted_from = iri(str(PROV.wasQuotedFrom))
    has_target = iri(str(OA.hasTarget))
    has_source = iri(str(OA.hasSource))
    has_selector = iri(str(OA.hasSelector))
    exact = iri(str(OA.exact))
    prefix = iri(str(OA.prefix))
    suffix = iri(str(OA.suffix))
    start = iri(str(OA.start))
    end = iri(str(OA.end))
    # classes
    Case = iri(str(CG.Case))
    Entity = iri(str(CG.Entity))
    Source = iri(str(CG.Source))
    Claim = iri(str(CG.Claim))
    SchemaClaim = iri(str(SCHEMA.Claim))
    Evidence = iri(str(CG.Evidence))
    Unclaimed = iri(str(CG.UnclaimedPassage))
    ClaimReview = iri(str(SCHEMA.ClaimReview))
    QuantitativeValue = iri(str(SCHEMA.QuantitativeValue))
    PropertyValue = iri(str(SCHEMA.PropertyValue))
    SpecificResource = iri(str(OA.SpecificResource))
    TextQuoteSelector = iri(str(OA.TextQuoteSelector))
    TextPositionSelector = iri(str(OA.TextPositionSelector))
    Concept = iri(str(SKOS.Concept))
    EntityKind = iri(str(CG.EntityKind))
    Predicate = iri(str(CG.Predicate))


def _cg(name: str) -> str:
    return iri(str(getattr(CG, name)))


_CG = {name: _cg(name) for name in (
    "subject", "predicate", "object", "item", "quantity", "approximate", "bound", "time",
    "timeStart", "timeEnd", "place", "via", "polarity", "claimantInferred", "confidence",
    "motive", "supportsClaim", "contradictsClaim", "verdict", "rating", "evidence",
    "position", "relation", "quote", "page", "occurrence", "anchorStatus", "kind", "country",
    "sourceKind", "reliability", "authorList", "dateAccessed", "textPath", "sha256",
    "recordedSha256", "pageStarts", "curatorList", "unclaimed", "reason", "declaresKind",
    "declaresPredicate", "inverseLabel", "subjectKinds", "objectKinds", "symmetric",
    "abstract", "rdfTypes", "color", "shape",
)}


def date_literal(value: str) -> str:
    """A partial date as an N-Quads literal typed xsd:gYear, xsd:gYearMonth or xsd:date.

    >>> date_literal("2025-04")
    '"2025-04"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    return f'"{value}"^^{_DATE_TYPES[len(value)]}'


def _s(value: str) -> str:
    return f'"{escape_string(value)}"'


class _Writer:
    """Writes one case's quads into ``out`` (a list of N-Quads lines)."""

    def __init__(self, case: Case, texts: Mapping[str, SourceText],
                 anchors: Mapping[tuple[str, int], Anchor], graph: str) -> None:
        self.case = case
        self.cid = case.meta.id
        self.texts = texts
        self.anchors = anchors
        self.g = f" {iri(graph)} .\n"
        self.out: list[str] = []
        ext = case.meta.vocabulary
        self.ext_kinds = {k.id for k in ext.entity_kinds}
        self.ext_predicates = {p.id for p in ext.predicates}
        self.source_ids = {s.id for s in case.sources}
        self.vocab = _vocabulary(case)
        self._concepts: dict[tuple[str, str], str] = {}
        self._records: dict[tuple[str, str], str] = {}
        self._types: dict[str, list[str]] = {}

    # -- terms ----------------------------------------------------------------------------
    def concept(self, scheme: str, cid: str) -> str:
        key = (scheme, cid)
        term = self._concepts.get(key)
        if term is None:
            own = (scheme == "kind" and cid in self.ext_kinds) or (
                scheme == "predicate" and cid in self.ext_predicates)
            term = iri(iris.concept_iri(scheme, cid, self.cid if own else None))
            self._concepts[key] = term
        return term

    def record(self, kind: str, rid: str) -> str:
        key = (kind, rid)
        term = self._records.get(key)
        if term is None:
            term = f"<{iris.record_iri(self.cid, kind, rid)}>"
            self._records[key] = term
        return term

    def entity(self, rid: str) -> str:
        return self.record("entity", rid)

    def agent(self, rid: str) -> str:
        """An entity or a source (a claimant may be either)."""
        return self.record("source" if rid in self.source_ids else "entity", rid)

    def kind_types(self, kind: str, sources: bool = False) -> list[str]:
        """Standard classes for a kind (and its ancestors), from the vocabulary data."""
        key = ("S:" if sources else "E:") + kind
        if key not in self._types:
            curies: list[str] = []
            if sources:
                sk = self.vocab.source_kinds.get(kind)
                curies = list(sk.rdf_types) if sk else []
            else:
                cur = self.vocab.entity_kinds.get(kind)
                seen: set[str] = set()
                while cur is not None and cur.id not in seen:
                    seen.add(cur.id)
                    curies.extend(cur.rdf_types)
                    cur = self.vocab.entity_kinds.get(cur.parent) if cur.parent else None
            full = (expand_curie(c) for c in curies)
            self._types[key] = sorted({iri(f) for f in full if f})
        return self._types[key]

    # -- helpers --------------------------------------------------------------------------
    def add(self, s: str, p: str, o: str) -> None:
        self.out.append(f"{s} {p} {o}{self.g}")

    def add_list(self, s: str, p: str, head: str, items: list[str], empty_nil: bool) -> None:
        """An rdf:List of ``items`` (terms) under nodes ``head/0``, ``head/1`` ..."""
        if not items:
            if empty_nil:
                self.add(s, p, _NIL)
            return
        base = head[:-1]
        nodes = [f"{base}/{i}>" for i in range(len(items))]
        self.add(s, p, nodes[0])
        for i, node in enumerate(nodes):
            self.add(node, _P.first, items[i])
            self.add(node, _P.rest, nodes[i + 1] if i + 1 < len(nodes) else _NIL)

    # -- records --------------------------------------------------------------------------
    def write(self) -> list[str]:
        self.write_case()
        for e in self.case.entities:
            self.write_entity(e)
        for s in self.case.sources:
            self.write_source(s)
        for c in self.case.claims:
            self.write_claim(c)
        return self.out

    def write_case(self) -> None:
        meta = self.case.meta
        add = self.add
        s = iri(iris.case_iri(meta.id))
        add(s, _P.type, _P.Case)
        add(s, _P.identifier, _s(meta.id))
        add(s, _P.title, _s(meta.title))
        if meta.description is not None:
            add(s, _P.description, _s(meta.description))
        if meta.license is not None:
            add(s, _P.license, _s(meta.license))
        if meta.language is not None:
            add(s, _P.language, _s(meta.language))
        for name in meta.curators:
            add(s, _P.contributor, _s(name))
        self.add_list(s, _CG["curatorList"], s[:-1] + "/curators>",
                      [_s(n) for n in meta.curators], empty_nil=False)
        for i, u in enumerate(meta.unclaimed):
            node = s[:-1] + f"/unclaimed/{i}>"
            add(s, _CG["unclaimed"], node)
            add(node, _P.type, _P.Unclaimed)
            add(node, _CG["position"], lit_int(i))
            add(node, _P.quoted_from, self.record("source", u.source))
            add(node, _P.text, _s(u.text))
            add(node, _CG["reason"], _s(u.reason))
        self.write_extension(s)

    def write_extension(self, case_node: str) -> None:
        add = self.add
        ext = self.case.meta.vocabulary
        for i, k in enumerate(ext.entity_kinds):
            c = self.concept("kind", k.id)
            add(case_node, _CG["declaresKind"], c)
            add(c, _P.type, _P.EntityKind)
            add(c, _P.type, _P.Concept)
            add(c, _P.in_scheme, iri(iris.scheme_iri("kind", self.cid)))
            add(c, _CG["position"], lit_int(i))
            add(c, _P.identifier, _s(k.id))
            add(c, _P.pref_label, _s(k.label))
            if k.parent is not None:
                add(c, _P.broader, self.concept("kind", k.parent))
            add(c, _CG["abstract"], lit(k.abstract))
            if k.description is not None:
                add(c, _P.definition, _s(k.description))
            self.add_list(c, _CG["rdfTypes"], c[:-1] + "/rdf-types>",
                          [_s(t) for t in k.rdf_types], empty_nil=True)
            add(c, _CG["color"], _s(k.style.color))
            add(c, _CG["shape"], _s(k.style.shape))
        for i, p in enumerate(ext.predicates):
            c = self.concept("predicate", p.id)
            add(case_node, _CG["declaresPredicate"], c)
            add(c, _P.type, _P.Predicate)
            add(c, _P.type, _P.Concept)
            add(c, _P.in_scheme, iri(iris.scheme_iri("predicate", self.cid)))
            add(c, _CG["position"], lit_int(i))
            add(c, _P.identifier, _s(p.id))
            add(c, _P.pref_label, _s(p.label))
            add(c, _CG["inverseLabel"], _s(p.inverse_label))
            if p.description is not None:
                add(c, _P.definition, _s(p.description))
            self.add_list(c, _CG["subjectKinds"], c[:-1] + "/subject-kinds>",
                          [_s(t) for t in p.subject_kinds], empty_nil=True)
            self.add_list(c, _CG["objectKinds"], c[:-1] + "/object-kinds>",
                          [_s(t) for t in p.object_kinds], empty_nil=True)
            add(c, _CG["symmetric"], lit(p.symmetric))
            add(c, _CG["color"], _s(p.style.color))

    def write_entity(self, e: Entity) -> None:
        add = self.add
        s = self.entity(e.id)
        add(s, _P.type, _P.Entity)
        for t in self.kind_types(e.kind):
            add(s, _P.type, t)
        add(s, _P.identifier, _s(e.id))
        add(s, _P.name, _s(e.name))
        add(s, _CG["kind"], self.concept("kind", e.kind))
        for a in e.aliases:
            if isinstance(a, str):
                add(s, _P.alt_label, _s(a))
            else:
                add(s, _P.alt_label, lit(a.text, lang=a.lang))
        if e.description is not None:
            add(s, _P.description, _s(e.description))
        for p in e.part_of:
            add(s, _P.is_part_of, self.entity(p))
        if e.country is not None:
            add(s, _CG["country"], self.entity(e.country))
        for key in sorted(e.ids):
            node = s[:-1] + f"/ids/{iris.segment(key)}>"
            add(s, _P.identifier_s, node)
            add(node, _P.type, _P.PropertyValue)
            add(node, _P.property_id, _s(key))
            add(node, _P.value, _s(e.ids[key]))
        for other in e.same_as:
            add(s, _P.same_as, self.entity(other))
        if e.note is not None:
            add(s, _P.note, _s(e.note))

    def write_source(self, src: Source) -> None:
        add = self.add
        s = self.record("source", src.id)
        add(s, _P.type, _P.Source)
        for t in self.kind_types(src.kind, sources=True):
            add(s, _P.type, t)
        add(s, _P.identifier, _s(src.id))
        add(s, _P.name, _s(src.title))
        add(s, _CG["sourceKind"], self.concept("source-kind", src.kind))
        if src.publisher is not None:
            add(s, _P.publisher, _s(src.publisher))
        for a in src.authors:
            add(s, _P.author, _s(a))
        self.add_list(s, _CG["authorList"], s[:-1] + "/authors>",
                      [_s(a) for a in src.authors], empty_nil=False)
        if src.published is not None:
            add(s, _P.date_published, date_literal(src.published))
        if src.accessed is not None:
            add(s, _CG["dateAccessed"], date_literal(src.accessed))
        if src.url is not None:
            add(s, _P.url, f'"{escape_string(src.url)}"^^{_ANYURI}')
        if src.language is not None:
            add(s, _P.language, _s(src.language))
        if src.reliability is not None:
            add(s, _CG["reliability"], self.concept("reliability", src.reliability))
        if src.text is not None:
            add(s, _CG["textPath"], _s(src.text))
        if src.sha256 is not None:
            add(s, _CG["recordedSha256"], _s(src.sha256))
        for other in src.cites:
            add(s, _P.cites, self.record("source", other))
        if src.description is not None:
            add(s, _P.description, _s(src.description))
        if src.note is not None:
            add(s, _P.note, _s(src.note))
        doc = self.texts.get(src.id)
        if doc is not None:
            add(s, _P.text, _s(doc.text))
            add(s, _CG["sha256"], _s(doc.sha256))
            add(s, _P.encoding_format, _s(doc.media_type))
            if doc.page_starts:
                add(s, _CG["pageStarts"], _s(" ".join(map(str, doc.page_starts))))

    def write_claim(self, c: Claim) -> None:
        out = self.out
        g = self.g
        s = self.record("claim", c.id)
        out.append(f"{s} {_P.type} {_P.Claim}{g}")
        out.append(f"{s} {_P.type} {_P.SchemaClaim}{g}")
        out.append(f"{s} {_P.identifier} {_s(c.id)}{g}")
        out.append(f"{s} {_P.text} {_s(c.text)}{g}")
        out.append(f"{s} {_CG['subject']} {self.entity(c.subject)}{g}")
        out.append(f"{s} {_CG['predicate']} {self.concept('predicate', c.predicate)}{g}")
        out.append(f"{s} {_CG['object']} {self.entity(c.object)}{g}")
        out.append(f'{s} {_CG["polarity"]} "{c.polarity}"{g}')
        if c.item is not None:
            out.append(f"{s} {_CG['item']} {self.entity(c.item)}{g}")
        if c.quantity is not None:
            q = c.quantity
            node = s[:-1] + "/quantity>"
            out.append(f"{s} {_CG['quantity']} {node}{g}")
            out.append(f"{node} {_P.type} {_P.QuantitativeValue}{g}")
            out.append(f"{node} {_P.value} {lit(q.value)}{g}")
            out.append(f"{node} {_P.unit_text} {_s(q.unit)}{g}")
            out.append(f"{node} {_CG['approximate']} {lit(q.approx)}{g}")
            if q.bound is not None:
                out.append(f'{node} {_CG["bound"]} "{q.bound}"{g}')
        if c.time is not None:
            out.append(f"{s} {_CG['time']} {_s(c.time)}{g}")
            lo, hi = time_bounds(c.time)
            if lo != date.min:
                out.append(f'{s} {_CG["timeStart"]} "{lo.isoformat()}"^^{XSD_DATE}{g}')
            if hi != date.max:
                out.append(f'{s} {_CG["timeEnd"]} "{hi.isoformat()}"^^{XSD_DATE}{g}')
        if c.place is not None:
            out.append(f"{s} {_CG['place']} {self.entity(c.place)}{g}")
        for v in c.via:
            out.append(f"{s} {_CG['via']} {self.entity(v)}{g}")
        claimant = c.effective_claimant()
        if claimant is not None:
            out.append(f"{s} {_P.attributed_to} {self.agent(claimant)}{g}")
            if c.claimant is None:
                out.append(f"{s} {_CG['claimantInferred']} {lit(True)}{g}")
        if c.confidence is not None:
            out.append(f"{s} {_CG['confidence']} {self.concept('likelihood', c.confidence)}{g}")
        for m in c.motives:
            out.append(f"{s} {_CG['motive']} {self.entity(m)}{g}")
        for other in c.supports:
            out.append(f"{s} {_CG['supportsClaim']} {self.record('claim', other)}{g}")
        for other in c.contradicts:
            out.append(f"{s} {_CG['contradictsClaim']} {self.record('claim', other)}{g}")
        if c.verdict is not None:
            self.write_verdict(s, c)
        for i in range(len(c.evidence)):
            self.write_evidence(s, c, i)
        if c.note is not None:
            out.append(f"{s} {_P.note} {_s(c.note)}{g}")

    def write_verdict(self, s: str, c: Claim) -> None:
        v = c.verdict
        assert v is not None
        add = self.add
        node = s[:-1] + "/verdict>"
        add(s, _CG["verdict"], node)
        add(node, _P.type, _P.ClaimReview)
        add(node, _P.item_reviewed, s)
        add(node, _CG["rating"], self.concept("rating", v.rating))
        if v.rationale is not None:
            add(node, _P.review_body, _s(v.rationale))
        if v.reviewed_by is not None:
            add(node, _P.author, _s(v.reviewed_by))
        if v.date is not None:
            add(node, _P.date_published, date_literal(v.date))

    def write_evidence(self, s: str, c: Claim, i: int) -> None:
        ev = c.evidence[i]
        out = self.out
        g = self.g
        e = f"{s[:-1]}/evidence/{i}>"
        src = self.record("source", ev.source)
        out.append(f"{s} {_CG['evidence']} {e}{g}")
        out.append(f"{e} {_P.type} {_P.Evidence}{g}")
        out.append(f"{e} {_CG['position']} {lit_int(i)}{g}")
        out.append(f'{e} {_CG["relation"]} "{ev.relation}"{g}')
        out.append(f"{e} {_CG['quote']} {_s(ev.quote)}{g}")
        out.append(f"{e} {_P.quoted_from} {src}{g}")
        if ev.page is not None:
            out.append(f"{e} {_CG['page']} {lit_int(ev.page)}{g}")
        if ev.occurrence is not None:
            out.append(f"{e} {_CG['occurrence']} {lit_int(ev.occurrence)}{g}")
        if ev.note is not None:
            out.append(f"{e} {_P.note} {_s(ev.note)}{g}")
        a = self.anchors.get((c.id, i))
        if a is None:
            return
        out.append(f'{e} {_CG["anchorStatus"]} "{a.status}"{g}')
        if a.start is None or a.end is None:
            return
        t = e[:-1] + "/target>"
        tq = e[:-1] + "/target/quote>"
        tp = e[:-1] + "/target/position>"
        out.append(f"{e} {_P.has_target} {t}{g}")
        out.append(f"{t} {_P.type} {_P.SpecificResource}{g}")
        out.append(f"{t} {_P.has_source} {src}{g}")
        out.append(f"{t} {_P.has_selector} {tq}{g}")
        out.append(f"{t} {_P.has_selector} {tp}{g}")
        out.append(f"{tq} {_P.type} {_P.TextQuoteSelector}{g}")
        out.append(f"{tq} {_P.exact} {_s(a.exact or '')}{g}")
        out.append(f"{tq} {_P.prefix} {_s(a.prefix or '')}{g}")
        out.append(f"{tq} {_P.suffix} {_s(a.suffix or '')}{g}")
        out.append(f"{tp} {_P.type} {_P.TextPositionSelector}{g}")
        out.append(f"{tp} {_P.start} {lit_int(a.start)}{g}")
        out.append(f"{tp} {_P.end} {lit_int(a.end)}{g}")


def _vocabulary(case: Case) -> Vocabulary:
    base = load_vocabulary()
    try:
        return base.extend(case.meta.vocabulary)
    except VocabularyError:  # reported by validation; map what we can
        return base


def case_quads(case: Case, *, texts: Mapping[str, SourceText] | None = None,
               anchors: Mapping[tuple[str, int], Anchor] | None = None,
               graph: str | None = None) -> Iterator[str]:
    """The N-Quads lines of :func:`case_to_nquads`, one string per quad."""
    case = case.canonical()
    writer = _Writer(case, texts or {}, anchors or {},
                     graph or iris.data_graph(case.meta.id))
    yield from writer.write()


def case_to_nquads(case: Case, *, texts: Mapping[str, SourceText] | None = None,
                   anchors: Mapping[tuple[str, int], Anchor] | None = None,
                   graph: str | None = None) -> str:
    """The case as N-Quads text in named graph ``graph`` (default: its data graph).

    Parameters
    ----------
    case
        The case; records are written sorted by id, so the output is deterministic.
    texts
        Source id -> :class:`SourceText` (``ValidationResult.texts``): stored as
        ``schema:text`` with ``cg:sha256`` and ``schema:encodingFormat``.
    anchors
        ``(claim id, evidence index)`` -> :class:`Anchor` (``ValidationResult.anchors``):
        anchor status and Web Annotation selectors.
    graph
        The graph IRI (a plain string, no angle brackets).
    """
    case = case.canonical()
    writer = _Writer(case, texts or {}, anchors or {},
                     graph or iris.data_graph(case.meta.id))
    return "".join(writer.write())
