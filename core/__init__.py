"""claimgraph: a claims-and-evidence knowledge graph.

The root package holds what belongs to no layer: the exceptions every layer raises
(:mod:`claimgraph.errors`), where things live on disk (:mod:`claimgraph.paths`) and the
version. The layers are sub-packages: :mod:`claimgraph.schema` (models, vocabularies,
validation), :mod:`claimgraph.sources` (documents, quotes, importers) and
:mod:`claimgraph.graph` (RDF store, provenance, analytics, views, CLI); ARCHITECTURE.md
says who may import whom.

Examples
--------
>>> import claimgraph
>>> claimgraph.__version__ == claimgraph.version()
True
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version

__all__ = ["__version__", "version"]


def version() -> str:
    """The installed distribution's version (``0+unknown`` when run from a bare checkout)."""
    try:
        return _dist_version("claimgraph")
    except PackageNotFoundError:  # pragma: no cover - only without an install
        return "0+unknown"


__version__ = version()
