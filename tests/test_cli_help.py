"""`claimgraph --help` and every (sub)command's `--help` show an example.

The command tree is walked at test time, so commands that later modules register are
covered without editing this file.
"""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from claimgraph.graph.cli import app


def _walk(cmd: Any, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    # duck-typed: recent Typer versions ship their own copy of click's classes
    out = [path]
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        if not getattr(sub, "hidden", False):
            out.extend(_walk(sub, (*path, name)))
    return out


ROOT = typer.main.get_command(app)
COMMANDS = _walk(ROOT, ())


def test_tree_has_the_foundation_commands() -> None:
    assert ("validate",) in COMMANDS
    assert ("schema",) in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(("claimgraph", *p)))
def test_help_shows_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200",
                                                             "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output, f"claimgraph {' '.join(path)} --help has no example"
    example = result.output.split("Example:", 1)[1]
    assert "claimgraph" in example.split("\n\n")[0], "the example should show a command line"


def test_short_help_option() -> None:
    result = CliRunner().invoke(app, ["validate", "-h"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Example: claimgraph validate" in result.output
