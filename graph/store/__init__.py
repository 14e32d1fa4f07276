"""The claimgraph RDF store: embedded Oxigraph or a remote SPARQL 1.1 endpoint, one interface.

:func:`open_store` gives a :class:`Store`; every read is scoped to the *current* graphs named
by the catalogue (:mod:`.catalog`), and a build becomes visible in one small transaction.

Examples
--------
>>> store = open_store(":memory:")
>>> [c.id for c in store.cases()]
[]
"""

from .base import FailPoint, QueryResult, Store
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
    "RemoteStore",
    "Row",
    "Store",
    "open_store",
]
