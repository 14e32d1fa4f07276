"""Backup and restore (issue 16): `claimgraph export` of the whole store, `import` into an
empty one (embedded or a server) gives the same store — every case, the catalogue, every
quad — and the restored store answers `cases`, `trace` and `audit` exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from claimgraph.graph.cli import main
from claimgraph.graph.store import open_store

BUNDLED = Path(__file__).parent.parent / "cases" / "china-russia-nitrocellulose"
ALPHA = Path(__file__).parent / "fixtures" / "cases" / "store-alpha"
QUESTIONS = [["cases", "-f", "json"], ["trace", "nc-exports-2023", "-f", "json"],
             ["trace", "nc-2023", "-f", "json"], ["trace", "nitrocellulose", "-f", "json"],
             ["audit", "-f", "json"], ["audit", "store-alpha", "-f", "markdown"]]


def answers(target: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    out = []
    for q in QUESTIONS:
        assert main([*target, *q]) == 0
        out.append(capsys.readouterr().out)
    return out


@pytest.mark.parametrize(("fmt", "into"), [("trig", "embedded"), ("nquads", "remote"),
                                           ("jsonld", "embedded")])
def test_export_then_import_restores_the_store(
        fmt: str, into: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        request: pytest.FixtureRequest) -> None:
    source = ["--store", str(tmp_path / "original")]
    for case in (BUNDLED, ALPHA):
        assert main([*source, "build", str(case)]) == 0
    capsys.readouterr()
    before = answers(source, capsys)
    backup = tmp_path / f"backup.{ {'nquads': 'nq'}.get(fmt, fmt) }"
    assert main([*source, "export", "--format", fmt, "--out", str(backup)]) == 0

    if into == "embedded":
        target = ["--store", str(tmp_path / "restored")]
    else:
        url = request.getfixturevalue("oxigraph_server")
        open_store(endpoint=url).update("CLEAR ALL")
        target = ["--endpoint", url]
    capsys.readouterr()
    assert main([*target, "import", str(backup)]) == 0
    assert "imported china-russia-nitrocellulose (case, 3 graph(s))" in capsys.readouterr().out
    assert answers(target, capsys) == before

    with open_store(tmp_path / "original", read_only=True) as original:
        restored = (open_store(tmp_path / "restored", read_only=True) if into == "embedded"
                    else open_store(endpoint=target[1]))
        try:
            assert [c.to_dict() for c in restored.cases()] == \
                [c.to_dict() for c in original.cases()]
            a, b = original.dump(), restored.dump()
            if b"_:" in a:  # blank nodes: equal up to their labels
                assert isomorphic(Dataset().parse(data=a, format="nquads"),
                                  Dataset().parse(data=b, format="nquads"))
            else:
                assert a == b
        finally:
            restored.close()
