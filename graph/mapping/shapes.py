"""SHACL shapes made from the mapping table (``schema/shapes.ttl``).

One ``sh:NodeShape`` per node the mapping writes: a record's (``sh:targetClass``), a nested
node's (``sh:targetObjectsOf`` the predicate leading to it, or its class when two rows share
the predicate). One property shape per row, its constraints read from the row and from the
model's own field metadata, so nothing is written twice:

- cardinality: ``ONE`` -> ``sh:minCount 1 ; sh:maxCount 1``, ``OPTIONAL`` -> ``sh:maxCount 1``
  (an id read from the IRI when absent, or a row of side data, is never required);
- values: the literal kind's datatype(s) (``sh:or`` of them for several), ``sh:class`` of a
  referenced record or a concept's scheme, ``sh:class`` of a nested node's type;
- from the model: ``pattern`` -> ``sh:pattern`` (on string values), ``min_length`` ->
  ``sh:minLength``, ``ge`` -> ``sh:minInclusive``, a ``Literal[...]`` type -> ``sh:in``;
- one ``sh:message`` per property shape, made from the row: "a claim needs exactly one
  cg:subject, an entity".

Constraints that are not mapping (a claim without evidence is a warning, the anchor's source
is the evidence's source, ``start <= end`` ...) are written by hand in
``schema/shapes-extra.ttl`` and appended. ``python -m claimgraph.graph.mapping`` rewrites
the file; ``tests/test_mapping_table.py`` fails when it is stale.

Examples
--------
>>> text = render_shapes()
>>> "cgsh:ClaimShape a sh:NodeShape" in text
True
>>> print(next(line.strip() for line in text.splitlines() if '"a claim needs exactly one cg:subject' in line))
sh:message "a claim needs exactly one cg:subject, an entity" ] ,
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from claimgraph.graph.namespace import PREFIXES, XSD, compact_iri

from .spec import Card, Concept, Field, Flat, LiteralKind, Node, Part, Ref, Shape
from .table import RECORDS

__all__ = ["EXTRA_FILE", "SHAPES_FILE", "render_shapes"]

SHAPES_FILE = "shapes.ttl"
EXTRA_FILE = "shapes-extra.ttl"
CGSH = "https://w3id.org/claimgraph/shapes#"
_STRING_KINDS = ((str(XSD.string),), ())  # kinds whose lexical form a pattern may check


@dataclass
class _Facets:
    pattern: str | None = None
    min_length: int | None = None
    ge: int | None = None
    choices: tuple[Any, ...] = ()


def _meta(m: Any, out: _Facets) -> None:
    if isinstance(m, FieldInfo):
        for x in m.metadata:
            _meta(x, out)
        return
    for name in ("pattern", "min_length", "ge"):
        value = getattr(m, name, None)
        if value is not None:
            setattr(out, name, value)


def _walk(tp: Any, out: _Facets) -> None:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        for m in args[1:]:
            _meta(m, out)
        _walk(args[0], out)
    elif origin in (typing.Union, types.UnionType):
        for a in args:
            if a is not type(None):
                _walk(a, out)
    elif origin is typing.Literal:
        out.choices = args
    elif origin in (list, tuple, set, frozenset) and args:
        _walk(args[0], out)


def _facets(model: type, name: str) -> _Facets:
    """Constraints the model itself puts on attribute ``name``."""
    out = _Facets()
    if isinstance(model, type) and issubclass(model, BaseModel):
        info = model.model_fields.get(name)
        if info is None:
            return out
        _meta(info, out)
        _walk(info.annotation, out)
    else:
        hints = typing.get_type_hints(model, include_extras=True)
        if name in hints:
            _walk(hints[name], out)
    return out


def _c(iri: str) -> str:
    short = compact_iri(iri)
    return short if short != iri else f"<{iri}>"


def _s(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _s(str(value))


def _or(constraint: str, values: list[str]) -> str:
    if len(values) == 1:
        return f"{constraint} {values[0]}"
    return "sh:or ( " + " ".join(f"[ {constraint} {v} ]" for v in values) + " )"


@dataclass
class _Property:
    path: str
    parts: list[str] = field(default_factory=list)
    message: str = ""

    def render(self) -> str:
        body = " ; ".join([f"sh:path {_c(self.path)}", *self.parts])
        return f"[ {body} ;\n        sh:message {_s(self.message)} ]"


def _noun(row: Field, facets: _Facets) -> str:
    if facets.choices:
        quoted = [f'"{c}"' for c in facets.choices]
        return ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else quoted[0]
    value = row.value
    if row.link is not None:
        return row.doc or "a node"
    noun = value.noun
    if isinstance(value, LiteralKind) and value.datatypes in _STRING_KINDS and facets.pattern:
        noun += f" matching {facets.pattern}"
    if facets.ge is not None:
        noun += f" of at least {facets.ge}"
    return noun


def _values(row: Field, facets: _Facets) -> list[str]:
    """The value constraints of a row."""
    value = row.value
    out: list[str] = []
    if row.link is not None:
        return ["sh:nodeKind sh:IRI"]
    if isinstance(value, LiteralKind):
        if value.datatypes:
            out.append(_or("sh:datatype", [_c(d) for d in value.datatypes]))
        if value.datatypes in _STRING_KINDS:
            pattern = value.pattern or facets.pattern
            if pattern:
                out.append(f"sh:pattern {_s(pattern)}")
        if facets.min_length:
            out.append(f"sh:minLength {facets.min_length}")
    elif isinstance(value, Ref) and value.cross_case:
        out.append("sh:nodeKind sh:IRI")  # a record of another case may not be in this RDF
    elif isinstance(value, Ref):
        out.append(_or("sh:class", [_c(_RECORD_CLASS[k]) for k in value.kinds]))
    elif isinstance(value, Concept):
        out.append(f"sh:class {_c(value.cls)}")
    elif isinstance(value, Node | Part) and value.shape.types:
        out.append(f"sh:class {_c(value.shape.types[0])}")
    if facets.ge is not None:
        out.append(f"sh:minInclusive {facets.ge}")
    if facets.choices:
        out.append("sh:in ( " + " ".join(_literal(c) for c in facets.choices) + " )")
    return out


def _cardinality(row: Field, relaxed: bool) -> tuple[list[str], str]:
    """Count constraints and the verb of the message."""
    if row.card.many:
        return [], "every"
    if row.card is Card.ONE and not relaxed and not row.id_fallback:
        return ["sh:minCount 1", "sh:maxCount 1"], "needs exactly one"
    return ["sh:maxCount 1"], "has at most one"


def _message(label: str, verb: str, path: str, noun: str) -> str:
    if verb == "every":
        return f"every {_c(path)} of {label} is {noun}"
    return f"{label} {verb} {_c(path)}, {noun}"


def _properties(shape: Shape, label: str, facets: dict[str, _Facets] | None = None,
                relaxed: bool = False) -> list[_Property]:
    """Property shapes of ``shape``'s rows (and of its flat rows, on the same node). Rows
    sharing a predicate get none: their nodes are told apart, and checked, by class.
    ``facets`` overrides the model's constraints (the key and value of a map entry)."""
    preds = [r.predicate for r in shape.fields if r.predicate]
    out: list[_Property] = []
    for row in shape.fields:
        value = row.value
        if isinstance(value, Flat):
            out += _properties(value.shape, label, None, relaxed or row.attached is not None
                               or row.card is not Card.ONE)
            continue
        facet = (facets or {}).get(row.name) or _facets(shape.model, row.name)
        if row.predicate is not None and preds.count(row.predicate) == 1:
            counts, verb = _cardinality(row, relaxed)
            out.append(_Property(row.predicate, counts + _values(row, facet), _message(
                label, verb, row.predicate, _noun(row, facet))))
        if row.rdf_list is not None:
            out.append(_Property(row.rdf_list.predicate, ["sh:maxCount 1"],
                                 f"{label} has at most one {_c(row.rdf_list.predicate)}, "
                                 "an rdf:List"))
        for d in row.derived:
            out.append(_Property(d.predicate, ["sh:maxCount 1", _or(
                "sh:datatype", [_c(t) for t in d.kind.datatypes])],
                f"{label} has at most one {_c(d.predicate)}, {d.kind.noun}"))
        if row.inferred is not None:
            flag = row.inferred.flag
            out.append(_Property(flag, ["sh:maxCount 1", f"sh:datatype {_c(XSD.boolean)}"],
                                 f"{label} has at most one {_c(flag)}, a boolean"))
    return out


