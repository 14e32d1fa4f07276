"""Cross-checks of `validate_case` beyond the one-problem fixtures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from claimgraph.sources.validation import validate_case

REPO = Path(__file__).parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from casegen import CaseStats, generate_case  # noqa: E402

sys.path.remove(str(REPO / "benchmarks"))


def _case(root: Path, **files: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "case.yaml").write_text("id: t\ntitle: T\n")
    for name, text in files.items():
        path = root / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


ENTITIES = ("entities:\n  - {id: china, name: China, kind: state}\n"
            "  - {id: russia, name: Russia, kind: state}\n")


def lines(root: Path) -> list[str]:
    return [p.format() for p in validate_case(root).problems]


def test_record_with_schema_error_is_still_cross_checked(tmp_path: Path) -> None:
    root = _case(tmp_path / "c", **{"e.yaml": ENTITIES, "c.yaml": (
        "claims:\n"
        "  - {id: c1, text: T, subject: china, predicate: supplies, object: rusia,\n"
        "     confidance: likely, evidence: [{source: nowhere, quote: q}]}\n")})
    assert lines(root) == [
        "c.yaml:2:68: error[dangling-ref]: claim 'c1': object 'rusia' is not an entity of "
        "this case (hint: did you mean 'russia'?)",
        "c.yaml:3:6: error[unknown-field]: claim 'c1': unknown field 'confidance' "
        "(hint: did you mean 'confidence'?)",
        "c.yaml:3:46: error[dangling-ref]: claim 'c1': evidence source 'nowhere' is not a "
        "source of this case (hint: define it under `sources:`)",
    ]


def test_reference_to_a_rejected_record_is_not_reported_twice(tmp_path: Path) -> None:
    root = _case(tmp_path / "c", **{"e.yaml": ENTITIES + "  - {id: belarus, kind: state}\n",
                                    "c.yaml": "claims:\n  - {id: c1, text: T, subject: china,"
                                              " predicate: supplies, object: belarus}\n"})
    assert [line.split(": ")[:2] for line in lines(root)] == [
        ["c.yaml:2:5", "warning[no-evidence]"], ["e.yaml:4:5", "error[missing-field]"]]


def test_suggestion_ignores_case(tmp_path: Path) -> None:
    root = _case(tmp_path / "c", **{"e.yaml": ENTITIES, "c.yaml": (
        "claims:\n  - {id: c1, text: T, subject: China, predicate: supplies, object: russia}\n")})
    assert "(hint: did you mean 'china'?)" in lines(root)[1]


def test_claimant_suggestions_include_entities(tmp_path: Path) -> None:
    root = _case(tmp_path / "c", **{"e.yaml": ENTITIES, "c.yaml": (
        "claims:\n  - {id: c1, text: T, subject: china, predicate: supplies, object: russia,\n"
        "     claimant: chian}\n")})
    assert lines(root)[1] == (
        "c.yaml:3:16: error[dangling-ref]: claim 'c1': claimant 'chian' is not an entity or a "
        "source of this case (hint: did you mean 'china'?)")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_text_through_a_link_leading_outside(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    root = _case(tmp_path / "c", **{"s.yaml": (
        "sources:\n  - {id: a, title: A, kind: news, text: texts/a.txt}\n")})
    (root / "texts").mkdir()
    (root / "texts" / "a.txt").symlink_to(outside)
    assert lines(root) == [
        "s.yaml:2:41: error[path-outside]: source 'a': text path 'texts/a.txt' leads outside "
        "the case folder (a link?) (hint: copy the text into the case folder)"]


def test_unreadable_text_types_are_reported(tmp_path: Path) -> None:
    root = _case(tmp_path / "c", **{"s.yaml": (
        "sources:\n  - {id: a, title: A, kind: news, text: texts/a.docx}\n"),
        "texts__a.docx": "x"})
    (line,) = lines(root)
    assert line.startswith("s.yaml:2:41: error[source-read]: source 'a': cannot read 'a.docx'")


def test_not_utf8_file_is_reported(tmp_path: Path) -> None:
    root = _case(tmp_path / "c")
    (root / "e.yaml").write_bytes(b"entities:\n  - {id: x, name: \xff, kind: state}\n")
    assert lines(root) == [
        "e.yaml:2:19: error[encoding]: not UTF-8 (byte 28) (hint: save it as UTF-8)"]


def test_unknown_top_level_section(tmp_path: Path) -> None:
    root = _case(tmp_path / "c", **{"e.yaml": "entites:\n  - {id: x, name: X, kind: state}\n"})
    assert lines(root) == ["e.yaml:1:1: error[unknown-section]: unknown top-level key "
                           "'entites' (hint: did you mean 'entities'?)"]


def test_data_files_in_sub_folders_are_not_silently_ignored(tmp_path: Path) -> None:
    root = _case(tmp_path / "c", **{"e.yaml": ENTITIES, "more__x.yaml": ENTITIES,
                                    ".git__y.yaml": "z", "texts__a.txt": "t"})
    result = validate_case(root)
    assert [p.format() for p in result.problems] == [
        "more/x.yaml: warning[ignored-file]: more/x.yaml is not read: data files must be in "
        "the case folder itself (hint: move it next to case.yaml, or give it another suffix "
        "if it is not case data)"]
    assert result.ok and len(result.loaded.entities) == 2


def test_typo_of_a_section_in_case_yaml(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "case.yaml").write_text("id: x\ntitle: X\nentites:\n  - {id: a, name: A}\n")
    assert lines(root) == ["case.yaml:3:1: error[unknown-field]: case: unknown field 'entites' "
                           "(hint: did you mean 'entities'?)"]


def test_many_unknown_ids_stay_fast_and_deterministic(tmp_path: Path) -> None:
    ents = "".join(f"  - {{id: company-{i}, name: C{i}, kind: company}}\n" for i in range(3000))
    claims = "".join(
        f"  - {{id: c{i}, text: T, subject: compny-{i}, predicate: supports, "
        f"object: company-{i}, evidence: []}}\n" for i in range(1500))
    root = _case(tmp_path / "c", **{"e.yaml": "entities:\n" + ents,
                                    "c.yaml": "claims:\n" + claims})
    first = lines(root)
    assert first == lines(root)
    dangling = [line for line in first if "error[dangling-ref]" in line]
    assert len(dangling) == 1500
    assert "did you mean 'company-0'?" in dangling[0]


@pytest.mark.parametrize("fmt", ["yaml", "jsonl"])
def test_generated_cases_validate_clean(tmp_path: Path, fmt: str) -> None:
    stats = CaseStats()
    root = generate_case(tmp_path / fmt, n_claims=400, n_entities=80, n_sources=12, fmt=fmt,
                         seed=3, quotes_per_claim=2, stats=stats)
    result = validate_case(root)
    assert result.problems == []
    assert len(result.loaded.claims) == stats.claims == 400
    assert stats.quotes == 800 and len(result.anchors) == 800
    statuses = {a.status for a in result.anchors.values()}
    assert statuses == {"exact", "normalised"}


def test_generator_is_deterministic(tmp_path: Path) -> None:
    a = generate_case(tmp_path / "a", n_claims=50, n_entities=20, n_sources=4, fmt="yaml", seed=7)
    b = generate_case(tmp_path / "b", n_claims=50, n_entities=20, n_sources=4, fmt="yaml", seed=7)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
