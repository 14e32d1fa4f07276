"""Build provenance: files with hashes, curators, tool, file:line:col of every record."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest

from claimgraph.errors import BuildError
from claimgraph.graph import iris
from claimgraph.graph.buildinfo import buildinfo_nquads, tool_version
from claimgraph.graph.namespace import SPARQL_PREFIXES
from claimgraph.sources.validation import ValidationResult, validate_case

CASE = Path(__file__).parent / "fixtures" / "cases" / "store-alpha"
WHEN = datetime(2026, 11, 28, 21, 0, 0, 123456, tzinfo=UTC)
GRAPH = iris.provenance_graph("store-alpha", suffix="b1")
PREFIXES = SPARQL_PREFIXES


@pytest.fixture(scope="module")
def result() -> ValidationResult:
    r = validate_case(CASE)
    assert r.ok
    return r


@pytest.fixture(scope="module")
def store(result: ValidationResult) -> ox.Store:
    s = ox.Store()
    text = buildinfo_nquads(result, graph=GRAPH, build_id="b1", built_at=WHEN)
    s.load(text.encode(), format=ox.RdfFormat.N_QUADS)
    return s


def _rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    res = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(res, ox.QuerySolutions)
    return sorted(tuple(t.value if t is not None else "" for t in row) for row in res)


def test_every_record_and_evidence_item_knows_where_it_was_written(
        result: ValidationResult, store: ox.Store) -> None:
    rows = {r[0]: r[1] for r in _rows(store, "SELECT ?r ?at WHERE { ?r cg:definedAt ?at }")}
    loaded = result.loaded
    for (kind, rid), origin in loaded.origins.items():
        assert rows[iris.record_iri("store-alpha", kind, rid)] == (
            f"{origin.file}:{origin.line}:{origin.col}")
    c = next(c for c in loaded.claims if c.id == "nc-2023")
    claim_origin = loaded.origin("claim", "nc-2023")
    assert claim_origin is not None
    file, line, col = claim_origin.at("evidence", 1)
    assert rows[iris.evidence_iri("store-alpha", c.id, 1)] == f"{file}:{line}:{col}"
    assert rows[iris.case_iri("store-alpha")] == "case.yaml:1:1"
    # the line really holds the record
    claim_line = rows[iris.claim_iri("store-alpha", "denial")].split(":")
    text = (CASE / claim_line[0]).read_text("utf-8").splitlines()[int(claim_line[1]) - 1]
    assert "denial" in text


def test_files_with_hashes_including_source_texts(store: ox.Store) -> None:
    rows = _rows(store, "SELECT ?path ?sha WHERE { ?b a cg:Build ; prov:used ?f . "
                        "?f cg:path ?path ; cg:sha256 ?sha }")
    paths = [p for p, _ in rows]
    assert paths == ["case.yaml", "data.yaml", "texts/review.txt", "texts/wire.txt"]
    for path, sha in rows:
        if path.endswith(".yaml"):
            assert sha == hashlib.sha256((CASE / path).read_bytes()).hexdigest()
    records = _rows(store, "SELECT DISTINCT ?path WHERE { ?r cg:definedIn/cg:path ?path }")
    assert records == [("case.yaml",), ("data.yaml",)]


def test_when_by_whom_and_which_tool(store: ox.Store) -> None:
    rows = _rows(store, """SELECT ?when ?version ?g WHERE {
        ?b a prov:Activity ; prov:startedAtTime ?when ; cg:toolVersion ?version .
        ?g prov:wasGeneratedBy ?b }""")
    assert rows == [("2026-11-28T21:00:00.123456Z", tool_version(),
                     iris.data_graph("store-alpha", suffix="b1"))]
    people = _rows(store, "SELECT ?name ?pos WHERE { ?b prov:wasAssociatedWith ?p . "
                          "?p a prov:Person ; schema:name ?name ; cg:position ?pos }")
    assert people == [("A. Curator", "1"), ("Store Tester", "0")]
    assert _rows(store, "SELECT ?v WHERE { ?t a prov:SoftwareAgent ; schema:softwareVersion ?v }"
                 ) == [(tool_version(),)]


def test_output_is_deterministic_and_in_the_named_graph(result: ValidationResult) -> None:
    a = buildinfo_nquads(result, graph=GRAPH, build_id="b1", built_at=WHEN, tool="9.9")
    b = buildinfo_nquads(result, graph=GRAPH, build_id="b1", built_at=WHEN, tool="9.9")
    assert a == b
    assert all(line.endswith(f" <{GRAPH}> .") for line in a.splitlines())
    assert '"9.9"' in a


def test_naive_build_time_is_refused(result: ValidationResult) -> None:
    with pytest.raises(BuildError, match="no time zone"):
        buildinfo_nquads(result, graph=GRAPH, built_at=datetime(2026, 1, 1))