def _entry_facets(model: type, name: str) -> dict[str, _Facets]:
    """The constraints on the keys and values of the dict attribute ``name``."""
    out = {"key": _Facets(), "value": _Facets()}
    if isinstance(model, type) and issubclass(model, BaseModel) and name in model.model_fields:
        args = typing.get_args(model.model_fields[name].annotation)
        if len(args) == 2:
            _walk(args[0], out["key"])
            _walk(args[1], out["value"])
    return out


_RECORD_CLASS = {s.record: s.types[0] for s in RECORDS if s.record and s.types}


Target = tuple[Shape, list[str], dict[str, _Facets] | None]


def _node_shapes(records: tuple[Shape, ...]) -> list[Target]:
    """Every shape that is a node of its own, with its target declarations (and, for a map
    entry, the constraints of the map's keys and values)."""
    out: list[Target] = []

    def descend(shape: Shape) -> None:
        preds = [r.predicate for r in shape.fields if r.predicate]
        for row in shape.fields:
            value = row.value
            if isinstance(value, Flat):
                descend(value.shape)
            elif isinstance(value, Node | Part) and not any(s is value.shape for s, _, _ in out):
                p = row.predicate or ""
                target = (f"sh:targetClass {_c(value.shape.types[0])}" if preds.count(p) > 1
                          else f"sh:targetObjectsOf {_c(p)}")
                facets = _entry_facets(shape.model, row.name) if row.card is Card.MAP else None
                out.append((value.shape, [target], facets))
                descend(value.shape)

    for record in records:
        out.append((record, [f"sh:targetClass {_c(record.types[0])}"], None))
        descend(record)
    return out


