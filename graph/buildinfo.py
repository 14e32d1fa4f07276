"""Build provenance of a case as N-Quads: when, from which files, by whom, and where each
record was written — so any triple of the data graph traces back to a ``file:line:col``.

PROV-O throughout: the build is a ``prov:Activity`` (also ``cg:Build``) that
``prov:used`` each case file (a ``prov:Entity`` and ``cg:CaseFile`` with ``cg:path`` and
``cg:sha256``: the YAML/JSON Lines files and the captured source texts) and
``prov:wasAssociatedWith`` the curators (``prov:Person``) and the tool
(``prov:SoftwareAgent`` with ``schema:softwareVersion``); the data graph
``prov:wasGeneratedBy`` the build, at ``prov:generatedAtTime``. Every entity, source,
claim and evidence item gets ``cg:definedIn`` (its file) and ``cg:definedAt``
(``"claims.yaml:42:5"``). IRIs of files and builds: ``case/{case}/file/{path}`` and
``case/{case}/build/{build id}``.

Examples
--------
>>> import tempfile, pathlib, datetime
>>> from claimgraph.sources.validation import validate_case
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "case.yaml").write_text("id: demo\\ntitle: Demo\\ncurators: [Ann]\\n")
>>> _ = (d / "data.yaml").write_text("entities:\\n  - {id: cn, name: China, kind: state}\\n")
>>> when = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
>>> text = buildinfo_nquads(validate_case(d), graph="urn:prov", build_id="b1", built_at=when)
>>> print(next(line for line in text.splitlines() if "definedAt" in line and "/entity/" in line))
<https://w3id.org/claimgraph/case/demo/entity/cn> <https://w3id.org/claimgraph/ns#definedAt> "data.yaml:2:5" <urn:prov> .
>>> print(next(line for line in text.splitlines() if "startedAtTime" in line))
<https://w3id.org/claimgraph/case/demo/build/b1> <http://www.w3.org/ns/prov#startedAtTime> "2026-01-02T03:04:05Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> <urn:prov> .
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

from claimgraph.errors import BuildError
from claimgraph.sources.validation import ValidationResult

from . import iris
from .namespace import CG, PROV, RDF, SCHEMA
from .nquads import XSD_DATETIME, iri, lit, lit_int
from .rdfterms import Terms

__all__ = ["TOOL_IRI", "buildinfo_lines", "buildinfo_nquads", "tool_version"]

TOOL_IRI = iris.BASE + "tool/claimgraph"

_TYPE = Terms(RDF, nquads=True).type
_prov = Terms(PROV, nquads=True)
_cg = Terms(CG, nquads=True)
_sdo = Terms(SCHEMA, nquads=True)


def tool_version() -> str:
    """The installed claimgraph version (``"0+unknown"`` when not installed)."""
    try:
        return version("claimgraph")
    except PackageNotFoundError:  # pragma: no cover - always installed in practice
        return "0+unknown"


def _datetime(value: datetime) -> str:
    if value.tzinfo is None:
        raise BuildError("the build time has no time zone",
                         hint="pass an aware datetime, e.g. datetime.now(UTC)")
    text = value.astimezone(UTC).isoformat(timespec="microseconds")
    text = text.replace("+00:00", "Z").replace(".000000Z", "Z")
    return f'"{text}"^^{XSD_DATETIME}'


def buildinfo_nquads(result: ValidationResult, *, graph: str, built_at: datetime,
                     build_id: str | None = None, data_graph: str | None = None,
                     tool: str | None = None) -> str:
    """The provenance graph of one build of a validated case, as sorted N-Quads (the
    lines of :func:`buildinfo_lines` joined)."""
    return "".join(buildinfo_lines(result, graph=graph, built_at=built_at,
                                   build_id=build_id, data_graph=data_graph, tool=tool))


def buildinfo_lines(result: ValidationResult, *, graph: str, built_at: datetime,
                    build_id: str | None = None, data_graph: str | None = None,
                    tool: str | None = None) -> list[str]:
    """The provenance graph of one build of a validated case, as sorted N-Quads lines
    (a list, so that a big build writes them to its file a slice at a time rather than
    joining them into one string).

    Parameters
    ----------
    result
        What :func:`~claimgraph.sources.validation.validate_case` returned (files with
        hashes, record origins, source texts).
    graph
        IRI of the provenance graph to write into.
    built_at
        When the build ran (time-zone aware).
    build_id
        Names the build node and, unless ``data_graph`` is given, the data graph
        (``iris.data_graph(case, suffix=build_id)``).
    data_graph
        IRI of the data graph this build generated.
    tool
        The tool version to record (default: the installed claimgraph version).
    """
    loaded = result.loaded
    if loaded.meta is None:
        raise BuildError("the case has no metadata (case.yaml did not load)",
                         hint="run `claimgraph validate` on the case")
    cid = loaded.meta.id
    g = f" {iri(graph)} .\n"
    lines: set[str] = set()

    def add(s: str, p: str, o: str) -> None:
        lines.add(f"{s} {p} {o}{g}")

    case = iri(iris.case_iri(cid))
    build = iri(f"{iris.case_iri(cid)}/build/{iris.segment(build_id or 'build')}")
    data = iri(data_graph or iris.data_graph(cid, suffix=build_id))
    when = _datetime(built_at)

    add(build, _TYPE, _prov.Activity)
    add(build, _TYPE, _cg.Build)
    add(build, _prov.startedAtTime, when)
    add(build, _cg.toolVersion, lit(tool or tool_version()))
    agent = iri(TOOL_IRI)
    add(build, _prov.wasAssociatedWith, agent)
    add(agent, _TYPE, _prov.SoftwareAgent)
    add(agent, _sdo.name, lit("claimgraph"))
    add(agent, _sdo.softwareVersion, lit(tool or tool_version()))
    add(data, _TYPE, _prov.Entity)
    add(data, _prov.wasGeneratedBy, build)
    add(data, _prov.generatedAtTime, when)

    for i, name in enumerate(loaded.meta.curators):
        person = iri(f"{iris.case_iri(cid)}/curator/{iris.segment(name)}")
        add(build, _prov.wasAssociatedWith, person)
        add(person, _TYPE, _prov.Person)
        add(person, _sdo.name, lit(name))
        add(person, _cg.position, lit_int(i))

    files: dict[str, str] = dict(loaded.files)
    sources = {s.id: s for s in loaded.sources}
    for sid, doc in result.texts.items():
        src = sources.get(sid)
        if src is not None and src.text is not None:
            files[src.text] = doc.sha256
    file_iri = {path: iri(f"{iris.case_iri(cid)}/file/{iris.segment(path)}") for path in files}
    for path, sha in files.items():
        f = file_iri[path]
        add(build, _prov.used, f)
        add(f, _TYPE, _prov.Entity)
        add(f, _TYPE, _cg.CaseFile)
        add(f, _cg.path, lit(path))
        add(f, _cg.sha256, lit(sha))

    def located(subject: str, file: str, line: int | None, col: int | None) -> None:
        where = ":".join(str(x) for x in (file, line, col) if x is not None)
        add(subject, _cg.definedAt, lit(where))
        if file in file_iri:
            add(subject, _cg.definedIn, file_iri[file])

    if loaded.meta_origin is not None:
        located(case, loaded.meta_origin.file, loaded.meta_origin.line, loaded.meta_origin.col)
    for (kind, rid), origin in loaded.origins.items():
        subject = iri(iris.record_iri(cid, kind, rid))
        located(subject, origin.file, origin.line, origin.col)
    for claim in loaded.claims:
        claim_origin = loaded.origin("claim", claim.id)
        if claim_origin is None:
            continue
        for i in range(len(claim.evidence)):
            file, line, col = claim_origin.at("evidence", i)
            located(iri(iris.evidence_iri(cid, claim.id, i)), file, line, col)
    return sorted(lines)
