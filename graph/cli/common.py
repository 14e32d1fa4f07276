"""Terminal output shared by the commands: one console, problem lines, error messages."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import typer

from claimgraph.errors import ClaimgraphError, Problem
from claimgraph.textsafety import escape_unicode

from .safeconsole import escape, safe_console

__all__ = ["console", "err_console", "escape", "fail", "print_json", "print_problem"]

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


def fail(exc: ClaimgraphError, code: int = 1) -> typer.Exit:
    """Print a library error with its hint on stderr; return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {escape(exc.message)}")
    if exc.hint:
        err_console.print(f"[dim]hint: {escape(exc.hint)}[/]")
    return typer.Exit(code)


def print_json(data: Any) -> None:
    """Machine output: sorted, indented JSON on stdout, never wrapped or coloured; control
    and bidi characters as ``\\uXXXX`` escapes (the same data, nothing raw on a terminal)."""
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    sys.stdout.write(escape_unicode(text) + "\n")
