"""Terminal output shared by the commands: one console, problem lines, error messages.

Errors are printed in one place, :func:`report_error`: for people, ``error: …`` and
``hint: …`` on stderr (a case that does not validate first lists its errors, one line
each); with ``--format json``, one document on stdout instead, ``{"error": {"type",
"message", "hint", "exit_code"}}`` (``"problems"`` too for a case that does not validate),
and nothing on stderr.

Examples
--------
>>> from claimgraph.errors import NotFoundError
>>> error_document(NotFoundError("no case 'x' in the store", hint="build it first"), 1)
{'error': {'type': 'not-found', 'message': "no case 'x' in the store", 'hint': 'build it first', 'exit_code': 1}}
"""

from __future__ import annotations

import json
import logging
import re
import sys
from typing import Any

from claimgraph.errors import CaseError, ClaimgraphError, Problem
from claimgraph.textsafety import escape_unicode

from .safeconsole import escape, safe_console

__all__ = ["console", "err_console", "error_document", "escape", "print_json", "print_problem",
           "report_error"]

# untrusted text never reaches the terminal raw (control characters shown as escapes)
console = safe_console(highlight=False, soft_wrap=True, emoji=False)
err_console = safe_console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


class _Notes(logging.Handler):
    """The library's progress notes (e.g. reclaiming what a killed build left) on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        err_console.print(f"[dim]note:[/] {escape(record.getMessage())}")


logging.getLogger("claimgraph").addHandler(_Notes(logging.INFO))
logging.getLogger("claimgraph").setLevel(logging.INFO)

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def print_problem(p: Problem) -> None:
    """One line per problem: ``file:line:col: severity[code]: message (hint: ...)``."""
    style = _STYLE.get(p.severity, "")
    # "[code]" must be escaped as a whole, or rich reads it as a style tag and drops it
    text = (f"{escape(p.location())}: [{style}]{p.severity}[/]{escape(f'[{p.code}]')}: "
            f"{escape(p.message)}")
    if p.hint:
        text += f" [dim](hint: {escape(p.hint)})[/]"
    console.print(text)


def error_document(exc: ClaimgraphError, exit_code: int, *,
                   kind: str | None = None) -> dict[str, Any]:
    """The JSON document of a failed command: ``type`` is the exception's name in words
    (``NotFoundError`` -> ``not-found``), or ``kind`` (``usage`` for a usage error)."""
    name = kind or re.sub(r"(?<!^)(?=[A-Z])", "-", type(exc).__name__.removesuffix("Error")
                          ).lower() or "error"
    doc: dict[str, Any] = {"type": name, "message": exc.message, "hint": exc.hint,
                           "exit_code": exit_code}
    if isinstance(exc, CaseError):
        doc["problems"] = [p.to_dict() for p in exc.report.sorted() if p.severity == "error"]
    return {"error": doc}


def report_error(exc: ClaimgraphError, *, as_json: bool, exit_code: int = 1,
                 kind: str | None = None) -> int:
    """Print a failed command's error (JSON on stdout, or message and hint on stderr);
    return the exit code."""
    if as_json:
        print_json(error_document(exc, exit_code, kind=kind))
        return exit_code
    if isinstance(exc, CaseError):
        for p in exc.report.sorted():
            if p.severity == "error":
                print_problem(p)
    err_console.print(f"[bold red]error:[/] {escape(exc.message)}")
    if exc.hint:
        err_console.print(f"[dim]hint: {escape(exc.hint)}[/]")
    return exit_code


def print_json(data: Any) -> None:
    """Machine output: sorted, indented JSON on stdout, never wrapped or coloured; control
    and bidi characters as ``\\uXXXX`` escapes (the same data, nothing raw on a terminal)."""
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    sys.stdout.write(escape_unicode(text) + "\n")
