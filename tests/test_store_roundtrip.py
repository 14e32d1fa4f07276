"""Property: random valid cases -> the store (either backend) -> read_case gives them back.

The case strategy is the mapping's (tests/test_mapping_roundtrip.py); here the quads travel
through a real store: the embedded one on disk, or HTTP to `oxigraph serve` and back.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_mapping_roundtrip import _drop_none, cases

from claimgraph.graph.mapping import case_to_nquads
from claimgraph.graph.store import CaseGraphs, CaseInfo, Store
from claimgraph.graph.store.catalog import build_graph
from claimgraph.schema.models import Case

_builds = itertools.count()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=cases(), sparse=st.booleans())
def test_random_cases_round_trip_through_the_store(store: Store, data: dict[str, Any],
                                                   sparse: bool) -> None:
    case = Case.model_validate(_drop_none(data) if sparse else data)
    cid, build = case.meta.id, f"b{next(_builds)}"
    graph = build_graph(cid, "data", build)
    text = case_to_nquads(case, graph=graph)
    entry = CaseInfo(cid, "case", case.meta.title, build, "2026-01-01T00:00:00Z",
                     CaseGraphs(data=graph), {"claims": len(case.claims)})
    store.replace([entry], [("data", text.encode())])
    assert store.read_case(cid) == case.canonical()
    assert store.dump([graph]).count(b"\n") == len(set(text.split("\n")) - {""})
