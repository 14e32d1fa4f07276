"""``pip install claimgraph`` without extras: the main job runs, and a command that needs a
missing extra says which ``pip install`` adds it — never a traceback.

The extras are hidden from a real child process by an import hook (the packages are
installed in the test environment): the child runs the ``claimgraph`` command line as a user
would, on a real on-disk store. CI also runs the bundled case from a plain wheel install
without extras (``.ci/run``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from claimgraph.extras import EXTRAS

REPO = Path(__file__).parent.parent
CASES = Path(__file__).parent / "fixtures" / "cases"
RDF = Path(__file__).parent / "fixtures" / "rdf"

# Run the CLI once per argument list in one child, with some packages made unimportable.
CHILD = r'''
import importlib.abc, json, sys

BLOCKED = set(sys.argv[1].split(","))

class Hidden(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Hidden())
from claimgraph.graph.cli import main

for argv in json.loads(sys.argv[2]):
    print(f"=== {' '.join(argv)}", flush=True)
    print(f"=== {' '.join(argv)}", file=sys.stderr, flush=True)
    code = main(argv)
    print(f"=== exit {code}", flush=True)
    print(f"=== exit {code}", file=sys.stderr, flush=True)
'''


def run_without(blocked: set[str], *commands: list[str]) -> list[tuple[int, str, str]]:
    """(exit code, stdout, stderr) of each command, run with ``blocked`` unimportable."""
    home = tempfile.mkdtemp(prefix="claimgraph-home-")  # matplotlib's cache, not the repo's
    res = subprocess.run([sys.executable, "-c", CHILD, ",".join(sorted(blocked)),
                          json.dumps(commands)], capture_output=True, text=True, check=False,
                         env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "200",
                              "HOME": home, "MPLCONFIGDIR": home})
    shutil.rmtree(home, ignore_errors=True)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    outs = res.stdout.split("=== ")[1:]
    errs = res.stderr.split("=== ")[1:]
    results = []
    for i in range(len(commands)):
        out, err = outs[2 * i].split("\n", 1)[1], errs[2 * i].split("\n", 1)[1]
        code = int(outs[2 * i + 1].split()[1])
        results.append((code, out, err))
    return results


def test_the_main_job_needs_no_extra(tmp_path: Path) -> None:
    """build -> audit -> view -> site -> timeline chart, with pypdf and pyshacl missing."""
    store = ["--store", str(tmp_path / "store")]
    case = str(CASES / "analytics-small")
    results = run_without(
        {"pypdf", "pyshacl"},
        ["validate", case],
        [*store, "build", case],
        [*store, "audit", "--format", "markdown"],
        [*store, "view", "--out", str(tmp_path / "network.html")],
        [*store, "site", "--out", str(tmp_path / "site")],
        [*store, "timeline", "--item", "nitrocellulose", "--chart", str(tmp_path / "nc.svg")])
    assert [code for code, _, _ in results] == [0] * 6, results
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "nc.svg").read_text().startswith("<?xml")


def test_check_without_pyshacl_names_the_pip_command() -> None:
    [(code, out, err), (jcode, jout, jerr)] = run_without(
        {"pyshacl"},
        ["check", str(RDF / "valid-minimal.ttl")],
        ["check", str(RDF / "valid-minimal.ttl"), "--format", "json"])
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "error: checking RDF against the SHACL shapes (claimgraph check) needs the optional "
        "package pyshacl, which is not installed",
        "hint: pip install 'claimgraph[shacl]'"]
    assert (jcode, jerr) == (1, "")
    assert json.loads(jout) == {"error": {
        "type": "missing-extra", "exit_code": 1, "hint": "pip install 'claimgraph[shacl]'",
        "message": "checking RDF against the SHACL shapes (claimgraph check) needs the "
                   "optional package pyshacl, which is not installed"}}


def test_a_pdf_source_without_pypdf_is_a_located_problem(tmp_path: Path) -> None:
    case = tmp_path / "pdf-case"
    (case / "texts").mkdir(parents=True)
    (case / "case.yaml").write_text("id: pdf-case\ntitle: A PDF source\n")
    (case / "sources.yaml").write_text(
        "sources:\n  - {id: report, title: Report, kind: analysis, text: texts/report.pdf}\n")
    (case / "texts" / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    [(code, out, _)] = run_without({"pypdf"}, ["validate", str(case)])
    assert code == 1
    assert out.splitlines()[0] == (
        "sources.yaml:2:55: error[source-read]: source 'report': reading PDF sources needs the "
        "optional package pypdf, which is not installed (hint: pip install 'claimgraph[pdf]')")


def test_extras_in_pyproject_match_the_code() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    assert {n for n in extras if n not in ("all", "dev")} == set(EXTRAS)
    assert extras["all"] == [f"claimgraph[{','.join(sorted(EXTRAS))}]"]
    assert "claimgraph[all]" in extras["dev"]
    core = " ".join(project["dependencies"])
    assert "pypdf" not in core and "pyshacl" not in core
    assert "matplotlib" in core  # the timeline chart is part of the main job (and the site)
