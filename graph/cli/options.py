"""Options every command spells the same way: the output format and the RDF syntax.

``--format/-f`` always names how a command prints its answer and takes values of one
enumeration, :class:`OutputFormat`; each command offers the subset that makes sense for it
(:func:`format_option`). With ``--format json`` a command prints exactly one JSON document
on stdout, also when it fails (see :mod:`claimgraph.graph.cli`). ``--rdf-format`` names the
syntax of an RDF *input* file, from the one RDF format registry
(:class:`~claimgraph.graph.rdfformat.RdfSyntax`); ``export``, whose answer is RDF, takes
its syntax as ``--format``.

Examples
--------
>>> [f.value for f in OutputFormat]
['text', 'table', 'markdown', 'csv', 'json']
>>> wants_json(["trace", "nc-2023", "--format", "json"]), wants_json(["audit", "-fjson"])
(True, True)
>>> wants_json(["export", "--format", "jsonld"]), wants_json(["query", "--", "-f", "json"])
(False, False)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

__all__ = [
    "CASE_HELP",
    "CaseOpt",
    "IncludeRatedOpt",
    "ItemOpt",
    "OutputFormat",
    "TextOrJson",
    "WithClaimantsOpt",
    "choice_option",
    "format_option",
    "wants_json",
]

E = TypeVar("E", bound=StrEnum)


class OutputFormat(StrEnum):
    """How a command prints its answer (``--format``)."""

    text = "text"
    """For people: lines, trees and tables in the terminal."""
    table = "table"
    """For people: one table (``query``)."""
    markdown = "markdown"
    """A Markdown document (``audit``)."""
    csv = "csv"
    """Comma-separated rows with a header (``query``)."""
    json = "json"
    """One JSON document on stdout, sorted keys: the answer, or ``{"error": ...}``."""


def _only(choices: Sequence[E], flag: str) -> Callable[[E | None], E | None]:
    def check(value: E | None) -> E | None:
        if value is not None and value not in choices:
            raise typer.BadParameter(f"'{value}' is not one of: {', '.join(choices)}",
                                     param_hint=flag)
        return value
    return check


def choice_option(flag: str, choices: Sequence[E], help: str, *short: str) -> Any:
    """An option taking some values of an enumeration ``E`` (the annotation of the
    parameter): the others are refused, and ``--help`` lists only these."""
    return typer.Option(flag, *short, metavar="[" + "|".join(choices) + "]",
                        callback=_only(choices, flag), help=help)


def format_option(*choices: OutputFormat) -> Any:
    """The ``--format/-f`` option of a command offering ``choices`` of :class:`OutputFormat`."""
    names = [c.value for c in choices]
    text = ", ".join(names[:-1]) + " or " + names[-1]
    if OutputFormat.json in choices:
        text += " (json: one JSON document on stdout, errors included)"
    return choice_option("--format", choices, text + ".", "-f")


TextOrJson = Annotated[OutputFormat, format_option(OutputFormat.text, OutputFormat.json)]
"""The ``--format`` of most commands: ``text`` (the default they declare) or ``json``."""


CASE_HELP = ("A case id in the store, or a case folder (default: $CLAIMGRAPH_CASE, else the "
             "only case in the store, else the one holding what you named).")
"""How every command describes its case: the rule of :mod:`claimgraph.graph.store.casepick`."""

CaseOpt = Annotated[str | None, typer.Option("--case", "-c", metavar="CASE", help=CASE_HELP)]
"""The ``--case/-c`` option every command reading one case takes."""

ItemOpt = Annotated[list[str] | None, typer.Option(
    "--item", "-i", metavar="ITEM",
    help="Keep only claims about ITEM or anything narrower (an entity whose `broader:` chain "
         "reaches it), as their item, subject or object; the output names what it included. "
         "Repeatable: any of them. E.g. --item drones also keeps claims about Shahed-136.")]
"""``--item``: the item filter of the analytics commands and the network view."""

IncludeRatedOpt = Annotated[bool, typer.Option(
    "--include-rated",
    help="Keep claims whose verdict rating is excluded from analytics (false, mostly false, "
         "misleading: schema/vocab/ratings.yaml). Left out by default; the output says how "
         "many. E.g. claimgraph rank --include-rated.")]
"""``--include-rated``: bring back the claims a fact-checker rated false or misleading."""

WithClaimantsOpt = Annotated[bool, typer.Option(
    "--with-claimants",
    help="Add who says it: a claimant -says-> subject edge per claim (the claimant is the "
         "author, speaker or source making the claim), so claimants rank and paths start "
         "from them. E.g. claimgraph view --with-claimants (a 'who says it' filter row "
         "switches the layer).")]
"""``--with-claimants``: the *who says it* layer of the projection."""


def wants_json(args: Sequence[str]) -> bool:
    """True when the command line asks for ``--format json`` (read before parsing, so that
    a usage error is reported as JSON too)."""
    for i, arg in enumerate(args):
        if arg == "--":
            return False
        if arg in ("--format", "-f") and i + 1 < len(args) and args[i + 1] == "json":
            return True
        if arg in ("--format=json", "-fjson", "-f=json"):
            return True
    return False
