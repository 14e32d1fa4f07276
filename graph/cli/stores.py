"""The store the global options name, and the case a command works on.

Shared by every command that reads or writes the store, so they open it the same way and
say the same thing when the case is missing or ambiguous.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import NotFoundError

from .app import settings

if TYPE_CHECKING:
    from claimgraph.graph.store import Store

__all__ = ["open_cli_store", "pick_case"]


def open_cli_store(*, write: bool) -> Store:
    """Open ``--endpoint`` or ``--store``; readers open an existing folder read-only, so
    they work while another process (a build) holds it."""
    from claimgraph.graph.store import open_store

    if settings.endpoint:
        return open_store(None, settings.endpoint, settings.update_endpoint,
                          timeout=settings.timeout)
    location = settings.store_location()
    exists = location != ":memory:" and Path(location).expanduser().is_dir()
    return open_store(location, read_only=not write and exists)


def pick_case(store: Store, case: str | None, *, how: str = "name one of") -> str:
    """The case id to work on: the one named (it must be in the store), else the only one.

    ``how`` starts the hint when several cases are there ("pass --case with one of").

    >>> from claimgraph.graph.store import open_store
    >>> pick_case(open_store(":memory:"), None)
    Traceback (most recent call last):
    ...
    claimgraph.errors.NotFoundError: the store holds no case
    """
    ids = sorted(c.id for c in store.cases())
    if case:
        if case not in ids:
            raise NotFoundError(f"no case {case!r} in the store",
                                hint=f"build it first, or use one of: {', '.join(ids) or '(none)'}")
        return case
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise NotFoundError("the store holds no case",
                            hint="build one first: claimgraph build cases/<case>")
    raise NotFoundError(f"the store holds {len(ids)} cases; which one?",
                        hint=f"{how}: {', '.join(ids)}")
