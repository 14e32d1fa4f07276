"""Instant repeats (issue 15): ``rank``, ``why`` and ``neighbours`` keep their answers beside
a real on-disk store, keyed by the case's build id. A repeat is answered from the cache (a
value planted in the cache file comes back), a rebuild invalidates it, a corrupted file is
ignored and recomputed, and the cache can be turned off. Also on an endpoint (the cache
then lives in the user's cache folder)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.graph.analytics.cache import AnswerCache
from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.store import open_store
from claimgraph.graph.store.embedded import CACHE

FIXTURES = Path(__file__).parent / "fixtures" / "cases"
CASE = "analytics-small"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with open_store(path) as store:
        build_case(FIXTURES / CASE, store)
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code = main([*args, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def cache_files(store_path: Path) -> list[Path]:
    return sorted((store_path / CACHE).rglob("*.json"))


def build_id(store_path: Path) -> str:
    with open_store(store_path, read_only=True) as store:
        return store.case_info(CASE).build


def test_a_repeat_is_answered_from_the_cache(capsys, store_path: Path) -> None:
    args = ("--store", str(store_path), "rank", "--top", "3")
    cold = run_json(capsys, *args)
    [path] = cache_files(store_path)
    assert path.parent.name == build_id(store_path) and path.name.startswith("rank-")
    assert run_json(capsys, *args) == cold
    # plant another answer under the same key: the repeat must come from the file
    doc = json.loads(path.read_text())
    doc["value"]["answer"]["rows"][0]["name"] = "Planted"
    path.write_text(json.dumps(doc))
    assert run_json(capsys, *args)["rows"][0]["name"] == "Planted"
    # other options, other answers: one file each
    run_json(capsys, "--store", str(store_path), "rank", "--top", "2")
    run_json(capsys, "--store", str(store_path), "why", "china", "russia", "-u")
    run_json(capsys, "--store", str(store_path), "neighbours", "china", "--min-status",
             "single-origin")
    assert sorted(p.name.split("-")[0] for p in cache_files(store_path)) == [
        "neighbours", "rank", "rank", "why"]


def test_text_answers_are_kept_too_keyed_by_the_width(capsys, monkeypatch,
                                                      store_path: Path) -> None:
    """The plain command (a table, a tree) is an instant repeat as well: its text is kept
    with the console's width, colours and terminal-ness in the key, so the same question
    at another width is computed, and a repeat prints what was kept."""
    args = ("--store", str(store_path), "why", "china", "russia", "-u")
    assert main(list(args)) == 0
    cold = capsys.readouterr().out
    [path] = cache_files(store_path)
    assert path.name.startswith("why-text-") and "path 1" in cold
    doc = json.loads(path.read_text())
    assert doc["value"]["text"] == cold
    doc["value"]["text"] = cold.replace("path 1", "planted path")
    path.write_text(json.dumps(doc))
    assert main(list(args)) == 0
    assert capsys.readouterr().out.startswith("planted path")
    monkeypatch.setenv("COLUMNS", "61")
    from claimgraph.graph.cli.common import console

    monkeypatch.setattr(console, "_width", 61)
    assert main(list(args)) == 0
    narrow = capsys.readouterr().out
    assert "planted" not in narrow and max(len(x) for x in narrow.splitlines()) <= 61
    assert len(cache_files(store_path)) == 2


def test_a_rebuild_invalidates_the_cache(capsys, store_path: Path, tmp_path: Path) -> None:
    args = ("--store", str(store_path), "rank", "--top", "3", "--by", "out_strength")
    cold = run_json(capsys, *args)
    [old] = cache_files(store_path)
    doc = json.loads(old.read_text())
    doc["value"]["answer"]["rows"][0]["name"] = "Stale"
    old.write_text(json.dumps(doc))
    before = build_id(store_path)
    case = tmp_path / "case"
    shutil.copytree(FIXTURES / CASE, case)
    meta = case / "case.yaml"  # a changed case (an unchanged one is a no-op rebuild)
    meta.write_text(meta.read_text().replace("title: Analytics fixture", "title: Fixture"))
    with open_store(store_path) as store:  # the case changed: a new build id
        build_case(case, store)
    assert build_id(store_path) != before
    again = run_json(capsys, *args)
    assert again == cold  # recomputed, not the planted stale answer
    [new] = cache_files(store_path)
    assert new.parent.name == build_id(store_path)  # the old build's answers are gone
    assert not old.exists()


@pytest.mark.parametrize("damage", [b"", b"{\"key\": ", b"\x00\xff garbage", b"[1, 2, 3]",
                                    b'{"key": {"kind": "rank"}, "value": 1}'])
def test_a_corrupted_cache_file_is_recomputed(capsys, store_path: Path, damage: bytes) -> None:
    args = ("--store", str(store_path), "neighbours", "china", "--depth", "2")
    cold = run_json(capsys, *args)
    [path] = cache_files(store_path)
    path.write_bytes(damage)
    assert run_json(capsys, *args) == cold
    assert json.loads(path.read_text())["value"]["answer"]["rows"] == cold["rows"]  # rewritten


def test_the_cache_can_be_turned_off(capsys, store_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_ANALYTICS_CACHE", "off")
    run_json(capsys, "--store", str(store_path), "rank")
    assert cache_files(store_path) == []


def test_no_temporary_files_are_left(capsys, store_path: Path) -> None:
    for top in ("1", "2", "3"):
        run_json(capsys, "--store", str(store_path), "rank", "--top", top)
    names = [p.name for p in (store_path / CACHE).rglob("*") if p.is_file()]
    assert len(names) == 3 and not [n for n in names if n.startswith(".tmp-")]


def test_a_cached_rank_needs_no_networkx(capsys, store_path: Path) -> None:
    """The point of the cache: a repeat loads neither networkx nor the projection code."""
    run_json(capsys, "--store", str(store_path), "rank", "--top", "3")
    code = ("import sys; from claimgraph.graph.cli import main; "
            f"main(['--store', {str(store_path)!r}, 'rank', '--top', '3', '--format', 'json']);"
            "print('networkx' in sys.modules, 'claimgraph.graph.analytics.projection' in "
            "sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stderr.strip().splitlines()[-1] == "False False"
    assert json.loads(done.stdout)["rows"]


def test_the_cache_of_an_endpoint(capsys, oxigraph_server: str, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    store = open_store(endpoint=oxigraph_server)
    store.update("CLEAR ALL")
    build_case(FIXTURES / CASE, store)
    folder = store.cache_folder()
    assert folder is not None and str(folder).startswith(str(tmp_path / "xdg"))
    cold = run_json(capsys, "--endpoint", oxigraph_server, "rank", "--top", "2")
    assert run_json(capsys, "--endpoint", oxigraph_server, "rank", "--top", "2") == cold
    cache = AnswerCache.for_store(store, CASE)
    assert cache.root is not None and len(list(cache.root.rglob("rank-*.json"))) == 1


def test_answer_cache_keys() -> None:
    """Same key, same file; any difference in the key, another file; odd ids are hashed."""
    a = AnswerCache(Path("/x"), "case", "b1")
    assert a.path("rank", {"top": 1, "p": ["x"]}) == a.path("rank", {"p": ["x"], "top": 1})
    assert a.path("rank", {"top": 1}) != a.path("rank", {"top": 2})
    assert a.path("rank", {"top": 1}) != AnswerCache(Path("/x"), "case", "b2").path(
        "rank", {"top": 1})
    odd = AnswerCache(Path("/x"), "../../etc", "b1").path("rank", {})
    assert odd.parent.parent.name.startswith("h-") and odd.is_relative_to("/x")
