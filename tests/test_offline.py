"""Nothing touches the network at run time (issue 16): every command — validate, build,
trace, audit, the analytics, view, site, every export and import format, check, query —
runs in a child process whose sockets are disabled (connect, DNS: recorded and refused),
inside a network namespace without any network when the machine allows one (`unshare -rn`,
which also stops Oxigraph's Rust code and anything else below Python)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
CASE = Path(__file__).parent.parent / "cases" / "china-russia-nitrocellulose"

GUARDED = textwrap.dedent("""
    import json, socket, sys
    attempts = []

    def refuse(what):
        def blocked(*args, **kwargs):
            attempts.append(f"{what} {args[1:] if what == 'connect' else args}"[:200])
            raise OSError(f"network disabled by the test: {what}")
        return blocked

    socket.socket.connect = refuse("connect")
    socket.socket.connect_ex = refuse("connect")
    socket.create_connection = refuse("create_connection")
    socket.getaddrinfo = refuse("getaddrinfo")

    from claimgraph.graph.cli import main
    results = []
    for args in json.loads(sys.argv[1]):
        code = main(args)
        results.append([args[2] if args[0] == "--store" else args[0], code])
    print(json.dumps({"results": results, "attempts": attempts}))
""")


def _namespace() -> list[str]:
    """`unshare -rn` (a user and network namespace: no network at all), if allowed here."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


def test_every_command_runs_with_the_network_off(tmp_path: Path) -> None:
    store = ["--store", str(tmp_path / "store")]
    out = tmp_path / "out"
    case = "china-russia-nitrocellulose"
    commands = [
        ["validate", str(CASE)], ["anchor", str(CASE)], ["schema"],
        [*store, "build", str(CASE)], [*store, "cases"], [*store, "trace", "nc-exports-2023"],
        [*store, "trace", "nitrocellulose 2023"], [*store, "audit", case],
        [*store, "audit", case, "--format", "markdown"],
        [*store, "rank", "--top", "5"], [*store, "why", "pla", "russian-defense-industry", "-u"],
        [*store, "neighbours", "china"], [*store, "communities"],
        [*store, "timeline", "--item", "nitrocellulose", "--chart", str(out / "t.svg")],
        [*store, "view", case, "--out", str(out / "network.html")],
        [*store, "site", case, "--out", str(out / "site")],
        [*store, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
    ]
    commands += [[*store, "export-graph", str(out / f"g.{fmt}")]
                 for fmt in ("gexf", "graphml", "json", "csv")]
    rdf_suffix = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "jsonld": "jsonld"}
    for fmt, suffix in rdf_suffix.items():
        commands.append([*store, "export", "--format", fmt, "--out", str(out / f"all.{suffix}")])
        commands.append(["--store", str(tmp_path / f"s-{fmt}"), "import", str(out / f"all.{suffix}")])
        if fmt in ("trig", "jsonld"):  # (SHACL over the whole case takes seconds)
            commands.append(["check", str(out / f"all.{suffix}"), "--allow-warnings"])
    remote = out / "remote.jsonld"
    commands.append(["--store", str(tmp_path / "s-remote"), "import", str(remote)])
    commands.append(["check", str(remote)])
    out.mkdir()
    remote.write_text(json.dumps({"@context": "http://example.org/context.jsonld",
                                  "@id": "urn:x:a", "name": "x"}))

    done = subprocess.run([*_namespace(), sys.executable, "-c", GUARDED, json.dumps(commands)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["attempts"] == []  # no connection, no name lookup, by anyone
    codes = [code for _, code in report["results"]]
    assert codes[:-2] == [0] * (len(commands) - 2), list(zip(commands, codes, strict=True))
    assert codes[-2:] == [1, 1]  # the remote context: refused, and said so
    assert done.stderr.count("claimgraph never fetches one") >= 1
    assert "network disabled" not in done.stderr and "Traceback" not in done.stderr
    page = (out / "network.html").read_text(encoding="utf-8")
    assert "<script src=" not in page and "http://" not in page.split("<body")[0]
