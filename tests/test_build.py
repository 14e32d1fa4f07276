"""build_case on both backends: round trip, rebuild, refusal, injected failures, exports."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from claimgraph.graph.build import build_case
from claimgraph.graph.store import Store, open_store
from claimgraph.schema.errors import BuildError, CaseError
from claimgraph.sources.validation import validate_case

CASES = Path(__file__).parent / "fixtures" / "cases"
ALPHA, BETA, INVALID = CASES / "store-alpha", CASES / "store-beta", CASES / "store-invalid"
T1 = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
T2 = datetime(2026, 2, 3, 4, 5, 6, 789000, tzinfo=UTC)


def test_build_then_read_back_equals_the_validated_case(store: Store) -> None:
    result = build_case(ALPHA, store, now=T1)
    assert result.case_id == "store-alpha"
    assert result.counts == {"entities": 4, "sources": 3, "claims": 3,
                             "quads": result.total_quads}
    assert set(result.quads) == {"data", "provenance", "derived"}
    assert result.superseded == []
    expected = validate_case(ALPHA).case
    assert expected is not None
    assert store.read_case("store-alpha") == expected.canonical()
    [info] = store.cases()
    assert (info.id, info.kind, info.build, info.built_at) == (
        "store-alpha", "case", result.build_id, "2026-01-02T03:04:05Z")
    assert info.title.startswith("Store fixture — alpha")
    assert info.graphs == result.graphs


def test_the_three_graphs_are_queryable_per_case(store: Store) -> None:
    build_case(ALPHA, store, now=T1)
    build_case(BETA, store, now=T1)
    cg = "PREFIX cg: <https://w3id.org/claimgraph/ns#>\n"
    where = store.query(cg + "SELECT ?at WHERE { ?c cg:definedAt ?at . "
                        "FILTER(STRENDS(STR(?c), '/claim/denial')) }", case="store-alpha")
    assert where == [{"at": "data.yaml:35:5"}]
    statuses = store.query(cg + "SELECT DISTINCT ?c WHERE { ?c cg:evidenceStatus ?s }",
                           case="store-beta")
    assert [r["c"] for r in statuses] == [
        "https://w3id.org/claimgraph/case/store-beta/claim/lathes"]
    everything = store.query(cg + "SELECT (COUNT(DISTINCT ?c) AS ?n) "
                             "WHERE { ?c cg:evidenceStatus ?s }")
    assert everything == [{"n": "4"}]


def test_rebuild_replaces_the_case_and_leaves_others_untouched(store: Store) -> None:
    first = build_case(ALPHA, store, now=T1)
    build_case(BETA, store, now=T1)
    beta = store.case_info("store-beta")
    beta_dump = store.dump(beta.graphs.all())
    second = build_case(ALPHA, store, now=T2)
    assert second.build_id != first.build_id
    assert second.superseded == first.graphs.all()
    assert not set(first.graphs.all()) & set(store.named_graphs())
    assert store.case_info("store-beta") == beta
    assert store.dump(beta.graphs.all()) == beta_dump
    assert store.case_info("store-alpha").built_at == "2026-02-03T04:05:06.789Z"
    assert [c.id for c in store.read_case("store-alpha").claims] == ["denial", "nc-2022",
                                                                     "nc-2023"]


def test_an_invalid_case_is_refused_and_nothing_is_written(store: Store) -> None:
    build_case(ALPHA, store, now=T1)
    before, graphs = store.dump(), store.named_graphs()
    with pytest.raises(CaseError, match="1 error") as info:
        build_case(INVALID, store, now=T2)
    assert [p.code for p in info.value.report.errors] == ["dangling-ref"]
    assert store.dump() == before and store.named_graphs() == graphs


@pytest.mark.parametrize("stage", ["loaded:data", "loaded:provenance", "loaded:derived",
                                   "before-flip"])
def test_a_build_failing_half_way_leaves_the_store_exactly_as_it_was(
        store: Store, stage: str) -> None:
    build_case(ALPHA, store, now=T1)
    build_case(BETA, store, now=T1)
    before, graphs = store.dump(), store.named_graphs()
    old = store.read_case("store-alpha")
    stages: list[str] = []

    def crash(at: str) -> None:
        stages.append(at)
        if at == stage:
            raise OSError("no space left on device")

    with pytest.raises(BuildError, match="no space left") as info:
        build_case(ALPHA, store, now=T2, fail_point=crash)
    assert "left as it was" in (info.value.hint or "")
    assert stages[-1] == stage
    assert store.dump() == before
    assert store.named_graphs() == graphs
    assert store.read_case("store-alpha") == old


def _dataset(data: bytes) -> Dataset:
    ds = Dataset()
    ds.parse(data=data, format="trig")
    return ds


def test_exported_store_reimported_is_isomorphic(store: Store, tmp_path: Path) -> None:
    build_case(ALPHA, store, now=T1)
    build_case(BETA, store, now=T1)
    exported = store.export("trig")
    other = open_store(tmp_path / "copy")
    other.import_rdf(exported, "trig", name="copy.trig")
    a, b = _dataset(exported), _dataset(other.export("trig"))
    names = {g.identifier for g in a.graphs() if len(g)}
    assert names == {g.identifier for g in b.graphs() if len(g)}
    assert len(names) == 7  # 2 cases x (data, provenance, derived) + the catalogue
    for name in names:
        assert isomorphic(a.graph(name), b.graph(name)), name
    assert other.read_case("store-alpha") == store.read_case("store-alpha")
    other.close()


def test_builds_at_the_same_time_export_identically(tmp_path: Path) -> None:
    exports = []
    for n, order in enumerate([(ALPHA, BETA), (BETA, ALPHA)]):
        s = open_store(tmp_path / f"s{n}")
        for case in order:
            build_case(case, s, now=T1)
        exports.append({fmt: s.export(fmt) for fmt in ("nquads", "trig", "turtle", "jsonld")})
        s.close()
    assert exports[0] == exports[1]
