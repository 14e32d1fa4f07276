"""The example notebook runs, and the Python API answers as the CLI does (issue 14 item 7).

The notebook's code cells are executed in order in one namespace, from the ``examples/``
folder, as Jupyter would (the value of a cell's last expression is what it would show);
no Jupyter needed — the notebook is JSON (nbformat 4).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import NotFoundError
from claimgraph.graph.api import Claimgraph, open_graph
from claimgraph.graph.cli import main

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "claimgraph-notebook.ipynb"
FIXTURES = Path(__file__).parent / "fixtures" / "cases"


def run_cells(path: Path) -> list[Any]:
    """Execute every code cell of a notebook; the value each cell would display."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    ns: dict[str, Any] = {"__name__": "__main__"}
    shown = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(path), "exec"), ns)
        value = None
        if isinstance(last, ast.Expr):
            value = eval(compile(ast.Expression(last.value), str(path), "eval"), ns)
        shown.append(value)
    return shown


def test_the_example_notebook_runs(monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(NOTEBOOK.parent)
    shown = run_cells(NOTEBOOK)
    printed = capsys.readouterr().out
    case_id, counts = shown[0]
    assert case_id == "china-russia-nitrocellulose" and counts["claims"] == 168
    assert "lin-jian-no-lethal-weapons" in printed  # "deny arms" found the denials
    status, origins, evidence = shown[3]
    assert status in ("contested", "single-origin") and origins == 1
    assert evidence == [("article", True)]
    assert printed.count("\n1 China ") == 1  # the ranking printed
    view = shown[-2]
    assert view._repr_html_().startswith("<iframe srcdoc=")
    assert any(n["id"] == "china" for n in view.graph.nodes)


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Claimgraph:
    cg = open_graph(tmp_path_factory.mktemp("api") / "store")
    for case in ("store-alpha", "store-beta"):
        cg.build(FIXTURES / case)
    return cg


def test_the_api_follows_the_case_rule(two: Claimgraph) -> None:
    with pytest.raises(NotFoundError, match="the store holds 2 cases; which one"):
        two.rank()
    assert two.why("PRC", "Russia")[0].nodes[0] == "china"  # in store-alpha
    assert two.neighbours("belarus")[0].node == "belarus"  # in store-beta
    assert {r.case for r in two.claims()} == {"store-alpha", "store-beta"}
    assert two.rank("store-beta", top=1)[0].node in {"belarus", "germany"}
    assert two.audit()["case"] is None and two.audit("store-alpha")["case"] == "store-alpha"


def test_the_api_gives_what_the_cli_prints(two: Claimgraph, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    location = two.store.location
    two.close()  # the CLI opens the same folder
    try:
        assert main(["--store", location, "trace", "nc-2023", "-f", "json"]) == 0
        cli = json.loads(capsys.readouterr().out)
        assert main(["--store", location, "claims", "-f", "json", "-n", "0"]) == 0
        listed = json.loads(capsys.readouterr().out)["claims"]
    finally:
        again = open_graph(location)
    try:
        assert again.trace("nc-2023") == cli
        assert [r.to_dict() for r in again.claims()] == listed
        vocab = again.vocab()
        assert {"entity_kinds", "predicates", "statuses"} <= set(vocab)
        path = again.view("store-alpha", claim="nc-2023").save(tmp_path / "p.html")
        assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    finally:
        again.close()