def _extra_text() -> str:
    return resources.files("claimgraph.schema").joinpath(EXTRA_FILE).read_text("utf-8")


def render_shapes(records: tuple[Shape, ...] = RECORDS) -> str:
    """The text of ``schema/shapes.ttl`` (for the mapping table's ``records``)."""
    prefixes = {**PREFIXES, "cgsh": CGSH}
    lines = [
        "# GENERATED by `python -m claimgraph.graph.mapping` from the mapping table",
        "# (graph/mapping/table.py) and the hand-written constraints of schema/shapes-extra.ttl;",
        "# do not edit. What `claimgraph check` validates any RDF against, whether it came",
        "# from a case build or not. `sh:class` constraints on vocabulary concepts see the",
        "# bundled concept schemes because graph/shacl.py passes schema/claimgraph.ttl to",
        "# pyshacl as the ontology graph.",
        "",
        *(f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items()),
        "",
        "cgsh:prefixes",
        "    sh:declare " + " ,\n               ".join(
            f'[ sh:prefix "{p}" ; sh:namespace "{ns}"^^xsd:anyURI ]'
            for p, ns in PREFIXES.items()) + " .",
    ]
    for shape, targets, facets in _node_shapes(records):
        props = _properties(shape, shape.label, facets)
        lines += ["", f"# --- {shape.label}: {shape.name} of graph/mapping/table.py",
                  f"cgsh:{shape.name}Shape a sh:NodeShape ;"]
        lines += [f"    {t} ;" for t in targets]
        lines.append("    sh:property\n      " + " ,\n      ".join(p.render() for p in props)
                     + " .")
    lines += ["", "# " + "-" * 88, f"# hand-written constraints: schema/{EXTRA_FILE}",
              "# " + "-" * 88, ""]
    return "\n".join(lines) + "\n" + _extra_text()

