"""The timeline chart (small multiples) and the one number format, on a written case with
tonnes, a capacity in shells, dollars, per cents, open intervals at both ends and a denial,
built into a real store and read back by the CLI, the chart and the casebook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.graph import analytics as an
from claimgraph.graph.analytics.timeline import TimelineRow, amount
from claimgraph.graph.cli import main
from claimgraph.graph.provenance.numeric import _fmt
from claimgraph.graph.store import open_store
from claimgraph.graph.views import load_view_data, write_site
from claimgraph.graph.views.pages import quantity_text
from claimgraph.schema.models import Quantity

CASE_DIR = Path(__file__).parent / "fixtures" / "cases" / "quantities"
EXPONENT = re.compile(r"\d\s*[eE][+-]?\d")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("quantities") / "store"
    assert main(["--store", str(path), "build", str(CASE_DIR)]) == 0
    return str(path)


@pytest.fixture(scope="module")
def rows(store: str) -> list[TimelineRow]:
    s = open_store(store, read_only=True)
    try:
        inputs = an.load_inputs(s, "quantities")
    finally:
        s.close()
    g, _ = an.project(inputs.case, inputs.statuses, an.Filters(include_denied=True))
    return an.timeline_rows(g)


def test_one_panel_per_unit_and_capacities_apart(rows: list[TimelineRow]) -> None:
    panels = an.chart_panels(rows)
    assert [p.title for p in panels] == [
        "Amounts in t", "Amounts in %", "Amounts in USD",
        "Capacity in shells: what could be made or supplied, not what was",
        "Dated claims without a quantity"]
    for p in panels:
        assert len({(r.unit, r.capacity) for r in p.rows}) == 1  # never two units on an axis
    assert [r.claim for r in panels[3].rows] == ["cel-shells-capacity"]


def test_open_intervals_stay_open(rows: list[TimelineRow]) -> None:
    by_id = {r.claim: r for r in rows}
    assert (by_id["cel-since-2022"].start, by_id["cel-since-2022"].end) == ("2022-01-01", None)
    assert (by_id["cel-until-2024"].start, by_id["cel-until-2024"].end) == (None, "2024-06-14")
    assert by_id["gov-denies-before-2015"].label == "denies supplying"


def test_the_chart_draws_arrows_and_writes_numbers_out(rows: list[TimelineRow],
                                                       tmp_path: Path) -> None:
    svg = an.timeline_chart(rows, tmp_path / "q.svg", title="Quantities").read_text("utf-8")
    for claim in ("cel-since-2022", "cel-until-2024", "gov-denies-before-2015"):
        assert f'id="cg-open-{claim}"' in svg, claim
    for claim in ("cel-2022", "cel-2023", "loan-2023"):
        assert f'id="cg-open-{claim}"' not in svg
    for text in ("≈ 700 t", "≥ 90 t", "≥ 5,000,000 shells", "2,500,000,000 USD", "12.5 %",
                 "3,000,000,000", 'id="cg-panel-4"', 'id="cg-legend"',
                 "open interval: arrow from its known end"):
        assert text in svg, text
    assert not EXPONENT.search(" ".join(re.findall(r">([^<]*)<", svg)))
    assert an.timeline_chart(rows, tmp_path / "again.svg", title="Quantities").read_text(
        "utf-8") == svg  # deterministic


def test_crowded_labels_are_moved_or_left_out_and_said(tmp_path: Path) -> None:
    crowded = [TimelineRow(f"c{i:02d}", "2023-05", "2023-05-01", "2023-05-31", 100 + i, "t",
                           False, None, "a", "supplies", "b", None, "affirmed",
                           "single-origin", 1, "", "supplies") for i in range(30)]
    svg = an.timeline_chart(crowded, tmp_path / "crowded.svg").read_text("utf-8")
    shown = len(re.findall(r'id="cg-label-\d+"', svg))
    assert 0 < shown < 30
    assert f"{30 - shown} label(s) left out, see the table" in svg


def test_the_cli_site_and_audit_write_numbers_once(capsys, store: str, tmp_path: Path) -> None:
    assert main(["--store", store, "timeline", "--include-denied", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    loan = next(r for r in data["rows"] if r["claim"] == "loan-2023")
    assert loan["value"] == 2500000000 and loan["label"] == "supplies"
    assert main(["--store", store, "trace", "loan-2023"]) == 0
    assert "2,500,000,000 USD" in capsys.readouterr().out
    s = open_store(store, read_only=True)
    try:
        index = write_site(load_view_data(s, "quantities"), tmp_path / "site")
    finally:
        s.close()
    site = index.parent
    claim = (site / "claims" / "loan-2023.html").read_text("utf-8")
    assert "2,500,000,000 USD" in claim
    timeline = (site / "timeline.html").read_text("utf-8")
    assert "at least 5,000,000 shells (capacity)" in timeline
    assert "denies supplying" in timeline
    for page in site.rglob("*.html"):
        html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page.read_text("utf-8"),
                      flags=re.S)
        text = re.sub(r"<[^>]+>", " ", html)  # what a reader sees
        assert not EXPONENT.search(text), page


@given(st.integers(min_value=0, max_value=10**15), st.booleans(), st.sampled_from(
    [None, "min", "max"]))
def test_no_output_helper_writes_an_exponent(n: int, approx: bool, bound: str | None) -> None:
    q = Quantity(value=n, unit="shells", approx=approx, bound=bound)  # type: ignore[arg-type]
    row = TimelineRow("c", "2023", "2023-01-01", "2023-12-31", float(n), "shells", approx,
                      bound, "a", "supplies", "b", None, "affirmed", "corroborated", 1, "")
    for text in (quantity_text(q), _fmt(q), amount(row), amount(row, words=True)):
        assert not EXPONENT.search(text), text
        assert f"{n:,}" in text
