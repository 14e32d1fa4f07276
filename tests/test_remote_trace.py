"""`trace` on a server: Virtuoso reads a trace by lookups, Oxigraph by the one query, and
both answer as the embedded store does, claim for claim.

Virtuoso plans the trace's one query (a union of small patterns from the claim's IRI) by
pushing the join of the sources' branch into its inner union and starting it from a scan
of the sources' properties over the whole store: a trace took 2-7 s at 10,000 claims and
grew with the store (the benchmark's 300 traces looked like a build that never ended). So
on Virtuoso a trace is the few lookups the embedded store makes, under one catalogue read;
no union reaches the server.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.graph.build import build_case
from claimgraph.graph.provenance.trace import trace_claim
from claimgraph.graph.store import Store, open_store
from claimgraph.graph.store.base import QueryResult
from claimgraph.graph.store.remote import RemoteStore

ROOT = Path(__file__).resolve().parents[1]
ACCEPTANCE = ROOT / "tests" / "fixtures" / "cases" / "provenance-acceptance"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from casegen import generate_case
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return generate_case(tmp_path_factory.mktemp("gen") / "gen", n_claims=40, n_entities=12,
                         n_sources=8, fmt="jsonl", seed=5)


@pytest.fixture(scope="module")
def embedded_traces(generated: Path, tmp_path_factory: pytest.TempPathFactory
                    ) -> dict[tuple[str, str], dict[str, object]]:
    """Every claim's trace on the embedded store: what a server must answer."""
    store = open_store(tmp_path_factory.mktemp("embedded") / "store")
    try:
        ids = [build_case(folder, store).case_id for folder in (ACCEPTANCE, generated)]
        return {(case, claim.id): trace_claim(store, case, claim.id)
                for case in ids for claim in store.read_case(case).claims}
    finally:
        store.close()


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The text of every query a remote store sends."""
    texts: list[str] = []
    run = RemoteStore._run

    def spy(self: RemoteStore, sparql: str, default: list[str],
            named: list[str]) -> QueryResult:
        texts.append(sparql)
        return run(self, sparql, default, named)

    monkeypatch.setattr(RemoteStore, "_run", spy)
    yield texts


def _build(store: Store, generated: Path) -> None:
    for folder in (ACCEPTANCE, generated):
        build_case(folder, store)


def test_virtuoso_traces_by_lookups_oxigraph_by_the_one_query(endpoint: str, generated: Path,
                                                              sent: list[str]) -> None:
    store = open_store(endpoint=endpoint)
    _build(store, generated)
    virtuoso = store.engine.name == "virtuoso"  # type: ignore[attr-defined]
    assert store.reads_by_lookups is virtuoso
    sent.clear()
    t = trace_claim(store, "provenance-acceptance", "wire-only")
    assert sorted(t["sources"]) == ["a1", "a2", "a3", "wire"]
    assert t["evidence"][0]["context"]["before"] == "Daily One. "
    catalogue = [q for q in sent if "claimgraph/catalog>" in q]
    assert len(catalogue) == 1  # one catalogue read for the whole trace
    reads = [q for q in sent if q not in catalogue]
    if virtuoso:
        assert len(reads) > 1 and not any("UNION" in q for q in reads)
    else:
        assert len(reads) == 1 and "UNION" in reads[0]


def test_every_claim_traces_on_a_server_as_on_the_embedded_store(
        endpoint: str, generated: Path,
        embedded_traces: dict[tuple[str, str], dict[str, object]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Same traces on each engine, both ways: by lookups and by the one query."""
    store = open_store(endpoint=endpoint)
    _build(store, generated)
    differ = []
    for way in (True, False):
        monkeypatch.setattr(RemoteStore, "reads_by_lookups", property(lambda self, w=way: w))
        for (case, claim), expected in embedded_traces.items():
            if trace_claim(store, case, claim) != expected:
                differ.append((way, case, claim))
    assert len(embedded_traces) > 40
    assert differ == []
