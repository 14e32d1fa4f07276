"""The motives matrix: who supports what and why, read from claims only, capped for big cases."""

from __future__ import annotations

from claimgraph.graph.views.motivesview import MAX_ACTORS, MAX_MOTIVES, motive_matrix
from claimgraph.graph.views.pages import CaseIndex
from claimgraph.graph.views.sitedata import ViewData
from claimgraph.graph.views.styles import load_view_styles
from claimgraph.schema.models import Case


def _case(actors: int, motives: int) -> Case:
    entities = [{"id": f"g{i}", "name": f"Group {i}", "kind": "group"} for i in range(actors)]
    entities += [{"id": f"m{j}", "name": f"Motive {j}", "kind": "motive"} for j in range(motives)]
    entities += [{"id": "ru", "name": "Russia", "kind": "state"}]
    claims = [{"id": f"c{i}", "text": "t", "subject": f"g{i}", "predicate": "supports",
               "object": "ru", "motives": [f"m{j}" for j in range(motives) if (i + j) % 7 == 0]}
              for i in range(actors)]
    return Case.model_validate({"meta": {"id": "big", "title": "Big"}, "entities": entities,
                                "claims": claims})


def test_the_matrix_is_capped_and_says_what_it_left_out() -> None:
    m = motive_matrix(CaseIndex(ViewData.from_case(_case(120, 60))), load_view_styles())
    rows = [r for g in m["groups"] for r in g["rows"]]
    assert len(rows) == MAX_ACTORS and len(m["motives"]) == MAX_MOTIVES
    assert m["left_out"] == {"actors": 120 - MAX_ACTORS, "motives": 60 - MAX_MOTIVES}
    assert all(len(r["cells"]) == MAX_MOTIVES for r in rows)
    assert m["groups"][0]["label"] == "Untagged claims"


def test_a_denied_motive_is_no_cell_and_a_denial_names_who_denies() -> None:
    case = Case.model_validate({"meta": {"id": "d", "title": "D"},
        "entities": [{"id": "g", "name": "Hawks", "kind": "group"},
                     {"id": "ru", "name": "Russia", "kind": "state"},
                     {"id": "paper", "name": "A paper", "kind": "media_outlet"},
                     {"id": "m", "name": "Rivalry", "kind": "motive"}],
        "claims": [
            {"id": "c1", "text": "t", "subject": "g", "predicate": "motivated_by", "object": "m",
             "polarity": "denied"},
            {"id": "c2", "text": "t", "subject": "g", "predicate": "supports", "object": "ru",
             "polarity": "denied", "claimant": "paper"}]})
    m = motive_matrix(CaseIndex(ViewData.from_case(case)), load_view_styles())
    [row] = [r for g in m["groups"] for r in g["rows"]]
    assert m["motives"] == [] and row["cells"] == []
    assert [(s["label"], s["denied"]) for s in row["stances"]] == [
        ("denied by A paper: supports", True)]
