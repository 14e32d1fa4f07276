"""Read RDF written by :mod:`claimgraph.graph.mapping` back into case models, row by row of
the mapping table (:mod:`~claimgraph.graph.mapping.table`).

Accepts quads or triples as pyoxigraph objects (``Quad``/``Triple``), tuples of pyoxigraph
or rdflib terms, or tuples of N-Triples term strings (``<iri>``, ``"text"@en``,
``"3"^^<...#integer>``); a plain string that is not N-Triples syntax is read as an IRI. The
graph of a quad is ignored: give the quads of one case's data graph.

Language tags come back in BCP 47 case (``zh-Hant``): RDF stores may lowercase them. Rows
that are written only (``link`` rows, ``derived`` values) are not read; an ``attached`` row
comes back through :meth:`CaseGraph.attached` (:meth:`~CaseGraph.texts`,
:meth:`~CaseGraph.anchors`), present where every ``ONE`` row of its shape is.

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
from functools import cache
from typing import Any

import pyoxigraph as ox
from pydantic import ValidationError

from claimgraph.errors import MappingError
from claimgraph.graph.iris import local_id, parse_iri
from claimgraph.graph.namespace import DCTERMS, RDF
from claimgraph.graph.rdfterms import Lit, Term, parse_nquads, paused_gc, py_value, to_term
from claimgraph.schema.models import RECORD_TYPES, Case
from claimgraph.sources.anchoring import Anchor
from claimgraph.sources.documents import SourceText

from .spec import POSITION, Card, Field, Flat, LiteralKind, Node, Part, Ref, Shape
from .table import CASE_SHAPE, RECORDS

__all__ = ["CaseGraph", "Lit", "Term", "parse_nquads", "quads_to_case"]

_TYPE = str(RDF.type)
_FIRST = str(RDF.first)
_REST = str(RDF.rest)
_NIL = str(RDF.nil)
_IDENTIFIER = str(DCTERMS.identifier)
_FIELD_OF = {model: name for name, model in RECORD_TYPES.items()}
"""Record model -> the Case field holding its records."""


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

    def nodes(self, s: str, p: str, cls: str | None = None) -> list[str]:
        """The nodes ``s p ?n`` (of class ``cls`` when given)."""
        out = [t for t in self.all(s, p) if isinstance(t, str)]
        return [n for n in out if cls in self.all(n, _TYPE)] if cls is not None else out

    def rdf_list(self, head: str) -> list[Any]:
        out: list[Any] = []
        seen: set[str] = set()
        cur: str | None = head
        while cur is not None and cur != _NIL and cur not in seen:
            seen.add(cur)
            first = self.one(cur, _FIRST)
            if first is not None:
                out.append(py_value(first))
            rest = self.one(cur, _REST)
            cur = rest if isinstance(rest, str) else None
        return out

    def by_position(self, nodes: Iterable[str]) -> list[str]:
        def key(n: str) -> tuple[int, str]:
            pos = self.value(n, POSITION)
            return (pos if isinstance(pos, int) else 1 << 62, n)
        return sorted(nodes, key=key)

    def rid(self, s: str) -> str:
        ident = self.value(s, _IDENTIFIER)
        return ident if isinstance(ident, str) else local_id(s)

    def typed(self, cls: str) -> list[str]:
        return sorted(set(self.by_type.get(cls, [])))

    # -- rows -----------------------------------------------------------------------------
    def read(self, shape: Shape, s: str) -> dict[str, Any]:
        """The attributes of node ``s`` by the rows of ``shape`` (absent ones left out, so
        that model defaults apply)."""
        data: dict[str, Any] = {}
        self._fill(shape, s, data)
        return data

    def _fill(self, shape: Shape, s: str, data: dict[str, Any]) -> None:
        node = self.props.get(s) or {}
        for action, row, p, cls in _plan(shape):
            got: Any
            if action == "one":  # most rows: at most one literal, reference or concept
                values = node.get(p)
                if not values:
                    if row.id_fallback:
                        data[row.name] = local_id(s)
                    continue
                got = _convert(row, values[0] if len(values) == 1 else min(values, key=repr))
            elif action == "many":
                got = self._many(row, s)
            elif action == "node":
                got = self._nested(row, row.value, s, cls)  # type: ignore[arg-type]
            elif action == "flat":
                got = self.read(row.value.shape, s) or None  # type: ignore[union-attr]
            elif action == "part":
                child = self.nodes(s, p, cls)
                if child:
                    self._fill(row.value.shape, min(child), data)  # type: ignore[union-attr]
                continue
            else:  # "inferred": None where the value was not written but inferred
                flag = row.inferred.flag  # type: ignore[union-attr]
                t = None if self.value(s, flag) is True else self.one(s, p)
                got = None if t is None else _convert(row, t)
            if got is not None:
                data[row.name] = got

    def _nested(self, row: Field, node: Node, s: str, cls: str | None) -> Any:
        children = self.nodes(s, row.predicate or "", cls)
        if row.card is Card.LIST:
            return [self.read(node.shape, c) for c in self.by_position(children)]
        if row.card is Card.MAP:
            entries = (self.read(node.shape, c) for c in children)
            return {str(e["key"]): e["value"] for e in entries if "key" in e and "value" in e}
        return self.read(node.shape, min(children)) if children else None

    def _many(self, row: Field, s: str) -> Any:
        if row.rdf_list is not None:
            head = self.one(s, row.rdf_list.predicate)
            if isinstance(head, str):
                return self.rdf_list(head)
            if row.predicate is None:
                return None
            return sorted(str(py_value(t)) for t in self.all(s, row.predicate)) or None
        if isinstance(row.value, Ref) and row.value.cross_case:
            return sorted({_cross_case_id(s, t) for t in self.all(s, row.predicate or "")
                           if isinstance(t, str)})
        values = (_convert(row, t) for t in self.all(s, row.predicate or ""))
        if isinstance(row.value, LiteralKind):
            return [v for v in values if v is not None]
        return sorted({v for v in values if v is not None})

    # -- records --------------------------------------------------------------------------
    def case_ids(self) -> list[str]:
        """Ids of the case nodes in the graph."""
        return sorted(self.rid(s) for s in self.typed(CASE_SHAPE.types[0]))

    def _case_node(self, case_id: str | None) -> str:
        nodes = self.typed(CASE_SHAPE.types[0])
        if case_id is not None:
            nodes = [n for n in nodes if self.rid(n) == case_id]
        if len(nodes) != 1:
            what = "no case node" if not nodes else f"{len(nodes)} case nodes"
            raise MappingError(
                f"{what} (a resource of type cg:Case) in the RDF",
                hint="give the quads of exactly one case's data graph, or pass case_id")
        return nodes[0]

    def case(self, case_id: str | None = None) -> Case:
        """The case (records sorted by id, as :meth:`Case.canonical` gives them)."""
        node = self._case_node(case_id)
        with paused_gc():
            return self._build(node)

    def _build(self, node: str) -> Case:
        nodes: dict[str, list[str]] = {"meta": [node]}
        data: dict[str, Any] = {"meta": self.read(CASE_SHAPE, node)}
        for shape in RECORDS:
            if shape is not CASE_SHAPE:
                key = _FIELD_OF[shape.model]
                nodes[key] = self.typed(shape.types[0])
                data[key] = [self.read(shape, s) for s in nodes[key]]
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

    # -- side data ------------------------------------------------------------------------
    def attached(self, name: str) -> dict[Any, Any]:
        """The side data attached under ``name``: by record id for a record's attachment,
        by (record id, position) for a list item's."""
        out: dict[Any, Any] = {}
        for record in RECORDS:
            for node in self.typed(record.types[0]) if record.types else []:
                self._attached(name, record, node, self.rid(node), out)
        return out

    def _attached(self, name: str, shape: Shape, s: str, key: Any, out: dict[Any, Any]) -> None:
        for row in shape.fields:
            value = row.value
            if row.attached == name and isinstance(value, Flat):
                data = self.read(value.shape, s)
                if all(f.name in data for f in value.shape.fields if f.card is Card.ONE):
                    out[key] = value.shape.model(**data)
            elif (isinstance(value, Node) and row.card is Card.LIST
                  and name in _attachments(value.shape)):
                for c in self.nodes(s, row.predicate or ""):
                    pos = self.value(c, POSITION)
                    if isinstance(pos, int):
                        self._attached(name, value.shape, c, (key, pos), out)

    def texts(self) -> dict[str, SourceText]:
        """Source id -> stored text, for every source with a ``schema:text``."""
        return self.attached("texts")

    def anchors(self) -> dict[tuple[str, int], Anchor]:
        """``(claim id, evidence index)`` -> anchor, for evidence with an anchor status."""
        return self.attached("anchors")


