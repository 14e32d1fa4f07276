"""Hypothesis on every parser of user input not fuzzed elsewhere (issue 16): RDF import
and `check`, quote anchoring, hostile JSON Lines. No input gives anything but a result or a
claimgraph error, and a refused import changes nothing. (Case YAML and JSON Lines:
test_yaml_fuzz.py; claim search, ids and SPARQL given to `query`: test_security_query.py;
the loaders under atheris: test_atheris.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.build import build_case
from claimgraph.graph.rdfformat import RdfSyntax
from claimgraph.graph.shacl import check_rdf
from claimgraph.graph.store import Store, open_store
from claimgraph.schema.yamlsrc import load_jsonl_line
from claimgraph.sources.anchoring import anchor, normalise

ALPHA = Path(__file__).parent / "fixtures" / "cases" / "store-alpha"
SUPPRESS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
FORMATS = [s.value for s in RdfSyntax]  # every syntax import and check read


@pytest.fixture(scope="module")
def seeds() -> dict[str, bytes]:
    """The alpha case exported in every format import reads: valid inputs to mutate."""
    store = open_store(":memory:")
    build_case(ALPHA, store)
    nq = store.export("nquads")
    triples = [q.triple for q in ox.parse(nq, ox.RdfFormat.N_QUADS)]
    return {"nquads": nq, "trig": store.export("trig"), "jsonld": store.export("jsonld"),
            "turtle": store.export("turtle"),
            "ntriples": ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
            "rdfxml": ox.serialize(triples, format=ox.RdfFormat.RDF_XML) or b""}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """A valid document cut, spliced, with bytes and syntax inserted or deleted."""
    data = bytearray(seed[: draw(st.integers(0, min(len(seed), 4000)))])
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "dup"]))
        if op == "insert":
            data[pos:pos] = draw(st.one_of(
                st.binary(max_size=8),
                st.sampled_from([b"<", b">", b'"', b"\\", b"{", b"}", b"[", b"]", b"(", b")",
                                 b"@prefix", b"GRAPH", b"_:b", b"\x00", b"\xff\xfe",
                                 b'"@context"', b"<!DOCTYPE x [<!ENTITY a \"b\">]>", b"&a;",
                                 b"\\u0000", b"^^<", b"@en-", b"[" * 200, b"\n"])))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 20))]
        else:
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 40))]
    return bytes(data)


@pytest.fixture(scope="module")
def target() -> tuple[Store, bytes]:
    store = open_store(":memory:")
    build_case(ALPHA, store)
    return store, store.dump()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@given(data=st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=SUPPRESS)
def test_rdf_import_never_crashes_and_a_refusal_changes_nothing(
        fmt: str, seeds: dict[str, bytes], target: tuple[Store, bytes],
        data: st.DataObject) -> None:
    store, before = target
    doc = data.draw(mutated(seeds[fmt]))
    try:
        entries = store.import_rdf(doc, fmt, name="fuzz")
    except ClaimgraphError as exc:
        assert exc.message
        assert store.dump() == before
        return
    current = {c.id for c in store.cases()}
    assert all(e.id in current for e in entries)  # accepted: catalogued
    if store.dump() != before:  # put the store back for the next example
        store.update("CLEAR ALL")
        store.load_nquads(before)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@given(data=st.data())
@settings(max_examples=25, deadline=None, suppress_health_check=SUPPRESS)
def test_check_never_crashes(fmt: str, seeds: dict[str, bytes], data: st.DataObject) -> None:
    doc = data.draw(mutated(seeds[fmt])).decode("utf-8", "replace")
    try:
        problems = check_rdf(doc, fmt=fmt)
    except ClaimgraphError as exc:
        assert exc.message
        return
    assert all(p.message for p in problems)


@given(text=st.text(max_size=400), quote=st.text(min_size=1, max_size=60),
       occurrence=st.one_of(st.none(), st.integers(1, 5)))
@settings(max_examples=400, deadline=None)
def test_anchoring_never_crashes_and_spans_are_in_the_text(text: str, quote: str,
                                                           occurrence: int | None) -> None:
    a = anchor(text, quote, occurrence)
    if a.status == "not_found":
        if a.closest is not None:
            start, end, similarity = a.closest
            assert 0 <= start <= end <= len(text) and 0 <= similarity <= 1
        return
    assert a.start is not None and a.end is not None
    assert 0 <= a.start <= a.end <= len(text)
    assert a.exact == text[a.start:a.end]
    if a.status == "exact":
        assert a.exact == quote
    else:
        assert normalise(a.exact) == normalise(quote)


HOSTILE_JSON = ["[" * 5000, "]" * 50, '{"a":' * 3000, "NaN", "-Infinity", "1e99999",
                "\\u0000", "\\ud800", '"\\u001b[2J"', '"\u202e"', "\x85", "\x00", "true",
                '{"id": "x"}', ",", ":", '"' + "x" * 300 + '"', "null", "\\", "}" * 3]


@given(st.lists(st.sampled_from(HOSTILE_JSON), max_size=12).map("".join))
@settings(max_examples=300, deadline=None)
def test_hostile_json_lines_are_reported_at_their_line(text: str) -> None:
    doc = load_jsonl_line(text.replace("\n", " "), "x-claims.jsonl", 9)
    for p in doc.problems:
        assert p.line == 9 and p.message and p.file == "x-claims.jsonl"
    if doc.value is not None:
        json.dumps(doc.value)  # whatever was read is plain data
