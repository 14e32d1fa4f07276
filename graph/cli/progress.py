"""Progress of a long command on a terminal: a spinner, the stage, a bar when the stage has
a measure, the time spent — on stderr, and only there.

It is drawn when stderr is a terminal; never when stderr is piped or redirected (logs and
scripts stay clean), never with the global ``--quiet`` (or ``CLAIMGRAPH_QUIET=1``).
``CLAIMGRAPH_PROGRESS=1`` draws it even without a terminal, ``0`` never (tests, recordings).
The bar is transient: when the command ends it is erased and only the answer stays.

A command wraps its slow part::

    with progress("building demo") as step:
        build_case(case, store, progress=step)   # step(stage, done, total)

Examples
--------
>>> import os
>>> os.environ[PROGRESS_ENV] = "0"
>>> with progress("exporting") as step:
...     step("writing", 1, 2)
>>> progress_enabled()
False
>>> del os.environ[PROGRESS_ENV]
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from .app import settings
from .safeconsole import escape

if TYPE_CHECKING:
    from claimgraph.graph.build import ProgressFn

__all__ = ["PROGRESS_ENV", "progress", "progress_enabled"]

PROGRESS_ENV = "CLAIMGRAPH_PROGRESS"
"""``1``: draw progress even when stderr is not a terminal; ``0``: never draw it."""


def _silent(stage: str, done: int, total: int) -> None:
    """The progress callback of a quiet or piped run."""


def progress_enabled(stream: TextIO | None = None) -> bool:
    """Whether progress is drawn: not ``--quiet``; ``CLAIMGRAPH_PROGRESS`` if set; else
    only when ``stream`` (stderr) is a terminal that is not ``TERM=dumb``."""
    if settings.quiet:
        return False
    forced = os.environ.get(PROGRESS_ENV, "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    out = stream or sys.stderr
    try:
        tty = out.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and os.environ.get("TERM", "") != "dumb"


@contextlib.contextmanager
def progress(what: str) -> Iterator[ProgressFn]:
    """A progress display for ``what`` (e.g. ``building demo``); yields the callback
    ``step(stage, done, total)`` to pass down (``total`` 0: a spinner, no bar)."""
    if not progress_enabled():
        yield _silent
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(file=sys.stderr, force_terminal=True, highlight=False, emoji=False)
    label = escape(what)
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                   transient=True, refresh_per_second=4)
    with bar:
        task = bar.add_task(label, total=None)

        def step(stage: str, done: int, total: int) -> None:
            bar.update(task, description=f"{label}: {escape(stage)}", completed=done,
                       total=total or None)

        yield step
