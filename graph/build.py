"""Build a case into the store: validate, map, assess, then load atomically.

1. :func:`~claimgraph.sources.validation.validate_case` — a case with errors is refused
   with :class:`~claimgraph.schema.errors.CaseError` before anything is written;
2. :func:`~claimgraph.graph.mapping.case_to_nquads` — the records, as N-Quads text, into the
   case's fresh data graph;
3. :mod:`claimgraph.graph.buildinfo` — when, from which files (hashes), by whom, and the
   ``file:line`` of every record, into the provenance graph;
4. :func:`claimgraph.graph.provenance.assess_case` — evidence status, independence, language
   findings, contradictions, into the derived graph (skipped if that package is absent);
5. :meth:`Store.replace <claimgraph.graph.store.base.Store.replace>` — bulk load into the
   fresh graphs, flip the catalogue in one transaction, drop the superseded graphs.

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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from claimgraph.schema.errors import CaseError, Report
from claimgraph.sources.validation import ValidationResult, validate_case

from .store.base import FailPoint, Store
from .store.catalog import CaseGraphs, CaseInfo, build_graph

__all__ = ["BuildResult", "build_case", "build_nquads"]


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


def _derived(result: ValidationResult, case_id: str, graph: str) -> str | None:
    try:
        from claimgraph.graph.provenance import assess_case
        from claimgraph.graph.provenance.rdf import assessment_to_nquads
    except ImportError:  # pragma: no cover - the provenance package is optional here
        return None
    return assessment_to_nquads(assess_case(result), case_id, graph)


def build_nquads(result: ValidationResult, build_id: str, now: datetime
                 ) -> tuple[CaseGraphs, dict[str, str]]:
    """The graphs of one build and their N-Quads text, by role (no store involved)."""
    from claimgraph.graph.buildinfo import buildinfo_nquads
    from claimgraph.graph.mapping import case_to_nquads

    case = result.case
    assert case is not None  # validated
    cid = case.meta.id
    data_graph = build_graph(cid, "data", build_id)
    texts: dict[str, str] = {
        "data": case_to_nquads(case, texts=result.texts, anchors=result.anchors,
                               graph=data_graph),
        "provenance": buildinfo_nquads(result, graph=build_graph(cid, "provenance", build_id),
                                       built_at=now, build_id=build_id,
                                       data_graph=data_graph),
    }
    derived = _derived(result, cid, build_graph(cid, "derived", build_id))
    if derived is not None:
        texts["derived"] = derived
    names = {role: build_graph(cid, role, build_id) for role in texts}
    graphs = CaseGraphs(data=names["data"], provenance=names["provenance"],
                        derived=names.get("derived"))
    return graphs, texts


def build_case(case_dir: Path | str, store: Store, *, now: datetime | None = None,
               fail_point: FailPoint | None = None) -> BuildResult:
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

    Raises
    ------
    CaseError
        The case has validation errors; the store was not touched.
    BuildError
        Loading failed; the store is exactly as it was.
    """
    timings: dict[str, float] = {}
    t = time.perf_counter()
    result = validate_case(case_dir)
    timings["validate"] = time.perf_counter() - t
    if not result.ok or result.case is None:
        raise CaseError(result.report, f"{case_dir}: {result.report.summary()} — not built")
    case = result.case
    now = now or datetime.now(UTC)
    built_at = _timestamp(now)
    current = {e.build for e in store.cases()}
    build_id = _build_id(result, built_at, current)

    t = time.perf_counter()
    graphs, texts = build_nquads(result, build_id, now)
    timings["map"] = time.perf_counter() - t

    quads = {role: text.count("\n") for role, text in texts.items()}
    counts = {"entities": len(case.entities), "sources": len(case.sources),
              "claims": len(case.claims), "quads": sum(quads.values())}
    entry = CaseInfo(case.meta.id, "case", case.meta.title, build_id,
                     built_at, graphs, counts)
    t = time.perf_counter()
    loads = [(role, text.encode()) for role, text in texts.items()]
    timings["encode"] = time.perf_counter() - t
    t = time.perf_counter()
    del texts
    replaced = store.replace([entry], loads, fail_point=fail_point)
    timings["store"] = time.perf_counter() - t
    timings.update(replaced.timings)
    warnings = Report([p for p in result.report.problems if p.severity != "error"])
    return BuildResult(case.meta.id, build_id, graphs, quads, counts, replaced.superseded,
                       timings, warnings)
