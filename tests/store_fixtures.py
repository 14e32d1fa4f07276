"""Store fixtures (a pytest plugin, registered in conftest.py): both backends, for real.

* ``oxigraph_server`` — one real ``oxigraph serve`` per test session, on a free port of
  127.0.0.1 with its own temporary folder; waited for, killed at the end. Its query URL.
* ``virtuoso_server`` — one real OpenLink Virtuoso (``virtuoso-t``, Debian
  ``virtuoso-opensource-7-bin``) per session, on free ports of 127.0.0.1 with a database
  in a temporary folder; its ``/sparql`` URL. Updates and loads authenticate as its ``dba``
  user with HTTP digest, through ``CLAIMGRAPH_ENDPOINT_USER``/``_PASSWORD`` set for the
  session. Skipped when ``virtuoso-t`` is missing, except where
  ``CLAIMGRAPH_REQUIRE_VIRTUOSO=1`` (CI): then it fails.
* ``endpoint`` — parametrised over the two engines: ``oxigraph`` and ``virtuoso``, emptied.
* ``store`` — parametrised: ``embedded`` (an on-disk Oxigraph store in ``tmp_path``),
  ``remote`` (the Oxigraph server) and ``virtuoso``, each emptied before the test. Tests
  written against it run on every backend and engine.
* ``reopen`` — a function that opens the same store again (a second client / process view).
"""

from __future__ import annotations

import os
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
from claimgraph.graph.store.access import PASSWORD_ENV, USER_ENV

__all__ = ["empty_endpoint", "endpoint", "oxigraph_server", "reopen", "store",
           "virtuoso_server"]


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


_VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 0
DirsAllowed = ., {d}
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 8
ServerThreads = 8

[SPARQL]
ResultSetMaxRows = 100000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


def _wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"{what} did not start ({url})")
        time.sleep(0.2)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The ``/sparql`` URL of a real Virtuoso on 127.0.0.1 (one per session)."""
    binary = os.environ.get("CLAIMGRAPH_VIRTUOSO") or shutil.which("virtuoso-t")
    if binary is None:
        if os.environ.get("CLAIMGRAPH_REQUIRE_VIRTUOSO") == "1":
            pytest.fail("virtuoso-t is missing and CLAIMGRAPH_REQUIRE_VIRTUOSO=1 (CI): "
                        "apt-get install virtuoso-opensource-7-bin")
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin)")
    folder = tmp_path_factory.mktemp("virtuoso")
    http = _free_port()
    (folder / "virtuoso.ini").write_text(
        _VIRTUOSO_INI.format(d=folder, sql=_free_port(), http=http), encoding="utf-8")
    log = (folder / "console.log").open("wb")
    proc = subprocess.Popen([binary, "-c", str(folder / "virtuoso.ini"), "+foreground"],
                            cwd=folder, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        _wait_for(f"{url}?query=ASK%7B%7D", proc, 180, "virtuoso-t")  # creates its database
        saved = {k: os.environ.get(k) for k in (USER_ENV, PASSWORD_ENV)}
        os.environ[USER_ENV], os.environ[PASSWORD_ENV] = "dba", "dba"  # the test instance's
        try:
            yield url
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    finally:
        _stop(proc)
        log.close()


def empty_endpoint(s: Store) -> Store:
    """Remove every graph claimgraph can see on an endpoint (never the server's own: a
    ``CLEAR ALL`` on Virtuoso would also wipe its system graphs)."""
    if s.engine.name == "oxigraph":  # type: ignore[attr-defined]
        s.update("CLEAR ALL")
    else:
        s._drop_graphs(s.named_graphs())
    return s


@pytest.fixture(params=["oxigraph", "virtuoso"])
def endpoint(request: pytest.FixtureRequest) -> str:
    """The query URL of each engine's server, emptied (the test runs once per engine)."""
    url: str = request.getfixturevalue(f"{request.param}_server")
    empty_endpoint(open_store(endpoint=url))
    return url


@pytest.fixture(params=["embedded", "remote", "virtuoso"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend (the test runs once per backend and engine:
    ``remote`` is the Oxigraph server)."""
    if request.param == "embedded":
        s = open_store(tmp_path / "store")
    else:
        server = "oxigraph_server" if request.param == "remote" else "virtuoso_server"
        s = empty_endpoint(open_store(endpoint=request.getfixturevalue(server)))
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
