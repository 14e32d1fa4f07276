"""Validate any RDF against the claimgraph SHACL shapes (``schema/shapes.ttl``, pyshacl).

The data may come from a case build or from anywhere else (a colleague's export, a file
written by hand): Turtle, TriG, N-Quads, N-Triples, JSON-LD or RDF/XML (the syntaxes of
:mod:`claimgraph.graph.rdfformat`, told from the file's suffix). Named graphs are
merged before validation. The bundled ontology (``schema/claimgraph.ttl``, with the concept
schemes) is added to a copy of the data, so that ``sh:class cg:Predicate`` knows the bundled
predicates. Nothing is fetched: a JSON-LD file may name the claimgraph context by IRI (it
is read from the package); any other remote ``@context`` is an error.

Each SHACL result becomes a :class:`~claimgraph.errors.Problem` (``error`` for
``sh:Violation``, ``warning`` for ``sh:Warning``, ``info`` otherwise) whose code names the
constraint component that failed (``shacl-MinCount``) and whose message names the focus
node, the path and what is wrong. pyshacl is the optional ``shacl`` extra
(:mod:`claimgraph.extras`): without it :func:`check_graph` raises
:class:`~claimgraph.errors.MissingExtraError` with the ``pip install`` command.

Examples
--------
>>> ttl = '''
... @prefix cg: <https://w3id.org/claimgraph/ns#> .
... @prefix schema: <http://schema.org/> .
... <urn:x:c1> a cg:Claim ; schema:text "China supplies Russia." ; cg:polarity "affirmed" .
... '''
>>> for p in check_rdf(ttl, fmt="turtle"): print(p.format())  # doctest: +NORMALIZE_WHITESPACE
<data>: error[shacl-MinCount]: <urn:x:c1> cg:object: a claim needs exactly one cg:object, an entity
<data>: error[shacl-MinCount]: <urn:x:c1> cg:predicate: a claim needs exactly one cg:predicate, a known predicate concept
<data>: error[shacl-MinCount]: <urn:x:c1> cg:subject: a claim needs exactly one cg:subject, an entity
<data>: warning[shacl-MinCount]: <urn:x:c1> cg:evidence: the claim has no evidence (cg:evidence): it is unsourced
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from claimgraph.errors import ClaimgraphError, Problem, ProblemCode, Severity
from claimgraph.extras import require
from claimgraph.limits import check_file_size

from .namespace import compact_iri
from .rdfformat import RdfSyntax, syntax_for_path
from .rdfinput import guard_rdf

__all__ = ["check_graph", "check_rdf", "load_rdf", "shapes_graph"]

_SEVERITY: dict[Node, Severity] = {SH.Violation: "error", SH.Warning: "warning"}


def _schema_text(name: str) -> str:
    return resources.files("claimgraph.schema").joinpath(name).read_text("utf-8")


@cache
def shapes_graph() -> Graph:
    """The bundled SHACL shapes."""
    return Graph().parse(data=_schema_text("shapes.ttl"), format="turtle")


@cache
def _ontology_graph() -> Graph:
    return Graph().parse(data=_schema_text("claimgraph.ttl"), format="turtle")


def load_rdf(source: str | Path, fmt: str | None = None) -> Graph:
    """Parse a file (a :class:`~pathlib.Path`) or RDF text (a ``str``, Turtle unless
    ``fmt`` says otherwise) into one graph, named graphs merged; ``fmt`` is a
    :class:`~claimgraph.graph.rdfformat.RdfSyntax` name."""
    syntax = RdfSyntax.parse(fmt) if fmt else None
    if isinstance(source, Path):
        name, syntax = str(source), syntax or syntax_for_path(source)
        try:
            check_file_size(source, "RDF file")
            text = source.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ClaimgraphError(f"{name}: cannot read: {exc}",
                                  hint="give the path of a UTF-8 RDF file") from exc
    else:
        name, syntax, text = "<data>", syntax or RdfSyntax.turtle, source
    text = guard_rdf(text.encode(), syntax.value).decode()
    ds = Dataset()
    try:
        ds.parse(data=text, format=syntax.media_type)  # rdflib names parsers by media type
    except ClaimgraphError:
        raise
    except RecursionError:
        raise ClaimgraphError(f"{name}: the RDF nests too deeply for the parser",
                              hint="flatten nested blank nodes and lists, or check a "
                                   "converted copy") from None
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ClaimgraphError(f"{name}: not valid {syntax}: {exc}",
                              hint="fix the syntax, or give the right --rdf-format") from exc
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = compact_iri(str(node))
        return text if text != str(node) else f"<{node}>"
    return node.n3()


def check_graph(data: Graph, *, file: str | None = None) -> list[Problem]:
    """SHACL results for an rdflib graph, one :class:`Problem` each, sorted."""
    validate = require("pyshacl", "shacl").validate
    mixed = Graph()
    mixed += data
    mixed += _ontology_graph()  # the concept schemes, so that sh:class sees bundled concepts
    conforms, results, _ = validate(
        mixed, shacl_graph=shapes_graph(), inference="none", inplace=True,
        abort_on_first=False, allow_warnings=False, advanced=True)
    if conforms:
        return []
    assert isinstance(results, Graph)
    out: list[Problem] = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = _short(results.value(r, SH.focusNode))
        path = _short(results.value(r, SH.resultPath))
        message = str(results.value(r, SH.resultMessage) or "does not conform")
        value = results.value(r, SH.value)
        component = results.value(r, SH.sourceConstraintComponent)
        code = ProblemCode.shacl(str(component))  # SHACL requires one per result
        level = results.value(r, SH.resultSeverity)
        severity: Severity = _SEVERITY.get(level, "info") if level is not None else "info"
        text = f"{focus} {path}: {message}" if path else f"{focus}: {message}"
        if value is not None and code is not ProblemCode.SHACL_MIN_COUNT \
                and _short(value) not in text:
            text += f" (value: {_short(value)[:80]})"
        out.append(Problem(severity, code, text, file or "<data>"))
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(out, key=lambda p: (order[p.severity], p.message))


def check_rdf(data: Graph | str | Path, fmt: str | None = None) -> list[Problem]:
    """Validate RDF against the shapes: an rdflib graph, a file (a :class:`~pathlib.Path`,
    format from its suffix unless ``fmt``) or RDF text (a ``str`` in ``fmt``, default Turtle)."""
    if isinstance(data, Graph):
        return check_graph(data)
    return check_graph(load_rdf(data, fmt), file=str(data) if isinstance(data, Path) else None)
