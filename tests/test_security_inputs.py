"""Hostile or broken case input: located errors, limits that can be raised, no escape from
the case folder (issue 16: limits, files, NaN, NUL, FIFO, symlinks, corrupt PDF, nesting)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimgraph.errors import Problem
from claimgraph.schema.caseload import load_case_folder
from claimgraph.sources.validation import validate_case

ENTITIES = """entities:
  - {id: china, name: China, kind: state}
  - {id: russia, name: Russia, kind: state}
"""
SOURCE = "sources:\n  - {id: art, title: Article, kind: analysis, text: texts/a.txt}\n"
CLAIM = """claims:
  - id: c1
    text: China supplies Russia.
    subject: china
    predicate: supplies
    object: russia
    evidence: [{source: art, quote: "China supplies Russia"}]
"""


def make_case(root: Path, data: str = ENTITIES + SOURCE + CLAIM, *,
              text: str = "China supplies Russia.\n") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "case.yaml").write_text("id: demo\ntitle: Demo\n", encoding="utf-8")
    (root / "data.yaml").write_text(data, encoding="utf-8")
    (root / "texts").mkdir(exist_ok=True)
    (root / "texts" / "a.txt").write_text(text, encoding="utf-8")
    return root


def errors(root: Path) -> list[Problem]:
    return [p for p in validate_case(root).problems if p.severity == "error"]


def formatted(root: Path) -> list[str]:
    return [p.format() for p in validate_case(root).problems]


def test_a_valid_small_case_has_no_problem(tmp_path: Path) -> None:
    assert formatted(make_case(tmp_path / "c")) == []


# -- numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.Inf"])
def test_nan_and_infinities_are_refused_in_yaml(tmp_path: Path, value: str) -> None:
    data = ENTITIES + SOURCE + CLAIM.replace("    evidence:",
                                             f"    quantity: {{value: {value}, unit: t}}\n"
                                             "    evidence:")
    [p] = errors(make_case(tmp_path / "c", data))
    assert p.location() == "data.yaml:12:23"
    assert "finite number" in p.message and "quantity.value" in p.message
    assert p.hint and "NaN" in p.hint


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinities_are_refused_in_json_lines(tmp_path: Path, value: str) -> None:
    root = make_case(tmp_path / "c", ENTITIES + SOURCE)
    record = {"id": "c2", "text": "t", "subject": "china", "predicate": "supplies",
              "object": "russia", "quantity": {"value": 1, "unit": "t"}}
    line = json.dumps(record).replace('"value": 1', f'"value": {value}')
    (root / "claims.jsonl").write_text(line + "\n", encoding="utf-8")
    [p] = errors(root)
    assert p.file == "claims.jsonl" and p.line == 1
    assert "finite number" in p.message


# -- bytes and characters ------------------------------------------------------------------
def test_a_nul_byte_in_yaml_is_located(tmp_path: Path) -> None:
    root = make_case(tmp_path / "c", ENTITIES.replace("name: Russia", "name: Rus\x00sia"))
    [p] = errors(root)
    assert (p.file, p.line, p.col, p.code) == ("data.yaml", 3, 27, "yaml-syntax")
    assert "U+0000" in p.message and "position" not in p.message


@pytest.mark.parametrize(("char", "severity"), [("\x1b", "error"), ("\x07", "error"),
                                                ("\x9b", "error"), ("\u202e", "warning"),
                                                ("\u2066", "warning")])
def test_control_characters_in_values_are_reported(tmp_path: Path, char: str,
                                                   severity: str) -> None:
    escaped = json.dumps(char)  # YAML double-quoted scalars read JSON's \\uXXXX escapes
    data = ENTITIES.replace("name: Russia", f"name: {escaped[:-1]}Evil Corp\"")
    root = make_case(tmp_path / "c", data + SOURCE + CLAIM)
    found = [p for p in validate_case(root).problems if p.code in ("control-char", "bidi-char")]
    assert [(p.severity, p.location()) for p in found] == [(severity, "data.yaml:3:24")]
    assert f"U+{ord(char):04X}" in found[0].message and found[0].hint


def test_control_characters_in_json_lines_are_located_at_their_key(tmp_path: Path) -> None:
    root = make_case(tmp_path / "c", SOURCE)
    lines = [json.dumps({"id": "china", "name": "China", "kind": "state",
                         "note": "Windows\r\nline ends are fine"}),
             json.dumps({"id": "x", "kind": "company", "name": "E\x1b]0;owned\x07vil"})]
    (root / "entities.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [p for p in validate_case(root).problems if p.code == "control-char"]
    assert [(p.location(), p.severity) for p in found] == [("entities.jsonl:2:32", "error")]
    assert "U+001B" in found[0].message and "U+0007" in found[0].message


# -- nesting -------------------------------------------------------------------------------
def test_deep_json_lines_nesting_is_a_located_error(tmp_path: Path) -> None:
    root = make_case(tmp_path / "c", ENTITIES + SOURCE)
    deep = '{"id": "c9", "text": "t", "note": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (root / "claims.jsonl").write_text(deep + "\n", encoding="utf-8")
    [p] = errors(root)
    assert (p.file, p.line, p.code) == ("claims.jsonl", 1, "too-deep")
    assert "CLAIMGRAPH_MAX_DEPTH" in (p.hint or "")


def test_deep_yaml_nesting_is_a_located_error(tmp_path: Path) -> None:
    data = ENTITIES + "claims:\n  - id: c9\n    note: " + "[" * 70 + "]" * 70 + "\n"
    [p] = [p for p in errors(make_case(tmp_path / "c", data)) if p.code == "too-deep"]
    assert p.location() == "data.yaml:6:" + str(11 + 64 - 3)  # the 62nd "[" is level 65
    assert "64" in p.message


# -- limits (raisable by the user) ---------------------------------------------------------
def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_case(tmp_path / "c")
    monkeypatch.setenv("CLAIMGRAPH_MAX_FILE_SIZE", "100")
    found = {p.file: p for p in errors(root)}
    assert found["data.yaml"].code == "too-large"
    assert "more than the limit of 100B" in found["data.yaml"].message
    assert "CLAIMGRAPH_MAX_FILE_SIZE=" in (found["data.yaml"].hint or "")
    monkeypatch.setenv("CLAIMGRAPH_MAX_FILE_SIZE", "1M")
    assert errors(root) == []


def test_source_text_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_case(tmp_path / "c", text="China supplies Russia. " + "x" * 5000)
    monkeypatch.setenv("CLAIMGRAPH_MAX_FILE_SIZE", "1K")
    [p] = [p for p in errors(root) if p.code == "source-read"]
    assert p.location() == "data.yaml:5:53" and "more than the limit of 1K" in p.message


def test_string_length_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = ENTITIES.replace("name: Russia", "name: " + "R" * 300) + SOURCE + CLAIM
    root = make_case(tmp_path / "c", data)
    monkeypatch.setenv("CLAIMGRAPH_MAX_STRING", "200")
    [p] = errors(root)
    assert (p.location(), p.code) == ("data.yaml:3:24", "too-long")
    assert "300 characters" in p.message and "CLAIMGRAPH_MAX_STRING=" in (p.hint or "")
    jsonl = root / "x-entities.jsonl"
    jsonl.write_text(json.dumps({"id": "y", "name": "Y" * 250, "kind": "state"}) + "\n")
    assert [p.location() for p in errors(root)] == ["data.yaml:3:24", "x-entities.jsonl:1:13"]
    monkeypatch.setenv("CLAIMGRAPH_MAX_STRING", "1000")
    assert errors(root) == []


def test_record_count_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_case(tmp_path / "c")
    lines = [json.dumps({"id": f"e{i}", "name": f"E{i}", "kind": "state"}) for i in range(50)]
    (root / "more-entities.jsonl").write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("CLAIMGRAPH_MAX_RECORDS", "20")
    found = [p for p in errors(root) if p.code == "too-many"]
    assert len(found) == 1 and "more than 20 records" in found[0].message
    assert "CLAIMGRAPH_MAX_RECORDS=" in (found[0].hint or "")
    loaded = load_case_folder(root)
    assert len(loaded.entities) + len(loaded.sources) + len(loaded.claims) <= 20
    monkeypatch.setenv("CLAIMGRAPH_MAX_RECORDS", "100")
    assert errors(root) == []


def test_a_nonsense_limit_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from claimgraph.graph.cli import main

    monkeypatch.setenv("CLAIMGRAPH_MAX_DEPTH", "deep")
    assert main(["validate", str(make_case(tmp_path / "c"))]) == 1
    err = capsys.readouterr().err
    assert "CLAIMGRAPH_MAX_DEPTH='deep' is not a whole number" in err and "Traceback" not in err


# -- files that are not what they seem -----------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_folder_as_text_gets_its_own_message(tmp_path: Path) -> None:
    data = SOURCE.replace("texts/a.txt", "texts/pipe.txt") + \
        "  - {id: b, title: B, kind: news, text: texts/folder.txt}\n"
    root = make_case(tmp_path / "c", ENTITIES + data)
    os.mkfifo(root / "texts" / "pipe.txt")
    (root / "texts" / "folder.txt").mkdir()
    found = sorted((p.code, p.message) for p in errors(root))
    assert found == [
        ("not-a-file", "source 'art': text path 'texts/pipe.txt' is not a regular file "
                       "(a FIFO)"),
        ("not-a-file", "source 'b': text path 'texts/folder.txt' is a folder, not a file")]


def test_a_symlinked_data_file_pointing_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("claims:\n  - {id: leak, text: x, subject: a, predicate: b, object: c}\n")
    root = make_case(tmp_path / "c")
    (root / "stolen.yaml").symlink_to(outside)
    found = errors(root)
    assert [(p.file, p.code) for p in found] == [("stolen.yaml", "path-outside")]
    assert "leak" not in {c.id for c in load_case_folder(root).claims}


def test_a_symlink_inside_the_case_is_fine(tmp_path: Path) -> None:
    root = make_case(tmp_path / "c", ENTITIES + SOURCE)
    (root / "parts").mkdir()
    (root / "parts" / "claims.txt").write_text(CLAIM)
    (root / "claims.yaml").symlink_to(root / "parts" / "claims.txt")
    assert errors(root) == []


def test_a_symlinked_texts_folder_pointing_outside_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.txt").write_text("China supplies Russia.\n")
    root = make_case(tmp_path / "c")
    (root / "texts" / "a.txt").unlink()
    (root / "texts").rmdir()
    (root / "texts").symlink_to(elsewhere, target_is_directory=True)
    [p] = errors(root)
    assert (p.code, p.location()) == ("path-outside", "data.yaml:5:53")


def test_a_corrupt_pdf_is_a_located_error(tmp_path: Path) -> None:
    root = make_case(tmp_path / "c", ENTITIES + SOURCE.replace("a.txt", "a.pdf") + CLAIM)
    (root / "texts" / "a.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Length 99 >> stream\n"
                                            b"\x00\x01garbage" * 20 + b"\n%%EOF")
    [p] = [p for p in errors(root) if p.code == "source-read"]
    assert p.location() == "data.yaml:5:53"
    assert "not a readable PDF" in p.message and "art" in p.message


@pytest.mark.parametrize("field", ["Name", "ID", "Kind_of"])
def test_an_unknown_field_starting_with_a_capital_is_reported(tmp_path: Path,
                                                              field: str) -> None:
    """Found by atheris: `Name:` (a capitalised typo) crashed validate with an IndexError —
    union member tags ("Label", "str") were told apart from keys by their first letter."""
    data = ENTITIES.replace("kind: state}\n  - {id: russia", f"kind: state, {field}: x}}\n"
                            "  - {id: russia")
    [p] = errors(make_case(tmp_path / "c", data + SOURCE + CLAIM))
    assert (p.code, p.location()) == ("unknown-field", "data.yaml:2:43")
    assert p.message == f"entity 'china': unknown field '{field}'"


def test_a_hostile_anchors_lock_is_ignored_not_fatal(tmp_path: Path) -> None:
    root = make_case(tmp_path / "c")
    (root / "anchors.lock.json").write_text('{"version": 1, "sources": ' + "[" * 100_000 + "}")
    assert errors(root) == []
    (root / "anchors.lock.json").unlink()
    outside = tmp_path / "elsewhere.json"
    outside.write_text(json.dumps({"version": 1, "sources": {"art": {"sha256": "0" * 64,
                                                                    "quotes": []}}}))
    (root / "anchors.lock.json").symlink_to(outside)
    assert [p.code for p in validate_case(root).problems] == []  # not read: no "changed"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_a_data_file_is_reported_and_never_opened(tmp_path: Path) -> None:
    root = make_case(tmp_path / "c")
    os.mkfifo(root / "more.yaml")  # opening it would block for ever
    [p] = [p for p in validate_case(root).problems if p.file == "more.yaml"]
    assert (p.severity, p.code) == ("warning", "ignored-file")
    assert p.message == "more.yaml is not read: it is a FIFO, not a file"
