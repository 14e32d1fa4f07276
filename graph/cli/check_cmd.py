"""``claimgraph check FILE...`` — validate any RDF file against the SHACL shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimgraph.errors import ClaimgraphError, MissingExtraError, Problem, ProblemCode
from claimgraph.graph.rdfformat import RdfSyntax
from claimgraph.graph.shacl import check_rdf

from .app import app
from .common import console, print_json, print_problem
from .options import OutputFormat, TextOrJson

__all__ = ["check"]


@app.command(epilog="Example: claimgraph check export.trig colleague-claims.ttl --allow-warnings")
def check(
    files: list[Path] = typer.Argument(..., help="RDF files (.ttl .trig .nq .nt .jsonld .rdf)."),
    syntax: Annotated[RdfSyntax | None, typer.Option(
        "--rdf-format", help="RDF syntax of the files, when their names do not say.")] = None,
    allow_warnings: bool = typer.Option(
        False, "--allow-warnings", help="Exit 0 when there are warnings but no violations."),
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Check RDF against the claimgraph SHACL shapes (schema/shapes.ttl), whatever made it.

    One line per result: focus node, path, message. Catches, among others, a claim without
    subject, predicate or object, a claim without evidence (a warning), evidence without a
    source, and a Web Annotation selector without ``oa:exact``. Exit 1 on any violation, and
    on warnings unless --allow-warnings. Needs the optional package pyshacl:
    pip install 'claimgraph[shacl]'.
    """
    problems: list[Problem] = []
    for path in files:
        try:
            problems.extend(check_rdf(path, fmt=syntax))
        except MissingExtraError:
            raise  # not a problem of this file: the command cannot run at all
        except ClaimgraphError as exc:
            problems.append(Problem("error", ProblemCode.RDF_READ, exc.message, str(path),
                                    hint=exc.hint))
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    failed = errors > 0 or (warnings > 0 and not allow_warnings)
    if fmt is OutputFormat.json:
        print_json({"ok": not failed, "errors": errors, "warnings": warnings,
                    "problems": [p.to_dict() for p in problems]})
    else:
        for p in problems:
            print_problem(p)
        verdict = "[bold red]does not conform[/]" if failed else "[green]conforms[/]"
        console.print(f"{len(files)} file(s): {verdict} — {errors} violation(s), "
                      f"{warnings} warning(s)")
    raise typer.Exit(1 if failed else 0)
