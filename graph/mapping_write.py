"""The N-Quads writer behind :func:`claimgraph.graph.mapping.case_to_nquads`.

One method per record type; every line is an f-string of terms written once
(:class:`~claimgraph.graph.rdfterms.Terms` with ``nquads=True``), so the per-quad cost is
one string format and one list append. The RDF scheme is described in
:mod:`claimgraph.graph.mapping`.

Examples
--------
>>> date_literal("2025")
'"2025"^^<http://www.w3.org/2001/XMLSchema#gYear>'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from claimgraph.errors import VocabularyError
from claimgraph.schema.dates import time_bounds
from claimgraph.schema.models import Case, Claim, Entity, Source
from claimgraph.schema.vocab import Vocabulary, load_vocabulary
from claimgraph.sources.anchoring import Anchor
from claimgraph.sources.documents import SourceText

from . import iris
from .namespace import CG, CITO, DCTERMS, OA, OWL, PROV, RDF, SCHEMA, SKOS, expand_curie
from .nquads import XSD_DATE, escape_string, iri, lit, lit_int
from .rdfterms import Terms

__all__ = ["CaseWriter", "date_literal"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE_TYPES = {4: f"<{_XSD}gYear>", 7: f"<{_XSD}gYearMonth>", 10: f"<{_XSD}date>"}
_ANYURI = f"<{_XSD}anyURI>"
_NIL = f"<{RDF.nil}>"


_cg = Terms(CG, nquads=True)
_rdf = Terms(RDF, nquads=True)
_dct = Terms(DCTERMS, nquads=True)
_sdo = Terms(SCHEMA, nquads=True)
_skos = Terms(SKOS, nquads=True)
_owl = Terms(OWL, nquads=True)
_cito = Terms(CITO, nquads=True)
_prov = Terms(PROV, nquads=True)
_oa = Terms(OA, nquads=True)


def date_literal(value: str) -> str:
    """A partial date as an N-Quads literal typed xsd:gYear, xsd:gYearMonth or xsd:date.

    >>> date_literal("2025-04")
    '"2025-04"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    return f'"{value}"^^{_DATE_TYPES[len(value)]}'


def _s(value: str) -> str:
    return f'"{escape_string(value)}"'


