"""``claimgraph claims``: list, filter and search the claims of the store.

Reads the store only. The word search is the one ``trace`` uses
(:func:`claimgraph.graph.provenance.claimlist.list_claims`): any word form ("deny" finds
"denies"), search synonyms, prefixes and typos. Each claim prints on two lines, its id
first and never cut, so it can be copied into ``trace``, ``view --claim`` or ``why``.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from claimgraph.schema.statuses import load_statuses

from .app import app
from .common import console, print_json
from .options import CaseOpt, OutputFormat, TextOrJson
from .stores import open_cli_store, pick_case_or_all

__all__ = ["claims_cmd"]


@app.command("claims", epilog="Example: claimgraph claims \"deny arms\"  ·  claimgraph claims "
                              "--subject china --predicate supplies --status single-origin")
def claims_cmd(
    words: Annotated[str | None, typer.Argument(
        metavar="[WORDS]", help="Keep the claims holding every word, in any form (\"deny "
        "arms\" finds \"does not supply lethal weapons\"), best match first.")] = None,
    search: Annotated[str | None, typer.Option(
        "--search", metavar="WORDS", help="The same as WORDS.")] = None,
    subject: Annotated[str | None, typer.Option(
        "--subject", help="Only claims about this entity (id, name or alias).")] = None,
    obj: Annotated[str | None, typer.Option(
        "--object", help="Only claims whose object is this entity (id, name or alias).")]
    = None,
    predicate: Annotated[str | None, typer.Option(
        "--predicate", "-p", help="Only this predicate (`claimgraph vocab predicates`).")]
    = None,
    status: Annotated[str | None, typer.Option(
        "--status", help="Only claims with this evidence status or support level.")] = None,
    rating: Annotated[str | None, typer.Option(
        "--rating", help="Only claims with a verdict of this rating.")] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", "-t", help="Only claims carrying this tag (repeatable: any of them).")]
    = None,
    limit: Annotated[int, typer.Option(
        "--limit", "-n", min=0, help="How many claims to show (0: all).")] = 50,
    case: CaseOpt = None,
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """List the claims of the store (every case, or one), filtered by subject, object,
    predicate, status, rating or tag, and searched by words."""
    from claimgraph.graph.provenance.claimlist import list_claims

    query = " ".join(x for x in (words, search) if x) or None
    store = open_cli_store(write=False)
    try:
        cid = pick_case_or_all(store, case)
        rows = list_claims(store, cid, search=query, subject=subject, object=obj,
                           predicate=predicate, status=status, rating=rating, tags=tag or ())
    finally:
        store.close()
    shown = rows[:limit] if limit else rows
    if fmt is OutputFormat.json:
        print_json({"case": cid, "search": query, "total": len(rows),
                    "claims": [r.to_dict() for r in shown]})
        return
    where = f"in {cid}" if cid else "in every case"
    what = f"match {query!r}" if query else "listed"
    console.print(Text(f"{len(rows)} claim(s) {what} {where}", style="bold"))
    several = len({r.case for r in rows}) > 1
    for r in shown:
        head = Text.assemble((r.id, "bold"), "  ")
        head.append(r.status or "not assessed",
                    style=load_statuses().terminal_style(r.status))
        if r.support and r.support != r.status:
            head.append(f" (support {r.support})", style="dim")
        if several:
            head.append(f"  [{r.case}]", style="dim")
        if r.rating:
            head.append(f"  rated {r.rating}", style="magenta")
        if r.tags:
            head.append("  #" + " #".join(r.tags), style="cyan")
        console.print(head)
        console.print(Text.assemble("  ", (r.said() + ": ", "dim"), r.text))
    if limit and len(rows) > limit:
        console.print(Text(f"… and {len(rows) - limit} more (--limit 0 shows all)", style="dim"))
