"""The status vocabulary: one file, one spelling, read by every output.

The acceptance test of issue 10: a status's colour changed in a copy of the one file (named
by ``CLAIMGRAPH_STATUS_VOCAB``) changes the casebook's badge CSS, the timeline chart, the
terminal style of ``trace`` and the view legend.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from rich.console import Console

from claimgraph.errors import VocabularyError
from claimgraph.graph.analytics import claim_graph, timeline_chart, timeline_rows
from claimgraph.graph.build import build_case
from claimgraph.graph.cli.prov_cmd import render_trace
from claimgraph.graph.provenance import CaseAssessment, ClaimAssessment
from claimgraph.graph.provenance.trace import trace_claim
from claimgraph.graph.store import open_store
from claimgraph.graph.views import ViewData, network_graph, vis_payload, write_site
from claimgraph.graph.views.claiminfo import status_map
from claimgraph.schema.models import Case
from claimgraph.schema.statuses import STATUS_FILE, STATUS_VOCAB_ENV, load_statuses

FIXTURES = Path(__file__).parent / "fixtures" / "cases"
BUNDLED = resources.files("claimgraph.schema").joinpath("vocab", STATUS_FILE).read_text("utf-8")
OLD, NEW = "#b26a00", "#123456"  # single-origin's colour, and the one the copy gives it


def _copy(tmp_path: Path, old: str, new: str, name: str = "statuses.yaml") -> Path:
    assert BUNDLED.count(old) == 1, old
    path = tmp_path / name
    path.write_text(BUNDLED.replace(old, new), "utf-8")
    return path


def _case() -> tuple[Case, CaseAssessment]:
    case = Case.model_validate({
        "meta": {"id": "demo", "title": "Demo"},
        "entities": [{"id": "cn", "name": "China", "kind": "state"},
                     {"id": "ru", "name": "Russia", "kind": "state"}],
        "sources": [{"id": "s1", "title": "Article", "kind": "analysis"}],
        "claims": [{"id": "c1", "text": "China exported 1,300 t to Russia in 2023.",
                    "subject": "cn", "predicate": "supplies", "object": "ru", "time": "2023",
                    "quantity": {"value": 1300, "unit": "t"},
                    "evidence": [{"source": "s1", "quote": "1,300 tons"}]}]})
    assessment = CaseAssessment("demo", {"c1": ClaimAssessment(
        "c1", "single-origin", "single-origin", origins=("s1",), checkable_origins=("s1",))})
    return case, assessment


def _outputs(tmp_path: Path, store_path: Path) -> dict[str, str]:
    """The badge CSS of a casebook, a timeline chart, a trace in a true-colour terminal and
    a view's legend, all for a single-origin claim."""
    case, assessment = _case()
    data = ViewData.from_case(case, assessment)
    index = write_site(data, tmp_path / "site")
    svg = timeline_chart(timeline_rows(claim_graph(case, status_map(data.infos))),
                         tmp_path / "t.svg").read_text("utf-8")
    legend = vis_payload(network_graph(case, data.infos))["legend"]["statuses"]
    store = open_store(store_path, read_only=True)
    try:
        trace = trace_claim(store, "provenance-acceptance", "wire-only")
    finally:
        store.close()
    assert trace["status"] == "single-origin"
    term = Console(force_terminal=True, color_system="truecolor", width=200, record=True)
    term.print(render_trace(trace))
    return {"badge": index.read_text("utf-8"), "chart": svg, "terminal": term.export_text(
        styles=True), "legend": repr(next(s for s in legend if s["id"] == "single-origin"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("statuses") / "store"
    store = open_store(path)
    try:
        build_case(FIXTURES / "provenance-acceptance", store)
    finally:
        store.close()
    return path


def test_one_colour_changed_in_the_one_file_changes_badge_chart_terminal_legend(
        tmp_path: Path, built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ansi = "38;2;18;52;86"  # #123456 as a true-colour foreground
    before = _outputs(tmp_path / "before", built)
    assert NEW not in before["badge"] and NEW not in before["chart"]
    assert ansi not in before["terminal"] and NEW not in before["legend"]
    monkeypatch.setenv(STATUS_VOCAB_ENV, str(_copy(tmp_path, OLD, NEW)))
    after = _outputs(tmp_path / "after", built)
    assert f".cg-st-single-origin {{ background: {NEW}; }}" in after["badge"]
    assert OLD not in after["badge"]
    assert f"fill: {NEW}" in after["chart"] and OLD not in after["chart"]
    assert ansi in after["terminal"]
    assert f"'color': '{NEW}'" in after["legend"]


def test_one_spelling_everywhere(tmp_path: Path) -> None:
    case, assessment = _case()
    out = write_site(ViewData.from_case(case, assessment), tmp_path / "site").parent
    for page in out.rglob("*.html"):
        assert "single_origin" not in page.read_text("utf-8"), page
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", s) for s in load_statuses().statuses)


def test_display_statuses_are_in_the_file_and_never_decided() -> None:
    v = load_statuses()
    assert [s.id for s in v.statuses.values() if s.kind == "display"] == ["denied", "unknown"]
    assert {r.id for r in v.rules}.isdisjoint({"denied", "unknown", "uncaptured-upstream"})
    # a note is decided beside the status: never a status, no rank, no weight
    assert [(n.id, n.rank, n.weight) for n in v.notes] == [("uncaptured-upstream", None, None)]
    assert "uncaptured-upstream" not in v.strongest_first()
    assert "uncaptured-upstream" not in [s.id for s in v.display_order]
    assert v.get("from-a-newer-rule-set").id == "unknown"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("{fact: refuting_evidence, min: 1}", "{fact: sources, min: 1}",
     r"statuses\.yaml:\d+:\d+: statuses\.0\.when\.any\.0\.fact: Input should be 'support"),
    ("    rank: 3\n", "    rank: 5\n", "two decided statuses share a rank"),
    ("  - id: unknown\n", "  - id: not-assessed\n", "no display status 'unknown'"),
    ("    when: always\n", "    when: {all: [{fact: origins, min: 1}]}\n",
     "the last decided status must be a support level with `when: always`"),
    ("    marker: s\n", "    marker: square\n", r"statuses\.4\.marker"),
    ('    color: "#2e7d32"\n', '    color: green\n', r"statuses\.3\.color"),
    ('    color: "#5d4037"\n', '    color: "#5d4037"\n    weight: 0.1\n',
     "a note never changes a claim's strength"),
])
def test_a_broken_copy_is_a_located_vocabulary_error(tmp_path: Path, old: str, new: str,
                                                     message: str) -> None:
    with pytest.raises(VocabularyError, match=message):
        load_statuses(_copy(tmp_path, old, new))


def test_the_environment_variable_names_the_copy(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STATUS_VOCAB_ENV, str(tmp_path / "missing.yaml"))
    with pytest.raises(VocabularyError, match="cannot read the status vocabulary") as exc:
        load_statuses()
    assert STATUS_VOCAB_ENV in (exc.value.hint or "")
    monkeypatch.delenv(STATUS_VOCAB_ENV)
    assert load_statuses().file.endswith(STATUS_FILE)
