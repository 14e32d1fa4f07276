"""``claimgraph compare X Y``: two analyses (tags), sources or claimants side by side.

Reads the case from the store and prints :func:`claimgraph.graph.analytics.compare.compare`:
the groups each side names with their members, stances and motives; the links between
their groups (same as, overlaps, part of, membership claims); per linked pair and over
both sides, where they agree and where they differ. ``--format json`` gives the same as data.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from claimgraph.graph.analytics.compare import Comparison, Side, compare
from claimgraph.schema.models import Case

from .app import app
from .common import console, escape, print_json
from .options import CaseOpt, OutputFormat, TextOrJson
from .stores import open_cli_store, pick_case

__all__ = ["compare_cmd"]

_STANCE = {"for": "green", "against": "magenta"}


def _names(case: Case) -> dict[str, str]:
    return {**{s.id: s.title for s in case.sources}, **{e.id: e.name for e in case.entities}}


def _list(ids: list[str], names: dict[str, str], empty: str = "—") -> str:
    return ", ".join(escape(names.get(i, i)) for i in ids) or f"[dim]{empty}[/]"


def _targets(pairs: list[tuple[str, str]], names: dict[str, str]) -> str:
    return ", ".join(f"[{_STANCE.get(s, 'white')}]{s}[/] {escape(names.get(t, t))}"
                     for t, s in pairs) or "[dim]—[/]"


def _side_table(side: Side, names: dict[str, str]) -> Table:
    sel = side.selection
    table = Table(title=f"{escape(sel.label)} [dim]({sel.kind} {escape(sel.ident)}, "
                        f"{len(sel.claim_ids)} claims)[/]", show_lines=True, title_justify="left")
    table.add_column("group", ratio=2, overflow="fold")
    table.add_column("members", ratio=2, overflow="fold")
    table.add_column("for / against", ratio=3, overflow="fold")
    table.add_column("why (motives)", ratio=3, overflow="fold")
    for g in side.groups:
        stances = "\n".join(
            f"[{_STANCE.get(s.stance, 'white')}]{escape(s.label)}[/] "
            f"{escape(names.get(s.target, s.target))}"
            + (f" · {escape(names.get(s.item, s.item))}" if s.item else "")
            for s in g.profile.stances)
        table.add_row(f"[bold]{escape(names.get(g.id, g.id))}[/]\n[dim]{escape(g.id)}[/]",
                      _list([m for m, _ in g.members], names),
                      stances or "[dim]—[/]", _list(g.motives, names))
    return table


def _render(cmp: Comparison, names: dict[str, str]) -> None:
    a, b = cmp.left.selection, cmp.right.selection
    console.print(f"[bold]Compare[/] {escape(a.label)} [dim]with[/] {escape(b.label)}")
    console.print(_side_table(cmp.left, names))
    console.print(_side_table(cmp.right, names))
    links = Table(title="Linked groups (each keeps its own claims; nothing is merged)",
                  show_lines=True, title_justify="left")
    links.add_column(escape(a.ident), ratio=2, overflow="fold")
    links.add_column("link", ratio=1, overflow="fold")
    links.add_column(escape(b.ident), ratio=2, overflow="fold")
    links.add_column("motives both give", ratio=2, overflow="fold")
    links.add_column(f"only {escape(a.ident)}", ratio=2, overflow="fold")
    links.add_column(f"only {escape(b.ident)}", ratio=2, overflow="fold")
    for p in cmp.pairs:
        rel = escape(p.relation.replace("_", " "))
        if p.members_both:
            rel += f" ({_list(p.members_both, names)})"
        links.add_row(escape(names.get(p.left, p.left)), rel,
                      escape(names.get(p.right, p.right)), _list(p.motives_both, names),
                      _list(p.motives_left_only, names), _list(p.motives_right_only, names))
    console.print(links if cmp.pairs else "[dim]no group of one side is linked to a group of "
                                          "the other (same_as, overlaps, part_of, broader, "
                                          "membership claims)[/]")
    left_only, right_only = cmp.unlinked
    if left_only or right_only:
        console.print(f"[bold]Not linked[/]: {escape(a.ident)}: {_list(left_only, names)}; "
                      f"{escape(b.ident)}: {_list(right_only, names)}")
    m, t = cmp.motives, cmp.targets
    agree = Table(title="Over both sides", show_lines=True, title_justify="left")
    agree.add_column("", style="bold")
    agree.add_column("agree (both)", ratio=3, overflow="fold")
    agree.add_column(f"only {escape(a.ident)}", ratio=3, overflow="fold")
    agree.add_column(f"only {escape(b.ident)}", ratio=3, overflow="fold")
    agree.add_row("motives", _list(m["both"], names), _list(m["left_only"], names),
                  _list(m["right_only"], names))
    agree.add_row("for / against", _targets(t["both"], names), _targets(t["left_only"], names),
                  _targets(t["right_only"], names))
    console.print(agree)


@app.command("compare", epilog="Example: claimgraph compare analysis-1 analysis-2 --case "
                               "china-russia-nitrocellulose")
def compare_cmd(
    left: Annotated[str, typer.Argument(
        metavar="X", help="A tag, a source or a claimant (tag:ID, source:ID, claimant:ID "
                          "when a name is more than one).")],
    right: Annotated[str, typer.Argument(metavar="Y", help="The other one.")],
    case: CaseOpt = None,
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Two analyses side by side: the groups each names, what each says they are for and
    against and why, where they agree and differ, and which of their groups are linked
    (same as, overlaps, part of)."""
    store = open_cli_store(write=False)
    try:
        model = store.read_case(pick_case(store, case))
    finally:
        store.close()
    cmp = compare(model, left, right)
    names = _names(model)
    if fmt is OutputFormat.json:
        print_json({"case": model.meta.id, **cmp.to_dict(names)})
        return
    _render(cmp, names)
