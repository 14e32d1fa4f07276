"""Readers and writers at the same time, as real processes (issue 16: `cases`, `trace`,
`query`, `audit`, `export` in a loop during a rebuild died with a `Corruption … .sst: No
such file` traceback; two writers must be serialised or refused cleanly)."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bigstore import BIG_CLAIMS, BIG_ID, copy_store

from claimgraph.graph.store import open_store

pytestmark = pytest.mark.slow
CG = "https://w3id.org/claimgraph/ns#"


def _capped() -> None:  # a runaway reader (seen: 22 GB) may not take the machine down
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

WRITER = textwrap.dedent("""
    import sys
    from claimgraph.graph.build import build_case
    from claimgraph.graph.store import open_store
    from pathlib import Path
    path, a, b, stop = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])
    with open_store(path) as store:
        print("writing", flush=True)
        i = 0
        while i < 2 or not stop.exists():  # fresh graphs, flip, drop the old ones, compact
            result = build_case(a if i % 2 else b, store, max_patch=0)
            print("built", result.build_id, flush=True)
            i += 1
""")

READER = textwrap.dedent("""
    import json, sys, time
    from claimgraph.errors import StoreError
    from claimgraph.graph.provenance.trace import trace_claim
    from claimgraph.graph.store import open_store
    path, claim, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with open_store(path, read_only=True) as store:
                cases = {c.id: [c.build, c.counts.get("claims")] for c in store.cases()}
                n = store.query("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE "
                                "{ ?c a <CG_Claim> }")[0]["n"]
                text = trace_claim(store, "BIG_ID", claim)["text"]
                print(json.dumps({"cases": cases, "claims": int(n), "text": text}), flush=True)
        except StoreError as exc:
            print(json.dumps({"error": exc.message}), flush=True)
""").replace("CG_", CG).replace("BIG_ID", BIG_ID)


def test_readers_get_consistent_answers_while_a_writer_rebuilds(
        full_store: Path, big_case: Path, big_case_edited: Path, tmp_path: Path) -> None:
    path = copy_store(full_store, tmp_path / "s")
    first = json.loads((big_case / "claims.jsonl").read_text().split("\n", 1)[0])
    texts = {first["text"], first["text"] + " (edited)"}
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(big_case),
                               str(big_case_edited), str(stop)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(path), first["id"], "12"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=_capped)
               for _ in range(2)]
    # the CLI too, whole commands, while the writer holds the store
    cli_runs = []
    for args in (["cases", "-f", "json"], ["trace", first["id"], "-f", "json"],
                 ["audit", "store-alpha", "-f", "json"],
                 ["export", "--case", "store-alpha", "-f", "nquads"],
                 ["build", str(big_case)]):
        cli_runs.append((args, subprocess.run(
            [sys.executable, "-m", "claimgraph", "--store", str(path), *args],
            capture_output=True, text=True, timeout=120, preexec_fn=_capped)))
    outputs = [r.communicate(timeout=120) for r in readers]
    stop.touch()  # the writer was writing all along; now it may finish
    out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err[-2000:]
    builds = [line.split()[1] for line in out.splitlines() if line.startswith("built")]
    assert len(builds) >= 2
    answers, errors = [], []
    for r, (rout, rerr) in zip(readers, outputs, strict=True):
        assert r.returncode == 0 and "Traceback" not in rerr, rerr[-2000:]
        for line in rout.splitlines():
            doc = json.loads(line)
            (errors if "error" in doc else answers).append(doc)
    assert answers, "no reader got an answer"
    assert len(errors) <= len(answers) // 4, errors  # rare, and said plainly
    assert all("changed while reading" in e["error"] for e in errors)
    for doc in answers:  # each answer is one whole state of the store
        assert doc["claims"] == BIG_CLAIMS + 3
        assert doc["cases"]["store-alpha"][1] == 3 and doc["cases"][BIG_ID][1] == BIG_CLAIMS
        assert doc["text"] in texts
    for args, done in cli_runs:
        assert "Traceback" not in done.stderr, (args, done.stderr[-2000:])
        if args[0] == "build":  # a second writer: refused, naming the first
            assert done.returncode == 1
            assert f"is being written by process {writer.pid}" in done.stderr
        else:
            assert done.returncode == 0 or "changed while reading" in done.stderr, done.stderr
    with open_store(path) as store:  # and nothing is corrupt afterwards
        assert store.case_info(BIG_ID).build == builds[-1]
        assert not list(path.glob(".claimgraph-readers/*"))


PAUSED = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from claimgraph.graph.build import build_case
    from claimgraph.graph.store import open_store

    def pause(stage):
        if stage == "loaded:data":
            print("paused", flush=True)
            while not Path(sys.argv[3]).exists():
                time.sleep(0.02)

    with open_store(sys.argv[1]) as store:
        print(build_case(sys.argv[2], store, fail_point=pause, max_patch=0).build_id)
""")


def test_two_writers_one_waits_its_turn(full_store: Path, big_case_edited: Path,
                                        tmp_path: Path) -> None:
    """Refused while the first is half-way, then run again once it is done: both land."""
    path = copy_store(full_store, tmp_path / "s")
    go = tmp_path / "go"
    first = subprocess.Popen([sys.executable, "-c", PAUSED, str(path), str(big_case_edited),
                              str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    assert first.stdout is not None and first.stdout.readline() == "paused\n"
    second = subprocess.run([sys.executable, "-m", "claimgraph", "--store", str(path),
                             "drop", "store-alpha"], capture_output=True, text=True)
    assert second.returncode == 1 and f"is being written by process {first.pid}" \
        in second.stderr
    go.touch()
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    again = subprocess.run([sys.executable, "-m", "claimgraph", "--store", str(path),
                            "drop", "store-alpha"], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    with open_store(path, read_only=True) as store:
        assert [c.id for c in store.cases()] == [BIG_ID]
        assert store.case_info(BIG_ID).build == out.strip()
