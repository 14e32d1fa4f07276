"""Progress on long commands (issue 15): drawn on a terminal (stderr), never when piped,
never with --quiet; CLAIMGRAPH_PROGRESS forces it on or off."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.graph.cli import main
from claimgraph.graph.cli.progress import PROGRESS_ENV, progress, progress_enabled

CASE = Path(__file__).parent / "fixtures" / "cases" / "store-alpha"


def _on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """Run the CLI with stdin/stdout/stderr on a pseudo-terminal; everything it drew."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(argv, stdin=follower, stdout=follower, stderr=follower, env=env,
                            close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    assert proc.returncode == 0
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode(errors="replace"))


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in (PROGRESS_ENV, "CLAIMGRAPH_QUIET")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "120", **extra}


def _cli() -> list[str]:
    return [sys.executable, "-m", "claimgraph"]


def test_a_build_on_a_terminal_draws_progress(tmp_path: Path) -> None:
    drawn = _on_a_terminal([*_cli(), "--store", str(tmp_path / "s"), "build", str(CASE)],
                           _env())
    assert "building store-alpha" in drawn
    assert "built store-alpha" in drawn  # the answer stays after the bar is erased


def test_quiet_silences_it_on_a_terminal(tmp_path: Path) -> None:
    drawn = _on_a_terminal([*_cli(), "--quiet", "--store", str(tmp_path / "s"), "build",
                            str(CASE)], _env())
    assert "building store-alpha" not in drawn
    assert "built store-alpha" in drawn


def test_piped_output_has_no_progress(tmp_path: Path) -> None:
    done = subprocess.run([*_cli(), "--store", str(tmp_path / "s"), "build", str(CASE)],
                          capture_output=True, text=True, env=_env(), timeout=120, check=True)
    assert "built store-alpha" in done.stdout
    assert "building" not in done.stderr and "\x1b[" not in done.stderr + done.stdout


def test_forced_on_it_shows_each_stage(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PROGRESS_ENV, "1")
    assert main(["--store", str(tmp_path / "s"), "build", str(CASE)]) == 0
    err = capsys.readouterr().err
    assert "building store-alpha" in err
    monkeypatch.setenv(PROGRESS_ENV, "1")
    assert main(["--quiet", "--store", str(tmp_path / "s"), "build", str(CASE),
                 "--force"]) == 0
    assert "building" not in capsys.readouterr().err  # --quiet wins over the variable
    for cmd, shown in ((["export", "--format", "nquads", "--out", str(tmp_path / "x.nq")],
                        "exporting: serialising as nquads"),
                       (["audit"], "audit: reading the assessment"),
                       (["view", "--out", str(tmp_path / "n.html")], "view: "),
                       (["site", "--out", str(tmp_path / "site")], "site: "),
                       (["import", str(tmp_path / "x.nq")], "importing x.nq")):
        assert main(["--store", str(tmp_path / "s"), *cmd]) == 0, cmd
        assert shown in capsys.readouterr().err, cmd


def test_forced_off_and_the_callback(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(PROGRESS_ENV, "0")
    assert not progress_enabled()
    with progress("nothing") as step:
        step("stage", 1, 2)
    assert capsys.readouterr().err == ""
    monkeypatch.setenv(PROGRESS_ENV, "1")
    with progress("counting") as step:
        step("half way", 5, 10)
    err = capsys.readouterr().err
    assert "counting" in err and "5/10" in err
