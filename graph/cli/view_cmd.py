"""View commands: ``view`` (one self-contained network page) and ``site`` (the casebook).

Both read only from the store (embedded or ``--endpoint``), never from YAML, and write
UTF-8 files that work from ``file://`` with the network off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .app import app
from .common import console, err_console, escape
from .stores import open_cli_store, pick_case

__all__ = ["site_cmd", "view_cmd"]

CaseArg = Annotated[str | None, typer.Argument(
    metavar="[CASE]", help="Case id in the store (default: the only case there).")]


def _data(case: str | None, *, timeline: bool) -> Any:
    from claimgraph.graph.views import load_view_data

    store = open_cli_store(write=False)
    try:
        data = load_view_data(store, pick_case(store, case), timeline=timeline)
    finally:
        store.close()
    if not data.assessed:
        err_console.print("[yellow]note:[/] no evidence assessment in the store for this case; "
                          "statuses show as not assessed (rebuild it)")
    return data


@app.command("view", epilog="Example: claimgraph view china-russia-nitrocellulose "
             "--out network.html  ·  --focus china  ·  --claim nc-exports-2023  ·  "
             "--why pla-hawks russia")
def view_cmd(
    case: CaseArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE.html",
                                      help="Where to write the page.")] = Path("network.html"),
    focus: Annotated[str | None, typer.Option(
        "--focus", metavar="ENTITY", help="Only the ego network of this entity id.")] = None,
    radius: Annotated[int, typer.Option("--radius", min=1, max=5,
                                        help="Hops around --focus.")] = 1,
    claim: Annotated[str | None, typer.Option(
        "--claim", metavar="CLAIM",
        help="The provenance view of one claim: evidence, sources, upstream sources.")] = None,
    no_motives: Annotated[bool, typer.Option(
        "--no-motives", help="Leave out the 'why' edges from actors to motives.")] = False,
    why: Annotated[tuple[str, str] | None, typer.Option(
        "--why", metavar="A B",
        help="Open with the strongest explained paths between two entities highlighted "
             "(ids, names or aliases; those of `claimgraph why A B -u`).")] = None,
    full: Annotated[bool | None, typer.Option(
        "--full/--summary",
        help="Draw every node, or the summary (main entities, communities collapsed). "
             "Default: the summary only for a large network.")] = None,
) -> None:
    """Write the interactive network view of a case as one self-contained HTML file:
    who supports what and why, coloured by kind, styled by evidence, searchable."""
    from claimgraph.graph import views

    data = _data(case, timeline=False)
    if claim:
        v = views.provenance_view(data, claim)
    elif focus:
        v = views.focus_view(data, focus, radius=radius)
    else:
        v = views.network_view(data, motives=not no_motives, why=why,
                               summary=None if full is None else not full)
    path = v.save(out)
    what = "summary: " if v.graph.kind == "summary" else ""
    console.print(f"{what}{len(v.graph.nodes)} nodes, {len(v.graph.edges)} edges → "
                  f"{escape(str(path.resolve()))}")
    for note in v.graph.meta.get("notes", []):
        err_console.print(f"[dim]{escape(note)}[/]")
    found = v.graph.meta.get("why")
    if found is not None and not found["paths"]:
        err_console.print(f"[yellow]note:[/] no path between {escape(found['from'])} and "
                          f"{escape(found['to'])} (see `claimgraph why`)")


@app.command("site", epilog="Example: claimgraph site china-russia-nitrocellulose --out out/site")
def site_cmd(
    case: CaseArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                      help="Folder to write (new, empty, or an older "
                                           "casebook, which is replaced).")] = Path("out/site"),
) -> None:
    """Write the casebook: a static, self-contained site with a page per claim, entity and
    source, the network, motives, timeline and audit. Prints the path of its index page."""
    from claimgraph.graph.views import write_site

    data = _data(case, timeline=True)
    index = write_site(data, out)
    console.print(f"{len(data.case.claims)} claims, {len(data.case.entities)} entities, "
                  f"{len(data.case.sources)} sources → casebook written")
    print(index.resolve())
