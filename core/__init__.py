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

from functools import cache

__all__ = ["__version__", "version"]


@cache
def version() -> str:
    """The installed distribution's version (``0+unknown`` when run from a bare checkout)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("claimgraph")
    except PackageNotFoundError:  # pragma: no cover - only without an install
        return "0+unknown"


def __getattr__(name: str) -> str:
    """``__version__``, read when asked for: importlib.metadata costs ~90 ms to import, on
    every command (a cached ``rank`` answers in less than that)."""
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'claimgraph' has no attribute {name!r}")
