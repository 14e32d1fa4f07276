"""The N-Quads writers escape anything so that Oxigraph parses it back unchanged."""

from __future__ import annotations

import math

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.graph import iris
from claimgraph.graph.nquads import escape_string, iri, lit, quad

CHARS = st.characters(exclude_categories=["Cs"])
S, P, G = iri("https://e.org/s"), iri("https://e.org/p"), iri("https://e.org/g")


def _parse_one(line: str) -> ox.Quad:
    quads = list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == 1
    return quads[0]


@settings(max_examples=300, deadline=None)
@given(st.text(CHARS, max_size=60))
def test_any_string_literal_parses_back_unchanged(text: str) -> None:
    q = _parse_one(quad(S, P, lit(text), G))
    assert isinstance(q.object, ox.Literal)
    assert q.object.value == text
    assert q.graph_name == ox.NamedNode("https://e.org/g")


@settings(max_examples=100, deadline=None)
@given(st.text(CHARS, min_size=1, max_size=30),
       st.sampled_from(["en", "zh-Hant", "pt-BR", "es-419", "de-CH-1901"]))
def test_language_tagged_literals(text: str, lang: str) -> None:
    obj = _parse_one(quad(S, P, lit(text, lang=lang))).object
    assert isinstance(obj, ox.Literal)
    assert (obj.value, obj.language) == (text, lang.lower())


@settings(max_examples=200, deadline=None)
@given(st.integers() | st.floats() | st.booleans())
def test_numbers_and_booleans_keep_type_and_value(value: int | float | bool) -> None:
    obj = _parse_one(quad(S, P, lit(value))).object
    assert isinstance(obj, ox.Literal)
    kind = {bool: "boolean", int: "integer", float: "double"}[type(value)]
    assert obj.datatype == ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{kind}")
    if isinstance(value, bool):
        assert obj.value == ("true" if value else "false")
    elif isinstance(value, int):
        assert int(obj.value) == value
    elif math.isnan(value):
        assert obj.value == "NaN"
    else:
        assert float(obj.value) == value


@settings(max_examples=200, deadline=None)
@given(st.text(CHARS, min_size=1, max_size=30))
def test_any_id_makes_a_valid_iri_that_decodes_back(value: str) -> None:
    term = iris.claim_iri("demo", value)
    q = _parse_one(quad(iri(term), P, lit("x")))
    assert isinstance(q.subject, ox.NamedNode)
    assert iris.local_id(q.subject.value) == value
    assert iris.parse_iri(q.subject.value) == iris.IriParts("demo", "claim", value, ())


@settings(max_examples=200, deadline=None)
@given(st.text(CHARS, max_size=30))
def test_iri_writer_percent_encodes_what_an_iriref_may_not_hold(tail: str) -> None:
    q = _parse_one(quad(iri("https://e.org/" + tail), P, lit("x")))
    assert isinstance(q.subject, ox.NamedNode)


def test_escape_string_is_minimal() -> None:
    assert escape_string('a"b\\c\nd\re\tf') == 'a\\"b\\\\c\\nd\\re\tf'
    assert escape_string("plain ünïcödé") == "plain ünïcödé"


@pytest.mark.parametrize("value", ["..", ".", "a/b", "a b", "ü"])
def test_awkward_ids_are_one_segment(value: str) -> None:
    seg = iris.segment(value)
    assert "/" not in seg and seg not in (".", "..")