class CaseWriter:
    """Writes one case's quads into ``out`` (a list of N-Quads lines); see :meth:`write`."""

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
            self.add(node, _rdf.first, items[i])
            self.add(node, _rdf.rest, nodes[i + 1] if i + 1 < len(nodes) else _NIL)

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
        add(s, _rdf.type, _cg.Case)
        add(s, _dct.identifier, _s(meta.id))
        add(s, _dct.title, _s(meta.title))
        if meta.description is not None:
            add(s, _dct.description, _s(meta.description))
        if meta.license is not None:
            add(s, _dct.license, _s(meta.license))
        if meta.language is not None:
            add(s, _dct.language, _s(meta.language))
        for name in meta.curators:
            add(s, _dct.contributor, _s(name))
        self.add_list(s, _cg.curatorList, s[:-1] + "/curators>",
                      [_s(n) for n in meta.curators], empty_nil=False)
        for i, u in enumerate(meta.unclaimed):
            node = s[:-1] + f"/unclaimed/{i}>"
            add(s, _cg.unclaimed, node)
            add(node, _rdf.type, _cg.UnclaimedPassage)
            add(node, _cg.position, lit_int(i))
            add(node, _prov.wasQuotedFrom, self.record("source", u.source))
            add(node, _sdo.text, _s(u.text))
            add(node, _cg.reason, _s(u.reason))
        self.write_extension(s)

    def write_extension(self, case_node: str) -> None:
        add = self.add
        ext = self.case.meta.vocabulary
        for i, k in enumerate(ext.entity_kinds):
            c = self.concept("kind", k.id)
            add(case_node, _cg.declaresKind, c)
            add(c, _rdf.type, _cg.EntityKind)
            add(c, _rdf.type, _skos.Concept)
            add(c, _skos.inScheme, iri(iris.scheme_iri("kind", self.cid)))
            add(c, _cg.position, lit_int(i))
            add(c, _dct.identifier, _s(k.id))
            add(c, _skos.prefLabel, _s(k.label))
            if k.parent is not None:
                add(c, _skos.broader, self.concept("kind", k.parent))
            add(c, _cg.abstract, lit(k.abstract))
            if k.description is not None:
                add(c, _skos.definition, _s(k.description))
            self.add_list(c, _cg.rdfTypes, c[:-1] + "/rdf-types>",
                          [_s(t) for t in k.rdf_types], empty_nil=True)
            add(c, _cg.color, _s(k.style.color))
            add(c, _cg.shape, _s(k.style.shape))
        for i, p in enumerate(ext.predicates):
            c = self.concept("predicate", p.id)
            add(case_node, _cg.declaresPredicate, c)
            add(c, _rdf.type, _cg.Predicate)
            add(c, _rdf.type, _skos.Concept)
            add(c, _skos.inScheme, iri(iris.scheme_iri("predicate", self.cid)))
            add(c, _cg.position, lit_int(i))
            add(c, _dct.identifier, _s(p.id))
            add(c, _skos.prefLabel, _s(p.label))
            add(c, _cg.inverseLabel, _s(p.inverse_label))
            if p.description is not None:
                add(c, _skos.definition, _s(p.description))
            self.add_list(c, _cg.subjectKinds, c[:-1] + "/subject-kinds>",
                          [_s(t) for t in p.subject_kinds], empty_nil=True)
            self.add_list(c, _cg.objectKinds, c[:-1] + "/object-kinds>",
                          [_s(t) for t in p.object_kinds], empty_nil=True)
            add(c, _cg.symmetric, lit(p.symmetric))
            add(c, _cg.color, _s(p.style.color))

    def write_entity(self, e: Entity) -> None:
        add = self.add
        s = self.entity(e.id)
        add(s, _rdf.type, _cg.Entity)
        for t in self.kind_types(e.kind):
            add(s, _rdf.type, t)
        add(s, _dct.identifier, _s(e.id))
        add(s, _sdo.name, _s(e.name))
        add(s, _cg.kind, self.concept("kind", e.kind))
        for a in e.aliases:
            if isinstance(a, str):
                add(s, _skos.altLabel, _s(a))
            else:
                add(s, _skos.altLabel, lit(a.text, lang=a.lang))
        if e.description is not None:
            add(s, _dct.description, _s(e.description))
        for p in e.part_of:
            add(s, _dct.isPartOf, self.entity(p))
        if e.country is not None:
            add(s, _cg.country, self.entity(e.country))
        for key in sorted(e.ids):
            node = s[:-1] + f"/ids/{iris.segment(key)}>"
            add(s, _sdo.identifier, node)
            add(node, _rdf.type, _sdo.PropertyValue)
            add(node, _sdo.propertyID, _s(key))
            add(node, _sdo.value, _s(e.ids[key]))
        for other in e.same_as:
            add(s, _owl.sameAs, self.entity(other))
        if e.note is not None:
            add(s, _skos.note, _s(e.note))

    def write_source(self, src: Source) -> None:
        add = self.add
        s = self.record("source", src.id)
        add(s, _rdf.type, _cg.Source)
        for t in self.kind_types(src.kind, sources=True):
            add(s, _rdf.type, t)
        add(s, _dct.identifier, _s(src.id))
        add(s, _sdo.name, _s(src.title))
        add(s, _cg.sourceKind, self.concept("source-kind", src.kind))
        if src.publisher is not None:
            add(s, _sdo.publisher, _s(src.publisher))
        for a in src.authors:
            add(s, _sdo.author, _s(a))
        self.add_list(s, _cg.authorList, s[:-1] + "/authors>",
                      [_s(a) for a in src.authors], empty_nil=False)
        if src.published is not None:
            add(s, _sdo.datePublished, date_literal(src.published))
        if src.accessed is not None:
            add(s, _cg.dateAccessed, date_literal(src.accessed))
        if src.url is not None:
            add(s, _sdo.url, f'"{escape_string(src.url)}"^^{_ANYURI}')
        if src.language is not None:
            add(s, _dct.language, _s(src.language))
        if src.reliability is not None:
            add(s, _cg.reliability, self.concept("reliability", src.reliability))
        if src.text is not None:
            add(s, _cg.textPath, _s(src.text))
        if src.sha256 is not None:
            add(s, _cg.recordedSha256, _s(src.sha256))
        for other in src.cites:
            add(s, _cito.cites, self.record("source", other))
        if src.description is not None:
            add(s, _dct.description, _s(src.description))
        if src.note is not None:
            add(s, _skos.note, _s(src.note))
        doc = self.texts.get(src.id)
        if doc is not None:
            add(s, _sdo.text, _s(doc.text))
            add(s, _cg.sha256, _s(doc.sha256))
            add(s, _sdo.encodingFormat, _s(doc.media_type))
            if doc.page_starts:
                add(s, _cg.pageStarts, _s(" ".join(map(str, doc.page_starts))))

    def write_claim(self, c: Claim) -> None:
        out = self.out
        g = self.g
        s = self.record("claim", c.id)
        out.append(f"{s} {_rdf.type} {_cg.Claim}{g}")
        out.append(f"{s} {_rdf.type} {_sdo.Claim}{g}")
        out.append(f"{s} {_dct.identifier} {_s(c.id)}{g}")
        out.append(f"{s} {_sdo.text} {_s(c.text)}{g}")
        out.append(f"{s} {_cg.subject} {self.entity(c.subject)}{g}")
        out.append(f"{s} {_cg.predicate} {self.concept('predicate', c.predicate)}{g}")
        out.append(f"{s} {_cg.object} {self.entity(c.object)}{g}")
        out.append(f'{s} {_cg.polarity} "{c.polarity}"{g}')
        if c.item is not None:
            out.append(f"{s} {_cg.item} {self.entity(c.item)}{g}")
        if c.quantity is not None:
            q = c.quantity
            node = s[:-1] + "/quantity>"
            out.append(f"{s} {_cg.quantity} {node}{g}")
            out.append(f"{node} {_rdf.type} {_sdo.QuantitativeValue}{g}")
            out.append(f"{node} {_sdo.value} {lit(q.value)}{g}")
            out.append(f"{node} {_sdo.unitText} {_s(q.unit)}{g}")
            out.append(f"{node} {_cg.approximate} {lit(q.approx)}{g}")
            if q.bound is not None:
                out.append(f'{node} {_cg.bound} "{q.bound}"{g}')
        if c.time is not None:
            out.append(f"{s} {_cg.time} {_s(c.time)}{g}")
            lo, hi = time_bounds(c.time)
            if lo != date.min:
                out.append(f'{s} {_cg.timeStart} "{lo.isoformat()}"^^{XSD_DATE}{g}')
            if hi != date.max:
                out.append(f'{s} {_cg.timeEnd} "{hi.isoformat()}"^^{XSD_DATE}{g}')
        if c.place is not None:
            out.append(f"{s} {_cg.place} {self.entity(c.place)}{g}")
        for v in c.via:
            out.append(f"{s} {_cg.via} {self.entity(v)}{g}")
        claimant = c.effective_claimant()
        if claimant is not None:
            out.append(f"{s} {_prov.wasAttributedTo} {self.agent(claimant)}{g}")
            if c.claimant is None:
                out.append(f"{s} {_cg.claimantInferred} {lit(True)}{g}")
        if c.confidence is not None:
            out.append(f"{s} {_cg.confidence} {self.concept('likelihood', c.confidence)}{g}")
        for m in c.motives:
            out.append(f"{s} {_cg.motive} {self.entity(m)}{g}")
        for other in c.supports:
            out.append(f"{s} {_cg.supportsClaim} {self.record('claim', other)}{g}")
        for other in c.contradicts:
            out.append(f"{s} {_cg.contradictsClaim} {self.record('claim', other)}{g}")
        if c.verdict is not None:
            self.write_verdict(s, c)
        for i in range(len(c.evidence)):
            self.write_evidence(s, c, i)
        if c.note is not None:
            out.append(f"{s} {_skos.note} {_s(c.note)}{g}")

    def write_verdict(self, s: str, c: Claim) -> None:
        v = c.verdict
        assert v is not None
        add = self.add
        node = s[:-1] + "/verdict>"
        add(s, _cg.verdict, node)
        add(node, _rdf.type, _sdo.ClaimReview)
        add(node, _sdo.itemReviewed, s)
        add(node, _cg.rating, self.concept("rating", v.rating))
        if v.rationale is not None:
            add(node, _sdo.reviewBody, _s(v.rationale))
        if v.reviewed_by is not None:
            add(node, _sdo.author, _s(v.reviewed_by))
        if v.date is not None:
            add(node, _sdo.datePublished, date_literal(v.date))
        if v.publisher is not None:
            add(node, _sdo.publisher, _s(v.publisher))
        if v.url is not None:
            add(node, _sdo.url, f'"{escape_string(v.url)}"^^{_ANYURI}')
        if v.original_rating is not None:
            rating = s[:-1] + "/verdict/rating>"
            add(node, _sdo.reviewRating, rating)
            add(rating, _rdf.type, _sdo.Rating)
            add(rating, _sdo.alternateName, _s(v.original_rating))
        if v.first_appearance is not None:
            add(s, _sdo.firstAppearance, self.record("source", v.first_appearance))

    def write_evidence(self, s: str, c: Claim, i: int) -> None:
        ev = c.evidence[i]
        out = self.out
        g = self.g
        e = f"{s[:-1]}/evidence/{i}>"
        src = self.record("source", ev.source)
        out.append(f"{s} {_cg.evidence} {e}{g}")
        out.append(f"{e} {_rdf.type} {_cg.Evidence}{g}")
        out.append(f"{e} {_cg.position} {lit_int(i)}{g}")
        out.append(f'{e} {_cg.relation} "{ev.relation}"{g}')
        out.append(f"{e} {_cg.quote} {_s(ev.quote)}{g}")
        out.append(f"{e} {_prov.wasQuotedFrom} {src}{g}")
        if ev.page is not None:
            out.append(f"{e} {_cg.page} {lit_int(ev.page)}{g}")
        if ev.occurrence is not None:
            out.append(f"{e} {_cg.occurrence} {lit_int(ev.occurrence)}{g}")
        if ev.note is not None:
            out.append(f"{e} {_skos.note} {_s(ev.note)}{g}")
        a = self.anchors.get((c.id, i))
        if a is None:
            return
        out.append(f'{e} {_cg.anchorStatus} "{a.status}"{g}')
        if a.start is None or a.end is None:
            return
        t = e[:-1] + "/target>"
        tq = e[:-1] + "/target/quote>"
        tp = e[:-1] + "/target/position>"
        out.append(f"{e} {_oa.hasTarget} {t}{g}")
        out.append(f"{t} {_rdf.type} {_oa.SpecificResource}{g}")
        out.append(f"{t} {_oa.hasSource} {src}{g}")
        out.append(f"{t} {_oa.hasSelector} {tq}{g}")
        out.append(f"{t} {_oa.hasSelector} {tp}{g}")
        out.append(f"{tq} {_rdf.type} {_oa.TextQuoteSelector}{g}")
        out.append(f"{tq} {_oa.exact} {_s(a.exact or '')}{g}")
        out.append(f"{tq} {_oa.prefix} {_s(a.prefix or '')}{g}")
        out.append(f"{tq} {_oa.suffix} {_s(a.suffix or '')}{g}")
        out.append(f"{tp} {_rdf.type} {_oa.TextPositionSelector}{g}")
        out.append(f"{tp} {_oa.start} {lit_int(a.start)}{g}")
        out.append(f"{tp} {_oa.end} {lit_int(a.end)}{g}")


def _vocabulary(case: Case) -> Vocabulary:
    base = load_vocabulary()
    try:
        return base.extend(case.meta.vocabulary)
    except VocabularyError:  # reported by validation; map what we can
        return base


