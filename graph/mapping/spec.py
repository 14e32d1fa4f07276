"""The words the mapping table is written in: rows, value kinds, cardinalities, nesting.

A :class:`Shape` maps one Python type (a pydantic model, or a dataclass such as
``SourceText``) onto one RDF node: its classes and one :class:`Field` row per attribute.
A row names the attribute, the predicate, the kind of value and the cardinality:

- **literal kinds** (:class:`LiteralKind`): :data:`STRING` (short values shared between
  records: ids, codes, units, times), :data:`TEXT` (prose: names, quotes, notes),
  :data:`LABEL` (a string or a ``{text, lang}`` label), :data:`INTEGER`, :data:`BOOLEAN`,
  :data:`NUMBER` (integer or double), :data:`PARTIAL_DATE` (``xsd:gYear``/``gYearMonth``/
  ``date``), :data:`DATE`, :data:`URL`, :data:`INT_WORDS` (integers in one string);
- **node kinds**: :class:`Ref` (a record of the case: :data:`ENTITY`, :data:`SOURCE`,
  :data:`CLAIM`, or :data:`AGENT` = entity or source), :class:`Concept` (a concept of a
  vocabulary scheme), :class:`Node` (a nested object on a node of its own, e.g. a quantity),
  :class:`Part` (more attributes of the *same* object on a child node, e.g. the Web
  Annotation selectors of an anchor) and :class:`Flat` (a nested object whose attributes sit
  on the parent's node, e.g. a style);
- **cardinality** (:class:`Card`): ``ONE`` (exactly one in the RDF), ``OPTIONAL`` (at most
  one; absent means the model default), ``SET`` (any number, unordered), ``LIST`` (ordered:
  nested nodes carry ``cg:position``, literals an ``rdf:List``), ``MAP`` (a dict, one nested
  node per key).

Rows may add: ``rdf_list`` (the ``rdf:List`` of an ordered literal list), ``derived``
(write-only values computed from the value, e.g. the first and last day of a time),
``inferred`` (a default computed when the value is absent, flagged as inferred), ``types``
(the concept's standard classes become the subject's ``rdf:type``), ``link`` (a write-only
back-reference: the parent node, or one of the parent's values) and ``attached`` (the value
is not an attribute but side data keyed by the record: a source's stored text, an evidence
item's anchor).

Examples
--------
>>> from claimgraph.graph.namespace import CG
>>> row = Field("via", str(CG.via), ENTITY, Card.SET)
>>> row.card.many, row.value.noun
(True, 'an entity')
>>> PARTIAL_DATE.to_term("2025-04")
'"2025-04"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
>>> NUMBER.to_term(2.5), LABEL.to_term("Peking")
('"2.5"^^<http://www.w3.org/2001/XMLSchema#double>', '"Peking"')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from claimgraph.graph.namespace import CG, RDF, XSD
from claimgraph.graph.nquads import escape_string, lit, lit_double, lit_int, quoted
from claimgraph.graph.rdfterms import Lit, Term, py_value

__all__ = [
    "AGENT",
    "BOOLEAN",
    "CLAIM",
    "DATE",
    "ENTITY",
    "INTEGER",
    "INT_WORDS",
    "LABEL",
    "NUMBER",
    "PARENT",
    "PARTIAL_DATE",
    "POSITION",
    "SAME_ENTITY",
    "SAME_SOURCE",
    "SCHEMES",
    "SOURCE",
    "STRING",
    "TEXT",
    "URL",
    "Card",
    "Concept",
    "Derived",
    "Entry",
    "Field",
    "Flat",
    "Inferred",
    "LiteralKind",
    "Node",
    "Part",
    "RdfList",
    "Ref",
    "Shape",
    "Value",
]

POSITION = str(CG.position)
"""The predicate giving a nested list item its 0-based place."""

PARENT = "^"
"""``Field(link=PARENT)``: the value is the parent node itself."""


class Card(Enum):
    """How many values a row has in the RDF."""

    ONE = "exactly one"
    OPTIONAL = "at most one"
    SET = "any number, unordered"
    LIST = "any number, ordered"
    MAP = "one per key"

    @property
    def many(self) -> bool:
        return self in (Card.SET, Card.LIST, Card.MAP)


# -- literals ---------------------------------------------------------------------------------
def _label(value: Any) -> str:
    if isinstance(value, str):
        return f'"{escape_string(value)}"'
    return f'"{escape_string(value.text)}"@{value.lang}'


def _read_label(term: Term) -> Any:
    from claimgraph.schema.models import bcp47_case

    if isinstance(term, Lit) and term.lang:
        return {"text": term.value, "lang": bcp47_case(term.lang)}
    return term.value if isinstance(term, Lit) else None


_DATE_TYPES = {4: f"<{XSD.gYear}>", 7: f"<{XSD.gYearMonth}>", 10: f"<{XSD.date}>"}


def _partial_date(value: str) -> str:  # no escaping: the model's pattern allows digits and -
    return f'"{value}"^^{_DATE_TYPES[len(value)]}'


def _words(value: tuple[int, ...]) -> str:
    return f'"{" ".join(map(str, value))}"'


def _read_words(term: Term) -> tuple[int, ...]:
    return tuple(int(x) for x in str(py_value(term)).split())


def _lexical(term: Term) -> Any:
    return py_value(term) if isinstance(term, Lit) else None


class Entry(NamedTuple):
    """One key and value of a ``Card.MAP`` row (the object its nested node is written from)."""

    key: str
    value: Any


@dataclass(frozen=True)
class LiteralKind:
    """A kind of literal: how a Python value becomes an N-Quads term and back.

    ``datatypes`` are the XSD datatypes the SHACL shapes accept (any one of them);
    ``shared`` marks short values many records share (worth grouping by value in a query);
    ``sparql`` names the function a query must add to read the value back from its lexical
    form (``DATATYPE`` for numbers, ``LANG`` for labels); ``lexical`` marks kinds whose
    Python value is the lexical form itself (strings, dates, URLs)."""

    name: str
    noun: str
    datatypes: tuple[str, ...]
    to_term: Callable[[Any], str]
    from_term: Callable[[Term], Any] = _lexical
    shared: bool = False
    sparql: str | None = None
    lexical: bool = False
    pattern: str | None = None
    empty_is_absent: bool = False

    def from_lexical(self, text: str, extra: str | None = None) -> Any:
        """The Python value of a SPARQL result (``extra``: its datatype or language)."""
        if self.sparql == "LANG":
            return {"text": text, "lang": extra} if extra else text
        if self.sparql == "DATATYPE":
            return py_value(Lit(text, extra))
        return self.from_term(Lit(text, str(self.datatypes[0]) if self.datatypes else None))


_S = str(XSD.string)
STRING = LiteralKind("string", "a string", (_S,), quoted, shared=True, lexical=True)
TEXT = LiteralKind("text", "a text", (_S,), quoted, lexical=True)
LABEL = LiteralKind("label", "a text, language-tagged or not", (_S, str(RDF.langString)), _label,
                    _read_label, sparql="LANG")
INTEGER = LiteralKind("integer", "an integer", (str(XSD.integer),), lit_int, shared=True)
BOOLEAN = LiteralKind("boolean", "a boolean", (str(XSD.boolean),), lit, shared=True)
NUMBER = LiteralKind("number", "a number", (str(XSD.integer), str(XSD.double), str(XSD.decimal)),
                     lambda v: lit_int(v) if isinstance(v, int) else lit_double(v),
                     shared=True, sparql="DATATYPE")
PARTIAL_DATE = LiteralKind("partial date", "a date (xsd:gYear, xsd:gYearMonth or xsd:date)",
                           (str(XSD.gYear), str(XSD.gYearMonth), str(XSD.date)), _partial_date,
                           shared=True, lexical=True)
_XSD_DATE = f"<{XSD.date}>"
DATE = LiteralKind("date", "a date (xsd:date)", (str(XSD.date),),
                   lambda v: f'"{v}"^^{_XSD_DATE}', shared=True, lexical=True)
URL = LiteralKind("URL", "a URL (xsd:anyURI)", (), lambda v: lit(v, datatype=str(XSD.anyURI)),
                  lexical=True)
INT_WORDS = LiteralKind("integers", "space-separated integers", (_S,), _words, _read_words,
                        pattern=r"^[0-9]+( [0-9]+)*$", empty_is_absent=True)


# -- nodes ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ref:
    """A record of the case (``kinds``: ``entity``, ``source``, ``claim``; with two kinds,
    an id is looked up among the sources first)."""

    kinds: tuple[str, ...]
    noun: str
    cross_case: bool = False
    """Values may be ``CASE:ID``, a record of another case (its IRI in that case)."""


ENTITY = Ref(("entity",), "an entity")
SOURCE = Ref(("source",), "a source")
SAME_ENTITY = Ref(("entity",), "an entity (of this case, or CASE:ID of another)",
                  cross_case=True)
SAME_SOURCE = Ref(("source",), "a source (of this case, or CASE:ID of another)",
                  cross_case=True)
CLAIM = Ref(("claim",), "a claim")
AGENT = Ref(("source", "entity"), "an entity or a source")


SCHEMES: dict[str, tuple[str, str]] = {
    "kind": ("entity-kind", str(CG.EntityKind)),
    "predicate": ("predicate", str(CG.Predicate)),
    "source-kind": ("source-kind", str(CG.SourceKind)),
    "reliability": ("reliability grade", str(CG.ReliabilityGrade)),
    "likelihood": ("likelihood", str(CG.LikelihoodTerm)),
    "rating": ("rating", str(CG.Rating)),
}
"""Vocabulary scheme (``iris.SCHEMES``) -> (what its concepts are called, their class)."""


@dataclass(frozen=True)
class Concept:
    """A concept of a vocabulary scheme, written as its IRI (a case's own concept for kinds
    and predicates the case declares)."""

    scheme: str

    @property
    def noun(self) -> str:
        return f"a known {SCHEMES[self.scheme][0]} concept"

    @property
    def cls(self) -> str:
        return SCHEMES[self.scheme][1]


@dataclass(frozen=True)
class Node:
    """A nested object on its own node: ``X/{segment}`` (``/{i}`` in a list, ``/{key}`` in a
    map), or the concept IRI of the object's id in ``scheme`` (declared vocabulary)."""

    shape: Shape
    segment: str | None = None
    scheme: str | None = None

    @property
    def noun(self) -> str:
        return self.shape.label


