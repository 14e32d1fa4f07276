"""Across cases: ``claimgraph corroborate CLAIM``, ``claimgraph disagreements`` and
``claimgraph links`` read every case of the store (:mod:`claimgraph.graph.crosscase`)."""

from __future__ import annotations

from typing import Annotated

import typer

from claimgraph.errors import NotFoundError
from claimgraph.graph.crosscase import (
    Corroboration,
    Disagreement,
    StoreCases,
    corroborate,
    disagreements,
    load_store_cases,
    source_titles,
)

from .analytics_cmd import CaseOpt
from .app import app
from .common import console, escape, print_json
from .options import OutputFormat, TextOrJson, format_option
from .stores import open_cli_store

__all__ = ["corroborate_cmd", "disagreements_cmd", "links_cmd"]


def _load() -> StoreCases:
    store = open_cli_store(write=False)
    try:
        return load_store_cases(store)
    finally:
        store.close()


def _find(sc: StoreCases, claim: str, case: str | None) -> tuple[str, str]:
    if ":" in claim and case is None:
        case, _, claim = claim.partition(":")
    holders = sorted(cid for cid, c in sc.resolver.cases.items()
                     if (case is None or cid == case) and any(x.id == claim for x in c.claims))
    if not holders:
        where = f"case {case!r}" if case else "any case of the store"
        raise NotFoundError(f"no claim {claim!r} in {where}",
                            hint="list claims with `claimgraph trace WORDS`, or name the case "
                                 "with --case")
    if len(holders) > 1:
        raise NotFoundError(f"claim {claim!r} is in {len(holders)} cases",
                            hint="pass --case with one of: " + ", ".join(holders))
    return holders[0], claim


def _title(titles: dict[str, str], name: str) -> str:
    return f"{escape(titles.get(name, name))} [dim]({escape(name)})[/]"


def _print_corroboration(co: Corroboration, titles: dict[str, str]) -> None:
    c = co.claim
    console.print(f"[bold]{escape(c.claim.id)}[/] [dim]({escape(c.case)})[/]: "
                  f"{escape(c.claim.text)}")
    if c.figure:
        console.print(f"  figure: {escape(str(c.figure))}")
    console.print(f"[bold]Matching claims in other cases[/]: {len(co.corroborating)} "
                  f"corroborate, {len(co.related)} related, {len(co.disagreeing)} disagree")
    for label, group in (("corroborates", co.corroborating), ("related", co.related),
                         ("disagrees", co.disagreeing)):
        for m in group:
            fig = f" — {escape(str(m.other.figure))}" if m.other.figure else ""
            console.print(f"  {label:<12} {escape(m.other.name)} [dim]({m.scope})[/]: "
                          f"{escape(m.other.claim.text)}{fig}")
    n = len(co.origins)
    console.print(f"[bold]Independent origins store-wide: {n}[/]")
    for i, o in enumerate(co.origins, 1):
        console.print(f"  {i}. {_title(titles, o.key)} — cases: "
                      f"{escape(', '.join(sorted(o.cases)))}")
        if o.relays:
            console.print("     relayed by: " + "; ".join(_title(titles, r) for r in o.relays))
        console.print("     quoted in: " + "; ".join(_title(titles, d)
                                                     for d in sorted(o.documents)))
        for ch in o.chains:
            path = " → ".join(escape(titles.get(f"{a}:{b}", b)) for a, b in ch.path)
            console.print(f"     [dim]{escape(ch.case)}:{escape(ch.claim)} "
                          f"#{ch.index + 1}[/] {path}")


@app.command("corroborate", epilog="Example: claimgraph corroborate nc-exports-2023 "
                                   "--case china-russia-nitrocellulose")
def corroborate_cmd(
    claim: Annotated[str, typer.Argument(metavar="CLAIM",
                                         help="A claim id (or CASE:ID).")],
    case: CaseOpt = None,
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Matching claims in the store's other cases, grouped by independent origin (each
    quote's relay chain followed to its end: outlet → broadcaster → customs data), and how
    many independent origins stand behind the claim store-wide."""
    sc = _load()
    node = _find(sc, claim, case)
    co = corroborate(sc, node)
    titles = source_titles(sc)
    if fmt is OutputFormat.json:
        print_json(co.to_dict(titles))
        return
    _print_corroboration(co, titles)


def _print_disagreement(d: Disagreement) -> None:
    console.print(f"[bold red]{d.kind}[/]: {escape(d.detail)}")
    for s in d.sides():
        console.print(f"  {escape(s.case)}:{escape(s.claim)}"
                      + (f" #{s.evidence + 1}" if s.evidence >= 0 else "")
                      + f" “{escape(s.quote)}”")


def _markdown(ds: list[Disagreement]) -> str:
    out = ["# Disagreements across cases", "", f"{len(ds)} found.", "",
           "| kind | one case says | the other says | why both cannot hold |",
           "|---|---|---|---|"]

    def cell(s: object) -> str:
        return str(s).replace("|", "\\|").replace("\n", " ")

    for d in ds:
        left, right = ("<br>".join(f"{cell(s.case)}:{cell(s.claim)} “{cell(s.quote)}”"
                                   for s in d.sides() if (s.case, s.claim) == (x.case, x.claim))
                       for x in (d.left, d.right))
        out.append(f"| {d.kind} | {left} | {right} | {cell(d.detail)} |")
    return "\n".join(out) + "\n"


@app.command("disagreements", epilog="Example: claimgraph disagreements --format markdown")
def disagreements_cmd(
    fmt: Annotated[OutputFormat, format_option(
        OutputFormat.text, OutputFormat.markdown, OutputFormat.json)] = OutputFormat.text,
) -> None:
    """The store-wide disagreement audit: matching claims of two cases whose figures ("almost
    1,300 t" / "over 1,300 t") or comparatives ("more than doubled" / "almost doubled")
    cannot both hold, each with both quotes."""
    ds = disagreements(_load())
    if fmt is OutputFormat.json:
        print_json({"disagreements": [d.to_dict() for d in ds], "count": len(ds)})
        return
    if fmt is OutputFormat.markdown:
        print(_markdown(ds), end="")
        return
    console.print(f"[bold]{len(ds)} disagreement(s) across cases[/]")
    for d in ds:
        _print_disagreement(d)


@app.command("links", epilog="Example: claimgraph links --format json")
def links_cmd(fmt: TextOrJson = OutputFormat.text) -> None:
    """Which entities and sources of the store's cases are one thing, and why: a shared
    external id (Wikidata, HS code, OpenSanctions, FtM), an equal URL, or a cross-case
    `same_as: [CASE:ID]`; and cross-case links that name nothing in the store."""
    sc = _load()
    r = sc.resolver
    if fmt is OutputFormat.json:
        print_json({"links": [x.to_dict() for x in r.links],
                    "unresolved": [{"kind": u.kind, "record": f"{u.node[0]}:{u.node[1]}",
                                    "same_as": u.ref, "reason": u.reason}
                                   for u in r.unresolved]})
        return
    console.print(f"[bold]{len(r.links)} link(s) across cases[/]")
    for x in r.links:
        console.print(f"  {x.kind:<6} {escape(str(x))}")
    if r.unresolved:
        console.print(f"[bold yellow]{len(r.unresolved)} unresolved[/]")
        for u in r.unresolved:
            console.print(f"  {escape(str(u))}")
