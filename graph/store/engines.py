"""What differs between SPARQL servers, as data: one :class:`Engine` per server family.

The remote backend speaks the standard protocols; where the servers it is tested against
differ, it asks the engine. Measured on Oxigraph 0.5 (``oxigraph serve``) and OpenLink
Virtuoso 7.2 open source (Debian ``virtuoso-opensource-7-bin``):

======================  ==========================================  ==========================================
                        Oxigraph                                    Virtuoso
======================  ==========================================  ==========================================
URLs                    ``/query``, ``/update``, ``/store``         ``/sparql`` (query and update), ``/sparql-auth``
                                                                    (update with digest credentials),
                                                                    ``/sparql-graph-crud[-auth]`` (Graph Store)
bulk load               one POST of N-Quads (the whole dataset)     one POST of N-Triples per graph (``?graph=``)
                                                                    — its Graph Store takes no N-Quads
default graph           a graph of its own                          the union of all graphs: nothing is loaded
                                                                    into it, and it is read as empty
list named graphs       ``GRAPH ?g {}`` (empty graphs too)          ``GRAPH ?g { ?s ?p ?o }``; its own system
                                                                    graphs (``virtrdf#``, ``ldp#``, …) hidden
ASK                     ``{"boolean": true}``                       a one-row SELECT of ``__ASK_RETVAL`` (1/0)
literals                as written                                  ``xsd:boolean`` read back as ``1``/``0`` in
                                                                    JSON; numbers equal in value are one term
                                                                    (``1``, ``1.0``, ``1e0``, ``true``); language
                                                                    tags lower-cased
one update request      one transaction                             one transaction (the endpoint's default
                                                                    autocommit-per-request mode)
a trace                 one union of small patterns from the claim  a few lookups (``VALUES ?s {…} ?s ?p ?o``):
                                                                    it plans the union from a store-wide scan
======================  ==========================================  ==========================================

The backend normalises what it can (ASK, booleans, graph lists); the rest is documented in
the README. Which engine: from the query URL's path (``/query`` → Oxigraph, ``/sparql`` at
the root → Virtuoso), else :data:`GENERIC` (plain SPARQL 1.1, loads as ``INSERT DATA``).

>>> engine_for("http://127.0.0.1:7878/query").name
'oxigraph'
>>> engine_for("https://dbpedia.example.org/sparql").name
'virtuoso'
>>> engine_for("https://example.org/ds/sparql").name
'generic'
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

__all__ = ["ENGINES", "GENERIC", "OXIGRAPH", "VIRTUOSO", "Engine", "engine_for"]


@dataclass(frozen=True)
class Engine:
    """How one family of SPARQL servers is spoken to (see the module's table)."""

    name: str
    dataset_post: bool
    """Its Graph Store endpoint takes a whole N-Quads dataset in one POST."""
    graph_post: bool
    """Its Graph Store endpoint takes N-Triples for one graph (``?graph=IRI``)."""
    empty_graph_pattern: bool
    """``GRAPH ?g {}`` lists the named graphs."""
    union_default: bool
    """The default graph is the union of all graphs (none of its own)."""
    system_graphs: tuple[str, ...] = ()
    """IRI prefixes of the server's own graphs, hidden from :meth:`named_graphs`."""
    insert_chunk: int = 20_000
    """Triples per ``INSERT DATA`` request when loading without a Graph Store."""
    exact_double: str | None = None
    """A SPARQL expression (``{v}``: the variable) giving an ``xsd:double``'s lexical form
    exactly, where a SELECT result does not (Virtuoso: 6 significant digits)."""
    lookups_over_unions: bool = False
    """Readers that can ask as a few lookups (``VALUES ?s {…} ?s ?p ?o``, ``?s <p> <o>``)
    do, instead of one union of small patterns from one IRI (``trace``): the engine plans
    that union badly. Virtuoso 7.2 pushes the join of a branch (a claim's sources, then
    their properties) into the branch's inner union and starts it from a scan of the
    properties over the whole store (every source property, every ``cg:dependant``), so
    a trace costs time and query memory in proportion to the store: 0.15–0.3 s at 1,000
    claims, 2–7 s at 10,000 (``Low query memory limit`` in its log); the lookups stay
    at 0.1–0.3 s, the same rows."""


OXIGRAPH = Engine("oxigraph", dataset_post=True, graph_post=False, empty_graph_pattern=True,
                  union_default=False)
VIRTUOSO = Engine("virtuoso", dataset_post=False, graph_post=True, empty_graph_pattern=False,
                  union_default=True,
                  system_graphs=("http://www.openlinksw.com/", "http://www.w3.org/ns/ldp#",
                                 "http://localuriqaserver/", "http://localhost:8890/DAV"),
                  insert_chunk=5_000, exact_double='bif:sprintf("%.17g", {v})',
                  lookups_over_unions=True)
GENERIC = Engine("generic", dataset_post=False, graph_post=False, empty_graph_pattern=False,
                 union_default=False, insert_chunk=5_000)
ENGINES = {e.name: e for e in (OXIGRAPH, VIRTUOSO, GENERIC)}


def engine_for(query_url: str) -> Engine:
    """The engine a query URL's layout names (see the module docstring)."""
    path = urllib.parse.urlsplit(query_url).path.rstrip("/")
    if path.endswith("/query"):
        return OXIGRAPH
    if path in ("/sparql", "/sparql-auth"):
        return VIRTUOSO
    return GENERIC
