"""The mapping table compiled into writer steps: closures with every term written out.

:class:`StepCompiler` turns each shape of the table into a list of small closures (a
:data:`Step` per row, the plain single-valued rows of a shape fused into one step that
fetches their attributes at once, the plain sets into another), with the predicate, the
graph's ``" <g> .\\n"`` and the ``rdf:type`` lines of a node already written: the per-quad cost
stays one string format and one list append. The steps append to the writer's list.

Rows that need more than their own object are written by the step that has it: a ``link``
row by the step that makes the nested node (it knows the node above), an ``attached`` row by
the record or list-item step (it knows the key: the record id, or its id and the index).
Each shape's rows go to the named graph its ``graph`` names (the one of the shape above when
it names none).

Examples
--------
>>> from claimgraph.schema.models import CaseMeta, Quantity
>>> from .caseterms import CaseTerms
>>> from .table import QUANTITY
>>> out: list[str] = []
>>> steps = StepCompiler(out, {"data": " <urn:g> .\\n"}, {}, CaseTerms(CaseMeta(id="d", title="D")))
>>> for step in steps.steps(QUANTITY):
...     step(Quantity(value=700, unit="t"), "<urn:q>", None)
>>> print("".join(out), end="")
<urn:q> <http://schema.org/value> "700"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:g> .
<urn:q> <http://schema.org/unitText> "t" <urn:g> .
<urn:q> <https://w3id.org/claimgraph/ns#approximate> "false"^^<http://www.w3.org/2001/XMLSchema#boolean> <urn:g> .
<urn:q> <https://w3id.org/claimgraph/ns#capacity> "false"^^<http://www.w3.org/2001/XMLSchema#boolean> <urn:g> .
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from operator import attrgetter
from typing import Any

from claimgraph.errors import MappingError
from claimgraph.graph import iris
from claimgraph.graph.namespace import RDF, SKOS
from claimgraph.graph.nquads import iri, lit, lit_int

from .caseterms import CaseTerms
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

__all__ = ["Step", "StepCompiler"]

Step = Callable[[Any, str, Any], None]
"""A compiled row: ``step(obj, subject term, owner)``; ``owner`` is the object of the
record or list item whose node ``subject`` is (or belongs to, for a part)."""

_TYPE = f"<{RDF.type}>"
_FIRST = f"<{RDF.first}>"
_REST = f"<{RDF.rest}>"
_NIL = f"<{RDF.nil}>"
_TRUE = lit(True)


class StepCompiler:
    """Compiles shapes into steps appending N-Quads lines to ``out``.

    ``graphs`` gives each named-graph role its ``" <iri> .\\n"`` line end (``data`` at
    least); ``attachments`` the side data by the name rows are ``attached`` to; ``terms``
    the case's IRIs."""

    def __init__(self, out: list[str], graphs: Mapping[str, str],
                 attachments: Mapping[str, Mapping[Any, Any]], terms: CaseTerms) -> None:
        self._out = out
        self._graphs = graphs
        self._g = graphs["data"]  # the graph of the shape being compiled
        self._attachments = attachments
        self._terms = terms

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

    def record_writer(self, shape: Shape) -> Callable[[Any], None]:
        """``write(record)``: every line of a top-level record (its ``shape.record`` IRI)."""
        steps, types, extra = self.steps(shape), self._types(shape), self._context_steps(shape)
        append = self._out.append
        subject = ((lambda rid: iri(iris.case_iri(rid))) if shape.record == "case"
                   else self._terms.ref(shape.record or ""))

        def write(obj: Any) -> None:
            s = subject(obj.id)
            if types:
                append(s.join(types))
            for step in steps:
                step(obj, s, obj)
            extra(obj, s, obj, obj.id, "")

        return write

    def steps(self, shape: Shape) -> list[Step]:
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
        plan = [(f" <{row.predicate}> ", self._terms.term(row)) for row in rows]
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
            links = [(f" <{row.predicate}> ", row.link, self._terms.term(row))
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
        get, term, g, append = attrgetter(row.name), self._terms.term(row), self._g, self._out.append
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
            kind_types = self._terms.kind_types

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
        get, term, g, append = attrgetter(row.name), self._terms.term(row), self._g, self._out.append
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
        steps = self.steps(row.value.shape)  # type: ignore[union-attr]
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
        steps, types = self.steps(shape), self._types(shape)
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
                concept = self._terms.concept(node.scheme)
                scheme = f" <{SKOS.inScheme}> {iri(iris.scheme_iri(node.scheme, self._terms.case_id))}{g}"

                def concepts(obj: Any, s: str, owner: Any) -> None:
                    for i, item in enumerate(get(obj)):
                        n = concept(item.id)
                        append(f"{n}{position}{lit_int(i)}{g}{n}{scheme}")
                        enter(item, s, n, obj, None)

                return concepts
            seg = f"/{node.segment}/"

            def listed(obj: Any, s: str, owner: Any) -> None:  # side data keyed (id, index)
                base = s[:-1] + seg
                rid = getattr(obj, "id", None)  # a list on a flat part (no id) has no side data
                for i, item in enumerate(get(obj)):
                    n = f"{base}{i}>"
                    append(f"{n}{position}{lit_int(i)}{g}")
                    enter(item, s, n, obj, (rid, i))

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
