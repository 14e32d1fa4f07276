"""Claims as a CSV spreadsheet: export → import gives an equal case, errors are located at
file:line:column, formulas are neutralised, and no input gives a traceback."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_mapping_roundtrip import cases

from claimgraph.graph.interop import claims_to_csv
from claimgraph.problemcodes import ProblemCode
from claimgraph.schema.caseload import load_case_folder
from claimgraph.schema.csvsrc import FORMULA_PREFIXES, read_claims_csv
from claimgraph.schema.models import Case, Claim
from claimgraph.schema.yamlout import records_yaml, scalar
from claimgraph.sources.validation import validate_case
from claimgraph.textsafety import UNSAFE

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "cases"
BUNDLED = REPO / "cases" / "china-russia-nitrocellulose"


def _records(models: list[Any]) -> list[dict[str, Any]]:
    return [m.model_dump(mode="json", exclude_defaults=True) for m in models]


def write_csv_case(case: Case, root: Path, texts_from: Path | None = None) -> Path:
    """A case folder holding ``case`` with its claims in claims.csv (the rest in YAML)."""
    if texts_from is not None:
        shutil.copytree(texts_from, root, ignore=shutil.ignore_patterns("*.yaml", "*.jsonl"))
    root.mkdir(parents=True, exist_ok=True)
    meta = case.meta.model_dump(mode="json", exclude_defaults=True)
    (root / "case.yaml").write_text("".join(f"{k}: {scalar(v)}\n" for k, v in meta.items()),
                                    "utf-8")
    (root / "records.yaml").write_text(
        records_yaml("entities", _records(case.entities))
        + records_yaml("sources", _records(case.sources)), "utf-8")
    (root / "claims.csv").write_text(claims_to_csv(case.claims), "utf-8", newline="")
    return root


@pytest.mark.parametrize("folder", [FIXTURES / "valid", FIXTURES / "provenance-acceptance",
                                    BUNDLED], ids=lambda p: p.name)
def test_case_round_trips_through_csv(folder: Path, tmp_path: Path) -> None:
    original = validate_case(folder)
    assert original.ok and original.case is not None
    back = validate_case(write_csv_case(original.case, tmp_path / "c", texts_from=folder))
    assert [p.format() for p in back.report.errors] == []
    assert back.case is not None
    assert back.case.canonical() == original.case.canonical()
    # the same warnings (hedges, vague attribution ...), now located in claims.csv
    assert sorted(p.code for p in back.report.warnings) == sorted(
        p.code for p in original.report.warnings)


def _blank_to_none(value: Any) -> Any:
    """An empty cell means "not given": optional empty texts come back as absent."""
    if isinstance(value, dict):
        return {k: _blank_to_none(v) for k, v in value.items() if v != ""}
    if isinstance(value, list):
        return [_blank_to_none(v) for v in value]
    return value


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (str(k), *_strings(v))]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _strings(v)]
    return []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(data=cases())
def test_generated_cases_round_trip_through_csv(data: dict[str, Any], tmp_path_factory:
                                                pytest.TempPathFactory) -> None:
    case = Case.model_validate(data)
    text = claims_to_csv(case.claims)
    table = read_claims_csv(text, "claims.csv")
    assert table.problems == []
    back = [Claim.model_validate(r) for r in table.records]
    expected = [Claim.model_validate(_blank_to_none(c.model_dump())) for c in case.claims]
    assert back == expected
    for a, b in zip(back, expected, strict=True):  # ints stay ints, floats stay floats
        if a.quantity and b.quantity:
            assert type(a.quantity.value) is type(b.quantity.value)
    # and through a case folder, read by the case loader
    expected_case = case.model_copy(update={"claims": expected})
    root = write_csv_case(expected_case, tmp_path_factory.mktemp("csv") / "case")
    loaded = load_case_folder(root)
    if any(UNSAFE.search(t) for t in _strings(expected_case.model_dump())):
        # control and bidi characters are written faithfully; the loader refuses them
        assert {p.code for p in loaded.problems} <= {ProblemCode.CONTROL_CHAR,
                                                     ProblemCode.BIDI_CHAR}
        return
    assert [p.format() for p in loaded.problems] == []
    assert loaded.case() is not None
    assert loaded.case().canonical() == expected_case.canonical()  # type: ignore[union-attr]


HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'quoted",
           "''", "plain"]


def test_formula_cells_are_neutralised_and_restored() -> None:
    claims = [Claim.model_validate({
        "id": f"c{i}", "text": t, "subject": "a", "predicate": "supplies", "object": "b",
        "note": t, "quantity": {"value": -5, "unit": t},
        "evidence": [{"source": "s", "quote": t, "note": t}]}) for i, t in enumerate(HOSTILE)]
    text = claims_to_csv(claims)
    for row in list(csv.reader(io.StringIO(text, newline="")))[1:]:
        cells = [c for c in row if c and c != "-5"]  # numbers stay numbers
        assert not [c for c in cells if c.startswith(FORMULA_PREFIXES)], row
    back = [Claim.model_validate(r) for r in read_claims_csv(text, "claims.csv").records]
    assert back == claims


BAD_CSV = (
    "id,text,subject,predicate,object,quantity.value,quantity.unit,evidence.source,"
    "evidence.quote\n"
    "nc-2022,China exported 700 t.,china,supplies,rusia,700,t,article,"
    "\"In 2022, about 700 tons were exported.\"\n"
    "nc-2023,China exported 1300 t.,china,supplies,russia,lots,t,article,"
    "\"In 2023, exports more than doubled to 1,300 tons\"\n"
    "nc-2023,,china,supplies,belarus,,,article,zzzz qqqq\n"
    ",orphan row,china,supplies,russia,,,,\n"
    "nc-2024,too many,china,supplies,russia,1,t,article,x,extra\n"
)


def test_errors_are_located_at_line_and_column(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(FIXTURES / "valid", case)
    (case / "claims.yaml").unlink()
    (case / "claims.csv").write_text(BAD_CSV, "utf-8")
    result = validate_case(case)
    lines = [p.format() for p in result.report.sorted() if p.severity == "error"]
    assert lines == [
        "claims.csv:2:5: error[dangling-ref]: claim 'nc-2022': object 'rusia' is not an entity "
        "of this case (hint: did you mean 'russia'?)",
        "claims.csv:3:6: error[schema]: claim 'nc-2023': field 'quantity.value': Input should "
        "be a number (hint: write a plain number, e.g. 1300 (say 'about' with `approx: true`))",
        "claims.csv:4:5: error[csv-conflict]: claim 'nc-2023': column 'object' differs from "
        "line 3 (hint: leave claim columns empty on a claim's further rows, or repeat them "
        "exactly)",
        "claims.csv:4:9: error[quote-not-found]: claim 'nc-2023': evidence #2: quote not found "
        "in source 'article' (hint: copy the quote exactly from the source text)",
        "claims.csv:5:1: error[csv-no-id]: row has no claim id (hint: write the id of the "
        "claim this row belongs to)",
        "claims.csv:6:10: error[csv-columns]: row has 10 cells but the header names 9 columns "
        "(hint: remove the extra cells, or name their column in the first row)",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("", "claims.csv:1:1: error[missing-column]: the file is empty"),
    ("text,subject\nx,y\n", "claims.csv:1:1: error[missing-column]: no 'id' column"),
    ("id;text;subject\nc;x;y\n", "claims.csv:1:1: error[unknown-column]: unknown column "
     "'id;text;subject' (hint: save the spreadsheet as comma-separated CSV (this one uses ';'))"),
    ("id,id\nc,c\n", "claims.csv:1:2: error[duplicate-column]: column 'id' appears twice"),
    ('id,text\nc,"unclosed\n', "claims.csv:2: error[csv-syntax]: unexpected end of data"),
])
def test_header_and_syntax_errors(text: str, expected: str) -> None:
    problems = read_claims_csv(text, "claims.csv").problems
    assert problems and problems[0].format().startswith(expected)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
       | st.lists(st.lists(st.text(max_size=12), max_size=8), max_size=6).map(
           lambda rows: "\n".join(",".join(r) for r in
                                  [["id", "text", "evidence.quote", "via"], *rows])))
def test_no_input_gives_a_traceback(text: str) -> None:
    table = read_claims_csv(text, "claims.csv")
    for p in table.problems:
        assert p.file == "claims.csv" and p.line is not None
    for record in table.records:
        assert isinstance(record.get("id"), str)
