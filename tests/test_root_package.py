"""The root package as a user meets it: ``claimgraph --version``, ``python -m claimgraph``,
the default store in the platform's data folder, and no dependency the code never imports."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).parent.parent
CLAIMGRAPH = Path(sys.executable).with_name("claimgraph")
CASES = Path(__file__).parent / "fixtures" / "cases"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMGRAPH_")}
    env.update(XDG_DATA_HOME=str(tmp_path / "xdg"), NO_COLOR="1", COLUMNS="200")
    return env


def test_version_from_the_command_and_from_python_m(tmp_path: Path) -> None:
    for argv in ([CLAIMGRAPH, "--version"], [sys.executable, "-m", "claimgraph", "--version"]):
        res = subprocess.run(argv, capture_output=True, text=True, check=False,
                             env=_env(tmp_path))
        assert (res.returncode, res.stdout) == (0, f"claimgraph {version('claimgraph')}\n")


def test_python_m_claimgraph_runs_commands_with_their_exit_codes(tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "claimgraph", "validate",
                         str(CASES / "warnings-only")], capture_output=True, text=True,
                        check=False, env=_env(tmp_path))
    bad = subprocess.run([sys.executable, "-m", "claimgraph", "validate",
                          str(CASES / "five-mistakes")], capture_output=True, text=True,
                         check=False, env=_env(tmp_path))
    assert (ok.returncode, bad.returncode) == (0, 1)
    assert "error[unknown-kind]" in bad.stdout


def test_the_default_store_is_in_the_platform_data_folder(tmp_path: Path) -> None:
    """$XDG_DATA_HOME on Linux (platformdirs); a read names it and creates nothing."""
    expected = tmp_path / "xdg" / "claimgraph" / "store"
    res = subprocess.run([CLAIMGRAPH, "cases"], capture_output=True, text=True, check=False,
                         env=_env(tmp_path))
    assert res.returncode == 1
    assert res.stderr.splitlines() == [
        f"error: no store at {expected}",
        "hint: build a case into it first: claimgraph build CASE_DIR — or point --store (or "
        "$CLAIMGRAPH_STORE) at an existing store"]
    assert not (tmp_path / "xdg").exists()
    help_text = subprocess.run([CLAIMGRAPH, "--help"], capture_output=True, text=True,
                               check=False, env=_env(tmp_path)).stdout
    assert str(expected) in "".join(help_text.split()).replace("│", "")  # however wrapped


def test_no_dependency_the_code_never_imports() -> None:
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {d.split(">")[0].split("<")[0].split("=")[0].strip().lower() for d in deps}
    assert "click" not in names
    imported: set[str] = set()
    for folder in ("core", "schema", "sources", "graph"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    imported |= {a.name.split(".")[0].lower() for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    imported.add(node.module.split(".")[0].lower())
    # distribution name -> import name, where they differ
    as_imported = {"pyyaml": "yaml", "markupsafe": "markupsafe", "jinja2": "jinja2",
                   "pyahocorasick": "ahocorasick"}
    unused = {n for n in names if as_imported.get(n, n).replace("-", "_") not in imported}
    assert unused <= {"oxrdflib", "scipy", "numpy"}, unused  # plugins and networkx backends
