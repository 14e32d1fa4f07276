"""A time-boxed atheris run on the YAML and JSON Lines loaders (issue 16), in CI.

libFuzzer mutates the fixture cases' files (the seed corpus) for :data:`SECONDS` with a
fixed seed; any exception, hang (over 10 s on one input) or memory blow-up (over 2 GB)
fails the test, and the input that did it is kept in the test's temporary folder. atheris
ships wheels for Linux x86-64 (it is a dev dependency there); elsewhere the test skips,
unless CI=true.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
HERE = Path(__file__).parent
SECONDS = int(os.environ.get("CLAIMGRAPH_FUZZ_SECONDS", "20"))


def test_loaders_survive_atheris(tmp_path: Path) -> None:
    if importlib.util.find_spec("atheris") is None:
        if os.environ.get("CI"):
            pytest.fail("atheris is not installed: `pip install -e .[dev]` on Linux x86-64")
        pytest.skip("atheris is not installed (Linux x86-64 wheels only)")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, path in enumerate(sorted((HERE / "fixtures" / "cases").rglob("*"))):
        if path.suffix in (".yaml", ".jsonl"):
            prefix = b"\x01" if path.suffix == ".jsonl" else b"\x00"
            (corpus / f"seed-{i}").write_bytes(prefix + path.read_bytes())
    artifacts = tmp_path / "crashes"
    artifacts.mkdir()
    done = subprocess.run(
        [sys.executable, str(HERE / "fuzz" / "fuzz_loaders.py"), str(corpus),
         f"-max_total_time={SECONDS}", "-seed=16", "-timeout=10", "-rss_limit_mb=2048",
         "-max_len=4096", f"-artifact_prefix={artifacts}/", "-print_final_stats=1"],
        capture_output=True, text=True, timeout=SECONDS + 120, cwd=tmp_path)
    crashes = sorted(artifacts.iterdir())
    assert done.returncode == 0 and not crashes, (
        f"atheris found a failing input: {crashes[:1]}\n{done.stderr[-3000:]}")
    runs = [line for line in done.stderr.splitlines() if "stat::number_of_executed_units" in line]
    assert runs and int(runs[0].split(":")[-1]) > 100  # it really ran
    shutil.rmtree(corpus)
