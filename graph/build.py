"""Build a case into the store: validate, map, assess, then load atomically.

1. :func:`~claimgraph.sources.validation.validate_case` — a case with errors is refused
   with :class:`~claimgraph.errors.CaseError` before anything is written;
2. :func:`~claimgraph.graph.mapping.case_to_nquads` — the records, as N-Quads text, into the
   case's fresh data graph;
3. :mod:`claimgraph.graph.buildinfo` — when, from which files (hashes), by whom, and the
   ``file:line`` of every record, into the provenance graph;
4. :func:`claimgraph.graph.provenance.assess_case` — evidence status, independence, language
   findings, contradictions, into the derived graph;
5. :meth:`Store.replace <claimgraph.graph.store.base.Store.replace>` — bulk load (from
   temporary N-Quads files, one per graph, written a batch of records at a time) into the
   fresh graphs, flip the catalogue in one transaction, drop the superseded graphs; or, for
   a rebuild that changes few quads, :meth:`Store.patch
   <claimgraph.graph.store.base.Store.patch>` — the difference and the catalogue flip in one
   update transaction (deleting a whole superseded case costs 2-3x loading it).

Nothing goes triple by triple through Python objects: the mapping writes N-Quads text and
the engine's bulk loader parses it. The text never sits in memory whole: records are mapped
:data:`BATCH` at a time and appended to a temporary file, which the engine bulk-loads from
disk (at a million claims the text is ~7 GB; held as ``str`` and ``bytes`` it would not fit).

A rebuild whose inputs are unchanged does nothing: the catalogue entry keeps the digest of
every file of the case folder and of the code (:func:`input_digest`); equal digests, and the
build returns the current one with ``unchanged=True`` in the time it takes to hash the files.

Examples
--------
>>> import shutil, tempfile, pathlib
>>> from claimgraph.graph.store import open_store
>>> d = pathlib.Path(tempfile.mkdtemp()) / "demo"
>>> d.mkdir()
>>> _ = (d / "case.yaml").write_text("id: demo\\ntitle: Demo\\n")
>>> _ = (d / "data.yaml").write_text('''entities:
...   - {id: cn, name: China, kind: state}
...   - {id: ru, name: Russia, kind: state}
... claims:
...   - {id: c1, text: China supplies Russia., subject: cn, predicate: supplies, object: ru}
... ''')
>>> store = open_store(":memory:")
>>> result = build_case(d, store)
>>> result.case_id, result.counts["claims"]
('demo', 1)
>>> [c.id for c in store.read_case("demo").claims]
['c1']
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from claimgraph.errors import CaseError, Report
from claimgraph.sources.validation import ValidationResult, validate_case

from .rdfterms import paused_gc
from .store.base import FailPoint, Store
from .store.catalog import ROLES, CaseGraphs, CaseInfo, build_graph
from .store.patch import DEFAULT_MAX_CHANGES

__all__ = ["BATCH", "PATCH_MAX_BYTES", "BuildResult", "ProgressFn", "build_case", "build_nquads",
           "build_roles", "code_digest", "input_digest"]

ProgressFn = Callable[[str, int, int], None]
"""Told ``(stage, done, total)`` as a build goes on (``total`` 0: no measure of the stage);
the CLI draws it as a progress bar (:mod:`claimgraph.graph.cli.progress`)."""

BATCH = 5_000
"""Records mapped to N-Quads text at a time before the text goes to the temporary file."""

LINES = 50_000
"""Lines of the provenance and derived graphs joined and encoded at a time on their way to
the temporary file (never the whole graph as one string: ~1 GB each at a million claims)."""

PATCH_MAX_BYTES = 1 << 30
"""A rebuild writing more N-Quads than this loads fresh graphs without trying an in-place
patch (the diff holds the old and the new text, as sets of lines, in memory)."""


@dataclass
class BuildResult:
    """What a build did: the case, its build id and graphs, sizes, timings, warnings."""

    case_id: str
    build_id: str
    graphs: CaseGraphs
    quads: dict[str, int]
    counts: dict[str, int]
    superseded: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    changed: int | None = None
    """Quads changed by an in-place rebuild; ``None`` when fresh graphs were loaded."""
    unchanged: bool = False
    """True when the inputs were those of the current build: nothing was done."""

    @property
    def total_quads(self) -> int:
        return sum(self.quads.values()) if self.quads else self.counts.get("quads", 0)


def _build_id(result: ValidationResult, built_at: str, taken: set[str]) -> str:
    h = hashlib.sha256(built_at.encode())
    for name, digest in sorted(result.loaded.files.items()):
        h.update(f"\0{name}\0{digest}".encode())
    for sid, text in sorted(result.texts.items()):
        h.update(f"\0{sid}\0{getattr(text, 'sha256', '')}".encode())
    salt = 0
    while True:
        build_id = hashlib.sha256(h.digest() + str(salt).encode()).hexdigest()[:16]
        if build_id not in taken:
            return build_id
        salt += 1


def _timestamp(now: datetime) -> str:
    """Canonical xsd:dateTime in UTC (no trailing zeros), as stores give it back."""
    text = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f").rstrip("0").rstrip(".")
    return text + "Z"


def _derived_nquads(result: ValidationResult, case_id: str, graph: str) -> str:
    """The provenance assessment of a validated case, as N-Quads of its derived graph."""
    from claimgraph.graph.provenance import assess_case
    from claimgraph.graph.provenance.rdf import assessment_to_nquads

    return assessment_to_nquads(assess_case(result), case_id, graph)


def _write_derived(path: Path, result: ValidationResult, case_id: str, graph: str) -> int:
    """The derived graph's N-Quads into ``path`` as the assessment's lines come (never
    all of them at once); how many lines."""
    from claimgraph.graph.provenance import assess_case
    from claimgraph.graph.provenance.rdf import assessment_chunks

    n = 0
    with open(path, "wb") as out:
        for chunk in assessment_chunks(assess_case(result), case_id, graph, LINES):
            n += len(chunk)
            out.write("".join(chunk).encode())
    return n


def _write_lines(path: Path, lines: list[str]) -> int:
    """``lines`` into ``path``, :data:`LINES` at a time; how many."""
    with open(path, "wb") as out:
        for start in range(0, len(lines), LINES):
            out.write("".join(lines[start:start + LINES]).encode())
    return len(lines)


def build_roles() -> tuple[str, ...]:
    """The graphs a build writes: data, provenance and derived."""
    return ("data", "provenance", "derived")


def build_nquads(result: ValidationResult, build_id: str, now: datetime,
                 names: Mapping[str, str] | None = None,
                 timings: dict[str, float] | None = None) -> tuple[CaseGraphs, dict[str, str]]:
    """The graphs of one build and their N-Quads text, by role (no store involved).

    ``names`` gives the graph of each role (default: fresh graphs named by ``build_id``);
    ``timings`` receives the seconds spent on each role."""
    from claimgraph.graph.buildinfo import buildinfo_nquads
    from claimgraph.graph.mapping import case_to_nquads

    case = result.case
    assert case is not None  # validated
    cid = case.meta.id
    names = dict(names or {role: build_graph(cid, role, build_id) for role in build_roles()})
    spent = timings if timings is not None else {}
    t = time.perf_counter()
    # a quote-only source's text is read to check its quotes, never copied into the store
    shareable = {sid: doc for sid, doc in result.texts.items() if sid not in result.quote_only}
    texts: dict[str, str] = {"data": case_to_nquads(case, texts=shareable,
                                                    anchors=result.anchors, graph=names["data"])}
    spent["map:data"] = time.perf_counter() - t
    t = time.perf_counter()
    texts["provenance"] = buildinfo_nquads(result, graph=names["provenance"], built_at=now,
                                           build_id=build_id, data_graph=names["data"])
    spent["map:provenance"] = time.perf_counter() - t
    if "derived" in names:
        t = time.perf_counter()
        texts["derived"] = _derived_nquads(result, cid, names["derived"])
        spent["map:derived"] = time.perf_counter() - t
    graphs = CaseGraphs(data=names["data"], provenance=names["provenance"],
                        derived=names.get("derived"))
    return graphs, texts


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


@cache
def code_digest() -> str:
    """Digest of the installed claimgraph: its version and every file of the package (code,
    vocabularies, templates), so that a changed program rebuilds an unchanged case."""
    import claimgraph

    from .buildinfo import tool_version

    h = hashlib.sha256(tool_version().encode())
    seen: set[Path] = set()
    for top in claimgraph.__path__:
        for root, dirs, files in os.walk(top, followlinks=True):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                path = Path(root, name)
                real = path.resolve()
                if real in seen or name.endswith((".pyc", ".pyo")):
                    continue
                seen.add(real)
                h.update(f"\0{path.relative_to(top).as_posix()}\0".encode())
                with open(real, "rb") as f:
                    h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


def input_digest(case_dir: Path | str) -> str:
    """Digest of what a build of ``case_dir`` reads: every file in the folder and its
    sub-folders (names and bytes; hidden ones left out) and :func:`code_digest`.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "case.yaml").write_text("id: x\\n")
    >>> a = input_digest(d)
    >>> a == input_digest(d), len(a)
    (True, 64)
    >>> _ = (d / "case.yaml").write_text("id: y\\n")
    >>> a == input_digest(d)
    False
    """
    root = Path(case_dir)
    h = hashlib.sha256(code_digest().encode())
    files = sorted(p for p in root.rglob("*") if p.is_file()
                   and not _hidden(p.relative_to(root)))
    for path in files:
        h.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
        with open(path, "rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


def _unchanged(store: Store, digest: str) -> BuildResult | None:
    """The current build whose inputs had this digest, if any."""
    for entry in store.cases():
        if entry.kind == "case" and entry.inputs == digest:
            return BuildResult(entry.id, entry.build, entry.graphs, {}, dict(entry.counts),
                               [], unchanged=True)
    return None


def _write_graphs(result: ValidationResult, build_id: str, now: datetime,
                  names: Mapping[str, str], folder: Path, step: ProgressFn,
                  timings: dict[str, float]) -> tuple[dict[str, Path], dict[str, int]]:
    """Each role's N-Quads into ``folder/<role>.nq``, the records :data:`BATCH` at a time;
    the files and their quad counts."""
    from claimgraph.graph.buildinfo import buildinfo_lines
    from claimgraph.graph.mapping import NQuadsWriter

    case = result.case
    assert case is not None  # validated
    files = {role: folder / f"{role}.nq" for role in names}
    quads: dict[str, int] = {}
    t = time.perf_counter()
    canon = case.canonical()
    writer = NQuadsWriter(canon.meta, names["data"], source_ids={s.id for s in canon.sources},
                          attachments={"texts": result.texts, "anchors": result.anchors})
    records = [canon.meta, *canon.entities, *canon.sources, *canon.claims]
    del canon
    n = 0
    with open(files["data"], "wb") as out, paused_gc():
        for start in range(0, len(records), BATCH):
            step("mapping records", start, len(records))
            text = writer.write(records[start:start + BATCH])
            n += text.count("\n")
            out.write(text.encode())
            del text
    step("mapping records", len(records), len(records))
    del records, writer
    quads["data"] = n
    timings["map:data"] = time.perf_counter() - t

    t = time.perf_counter()
    step("recording provenance", 0, 0)
    quads["provenance"] = _write_lines(files["provenance"], buildinfo_lines(
        result, graph=names["provenance"], built_at=now, build_id=build_id,
        data_graph=names["data"]))
    timings["map:provenance"] = time.perf_counter() - t
    if "derived" in names:
        t = time.perf_counter()
        step("assessing claims", 0, 0)
        quads["derived"] = _write_derived(files["derived"], result, case.meta.id,
                                          names["derived"])
        timings["map:derived"] = time.perf_counter() - t
    return files, quads


def build_case(case_dir: Path | str, store: Store, *, now: datetime | None = None,
               fail_point: FailPoint | None = None,
               max_patch: int = DEFAULT_MAX_CHANGES, force: bool = False,
               progress: ProgressFn | None = None) -> BuildResult:
    """Validate a case folder and load it into ``store`` atomically.

    Parameters
    ----------
    case_dir
        The case folder (the one holding ``case.yaml``).
    store
        Where to load it (:func:`claimgraph.graph.store.open_store`).
    now
        The build time to record (default: now); fixed in tests for identical output.
    fail_point
        Called with the name of each loading stage (``loaded:data``, ...,
        ``before-flip``); raising from it simulates a failure half-way. For tests.
    max_patch
        A rebuild changing at most this many quads is applied in place
        (:meth:`Store.patch <claimgraph.graph.store.base.Store.patch>`); 0 always loads
        fresh graphs.
    force
        Build even when the inputs are those of the current build (by default such a
        rebuild does nothing and returns the current build with ``unchanged=True``).
    progress
        Told each stage as the build goes on (:data:`ProgressFn`).

    Raises
    ------
    CaseError
        The case has validation errors; the store was not touched.
    BuildError
        Loading failed; the store is exactly as it was.
    """
    step: ProgressFn = progress or (lambda stage, done, total: None)
    timings: dict[str, float] = {}
    start = t = time.perf_counter()
    step("hashing inputs", 0, 0)
    digest = input_digest(case_dir)
    timings["hash"] = time.perf_counter() - t
    if not force and (same := _unchanged(store, digest)) is not None:
        same.timings = {**timings, "total": time.perf_counter() - start}
        return same
    t = time.perf_counter()
    step("validating", 0, 0)
    result = validate_case(case_dir)
    timings["validate"] = time.perf_counter() - t
    if not result.ok or result.case is None:
        raise CaseError(result.report, f"{case_dir}: {result.report.summary()} — not built")
    case = result.case
    cid = case.meta.id
    now = now or datetime.now(UTC)
    built_at = _timestamp(now)
    entries = {e.id: e for e in store.cases()}
    build_id = _build_id(result, built_at, {e.build for e in entries.values()})
    roles = build_roles()
    fresh = {role: build_graph(cid, role, build_id) for role in roles}
    prev = entries.get(cid)
    in_place: dict[str, str] | None = None
    if max_patch > 0 and prev is not None and prev.kind == "case" \
            and {r for r in ROLES if getattr(prev.graphs, r)} == set(roles):
        in_place = {role: str(getattr(prev.graphs, role)) for role in roles}
    counts = {"entities": len(case.entities), "sources": len(case.sources),
              "claims": len(case.claims)}
    title = case.meta.title
    warnings = Report([p for p in result.report.problems if p.severity != "error"])

    with tempfile.TemporaryDirectory(prefix="claimgraph-build-") as tmp:
        files, quads = _write_graphs(result, build_id, now, fresh, Path(tmp), step, timings)
        del result, case
        counts["quads"] = sum(quads.values())
        graphs = CaseGraphs(data=fresh["data"], provenance=fresh["provenance"],
                            derived=fresh.get("derived"))
        size = sum(f.stat().st_size for f in files.values())
        if in_place is not None and size <= PATCH_MAX_BYTES:
            t = time.perf_counter()
            step("comparing with the current build", 0, 0)
            data = {}
            for role in roles:  # the same text under the current graph names
                text = files[role].read_bytes()
                for r in roles:
                    text = text.replace(f"<{fresh[r]}>".encode(), f"<{in_place[r]}>".encode())
                data[in_place[role]] = text
            timings["rename"] = time.perf_counter() - t
            entry = CaseInfo(cid, "case", title,
                             build_id, built_at,
                             CaseGraphs(data=in_place["data"],
                                        provenance=in_place["provenance"],
                                        derived=in_place.get("derived")), counts, digest)
            patched = store.patch(entry, data, max_changes=max_patch, fail_point=fail_point)
            del data
            if patched is not None:
                timings.update(patched.timings)
                timings["total"] = time.perf_counter() - start
                return BuildResult(cid, build_id, entry.graphs, quads, counts, [], timings,
                                   warnings, changed=patched.changed)
        step("loading into the store", 0, 0)
        entry = CaseInfo(cid, "case", title, build_id, built_at, graphs,
                         counts, digest)
        replaced = store.replace([entry], [(role, files[role]) for role in roles],
                                 fail_point=fail_point)
    timings.update(replaced.timings)
    timings["total"] = time.perf_counter() - start
    return BuildResult(cid, build_id, graphs, quads, counts, replaced.superseded, timings,
                       warnings)
