"""``claimgraph validate`` and ``claimgraph schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from claimgraph.schema.jsonschema import case_file_schema
from claimgraph.sources.validation import validate_case
from claimgraph.textsafety import visible

from .app import app
from .common import console, escape, print_json, print_problem
from .options import OutputFormat, TextOrJson

__all__ = ["schema", "validate"]


@app.command(epilog="Example: claimgraph validate cases/china-russia-nitrocellulose --format json")
def validate(
    case: Path = typer.Argument(..., help="The case folder (the one holding case.yaml)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print errors only, no warnings."),
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Check a case: every problem in one run, each with file:line:col and a hint.

    Checks YAML/JSON syntax, fields and types, duplicate ids, references (with "did you
    mean"), kinds and predicates against the vocabularies, part_of cycles, source text
    paths, and that every quote occurs in its source's text. A quote-only source (text
    not distributed) whose local text is absent gets its selectors checked and a note
    naming the checks skipped. Exit 0 when there are no errors (warnings and notes
    allowed), 1 otherwise. JSON output: {case, ok, errors, warnings, problems: [{severity,
    code, message, file, line, col, hint}], quote_only: {sources, texts_absent} when the
    case has quote-only sources}.
    """
    result = validate_case(case)
    problems = [p for p in result.problems if not (quiet and p.severity != "error")]
    quote_only = sorted(result.quote_only)
    absent = [sid for sid in quote_only if sid not in result.texts]
    if fmt is OutputFormat.json:
        out = {
            "case": str(case),
            "ok": result.ok,
            "errors": len(result.report.errors),
            "warnings": len(result.report.warnings),
            "problems": [p.to_dict() for p in problems],
        }
        if quote_only:
            out["quote_only"] = {"sources": quote_only, "texts_absent": absent}
        print_json(out)
    else:
        if console.is_terminal:
            for p in problems:
                print_problem(p)
        else:  # piped: the same lines without colour, written at once (fast for big cases)
            sys.stdout.write(visible("".join(p.format() + "\n" for p in problems)))
            sys.stdout.flush()
        loaded = result.loaded
        counts = ", ".join(_count(len(records), what) for records, what in (
            (loaded.entities, "entit"), (loaded.sources, "source"), (loaded.claims, "claim")))
        verdict = "[green]valid[/]" if result.ok else "[bold red]invalid[/]"
        console.print(f"{escape(str(case))}: {verdict} — {result.report.summary()} ({counts})")
        if absent:
            console.print(f"quote-only mode: the texts of {len(absent)} of {len(quote_only)} "
                          "quote-only sources are absent; the checks that need them were "
                          "skipped (text-not-present notes" + (", hidden by --quiet)" if quiet
                                                              else " above)"))
    raise typer.Exit(0 if result.ok else 1)


def _count(n: int, stem: str) -> str:
    if stem == "entit":
        return f"{n} entit{'y' if n == 1 else 'ies'}"
    return f"{n} {stem}{'' if n == 1 else 's'}"


@app.command(epilog="Example: claimgraph schema > case.schema.json")
def schema() -> None:
    """Print the JSON Schema of a case data file (for editors that check YAML as you type).

    Put `# yaml-language-server: $schema=case.schema.json` (a path relative to the YAML
    file) on the first line of a case file, or map the schema to `cases/**/*.yaml` in
    your editor's YAML settings. The repository keeps a copy in schema/case.schema.json.
    """
    print(json.dumps(case_file_schema(), indent=2, ensure_ascii=False))
