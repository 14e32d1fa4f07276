"""Build a case into the store: validate, map, assess, then load atomically.

1. :func:`~claimgraph.sources.validation.validate_case` — a case with errors is refused
   with :class:`~claimgraph.errors.CaseError` before anything is written;
2. :func:`~claimgraph.graph.mapping.case_to_nquads` — the records, as N-Quads text, into the
   case's fresh data graph;
3. :mod:`claimgraph.graph.buildinfo` — when, from which files (hashes), by whom, and the
   ``file:line`` of every record, into the provenance graph;
4. :func:`claimgraph.graph.provenance.assess_case` — evidence status, independence, language
   findings, contradictions, into the derived graph;
5. :meth:`Store.replace <claimgraph.graph.store.base.Store.replace>` — bulk load into the
   fresh graphs, flip the catalogue in one transaction, drop the superseded graphs; or, for
   a rebuild that changes few quads, :meth:`Store.patch
   <claimgraph.graph.store.base.Store.patch>` — the difference and the catalogue flip in one
   update transaction (deleting a whole superseded case costs 2-3x loading it).

Nothing goes triple by triple through Python objects: the mapping writes N-Quads text and
the engine's bulk loader parses it.

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
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from claimgraph.errors import CaseError, Report
from claimgraph.sources.validation import ValidationResult, validate_case

from .store.base import FailPoint, Store
from .store.catalog import ROLES, CaseGraphs, CaseInfo, build_graph
from .store.patch import DEFAULT_MAX_CHANGES

__all__ = ["BuildResult", "build_case", "build_nquads", "build_roles"]


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

    @property
    def total_quads(self) -> int:
        return sum(self.quads.values())


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


def build_case(case_dir: Path | str, store: Store, *, now: datetime | None = None,
               fail_point: FailPoint | None = None,
               max_patch: int = DEFAULT_MAX_CHANGES) -> BuildResult:
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

    Raises
    ------
    CaseError
        The case has validation errors; the store was not touched.
    BuildError
        Loading failed; the store is exactly as it was.
    """
    timings: dict[str, float] = {}
    start = t = time.perf_counter()
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

    graphs, texts = build_nquads(result, build_id, now, in_place or fresh, timings)
    quads = {role: text.count("\n") for role, text in texts.items()}
    counts = {"entities": len(case.entities), "sources": len(case.sources),
              "claims": len(case.claims), "quads": sum(quads.values())}
    t = time.perf_counter()
    data = {role: text.encode() for role, text in texts.items()}
    del texts
    timings["encode"] = time.perf_counter() - t
    warnings = Report([p for p in result.report.problems if p.severity != "error"])

    if in_place is not None:
        entry = CaseInfo(cid, "case", case.meta.title, build_id, built_at, graphs, counts)
        patched = store.patch(entry, {in_place[r]: data[r] for r in roles},
                              max_changes=max_patch, fail_point=fail_point)
        if patched is not None:
            timings.update(patched.timings)
            timings["total"] = time.perf_counter() - start
            return BuildResult(cid, build_id, graphs, quads, counts, [], timings, warnings,
                               changed=patched.changed)
        t = time.perf_counter()
        for role in roles:  # too big a change: the same text under fresh graph names
            for r in roles:
                data[role] = data[role].replace(f"<{in_place[r]}>".encode(),
                                                f"<{fresh[r]}>".encode())
        timings["rename"] = time.perf_counter() - t
        graphs = CaseGraphs(data=fresh["data"], provenance=fresh["provenance"],
                            derived=fresh.get("derived"))

    entry = CaseInfo(cid, "case", case.meta.title, build_id, built_at, graphs, counts)
    replaced = store.replace([entry], [(role, data[role]) for role in roles],
                             fail_point=fail_point)
    timings.update(replaced.timings)
    timings["total"] = time.perf_counter() - start
    return BuildResult(cid, build_id, graphs, quads, counts, replaced.superseded, timings,
                       warnings)
