"""The store the global options name, and the case a command works on.

Shared by every command that reads or writes the store, so they open it the same way and
say the same thing when the store or the case is missing or ambiguous. Only the commands
that load data (``build``, ``import``) create an embedded store where there is none; every
other command given a ``--store`` folder that does not exist says so and creates nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import StoreError

from .app import settings

if TYPE_CHECKING:
    from claimgraph.graph.store import Store

__all__ = ["open_cli_store", "pick_case", "pick_case_or_all"]


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


def pick_case(store: Store, case: str | None, *, how: str | None = None,
              claims: Iterable[str] = (), entities: Iterable[str] = (),
              option: str = "--case") -> str:
    """The case a command reads, by the one rule of :mod:`claimgraph.graph.store.casepick`:
    the case named (``--case``, else ``$CLAIMGRAPH_CASE``; an id or a case folder), else the
    only case, else the one holding the ``claims`` / ``entities`` given; else an error
    listing the cases. (``how`` is no longer used: the hint names ``option``.)

    >>> from claimgraph.graph.store import open_store
    >>> pick_case(open_store(":memory:"), None)
    Traceback (most recent call last):
    ...
    claimgraph.errors.NotFoundError: the store holds no case
    """
    from claimgraph.graph.store.casepick import choose_case

    cid = choose_case(store, _from_env(case), claims=claims, entities=entities, option=option)
    assert cid is not None  # not spanning: one case or an error
    return cid


def pick_case_or_all(store: Store, case: str | None, *, claims: Iterable[str] = (),
                     option: str = "--case") -> str | None:
    """:func:`pick_case` for a command that lists across cases (``claims``, ``trace``,
    ``audit``): None — every case — where it would ask which one."""
    from claimgraph.graph.store.casepick import choose_case

    return choose_case(store, _from_env(case), claims=claims, spans=True, option=option)


def _from_env(case: str | None) -> str | None:
    from claimgraph.graph.store.casepick import CASE_ENV

    if case is not None:
        return case
    return os.environ.get(CASE_ENV) or None
