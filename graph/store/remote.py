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

Examples
--------
>>> s = RemoteStore("http://127.0.0.1:7878/query")
>>> s.update_url, s.graph_store_url
('http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from claimgraph.errors import QueryError, StoreError
from claimgraph.paths import user_cache_dir

from .base import QueryResult, Reclaimed, Store, query_form
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
                 graph_store: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise StoreError(f"not an HTTP(S) endpoint: {endpoint}",
                             hint="give the query URL, e.g. http://127.0.0.1:7878/query")
        self.location = endpoint
        self.query_url = endpoint
        base = endpoint[: -len("/query")] if endpoint.endswith("/query") else None
        self.update_url = update_endpoint or (f"{base}/update" if base else endpoint)
        self.graph_store_url = graph_store or (f"{base}/store" if base else None)
        self.timeout = timeout
        self.reclaimed = Reclaimed()

    # ------------------------------------------------------------------ HTTP
    def _http(self, url: str, *, data: bytes | None = None, content_type: str | None = None,
              accept: str | None = None, method: str | None = None,
              missing_ok: bool = False) -> tuple[str, bytes]:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip()
            if missing_ok and exc.code == 404:
                return "", b""
            if exc.code == 400:
                raise QueryError(f"the endpoint rejected the request: {body[:500]}",
                                 hint="check the SPARQL syntax") from None
            raise StoreError(f"{url} answered HTTP {exc.code}: {body[:500]}",
                             hint="check the endpoint URLs (--endpoint, --update-endpoint)"
                             ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
                raise StoreError(
                    f"the SPARQL endpoint {url} did not answer within {self.timeout:g} s",
                    hint="raise --timeout (or CLAIMGRAPH_TIMEOUT) for a slow server, or "
                         "check that the server is working") from None
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {reason}",
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
            return QueryResult("graph", triples=body)
        doc = json.loads(body)
        if "boolean" in doc:
            return QueryResult("ask", boolean=bool(doc["boolean"]))
        names, rows = rows_from_json(body)
        return QueryResult("select", names, rows)

    def _update(self, sparql: str) -> None:
        self._http(self.update_url, data=self._form([("update", sparql)]),
                   content_type="application/x-www-form-urlencoded")

    def _bulk_load(self, nquads: bytes) -> None:
        if self.graph_store_url:
            self._http(self.graph_store_url, data=nquads, content_type="application/n-quads",
                       method="POST")
            return
        by_graph: dict[str, list[ox.Triple]] = {}
        for q in ox.parse(nquads, ox.RdfFormat.N_QUADS):
            name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
            by_graph.setdefault(name, []).append(q.triple)
        for name, triples in sorted(by_graph.items()):
            for start in range(0, len(triples), _CHUNK):
                body = (ox.serialize(triples[start:start + _CHUNK],
                                     format=ox.RdfFormat.N_TRIPLES) or b"").decode()
                self._update(f"INSERT DATA {{ GRAPH {nt_iri(name)} {{\n{body}}} }}" if name
                             else f"INSERT DATA {{\n{body}}}")

    def _drop_graphs(self, graphs: Sequence[str]) -> None:
        if graphs:
            self._update(" ;\n".join(f"DROP SILENT GRAPH {nt_iri(g)}" for g in graphs))

    def _graph_ntriples(self, graph: str) -> bytes:
        if self.graph_store_url:
            param = "default" if graph == "" else "graph=" + urllib.parse.quote(graph, safe="")
            return self._http(f"{self.graph_store_url}?{param}", accept=_NTRIPLES,
                              missing_ok=True)[1]
        where = "{ ?s ?p ?o }" if graph == "" else f"{{ GRAPH {nt_iri(graph)} {{ ?s ?p ?o }} }}"
        return self._query([("query", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {where}")],
                           "construct").triples

    def named_graphs(self) -> list[str]:
        result = self._query([("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")], "select")
        names = (r.get("g") for r in result.rows)
        return sorted(g for g in names if g and not g.startswith("_:"))

    def cache_folder(self) -> Path | None:
        """The user's own cache folder for this endpoint (``~/.cache/claimgraph/endpoints/
        <sha256 of the query URL>``): answers computed from it, keyed by build id."""
        digest = hashlib.sha256(self.query_url.encode()).hexdigest()[:32]
        return user_cache_dir() / "endpoints" / digest

    def dataset(self) -> rdflib.Dataset:
        import rdflib
        from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

        store = SPARQLUpdateStore(self.query_url, self.update_url)
        return rdflib.Dataset(store=store, default_union=True)
