"""`claimgraph query` only reads and never calls out; ids, names and search words never
change a SPARQL query or an N-Quads line (issue 16: injection, read-only queries)."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import ClaimgraphError, NotFoundError
from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.provenance.trace import find_claims, trace_claim
from claimgraph.graph.store import Store, open_store
from claimgraph.sources.validation import validate_case

CASES = Path(__file__).parent / "fixtures" / "cases"
ALPHA = CASES / "store-alpha"
HOSTILE = ['"', "'", "\\", "{", "}", "\n", "\r", "> .", '" .', "<urn:evil>", "#", "\\u0022",
           "\\\\", '"""', "'''", "}} ; DROP ALL ; #", ")", "(", "\t", "$x", "?s"]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=5)),
                        min_size=1, max_size=8).map("".join)


def target(store: Store) -> list[str]:
    if store.location.startswith("http"):
        return ["--endpoint", store.location]
    store.close()
    return ["--store", store.location]


def reopened(args: list[str]) -> Store:
    return open_store(endpoint=args[1]) if args[0] == "--endpoint" else open_store(args[1])


# -- updates -------------------------------------------------------------------------------
UPDATES = ["DROP ALL", "CLEAR ALL", "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
           "LOAD <file:///etc/passwd>", "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }",
           "# a comment\ninsert { ?s ?p 1 } WHERE { ?s ?p ?o }", "CREATE GRAPH <urn:x:g>",
           "WITH <urn:x:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
           "SELECT * WHERE { ?s ?p ?o } ; DROP ALL"]


@pytest.mark.parametrize("update", UPDATES)
def test_query_refuses_updates_with_a_plain_message(store: Store, update: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    build_case(ALPHA, store)
    before = store.dump()
    args = target(store)
    assert main([*args, "query", update]) == 1
    err = capsys.readouterr().err
    assert "updates are not allowed" in err and "claimgraph query only reads" in err
    assert "expected one of" not in err
    with reopened(args) as again:
        assert again.dump() == before


# -- SERVICE -------------------------------------------------------------------------------
class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def _answer(self) -> None:
        type(self).hits.append(self.path)
        body = b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that records every request it gets."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Recorder.hits
    finally:
        server.shutdown()


SERVICES = ["SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
            "SELECT * WHERE {{ SERVICE#comment\n<{url}> {{ ?s ?p ?o }} }}",
            "PREFIX s: <{url}#>\nSELECT * WHERE {{ ?s ?p ?o . SeRvIcE <{url}> {{ ?x ?y ?z }} }}"]


@pytest.mark.parametrize("query", SERVICES)
def test_service_is_refused_and_nothing_is_requested(
        store: Store, listener: tuple[str, list[str]], query: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    url, hits = listener
    args = target(store)
    assert main([*args, "query", query.format(url=url)]) == 1
    err = capsys.readouterr().err
    assert "SERVICE" in err and "--allow-service" in err
    assert hits == []


def test_allow_service_lets_the_embedded_store_call_out(
        tmp_path: Path, listener: tuple[str, list[str]],
        capsys: pytest.CaptureFixture[str]) -> None:
    url, hits = listener
    q = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}"
    code = main(["--store", _empty_store(tmp_path), "query", "--allow-service", q, "-f", "json"])
    assert (code, json.loads(capsys.readouterr().out)) == (0, [])
    assert len(hits) == 1


def _empty_store(tmp_path: Path) -> str:
    """An empty embedded store (read commands never create one)."""
    path = tmp_path / "s"
    open_store(path).close()
    return str(path)


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?service ?p "SERVICE" }',
    "PREFIX service: <urn:x:>\nSELECT * WHERE { ?s service:p ?o }",
    "SELECT * WHERE { ?s <urn:x:SERVICE> ?o } # SERVICE <http://x/>",
    "SELECT * WHERE { ?s ?p '''a SERVICE <http://x/> { }''' }"])
