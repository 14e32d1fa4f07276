"""The one store interface, written once over a handful of backend primitives.

:class:`Store` holds everything the two backends share — the catalogue, scoped queries,
the atomic replace of a case's graphs, drop, read-back of a case. A backend
(:mod:`.embedded` for Oxigraph in-process, :mod:`.remote` for a SPARQL 1.1 endpoint) only
implements how to run one query on a given dataset, one update transaction, a bulk load,
dropping graphs and fetching the quads of one graph.

Every read is scoped to the catalogued current graphs: the default graph of a query is the
union of every current case graph, the named graphs are those plus the catalogue graph. A
graph that is being loaded or has been superseded is invisible. (As with any union default
graph in Oxigraph, a triple held by two current graphs matches twice: use ``DISTINCT``.)

Examples
--------
>>> from claimgraph.graph.store import open_store
>>> store = open_store(":memory:")
>>> store.cases()
[]
>>> store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
[{'n': '0'}]
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from claimgraph.errors import (
    BuildError,
    ClaimgraphError,
    NotFoundError,
    QueryError,
    StoreError,
)

from .catalog import CATALOG_GRAPH, EMPTY_GRAPH, CaseInfo, case_of_graph, flip_update, parse_entries
from .patch import DEFAULT_MAX_CHANGES, GraphDiff, diff_graph, has_blank_nodes, patch_update
from .sparqlguard import check_read_query
from .terms import Row, in_graph

if TYPE_CHECKING:
    import rdflib

    from claimgraph.schema.models import Case

__all__ = ["FailPoint", "QueryResult", "Reclaimed", "Replaced", "Store"]

log = logging.getLogger("claimgraph.store")
"""Progress notes (reclaiming leftovers): the CLI prints them; a library user may listen."""

FILE_PIECE = 64 << 20
"""Bytes of an N-Quads file a backend without a file loader is sent at a time."""

FailPoint = Callable[[str], None]
"""Called with the name of each stage of :meth:`Store.replace` (tests inject failures)."""

_FORM = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*|#[^\n]*\n\s*)*(\w+)",
    re.IGNORECASE,
)


def query_form(sparql: str) -> str:
    """``select``, ``ask``, ``construct``, ``describe`` (or the first word, lower-cased).

    >>> query_form("PREFIX ex: <http://e/>\\n# hi\\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'construct'
    """
    m = _FORM.match(sparql)
    return m.group(1).lower() if m else ""


@dataclass
class QueryResult:
    """What a query gave back: rows (SELECT), a boolean (ASK) or N-Triples (CONSTRUCT)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: bytes = b""


@dataclass
class Replaced:
    """What :meth:`Store.replace` did: the graphs it dropped, seconds per phase."""

    superseded: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    changed: int | None = None
    """Quads deleted + inserted by an in-place :meth:`Store.patch` (None: fresh graphs)."""


@dataclass
class Reclaimed:
    """What :meth:`Store.reclaim` removed: graphs no catalogue entry names (left by a
    killed build or import), leftover files of an embedded store, stale build locks."""

    graphs: list[str] = field(default_factory=list)
    bulk_files: int = 0
    snapshots: int = 0
    bytes: int = 0
    locks: int = 0
    seconds: float = 0.0

    def __bool__(self) -> bool:
        return bool(self.graphs or self.bulk_files or self.snapshots or self.locks)


class Store(ABC):
    """A claimgraph RDF store; get one from :func:`claimgraph.graph.store.open_store`."""

    location: str
    """Where the store is: a folder, ``:memory:`` or an endpoint URL."""

    _caches_catalog = False
    """True when no other process can change the store behind our back (an embedded store
    is locked by its opener): the catalogue is then read once and kept until we write."""
    _catalog: list[CaseInfo] | None = None
    _locks_builds = False
    """True for a store others may build into at the same time (an endpoint): a build,
    import or drop then holds its cases' locks (:mod:`.buildlock`)."""
    reclaimed: Reclaimed
    """What this store object has reclaimed so far (see :meth:`reclaim`)."""

    # ------------------------------------------------------------------ backend primitives
    @abstractmethod
    def _run(self, sparql: str, default: list[str], named: list[str]) -> QueryResult:
        """Run one query with the given default graph union and named graphs."""

    @abstractmethod
    def _update(self, sparql: str) -> None:
        """Apply one SPARQL update as one transaction."""

    @abstractmethod
    def _bulk_load(self, nquads: bytes) -> None:
        """Load N-Quads as fast as the backend can; need not be atomic."""

    def _bulk_load_file(self, path: Path) -> None:
        """Load an N-Quads file; by default in pieces of whole lines of about
        :data:`FILE_PIECE` bytes (a backend with a file loader overrides this)."""
        with open(path, "rb") as f:
            rest = b""
            while piece := f.read(FILE_PIECE):
                cut = piece.rfind(b"\n") + 1
                if cut == 0:
                    rest += piece
                    continue
                self._bulk_load(rest + piece[:cut])
                rest = piece[cut:]
            if rest.strip():
                self._bulk_load(rest)

    @abstractmethod
    def _drop_graphs(self, graphs: Sequence[str]) -> None:
        """Remove these named graphs and their quads (missing ones are ignored)."""

    @abstractmethod
    def _graph_ntriples(self, graph: str) -> bytes:
        """The triples of one named graph (``""``: the default graph) as N-Triples."""

    @abstractmethod
    def named_graphs(self) -> list[str]:
        """Every named graph in the store, current or not, sorted (bookkeeping and tests)."""

    @abstractmethod
    def dataset(self) -> rdflib.Dataset:
        """An rdflib :class:`~rdflib.Dataset` over the raw store (every graph, unscoped).

        For notebooks and ad-hoc rdflib code; the hot paths of claimgraph do not use it."""

    def exact_double(self) -> str | None:
        """A SPARQL expression (``{v}``: a variable) that a SELECT must use to read an
        ``xsd:double`` exactly, when a plain variable loses digits (``None``: it does not);
        see :func:`claimgraph.graph.mapping.sparql.read_rows`."""
        return None

    def cache_folder(self) -> Path | None:
        """Where answers computed from this store may be kept (``None``: nowhere); see
        :mod:`claimgraph.graph.analytics.cache`."""
        return None

    def close(self) -> None:  # noqa: B027 - nothing to release unless a backend says so
        """Release the store (the embedded store's lock); the object is unusable after."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ catalogue
    def cases(self) -> list[CaseInfo]:
        """Every catalogue entry (built cases and imported files), sorted by id."""
        if self._catalog is not None:
            return list(self._catalog)
        result = self._run(f"SELECT ?e ?p ?o WHERE {{ GRAPH <{CATALOG_GRAPH}> {{ ?e ?p ?o }} }}",
                           [EMPTY_GRAPH], [CATALOG_GRAPH])
        entries = parse_entries(result.rows)
        if self._caches_catalog:
            self._catalog = entries
        return list(entries)

    def case_info(self, case_id: str) -> CaseInfo:
        """The catalogue entry of one case; :class:`NotFoundError` if there is none."""
        entries = self.cases()
        for entry in entries:
            if entry.id == case_id:
                return entry
        known = ", ".join(e.id for e in entries) or "none yet"
        raise NotFoundError(f"no case '{case_id}' in the store {self.location}",
                            hint=f"cases in this store: {known}; build one with "
                                 "`claimgraph build CASE_DIR`")

    def current_graphs(self, case: str | None = None) -> list[str]:
        """The graphs readers see: of one case, or of every entry."""
        entries = [self.case_info(case)] if case else self.cases()
        return sorted({g for e in entries for g in e.graphs.all()})

    # ------------------------------------------------------------------ reading
    def run(self, sparql: str, *, case: str | None = None,
            allow_service: bool = False) -> QueryResult:
        """Run any query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the current dataset.

        ``case`` scopes it to that case's graphs. An update is refused, and so is
        ``SERVICE`` (an outbound request) unless ``allow_service``
        (:mod:`.sparqlguard`)."""
        check_read_query(sparql, allow_service=allow_service)
        graphs = self.current_graphs(case)
        return self._run(sparql, graphs or [EMPTY_GRAPH], [*graphs, CATALOG_GRAPH])

    def query(self, sparql: str, *, case: str | None = None) -> list[Row]:
        """Rows of lexical strings for a SELECT (an ASK gives ``[{"ask": "true"}]``)."""
        result = self.run(sparql, case=case)
        if result.kind == "ask":
            return [{"ask": "true" if result.boolean else "false"}]
        if result.kind != "select":
            raise QueryError("query() answers SELECT and ASK queries",
                             hint="use construct() (CLI: the same command) for CONSTRUCT/DESCRIBE")
        return result.rows

    def construct(self, sparql: str, *, case: str | None = None) -> str:
        """The triples of a CONSTRUCT/DESCRIBE as sorted N-Triples text."""
        result = self.run(sparql, case=case)
        if result.kind != "graph":
            raise QueryError("construct() answers CONSTRUCT and DESCRIBE queries",
                             hint="use query() for SELECT and ASK")
        return _sorted_lines(result.triples).decode()

    def property_values(self, prop: str, *, case: str | None = None) -> dict[str, str]:
        """Subject -> lexical value of one property (an IRI) over the current graphs (of
        ``case``, or of every case); when a subject has several values, one of them. One
        single-pattern query: joining properties held in different graphs costs the engine
        a lookup in every graph per row, a join in Python does not.

        >>> from claimgraph.graph.store import open_store
        >>> s = open_store(":memory:")
        >>> s.property_values("https://w3id.org/claimgraph/ns#evidenceStatus")
        {}
        """
        rows = self.query(f"SELECT ?s ?v WHERE {{ ?s <{prop}> ?v }}", case=case)
        return {r["s"] or "": r["v"] or "" for r in rows}

    native_lookups = False
    """True when :meth:`triples_about` and :meth:`subjects_with` read the store's indexes
    directly (the embedded store): then many small lookups beat one planned query."""

    @property
    def reads_by_lookups(self) -> bool:
        """True when a reader that can ask its question as a few lookups
        (:meth:`triples_about`, :meth:`subjects_with`) should, rather than as one planned
        query: where lookups are native (:attr:`native_lookups`), and on an engine that
        plans such a query badly (Virtuoso:
        :attr:`~claimgraph.graph.store.engines.Engine.lookups_over_unions`)."""
        return self.native_lookups

    @contextlib.contextmanager
    def one_catalogue(self) -> Iterator[None]:
        """Read the catalogue once for the reads inside: the lookups that make one answer
        see one build, and an endpoint is not asked for its catalogue before each of them.

        >>> from claimgraph.graph.store import open_store
        >>> s = open_store(":memory:")
        >>> with s.one_catalogue():
        ...     s.cases()
        []
        """
        if self._catalog is not None:
            yield
            return
        self._catalog = self.cases()
        try:
            yield
        finally:
            if not self._caches_catalog:  # (a store that caches it keeps it)
                self._catalog = None

    def triples_about(self, nodes: Iterable[str], *,
                      case: str | None = None) -> dict[str, list[tuple[str, str]]]:
        """Node -> its (predicate, lexical object) pairs over the current graphs (of
        ``case``, or of every case); a node is an IRI or a blank node's ``_:label``. Here
        one query, and a blank node reads as no triples (its label names nothing across
        requests; builds write none); the embedded store reads its index, one lookup per
        node, blank nodes included.

        >>> from claimgraph.graph.store import open_store
        >>> s = open_store(":memory:")
        >>> s.triples_about(["urn:x:a"])
        {'urn:x:a': []}
        """
        wanted = sorted(set(nodes))
        out: dict[str, list[tuple[str, str]]] = {n: [] for n in wanted}
        iris = [n for n in wanted if not n.startswith("_:")]
        if iris:
            values = " ".join(f"<{n}>" for n in iris)
            for r in self.query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}",
                                case=case):
                out[r["s"] or ""].append((r["p"] or "", r["o"] or ""))
        return out

    def subjects_with(self, prop: str, obj: str, *, case: str | None = None) -> list[str]:
        """The subjects ``s`` of ``s prop obj`` (``obj`` an IRI) over the current graphs.

        >>> from claimgraph.graph.store import open_store
        >>> open_store(":memory:").subjects_with("urn:x:p", "urn:x:o")
        []
        """
        rows = self.query(f"SELECT DISTINCT ?s WHERE {{ ?s <{prop}> <{obj}> }}", case=case)
        return sorted(r["s"] or "" for r in rows)

    def graph_quads(self, graph: str) -> list[ox.Quad]:
        """The quads of one named graph, parsed natively (no rdflib on the way)."""
        node = ox.NamedNode(graph)
        return [ox.Quad(q.subject, q.predicate, q.object, node)
                for q in ox.parse(self._graph_ntriples(graph), ox.RdfFormat.N_TRIPLES)]

    def read_case(self, case_id: str) -> Case:
        """The full :class:`~claimgraph.schema.models.Case` of a built case, from the store."""
        from claimgraph.graph.mapping import quads_to_case

        info = self.case_info(case_id)
        if info.kind != "case" or not info.graphs.data:
            raise NotFoundError(f"'{case_id}' was imported from RDF, not built from a case",
                                hint="read it with query(); read_case() needs a built case")
        return quads_to_case(self.graph_quads(info.graphs.data))

    def dump(self, graphs: Sequence[str] | None = None) -> bytes:
        """Sorted N-Quads of these graphs, or of the whole raw store (every named graph,
        current or not, plus the default graph) — what tests compare before and after."""
        names = list(graphs) if graphs is not None else self.named_graphs()
        out = [self._graph_nquads(g) for g in names]
        if graphs is None:
            out.append(self._graph_ntriples(""))
        return _sorted_lines(b"".join(out))

    def _graph_nquads(self, graph: str) -> bytes:
        return in_graph(self._graph_ntriples(graph), graph)

    # ------------------------------------------------------------------ writing
    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the raw store (one transaction).

        It is not scoped: graphs it creates are invisible to reads until catalogued."""
        self._update(sparql)

    def load_nquads(self, data: bytes | str) -> None:
        """Bulk-load raw N-Quads (not catalogued, not atomic: prefer build/import)."""
        self._bulk_load(data.encode() if isinstance(data, str) else data)

    def replace(self, entries: Sequence[CaseInfo], loads: Sequence[tuple[str, bytes | Path]],
                *, fail_point: FailPoint | None = None) -> Replaced:
        """Atomically make ``entries`` current, loading their graphs from ``loads``.

        ``loads`` are ``(stage name, N-Quads)`` pairs, each loaded into the entries' fresh
        graphs; the N-Quads are bytes or the path of a file (streamed, never read whole). Until the catalogue flip nothing is visible; if anything fails before it,
        the fresh graphs are removed and the store is exactly as it was. After the flip the
        superseded graphs are dropped."""
        with self._building([e.id for e in entries]):
            return self._replace(entries, loads, fail_point)

    def _replace(self, entries: Sequence[CaseInfo], loads: Sequence[tuple[str, bytes | Path]],
                 fail_point: FailPoint | None) -> Replaced:
        point = fail_point or (lambda stage: None)
        clock = time.perf_counter()
        timings: dict[str, float] = {}
        self._catalog = None  # read it fresh: another build may have flipped meanwhile
        before = {e.id: e for e in self.cases()}
        referenced = {g for e in before.values() for g in e.graphs.all()}
        fresh = sorted({g for e in entries for g in e.graphs.all()})
        clash = sorted(set(fresh) & referenced)
        if clash:
            raise BuildError(f"graph {clash[0]} is already current",
                             hint="give the build a new build id")
        self.collect_garbage({e.id for e in entries}, referenced)
        timings["gc"] = time.perf_counter() - clock
        try:
            point("before-load")
            for stage, data in loads:
                if isinstance(data, Path):
                    self._bulk_load_file(data)
                else:
                    self._bulk_load(data)
                point(f"loaded:{stage}")
            timings["bulk_load"] = time.perf_counter() - clock - timings["gc"]
            point("before-flip")
            clock = time.perf_counter()
            self._update(flip_update(entries))
            timings["flip"] = time.perf_counter() - clock
        except BaseException as exc:
            # if the store cannot be reached now, the next build of the case collects them
            with contextlib.suppress(Exception):
                self._drop_graphs(fresh)
            if isinstance(exc, ClaimgraphError | KeyboardInterrupt):
                raise
            raise BuildError(f"loading into {self.location} failed: {exc}",
                             hint="the store was left as it was; fix the cause and rebuild") \
                from exc
        point("after-flip")
        now = {g for e in self.cases() for g in e.graphs.all()}
        superseded = sorted({g for e in entries if e.id in before
                             for g in before[e.id].graphs.all()} - now)
        clock = time.perf_counter()
        self._drop_graphs(superseded)
        timings["drop_superseded"] = time.perf_counter() - clock
        return Replaced(superseded, timings)

    def patch(self, entry: CaseInfo, new: Mapping[str, bytes], *,
              max_changes: int = DEFAULT_MAX_CHANGES,
              fail_point: FailPoint | None = None) -> Replaced | None:
        """Make ``entry`` current by patching its current graphs in one update transaction.

        ``new`` maps each current graph of the entry to its new N-Quads. Returns ``None``,
        having changed nothing, when the change is too big (more than ``max_changes``
        quads), holds blank nodes or names other graphs: then use :meth:`replace`."""
        with self._building([entry.id]):
            return self._patch(entry, new, max_changes, fail_point)

    def _patch(self, entry: CaseInfo, new: Mapping[str, bytes], max_changes: int,
               fail_point: FailPoint | None) -> Replaced | None:
        clock = time.perf_counter()
        self._catalog = None
        current = {e.id: e for e in self.cases()}.get(entry.id)
        if current is None or current.graphs != entry.graphs \
                or sorted(new) != current.graphs.all():
            return None
        diffs: list[GraphDiff] = []
        for graph, data in sorted(new.items()):
            old = self._graph_nquads(graph)
            if has_blank_nodes(data) or has_blank_nodes(old):
                return None
            diffs.append(diff_graph(graph, old, data))
            if sum(d.size for d in diffs) > max_changes:
                return None
        timings = {"diff": time.perf_counter() - clock}
        clock = time.perf_counter()
        try:
            (fail_point or (lambda stage: None))("before-flip")
            self._update(patch_update(diffs, flip_update([entry])))
        except Exception as exc:
            if isinstance(exc, ClaimgraphError):
                raise
            raise BuildError(f"updating {self.location} failed: {exc}",
                             hint="the store was left as it was; fix the cause and rebuild") \
                from exc
        timings["patch"] = time.perf_counter() - clock
        return Replaced([], timings, changed=sum(d.size for d in diffs))

    def drop_case(self, case_id: str, *, fail_point: FailPoint | None = None) -> CaseInfo:
        """Remove a case (its catalogue entry first, then its graphs); returns what it was.

        ``fail_point`` is called with ``after-flip`` between the two (for tests)."""
        info = self.case_info(case_id)
        with self._building([case_id]):
            self._update(flip_update([], remove=[case_id]))
            (fail_point or (lambda stage: None))("after-flip")
            self._drop_graphs(info.graphs.all())
        return info

    @contextlib.contextmanager
    def _building(self, case_ids: Sequence[str]) -> Iterator[None]:
        """Hold the build locks of these cases while writing them (endpoints only)."""
        if not self._locks_builds:
            yield
            return
        from . import buildlock

        me = buildlock.acquire(self, case_ids)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):  # endpoint gone: the lock will go stale
                buildlock.release(self, me, case_ids)

    def collect_garbage(self, case_ids: set[str] | None = None,
                        referenced: set[str] | None = None) -> list[str]:
        """Drop build graphs no catalogue entry names (left by a build or import that was
        killed before its flip), of these cases or of all; returns their names.

        Safe whenever no other build of those cases is loading: the embedded store runs it
        when opened for writing (its folder lock rules out another writer); a build runs it
        for its own case (on an endpoint, holding that case's lock); on an endpoint, the
        graphs of a case whose lock is held are left alone."""
        if referenced is None:
            self._catalog = None
            referenced = {g for e in self.cases() for g in e.graphs.all()}
        busy: set[str] = set()
        if self._locks_builds and case_ids is None:
            from .buildlock import holders

            busy = set(holders(self))
        orphans = [g for g in self.named_graphs()
                   if (case := case_of_graph(g)) is not None and g not in referenced
                   and (case_ids is None or case in case_ids) and case not in busy]
        if orphans:
            clock = time.perf_counter()
            log.info("reclaiming %d graph(s) left by an interrupted build or import in %s "
                     "(big ones take a while)", len(orphans), self.location)
            self._drop_graphs(orphans)
            log.info("reclaimed them in %.1f s", time.perf_counter() - clock)
        return orphans

    def reclaim(self) -> Reclaimed:
        """Remove what killed builds, imports or readers left behind: graphs no catalogue
        entry names, stale build locks (endpoints), leftover files (embedded; those are
        also removed whenever the store is opened for writing). Returns everything this
        store object has reclaimed, that included."""
        clock = time.perf_counter()
        done = self.reclaimed
        if self._locks_builds:
            from .buildlock import clear_stale

            done.locks += len(clear_stale(self))
        done.graphs += self.collect_garbage()
        done.seconds += time.perf_counter() - clock
        return done

    # ------------------------------------------------------------------ export / import
    def export(self, fmt: str, *, case: str | None = None) -> bytes:
        """The current dataset (or one case with its catalogue entry) serialised,
        deterministically; see :mod:`.transfer` for the formats."""
        from .transfer import export_store

        return export_store(self, fmt, case=case)

    def import_rdf(self, data: bytes, fmt: str, *, name: str,
                   fail_point: FailPoint | None = None) -> list[CaseInfo]:
        """Load RDF into the store atomically; see :func:`.transfer.import_rdf`."""
        from .transfer import import_rdf

        return import_rdf(self, data, fmt, name=name, fail_point=fail_point)


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(set(data.splitlines()) - {b""})
    return b"\n".join(lines) + b"\n" if lines else b""


def _as_store_error(exc: Exception, where: str) -> ClaimgraphError:
    """Turn a backend exception into a claimgraph error with a hint."""
    if isinstance(exc, ClaimgraphError):
        return exc
    if isinstance(exc, SyntaxError):
        return QueryError(f"SPARQL rejected: {exc}", hint="check the query syntax")
    return StoreError(f"{where}: {exc}", hint="see the message above")