def _cross_case_id(subject: str, term: str) -> str:
    """The id of a record ``subject`` names: plain in its own case, else ``CASE:ID``."""
    mine, theirs = parse_iri(subject), parse_iri(term)
    if theirs is None or mine is None or theirs.case_id == mine.case_id:
        return local_id(term)
    return f"{theirs.case_id}:{theirs.id}"


def _convert(row: Field, term: Term) -> Any:
    value = row.value
    if isinstance(value, LiteralKind):
        return value.from_term(term)
    return local_id(term) if isinstance(term, str) else None  # Ref, Concept


def _class_of(row: Field) -> str | None:
    value = row.value
    if isinstance(value, Node | Part) and value.shape.types:
        return value.shape.types[0]
    return None


@cache
def _plan(shape: Shape) -> tuple[tuple[str, Field, str, str | None], ...]:
    """How each read row of ``shape`` is read: (action, row, predicate, class of the child
    when two rows share the predicate)."""
    shared = _shared(shape)
    out = []
    for row in shape.fields:
        if row.link is not None or row.attached is not None:
            continue
        p = row.predicate or ""
        value = row.value
        action = ("flat" if isinstance(value, Flat) else "part" if isinstance(value, Part)
                  else "node" if isinstance(value, Node) else "many" if row.card.many
                  else "inferred" if row.inferred is not None else "one")
        out.append((action, row, p, _class_of(row) if p in shared else None))
    return tuple(out)


@cache
def _shared(shape: Shape) -> frozenset[str]:
    """Predicates of ``shape`` used by more than one row (told apart by the child's class)."""
    seen = [row.predicate for row in shape.fields if row.predicate and row.link is None]
    return frozenset(p for p in seen if seen.count(p) > 1)


@cache
def _attachments(shape: Shape) -> frozenset[str]:
    """Names of the attachments in ``shape`` or below it."""
    out: set[str] = set()
    for row in shape.fields:
        if row.attached is not None:
            out.add(row.attached)
        if isinstance(row.value, Node | Part | Flat):
            out |= _attachments(row.value.shape)
    return frozenset(out)


def quads_to_case(quads: Iterable[Any], case_id: str | None = None) -> Case:
    """The case held by ``quads`` (one case's data graph), equal to ``case.canonical()``."""
    return CaseGraph.from_quads(quads).case(case_id)
