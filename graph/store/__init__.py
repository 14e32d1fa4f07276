"""The claimgraph RDF store: embedded Oxigraph or a remote SPARQL 1.1 endpoint, one interface.

:func:`open_store` gives a :class:`Store`:

* ``open_store()`` — the embedded on-disk Oxigraph store at the default location
  (``$CLAIMGRAPH_STORE``, else ``$XDG_DATA_HOME/claimgraph/store``, i.e.
  ``~/.local/share/claimgraph/store``); ``open_store(PATH)`` another folder;
  ``open_store(":memory:")`` a throwaway in-memory store; ``read_only=True`` a snapshot that
  another process may be writing to (the writer holds the folder's lock).
* ``open_store(endpoint=URL, update_endpoint=URL)`` — any SPARQL 1.1 endpoint
  (:mod:`.remote` explains why the protocols are spoken directly and where rdflib's
  ``SPARQLUpdateStore`` is used).

What a store offers (identical plain results on both backends — rows of lexical strings):
``cases()`` / ``case_info(id)`` (the catalogue), ``query(sparql, case=None)`` (SELECT/ASK
rows), ``construct(...)`` (sorted N-Triples), ``run(...)``, ``read_case(id)`` (the full
:class:`~claimgraph.schema.models.Case`, quads fetched natively), ``graph_quads(graph)``,
``drop_case(id)``, ``reclaim()`` (what killed processes left: orphan graphs, stale build
locks, leftover files), ``export(fmt, case=None)`` / ``import_rdf(data, fmt, name=...)``
(:mod:`.transfer`), ``replace(...)`` / ``patch(...)`` (used by
:func:`claimgraph.graph.build.build_case`), ``update``/``load_nquads`` (raw, unscoped),
``dump()`` (sorted N-Quads of the raw store), ``dataset()`` (an rdflib ``Dataset`` view:
oxrdflib over the same pyoxigraph store, or ``SPARQLUpdateStore`` for an endpoint).

Graphs and atomicity (:mod:`.catalog`): a build writes a case's *data*, *provenance* and
*derived* graphs under fresh names ``https://w3id.org/claimgraph/case/<case>/graph/<role>-<build>``
and then replaces the case's entry in the catalogue graph ``https://w3id.org/claimgraph/catalog``
in one SPARQL update — one transaction on Oxigraph (``Store.update``) and one request on a
server. Every read is scoped to the catalogued graphs (pyoxigraph ``default_graph`` /
``named_graphs``; ``default-graph-uri`` / ``named-graph-uri`` on the protocol), so graphs
being loaded or superseded are never seen, and a build that fails before the flip removes
its own fresh graphs: the store's quads are exactly what they were. A rebuild that changes
few quads is applied in place instead (:mod:`.patch`): the difference and the flip in one
update. Why not copy/move graphs: on this hardware a SPARQL ``MOVE`` of 500k quads took 47 s
and ``DROP GRAPH`` 18 s, against 5 s for ``bulk_load``; ``remove_graph``/``clear_graph`` are
no faster than ``DROP`` (measured: 200k quads 4.1-4.8 s each against a 1.4-1.9 s bulk load),
so the fresh-graph path pays deletion only after the flip, and the in-place path avoids it.

Examples
--------
>>> store = open_store(":memory:")
>>> [c.id for c in store.cases()]
[]
"""

from .base import FailPoint, QueryResult, Reclaimed, Replaced, Store
from .catalog import CATALOG_GRAPH, CaseGraphs, CaseInfo
from .embedded import EmbeddedStore
from .open import MEMORY, open_store
from .remote import RemoteStore
from .terms import Row

__all__ = [
    "CATALOG_GRAPH",
    "MEMORY",
    "CaseGraphs",
    "CaseInfo",
    "EmbeddedStore",
    "FailPoint",
    "QueryResult",
    "Reclaimed",
    "RemoteStore",
    "Replaced",
    "Row",
    "Store",
    "open_store",
]