@dataclass(frozen=True)
class Part:
    """More attributes of the same object, on a child node ``X/{segment}``."""

    shape: Shape
    segment: str

    @property
    def noun(self) -> str:
        return self.shape.label


@dataclass(frozen=True)
class Flat:
    """A nested object whose attributes are written on the parent's node."""

    shape: Shape

    @property
    def noun(self) -> str:
        return self.shape.label


Value = LiteralKind | Ref | Concept | Node | Part | Flat


@dataclass(frozen=True)
class RdfList:
    """The ``rdf:List`` of an ordered literal list: ``predicate`` -> nodes ``X/{segment}/{i}``;
    an empty list is ``rdf:nil`` when ``nil_when_empty``, else nothing."""

    predicate: str
    segment: str
    nil_when_empty: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "predicate", str(self.predicate))


@dataclass(frozen=True)
class Derived:
    """A write-only value computed from the row's value (None: nothing written)."""

    predicate: str
    kind: LiteralKind
    compute: Callable[[Any], Any]
    doc: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "predicate", str(self.predicate))


@dataclass(frozen=True)
class Inferred:
    """When the attribute is None, ``compute(obj)`` is written instead, with ``flag true``;
    reading gives None back when the flag is true."""

    compute: Callable[[Any], Any]
    flag: str
    doc: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "flag", str(self.flag))


