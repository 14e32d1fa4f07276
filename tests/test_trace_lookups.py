"""`trace` on the embedded store reads with index lookups, not the one planned query: the
same trace, claim for claim, on the bundled case, the fixture cases whose claims carry
every kind of node (speakers, relays, verdicts, contradictions, quantities, hostile text)
and a generated case; and the cut of a quote's context is SPARQL's ``SUBSTR`` exactly."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.graph.build import build_case
from claimgraph.graph.provenance.trace import _substr, trace_claim
from claimgraph.graph.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_CASES = ["provenance-acceptance", "attribution", "verdicts", "conflict-scope",
                 "hostile", "quantities", "quote-only", "numeric-series", "claimant-layer",
                 "broader-items", "identity-merge", "overlap", "rated-out"]


def _generated(tmp: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from casegen import generate_case
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return generate_case(tmp / "gen", n_claims=200, n_entities=30, n_sources=20,
                         fmt="jsonl", seed=3)


@pytest.fixture(scope="module")
def many_cases(tmp_path_factory: pytest.TempPathFactory) -> Store:
    tmp = tmp_path_factory.mktemp("lookups")
    store = open_store(tmp / "store")
    folders = [ROOT / "cases" / "china-russia-nitrocellulose", _generated(tmp)]
    folders += [ROOT / "tests" / "fixtures" / "cases" / n for n in FIXTURE_CASES]
    for folder in folders:
        build_case(folder, store)
    return store


def _claims(store: Store) -> list[tuple[str, str]]:
    rows = store.query("SELECT ?c WHERE { ?c a <https://w3id.org/claimgraph/ns#Claim> }")
    out = []
    for e in store.cases():
        prefix = f"https://w3id.org/claimgraph/case/{e.id}/claim/"
        out += [(e.id, r["c"][len(prefix):]) for r in rows if (r["c"] or "").startswith(prefix)]
    return sorted(set(out))


def test_every_claim_traces_the_same_by_lookups_and_by_query(many_cases: Store) -> None:
    store = many_cases
    assert store.native_lookups
    claims = _claims(store)
    assert len(claims) > 400 and len({c for c, _ in claims}) == 2 + len(FIXTURE_CASES)
    differ = []
    for case, claim in claims:
        fast = trace_claim(store, case, claim)
        store.native_lookups = False  # the one query, as a server answers it
        try:
            slow = trace_claim(store, case, claim)
        finally:
            del store.native_lookups
        if fast != slow:
            differ.append((case, claim))
    assert differ == []
    # and the traces are not empty shells: contexts, speakers, sources were all read
    t = trace_claim(store, "provenance-acceptance", "wire-only")
    assert t["evidence"][0]["context"]["before"] == "Daily One. "
    assert sorted(t["sources"]) == ["a1", "a2", "a3", "wire"]


def test_the_index_lookups_answer_as_the_query_does(many_cases: Store) -> None:
    store = many_cases
    case = "provenance-acceptance"
    claim = f"https://w3id.org/claimgraph/case/{case}/claim/wire-only"
    nodes = [claim, *(o for _, o in store.triples_about([claim], case=case)[claim]
                      if o.startswith("https://"))]
    fast = store.triples_about(nodes, case=case)
    slow = Store.triples_about(store, nodes, case=case)  # the SPARQL of every backend
    assert {n: sorted(v) for n, v in fast.items()} == {n: sorted(v) for n, v in slow.items()}
    assert len(fast[claim]) > 10
    # scoped to the case: the same claim id in another case is not read
    assert store.triples_about([claim], case="verdicts")[claim] == []
    challenged = "https://w3id.org/claimgraph/ns#challengesClaim"
    for c, _ in _claims(store)[:50]:
        iri = f"https://w3id.org/claimgraph/case/{c}/claim/{_}"
        assert store.subjects_with(challenged, iri, case=c) == \
            Store.subjects_with(store, challenged, iri, case=c)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), start=st.integers(-5, 50), length=st.integers(-5, 120))
def test_context_cut_is_sparql_substr(text: str, start: int, length: int) -> None:
    lit = ox.Literal(text)
    q = f"SELECT (SUBSTR({lit}, {start}, {length}) AS ?x) WHERE {{}}"
    (row,) = list(ox.Store().query(q))
    assert _substr(text, start, length) == row["x"].value
