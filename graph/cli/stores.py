"""The store the global options name, and the case a command works on.

Shared by every command that reads or writes the store, so they open it the same way and
say the same thing when the store or the case is missing or ambiguous. Only the commands
that load data (``build``, ``import``) create an embedded store where there is none; every
other command given a ``--store`` folder that does not exist says so and creates nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import NotFoundError, StoreError

from .app import settings

if TYPE_CHECKING:
    from claimgraph.graph.store import Store

__all__ = ["open_cli_store", "pick_case"]


def open_cli_store(*, write: bool, create: bool = False) -> Store:
    """Open ``--endpoint`` or ``--store``; readers open the folder read-only, so they work
    while another process (a build) holds it. An embedded store folder that does not exist
    is created only when ``create`` (a command that loads data); otherwise it is a
    :class:`~claimgraph.errors.StoreError` with a hint."""
    from claimgraph.graph.store import MEMORY, open_store

    if settings.endpoint:
        return open_store(None, settings.endpoint, settings.update_endpoint,
                          timeout=settings.timeout)
    location = settings.store_location()
    if location == MEMORY:
        return open_store(MEMORY)
    path = Path(location).expanduser()
    if not path.is_dir() and not create:
        if path.exists():
            raise StoreError(f"{path} is a file, not a store folder",
                             hint="point --store (or $CLAIMGRAPH_STORE) at a store folder")
        raise StoreError(f"no store at {path}", hint=_no_store_hint(location))
    return open_store(path, read_only=not write)


def _no_store_hint(location: str) -> str:
    store_opt = "" if settings.store is None else f"--store {location} "
    return (f"build a case into it first: claimgraph {store_opt}build CASE_DIR — or point "
            "--store (or $CLAIMGRAPH_STORE) at an existing store")


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
