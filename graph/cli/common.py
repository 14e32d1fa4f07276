"""Terminal output shared by the commands: one console, problem lines, error messages."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from claimgraph.errors import ClaimgraphError, Problem

__all__ = ["console", "err_console", "escape", "fail", "print_json", "print_problem"]

console = Console(highlight=False, soft_wrap=True, emoji=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

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
    """Machine output: sorted, indented JSON on stdout, never wrapped or coloured."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
