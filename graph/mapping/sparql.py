"""Targeted SPARQL reads made from the mapping table: a few rows of every record, fast.

:func:`read_rows` reads the rows ``names`` of every record of a shape in one named graph,
in a handful of SELECTs whose text comes from the table (:func:`queries` shows them). Three
tricks, measured on a 100,000-claim store, shape the queries:

* records are keyed by their ``dcterms:identifier`` through a hash join, so the store never
  decodes a record's long IRI;
* references (entities, sources, claims, concepts) and short literals many records share
  (``STRING``, numbers, booleans, dates) come back **grouped by value**, with the ids of the
  records holding them concatenated (``GROUP_CONCAT``): each distinct IRI is decoded once;
* every pattern sits in a subquery of its own, so the engine joins by hash instead of one
  index lookup per row and pattern (2x on 100,000 claims).

Prose (``TEXT``) comes one row per record, a set of prose values one row per value; a
nested row (``Node``, e.g. a claim's quantity or its evidence) gets one query of its own,
with the item's ``cg:position`` when it is a list. :func:`closure_query` is a CONSTRUCT of
a record's node and every node it holds (the case node with its declared vocabulary).

Examples
--------
>>> from claimgraph.graph.mapping.table import CLAIM_SHAPE
>>> q = queries(CLAIM_SHAPE, ("id", "subject", "polarity"), "urn:g")
>>> print(q[0])  # doctest: +NORMALIZE_WHITESPACE
SELECT ?k ?v (GROUP_CONCAT(?id; separator=" ") AS ?ids) WHERE {
  { SELECT ?x ?id WHERE { GRAPH <urn:g> { ?x dcterms:identifier ?id } } }
  { SELECT ?x ?k ?v WHERE { GRAPH <urn:g> {
      { ?x cg:subject ?v BIND("subject" AS ?k) }
      UNION { ?x cg:polarity ?v BIND("polarity" AS ?k) } } } }
} GROUP BY ?k ?v
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from claimgraph.errors import MappingError
from claimgraph.graph.namespace import RDF, SPARQL_PREFIXES, compact_iri

from .spec import POSITION, Card, Concept, Field, Flat, LiteralKind, Node, Part, Ref, Shape
from .table import all_shapes

__all__ = ["Nested", "Select", "closure_query", "decode", "queries", "read_rows"]

Select = Callable[[str], list[dict[str, str | None]]]
"""Runs a SELECT and gives rows of lexical strings (``Store.query`` of one case)."""


def _t(iri: str) -> str:
    """A term for a query: a CURIE where a prefix is known, else ``<iri>``."""
    short = compact_iri(iri)
    return short if short != iri else f"<{iri}>"


def _in(graph: str, pattern: str) -> str:
    return f"GRAPH <{graph}> {{ {pattern} }}"


def _sub(graph: str, variables: str, pattern: str) -> str:
    return f"{{ SELECT {variables} WHERE {{ {_in(graph, pattern)} }} }}"


@cache
def _owners(predicate: str) -> frozenset[str]:
    """Names of the shapes whose rows use ``predicate``."""
    return frozenset(s.name for s in all_shapes() for f in s.fields if f.predicate == predicate)


def _grouped(row: Field) -> bool:
    """References, and literals many records share whose lexical form is enough."""
    value = row.value
    return isinstance(value, Ref | Concept) or (
        isinstance(value, LiteralKind) and value.shared and value.sparql is None)


def _kind_of(row: Field) -> str:
    if isinstance(row.value, Node):
        return "nested"
    if row.link is not None or row.attached is not None or row.rdf_list is not None or (
            not isinstance(row.value, LiteralKind | Ref | Concept)):
        raise MappingError(f"row {row.name!r} cannot be read by a targeted query",
                           hint="read the whole case with store.read_case instead")
    if _grouped(row):
        return "grouped"
    return "values" if row.card.many else "single"


def _extra(row: Field, var: str, exact: str | None = None) -> str:
    """``(DATATYPE(?v) AS ?v_x)`` where the value needs its datatype or language back; with
    ``exact`` (a store's :meth:`~claimgraph.graph.store.base.Store.exact_double`), a number
    also as ``?v_l``, its lexical form read exactly."""
    value = row.value
    if isinstance(value, LiteralKind) and value.sparql:
        out = f" ({value.sparql}(?{var}) AS ?{var}_x)"
        if exact and value.sparql == "DATATYPE":
            out += (f" (IF(DATATYPE(?{var}) = <{_DOUBLE}>, {exact.format(v='?' + var)}, "
                    f"STR(?{var})) AS ?{var}_l)")
        return out
    return ""


_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"


def _class_filter(shape: Shape, graph: str, pattern_predicate: str | None) -> str:
    """A ``?x a Class`` subquery when the predicate alone does not say the record's type."""
    if pattern_predicate is not None and _owners(pattern_predicate) == {shape.name}:
        return ""
    return _sub(graph, "?x", f"?x a {_t(shape.types[0])}")


Nested = Mapping[str, Sequence[str]]
"""Nested row -> the rows of its items to read (all single-valued ones when not given)."""


def queries(shape: Shape, names: Sequence[str], graph: str, nested: Nested | None = None,
            exact: str | None = None) -> list[str]:
    """The SELECTs :func:`read_rows` runs (without the prefix block), in order."""
    return [text for _, text in _plan(shape, tuple(names), graph, nested or {}, exact)]


def _ids(shape: Shape, graph: str) -> str:
    return _sub(graph, "?x ?id", f"?x {_t(shape.row('id').predicate or '')} ?id")


def _plan(shape: Shape, names: tuple[str, ...], graph: str,
          nested: Nested, exact: str | None = None) -> list[tuple[Any, str]]:
    rows = [shape.row(n) for n in names if n != "id"]
    kinds = {row.name: _kind_of(row) for row in rows}
    ids = _ids(shape, graph)
    plan: list[tuple[Any, str]] = []
    grouped = [r for r in rows if kinds[r.name] == "grouped"]
    if grouped:
        branches = "\n      UNION ".join(_branch(r) for r in grouped)
        where = _class_filter(shape, graph, None) if any(
            _owners(r.predicate or "") != {shape.name} for r in grouped) else ""
        plan.append(("grouped", f"""SELECT ?k ?v (GROUP_CONCAT(?id; separator=" ") AS ?ids) WHERE {{
  {ids}{where}
  {{ SELECT ?x ?k ?v WHERE {{ GRAPH <{graph}> {{
      {branches} }} }} }}
}} GROUP BY ?k ?v"""))
    single = [r for r in rows if kinds[r.name] == "single"]
    plan.append((tuple(single), _single(shape, single, graph, ids, exact)))
    for r in rows:
        if kinds[r.name] == "values":
            pattern = f"?x {_t(r.predicate or '')} ?v FILTER(isLiteral(?v))"
            plan.append((r, f"SELECT ?id ?v{_extra(r, 'v', exact)} WHERE {{\n  {ids}"
                            f"{_class_filter(shape, graph, r.predicate)}\n"
                            f"  {_sub(graph, '?x ?v', pattern)} }}"))
        elif kinds[r.name] == "nested":
            plan.append((r, _nested(r, graph, ids, nested.get(r.name), exact)))
    return plan


def _branch(row: Field) -> str:
    p = _t(row.predicate or "")
    if row.inferred is not None:  # only where it was written, not inferred
        return (f'{{ ?x {p} ?v MINUS {{ ?x {_t(row.inferred.flag)} ?inf FILTER(?inf = true) }}'
                f' BIND("{row.name}" AS ?k) }}')
    return f'{{ ?x {p} ?v BIND("{row.name}" AS ?k) }}'


def _single(shape: Shape, rows: list[Field], graph: str, ids: str,
            exact: str | None = None) -> str:
    """One row per record: its id and the single-valued prose rows."""
    head = "?id" + "".join(f" ?{r.name}{_extra(r, r.name, exact)}" for r in rows)
    parts = [_sub(graph, "?x", f"?x a {_t(shape.types[0])}"), ids]
    for r in rows:
        sub = _sub(graph, f"?x ?{r.name}", f"?x {_t(r.predicate or '')} ?{r.name}")
        parts.append(sub if r.card is Card.ONE else f"OPTIONAL {sub}")
    return f"SELECT {head} WHERE {{\n  " + "\n  ".join(parts) + " }"


def _nested(row: Field, graph: str, ids: str, names: Sequence[str] | None,
            exact: str | None = None) -> str:
    """One row per nested node: the record's id, the item's position, its literal and
    reference rows (prose and shared alike; nested nodes are few per record)."""
    node = row.value
    assert isinstance(node, Node)
    inner = _inner(node.shape, names)
    head = "?id" + (" ?i" if row.card is Card.LIST else "") + "".join(
        f" ?{r.name}{_extra(r, r.name, exact)}" for r in inner)
    parts = [ids, _sub(graph, "?x ?n", f"?x {_t(row.predicate or '')} ?n")]
    if row.card is Card.LIST:
        parts.append(_sub(graph, "?n ?i", f"?n {_t(POSITION)} ?i"))
    for r in inner:
        sub = _sub(graph, f"?n ?{r.name}", f"?n {_t(r.predicate or '')} ?{r.name}")
        parts.append(sub if r.card is Card.ONE else f"OPTIONAL {sub}")
    return f"SELECT {head} WHERE {{\n  " + "\n  ".join(parts) + " }"


def _inner(shape: Shape, names: Sequence[str] | None) -> list[Field]:
    """The rows of a nested node a targeted query reads: ``names``, or its single values."""
    if names is not None:
        rows = [shape.row(n) for n in names]
        for r in rows:
            if r.card.many or _kind_of(r) == "nested":
                raise MappingError(f"row {r.name!r} of {shape.name} cannot be read by a "
                                   "targeted query of its parent",
                                   hint="read the whole case with store.read_case instead")
        return rows
    return [r for r in shape.fields if r.link is None and r.attached is None
            and not r.card.many and isinstance(r.value, LiteralKind | Ref | Concept)]


def decode(row: Field, text: str | None, extra: str | None,
           ref: Callable[[str], str]) -> Any:
    """The Python value of one result cell of ``row`` (``ref`` turns an IRI into an id)."""
    if text is None:
        return None
    value = row.value
    if isinstance(value, LiteralKind):
        return text if value.lexical else value.from_lexical(text, extra)
    return ref(text)


def _cells(rows: list[Field]) -> list[tuple[str, str, Callable[..., Any] | None, bool]]:
    """Per row: its variable, the variable of its datatype or language, and how to decode
    it (None: the lexical form is the value; else called with ``extra`` when the flag is
    set)."""
    out: list[tuple[str, str, Callable[..., Any] | None, bool]] = []
    for r in rows:
        value = r.value
        if isinstance(value, LiteralKind):
            fn = None if value.lexical else value.from_lexical
            out.append((r.name, f"{r.name}_x", fn, True))
        else:
            out.append((r.name, "", None, False))  # a reference: decoded by the caller's ref
    return out


def _decode_into(item: dict[str, Any], r: dict[str, str | None],
                 cells: list[tuple[str, str, Callable[..., Any] | None, bool]],
                 ref: Callable[[str], str]) -> None:
    for name, extra, fn, literal in cells:
        text = r[name]
        if text is None:
            continue
        if not literal:
            item[name] = ref(text)
        elif fn is None:
            item[name] = text
        else:  # a number read exactly (``_extra``'s ``?v_l``) where the store needs it
            item[name] = fn(r.get(name + "_l") or text, r.get(extra))


def read_rows(select: Select, shape: Shape, names: Sequence[str], graph: str,
              ref: Callable[[str], str], nested: Nested | None = None,
              exact: str | None = None) -> dict[str, dict[str, Any]]:
    """Record id -> {row name: value} for the rows ``names`` of every record of ``shape``
    in ``graph``. Sets come back as sorted lists (prose sets in store order), a nested list
    as dicts in ``cg:position`` order, a nested node as a dict; absent values are left out.
    A record missing a ``ONE`` row is a :class:`~claimgraph.errors.MappingError`.
    ``exact``: how the store reads an ``xsd:double`` exactly
    (:meth:`~claimgraph.graph.store.base.Store.exact_double`)."""
    out: dict[str, dict[str, Any]] = {}
    nested = nested or {}
    for what, text in _plan(shape, tuple(names), graph, nested, exact):
        rows = select(SPARQL_PREFIXES + text)
        if what == "grouped":
            _absorb_grouped(shape, rows, out, ref)
        elif isinstance(what, tuple):
            cells = _cells(list(what))
            for r in rows:
                _decode_into(out.setdefault(r["id"] or "", {}), r, cells, ref)
        elif isinstance(what.value, Node):
            _absorb_nested(what, _inner(what.value.shape, nested.get(what.name)), rows, out, ref)
        else:
            for r in rows:
                v = decode(what, r.get("v_l") or r["v"], r.get("v_x"), ref)
                out.setdefault(r["id"] or "", {}).setdefault(what.name, []).append(v)
    required = {n for n in names if n != "id" and shape.row(n).card is Card.ONE}
    incomplete = [rid for rid, rec in out.items() if not rec.keys() >= required]
    if incomplete:
        rid = min(incomplete)
        missing = ", ".join(sorted(required - out[rid].keys()))
        raise MappingError(f"{shape.label} {rid!r} lacks {missing}",
                           hint="rebuild the case: `claimgraph build CASE_DIR`")
    for rid, rec in out.items():
        rec["id"] = rid
    return out


def _absorb_grouped(shape: Shape, rows: Iterable[dict[str, str | None]],
                    out: dict[str, dict[str, Any]], ref: Callable[[str], str]) -> None:
    sets: set[str] = set()
    for r in rows:
        ids = r["ids"]
        if not ids:
            continue
        row = shape.row(r["k"] or "")
        name, value = row.name, decode(row, r["v"], None, ref)
        if row.card.many:
            sets.add(name)
            for rid in ids.split(" "):
                rec = out.get(rid)
                if rec is None:
                    rec = out[rid] = {}
                found = rec.get(name)
                if found is None:
                    rec[name] = {value}
                else:
                    found.add(value)
        else:
            for rid in ids.split(" "):
                rec = out.get(rid)
                if rec is None:
                    rec = out[rid] = {}
                rec[name] = value
    for rec in out.values():
        for name in sets & rec.keys():
            rec[name] = sorted(rec[name])


def _absorb_nested(row: Field, fields: list[Field], rows: Iterable[dict[str, str | None]],
                   out: dict[str, dict[str, Any]], ref: Callable[[str], str]) -> None:
    listed: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    cells = _cells(fields)
    for r in rows:
        item: dict[str, Any] = {}
        _decode_into(item, r, cells, ref)
        rid = r["id"] or ""
        if row.card is Card.LIST:
            listed.setdefault(rid, []).append((int(r["i"] or 0), item))
        else:
            out.setdefault(rid, {})[row.name] = item
    for rid, items in listed.items():
        items.sort(key=lambda pair: pair[0])
        out.setdefault(rid, {})[row.name] = [item for _, item in items]


def closure_query(shape: Shape, graph: str) -> str:
    """A CONSTRUCT of every node of ``shape`` and every node they hold (nested nodes, parts,
    ``rdf:List`` cells), with all their triples, from ``graph``."""
    preds = [*sorted(_node_predicates(shape)), str(RDF.rest)]
    path = "|".join(_t(p) for p in preds)
    return (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{\n"
            f"    ?r a {_t(shape.types[0])} ; ({path})* ?s .\n    ?s ?p ?o }} }}")


def _node_predicates(shape: Shape) -> set[str]:
    out: set[str] = set()
    for row in shape.fields:
        if row.rdf_list is not None:
            out.add(row.rdf_list.predicate)
        value = row.value
        if isinstance(value, Node) and row.predicate:
            out.add(row.predicate)
        if isinstance(value, Node | Part | Flat):
            out |= _node_predicates(value.shape)
    return out
