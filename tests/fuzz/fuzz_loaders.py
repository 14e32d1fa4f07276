"""atheris (libFuzzer, coverage-guided) on the case loaders: YAML and JSON Lines text, as
`claimgraph validate` reads it (syntax, limits, control characters, schema, locations).

Run by tests/test_atheris.py for a fixed time with a fixed seed; by hand:

    .venv/bin/python tests/fuzz/fuzz_loaders.py CORPUS_DIR -max_total_time=600

The first byte of an input picks the loader (even: a YAML data file, odd: a claims JSON
Lines file); the rest is the file's text. A JSON Lines input is written to a file and read
as a case folder reads it (its raw bytes checked as UTF-8, then a line at a time, positions
read back from the file when a problem needs them). Any exception is a bug: the loaders
report bad input as problems, they never raise.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from claimgraph.schema.caseload import (
        JsonlLines,
        LoadedCase,
        _load_jsonl,
        _load_yaml_file,
        _read_bytes,
    )

FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-loaders-"))
JSONL = "fuzz-claims.jsonl"


def check(data: bytes) -> None:
    if not data:
        return
    loaded = LoadedCase(root=FOLDER)
    if data[0] % 2:
        path = FOLDER / JSONL
        path.write_bytes(data[1:])
        raw = _read_bytes(path, JSONL, loaded)
        if raw is not None:
            _load_jsonl(loaded, JSONL, raw, JsonlLines(path, JSONL, loaded.limits))
    else:
        _load_yaml_file(loaded, "data.yaml", data[1:].decode("utf-8", "replace"))
    for p in loaded.problems:  # every problem is located in its file, and renders
        assert p.file in (JSONL, "data.yaml"), p
        assert p.line is None or p.line >= 1, p
        assert p.col is None or p.col >= 1, p
        assert p.format()


if __name__ == "__main__":
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
