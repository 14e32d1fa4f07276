"""The store on both backends (embedded Oxigraph on disk and a real `oxigraph serve`):
catalogue, scoped reads, atomic replace with injected failures, drop, export/import, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from claimgraph.errors import BuildError, NotFoundError, QueryError, StoreError
from claimgraph.graph.store import CATALOG_GRAPH, CaseGraphs, CaseInfo, Store, open_store
from claimgraph.graph.store.catalog import build_graph
from claimgraph.graph.store.terms import nt_literal

EX = "http://example.org/"


def entry(case_id: str, build: str, title: str = "T") -> CaseInfo:
    graphs = CaseGraphs(data=build_graph(case_id, "data", build),
                        provenance=build_graph(case_id, "provenance", build))
    return CaseInfo(case_id, "case", title, build, "2026-01-01T00:00:00Z", graphs,
                    {"claims": 1, "quads": 3})


def payload(e: CaseInfo, value: str) -> list[tuple[str, bytes]]:
    data = (f'<{EX}{e.id}/s> <{EX}p> {nt_literal(value)} <{e.graphs.data}> .\n'
            f'<{EX}{e.id}/s> <{EX}q> _:b1 <{e.graphs.data}> .\n')
    prov = f"<{EX}{e.id}/s> <{EX}builtFrom> {nt_literal(value + '.yaml')} <{e.graphs.provenance}> .\n"
    return [("data", data.encode()), ("provenance", prov.encode())]


def values(store: Store, case: str | None = None) -> list[str | None]:
    rows = store.query(f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o", case=case)
    return [r["o"] for r in rows]


def test_empty_store(store: Store) -> None:
    assert store.cases() == []
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [{"n": "0"}]
    assert store.query("ASK { ?s ?p ?o }") == [{"ask": "false"}]


def test_replace_makes_an_entry_current(store: Store) -> None:
    a = entry("a", "b1", title='Alpha "one"')
    store.replace([a], payload(a, "x"))
    assert store.cases() == [a]
    assert store.case_info("a").graphs.data == build_graph("a", "data", "b1")
    assert values(store) == ["x"]
    assert values(store, case="a") == ["x"]
    rows = store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{EX}a/s> <{EX}p> ?o }} }}")
    assert rows == [{"g": a.graphs.data}]


def test_staged_graphs_are_invisible_until_the_flip(store: Store) -> None:
    a1 = entry("a", "b1")
    store.replace([a1], payload(a1, "old"))
    seen: dict[str, object] = {}

    def peek(stage: str) -> None:
        seen[stage] = (values(store), [e.build for e in store.cases()])

    a2 = entry("a", "b2")
    store.replace([a2], payload(a2, "new"), fail_point=peek)
    assert seen == {"before-load": (["old"], ["b1"]), "loaded:data": (["old"], ["b1"]),
                    "loaded:provenance": (["old"], ["b1"]), "before-flip": (["old"], ["b1"]),
                    "after-flip": (["new"], ["b2"])}
    assert values(store) == ["new"]


@pytest.mark.parametrize("stage", ["loaded:data", "loaded:provenance", "before-flip"])
def test_failure_before_the_flip_leaves_the_store_exactly_as_it_was(
        store: Store, stage: str) -> None:
    a1, b1 = entry("a", "b1"), entry("b", "b1")
    store.replace([a1], payload(a1, "old"))
    store.replace([b1], payload(b1, "other"))
    before, graphs_before = store.dump(), store.named_graphs()

    def crash(at: str) -> None:
        if at == stage:
            raise RuntimeError("disk on fire")

    a2 = entry("a", "b2")
    with pytest.raises(BuildError, match="disk on fire") as info:
        store.replace([a2], payload(a2, "new"), fail_point=crash)
    assert "left as it was" in (info.value.hint or "")
    assert store.dump() == before
    assert store.named_graphs() == graphs_before
    assert values(store) == ["old", "other"]


def test_rebuild_replaces_graphs_and_leaves_other_cases_untouched(store: Store) -> None:
    a1, b1 = entry("a", "b1"), entry("b", "b1")
    store.replace([a1], payload(a1, "old"))
    store.replace([b1], payload(b1, "other"))
    b_dump = store.dump(b1.graphs.all())
    a2 = entry("a", "b2")
    replaced = store.replace([a2], payload(a2, "new"))
    assert replaced.superseded == a1.graphs.all()
    assert set(replaced.timings) >= {"bulk_load", "flip", "drop_superseded"}
    assert not set(a1.graphs.all()) & set(store.named_graphs())
    assert store.dump(b1.graphs.all()) == b_dump
    assert values(store) == ["new", "other"]
    assert [e.build for e in store.cases()] == ["b2", "b1"]


def test_an_orphan_of_a_killed_build_is_collected_by_the_next_build(store: Store) -> None:
    orphan = build_graph("a", "data", "dead")
    store.load_nquads(f'<{EX}s> <{EX}p> "half-loaded" <{orphan}> .\n')
    assert values(store) == []  # never catalogued, so never seen
    a1 = entry("a", "b1")
    store.replace([a1], payload(a1, "x"))
    assert orphan not in store.named_graphs()


def test_an_orphan_is_collected_when_the_embedded_store_is_opened(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    a1 = entry("a", "b1")
    store.replace([a1], payload(a1, "x"))
    orphan = build_graph("z", "data", "dead")
    store.load_nquads(f'<{EX}s> <{EX}p> "half-loaded" <{orphan}> .\n'.encode())
    store.close()
    again = open_store(tmp_path / "s")
    assert orphan not in again.named_graphs()
    assert set(a1.graphs.all()) <= set(again.named_graphs())
    again.close()


def test_a_current_graph_cannot_be_loaded_into_again(store: Store) -> None:
    a1 = entry("a", "b1")
    store.replace([a1], payload(a1, "x"))
    with pytest.raises(BuildError, match="already current"):
        store.replace([a1], payload(a1, "y"))
    assert values(store) == ["x"]


def test_drop_case(store: Store) -> None:
    a1, b1 = entry("a", "b1"), entry("b", "b1")
    store.replace([a1], payload(a1, "x"))
    store.replace([b1], payload(b1, "y"))
    dropped = store.drop_case("a")
    assert dropped == a1
    assert [e.id for e in store.cases()] == ["b"]
    assert not set(a1.graphs.all()) & set(store.named_graphs())
    with pytest.raises(NotFoundError) as info:
        store.drop_case("a")
    assert info.value.hint and "cases in this store: b" in info.value.hint


def test_unknown_case_and_bad_sparql(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no case 'nope'"):
        store.query("SELECT * WHERE { ?s ?p ?o }", case="nope")
    with pytest.raises(QueryError):
        store.query("SELECT ?x WHERE { ?s ?p ")
    with pytest.raises(QueryError, match="SELECT and ASK"):
        store.query("CONSTRUCT WHERE { ?s ?p ?o }")


def test_construct_gives_sorted_ntriples(store: Store) -> None:
    a1 = entry("a", "b1")
    store.replace([a1], payload(a1, "x"))
    text = store.construct(f"CONSTRUCT {{ ?s <{EX}p> ?o }} WHERE {{ ?s <{EX}p> ?o }}")
    assert text == f'<{EX}a/s> <{EX}p> "x" .\n'


def _dataset(data: bytes, fmt: str) -> Dataset:
    ds = Dataset()
    ds.parse(data=data, format={"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt])
    return ds


def assert_same_dataset(a: Dataset, b: Dataset) -> None:
    names_a = {g.identifier for g in a.graphs() if len(g)}
    names_b = {g.identifier for g in b.graphs() if len(g)}
    assert names_a == names_b
    for name in names_a:
        assert isomorphic(a.graph(name), b.graph(name)), name


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_export_then_import_is_isomorphic(store: Store, tmp_path: Path, fmt: str) -> None:
    a1, b1 = entry("a", "b1"), entry("b", "b1")
    store.replace([a1], payload(a1, "x"))
    store.replace([b1], payload(b1, "y"))
    exported = store.export(fmt)
    other = open_store(tmp_path / f"other-{fmt}")
    imported = other.import_rdf(exported, fmt, name="export")
    assert [e.id for e in imported] == ["a", "b"]
    assert other.cases() == store.cases()
    assert_same_dataset(_dataset(exported, fmt), _dataset(other.export(fmt), fmt))
    assert other.export(fmt) == exported  # deterministic, byte for byte
    assert URIRef(CATALOG_GRAPH) in {g.identifier for g in _dataset(exported, fmt).graphs()}
    # importing the same export again changes nothing (same builds are current)
    assert other.import_rdf(exported, fmt, name="export") == []
    other.close()


def test_export_one_case_and_turtle(store: Store) -> None:
    a1, b1 = entry("a", "b1"), entry("b", "b1")
    store.replace([a1], payload(a1, "x"))
    store.replace([b1], payload(b1, "y"))
    one = store.export("nquads", case="b").decode()
    assert f"<{EX}b/s>" in one and f"<{EX}a/s>" not in one
    assert f"<{CATALOG_GRAPH}>" in one
    turtle = store.export("turtle", case="a").decode()
    assert '"x"' in turtle and CATALOG_GRAPH not in turtle
    with pytest.raises(StoreError, match="cannot export"):
        store.export("rdfxml")


def test_foreign_rdf_is_imported_as_an_entry_and_can_be_dropped(store: Store) -> None:
    trig = (f'<{EX}s> <{EX}p> "default" .\n'
            f'<{EX}g1> {{ <{EX}s> <{EX}p> "named" }}\n').encode()
    [imp] = store.import_rdf(trig, "trig", name="Colleague's export.trig")
    assert (imp.id, imp.kind) == ("colleague-s-export-trig", "import")
    assert f"{EX}g1" in imp.graphs.other
    assert values(store) == ["default", "named"]
    with pytest.raises(NotFoundError, match="imported"):
        store.read_case(imp.id)
    with pytest.raises(BuildError, match="already in the store"):
        store.import_rdf(trig, "trig", name="again")
    store.drop_case(imp.id)
    assert store.cases() == [] and values(store) == []
    with pytest.raises(StoreError, match="not valid turtle"):
        store.import_rdf(b"<a> <b", "turtle", name="broken")


def test_dataset_view_sees_the_same_triples(store: Store) -> None:
    a1 = entry("a", "b1")
    store.replace([a1], payload(a1, "x"))
    ds = store.dataset()
    graph = Graph(store=ds.store, identifier=URIRef(a1.graphs.data))  # no CREATE GRAPH
    assert {str(o) for o in graph.objects(URIRef(f"{EX}a/s"), URIRef(f"{EX}p"))} == {"x"}


def test_a_second_client_sees_committed_builds(store: Store, reopen) -> None:
    a1 = entry("a", "b1")
    store.replace([a1], payload(a1, "x"))
    again = reopen()
    assert again.cases() == [a1] and values(again) == ["x"]
    again.close()


# ---------------------------------------------------------------- backend-specific errors
def test_embedded_store_locked_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "locked"
    holder = open_store(path)
    code = ("from claimgraph.graph.store import open_store\n"
            "from claimgraph.errors import StoreError\n"
            f"try:\n    open_store({str(path)!r})\n"
            "except StoreError as e:\n    print(e.message, '|', e.hint)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert f"is being written by process {os.getpid()}" in out and "another --store" in out
    snapshot = open_store(path, read_only=True)  # readers can still open a snapshot
    assert snapshot.cases() == []
    with pytest.raises(StoreError, match="read-only"):
        snapshot.update("CLEAR ALL")
    snapshot.close()
    holder.close()


def test_read_only_store_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at") as info:
        open_store(tmp_path / "missing", read_only=True)
    assert "claimgraph build" in (info.value.hint or "")


def test_unreachable_endpoint_has_a_hint() -> None:
    import socket

    with socket.socket() as s:  # a port on which nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    remote = open_store(endpoint=f"http://127.0.0.1:{port}/query")
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint") as info:
        remote.cases()
    assert "is the server running" in (info.value.hint or "")


def test_remote_without_graph_store_falls_back_to_insert_data(oxigraph_server: str) -> None:
    remote = open_store(endpoint=oxigraph_server)
    remote.update("CLEAR ALL")
    remote.graph_store_url = None  # a generic SPARQL 1.1 server: updates only
    a1 = entry("a", "b1")
    remote.replace([a1], payload(a1, 'x "quoted"\nline'))
    assert values(remote) == ['x "quoted"\nline']
    assert remote.dump(a1.graphs.all()).count(b"\n") == 3
