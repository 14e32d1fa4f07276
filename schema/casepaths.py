"""Paths a case names stay inside the case folder: data files, ``text:`` paths, imports.

A case is untrusted input: a ``text: ../../.ssh/id_rsa``, an absolute path, or a data file
or ``texts/`` folder that is a symbolic link to somewhere else must not be read. Links
that stay inside the case are fine. Special files get their own message: a FIFO would
block the reader for ever, a folder is not a text.

Examples
--------
>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "texts").mkdir()
>>> _ = (root / "texts" / "a.txt").write_text("hello")
>>> inside_case(root, "texts/a.txt").name
'a.txt'
>>> inside_case(root, "../etc/passwd")
Traceback (most recent call last):
...
claimgraph.schema.casepaths.OutsideCase: is outside the case folder
>>> (root / "link.txt").symlink_to("/etc/hostname")
>>> inside_case(root, "link.txt")
Traceback (most recent call last):
...
claimgraph.schema.casepaths.OutsideCase: leads outside the case folder (a link?)
>>> special_kind(root / "texts"), special_kind(root / "texts" / "a.txt")
('a folder', None)
"""

from __future__ import annotations

import stat
from pathlib import Path

__all__ = ["OutsideCase", "folder_case_id", "inside_case", "special_kind"]


class OutsideCase(ValueError):
    """Raised by :func:`inside_case`; the message says how the path leaves the case."""


def inside_case(root: Path, rel: str | Path) -> Path:
    """``rel`` (relative to the case folder ``root``) resolved, links followed; raises
    :class:`OutsideCase` when it is absolute, climbs with ``..`` or resolves outside."""
    path = Path(rel)
    if path.is_absolute() or ".." in path.parts:
        raise OutsideCase("is outside the case folder")
    base = root.resolve()
    full = (base / path).resolve()
    if not full.is_relative_to(base):
        raise OutsideCase("leads outside the case folder (a link?)")
    return full


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def special_kind(path: Path) -> str | None:
    """What ``path`` is when it exists but is not a regular file ("a folder", "a FIFO", …);
    ``None`` for a regular file or a missing path. Never opens the file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def folder_case_id(folder: Path | str) -> str | None:
    """The ``id:`` a case folder's ``case.yaml`` declares; None when ``folder`` is not a
    case folder or its case.yaml names no id (validation reports why).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "my-folder"
    >>> d.mkdir(); _ = (d / "case.yaml").write_text("id: my-case\\ntitle: T\\n")
    >>> folder_case_id(str(d) + "/"), folder_case_id(d.parent)
    ('my-case', None)
    """
    from claimgraph.errors import LimitError
    from claimgraph.limits import check_file_size

    from .yamlsrc import load_yaml

    path = Path(folder).expanduser() / "case.yaml"
    if not path.is_file():
        return None
    try:
        check_file_size(path, "data file")
        doc = load_yaml(path.read_text("utf-8", errors="replace"), "case.yaml")
    except (OSError, LimitError):
        return None
    value = doc.value.get("id") if isinstance(doc.value, dict) else None
    return value if isinstance(value, str) and value else None
