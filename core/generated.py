"""Files generated from the project's data, and their upkeep (STYLE: generate, don't copy).

A generator gives ``{path: text it should hold}``; :func:`stale` lists the files that differ,
:func:`write` rewrites them, :func:`run` is the ``--check``-aware main of a generator's
``python -m`` command. :func:`replace_block` rewrites the part of a hand-written file
between two marker lines (a term list in ``graph/namespace.py``, the scheme in the mapping's
docstring).

Examples
--------
>>> text = "a\\n# BEGIN\\nold\\n# END\\nz\\n"
>>> print(replace_block(text, "# BEGIN\\n", "# END\\n", "new\\n", "demo.py"), end="")
a
# BEGIN
new
# END
z
>>> replace_block("nothing", "# BEGIN\\n", "# END\\n", "", "demo.py")
Traceback (most recent call last):
...
claimgraph.errors.VocabularyError: demo.py: generated-block markers not found: '# BEGIN' ... '# END'
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from .errors import VocabularyError

__all__ = ["replace_block", "run", "stale", "write"]


def replace_block(current: str, begin: str, end: str, body: str, where: str) -> str:
    """``current`` with the text between the lines ``begin`` and ``end`` replaced by ``body``."""
    start = current.find(begin)
    stop = current.find(end, start + len(begin)) if start >= 0 else -1
    if start < 0 or stop < 0:
        raise VocabularyError(f"{where}: generated-block markers not found: "
                              f"{begin.strip()!r} ... {end.strip()!r}",
                              hint="restore the BEGIN/END GENERATED comment lines")
    return current[: start + len(begin)] + body + current[stop:]


def stale(files: dict[Path, str]) -> list[Path]:
    """The files whose content differs from the text they should hold."""
    return [p for p, text in files.items() if not p.is_file() or p.read_text("utf-8") != text]


def write(files: dict[Path, str]) -> list[Path]:
    """Write every stale file; return the ones written."""
    written = stale(files)
    for path in written:
        path.write_text(files[path], "utf-8")
    return written


def run(files: Callable[[], dict[Path, str]], command: str, argv: list[str] | None = None) -> int:
    """Regenerate the files (exit 0), or with ``--check`` list the stale ones (exit 1 if any)."""
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        found = stale(files())
        for p in found:
            print(f"stale: {p} (run: python -m {command})")
        return 1 if found else 0
    for p in write(files()):
        print(f"wrote {p}")
    return 0
