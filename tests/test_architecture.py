"""The layers of ARCHITECTURE.md hold: import-linter checks the contracts in pyproject.toml
(who may import whom, indirect imports included) against the real import graph."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

REPO = Path(__file__).parent.parent


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    code = lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True,
                        no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "2 kept, 0 broken" in out


def test_a_reversed_import_would_break_the_contract(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The contract is not vacuous: claiming the CLI sits below the views fails."""
    config = tmp_path / "reversed.toml"
    config.write_text('[tool.importlinter]\nroot_package = "claimgraph"\n'
                      '[[tool.importlinter.contracts]]\nname = "reversed"\ntype = "layers"\n'
                      'layers = ["claimgraph.graph.views", "claimgraph.graph.cli"]\n')
    assert lint_imports(config_filename=str(config), no_cache=True, no_logo=True) == 1
    assert "claimgraph.graph.cli.view_cmd -> claimgraph.graph.views" in capsys.readouterr().out


def test_architecture_md_names_every_layer() -> None:
    text = (REPO / "ARCHITECTURE.md").read_text("utf-8")
    contracts = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    for contract in contracts["contracts"]:
        for layer in contract["layers"]:
            for module in layer.replace("|", ":").split(":"):
                name = module.strip().removeprefix("claimgraph.")
                assert re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", text), module
