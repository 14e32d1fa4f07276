"""``claimgraph check FILE...`` — validate any RDF file against the SHACL shapes."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from claimgraph.errors import ClaimgraphError, Problem
from claimgraph.graph.shacl import FORMATS, check_rdf

from .app import app
from .common import console, print_json, print_problem

__all__ = ["check"]

RdfFmt = StrEnum("RdfFmt", {f: f for f in sorted(set(FORMATS.values()))})  # type: ignore[misc]


class OutFmt(StrEnum):
    text = "text"
    json = "json"


@app.command(epilog="Example: claimgraph check export.trig colleague-claims.ttl --allow-warnings")
def check(
    files: list[Path] = typer.Argument(..., help="RDF files (.ttl .trig .nq .nt .jsonld .rdf)."),
    fmt: RdfFmt = typer.Option(None, "--format", help="RDF syntax, when the suffix does not say."),
    allow_warnings: bool = typer.Option(
        False, "--allow-warnings", help="Exit 0 when there are warnings but no violations."),
    out: OutFmt = typer.Option(OutFmt.text, "--output", "-o", help="text for people, json for tools."),
) -> None:
    """Check RDF against the claimgraph SHACL shapes (schema/shapes.ttl), whatever made it.

    One line per result: focus node, path, message. Catches, among others, a claim without
    subject, predicate or object, a claim without evidence (a warning), evidence without a
    source, and a Web Annotation selector without ``oa:exact``. Exit 1 on any violation, and
    on warnings unless --allow-warnings.
    """
    problems: list[Problem] = []
    for path in files:
        try:
            problems.extend(check_rdf(path, fmt=fmt.value if fmt else None))
        except ClaimgraphError as exc:
            problems.append(Problem("error", "rdf-read", exc.message, str(path), hint=exc.hint))
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    failed = errors > 0 or (warnings > 0 and not allow_warnings)
    if out is OutFmt.json:
        print_json({"ok": not failed, "errors": errors, "warnings": warnings,
                    "problems": [p.to_dict() for p in problems]})
    else:
        for p in problems:
            print_problem(p)
        verdict = "[bold red]does not conform[/]" if failed else "[green]conforms[/]"
        console.print(f"{len(files)} file(s): {verdict} — {errors} violation(s), "
                      f"{warnings} warning(s)")
    raise typer.Exit(1 if failed else 0)
