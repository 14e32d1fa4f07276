"""Open the store the user asked for: a folder, ``:memory:`` or a SPARQL endpoint.

Examples
--------
>>> store = open_store(":memory:")
>>> store.location
':memory:'
>>> open_store(endpoint="ftp://example.org/sparql")
Traceback (most recent call last):
...
claimgraph.errors.StoreError: not an HTTP(S) endpoint: ftp://example.org/sparql
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.paths import default_store_path

from .base import Store
from .embedded import EmbeddedStore
from .remote import DEFAULT_TIMEOUT, RemoteStore

__all__ = ["MEMORY", "open_store"]

MEMORY = ":memory:"
"""The location of a throwaway in-memory store."""


def open_store(path_or_memory: Path | str | None = None, endpoint: str | None = None,
               update_endpoint: str | None = None, *, graph_store: str | None = None,
               read_only: bool = False, timeout: float | None = None) -> Store:
    """The one way to get a :class:`~claimgraph.graph.store.base.Store`.

    ``endpoint`` (a SPARQL 1.1 query URL, plus ``update_endpoint``/``graph_store`` when they
    cannot be derived from it) selects the remote backend; otherwise ``path_or_memory`` is
    an Oxigraph folder, ``":memory:"``, or ``None`` for the default location
    (:func:`claimgraph.paths.default_store_path`: ``$CLAIMGRAPH_STORE`` or the user's
    data folder). ``read_only`` opens an on-disk store as a snapshot
    that another process may be writing to. ``timeout``: seconds an endpoint may take to
    answer (default :data:`~claimgraph.graph.store.remote.DEFAULT_TIMEOUT`).
    """
    if endpoint:
        return RemoteStore(endpoint, update_endpoint, graph_store=graph_store,
                           timeout=timeout or DEFAULT_TIMEOUT)
    if path_or_memory is None:
        path_or_memory = default_store_path()
    if str(path_or_memory) == MEMORY:
        return EmbeddedStore(None)
    return EmbeddedStore(Path(path_or_memory).expanduser(), read_only=read_only)
