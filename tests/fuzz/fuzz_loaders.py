"""atheris (libFuzzer, coverage-guided) on the case loaders: YAML and JSON Lines text, as
`claimgraph validate` reads it (syntax, limits, control characters, schema, locations).

Run by tests/test_atheris.py for a fixed time with a fixed seed; by hand:

    .venv/bin/python tests/fuzz/fuzz_loaders.py CORPUS_DIR -max_total_time=600

The first byte of an input picks the loader (even: a YAML data file, odd: a claims JSON
Lines file); the rest is the file's text. Any exception is a bug: the loaders report bad
input as problems, they never raise.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from claimgraph.schema.caseload import LoadedCase, _load_jsonl, _load_yaml_file


def check(data: bytes) -> None:
    if not data:
        return
    text = data[1:].decode("utf-8", "replace")
    loaded = LoadedCase(root=Path("."))
    if data[0] % 2:
        _load_jsonl(loaded, "fuzz-claims.jsonl", text)
    else:
        _load_yaml_file(loaded, "data.yaml", text)
    for p in loaded.problems:  # every problem is located in its file, and renders
        assert p.file in ("fuzz-claims.jsonl", "data.yaml"), p
        assert p.line is None or p.line >= 1, p
        assert p.col is None or p.col >= 1, p
        assert p.format()


if __name__ == "__main__":
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
