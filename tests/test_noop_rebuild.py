"""No-op rebuilds (issue 15): an unchanged case (same files, same claimgraph) is not rebuilt;
any changed, added or removed file, or another program, rebuilds. On a real on-disk store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.graph import build as build_module
from claimgraph.graph.build import build_case, input_digest
from claimgraph.graph.cli import main
from claimgraph.graph.store import open_store


@pytest.fixture
def case(fixture_case) -> Path:
    return fixture_case("store-alpha")


def test_an_unchanged_rebuild_does_nothing(case: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    first = build_case(case, store)
    before = store.dump()
    again = build_case(case, store)
    assert again.unchanged and not first.unchanged
    assert (again.build_id, again.graphs, again.counts) == (first.build_id, first.graphs,
                                                             first.counts)
    assert again.total_quads == first.total_quads > 0
    assert set(again.timings) == {"hash", "total"}  # nothing validated, mapped or loaded
    assert store.dump() == before
    assert store.case_info("store-alpha").inputs == input_digest(case)
    store.close()
    # the digest is in the catalogue: a new process sees it too
    store = open_store(tmp_path / "store")
    assert build_case(case, store).unchanged
    store.close()


@pytest.mark.parametrize("edit", ["change", "add", "remove"])
def test_a_changed_file_rebuilds(case: Path, tmp_path: Path, edit: str) -> None:
    store = open_store(tmp_path / "store")
    first = build_case(case, store)
    data = case / "data.yaml"
    if edit == "change":
        data.write_text(data.read_text().replace("Russia denies receiving", "Russia rejects"))
    elif edit == "add":
        (case / "notes.txt").write_text("a curator's note\n")
    else:
        extra = case / "notes.txt"
        extra.write_text("x\n")
        first = build_case(case, store)
        extra.unlink()
    second = build_case(case, store)
    assert not second.unchanged and second.build_id != first.build_id
    info = store.case_info("store-alpha")
    assert info.build == second.build_id and info.inputs == input_digest(case)
    if edit == "change":
        assert store.read_case("store-alpha").claims[0].text.startswith("Russia rejects")
    assert build_case(case, store).unchanged
    store.close()


def test_another_program_version_rebuilds(case: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(tmp_path / "store")
    first = build_case(case, store)
    monkeypatch.setattr(build_module, "code_digest", lambda: "another claimgraph")
    second = build_case(case, store)
    assert not second.unchanged and second.build_id != first.build_id


def test_force_rebuilds_an_unchanged_case(case: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    first = build_case(case, store)
    forced = build_case(case, store, force=True)
    assert not forced.unchanged and forced.build_id != first.build_id
    assert store.case_info("store-alpha").build == forced.build_id


def test_hidden_files_do_not_count(case: Path) -> None:
    digest = input_digest(case)
    (case / ".DS_Store").write_bytes(b"\0")
    (case / ".git").mkdir()
    (case / ".git" / "HEAD").write_text("ref: main\n")
    assert input_digest(case) == digest


def test_the_cli_says_nothing_to_do(case: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(tmp_path / "store")]
    assert main([*store, "build", str(case)]) == 0
    capsys.readouterr()
    assert main([*store, "build", str(case)]) == 0
    out = capsys.readouterr().out
    assert "unchanged since build" in out and "nothing to do" in out
    assert main([*store, "build", str(case), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] is True
    assert main([*store, "build", str(case), "--force", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] is False
