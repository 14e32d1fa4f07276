"""The embedded backend: Oxigraph in this process, on disk (RocksDB) or in memory.

Hot paths call pyoxigraph directly: bulk loads go through ``Store.bulk_load`` (the engine's
fastest path, ~3.5x faster than its transactional ``load``), queries through
``Store.query(default_graph=..., named_graphs=...)``, updates through ``Store.update`` (one
transaction each). :meth:`EmbeddedStore.dataset` gives the same store as an rdflib
:class:`~rdflib.Dataset` through oxrdflib for users who want rdflib's API — but oxrdflib's
``commit``/``rollback`` do nothing and any extra keyword to its ``query()`` falls back to
rdflib's slow engine, so claimgraph itself never goes through it.

An on-disk store is locked by the process that opens it read-write (which records itself,
reclaims what killed processes left, see :mod:`.folder`); a second writer gets a
:class:`~claimgraph.errors.StoreError` naming that process, while readers open it
``read_only``: a private hard-linked snapshot of the store as it was when opened, which a
writer's compactions cannot pull files from.

Examples
--------
>>> store = EmbeddedStore(None)
>>> store.update('INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> "c" } }')
>>> store.named_graphs()
['urn:x:g']
>>> store.dump()
b'<urn:x:a> <urn:x:b> "c" <urn:x:g> .\\n'
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from claimgraph.errors import StoreError

from .base import QueryResult, Reclaimed, Store, _as_store_error
from .folder import (
    check_store_folder,
    clear_writer,
    leftover_files,
    remove_leftovers,
    snapshot,
    write_writer,
    writer_of,
)
from .terms import lexical, rows_from_solutions

if TYPE_CHECKING:
    import rdflib

__all__ = ["CACHE", "EmbeddedStore"]

CACHE = ".claimgraph-cache"
"""The folder, inside an on-disk store, of answers computed from it (analytics)."""


def _node(graph: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph == "" else ox.NamedNode(graph)


class EmbeddedStore(Store):
    """Oxigraph in-process: ``path`` a folder (created if missing), ``None`` in memory."""

    _caches_catalog = True  # the folder is locked by us, or a read-only snapshot

    def __init__(self, path: Path | str | None, *, read_only: bool = False) -> None:
        self.location = str(path) if path is not None else ":memory:"
        self.read_only = read_only
        self.reclaimed = Reclaimed()
        self._folder = Path(path) if path is not None else None
        self._snapshot: Path | None = None
        self._answered = False
        if self._folder is None:
            self._ox = ox.Store()
        elif read_only:
            self._open_reader(self._folder)
        else:
            self._open_writer(self._folder)

    def cache_folder(self) -> Path | None:
        """``<store>/.claimgraph-cache`` for an on-disk store; nothing in memory."""
        return self._folder / CACHE if self._folder is not None else None

    def _open_writer(self, folder: Path) -> None:
        check_store_folder(folder)
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            self._ox = ox.Store(str(folder))
        except OSError as exc:
            if "lock" in str(exc).lower():
                writer = writer_of(folder)
                who = (f"is being written by {writer.describe()}" if writer
                       else "is locked by another process")
                raise StoreError(f"the store {folder} {who}",
                                 hint="wait for it to finish (reading commands work "
                                      "meanwhile), or use another --store") from None
            raise StoreError(f"cannot open the store {folder}: {exc}",
                             hint="check the path, or choose another with --store") from None
        write_writer(folder)
        self.reclaim()  # nobody else can be loading or reading a snapshot: we hold the lock

    def _open_reader(self, folder: Path) -> None:
        """Open a private snapshot of the store (:mod:`.folder`); one retry when a writer
        changed the files while it was being taken, then a clear error."""
        if not folder.is_dir():
            raise StoreError(f"no store at {folder}",
                             hint="build a case first: `claimgraph build CASE_DIR`")
        check_store_folder(folder)
        for _attempt in range(2):
            try:
                self._snapshot = snapshot(folder)
            except FileNotFoundError:
                continue  # a file went away while linking: the writer moved on
            except OSError:  # no hard links here (or no permission): read in place
                self._snapshot = None
            try:
                self._ox = ox.Store.read_only(str(self._snapshot or folder))
                return
            except (OSError, RuntimeError):  # RocksDB reports a missing file as Corruption
                self._drop_snapshot()
        raise self._changed()

    def _changed(self) -> StoreError:
        return StoreError(f"the store changed while reading ({self.location})",
                          hint="another process was writing it; run the command again")

    def _drop_snapshot(self) -> None:
        if self._snapshot is not None:
            shutil.rmtree(self._snapshot, ignore_errors=True)
            self._snapshot = None

    def reclaim(self) -> Reclaimed:
        """Besides graphs (:meth:`Store.reclaim`): bulk-load temp files and snapshots of
        readers that are gone, and a compaction when anything was dropped."""
        done = super().reclaim()
        if self._folder is not None and not self.read_only:
            files = leftover_files(self._folder)
            done.bulk_files += sum(1 for f in files if f.is_file())
            done.snapshots += sum(1 for f in files if f.is_dir())
            done.bytes += remove_leftovers(files)
        return done

    def close(self) -> None:
        """Flush and release the lock (the store object cannot be used afterwards)."""
        store = getattr(self, "_ox", None)
        if store is not None:
            if not self.read_only:
                store.flush()
            del self._ox
            del store
            if self._folder is not None and not self.read_only:
                clear_writer(self._folder)
        self._drop_snapshot()

    def _run(self, sparql: str, default: list[str], named: list[str]) -> QueryResult:
        try:
            result = self._query(sparql, default, named)
        except (OSError, RuntimeError) as exc:
            if not self.read_only or self._folder is None:
                raise _as_store_error(exc, "query failed") from None
            if self._answered:
                raise self._changed() from None
            self._reopen()  # nothing answered yet: a fresh snapshot, one more try
            try:
                result = self._query(sparql, default, named)
            except (OSError, RuntimeError):
                raise self._changed() from None
        self._answered = True
        return result

    def _query(self, sparql: str, default: list[str], named: list[str]) -> QueryResult:
        """One query, its rows converted inside the error handling (reading the rows reads
        the store too)."""
        try:
            result = self._ox.query(sparql, default_graph=[ox.NamedNode(g) for g in default],
                                    named_graphs=[ox.NamedNode(g) for g in named])
            if isinstance(result, ox.QuerySolutions):
                names, rows = rows_from_solutions(result)
                return QueryResult("select", names, rows)
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(result))
            data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b""
            return QueryResult("graph", triples=data)
        except (SyntaxError, ValueError) as exc:
            raise _as_store_error(exc, "query failed") from None

    def _reopen(self) -> None:
        assert self._folder is not None
        del self._ox
        self._drop_snapshot()
        self._catalog = None
        self._open_reader(self._folder)

    def _update(self, sparql: str) -> None:
        self._writable()
        try:
            self._ox.update(sparql)
        except (SyntaxError, OSError, ValueError) as exc:
            raise _as_store_error(exc, "update failed") from None

    def _bulk_load(self, nquads: bytes) -> None:
        self._writable()
        self._ox.bulk_load(nquads, ox.RdfFormat.N_QUADS)

    def _bulk_load_file(self, path: Path) -> None:
        self._writable()
        self._ox.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)

    def _drop_graphs(self, graphs: Sequence[str]) -> None:
        self._writable()
        dropped = False
        for g in graphs:
            node = ox.NamedNode(g)
            if self._ox.contains_named_graph(node):
                self._ox.remove_graph(node)
                dropped = True
        if dropped and self.location != ":memory:":
            # deletes leave tombstones: a 5 M-quad store grew to 5.2 GB after one replaced
            # build; compaction (8.5 s there) brought it back to 1.6 GB
            self._ox.optimize()

    def _graph_ntriples(self, graph: str) -> bytes:
        return self._ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=_node(graph)) or b""

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    native_lookups = True

    def triples_about(self, nodes: Iterable[str], *,
                      case: str | None = None) -> dict[str, list[tuple[str, str]]]:
        """One index lookup per node (no query to plan), kept to the current graphs.

        >>> store = EmbeddedStore(None)
        >>> store.triples_about(["urn:x:a"])
        {'urn:x:a': []}
        """
        graphs = set(self.current_graphs(case))
        out: dict[str, list[tuple[str, str]]] = {}
        try:
            for n in sorted(set(nodes)):
                term = ox.BlankNode(n[2:]) if n.startswith("_:") else ox.NamedNode(n)
                out[n] = [(q.predicate.value, lexical(q.object) or "")
                          for q in self._ox.quads_for_pattern(term, None, None, None)
                          if isinstance(q.graph_name, ox.NamedNode)
                          and q.graph_name.value in graphs]
        except (OSError, RuntimeError) as exc:
            raise self._read_failed(exc) from None
        return out

    def _read_failed(self, exc: Exception) -> Exception:
        """A lookup that failed: a snapshot whose files a writer took away, or the cause."""
        return self._changed() if self.read_only else _as_store_error(exc, "read failed")

    def subjects_with(self, prop: str, obj: str, *, case: str | None = None) -> list[str]:
        graphs = set(self.current_graphs(case))
        try:
            return sorted({lexical(q.subject) or "" for q in self._ox.quads_for_pattern(
                None, ox.NamedNode(prop), ox.NamedNode(obj), None)
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in graphs})
        except (OSError, RuntimeError) as exc:
            raise self._read_failed(exc) from None

    def graph_quads(self, graph: str) -> list[ox.Quad]:
        """The quads of one graph straight from the index (no serialisation round trip)."""
        return list(self._ox.quads_for_pattern(None, None, None, _node(graph)))

    def dump(self, graphs: Sequence[str] | None = None) -> bytes:
        if graphs is not None:
            return super().dump(graphs)
        data = self._ox.dump(format=ox.RdfFormat.N_QUADS) or b""
        lines = sorted(set(data.splitlines()) - {b""})
        return b"\n".join(lines) + b"\n" if lines else b""

    def dataset(self) -> rdflib.Dataset:
        import rdflib
        from oxrdflib import OxigraphStore

        return rdflib.Dataset(store=OxigraphStore(store=self._ox))

    def _writable(self) -> None:
        self._catalog = None  # every write may change the catalogue
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only",
                             hint="open it without read_only to write")

    @property
    def native(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` (for benchmarks and power users)."""
        return self._ox
