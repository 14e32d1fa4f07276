"""Read RDF written by :mod:`claimgraph.graph.mapping` back into case models.

Accepts quads or triples as pyoxigraph objects (``Quad``/``Triple``), tuples of pyoxigraph
or rdflib terms, or tuples of N-Triples term strings (``<iri>``, ``"text"@en``,
``"3"^^<...#integer>``); a plain string that is not N-Triples syntax is read as an IRI. The
graph of a quad is ignored: give the quads of one case's data graph.

Language tags come back in BCP 47 case (``zh-Hant``): RDF stores may lowercase them.

Examples
--------
>>> from claimgraph.graph.mapping import case_to_nquads
>>> from claimgraph.schema.models import Case, bcp47_case
>>> case = Case.model_validate({"meta": {"id": "demo", "title": "Demo", "curators": ["B", "A"]},
...     "entities": [{"id": "bj", "name": "Beijing", "kind": "place",
...                   "aliases": [{"text": "北京", "lang": "zh-Hant"}, "Peking"]}]})
>>> graph = CaseGraph.from_quads(parse_nquads(case_to_nquads(case)))
>>> graph.case_ids()
['demo']
>>> back = graph.case()
>>> back.meta.curators, back.entities[0].aliases
(['B', 'A'], ['Peking', Label(text='北京', lang='zh-Hant')])
>>> back == case.canonical()
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from pydantic import ValidationError

from claimgraph.errors import MappingError
from claimgraph.schema.models import Case, bcp47_case
from claimgraph.sources.anchoring import Anchor
from claimgraph.sources.documents import SourceText

from .iris import local_id
from .namespace import CG as _CG
from .namespace import CITO as _CITO
from .namespace import DCTERMS as _DCTERMS
from .namespace import OA as _OA
from .namespace import OWL as _OWL
from .namespace import PROV as _PROV
from .namespace import RDF as _RDF
from .namespace import SCHEMA as _SCHEMA
from .namespace import SKOS as _SKOS
from .rdfterms import Lit, Term, Terms, parse_nquads, paused_gc, py_value, to_term

__all__ = ["CaseGraph", "Lit", "Term", "parse_nquads", "quads_to_case"]

CG, CITO, DCTERMS, OA, OWL = Terms(_CG), Terms(_CITO), Terms(_DCTERMS), Terms(_OA), Terms(_OWL)
PROV, RDF, SCHEMA, SKOS = Terms(_PROV), Terms(_RDF), Terms(_SCHEMA), Terms(_SKOS)
_TYPE = RDF.type
_FIRST = RDF.first
_REST = RDF.rest
_NIL = RDF.nil


class CaseGraph:
    """The triples of one or more cases, indexed by subject, read back into models."""

    def __init__(self) -> None:
        self.props: dict[str, dict[str, list[Term]]] = {}
        self.by_type: dict[str, list[str]] = {}

    @classmethod
    def from_quads(cls, quads: Iterable[Any]) -> CaseGraph:
        """Index quads or triples (see the module docstring for the accepted forms)."""
        self = cls()
        with paused_gc():
            self._index(quads)
        return self

    def _index(self, quads: Iterable[Any]) -> None:
        props, by_type, named = self.props, self.by_type, ox.NamedNode
        for q in quads:
            ts: Term
            to: Term
            if type(q) is ox.Quad or type(q) is ox.Triple:  # the fast path: native terms
                s, p, o = q.subject, q.predicate, q.object
                ts = s.value if type(s) is named else to_term(s)
                tp = p.value
                to = o.value if type(o) is named else to_term(o)
            else:
                ts, tp_, to = to_term(q[0]), to_term(q[1]), to_term(q[2])
                if not isinstance(tp_, str):
                    raise MappingError(f"a predicate is a literal: {tp_!r}")
                tp = tp_
            if not isinstance(ts, str):
                raise MappingError(f"a subject is a literal: {ts!r}")
            node = props.get(ts)
            if node is None:
                node = props[ts] = {}
            values = node.get(tp)
            if values is None:
                node[tp] = [to]
            else:
                values.append(to)
            if tp == _TYPE and isinstance(to, str):
                by_type.setdefault(to, []).append(ts)

    # -- access helpers -------------------------------------------------------------------
    def all(self, s: str, p: str) -> list[Term]:
        node = self.props.get(s)
        return node.get(p, []) if node is not None else []

    def one(self, s: str, p: str) -> Term | None:
        values = self.all(s, p)
        if not values:
            return None
        return values[0] if len(values) == 1 else min(values, key=repr)

    def value(self, s: str, p: str) -> Any:
        t = self.one(s, p)
        return None if t is None else py_value(t)

    def node(self, s: str, p: str) -> str | None:
        t = self.one(s, p)
        return t if isinstance(t, str) else None

    def ids(self, s: str, p: str) -> list[str]:
        return sorted({local_id(t) for t in self.all(s, p) if isinstance(t, str)})

    def ref(self, s: str, p: str) -> str | None:
        n = self.node(s, p)
        return None if n is None else local_id(n)

    def rdf_list(self, head: str) -> list[Any]:
        out: list[Any] = []
        seen: set[str] = set()
        cur: str | None = head
        while cur is not None and cur != _NIL and cur not in seen:
            seen.add(cur)
            first = self.one(cur, _FIRST)
            if first is not None:
                out.append(py_value(first))
            cur = self.node(cur, _REST)
        return out

    def ordered(self, s: str, p: str, fallback: str | None = None) -> list[Any] | None:
        """Values of an rdf:List property, or of the unordered ``fallback`` sorted."""
        head = self.node(s, p)
        if head is not None:
            return self.rdf_list(head)
        if fallback is not None:
            values = sorted(str(py_value(t)) for t in self.all(s, fallback))
            return values or None
        return None

    def by_position(self, nodes: Iterable[str]) -> list[str]:
        def key(n: str) -> tuple[int, str]:
            pos = self.value(n, CG.position)
            return (pos if isinstance(pos, int) else 1 << 62, n)
        return sorted(nodes, key=key)

    def rid(self, s: str) -> str:
        ident = self.value(s, DCTERMS.identifier)
        return ident if isinstance(ident, str) else local_id(s)

    def typed(self, cls: str) -> list[str]:
        return sorted(set(self.by_type.get(cls, [])))

    # -- records --------------------------------------------------------------------------
    def case_ids(self) -> list[str]:
        """Ids of the case nodes in the graph."""
        return sorted(self.rid(s) for s in self.typed(CG.Case))

    def _case_node(self, case_id: str | None) -> str:
        nodes = self.typed(CG.Case)
        if case_id is not None:
            nodes = [n for n in nodes if self.rid(n) == case_id]
        if len(nodes) != 1:
            what = "no case node" if not nodes else f"{len(nodes)} case nodes"
            raise MappingError(
                f"{what} (a resource of type cg:Case) in the RDF",
                hint="give the quads of exactly one case's data graph, or pass case_id")
        return nodes[0]

    def _meta(self, s: str) -> dict[str, Any]:
        v = self.value
        kinds = [self._kind(k) for k in self.by_position(
            t for t in self.all(s, CG.declaresKind) if isinstance(t, str))]
        preds = [self._predicate(p) for p in self.by_position(
            t for t in self.all(s, CG.declaresPredicate) if isinstance(t, str))]
        unclaimed = [{"source": self.ref(u, PROV.wasQuotedFrom), "text": v(u, SCHEMA.text),
                      "reason": v(u, CG.reason)}
                     for u in self.by_position(t for t in self.all(s, CG.unclaimed)
                                               if isinstance(t, str))]
        return _clean({
            "id": self.rid(s), "title": v(s, DCTERMS.title),
            "description": v(s, DCTERMS.description), "license": v(s, DCTERMS.license),
            "language": v(s, DCTERMS.language),
            "curators": self.ordered(s, CG.curatorList, DCTERMS.contributor),
            "vocabulary": {"entity_kinds": kinds, "predicates": preds},
            "unclaimed": unclaimed,
        })

    def _kind(self, c: str) -> dict[str, Any]:
        v = self.value
        return _clean({
            "id": self.rid(c), "label": v(c, SKOS.prefLabel), "parent": self.ref(c, SKOS.broader),
            "abstract": v(c, CG.abstract), "description": v(c, SKOS.definition),
            "rdf_types": self.ordered(c, CG.rdfTypes),
            "style": _clean({"color": v(c, CG.color), "shape": v(c, CG.shape)}) or None,
        })

    def _predicate(self, c: str) -> dict[str, Any]:
        v = self.value
        return _clean({
            "id": self.rid(c), "label": v(c, SKOS.prefLabel),
            "inverse_label": v(c, CG.inverseLabel), "description": v(c, SKOS.definition),
            "subject_kinds": self.ordered(c, CG.subjectKinds),
            "object_kinds": self.ordered(c, CG.objectKinds),
            "symmetric": v(c, CG.symmetric),
            "style": _clean({"color": v(c, CG.color)}) or None,
        })

    def _entity(self, s: str) -> dict[str, Any]:
        v = self.value
        aliases: list[Any] = []
        for t in self.all(s, SKOS.altLabel):
            if isinstance(t, Lit) and t.lang:
                aliases.append({"text": t.value, "lang": bcp47_case(t.lang)})
            elif isinstance(t, Lit):
                aliases.append(t.value)
        ids = {}
        for n in self.all(s, SCHEMA.identifier):
            if isinstance(n, str):
                key, val = v(n, SCHEMA.propertyID), v(n, SCHEMA.value)
                if key is not None and val is not None:
                    ids[str(key)] = str(val)
        return _clean({
            "id": self.rid(s), "name": v(s, SCHEMA.name), "kind": self.ref(s, CG.kind),
            "aliases": aliases, "description": v(s, DCTERMS.description),
            "part_of": self.ids(s, DCTERMS.isPartOf), "country": self.ref(s, CG.country),
            "ids": ids, "same_as": self.ids(s, OWL.sameAs), "note": v(s, SKOS.note),
        })

    def _source(self, s: str) -> dict[str, Any]:
        v = self.value
        return _clean({
            "id": self.rid(s), "title": v(s, SCHEMA.name), "kind": self.ref(s, CG.sourceKind),
            "publisher": v(s, SCHEMA.publisher),
            "authors": self.ordered(s, CG.authorList, SCHEMA.author),
            "published": v(s, SCHEMA.datePublished), "accessed": v(s, CG.dateAccessed),
            "url": v(s, SCHEMA.url), "language": v(s, DCTERMS.language),
            "reliability": self.ref(s, CG.reliability), "text": v(s, CG.textPath),
            "sha256": v(s, CG.recordedSha256), "cites": self.ids(s, CITO.cites),
            "description": v(s, DCTERMS.description), "note": v(s, SKOS.note),
        })

    def _claim(self, s: str) -> dict[str, Any]:
        v = self.value
        quantity = None
        q = self.node(s, CG.quantity)
        if q is not None:
            quantity = _clean({"value": v(q, SCHEMA.value), "unit": v(q, SCHEMA.unitText),
                               "approx": v(q, CG.approximate), "bound": v(q, CG.bound)})
        verdict = None
        r = self.node(s, CG.verdict)
        if r is not None:
            rating = self.node(r, SCHEMA.reviewRating)
            verdict = _clean({"rating": self.ref(r, CG.rating), "rationale": v(r, SCHEMA.reviewBody),
                              "reviewed_by": v(r, SCHEMA.author),
                              "date": v(r, SCHEMA.datePublished),
                              "publisher": v(r, SCHEMA.publisher), "url": v(r, SCHEMA.url),
                              "original_rating": rating and v(rating, SCHEMA.alternateName),
                              "first_appearance": self.ref(s, SCHEMA.firstAppearance)})
        evidence = []
        for e in self.by_position(t for t in self.all(s, CG.evidence) if isinstance(t, str)):
            evidence.append(_clean({
                "source": self.ref(e, PROV.wasQuotedFrom), "quote": v(e, CG.quote),
                "relation": v(e, CG.relation), "page": v(e, CG.page),
                "occurrence": v(e, CG.occurrence), "note": v(e, SKOS.note)}))
        claimant = None if v(s, CG.claimantInferred) is True else self.ref(s, PROV.wasAttributedTo)
        return _clean({
            "id": self.rid(s), "text": v(s, SCHEMA.text), "subject": self.ref(s, CG.subject),
            "predicate": self.ref(s, CG.predicate), "object": self.ref(s, CG.object),
            "item": self.ref(s, CG.item), "quantity": quantity, "time": v(s, CG.time),
            "place": self.ref(s, CG.place), "via": self.ids(s, CG.via),
            "polarity": v(s, CG.polarity), "claimant": claimant,
            "confidence": self.ref(s, CG.confidence), "motives": self.ids(s, CG.motive),
            "supports": self.ids(s, CG.supportsClaim),
            "contradicts": self.ids(s, CG.contradictsClaim), "verdict": verdict,
            "evidence": evidence, "note": v(s, SKOS.note),
        })

    def case(self, case_id: str | None = None) -> Case:
        """The case (records sorted by id, as :meth:`Case.canonical` gives them)."""
        node = self._case_node(case_id)
        with paused_gc():
            return self._build(node)

    def _build(self, node: str) -> Case:
        nodes = {"meta": [node], "entities": self.typed(CG.Entity),
                 "sources": self.typed(CG.Source), "claims": self.typed(CG.Claim)}
        data = {
            "meta": self._meta(node),
            "entities": [self._entity(s) for s in nodes["entities"]],
            "sources": [self._source(s) for s in nodes["sources"]],
            "claims": [self._claim(s) for s in nodes["claims"]],
        }
        try:
            case = Case.model_validate(data)
        except ValidationError as exc:
            lines = []
            for err in exc.errors(include_url=False)[:5]:
                loc = err["loc"]
                where = node
                if loc and loc[0] in nodes and len(loc) > 1 and isinstance(loc[1], int):
                    where, loc = nodes[str(loc[0])][loc[1]], loc[2:]
                elif loc and loc[0] == "meta":
                    loc = loc[1:]
                field = ".".join(str(x) for x in loc)
                lines.append(f"<{where}> {field}: {err['msg']}")
            more = len(exc.errors()) - len(lines)
            raise MappingError(
                "the RDF does not make a valid case: " + "; ".join(lines)
                + (f" (and {more} more)" if more > 0 else ""),
                hint="run `claimgraph check` on it to see what is missing") from exc
        return case.canonical()

    def texts(self) -> dict[str, SourceText]:
        """Source id -> stored text, for every source with a ``schema:text``."""
        out: dict[str, SourceText] = {}
        for s in self.typed(CG.Source):
            text = self.value(s, SCHEMA.text)
            if not isinstance(text, str):
                continue
            pages = self.value(s, CG.pageStarts)
            out[self.rid(s)] = SourceText(
                text, str(self.value(s, CG.sha256) or ""),
                str(self.value(s, SCHEMA.encodingFormat) or "text/plain"),
                tuple(int(x) for x in str(pages).split()) if pages else ())
        return out

    def anchors(self) -> dict[tuple[str, int], Anchor]:
        """``(claim id, evidence index)`` -> anchor, for evidence with an anchor status."""
        out: dict[tuple[str, int], Anchor] = {}
        for c in self.typed(CG.Claim):
            cid = self.rid(c)
            for e in self.all(c, CG.evidence):
                if not isinstance(e, str):
                    continue
                status = self.value(e, CG.anchorStatus)
                pos = self.value(e, CG.position)
                if status is None or not isinstance(pos, int):
                    continue
                fields: dict[str, Any] = {}
                target = self.node(e, OA.hasTarget)
                for sel in self.all(target, OA.hasSelector) if target else []:
                    if not isinstance(sel, str):
                        continue
                    types = self.all(sel, RDF.type)
                    if OA.TextQuoteSelector in types:
                        fields.update(exact=self.value(sel, OA.exact),
                                      prefix=self.value(sel, OA.prefix),
                                      suffix=self.value(sel, OA.suffix))
                    elif OA.TextPositionSelector in types:
                        fields.update(start=self.value(sel, OA.start), end=self.value(sel, OA.end))
                out[(cid, pos)] = Anchor(status, **fields)
        return out


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """Drop absent values so that model defaults apply."""
    return {k: val for k, val in d.items() if val is not None}


def quads_to_case(quads: Iterable[Any], case_id: str | None = None) -> Case:
    """The case held by ``quads`` (one case's data graph), equal to ``case.canonical()``."""
    return CaseGraph.from_quads(quads).case(case_id)
