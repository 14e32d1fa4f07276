"""The interop commands as a user runs them: export, import into a case, extract a draft."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimgraph.graph.cli import main
from claimgraph.sources.validation import validate_case

FIXTURES = Path(__file__).parent / "fixtures"
VERDICTS = FIXTURES / "cases" / "verdicts"
VALID = FIXTURES / "cases" / "valid"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_claimreview_export_then_import(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    out = tmp_path / "reviews.json"
    code, _, err = run(capsys, "claimreview", "export", str(VERDICTS), "--out", str(out))
    assert code == 0 and "wrote 3 ClaimReview(s)" in err
    assert [r["@type"] for r in json.loads(out.read_text("utf-8"))] == ["ClaimReview"] * 3
    code, stdout, _ = run(capsys, "claimreview", "import", str(out), "--case",
                          str(tmp_path / "checked"))
    assert code == 0, stdout
    assert "added 5 entities, 3 sources and 3 claims to" in " ".join(stdout.split())
    assert (tmp_path / "checked" / "claimreview-reviews.yaml").is_file()
    assert validate_case(tmp_path / "checked").ok
    # importing again: nothing new, the case's records are kept
    code, stdout, _ = run(capsys, "claimreview", "import", str(out), "--case",
                          str(tmp_path / "checked"), "--out", "again.yaml")
    assert code == 0 and "nothing new to import" in stdout
    assert "warning[import-skipped]" in stdout


def test_claimreview_import_of_a_remote_context_writes_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"@context": "https://evil.example/ctx", "@type": "ClaimReview"}')
    code, stdout, err = run(capsys, "claimreview", "import", str(bad), "--case",
                            str(tmp_path / "c"))
    assert code == 1
    assert "bad.json:1:1: error[remote-context]" in stdout
    assert "nothing imported" in err and not (tmp_path / "c").exists()


def test_ftm_export_and_import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, stdout, _ = run(capsys, "ftm", "export", str(VERDICTS))
    assert code == 0
    lines = [json.loads(line) for line in stdout.splitlines()]
    assert {"PublicBody", "Person", "Documentation"} <= {e["schema"] for e in lines}
    extract = FIXTURES / "ftm" / "opensanctions-style.jsonl"
    code, stdout, err = run(capsys, "ftm", "import", str(extract), "--case", str(tmp_path / "c"))
    assert code == 1 and "nothing imported" in err  # its line 9 is broken
    assert "opensanctions-style.jsonl:9:27: error[json-syntax]" in stdout
    assert not (tmp_path / "c").exists()
    good = tmp_path / "good.jsonl"
    good.write_text("".join(extract.read_text("utf-8").splitlines(keepends=True)[:8]))
    code, stdout, _ = run(capsys, "ftm", "import", str(good), "--case", str(tmp_path / "c"))
    assert code == 0, stdout
    assert "added 5 entities, 0 sources and 0 claims" in " ".join(stdout.split())
    assert "info[import-skipped]: Address 'addr-1'" in stdout


def test_annotations_export(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(capsys, "annotations", "export", str(VERDICTS))
    assert code == 0
    collection = json.loads(stdout)
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 5
    code, stdout, _ = run(capsys, "annotations", "export", str(VERDICTS), "--lines")
    first = json.loads(stdout.splitlines()[0])
    assert first["@context"] == "http://www.w3.org/ns/anno.jsonld"


def test_csv_export_then_import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    code, _, err = run(capsys, "csv", "export", str(VALID), "--out", str(sheet))
    assert code == 0 and "wrote 5 claims" in err
    target = tmp_path / "case"
    shutil.copytree(VALID, target)
    (target / "claims.yaml").unlink()
    code, stdout, _ = run(capsys, "csv", "import", str(sheet), "--case", str(target))
    assert code == 0, stdout
    assert (target / "sheet-claims.csv").is_file()
    back, original = validate_case(target), validate_case(VALID)
    assert back.case is not None and original.case is not None
    assert back.case.canonical() == original.case.canonical()
    # the same sheet again: duplicate ids, located in the sheet, nothing written
    code, stdout, err = run(capsys, "csv", "import", str(sheet), "--case", str(target),
                            "--out", "more-claims.csv")
    assert code == 1 and "more-claims.csv:2:1: error[duplicate-id]" in stdout
    assert not (target / "more-claims.csv").exists()


def test_extract_prints_a_draft_that_validates(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(VALID, case)
    (case / "texts" / "news.txt").write_text(
        "Russia reportedly bought 500 tons of nitrocellulose from China in 2024.\n", "utf-8")
    code, stdout, err = run(capsys, "extract", str(case / "texts" / "news.txt"), "--case",
                            str(case))
    assert code == 0
    assert "draft: 1 candidate claims, 0 candidate entities; 0 error(s) with the case" in err
    assert "confidence: roughly_even_chance  # from the hedge 'reportedly'" in stdout
    out = case / "draft-news.yaml"
    code, _, err = run(capsys, "extract", str(case / "texts" / "news.txt"), "--case",
                       str(case), "--out", str(out))
    assert code == 0 and out.is_file() and validate_case(case).ok
