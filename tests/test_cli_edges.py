"""The command line at its edges, as a user meets them: a ``--store`` that is not there,
``--format json`` when things go wrong, and the one ``--format`` option every command shares.

Each test runs the command a user types (``main(argv)``, or the installed ``claimgraph``
executable) and reads what they read: stdout, stderr and the exit code.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from claimgraph.graph.cli import app, main
from claimgraph.graph.cli.options import OutputFormat

CASES = Path(__file__).parent / "fixtures" / "cases"
CLAIMGRAPH = Path(sys.executable).with_name("claimgraph")

# every command that only reads the store, with arguments that would be valid on a store
# holding the analytics-small case
READS: dict[str, list[str]] = {
    "cases": ["cases"],
    "query": ["query", "ASK { ?s ?p ?o }"],
    "export": ["export"],
    "trace": ["trace", "nc-2023"],
    "audit": ["audit"],
    "rank": ["rank"],
    "why": ["why", "china", "russia"],
    "neighbours": ["neighbours", "china"],
    "communities": ["communities"],
    "timeline": ["timeline"],
    "compare": ["compare", "source:mfa", "source:review"],
    "export-graph": ["export-graph", "OUT/graph.gexf"],
    "view": ["view", "--out", "OUT/network.html"],
    "site": ["site", "--out", "OUT/site"],
    "corroborate": ["corroborate", "nc-2023"],
    "disagreements": ["disagreements"],
    "links": ["links"],
    "claims": ["claims", "deny arms"],
    "vocab": ["vocab", "--case", "small"],  # a case id: read from the store
}
WITH_JSON = ["cases", "query", "trace", "audit", "rank", "why", "neighbours", "communities",
             "timeline", "compare", "corroborate", "disagreements", "links", "claims", "vocab"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _args(command: str, out: Path) -> list[str]:
    return [a.replace("OUT", str(out)) for a in READS[command]]


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("edges") / "store"
    assert main(["--store", str(path), "build", str(CASES / "analytics-small")]) == 0
    return str(path)


# -- a --store that does not exist --------------------------------------------------------
def test_every_read_command_is_listed() -> None:
    """A new command must say here whether it reads the store (and so must not create one)."""
    root = typer.main.get_command(app)
    known = set(READS) | {"build", "import", "drop", "gc", "validate", "schema", "anchor", "check"}
    known |= {"claimreview", "ftm", "annotations", "csv", "extract"}  # case folders, no store
    assert set(getattr(root, "commands", {})) <= known


@pytest.mark.parametrize("command", sorted(READS))
def test_read_command_on_a_missing_store_says_so_and_creates_nothing(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-store-here"
    code, out, err = run(capsys, "--store", str(missing), *_args(command, tmp_path))
    assert code == 1
    assert err.splitlines() == [
        f"error: no store at {missing}",
        f"hint: build a case into it first: claimgraph --store {missing} build CASE_DIR — or "
        "point --store (or $CLAIMGRAPH_STORE) at an existing store"]
    assert out == ""
    assert not missing.exists()


def test_drop_on_a_missing_store_creates_nothing(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing"
    code, _, err = run(capsys, "--store", str(missing), "drop", "some-case")
    assert code == 1 and f"error: no store at {missing}" in err
    assert not missing.exists()


def test_a_file_given_as_store_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    code, _, err = run(capsys, "--store", str(a_file), "cases")
    assert code == 1 and f"error: {a_file} is a file, not a store folder" in err


def test_build_and_import_create_the_store(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "first"
    code, out, _ = run(capsys, "--store", str(first), "build", str(CASES / "store-beta"))
    assert code == 0 and out.startswith("built store-beta") and first.is_dir()
    dump = tmp_path / "beta.trig"
    assert run(capsys, "--store", str(first), "export", "--out", str(dump))[0] == 0
    second = tmp_path / "second"
    code, out, _ = run(capsys, "--store", str(second), "import", str(dump))
    assert code == 0 and "imported store-beta" in out and second.is_dir()


def test_the_default_store_location_is_not_created_by_a_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "data" / "store"
    monkeypatch.setenv("CLAIMGRAPH_STORE", str(home))
    code, _, err = run(capsys, "audit")
    assert code == 1 and f"no store at {home}" in err
    assert not home.parent.exists()


# -- --format json on every error path -----------------------------------------------------
def _error(out: str, err: str) -> dict[str, Any]:
    assert err == "", "nothing but the JSON document when JSON was asked for"
    doc = json.loads(out)
    assert set(doc) == {"error"}
    return dict(doc["error"])


@pytest.mark.parametrize("command", WITH_JSON)
def test_json_error_for_a_missing_store(command: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "absent"
    code, out, err = run(capsys, "--store", str(missing), *_args(command, tmp_path),
                         "--format", "json")
    assert code == 1
    error = _error(out, err)
    assert error == {"type": "store", "message": f"no store at {missing}",
                     "hint": error["hint"], "exit_code": 1}
    assert error["hint"].startswith("build a case into it first")


@pytest.mark.parametrize(("argv", "kind", "exit_code", "message"), [
    (["trace", "no-such-claim"], "not-found", 1, "no claim with id or words 'no-such-claim'"),
    (["audit", "no-such-case"], "not-found", 1, "no case 'no-such-case' in the store"),
    (["rank", "--case", "no-such-case"], "not-found", 1, "no case 'no-such-case' in the store"),
    (["why", "china", "atlantis"], "not-found", 1, "atlantis"),
    (["rank", "--min-status", "rumoured"], "analysis", 1, "unknown evidence status"),
    (["query", "SELECT ?x WHERE {"], "query", 1, ""),
    (["rank", "--top", "0"], "usage", 2, "Invalid value for '--top'"),
    (["trace", "nc-2023", "--no-such-option"], "usage", 2, "No such option: --no-such-option"),
    (["cases", "-f", "json", "--format", "markdown"], "usage", 2,
     "'markdown' is not one of: text, json"),
])
def test_json_errors_on_a_store(argv: list[str], kind: str, exit_code: int, message: str,
                                built_store: str, capsys: pytest.CaptureFixture[str]) -> None:
    if "-f" not in argv:
        argv = [*argv, "--format", "json"]
    code, out, err = run(capsys, "--store", built_store, *argv)
    error = _error(out, err)
    assert (code, error["type"], error["exit_code"]) == (exit_code, kind, exit_code)
    assert message in error["message"]
    assert error["hint"]


def test_json_error_for_a_case_that_does_not_validate(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--store", str(tmp_path / "s"), "build",
                         str(CASES / "store-invalid"), "--format", "json")
    error = _error(out, err)
    assert code == 1 and error["type"] == "case"
    assert error["hint"] == "run `claimgraph validate` on the case"
    assert error["problems"] and {p["severity"] for p in error["problems"]} == {"error"}
    assert all(set(p) == {"severity", "code", "message", "file", "line", "col", "hint"}
               for p in error["problems"])


def test_the_same_errors_for_people_go_to_stderr(built_store: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--store", built_store, "trace", "no-such-claim")
    assert (code, out) == (1, "")
    assert err.splitlines() == ["error: no claim with id or words 'no-such-claim'",
                                "hint: list the claims with `claimgraph claims`, or use fewer words"]


def test_json_error_from_the_installed_command(tmp_path: Path) -> None:
    """The executable a user runs: one JSON document on stdout, nothing on stderr, exit 1."""
    res = subprocess.run([CLAIMGRAPH, "--store", str(tmp_path / "none"), "rank", "-f", "json"],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 1 and res.stderr == ""
    assert json.loads(res.stdout)["error"]["message"] == f"no store at {tmp_path / 'none'}"


# -- one format option ---------------------------------------------------------------------
def _format_params() -> dict[str, Any]:
    root = typer.main.get_command(app)
    out = {}
    for name, cmd in getattr(root, "commands", {}).items():
        for p in cmd.params:
            if "--format" in getattr(p, "opts", ()):
                out[name] = p
    return out


def test_every_format_option_takes_values_of_one_enumeration() -> None:
    params = _format_params()
    assert set(params) >= set(WITH_JSON) | {"validate", "build", "check"}
    for name, p in params.items():
        offered = p.metavar.strip("[]").split("|")
        if name == "export":  # its answer is RDF: the syntaxes of the RDF registry
            assert offered == ["turtle", "trig", "nquads", "jsonld"]
            continue
        assert set(offered) <= {f.value for f in OutputFormat}, name
        assert "json" in offered, f"{name} has no --format json"
    assert all(sorted(p.opts) == ["--format", "-f"] for p in params.values())


def test_a_format_the_command_does_not_offer_is_refused(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--store", ":memory:", "trace", "x", "--format", "markdown")
    assert code == 2 and "'markdown' is not one of: text, json" in err
    code, out, _ = run(capsys, "trace", "--help")
    assert "[text|json]" in out and "markdown" not in out.split("--format", 1)[1].split("\n")[0]


def test_rdf_input_syntax_is_its_own_option(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "data.export"
    odd.write_text('<urn:x:a> <urn:x:b> "c" .\n')
    code, _, err = run(capsys, "--store", str(tmp_path / "s"), "import", str(odd))
    assert code == 1 and "cannot tell the RDF format" in err and "--rdf-format" in err
    code, out, _ = run(capsys, "--store", str(tmp_path / "s"), "import", str(odd),
                       "--rdf-format", "ntriples")
    assert code == 0 and "imported data-export" in out
