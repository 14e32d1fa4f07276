"""The remote backend: any SPARQL 1.1 endpoint, spoken to over plain HTTP (stdlib urllib).

Why not rdflib's ``SPARQLStore``/``SPARQLUpdateStore`` for everything? Measured and read:

* reads must be scoped to the catalogued graphs per query (``default-graph-uri`` /
  ``named-graph-uri`` of the SPARQL 1.1 Protocol); rdflib's store sends
  ``default-graph-uri=urn:x-rdflib:default`` for a Dataset and has no per-query dataset
  parameters, so a generic server answers from the wrong default graph;
* bulk loads through ``addN`` reach ~25k quads/s against ~37k for one HTTP POST of N-Quads
  to the Graph Store HTTP Protocol endpoint, and per-triple ``add`` ~1.2k quads/s;
* results come back as rdflib terms to be converted again; claimgraph wants plain rows.

So queries, updates and loads go straight to the protocols; rdflib's ``SPARQLUpdateStore``
backs :meth:`RemoteStore.dataset`, the rdflib view for users, where it is the right tool.

Endpoints: ``endpoint`` is the query URL; the update URL defaults to it, except that an
Oxigraph-style ``.../query`` becomes ``.../update``; the Graph Store endpoint defaults to
``.../store`` for such servers. Without a Graph Store endpoint, loads fall back to chunked
``INSERT DATA`` updates (any SPARQL 1.1 server accepts them).

Engines (measured against both in the test suite, see :mod:`.engines`): **Oxigraph**
(``.../query``: a whole N-Quads dataset in one Graph Store POST) and **OpenLink Virtuoso**
(``.../sparql``: updates on ``/sparql-auth`` when credentials are given, loads as one
Graph Store POST of N-Triples per graph on ``/sparql-graph-crud[-auth]``, its dialect
smoothed over — ASK answered as a one-row SELECT, booleans as ``1``/``0``, its own system
graphs hidden, no separate default graph). The engine is told by the server's
``Server:`` header on the first answer.

Access (:mod:`.access`): credentials come from the environment (``CLAIMGRAPH_ENDPOINT_USER``
and ``CLAIMGRAPH_ENDPOINT_PASSWORD``: HTTP basic or digest, whichever the server asks for;
``CLAIMGRAPH_ENDPOINT_TOKEN``: a bearer token) or ``~/.netrc``, never from the command
line; requests that fail for a transient reason (connection refused or reset, HTTP 502,
503, 504, 429) are retried with a growing pause before the error is reported.

Examples
--------
>>> s = RemoteStore("http://127.0.0.1:7878/query")
>>> s.update_url, s.graph_store_url
('http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
>>> import os
>>> from claimgraph.graph.store import access
>>> names = (access.USER_ENV, access.PASSWORD_ENV, access.TOKEN_ENV, "NETRC")
>>> saved = {k: os.environ.pop(k, None) for k in names}   # no credentials at all
>>> os.environ["NETRC"] = os.devnull
>>> v = RemoteStore("http://127.0.0.1:8890/sparql")
>>> v.engine.name, v.update_url, v.graph_store_url
('virtuoso', 'http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql-graph-crud')
>>> os.environ.update({access.USER_ENV: "ann", access.PASSWORD_ENV: "s3cret"})
>>> RemoteStore("http://127.0.0.1:8890/sparql").update_url     # with them: the digest door
'http://127.0.0.1:8890/sparql-auth'
>>> for k, value in saved.items():
...     _ = os.environ.pop(k, None) if value is None else os.environ.update({k: value})
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from claimgraph.errors import QueryError, StoreError
from claimgraph.paths import user_cache_dir

from . import access
from .base import QueryResult, Reclaimed, Store, query_form
from .engines import Engine, engine_for
from .terms import nt_iri, rows_from_json

if TYPE_CHECKING:
    import rdflib

__all__ = ["DEFAULT_TIMEOUT", "RemoteStore"]

DEFAULT_TIMEOUT = 300.0
"""Seconds to wait for an endpoint at each step, unless ``--timeout`` says otherwise."""

_RESULTS = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_CHUNK = 20_000  # triples per INSERT DATA request in the fallback path


class RemoteStore(Store):
    """A claimgraph store on a SPARQL 1.1 endpoint; ``timeout``: seconds to wait for the
    server at each step (connecting, sending, each read of the answer)."""

    _locks_builds = True  # others may build into the same endpoint (see .buildlock)

    def __init__(self, endpoint: str, update_endpoint: str | None = None, *,
                 graph_store: str | None = None, timeout: float = DEFAULT_TIMEOUT,
                 credentials: access.Credentials | None = None) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise StoreError(f"not an HTTP(S) endpoint: {endpoint}",
                             hint="give the query URL, e.g. http://127.0.0.1:7878/query")
        self.location = endpoint
        self.query_url = endpoint
        self.engine: Engine = engine_for(endpoint)
        self.credentials = credentials or access.credentials_for(endpoint)
        self.update_url, self.graph_store_url = self._urls(update_endpoint, graph_store)
        self.timeout = timeout
        self.reclaimed = Reclaimed()
        self._opener = access.opener(endpoint, self.credentials)

    def _urls(self, update: str | None, graph_store: str | None) -> tuple[str, str | None]:
        """The update and Graph Store URLs the engine's layout implies, unless given."""
        url = self.query_url
        if self.engine.name == "oxigraph":
            base = url[: -len("/query")]
            return update or f"{base}/update", graph_store or f"{base}/store"
        if self.engine.name == "virtuoso":
            base = url.rsplit("/", 1)[0]
            auth = "-auth" if self.credentials and self.credentials.user else ""
            return (update or (f"{base}/sparql-auth" if auth else url),
                    graph_store or f"{base}/sparql-graph-crud{auth}")
        return update or url, graph_store

    # ------------------------------------------------------------------ HTTP
    def _http(self, url: str, *, data: bytes | None = None, content_type: str | None = None,
              accept: str | None = None, method: str | None = None,
              missing_ok: bool = False) -> tuple[str, bytes]:
        """One request, retried after transient failures (:mod:`.access`)."""
        for attempt in range(access.RETRIES + 1):
            last = attempt == access.RETRIES
            try:
                return self._http_once(url, data=data, content_type=content_type,
                                       accept=accept, method=method, missing_ok=missing_ok,
                                       last=last, attempts=attempt + 1)
            except _Transient:
                time.sleep(access.BACKOFF[min(attempt, len(access.BACKOFF) - 1)])
        raise AssertionError("unreachable")  # pragma: no cover

    def _http_once(self, url: str, *, data: bytes | None, content_type: str | None,
                   accept: str | None, method: str | None, missing_ok: bool, last: bool,
                   attempts: int) -> tuple[str, bytes]:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        if self.credentials and self.credentials.token:
            headers["Authorization"] = f"Bearer {self.credentials.token}"
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        tries = f" (after {attempts} attempts)" if attempts > 1 else ""
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip()
            if missing_ok and exc.code == 404:
                return "", b""
            if access.transient_status(exc.code) and not last:
                raise _Transient from None
            if exc.code == 400:
                raise QueryError(f"the endpoint rejected the request: {body[:500]}",
                                 hint="check the SPARQL syntax") from None
            if exc.code in (401, 403):
                who = (f"with {self.credentials.describe()}" if self.credentials
                       else "without credentials")
                raise StoreError(f"{url} refused access {who}: HTTP {exc.code}",
                                 hint=f"set {access.USER_ENV} and {access.PASSWORD_ENV} (or "
                                      f"{access.TOKEN_ENV}, or a ~/.netrc entry for the "
                                      "host); never put them on the command line") from None
            raise StoreError(f"{url} answered HTTP {exc.code}{tries}: {body[:500]}",
                             hint="check the endpoint URLs (--endpoint, --update-endpoint)"
                             ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
                raise StoreError(
                    f"the SPARQL endpoint {url} did not answer within {self.timeout:g} s",
                    hint="raise --timeout (or CLAIMGRAPH_TIMEOUT) for a slow server, or "
                         "check that the server is working") from None
            if isinstance(reason, ConnectionError) and not last:
                raise _Transient from None
            raise StoreError(f"cannot reach the SPARQL endpoint {url}{tries}: {reason}",
                             hint="is the server running? check --endpoint "
                                  "(e.g. `oxigraph serve --location DIR`)") from None

    def _form(self, pairs: list[tuple[str, str]]) -> bytes:
        return urllib.parse.urlencode(pairs).encode()

    # ------------------------------------------------------------------ primitives
    def _run(self, sparql: str, default: list[str], named: list[str]) -> QueryResult:
        pairs = [("query", sparql)]
        pairs += [("default-graph-uri", g) for g in default]
        pairs += [("named-graph-uri", g) for g in named]
        return self._query(pairs, query_form(sparql))

    def _query(self, pairs: list[tuple[str, str]], form: str) -> QueryResult:
        accept = _NTRIPLES if form in ("construct", "describe") else _RESULTS
        ctype, body = self._http(self.query_url, data=self._form(pairs),
                                 content_type="application/x-www-form-urlencoded",
                                 accept=accept)
        if "n-triples" in ctype or accept == _NTRIPLES:
            if self.engine.name != "oxigraph":  # tabs, \u escapes: rewrite canonically
                body = ox.serialize(ox.parse(body, ox.RdfFormat.N_TRIPLES),
                                    format=ox.RdfFormat.N_TRIPLES) or b""
            return QueryResult("graph", triples=body)
        doc = json.loads(body)
        if "boolean" in doc:
            return QueryResult("ask", boolean=bool(doc["boolean"]))
        names, rows = rows_from_json(body)
        if form == "ask" and names == ["__ASK_RETVAL"]:  # Virtuoso: ASK as a one-row SELECT
            return QueryResult("ask", boolean=bool(rows) and rows[0]["__ASK_RETVAL"] in
                               ("1", "true"))
        return QueryResult("select", names, rows)

    def _update(self, sparql: str) -> None:
        self._http(self.update_url, data=self._form([("update", sparql)]),
                   content_type="application/x-www-form-urlencoded")

    def _bulk_load(self, nquads: bytes) -> None:
        if self.graph_store_url and self.engine.dataset_post:
            self._http(self.graph_store_url, data=nquads, content_type="application/n-quads",
                       method="POST")
            return
        by_graph: dict[str, list[ox.Triple]] = {}
        for q in ox.parse(nquads, ox.RdfFormat.N_QUADS):
            name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
            by_graph.setdefault(name, []).append(q.triple)
        if "" in by_graph and self.engine.union_default:
            raise StoreError(f"{self.engine.name} has no default graph of its own to load "
                             "triples into", hint="load them into a named graph")
        for name, triples in sorted(by_graph.items()):
            if self.graph_store_url and self.engine.graph_post and name:
                data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
                self._http(f"{self.graph_store_url}?graph={urllib.parse.quote(name, safe='')}",
                           data=data, content_type="text/turtle", method="POST")
                continue
            chunk = self.engine.insert_chunk
            for start in range(0, len(triples), chunk):
                body = (ox.serialize(triples[start:start + chunk],
                                     format=ox.RdfFormat.N_TRIPLES) or b"").decode()
                self._update(f"INSERT DATA {{ GRAPH {nt_iri(name)} {{\n{body}}} }}" if name
                             else f"INSERT DATA {{\n{body}}}")

    def _drop_graphs(self, graphs: Sequence[str]) -> None:
        if graphs:
            self._update(" ;\n".join(f"DROP SILENT GRAPH {nt_iri(g)}" for g in graphs))

    def _graph_ntriples(self, graph: str) -> bytes:
        if graph == "" and self.engine.union_default:
            return b""  # no default graph of its own: nothing was, or can be, loaded there
        if self.graph_store_url and self.engine.dataset_post:
            param = "default" if graph == "" else "graph=" + urllib.parse.quote(graph, safe="")
            return self._http(f"{self.graph_store_url}?{param}", accept=_NTRIPLES,
                              missing_ok=True)[1]
        where = "{ ?s ?p ?o }" if graph == "" else f"{{ GRAPH {nt_iri(graph)} {{ ?s ?p ?o }} }}"
        if self.engine.name == "virtuoso":
            return self._exact_ntriples(where)
        return self._query([("query", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {where}")],
                           "construct").triples

    def _exact_ntriples(self, where: str) -> bytes:
        """The triples matching ``where``, every literal exactly as stored: Virtuoso
        writes an ``xsd:double`` with 6 significant digits in every result format
        (1234567.0 comes back as 1.23457e+06) and ``STR()`` with 16, so literals are read
        by their ``DATATYPE``, ``LANG`` and lexical form — a double printed with 17
        significant digits by its ``bif:sprintf``, which round-trips — and the N-Triples
        are written here."""
        query = ("SELECT ?s ?p ?o (IF(DATATYPE(?o) = <http://www.w3.org/2001/XMLSchema#double>"
                 ', bif:sprintf("%.17g", ?o), STR(?o)) AS ?l) (DATATYPE(?o) AS ?d) '
                 f"(LANG(?o) AS ?g) WHERE {where}")
        _, body = self._http(self.query_url, data=self._form([("query", query)]),
                             content_type="application/x-www-form-urlencoded",
                             accept=_RESULTS)
        triples = []
        for b in json.loads(body).get("results", {}).get("bindings", []):
            o = b["o"]
            if o["type"] in ("uri", "bnode"):
                obj: ox.NamedNode | ox.BlankNode | ox.Literal = _node(o)
            else:
                lexical = b.get("l", o)["value"]
                lang = b.get("g", {}).get("value") or None
                datatype = b.get("d", {}).get("value")
                if datatype == _BOOLEAN and lexical in ("1", "0"):
                    lexical = "true" if lexical == "1" else "false"
                obj = (ox.Literal(lexical, language=lang) if lang else
                       ox.Literal(lexical, datatype=ox.NamedNode(datatype)) if datatype
                       else ox.Literal(lexical))
            triples.append(ox.Triple(_node(b["s"]), ox.NamedNode(b["p"]["value"]), obj))
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""

    def named_graphs(self) -> list[str]:
        pattern = "{ }" if self.engine.empty_graph_pattern else "{ ?s ?p ?o }"
        result = self._query([("query", f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {pattern} }}")],
                             "select")
        names = (r.get("g") for r in result.rows)
        system = self.engine.system_graphs
        return sorted(g for g in names
                      if g and not g.startswith("_:") and not g.startswith(system))

    def exact_double(self) -> str | None:
        return self.engine.exact_double

    @property
    def reads_by_lookups(self) -> bool:
        return self.engine.lookups_over_unions

    def cache_folder(self) -> Path | None:
        """The user's own cache folder for this endpoint (``~/.cache/claimgraph/endpoints/
        <sha256 of the query URL>``): answers computed from it, keyed by build id."""
        digest = hashlib.sha256(self.query_url.encode()).hexdigest()[:32]
        return user_cache_dir() / "endpoints" / digest

    def dataset(self) -> rdflib.Dataset:
        import rdflib
        from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

        creds = self.credentials
        auth = (creds.user, creds.password or "") if creds and creds.user else None
        # (rdflib sends HTTP basic only: a digest-only endpoint needs its basic twin)
        # Virtuoso answers rdflib's Accept (RDF/XML first) to a SELECT with the result set
        # as RDF/XML, which rdflib cannot read back: ask it for JSON results instead
        fmt = "json" if self.engine.name == "virtuoso" else "xml"
        store = SPARQLUpdateStore(self.query_url, self.update_url, auth=auth, returnFormat=fmt)
        return rdflib.Dataset(store=store, default_union=True)


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _node(term: dict[str, str]) -> ox.NamedNode | ox.BlankNode:
    """An IRI or blank node of a JSON result (Virtuoso's ``nodeID://b1`` made a label)."""
    if term["type"] == "bnode":
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9]", "_", term["value"]).strip("_") or "b")
    return ox.NamedNode(term["value"])


class _Transient(Exception):
    """A failure worth another attempt (internal to :meth:`RemoteStore._http`)."""