def test_the_word_service_elsewhere_is_fine(tmp_path: Path, query: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", _empty_store(tmp_path), "query", query, "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


SUPPRESS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture(scope="module")
def built() -> tuple[Store, bytes]:
    """An in-memory store holding the alpha case, and its dump."""
    store = open_store(":memory:")
    build_case(ALPHA, store)
    return store, store.dump()


@given(text=st.one_of(st.text(max_size=80), hostile_text,
                      st.sampled_from(UPDATES + [s.format(url="http://127.0.0.1:9/")
                                                 for s in SERVICES])))
@settings(max_examples=300, deadline=None, suppress_health_check=SUPPRESS)
def test_any_text_given_as_a_query_reads_or_fails_cleanly(built: tuple[Store, bytes],
                                                          text: str) -> None:
    store, dump = built
    try:
        store.run(text)
    except ClaimgraphError as exc:
        assert exc.message
    assert store.dump() == dump


# -- injection -----------------------------------------------------------------------------
@given(words=hostile_text)
@settings(max_examples=200, deadline=None, suppress_health_check=SUPPRESS)
def test_search_words_never_change_the_query(built: tuple[Store, bytes], words: str) -> None:
    store, dump = built
    matches = find_claims(store, words)
    for m in matches:  # by id, or by the word search (any word form: not a substring test)
        assert m.id == words or (m.score is not None and 0 < m.score <= 1), (words, m)
    assert store.dump() == dump


@given(case=hostile_text, claim=hostile_text)
@settings(max_examples=100, deadline=None, suppress_health_check=SUPPRESS)
def test_ids_never_change_the_query(built: tuple[Store, bytes], case: str, claim: str) -> None:
    store, dump = built
    with pytest.raises(NotFoundError):
        trace_claim(store, "store-alpha", claim)
    with pytest.raises(NotFoundError):
        store.case_info(case)
    assert store.dump() == dump


PAYLOAD = '"> .\n<urn:evil> <urn:evil> "x" <https://w3id.org/claimgraph/catalog> .\n# \\" }'


def test_hostile_text_in_every_field_is_written_as_data(tmp_path: Path) -> None:
    """Names, texts, quotes and notes full of N-Quads and SPARQL syntax: built, read back
    unchanged, found by search, and not one quad more than the case holds."""
    root = tmp_path / "inj"
    root.mkdir()
    (root / "texts").mkdir()
    quote = f"China {PAYLOAD} supplies"
    (root / "texts" / "a.txt").write_text(f"Before. {quote} after.\n", encoding="utf-8")
    (root / "case.yaml").write_text(f"id: inj\ntitle: {json.dumps(PAYLOAD)}\n")
    records = {
        "entities": [{"id": "china", "name": PAYLOAD, "kind": "state", "aliases": [PAYLOAD],
                      "note": PAYLOAD},
                     {"id": "russia", "name": "Russia } ; DROP ALL", "kind": "state"}],
        "sources": [{"id": "art", "title": PAYLOAD, "kind": "analysis", "text": "texts/a.txt",
                     "publisher": PAYLOAD}],
        "claims": [{"id": "c1", "text": f"China supplies Russia {PAYLOAD}", "subject": "china",
                    "predicate": "supplies", "object": "russia", "note": PAYLOAD,
                    "evidence": [{"source": "art", "quote": quote, "note": PAYLOAD}]}]}
    (root / "data.yaml").write_text(json.dumps(records), encoding="utf-8")
    result = validate_case(root)
    assert result.ok, [p.format() for p in result.problems]
    store = open_store(tmp_path / "s")
    build_case(root, store)
    assert store.read_case("inj") == result.case.canonical()  # type: ignore[union-attr]
    assert [c.title for c in store.cases()] == [PAYLOAD]
    assert store.query("SELECT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), 'urn:')) }") == []
    assert not any(g.startswith("urn:") for g in store.named_graphs())
    [m] = find_claims(store, 'supplies "> . <urn:evil>')
    assert m.id == "c1"
    assert trace_claim(store, "inj", "c1")["evidence"][0]["quote"] == quote
