"""Store fixtures (a pytest plugin, registered in conftest.py): both backends, for real.

* ``oxigraph_server`` — one real ``oxigraph serve`` per test session, on a free port of
  127.0.0.1 with its own temporary folder; waited for, killed at the end. Its query URL.
* ``store`` — parametrised: ``embedded`` (an on-disk Oxigraph store in ``tmp_path``) and
  ``remote`` (the session's server, emptied before the test). Tests written against it run
  on both backends.
* ``reopen`` — a function that opens the same store again (a second client / process view).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claimgraph.graph.store import Store, open_store

__all__ = ["oxigraph_server", "reopen", "store"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of a real ``oxigraph serve`` on 127.0.0.1 (one per session)."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the `oxigraph` server binary is not installed (pip install oxigraph)")
    location = tmp_path_factory.mktemp("oxigraph-server")
    port = _free_port()
    log = (location.parent / "oxigraph-server.log").open("wb")
    proc = subprocess.Popen([binary, "serve", "--location", str(location),
                             "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"oxigraph serve did not start on port {port}")
        time.sleep(0.1)
    try:
        yield f"{url}/query"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend (the test runs once per backend)."""
    if request.param == "embedded":
        s = open_store(tmp_path / "store")
    else:
        s = open_store(endpoint=request.getfixturevalue("oxigraph_server"))
        s.update("CLEAR ALL")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def reopen(store: Store) -> Callable[[], Store]:
    """Open the same store again: the remote endpoint, or the folder once ``store`` is
    closed (an embedded store is locked by its opener)."""

    def again() -> Store:
        if store.location.startswith("http"):
            return open_store(endpoint=store.location)
        store.close()
        return open_store(store.location)

    return again
