"""The assessment goes into the derived graph at build time and reads back unchanged,
on the embedded store and on a real `oxigraph serve` endpoint."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from claimgraph.graph.build import build_case
from claimgraph.graph.iris import derived_graph
from claimgraph.graph.provenance import assess_case, assessment_to_nquads, read_assessment
from claimgraph.graph.store import Store
from claimgraph.sources.validation import validate_case

CASE = Path(__file__).parent / "fixtures" / "cases" / "provenance-acceptance"


def test_read_assessment_equals_the_computed_one(store: Store) -> None:
    build_case(CASE, store)
    expected = assess_case(validate_case(CASE))
    got = read_assessment(store, "provenance-acceptance")
    assert got == expected
    assert got.claims["wire-only"].origins == ("wire",)
    assert got.claims["denial"].contradictions[0].other == "belarus-route"
    assert got.sources["echo-a"].cycle == ("echo-a", "echo-b")


def test_nquads_are_sorted_valid_and_deterministic() -> None:
    a = assess_case(validate_case(CASE))
    text = assessment_to_nquads(a, "provenance-acceptance", derived_graph("provenance-acceptance"))
    assert text == assessment_to_nquads(assess_case(validate_case(CASE)), "provenance-acceptance",
                                        derived_graph("provenance-acceptance"))
    lines = text.splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    quads = list(ox.parse(text.encode(), ox.RdfFormat.N_QUADS))
    assert len(quads) == len(lines)
    assert {q.graph_name.value for q in quads} == {derived_graph("provenance-acceptance")}
    assert '"unsourced"' in text and "#supportLevel>" in text