@dataclass(frozen=True)
class Field:
    """One row: attribute ``name`` -> ``predicate`` with values of ``value`` kind."""

    name: str
    predicate: str | None
    value: Value
    card: Card = Card.OPTIONAL
    rdf_list: RdfList | None = None
    derived: tuple[Derived, ...] = ()
    inferred: Inferred | None = None
    types: bool = False
    link: str | None = None
    attached: str | None = None
    id_fallback: bool = False
    doc: str | None = None

    def __post_init__(self) -> None:
        if self.predicate is not None:  # rdflib terms compare unequal to plain strings
            object.__setattr__(self, "predicate", str(self.predicate))
        if self.predicate is None and not isinstance(self.value, Flat) and self.rdf_list is None:
            raise ValueError(f"row {self.name!r}: only a Flat row or an rdf:List has no predicate")
        if self.card is Card.MAP and not isinstance(self.value, Node):
            raise ValueError(f"row {self.name!r}: a MAP holds nested nodes")
        if self.rdf_list is not None and self.card is not Card.LIST:
            raise ValueError(f"row {self.name!r}: an rdf:List needs Card.LIST")


@dataclass(frozen=True, eq=False)
class Shape:
    """A Python type mapped onto one RDF node.

    ``record`` names the IRI of a top-level record (``case``, ``entity``, ``source``,
    ``claim``); ``label`` says what the node is in messages ("a claim"); ``unmapped``
    lists attributes deliberately not written, with the reason; ``graph`` the named graph
    the rows go to (``data``, ``provenance`` or ``derived``; None: the graph of the shape
    above, ``data`` for a record)."""

    name: str
    model: type
    label: str
    types: tuple[str, ...]
    fields: tuple[Field, ...]
    record: str | None = None
    unmapped: dict[str, str] = field(default_factory=dict)
    graph: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", tuple(str(t) for t in self.types))

    def row(self, name: str) -> Field:
        """The row of attribute ``name``."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no row {name!r}")
