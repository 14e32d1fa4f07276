"""build_case on both backends: round trip, rebuild, refusal, injected failures, exports."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from claimgraph.errors import BuildError, CaseError
from claimgraph.graph.build import build_case
from claimgraph.graph.store import CATALOG_GRAPH, Store, open_store
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
    second = build_case(ALPHA, store, now=T2, max_patch=0, force=True)  # fresh graphs, flip, drop
    assert second.build_id != first.build_id and second.changed is None
    assert second.superseded == first.graphs.all()
    assert not set(first.graphs.all()) & set(store.named_graphs())
    assert store.case_info("store-beta") == beta
    assert store.dump(beta.graphs.all()) == beta_dump
    assert store.case_info("store-alpha").built_at == "2026-02-03T04:05:06.789Z"
    assert [c.id for c in store.read_case("store-alpha").claims] == ["denial", "nc-2022",
                                                                     "nc-2023"]


def test_a_small_edit_is_rebuilt_in_place(store: Store, fixture_case) -> None:
    case = fixture_case("store-alpha")
    first = build_case(case, store, now=T1)
    build_case(BETA, store, now=T1)
    beta_dump = store.dump(store.case_info("store-beta").graphs.all())
    data = case / "data.yaml"
    data.write_text(data.read_text().replace("Russia denies receiving", "Russia rejects"))
    second = build_case(case, store, now=T2)
    assert second.changed is not None and 0 < second.changed < 60
    assert second.superseded == [] and second.graphs == first.graphs
    info = store.case_info("store-alpha")
    assert (info.build, info.built_at) == (second.build_id, "2026-02-03T04:05:06.789Z")
    expected = validate_case(case).case
    assert expected is not None and store.read_case("store-alpha") == expected.canonical()
    assert store.read_case("store-alpha").claims[0].text.startswith("Russia rejects")
    assert store.dump(store.case_info("store-beta").graphs.all()) == beta_dump
    # the same edit built fresh gives the same quads under other graph names
    fresh = open_store(":memory:")
    build_case(case, fresh, now=T2)
    assert _graphless(fresh.dump()) == _graphless(store.dump(info.graphs.all()))


def _graphless(nquads: bytes) -> set[bytes]:
    """Quads without graph names (graph IRIs inside triples also blanked)."""
    return {re.sub(rb"/graph/(data|provenance|derived)-[0-9a-f]+", b"/graph/G",
                   line.rsplit(b" ", 2)[0]) for line in nquads.splitlines()
            if CATALOG_GRAPH.encode() not in line}


def test_a_big_change_falls_back_to_fresh_graphs(store: Store) -> None:
    first = build_case(ALPHA, store, now=T1)
    second = build_case(ALPHA, store, now=T2, max_patch=3, force=True)
    assert second.changed is None and second.superseded == first.graphs.all()
    assert store.named_graphs() == sorted([*second.graphs.all(), CATALOG_GRAPH])
    assert store.read_case("store-alpha") == first_case()


def first_case():
    case = validate_case(ALPHA).case
    assert case is not None
    return case.canonical()


def test_an_invalid_case_is_refused_and_nothing_is_written(store: Store) -> None:
    build_case(ALPHA, store, now=T1)
    before, graphs = store.dump(), store.named_graphs()
    with pytest.raises(CaseError, match="1 error") as info:
        build_case(INVALID, store, now=T2)
    assert [p.code for p in info.value.report.errors] == ["dangling-ref"]
    assert store.dump() == before and store.named_graphs() == graphs


@pytest.mark.parametrize(("stage", "max_patch"), [
    ("loaded:data", 0), ("loaded:provenance", 0), ("loaded:derived", 0), ("before-flip", 0),
    ("before-flip", 10_000)])
def test_a_build_failing_half_way_leaves_the_store_exactly_as_it_was(
        store: Store, stage: str, max_patch: int) -> None:
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
        build_case(ALPHA, store, now=T2, fail_point=crash, max_patch=max_patch, force=True)
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
