"""The embedded store's folder: is it a store, who is writing it, reader snapshots, and
what killed processes left behind.

* **Is it a store?** An Oxigraph (RocksDB) folder holds ``CURRENT`` and a ``MANIFEST-*``.
  ``--store`` pointing at any other folder that is not empty (a case folder, a home
  directory) is refused: the store's files would be written into it.
* **Who writes?** The process that opens the store for writing holds RocksDB's lock and
  records itself in ``.claimgraph-writer.json`` (pid, host, command line, since when), so
  that a second writer is told *which* process to wait for.
* **Reader snapshots.** A reader must never see the files under it vanish: when a writer
  compacts, RocksDB deletes the SST files it merged, and a read-only view opened on the live
  folder then failed with ``No such file`` (or, measured, ran away to 22 GB of memory). A
  reader therefore opens a *snapshot*: SST files (immutable) hard-linked, the small
  ``CURRENT``/``MANIFEST``/``OPTIONS`` files and the write-ahead log copied, into
  ``.claimgraph-readers/<host>-<pid>-<n>`` — a few milliseconds, no data copied — and the
  writer's deletions no longer touch it. It is removed when the reader closes.
* **Leftovers.** A bulk load killed half-way leaves its temporary ``bulk-*.sst`` files (219 MB
  seen next to 10k quads); a killed reader leaves its snapshot. :func:`leftover_files`
  finds them; only a writer (holding the lock) removes them.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> (d / "case.yaml").write_text("id: x")
5
>>> check_store_folder(d)
Traceback (most recent call last):
...
claimgraph.errors.StoreError: the folder ... is not a claimgraph store (it holds case.yaml)
>>> check_store_folder(d / "new")  # missing or empty: a store is created there
>>> (d / "bulk-1.sst").write_bytes(b"x")
1
>>> [p.name for p in leftover_files(d)]
['bulk-1.sst']
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import socket
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from claimgraph.errors import StoreError

__all__ = ["READERS", "WRITER_FILE", "Writer", "check_store_folder", "clear_writer",
           "leftover_files", "process_alive", "remove_leftovers", "snapshot", "write_writer",
           "writer_of"]

WRITER_FILE = ".claimgraph-writer.json"
"""Written by the process holding the store for writing: who it is."""
READERS = ".claimgraph-readers"
"""Where readers keep their snapshots, one folder each."""

_OURS = {WRITER_FILE, READERS}
_COUNTER = itertools.count()


def _is_store(path: Path) -> bool:
    return (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def check_store_folder(path: Path) -> None:
    """Refuse a path that exists and is not a store (or an empty folder to create one in)."""
    if not path.exists():
        return
    if not path.is_dir():
        raise StoreError(f"{path} is a file, not a store folder",
                         hint="give a folder (new or empty, or an existing store) to --store")
    if _is_store(path):
        return
    found = sorted(p.name for p in path.iterdir() if p.name not in _OURS)
    if found:
        shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
        raise StoreError(f"the folder {path} is not a claimgraph store (it holds {shown})",
                         hint="give --store a new or empty folder, or the folder of an "
                              "existing store (a case folder goes to `claimgraph build`)")


@dataclass(frozen=True)
class Writer:
    """The process that holds a store for writing, as it recorded itself."""

    pid: int
    host: str
    command: str
    since: str

    def describe(self) -> str:
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"process {self.pid}{where} (`{self.command}`, since {self.since})"


def write_writer(path: Path) -> None:
    """Record this process as the store's writer (call while holding the lock)."""
    info = {"pid": os.getpid(), "host": socket.gethostname(),
            "command": " ".join(Path(sys.argv[0]).name.split() + sys.argv[1:])[:300],
            "since": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")}
    with contextlib.suppress(OSError):
        (path / WRITER_FILE).write_text(json.dumps(info), encoding="utf-8")


def clear_writer(path: Path) -> None:
    """Forget this process as the writer (when it closes the store)."""
    writer = writer_of(path)
    if writer is not None and writer.pid == os.getpid():
        with contextlib.suppress(OSError):
            (path / WRITER_FILE).unlink()


def writer_of(path: Path) -> Writer | None:
    """The recorded writer, if the record is readable and its process may still be alive."""
    try:
        info = json.loads((path / WRITER_FILE).read_text(encoding="utf-8"))
        writer = Writer(int(info["pid"]), str(info["host"]), str(info["command"]),
                        str(info["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if writer.host == socket.gethostname() and not process_alive(writer.pid):
        return None
    return writer


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _version(path: Path) -> tuple[str, int]:
    """Which MANIFEST is current and how long it is: RocksDB changes the set of live files
    (and only then deletes any) by appending to it or switching to a new one."""
    current = (path / "CURRENT").read_text(encoding="utf-8").strip()
    return current, (path / current).stat().st_size


def snapshot(path: Path, *, attempts: int = 5) -> Path:
    """A private read-only copy of the store as it is now (see the module docstring).

    The MANIFEST is copied, then the files it can name are linked; when the MANIFEST did
    not change meanwhile, every file it names was alive throughout and is linked, so the
    copy is one consistent version. Otherwise it tries again; :class:`FileNotFoundError`
    when the store kept changing."""
    for _ in range(attempts):
        target = path / READERS / f"{socket.gethostname()}-{os.getpid()}-{next(_COUNTER)}"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        try:
            before = _version(path)
            small = ["CURRENT", before[0]]
            small += [p.name for p in path.glob("OPTIONS-*")]
            small += [p.name for p in path.glob("*.log")] + ["IDENTITY"]
            for name in small:
                with contextlib.suppress(FileNotFoundError):  # (only ones not needed go)
                    shutil.copy2(path / name, target / name)
            for sst in path.glob("*.sst"):
                if not sst.name.startswith("bulk-"):
                    with contextlib.suppress(FileNotFoundError):  # merged away meanwhile
                        os.link(sst, target / sst.name)
            copied = (target / before[0]).stat().st_size if (target / before[0]).exists() else -1
            if _version(path) == before and copied == before[1]:
                return target
        except FileNotFoundError:
            pass  # a MANIFEST switch under our feet
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        shutil.rmtree(target, ignore_errors=True)
    raise FileNotFoundError(f"{path} kept changing while a snapshot was taken")


def leftover_files(path: Path) -> list[Path]:
    """Bulk-load temporary files, and snapshots of readers that are gone (this machine's,
    or older than a day), in a store folder."""
    out = sorted(path.glob("bulk-*.sst"))
    readers = path / READERS
    if readers.is_dir():
        host = socket.gethostname()
        for snap in sorted(readers.iterdir()):
            h, _, rest = snap.name.rpartition("-")[0].rpartition("-")
            pid = int(rest) if rest.isdigit() else None
            stale = (h == host and pid is not None and not process_alive(pid)) or \
                time.time() - snap.stat().st_mtime > 86_400
            if stale:
                out.append(snap)
    return out


def remove_leftovers(paths: list[Path]) -> int:
    """Delete what :func:`leftover_files` found; returns the bytes freed."""
    freed = 0
    for p in paths:
        if p.is_dir():  # a snapshot: only files not linked from the store free space
            freed += sum(st.st_size for f in p.rglob("*") if f.is_file()
                         and (st := f.stat()).st_nlink == 1)
            shutil.rmtree(p, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                freed += p.stat().st_size
                p.unlink()
    return freed
