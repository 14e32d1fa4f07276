"""Access to a SPARQL endpoint: credentials from the environment, retries with backoff.

Credentials are never taken from the command line (it shows in ``ps`` and shell
history): ``CLAIMGRAPH_ENDPOINT_USER`` + ``CLAIMGRAPH_ENDPOINT_PASSWORD`` (sent as HTTP
basic or digest, whichever the server's 401 challenge asks for — Virtuoso's
``/sparql-auth`` asks for digest), or ``CLAIMGRAPH_ENDPOINT_TOKEN`` (``Authorization:
Bearer``), else the endpoint host's entry in ``~/.netrc`` (``$NETRC``). Nothing is sent
before the server asks, except a bearer token; a password never appears in an error
message.

Transient failures — connection refused or reset, HTTP 429, 502, 503, 504 — are retried
:data:`RETRIES` times with a growing pause (:data:`BACKOFF`), then reported with the
number of attempts. A timeout is not retried (the server may still be working on it);
every request claimgraph sends is safe to repeat (loads and updates insert sets, flips
delete and insert whole entries, locks are taken conditionally).

Examples
--------
>>> import os
>>> saved = dict(os.environ)
>>> os.environ.update({USER_ENV: "ann", PASSWORD_ENV: "s3cret"})
>>> c = credentials_for("http://127.0.0.1:8890/sparql")
>>> c.user, "s3cret" in repr(c), c.describe()
('ann', False, 'user ann (from CLAIMGRAPH_ENDPOINT_USER)')
>>> os.environ.clear(); os.environ.update(saved)
>>> transient_status(503), transient_status(400)
(True, False)
"""

from __future__ import annotations

import netrc
import os
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

__all__ = ["BACKOFF", "PASSWORD_ENV", "RETRIES", "TOKEN_ENV", "USER_ENV", "Credentials",
           "credentials_for", "opener", "transient_status"]

USER_ENV = "CLAIMGRAPH_ENDPOINT_USER"
PASSWORD_ENV = "CLAIMGRAPH_ENDPOINT_PASSWORD"
TOKEN_ENV = "CLAIMGRAPH_ENDPOINT_TOKEN"

RETRIES = 3
"""Extra attempts after a transient failure."""
BACKOFF = (0.5, 1.5, 4.0)
"""Seconds to wait before each extra attempt."""
_TRANSIENT = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class Credentials:
    """A user and password, or a bearer token (never shown by ``repr``)."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    source: str = ""

    def describe(self) -> str:
        who = f"user {self.user}" if self.user else "a bearer token"
        return f"{who} (from {self.source})"


def credentials_for(url: str) -> Credentials | None:
    """The credentials for ``url``: the environment, else ``~/.netrc``, else ``None``."""
    token = os.environ.get(TOKEN_ENV)
    if token:
        return Credentials(token=token, source=TOKEN_ENV)
    user = os.environ.get(USER_ENV)
    if user:
        return Credentials(user, os.environ.get(PASSWORD_ENV, ""), source=USER_ENV)
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(os.environ.get("NETRC")).authenticators(host)
    except (OSError, netrc.NetrcParseError):
        return None
    if entry and entry[0]:
        return Credentials(entry[0], entry[2] or "", source="~/.netrc")
    return None


def opener(url: str, credentials: Credentials | None) -> urllib.request.OpenerDirector:
    """A urllib opener answering basic and digest challenges with ``credentials``."""
    handlers: list[urllib.request.BaseHandler] = []
    if credentials is not None and credentials.user:
        parts = urllib.parse.urlsplit(url)
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", credentials.user,
                             credentials.password or "")
        handlers += [urllib.request.HTTPBasicAuthHandler(manager),
                     urllib.request.HTTPDigestAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


def transient_status(code: int) -> bool:
    """An HTTP status worth retrying (the server is overloaded or restarting)."""
    return code in _TRANSIENT
