"""The store commands end to end, embedded (--store) and remote (--endpoint)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.graph.cli import app, main

CASES = Path(__file__).parent / "fixtures" / "cases"
ALPHA, BETA, INVALID = CASES / "store-alpha", CASES / "store-beta", CASES / "store-invalid"
COMMANDS = ["build", "cases", "query", "export", "import", "drop"]


@pytest.fixture(params=["embedded", "remote", "virtuoso"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> list[str]:
    """Global options selecting a fresh store of each backend (remote: each engine)."""
    if request.param == "embedded":
        return ["--store", str(tmp_path / "store")]
    from store_fixtures import empty_endpoint

    from claimgraph.graph.store import open_store

    url = request.getfixturevalue("oxigraph_server" if request.param == "remote"
                                  else "virtuoso_server")
    empty_endpoint(open_store(endpoint=url))
    return ["--endpoint", url]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_store_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "Example: claimgraph " + command in " ".join(result.output.split())


def test_build_cases_query_export_import_drop(
        target: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, *target, "build", str(ALPHA))
    assert code == 0 and out.startswith("built store-alpha (build ")
    assert "4 entities, 3 sources, 3 claims" in out
    code, out, _ = run(capsys, *target, "build", str(BETA), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["case"] == "store-beta" and doc["counts"]["claims"] == 1
    assert set(doc["seconds"]) >= {"validate", "map:data", "bulk_load", "flip", "total"}

    code, out, _ = run(capsys, *target, "cases", "--format", "json")
    listed = json.loads(out)
    assert [c["id"] for c in listed] == ["store-alpha", "store-beta"]
    assert listed[0]["counts"]["entities"] == 4 and listed[0]["graphs"]["derived"]

    q = ("SELECT ?c WHERE { ?c a <https://w3id.org/claimgraph/ns#Claim> } ORDER BY ?c")
    code, out, _ = run(capsys, *target, "query", q, "--format", "csv", "--case", "store-beta")
    assert (code, out) == (0, "c\nhttps://w3id.org/claimgraph/case/store-beta/claim/lathes\n")
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?s ?p ?o }")
    code, out, _ = run(capsys, *target, "query", "--file", str(rq), "--format", "json")
    assert (code, json.loads(out)) == (0, [{"ask": "true"}])
    code, out, _ = run(capsys, *target, "query",
                       "CONSTRUCT { ?c a <urn:x:C> } WHERE { ?c a "
                       "<https://w3id.org/claimgraph/ns#Claim> }", "--case", "store-beta")
    assert out == "<https://w3id.org/claimgraph/case/store-beta/claim/lathes> " \
                  "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:x:C> .\n"

    dump = tmp_path / "all.trig"
    code, _, err = run(capsys, *target, "export", "--format", "trig", "--out", str(dump))
    assert code == 0 and "wrote" in err
    code, out, _ = run(capsys, *target, "drop", "store-alpha")
    assert (code, out.split("(")[0]) == (0, "dropped store-alpha ")
    code, out, _ = run(capsys, *target, "cases", "--format", "json")
    assert [c["id"] for c in json.loads(out)] == ["store-beta"]
    code, out, _ = run(capsys, *target, "import", str(dump))
    assert code == 0 and "imported store-alpha (case, 3 graph(s))" in out
    code, out, _ = run(capsys, *target, "export", "--format", "trig")
    assert out.encode() == dump.read_bytes()


def test_errors_have_hints(target: list[str], capsys: pytest.CaptureFixture[str],
                           tmp_path: Path) -> None:
    code, out, err = run(capsys, *target, "build", str(INVALID))
    assert code == 1
    assert "error[dangling-ref]" in out
    assert "not built" in err and "hint: run `claimgraph validate`" in err
    code, _, err = run(capsys, *target, "drop", "nope")
    assert code == 1 and "no case 'nope'" in err and "hint:" in err
    code, _, err = run(capsys, *target, "query", "SELECT ?x WHERE {")
    assert code == 1 and "hint: check the" in err
    code, _, err = run(capsys, *target, "import", str(tmp_path / "x.unknown"))
    assert code == 1 and "cannot tell the RDF format" in err


def test_unreachable_endpoint(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--endpoint", "http://127.0.0.1:9/query", "cases")
    assert code == 1
    assert "cannot reach the SPARQL endpoint" in err and "is the server running" in err


def test_text_output_of_cases_and_query(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", ":memory:", "cases")
    assert code == 0 and "holds no case yet" in out
    store = ["--store", str(tmp_path / "s")]
    run(capsys, *store, "build", str(BETA))
    code, out, _ = run(capsys, *store, "cases")
    assert code == 0 and "store-beta" in out and "Store" in out
    code, out, err = run(capsys, *store, "query",
                         "SELECT ?n WHERE { ?e <http://schema.org/name> ?n } ORDER BY ?n")
    assert code == 0 and "Belarus" in out and "Germany" in out and "row(s)" in err
    code, _, err = run(capsys, *store, "query")
    assert code == 2 and "give a SPARQL query or --file" in err
