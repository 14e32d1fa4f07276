"""One build of a case at a time on a shared SPARQL endpoint.

An embedded store is locked by the process that opens it for writing; an endpoint is
shared by everyone who can reach it. Two builds of one case running at once there both
reported success and the last flip won, silently. So a build (or import, or drop) of a case
on an endpoint first takes a *lock*: a small resource in the catalogue graph naming who
holds it (a random token, pid, host, command, when). Taking it is one conditional SPARQL
update (insert only if nobody holds it) followed by reading it back: whoever reads more
than one holder backs off, so two builders racing can both be refused but never both
proceed. A second build of the same case is refused with the holder's name; other cases
build side by side. The lock is removed when the build ends, also when it fails; a lock
whose process is gone (same machine, pid not alive) or that is older than
:data:`STALE_AFTER` is cleared by the next build and by ``claimgraph gc``.

Locks live in the catalogue graph (so no extra graph is created), one resource per holder,
``…/case/<id>/lock/<token>``, with their own closed set of terms; catalogue entries, reads
and exports never look at them.

Examples
--------
>>> h = Holder.me()
>>> h.token != Holder.me().token, h.describe().startswith(f"process {h.pid} (")
(True, True)
>>> lock_iri("demo", "ab12")
'https://w3id.org/claimgraph/case/demo/lock/ab12'
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimgraph.errors import BuildError
from claimgraph.graph.iris import BASE, case_iri

from .catalog import CATALOG_GRAPH, EMPTY_GRAPH
from .folder import process_alive
from .terms import nt_iri, nt_literal

if TYPE_CHECKING:
    from .base import Store

__all__ = ["STALE_AFTER", "TERMS", "Holder", "acquire", "clear_stale", "holders", "lock_iri",
           "release", "stale"]

STALE_AFTER = 6 * 3600.0
"""Seconds after which a lock held from another machine is taken to be abandoned."""

_NS = BASE + "lock#"
TERMS: dict[str, str] = {n: _NS + n for n in ("Lock", "case", "owner", "pid", "host",
                                               "command", "since")}
"""Closed set of lock terms."""
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
log = logging.getLogger("claimgraph.store")


def lock_iri(case_id: str, token: str) -> str:
    """The lock resource of one holder of one case."""
    return f"{case_iri(case_id)}/lock/{token}"


@dataclass(frozen=True)
class Holder:
    """Who holds (or wants) a case's lock."""

    token: str
    pid: int
    host: str
    command: str
    since: float

    @classmethod
    def me(cls) -> Holder:
        command = " ".join([os.path.basename(sys.argv[0]), *sys.argv[1:]])[:300]
        return cls(secrets.token_hex(8), os.getpid(), socket.gethostname(), command,
                   time.time())

    def describe(self) -> str:
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.since))
        return f"process {self.pid}{where} (`{self.command}`, since {when})"


def stale(holder: Holder, now: float | None = None) -> bool:
    """A lock nobody can still be using: its process is gone, or it is very old."""
    if holder.host == socket.gethostname() and not process_alive(holder.pid):
        return True
    return (now or time.time()) - holder.since > STALE_AFTER


def holders(store: Store) -> dict[str, list[Holder]]:
    """Every lock in the store: case id -> its holders (normally one), oldest first."""
    names = ("case", "owner", "pid", "host", "command", "since")
    rows = store._run("SELECT ?l " + " ".join(f"?{n}" for n in names) + f""" WHERE {{
        GRAPH <{CATALOG_GRAPH}> {{ ?l <{_RDF_TYPE}> <{TERMS['Lock']}> ; """
                      + " ; ".join(f"<{TERMS[n]}> ?{n}" for n in names) + " } }",
                      [EMPTY_GRAPH], [CATALOG_GRAPH]).rows
    out: dict[str, list[Holder]] = {}
    for r in rows:
        try:
            holder = Holder(str(r["owner"]), int(r["pid"] or 0), str(r["host"]),
                            str(r["command"]), float(r["since"] or 0))
        except (TypeError, ValueError):
            continue
        out.setdefault(str(r["case"]), []).append(holder)
    return {case: sorted(hs, key=lambda h: (h.since, h.token)) for case, hs in out.items()}


def _triples(case_id: str, h: Holder) -> str:
    lock = nt_iri(lock_iri(case_id, h.token))
    values = {"case": case_id, "owner": h.token, "pid": str(h.pid), "host": h.host,
              "command": h.command, "since": repr(h.since)}
    return "\n".join([f"{lock} {nt_iri(_RDF_TYPE)} {nt_iri(TERMS['Lock'])} ."]
                     + [f"{lock} {nt_iri(TERMS[k])} {nt_literal(v)} ." for k, v in values.items()])


def _remove(store: Store, case_id: str, h: Holder) -> None:
    lock = nt_iri(lock_iri(case_id, h.token))
    store._update(f"DELETE WHERE {{ GRAPH <{CATALOG_GRAPH}> {{ {lock} ?p ?o }} }}")


def clear_stale(store: Store, case_ids: Sequence[str] | None = None) -> list[Holder]:
    """Remove the stale locks (of these cases, or all); returns whose they were."""
    cleared = []
    for case_id, hs in sorted(holders(store).items()):
        if case_ids is not None and case_id not in case_ids:
            continue
        for h in hs:
            if stale(h):
                _remove(store, case_id, h)
                cleared.append(h)
                log.info("cleared the lock of a build that died: %s held %s", h.describe(),
                         case_id)
    return cleared


def acquire(store: Store, case_ids: Sequence[str]) -> Holder:
    """Take the lock of every case in ``case_ids`` for this process, or raise
    :class:`BuildError` naming who holds one (keeping none of them)."""
    me = Holder.me()
    clear_stale(store, case_ids)
    taken: list[str] = []
    try:
        for case_id in sorted(set(case_ids)):
            store._update(
                f"INSERT {{ GRAPH <{CATALOG_GRAPH}> {{ {_triples(case_id, me)} }} }} WHERE "
                f"{{ FILTER NOT EXISTS {{ GRAPH <{CATALOG_GRAPH}> {{ ?l "
                f"{nt_iri(TERMS['case'])} {nt_literal(case_id)} }} }} }}")
            mine = holders(store).get(case_id, [])
            if [h.token for h in mine] == [me.token]:
                taken.append(case_id)
                continue
            taken.append(case_id)  # (if the insert happened: racing, everyone backs off)
            other = next((h for h in mine if h.token != me.token), None)
            raise BuildError(
                f"{case_id} is being built on this endpoint by "
                f"{other.describe() if other else 'another process'}",
                hint="wait for that build to finish and run this one again (a build that "
                     "died leaves a lock that the next build or `claimgraph gc` clears)")
    except BaseException:
        release(store, me, taken)
        raise
    return me


def release(store: Store, me: Holder, case_ids: Sequence[str]) -> None:
    """Give up this process's locks of ``case_ids`` (missing ones are fine)."""
    for case_id in sorted(set(case_ids)):
        _remove(store, case_id, me)
