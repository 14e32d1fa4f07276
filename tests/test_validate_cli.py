"""Exact-text tests of `claimgraph validate` on the fixture cases (one per kind of problem).

Each expected line is what a user sees: ``file:line:col: severity[code]: message (hint: ...)``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.graph.cli import main

CASES = Path(__file__).parent / "fixtures" / "cases"

EXPECTED: dict[str, tuple[int, list[str], str]] = {
    "bad-dangling-ref": (1, [
        "claims.yaml:8:13: error[dangling-ref]: claim 'nc-2023': object 'rusia' is not an entity of this case (hint: did you mean 'russia'?)",
        "claims.yaml:9:11: error[dangling-ref]: claim 'nc-2023': item 'nitrocelulose' is not an entity of this case (hint: did you mean 'nitrocellulose'?)",
        "claims.yaml:11:18: error[dangling-ref]: claim 'nc-2023': evidence source 'artcle' is not a source of this case (hint: did you mean 'article'?)",
    ], "invalid — 3 errors, 0 warnings (3 entities, 1 source, 1 claim)"),
    "bad-date": (1, [
        "claims.yaml:5:12: error[schema]: claim 'c1': field 'time': '2023/2021': the interval ends before it starts (hint: put the earlier date first: START/END, e.g. 2021/2023)",
        "sources.yaml:5:16: error[schema]: source 'article': field 'published': '2025-13' is not a valid date: month must be in 1..12 (hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD (an interval as START/END))",
        "sources.yaml:9:16: error[schema]: source 'report': field 'published': '05/2025' is not a date (hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD (an interval as START/END))",
    ], "invalid — 3 errors, 0 warnings (1 entity, 2 sources, 1 claim)"),
    "bad-duplicate-id": (1, [
        "entities.yaml:2:10: error[duplicate-id]: entity 'china': id is also used by a source (at more.yaml:4) (hint: ids are shared by entities, sources and claims: rename one)",
        "entities.yaml:3:5: error[duplicate-id]: entity id 'russia' is defined again at more.yaml:2 (hint: give each record its own id)",
        "more.yaml:2:5: error[duplicate-id]: entity id 'russia' is defined twice (first at entities.yaml:3) (hint: give each record its own id)",
        "more.yaml:4:10: error[duplicate-id]: source 'china': id is also used by an entity (at entities.yaml:2) (hint: ids are shared by entities, sources and claims: rename one)",
    ], "invalid — 4 errors, 0 warnings (3 entities, 1 source, 0 claims)"),
    "bad-duplicate-key": (1, [
        "entities.yaml:5:5: error[duplicate-key]: key 'name' appears twice in one mapping (hint: the first is at line 3; keep one of them)",
    ], "invalid — 1 error, 0 warnings (1 entity, 0 sources, 0 claims)"),
    "bad-jsonl": (1, [
        "claims.jsonl:1:1: warning[no-evidence]: claim 'c1': has no evidence (hint: add `evidence:` with a quote from a source, or it will count as unsourced)",
        "claims.jsonl:2:93: error[dangling-ref]: claim 'c2': object 'rusia' is not an entity of this case (hint: did you mean 'russia'?)",
        "claims.jsonl:2:112: error[unknown-field]: claim 'c2': unknown field 'evidense' (hint: did you mean 'evidence'?)",
        'claims.jsonl:3:22: error[json-syntax]: Unterminated string starting at (hint: each line must be one complete JSON object)',
    ], "invalid — 3 errors, 1 warning (3 entities, 0 sources, 2 claims)"),
    "bad-kind-not-allowed": (1, [
        "claims.yaml:2:5: warning[no-evidence]: claim 'c1': has no evidence (hint: add `evidence:` with a quote from a source, or it will count as unsourced)",
        "claims.yaml:2:89: error[kind-not-allowed]: claim 'c1': 'produces' does not take a state as object ('russia') (hint: allowed object kinds: thing)",
        "claims.yaml:3:5: warning[no-evidence]: claim 'c2': has no evidence (hint: add `evidence:` with a quote from a source, or it will count as unsourced)",
        "claims.yaml:3:62: error[kind-not-allowed]: claim 'c2': 'supplies' does not take a commodity as subject ('nitrocellulose') (hint: allowed subject kinds: actor, place)",
    ], "invalid — 2 errors, 2 warnings (3 entities, 0 sources, 2 claims)"),
    "bad-missing-field": (1, [
        "claims.yaml:2:5: error[missing-field]: claim 'nc-2023': missing field 'predicate' (hint: add `predicate:`)",
    ], "invalid — 1 error, 0 warnings (3 entities, 0 sources, 0 claims)"),
    "bad-missing-text": (1, [
        "sources.yaml:2:60: error[missing-file]: source 'article': text file 'texts/article.txt' does not exist (hint: save the source text there, or remove `text:` if it was not captured)",
    ], "invalid — 1 error, 0 warnings (0 entities, 1 source, 0 claims)"),
    "bad-part-of-cycle": (1, [
        "entities.yaml:2:72: error[cycle]: entity 'a-ministry': part_of goes round in a circle: a-ministry -> b-government -> c-state-council -> a-ministry (hint: an entity cannot be (indirectly) part of itself)",
        "entities.yaml:5:54: error[cycle]: entity 'loner': is part of itself",
    ], "invalid — 2 errors, 0 warnings (4 entities, 0 sources, 0 claims)"),
    "bad-quote-not-found": (1, [
        'claims.yaml:11:16: error[quote-not-found]: claim \'nc-2023\': evidence #1: quote not found in source \'article\' (hint: did you mean "In 2023, exports more than doubled to 1,300 tons" at char 39, 91 % similar?)',
    ], "invalid — 1 error, 0 warnings (3 entities, 1 source, 1 claim)"),
    "bad-text-outside": (1, [
        "sources.yaml:2:54: error[path-outside]: source 'up': text path '../secret.txt' is outside the case folder (hint: keep source texts inside the case, e.g. texts/article.txt)",
        "sources.yaml:3:50: error[path-outside]: source 'abs': text path '/etc/passwd' is outside the case folder (hint: keep source texts inside the case, e.g. texts/article.txt)",
    ], "invalid — 2 errors, 0 warnings (0 entities, 2 sources, 0 claims)"),
    "bad-unknown-field": (1, [
        "entities.yaml:5:5: error[unknown-field]: entity 'china': unknown field 'aliasses' (hint: did you mean 'aliases'?)",
        "entities.yaml:9:5: error[unknown-field]: entity 'russia': unknown field 'colour' (hint: remove it, or use one of: aliases, broader, country, description, id, ids, kind, name, note, overlaps, part_of, same_as)",
    ], "invalid — 2 errors, 0 warnings (2 entities, 0 sources, 0 claims)"),
    "bad-unknown-kind": (1, [
        "entities.yaml:2:36: error[unknown-kind]: entity 'china': unknown kind 'stat' (hint: did you mean 'state'?)",
        "entities.yaml:3:53: error[unknown-kind]: entity 'pla': unknown kind 'militia' (hint: did you mean 'military_body'?)",
        "entities.yaml:4:46: error[abstract-kind]: entity 'org': kind 'organization' only groups other kinds (hint: use one of: company, government_body, international_organization, media_outlet, military_body, party_body, soe, state, think_tank)",
        "entities.yaml:6:44: error[unknown-kind]: source 'article': unknown source kind 'newspaper' (hint: did you mean 'news'?)",
    ], "invalid — 4 errors, 0 warnings (3 entities, 1 source, 0 claims)"),
    "bad-unknown-predicate": (1, [
        "claims.yaml:2:5: warning[no-evidence]: claim 'nc-2023': has no evidence (hint: add `evidence:` with a quote from a source, or it will count as unsourced)",
        "claims.yaml:2:76: error[unknown-predicate]: claim 'nc-2023': unknown predicate 'suplies' (hint: did you mean 'supplies'?)",
    ], "invalid — 1 error, 1 warning (3 entities, 0 sources, 1 claim)"),
    "bad-wrong-type": (1, [
        'entities.yaml:4:75: error[schema]: entity \'nitrocellulose\': field \'ids.hs\': Input should be a valid string (hint: quote the value if it is text (e.g. an HS code "3912.20"))',
        "entities.yaml:11:23: error[schema]: claim 'nc-2023': field 'quantity.value': Input should be a number (hint: write a plain number, e.g. 1300 (say 'about' with `approx: true`))",
        "entities.yaml:12:10: error[schema]: claim 'nc-2023': field 'via': Input should be a valid list (hint: write a list, e.g. [a, b], even for a single value: [a])",
    ], "invalid — 3 errors, 0 warnings (3 entities, 0 sources, 1 claim)"),
    "bad-yaml-syntax": (1, [
        "claims.yaml:7:13: error[yaml-syntax]: while parsing a flow sequence (started at line 6, column 13): did not find expected ',' or ']' (hint: check indentation, and quote values that contain ': ' or start with '{', '[', '*', '&')",
    ], "invalid — 1 error, 0 warnings (3 entities, 0 sources, 0 claims)"),
    "warnings-only": (0, [
        "claims.yaml:4:5: warning[no-evidence]: claim 'c1': has no evidence (hint: add `evidence:` with a quote from a source, or it will count as unsourced)",
        "claims.yaml:10:35: warning[quote-ambiguous]: claim 'c2': evidence #1: quote occurs 2 times in source 'a' (at chars 0, 14) (hint: add `occurrence: N`, or quote a longer passage)",
    ], "valid — 0 errors, 2 warnings (3 entities, 1 source, 2 claims)"),
    "five-mistakes": (1, [
        "claims.yaml:6:13: error[dangling-ref]: claim 'nc-2022': object 'rusia' is not an entity of this case (hint: did you mean 'russia'?)",
        'claims.yaml:23:16: error[quote-not-found]: claim \'nc-2023\': evidence #1: quote not found in source \'article\' (hint: did you mean "In 2023, exports more than doubled to 1,300 tons" at char 371, 92 % similar?)',
        "entities.yaml:5:5: error[unknown-field]: entity 'china': unknown field 'aliasses' (hint: did you mean 'aliases'?)",
        "entities.yaml:9:11: error[unknown-kind]: entity 'russia': unknown kind 'stat' (hint: did you mean 'state'?)",
        "sources.yaml:19:16: error[schema]: source 'mfa-briefing': field 'published': '2025-13' is not a valid date: month must be in 1..12 (hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD (an interval as START/END))",
    ], "invalid — 5 errors, 0 warnings (7 entities, 3 sources, 5 claims)"),
}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    out = capsys.readouterr().out
    return code, out.splitlines()


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_problem_lines(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, summary = EXPECTED[name]
    case = CASES / name
    got_code, out = run_cli(capsys, "validate", str(case))
    assert out == [*lines, f"{case}: {summary}"]
    assert got_code == code


def test_every_problem_fixture_is_covered() -> None:
    """A new bad-* fixture needs its expected output here."""
    names = {p.name for p in CASES.iterdir() if p.name.startswith("bad-")}
    assert names <= set(EXPECTED), sorted(names - set(EXPECTED))


def test_valid_case_passes_clean(capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES / "valid"
    code, out = run_cli(capsys, "validate", str(case))
    assert out == [f"{case}: valid — 0 errors, 0 warnings (7 entities, 3 sources, 5 claims)"]
    assert code == 0


def test_five_mistakes_all_reported_with_location(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli(capsys, "validate", str(CASES / "five-mistakes"))
    problems = out[:-1]
    assert code == 1
    assert len(problems) == 5
    codes = set()
    for line in problems:
        where, severity_code, _ = line.split(": ", 2)
        file, ln, col = where.split(":")
        assert file in {"entities.yaml", "sources.yaml", "claims.yaml"}
        assert int(ln) > 0 and int(col) > 0
        assert severity_code.startswith("error[")
        codes.add(severity_code)
    assert codes == {"error[dangling-ref]", "error[quote-not-found]", "error[unknown-field]",
                     "error[unknown-kind]", "error[schema]"}
    assert {line.split(":")[0] for line in problems} == {
        "entities.yaml", "sources.yaml", "claims.yaml"}


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES / "five-mistakes"
    code, out = run_cli(capsys, "validate", "--format", "json", str(case))
    data = json.loads("\n".join(out))
    assert code == 1
    assert data["ok"] is False and data["errors"] == 5 and data["warnings"] == 0
    assert data["case"] == str(case)
    first = data["problems"][0]
    assert first == {
        "severity": "error", "code": "dangling-ref", "file": "claims.yaml", "line": 6, "col": 13,
        "message": "claim 'nc-2022': object 'rusia' is not an entity of this case",
        "hint": "did you mean 'russia'?",
    }
    assert [(p["file"], p["line"], p["col"]) for p in data["problems"]] == [
        ("claims.yaml", 6, 13), ("claims.yaml", 23, 16), ("entities.yaml", 5, 5),
        ("entities.yaml", 9, 11), ("sources.yaml", 19, 16)]


def test_json_warnings_only_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli(capsys, "validate", "-f", "json", str(CASES / "warnings-only"))
    data = json.loads("\n".join(out))
    assert code == 0
    assert data["ok"] is True and data["errors"] == 0 and data["warnings"] == 2
    assert {p["code"] for p in data["problems"]} == {"no-evidence", "quote-ambiguous"}


def test_quiet_hides_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES / "bad-unknown-predicate"
    code, out = run_cli(capsys, "validate", "--quiet", str(case))
    assert code == 1
    assert [line.split(": ")[1] for line in out[:-1]] == ["error[unknown-predicate]"]


def test_not_a_case_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli(capsys, "validate", str(tmp_path))
    assert code == 1
    assert out[0] == (f"case.yaml: error[no-case]: no case.yaml in {tmp_path} (hint: a case "
                      "folder needs case.yaml with at least `id:` and `title:`)")


def test_console_script_exit_codes() -> None:
    """The installed entry point, run as a user runs it."""
    exe = Path(sys.executable).with_name("claimgraph")
    ok = subprocess.run([exe, "validate", str(CASES / "warnings-only")],
                        capture_output=True, text=True, check=False)
    bad = subprocess.run([exe, "validate", str(CASES / "five-mistakes")],
                         capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert bad.returncode == 1, bad.stderr
    assert "entities.yaml:9:11: error[unknown-kind]" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_terminal_output_matches_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal problems go through rich markup; the text must be the same line
    (a "[code]" once vanished as an unknown style tag)."""
    from rich.console import Console

    from claimgraph.errors import Problem
    from claimgraph.graph.cli import common

    term = Console(force_terminal=True, color_system=None, record=True, width=400,
                   soft_wrap=True)
    monkeypatch.setattr(common, "console", term)
    p = Problem("error", "schema", "claim '[x]': field 'time': bad [bold]", "a [b].yaml", 3, 4,
                hint="write [this]")
    common.print_problem(p)
    assert term.export_text().rstrip("\n") == p.format()
