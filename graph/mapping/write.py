"""The N-Quads writer, compiled from the mapping table.

:class:`NQuadsWriter` turns each shape of :mod:`~claimgraph.graph.mapping.table` into a
list of small closures, once per writer, with every term of a row already written out
(``" <predicate> "``, the graph's ``" <g> .\\n"``, the ``rdf:type`` lines of a node): the
per-quad cost stays one string format and one list append, as in a hand-written writer
(``benchmarks/bench_mapping.py``). Records go in one at a time or in batches, in any order
(:meth:`NQuadsWriter.write`); the writer keeps no record, only the case's metadata, the
source ids (a claimant may be an entity or a source) and the caches of IRIs.

Rows that need more than their own object are written by the step that has it: a ``link``
row by the step that makes the nested node (it knows the parent), an ``attached`` row by the
record or list-item step (it knows the key: the record id, or claim id and index).

Examples
--------
>>> from claimgraph.schema.models import CaseMeta, Entity
>>> w = NQuadsWriter(CaseMeta(id="demo", title="Demo"), "urn:g")
>>> text = w.write([Entity(id="cn", name="China", kind="state", same_as=["prc"])])
>>> print(next(line for line in text.splitlines() if "sameAs" in line))
<https://w3id.org/claimgraph/case/demo/entity/cn> <http://www.w3.org/2002/07/owl#sameAs> <https://w3id.org/claimgraph/case/demo/entity/prc> <urn:g> .
>>> len(text.splitlines())  # 1 + 4 rdf:type (the kind's classes), id, name, kind, sameAs
9
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from operator import attrgetter
from typing import Any

from claimgraph.errors import MappingError, VocabularyError
from claimgraph.graph import iris
from claimgraph.graph.namespace import RDF, SKOS, expand_curie
from claimgraph.graph.nquads import iri, lit, lit_int
from claimgraph.schema.models import CaseMeta
from claimgraph.schema.vocab import Vocabulary, load_vocabulary

from .spec import (
    PARENT,
    POSITION,
    Card,
    Concept,
    Entry,
    Field,
    Flat,
    LiteralKind,
    Node,
    Part,
    Ref,
    Shape,
)
from .table import RECORDS

__all__ = ["NQuadsWriter"]

Step = Callable[[Any, str, Any], None]
"""A compiled row: ``step(obj, subject term, owner)``; ``owner`` is the object of the
record or list item whose node ``subject`` is (or belongs to, for a part)."""

_TYPE = f"<{RDF.type}>"
_FIRST = f"<{RDF.first}>"
_REST = f"<{RDF.rest}>"
_NIL = f"<{RDF.nil}>"
_TRUE = lit(True)


class NQuadsWriter:
    """Writes the records of one case as N-Quads lines of the named graph ``graph``.

    Parameters
    ----------
    meta
        The case's metadata (its id names every IRI; its vocabulary extension decides
        which kinds and predicates are the case's own concepts).
    graph
        The graph IRI (a plain string, no angle brackets).
    source_ids
        Ids of the case's sources: a claimant that is one of them is written as a source.
    attachments
        Side data by the name a row is ``attached`` to: ``"texts"`` (source id ->
        :class:`~claimgraph.sources.documents.SourceText`) and ``"anchors"`` ((claim id,
        evidence index) -> :class:`~claimgraph.sources.anchoring.Anchor`).
    records
        The record shapes to write (default: the mapping table's).
    graphs
        The IRIs of the other named graphs, by role (``provenance``, ``derived``), for
        shapes whose rows go there (``Shape.graph``); ``graph`` is the ``data`` one.
    """

    def __init__(self, meta: CaseMeta, graph: str, *, source_ids: Collection[str] = (),
                 attachments: Mapping[str, Mapping[Any, Any]] | None = None,
                 records: tuple[Shape, ...] = RECORDS,
                 graphs: Mapping[str, str] | None = None) -> None:
        self.meta = meta
        self._cid = meta.id
        self._graphs = {role: f" {iri(g)} .\n" for role, g in {**(graphs or {}),
                                                                "data": graph}.items()}
        self._g = self._graphs["data"]  # the graph of the shape being compiled
        self._out: list[str] = []
        self._sources = frozenset(source_ids)
        self._attachments = attachments or {}
        ext = meta.vocabulary
        self._own = {"kind": {k.id for k in ext.entity_kinds},
                     "predicate": {p.id for p in ext.predicates}}
        self._vocab = _vocabulary(meta)
        self._ref_cache: dict[str, dict[str, str]] = {}
        self._concept_cache: dict[str, dict[str, str]] = {}
        self._type_cache: dict[tuple[str, str], list[str]] = {}
        self._records: dict[type, Callable[[Any], None]] = {
            shape.model: self._record_writer(shape) for shape in records}

    # -- the public face --------------------------------------------------------------------
    def write(self, records: Iterable[Any]) -> str:
        """N-Quads text of ``records`` (entities, sources, claims, or the case's
        :class:`~claimgraph.schema.models.CaseMeta`, in any mix and order)."""
        writers = self._records
        for r in records:
            writer = writers.get(type(r))
            if writer is None:
                raise TypeError(f"not a record the mapping writes: {type(r).__name__}")
            writer(r)
        return self.take()

    def take(self) -> str:
        """The text written since the last call, and forget it."""
        text = "".join(self._out)
        self._out.clear()
        return text

    # -- terms --------------------------------------------------------------------------------
    def _ref(self, kind: str) -> Callable[[str], str]:
        cache = self._ref_cache.setdefault(kind, {})
        base = f"<{iris.CASE_BASE}{iris.segment(self._cid)}/{kind}/"

        def ref(rid: str) -> str:
            term = cache.get(rid)
            if term is None:
                term = cache[rid] = f"{base}{iris.segment(rid)}>"
            return term

        return ref

    def _agent(self, kinds: tuple[str, ...]) -> Callable[[str], str]:
        if len(kinds) == 1:
            return self._ref(kinds[0])
        first, other, sources = self._ref(kinds[0]), self._ref(kinds[1]), self._sources
        if kinds[0] != "source":
            raise ValueError(f"a reference to {kinds} must try sources first")
        return lambda rid: first(rid) if rid in sources else other(rid)

    def _concept(self, scheme: str) -> Callable[[str], str]:
        cache = self._concept_cache.setdefault(scheme, {})
        own, cid = self._own.get(scheme, set()), self._cid

        def concept(value: str) -> str:
            term = cache.get(value)
            if term is None:
                term = cache[value] = iri(iris.concept_iri(
                    scheme, value, cid if value in own else None))
            return term

        return concept

    def _kind_types(self, scheme: str, kind: str) -> list[str]:
        """Standard classes of a kind (and its ancestors), from the vocabulary data."""
        key = (scheme, kind)
        if key not in self._type_cache:
            curies: list[str] = []
            if scheme == "source-kind":
                sk = self._vocab.source_kinds.get(kind)
                curies = list(sk.rdf_types) if sk else []
            else:
                cur = self._vocab.entity_kinds.get(kind)
                seen: set[str] = set()
                while cur is not None and cur.id not in seen:
                    seen.add(cur.id)
                    curies.extend(cur.rdf_types)
                    cur = self._vocab.entity_kinds.get(cur.parent) if cur.parent else None
            full = (expand_curie(c) for c in curies)
            self._type_cache[key] = sorted({iri(f) for f in full if f})
        return self._type_cache[key]

    def _term(self, row: Field) -> Callable[[Any], str]:
        value = row.value
        if isinstance(value, LiteralKind):
            return value.to_term
        if isinstance(value, Ref):
            return self._agent(value.kinds)
        if isinstance(value, Concept):
            return self._concept(value.scheme)
        raise TypeError(f"row {row.name!r}: {type(value).__name__} is not a term")

    # -- compiling ----------------------------------------------------------------------------
    @contextmanager
    def _graph_of(self, shape: Shape) -> Iterator[None]:
        """Compile ``shape``'s rows into the named graph its ``graph`` role names (the
        current one, the graph of the shape above, when it names none)."""
        saved = self._g
        term = saved if shape.graph is None else self._graphs.get(shape.graph)
        if term is None:
            raise MappingError(f"the rows of {shape.name} go to the {shape.graph!r} graph, "
                               "and the writer was given none",
                               hint=f"pass graphs={{{shape.graph!r}: IRI}} to NQuadsWriter")
        self._g = term
        try:
            yield
        finally:
            self._g = saved

    def _types(self, shape: Shape) -> tuple[str, ...]:
        """``s.join(...)`` of this gives the node's ``rdf:type`` lines in one string."""
        with self._graph_of(shape):
            g = self._g
        return ("", *(f" {_TYPE} <{t}>{g}" for t in shape.types)) if shape.types else ()

    def _record_writer(self, shape: Shape) -> Callable[[Any], None]:
        steps = self._steps(shape)
        types = self._types(shape)
        extra = self._context_steps(shape)
        append = self._out.append
        subject = (lambda rid: iri(iris.case_iri(rid))) if shape.record == "case" else self._ref(
            shape.record or "")

        def write(obj: Any) -> None:
            s = subject(obj.id)
            if types:
                append(s.join(types))
            for step in steps:
                step(obj, s, obj)
            extra(obj, s, obj, obj.id, "")

        return write

    def _steps(self, shape: Shape) -> list[Step]:
        """The rows written from the object alone (not links, not attachments): the plain
        single values in one step, the plain sets in another (one attribute fetch and a loop
        instead of a call per row), every other row in a step of its own."""
        rows = [row for row in shape.fields if row.link is None and row.attached is None]
        single = [row for row in rows if _plain(row) and not row.card.many]
        sets = [row for row in rows if _plain(row) and row.card.many and row.rdf_list is None]
        with self._graph_of(shape):
            steps = [self._fused(single, many=False)] if single else []
            steps += [self._fused(sets, many=True)] if sets else []
            return steps + [self._step(row) for row in rows
                            if row not in single and row not in sets]

    def _fused(self, rows: list[Field], many: bool) -> Step:
        get = _all_of([row.name for row in rows])
        assert get is not None
        plan = [(f" <{row.predicate}> ", self._term(row)) for row in rows]
        g, append = self._g, self._out.append
        if many:
            def fused_sets(obj: Any, s: str, owner: Any) -> None:
                for values, (mid, term) in zip(get(obj), plan, strict=True):
                    for v in values:
                        append(f"{s}{mid}{term(v)}{g}")

            return fused_sets

        def fused(obj: Any, s: str, owner: Any) -> None:
            for v, (mid, term) in zip(get(obj), plan, strict=True):
                if v is not None:
                    append(f"{s}{mid}{term(v)}{g}")

        return fused

    def _context_steps(self, shape: Shape) -> Callable[[Any, str, Any, Any, str], None]:
        """``extra(obj, node, owner, key, parent)``: the shape's link rows (to ``parent``, the
        term of the node above, and ``owner``'s values) and attached rows (looked up by
        ``key``)."""
        with self._graph_of(shape):
            g, append = self._g, self._out.append
            links = [(f" <{row.predicate}> ", row.link, self._term(row))
                     for row in shape.fields if row.link is not None]
            attached = [(self._attachments.get(row.attached or "", {}), self._step(
                Field(row.name, None, row.value, row.card), lookup=True))
                for row in shape.fields if row.attached is not None]
        if not links and not attached:
            return _nothing

        def extra(obj: Any, n: str, owner: Any, key: Any, parent: str) -> None:
            for mid, to, term in links:
                append(f"{n}{mid}{parent if to == PARENT else term(getattr(owner, to))}{g}")
            for mapping, step in attached:
                value = mapping.get(key)
                if value is not None:
                    step(value, n, obj)

        return extra

    def _step(self, row: Field, lookup: bool = False) -> Step:
        value = row.value
        if isinstance(value, Flat):
            return self._flat(row, lookup)
        if isinstance(value, Part):
            return self._part(row)
        if isinstance(value, Node):
            return self._node(row)
        if row.card.many:
            return self._many(row)
        return self._one(row)

    def _one(self, row: Field) -> Step:
        get, term, g, append = attrgetter(row.name), self._term(row), self._g, self._out.append
        mid = f" <{row.predicate}> "
        derived = [(f" <{d.predicate}> ", d.compute, d.kind.to_term) for d in row.derived]
        if row.inferred is not None:
            compute, flag = row.inferred.compute, f" <{row.inferred.flag}> {_TRUE}{g}"

            def inferred(obj: Any, s: str, owner: Any) -> None:
                v = get(obj)
                if v is not None:
                    append(f"{s}{mid}{term(v)}{g}")
                    return
                v = compute(obj)
                if v is not None:
                    append(f"{s}{mid}{term(v)}{g}{s}{flag}")

            return inferred
        if row.types:
            scheme = row.value.scheme if isinstance(row.value, Concept) else ""
            kind_types = self._kind_types

            def typed(obj: Any, s: str, owner: Any) -> None:
                v = get(obj)
                append(f"{s}{mid}{term(v)}{g}")
                for t in kind_types(scheme, v):
                    append(f"{s} {_TYPE} {t}{g}")

            return typed
        if derived:
            def with_derived(obj: Any, s: str, owner: Any) -> None:
                v = get(obj)
                if v is None:
                    return
                append(f"{s}{mid}{term(v)}{g}")
                for dmid, compute, dterm in derived:
                    x = compute(v)
                    if x is not None:
                        append(f"{s}{dmid}{dterm(x)}{g}")

            return with_derived
        if isinstance(row.value, LiteralKind) and row.value.empty_is_absent:
            def unless_empty(obj: Any, s: str, owner: Any) -> None:
                v = get(obj)
                if v:
                    append(f"{s}{mid}{term(v)}{g}")

            return unless_empty

        def one(obj: Any, s: str, owner: Any) -> None:
            v = get(obj)
            if v is not None:
                append(f"{s}{mid}{term(v)}{g}")

        return one

    def _many(self, row: Field) -> Step:
        get, term, g, append = attrgetter(row.name), self._term(row), self._g, self._out.append
        mid = f" <{row.predicate}> " if row.predicate is not None else None
        lst = row.rdf_list
        if lst is None:
            def many(obj: Any, s: str, owner: Any) -> None:
                for v in get(obj):
                    append(f"{s}{mid}{term(v)}{g}")

            return many
        head, seg, nil = f" <{lst.predicate}> ", lst.segment, lst.nil_when_empty

        def ordered(obj: Any, s: str, owner: Any) -> None:
            values = get(obj)
            if mid is not None:
                for v in values:
                    append(f"{s}{mid}{term(v)}{g}")
            if not values:
                if nil:
                    append(f"{s}{head}{_NIL}{g}")
                return
            base = f"{s[:-1]}/{seg}/"
            last = len(values) - 1
            append(f"{s}{head}{base}0>{g}")
            for i, v in enumerate(values):
                node = f"{base}{i}>"
                rest = f"{base}{i + 1}>" if i < last else _NIL
                append(f"{node} {_FIRST} {term(v)}{g}{node} {_REST} {rest}{g}")

        return ordered

    def _flat(self, row: Field, lookup: bool) -> Step:
        steps = self._steps(row.value.shape)  # type: ignore[union-attr]
        if lookup:  # the value is given (an attachment), not read from the object
            def given(value: Any, s: str, owner: Any) -> None:
                for step in steps:
                    step(value, s, owner)

            return given
        get = attrgetter(row.name)

        def flat(obj: Any, s: str, owner: Any) -> None:
            v = get(obj)
            if v is not None:
                for step in steps:
                    step(v, s, owner)

        return flat

    def _enter(self, row: Field, shape: Shape, part: bool) -> Callable[..., None]:
        """``enter(obj, s, n, parent, key)`` writes the child node ``n`` of ``s``: the link
        ``s -> n``, ``n``'s classes, its context rows (links to ``parent``, the object of the
        node above, and side data by ``key``), then its rows from ``obj``."""
        steps, types = self._steps(shape), self._types(shape)
        extra = self._context_steps(shape)
        context = extra is not _nothing
        g, append, mid = self._g, self._out.append, f" <{row.predicate}> "

        def enter(obj: Any, s: str, n: str, parent: Any, key: Any) -> None:
            append(f"{s}{mid}{n}{g}")
            if types:
                append(n.join(types))
            if context:
                extra(obj, n, parent, key, s)
            owner = parent if part else obj  # a part carries the object of the node above
            for step in steps:
                step(obj, n, owner)

        return enter

    def _part(self, row: Field) -> Step:
        part = row.value
        assert isinstance(part, Part)
        enter, seg = self._enter(row, part.shape, True), f"/{part.segment}>"
        present = _all_of(_required(part.shape) if row.card is Card.OPTIONAL else [])

        def write_part(obj: Any, s: str, owner: Any) -> None:
            if present is None or None not in present(obj):
                enter(obj, s, s[:-1] + seg, owner, None)

        return write_part

    def _node(self, row: Field) -> Step:
        node = row.value
        assert isinstance(node, Node)
        enter, get, g = self._enter(row, node.shape, False), attrgetter(row.name), self._g
        append = self._out.append
        if row.card is Card.MAP:
            seg = f"/{node.segment}/"

            def keyed(obj: Any, s: str, owner: Any) -> None:
                d = get(obj)
                for key in sorted(d):
                    enter(Entry(key, d[key]), s, f"{s[:-1]}{seg}{iris.segment(key)}>", obj, None)

            return keyed
        if row.card is Card.LIST:
            position = f" <{POSITION}> "
            if node.scheme is not None:
                concept = self._concept(node.scheme)
                scheme = f" <{SKOS.inScheme}> {iri(iris.scheme_iri(node.scheme, self._cid))}{g}"

                def concepts(obj: Any, s: str, owner: Any) -> None:
                    for i, item in enumerate(get(obj)):
                        n = concept(item.id)
                        append(f"{n}{position}{lit_int(i)}{g}{n}{scheme}")
                        enter(item, s, n, obj, None)

                return concepts
            seg = f"/{node.segment}/"

            def listed(obj: Any, s: str, owner: Any) -> None:  # side data keyed (id, index)
                base = s[:-1] + seg
                for i, item in enumerate(get(obj)):
                    n = f"{base}{i}>"
                    append(f"{n}{position}{lit_int(i)}{g}")
                    enter(item, s, n, obj, (obj.id, i))

            return listed
        seg1 = f"/{node.segment}>"

        def single(obj: Any, s: str, owner: Any) -> None:
            v = get(obj)
            if v is not None:
                enter(v, s, s[:-1] + seg1, obj, None)

        return single


def _plain(row: Field) -> bool:
    """A row that is just ``subject predicate term(value)`` for each value."""
    plain_literal = isinstance(row.value, LiteralKind) and not row.value.empty_is_absent
    return ((plain_literal or isinstance(row.value, Ref | Concept)) and not row.derived
            and row.inferred is None and not row.types)


def _nothing(obj: Any, n: str, owner: Any, key: Any, parent: str) -> None:
    return None


def _all_of(names: list[str]) -> Callable[[Any], tuple[Any, ...]] | None:
    """A getter of the attributes ``names`` as a tuple (None for no names)."""
    if not names:
        return None
    get = attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (get(obj),)
    return get


def _required(shape: Shape) -> list[str]:
    """Attributes a part needs to be written: its ``ONE`` rows, through ``ONE`` parts."""
    out: list[str] = []
    for row in shape.fields:
        if row.card is not Card.ONE or row.link is not None:
            continue
        if isinstance(row.value, Part):
            out.extend(_required(row.value.shape))
        else:
            out.append(row.name)
    return out


def _vocabulary(meta: CaseMeta) -> Vocabulary:
    base = load_vocabulary()
    try:
        return base.extend(meta.vocabulary)
    except VocabularyError:  # reported by validation; map what we can
        return base
