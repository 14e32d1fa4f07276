"""The build writes the same quads as before its memory was cut (issue 15, item 1).

The fixtures in ``tests/fixtures/quads/`` are the sorted N-Quads of the three graphs (data,
provenance, derived) that the build's streaming writer produced, with the code of
``main`` before validation was made compact (shared field sets, interned values, JSON
Lines positions read back from the file), for the bundled case and for two small
generated cases (the same records as JSON Lines and as YAML). A build now must write
exactly those lines: not one quad more, less or different.

Regenerate (only when the output is *meant* to change, e.g. a new field or a new
version number in the provenance graph)::

    .venv/bin/python tests/test_build_quads_fixed.py
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimgraph.graph.build import _write_graphs, build_roles
from claimgraph.graph.store.catalog import build_graph
from claimgraph.sources.validation import validate_case

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "quads"
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
CASES = ["china-russia-nitrocellulose", "gen-jsonl", "gen-yaml"]


def _case_dir(name: str, tmp: Path) -> Path:
    if name == "china-russia-nitrocellulose":
        return ROOT / "cases" / name
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from casegen import generate_case
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return generate_case(tmp / name, n_claims=300, n_entities=40, n_sources=30,
                         fmt="jsonl" if name.endswith("jsonl") else "yaml", seed=7)


def sorted_quads(case_dir: Path) -> list[str]:
    """Every line the build writes for ``case_dir`` (fixed time and build id), sorted."""
    result = validate_case(case_dir)
    assert result.ok, result.report.summary()
    assert result.case is not None
    names = {role: build_graph(result.case.meta.id, role, "fixture") for role in build_roles()}
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        files, quads = _write_graphs(result, "fixture", NOW, names, Path(tmp),
                                     lambda *a: None, {})
        for role in build_roles():
            text = files[role].read_text(encoding="utf-8").splitlines(keepends=True)
            assert len(text) == quads[role]
            lines += text
    return sorted(lines)


@pytest.mark.parametrize("name", CASES)
def test_build_writes_the_same_quads_as_before(name: str, tmp_path: Path) -> None:
    want = gzip.decompress((FIXTURES / f"{name}.nq.gz").read_bytes()).decode("utf-8")
    got = "".join(sorted_quads(_case_dir(name, tmp_path)))
    if got != want:
        missing = sorted(set(want.splitlines()) - set(got.splitlines()))[:5]
        extra = sorted(set(got.splitlines()) - set(want.splitlines()))[:5]
        pytest.fail(f"{name}: the build's quads changed\nmissing: {missing}\nextra: {extra}")
    assert got.count("\n") > 10_000


if __name__ == "__main__":  # regenerate the fixtures
    with tempfile.TemporaryDirectory() as t:
        for case in CASES:
            text = "".join(sorted_quads(_case_dir(case, Path(t))))
            (FIXTURES / f"{case}.nq.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
            print(case, text.count("\n"))
