"""Source text change detection: recorded sha256 and anchors.lock.json; `claimgraph anchor`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from claimgraph.graph.cli import main
from claimgraph.sources.anchorlock import LOCK_FILE, lock_data, read_lock
from claimgraph.sources.validation import validate_case

WIRE = ("WIRE SERVICE, 3 March 2024. Customs records show that China shipped 1,300 tonnes of\n"
        "nitrocellulose to Russia in 2023, more than double the volume of the year before.\n")


def changed(problems: list) -> list[str]:
    return [p.format() for p in problems if p.code == "source-changed"]


def test_no_record_no_warning(fixture_case) -> None:
    case = fixture_case("provenance-acceptance")
    assert changed(validate_case(case).problems) == []


def test_lock_names_moved_and_broken_quotes(fixture_case) -> None:
    case = fixture_case("provenance-acceptance")
    assert main(["anchor", str(case), "--write-lock"]) == 0
    lock = read_lock(case)
    assert lock is not None and lock["version"] == 1
    entry = lock["sources"]["wire"]
    assert entry["sha256"] == hashlib.sha256(WIRE.encode()).hexdigest()
    assert entry["quotes"] == [{"claim": "corroborated", "evidence": 1, "quote":
                                "China shipped 1,300 tonnes of nitrocellulose to Russia in 2023",
                                "status": "normalised", "start": 54, "end": 116}]
    assert changed(validate_case(case).problems) == []  # nothing changed yet
    # an editor re-flows the wire text: the quote moves
    (case / "texts" / "wire.txt").write_text("UPDATED. " + WIRE, encoding="utf-8")
    (msg,) = changed(validate_case(case).problems)
    assert msg.startswith("sources.yaml:3:")
    assert "source 'wire': its text changed since anchors.lock.json was written" in msg
    assert "1 quote moved: corroborated #1 54-116 -> 63-125" in msg
    # ... and the independent report is rewritten: its quotes break
    (case / "texts" / "independent.txt").write_text("Withdrawn.\n", encoding="utf-8")
    result = validate_case(case)
    msgs = changed(result.problems)
    assert len(msgs) == 2
    assert "4 quotes broke: belarus-route #1, corroborated #2, q-early-2024 #1, " \
           "weak-backed #1" in msgs[1]
    assert len(result.report.errors) == 4  # the broken quotes are errors in their own right


def test_recorded_sha256_without_lock(fixture_case) -> None:
    case = fixture_case("provenance-acceptance")
    good = hashlib.sha256(WIRE.encode()).hexdigest()
    src = case / "sources.yaml"
    src.write_text(src.read_text().replace(
        "reliability: B, text: texts/wire.txt}",
        f"reliability: B, text: texts/wire.txt, sha256: {good}}}"), encoding="utf-8")
    assert changed(validate_case(case).problems) == []
    (case / "texts" / "wire.txt").write_text(WIRE.replace("China shipped", "China sent"),
                                             encoding="utf-8")
    result = validate_case(case)
    (p,) = [p for p in result.problems if p.code == "source-changed"]
    assert p.severity == "warning" and p.file == "sources.yaml"
    assert p.message == (f"source 'wire': its text changed since its sha256 was recorded "
                         f"({good[:12]}… -> "
                         f"{hashlib.sha256(WIRE.replace('China shipped', 'China sent').encode()).hexdigest()[:12]}…)"
                         "; 1 quote broke: corroborated #1")
    assert p.hint is not None and "sha256: " in p.hint


def test_lock_data_is_deterministic(fixture_case) -> None:
    case = fixture_case("provenance-acceptance")
    a = json.dumps(lock_data(validate_case(case)), sort_keys=True)
    assert a == json.dumps(lock_data(validate_case(case)), sort_keys=True)


def test_anchor_command_reports_a_typo(fixture_case, capsys: pytest.CaptureFixture[str]) -> None:
    case = fixture_case("provenance-typo")
    assert main(["anchor", str(case)]) == 1
    out = capsys.readouterr().out
    assert "did you mean" in out and "97 % similar" in out
    assert "1 quotes in captured sources — 1 not_found" in out
    assert not (Path(case) / LOCK_FILE).exists()
