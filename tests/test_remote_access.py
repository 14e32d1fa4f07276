"""Remote access (issue 15): credentials from the environment or netrc, never echoed;
retries with backoff on transient failures. A real Virtuoso checks digest logins; a small
real HTTP server on 127.0.0.1 plays an overloaded endpoint (503s) and records headers."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from claimgraph.errors import StoreError
from claimgraph.graph.store import access, open_store
from claimgraph.graph.store.remote import RemoteStore

ASK_TRUE = json.dumps({"head": {}, "boolean": True}).encode()


class Flaky(http.server.BaseHTTPRequestHandler):
    """Answers ``failures`` requests with 503, then ASK true; records the headers."""

    failures: ClassVar[int] = 0
    seen: ClassVar[list[dict[str, str]]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Flaky.seen.append(dict(self.headers))
        if Flaky.failures > 0:
            Flaky.failures -= 1
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"busy")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(ASK_TRUE)))
        self.end_headers()
        self.wfile.write(ASK_TRUE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(access, "BACKOFF", (0.01, 0.02, 0.04))
    for var in (access.USER_ENV, access.PASSWORD_ENV, access.TOKEN_ENV):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NETRC", "/nonexistent")
    Flaky.seen = []
    Flaky.failures = 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/ds/sparql"
    finally:
        server.shutdown()


def ask(store: RemoteStore) -> bool | None:
    return store._query([("query", "ASK {}")], "ask").boolean


def test_transient_failures_are_retried(flaky: str) -> None:
    Flaky.failures = 2
    assert ask(RemoteStore(flaky)) is True
    assert len(Flaky.seen) == 3


def test_the_error_names_the_attempts(flaky: str) -> None:
    Flaky.failures = 99
    with pytest.raises(StoreError, match=r"answered HTTP 503 \(after 4 attempts\)"):
        ask(RemoteStore(flaky))
    assert len(Flaky.seen) == 1 + access.RETRIES


def test_a_bearer_token_from_the_environment(flaky: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(access.TOKEN_ENV, "tok-123")
    assert ask(RemoteStore(flaky)) is True
    assert Flaky.seen[-1]["Authorization"] == "Bearer tok-123"


def test_no_credentials_no_header(flaky: str) -> None:
    assert ask(RemoteStore(flaky)) is True
    assert "Authorization" not in Flaky.seen[-1]


def test_credentials_from_netrc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (access.USER_ENV, access.PASSWORD_ENV, access.TOKEN_ENV):
        monkeypatch.delenv(var, raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_text("machine sparql.example.org login ann password s3cret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    creds = access.credentials_for("https://sparql.example.org/sparql")
    assert creds is not None and (creds.user, creds.password) == ("ann", "s3cret")
    assert access.credentials_for("https://other.example.org/sparql") is None
    store = RemoteStore("https://sparql.example.org/sparql")  # Virtuoso layout, logged in
    assert store.update_url.endswith("/sparql-auth")
    assert store.graph_store_url is not None and store.graph_store_url.endswith("-auth")


def test_virtuoso_digest_login(virtuoso_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The session's Virtuoso takes `dba` with digest; a wrong password is refused with a
    message naming the user and where the credentials came from, never the password."""
    store = open_store(endpoint=virtuoso_server)
    graph = "https://w3id.org/claimgraph/case/access-test/graph/data-b1"
    store.load_nquads(f'<urn:x:a> <urn:x:b> "c" <{graph}> .\n')
    assert graph in store.named_graphs()
    store._drop_graphs([graph])
    monkeypatch.setenv(access.PASSWORD_ENV, "wrong-password-xyz")
    wrong = open_store(endpoint=virtuoso_server)
    with pytest.raises(StoreError) as info:
        wrong.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:x:a> <urn:x:b> 'd' }} }}")
    text = str(info.value) + str(getattr(info.value, "hint", ""))
    assert "refused access with user dba (from CLAIMGRAPH_ENDPOINT_USER)" in text
    assert "wrong-password-xyz" not in text
    assert graph not in store.named_graphs()
