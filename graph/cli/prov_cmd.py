"""``claimgraph trace``, ``claimgraph audit`` and ``claimgraph anchor``.

``trace`` and ``audit`` read the store (embedded or ``--endpoint``), never the YAML;
``anchor`` works on a case folder (it checks quotes against the texts and writes the lock).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text
from rich.tree import Tree

from claimgraph.errors import NotFoundError
from claimgraph.numberformat import format_quantity
from claimgraph.schema.phrasing import Phrasing
from claimgraph.schema.vocab import load_vocabulary
from claimgraph.textsafety import visible

from .app import app
from .common import console, print_json, print_problem
from .options import OutputFormat, TextOrJson, format_option
from .stores import open_cli_store, pick_case_or_all

__all__ = ["anchor_cmd", "audit_cmd", "trace_cmd"]


# -- trace ----------------------------------------------------------------------------
@app.command("trace", epilog="Example: claimgraph trace nc-2023  ·  claimgraph trace "
                             "\"nitrocellulose 2023\" --format json")
def trace_cmd(
    claim: str = typer.Argument(..., help="A claim id, or words: the claims holding them as "
                                "written, else the search of `claimgraph claims` (any word "
                                "form)."),
    case: str = typer.Option(None, "--case", "-c", metavar="CASE",
                             help="Look only in this case (an id or a case folder; default: "
                                  "$CLAIMGRAPH_CASE, else every case)."),
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Where a claim comes from: evidence, quotes in context, sources and what they cite.

    Shows the claim's status and its number of independent origins; each quote in its source
    text (✓ anchored / ✗ not); each source with kind, publisher, dates, reliability and hash,
    and the sources it cites, recursively, marked captured or referred-only.
    """
    from claimgraph.graph.provenance.trace import find_claims, trace_claim

    store = open_cli_store(write=False)
    try:
        matches = find_claims(store, claim, case=pick_case_or_all(store, case))
        if not matches:
            raise NotFoundError(f"no claim with id or words '{claim}'",
                                hint="list the claims with `claimgraph claims`, or use fewer "
                                     "words")
        if len(matches) > 1:
            if fmt is OutputFormat.json:
                print_json({"matches": [m.__dict__ for m in matches]})
            else:
                console.print(f"{len(matches)} claims match; trace one by its id:")
                for m in matches:
                    console.print(Text.assemble(("  " + m.id, "bold"), f"  [{m.case}] ", m.text))
            return
        m = matches[0]
        data = trace_claim(store, m.case, m.id)
    finally:
        store.close()
    if fmt is OutputFormat.json:
        print_json(data)
    else:
        console.print(render_trace(data, marks=not _styled()), soft_wrap=False)


def _styled() -> bool:
    """True when the terminal shows styles (bold, reverse): else quotes get text marks."""
    return console.is_terminal and not console.no_color and console.color_system is not None


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _status(status: str | None) -> Text:
    """A status in its colour from the status vocabulary (``unknown``'s when unassessed)."""
    from claimgraph.schema.statuses import load_statuses

    return Text(status or "not assessed", style=load_statuses().terminal_style(status))


def _note(note: str) -> Text:
    """A note of the status vocabulary, as a chip: its label in its colour."""
    from claimgraph.schema.statuses import load_statuses

    st = load_statuses().get(note)
    return Text(f"[{st.label if st.id == note else note}]", style=f"{st.color}")


def _named(ref: dict[str, Any] | None) -> str:
    if not ref:
        return "—"
    return f"{ref.get('name') or ref['id']} ({ref['id']})"


def _source_line(src: dict[str, Any]) -> Text:
    t = Text.assemble((src["id"], "bold cyan"), ": ", src.get("title") or "")
    bits = [src.get("kind"), src.get("publisher"), src.get("published"),
            f"accessed {src['accessed']}" if src.get("accessed") else None]
    t.append("  " + " · ".join(b for b in bits if b), style="dim")
    if src.get("reliability"):
        t.append(f"  reliability {src['reliability']}",
                 style="red" if src["reliability"] in ("E", "F") else "")
    if src.get("quote_only"):  # read, but its text is not distributed (copyright)
        t.append("  quote-only ✓ (text not distributed)", style="green")
    else:
        t.append("  captured ✓" if src.get("captured") else "  referred-only ✗",
                 style="green" if src.get("captured") else "red")
    if src.get("sha256"):
        t.append(f"  sha256 {src['sha256'][:12]}…", style="dim")
    return t


def _add_cites(node: Tree, sources: dict[str, Any], sid: str, seen: tuple[str, ...]) -> None:
    for cited in sources.get(sid, {}).get("cites", []):
        src = sources.get(cited, {"id": cited, "cites": []})
        if cited in seen:
            node.add(Text.assemble("cites ", (cited, "bold cyan"),
                                   ("  ↺ circular reporting", "magenta")))
            continue
        child = node.add(Text.assemble("cites ", _source_line(src)))
        _add_cites(child, sources, cited, (*seen, cited))


QUOTE_MARKS = (">>", "<<")
"""Around a quote in its context when the output shows no styles (piped, ``NO_COLOR``)."""


def render_trace(data: dict[str, Any], *, marks: bool = False) -> Tree:
    """The trace as a rich Tree (every string from the case is plain Text, never markup).

    Each quote shows in its source context, in reverse video; with ``marks`` (output
    without styles: a pipe, a file, ``NO_COLOR``) also between ``>>`` and ``<<``."""
    head = Text.assemble(("claim ", "dim"), (data["id"], "bold"), "  ", _status(data["status"]))
    if data.get("support") and data["support"] != data["status"]:
        head.append_text(Text.assemble(("  support: ", "dim"), _status(data["support"])))
    for note in data.get("notes") or ():  # beside the status, never changing it
        head.append_text(Text.assemble("  ", _note(note)))
    head.append(f"  [{data['case']}]")
    tree = Tree(head)
    tree.add(Text(data["text"], style="italic"))
    cl = data.get("claimant") or {}
    phrase = Phrasing(load_vocabulary(), (), {cl.get("id", ""): cl.get("name") or ""})(
        data["predicate"], data["polarity"], (data.get("subject") or {}).get("id", ""),
        cl.get("id"))
    said = Text.assemble(_named(data["subject"]), (f" —{phrase}→ ", "bold"),
                         _named(data["object"]))
    if data.get("item"):
        said.append(f"  item {_named(data['item'])}")
    if data.get("quantity"):
        q = data["quantity"]
        said.append("  " + format_quantity(q["value"], q["unit"], approx=bool(q.get("approx")),
                                           bound=q.get("bound"),
                                           capacity=bool(q.get("capacity"))))
    if data.get("time"):
        said.append(f"  time {data['time']}")
    tree.add(said)
    cl = data.get("claimant")
    tree.add(Text.assemble(("claimant ", "dim"),
                           f"{cl['name'] or cl['id']} ({cl['type']} {cl['id']})" if cl else "—",
                           ("  polarity ", "dim"),
                           _status("denied") if data["polarity"] == "denied" else data["polarity"],
                           ("  confidence ", "dim"), data.get("confidence") or "—"))
    origins = data.get("origins", [])
    tree.add(Text.assemble((f"{data.get('independent_origins', 0)} independent origin(s)", "bold"),
                           ": " + (", ".join(origins) or "none"),
                           ("  checkable: " + (", ".join(data.get("checkable_origins", []))
                                               or "none"), "dim")))
    for f in data.get("findings", []):
        label = "hedge" if f["kind"] == "hedge" else "vague attribution"
        implies = f" → {f['implies']}" if f.get("implies") else ""
        tree.add(Text.assemble((f"{label} ", "yellow"), f"“{f['phrase']}”{implies}",
                               (f" in {f['where']}", "dim")))
    for x in data.get("contradictions", []):
        tree.add(Text.assemble(("contradicts ", "magenta"), (x["other"], "bold"),
                               f" ({x['kind']}) ", (x.get("detail") or "", "dim")))
    for key, verb in (("challenges", "challenges "), ("challenged_by", "challenged by ")):
        for x in data.get(key) or ():
            tree.add(Text.assemble((verb, "blue"), (x["id"] or "", "bold"),
                                   (" (never contested) ", "dim"), x.get("text") or ""))
    if data.get("verdict"):
        v = data["verdict"]
        line = Text.assemble(("verdict ", "dim"), (v["label"], "bold"), f" ({v['rating']})")
        if v.get("excluded_from_analytics"):
            line.append("  left out of the analytics", style="dim")
        tree.add(line)
    ev_node = tree.add(Text(f"evidence ({len(data['evidence'])})", style="bold"))
    for ev in data["evidence"]:
        mark = ("✓", "green") if ev["anchored"] else ("✗", "red")
        line = Text.assemble(f"#{ev['index'] + 1} ", (ev["relation"], "bold"), " ", mark,
                             f" {ev['anchor_status'] or 'not checked'}", ("  from ", "dim"),
                             (ev["source"], "bold cyan"))
        if ev.get("page"):
            line.append(f"  p. {ev['page']}")
        node = ev_node.add(line)
        if ev.get("reading"):
            node.add(Text.assemble(("said: ", "dim"), ev["reading"]))
        ctx = ev.get("context")
        if ctx:
            exact = _ws(ctx["exact"])
            if marks:
                exact = QUOTE_MARKS[0] + exact + QUOTE_MARKS[1]
            node.add(Text.assemble("…", _ws(ctx["before"]), (exact, "bold reverse"),
                                   _ws(ctx["after"]), "…"))
        else:
            node.add(Text(f"“{ev['quote']}”", style="italic"))
        src = data["sources"].get(ev["source"], {"id": ev["source"], "cites": []})
        snode = node.add(_source_line(src))
        _add_cites(snode, data["sources"], ev["source"], (ev["source"],))
    return tree


# -- audit ----------------------------------------------------------------------------
@app.command("audit", epilog="Example: claimgraph audit china-russia-nitrocellulose "
                             "--format markdown > audit.md  ·  claimgraph audit --fail-on "
                             "unanchored --fail-on unsourced")
def audit_cmd(
    case: str = typer.Argument(None, metavar="[CASE]",
                               help="A case id or a case folder (default: $CLAIMGRAPH_CASE, "
                                    "else the only case, else every case in the store)."),
    case_opt: str = typer.Option(None, "--case", "-c", metavar="CASE",
                                 help="The same as CASE, spelled as other commands spell it."),
    fmt: Annotated[OutputFormat, format_option(
        OutputFormat.text, OutputFormat.markdown, OutputFormat.json)] = OutputFormat.text,
    fail_on: list[str] = typer.Option(
        None, "--fail-on", metavar="CATEGORY",
        help="Exit 1 if this category is not empty (repeatable): contested, unanchored, "
             "unsourced, single-origin, uncaptured-upstream, numeric-inconsistency, hedged, "
             "vaguely-attributed, challenges, rated, weak-sources, referred-only-sources."),
    limit: int = typer.Option(20, "--limit", "-n",
                              help="Items listed per category in text/markdown (0: all)."),
) -> None:
    """The weak spots: contested, unanchored, unsourced, single-origin, hedged, vaguely
    attributed claims, numeric inconsistencies, claims resting on an uncaptured upstream,
    claims in argumentative tension (challenges), rated claims by verdict, sources graded
    E/F, and referred-only sources claims rest on.

    The counts come first, each group saying what it counts: claims by evidence status
    (each once), weak spots (a claim may be in several), rated claims by verdict, denials,
    sources. A report: exit 0, unless a category named by --fail-on is not empty (exit 1).
    """
    from claimgraph.graph.provenance.audit import CATEGORIES, audit, audit_markdown

    bad = [c for c in fail_on or [] if c not in CATEGORIES]
    if bad:
        raise typer.BadParameter(f"unknown category '{bad[0]}' (known: {', '.join(CATEGORIES)})",
                                 param_hint="--fail-on")
    if case is not None and case_opt is not None and case != case_opt:
        raise typer.BadParameter(f"two cases named: {case!r} and {case_opt!r}",
                                 param_hint="CASE / --case")
    from .progress import progress

    store = open_cli_store(write=False)
    try:
        with progress("audit") as step:
            picked = pick_case_or_all(store, case if case is not None else case_opt)
            step("reading the assessment", 0, 0)
            report = audit(store, picked)
    finally:
        store.close()
    if fmt is OutputFormat.json:
        print_json(report)
    elif fmt is OutputFormat.markdown:
        sys.stdout.write(visible(audit_markdown(report, limit or None)))
    else:
        _print_audit(report, limit or None)
    failing = [c for c in fail_on or [] if report["counts"][c]]
    if failing:
        raise typer.Exit(1)


def _print_audit(report: dict[str, Any], limit: int | None) -> None:
    from rich.table import Table

    from claimgraph.graph.provenance.audit import CATEGORIES, STATUS_CATEGORIES, audit_note

    console.print(Text(f"Audit of {report['case'] or 'all cases'}: {report['claims']} claims",
                       style="bold"))
    for group in report["summary"]:  # the one set of counts, each saying what it counts
        total = f": {group['total']}" if group["total"] is not None else ""
        console.print(Text("\n" + group["label"] + total, style="bold"))
        table = Table(show_header=False, show_edge=False, box=None, padding=(0, 2))
        table.add_column("")
        table.add_column("count", justify="right")
        weak = group["id"] in ("weak-spots", "sources")
        for row in group["rows"]:  # a status or a note reads in its colour, as in `trace`
            name = row["id"]
            label = (_status(name) if name in STATUS_CATEGORIES or group["id"] == "by-status"
                     else Text(name))
            n = row["count"]
            table.add_row(label, Text(str(n), style=("bold red" if n else "green") if weak
                                      else "bold"))
        if not group["rows"]:
            table.add_row(Text("none", style="dim"), "0")
        console.print(table, soft_wrap=False)
    for c in CATEGORIES:
        items = report[c]
        if not items:
            continue
        console.print(Text(f"\n{c} ({len(items)})", style="bold"))
        for item in items[:limit] if limit else items:
            if c == "weak-sources":
                line = Text.assemble(("  " + item["id"], "cyan"), f"  {item['title'] or ''}",
                                     (f"  grade {item['reliability']}", "red"))
            elif c == "referred-only-sources":
                line = Text.assemble(("  " + item["id"], "cyan"), f"  {item['title'] or ''}",
                                     (f"  {item['claims']} claim(s) rest on it, "
                                      f"{item['attributed']} attributed to it", "dim"))
            else:
                line = Text.assemble(("  " + item["id"], "bold"), "  ", item["text"] or "")
                note = audit_note(c, item)
                if note:
                    line.append("  — " + note, style="yellow")
            console.print(line)
        if limit and len(items) > limit:
            console.print(Text(f"  … and {len(items) - limit} more (--limit 0 shows all)",
                               style="dim"))


# -- anchor ---------------------------------------------------------------------------
@app.command("anchor", epilog="Example: claimgraph anchor cases/china-russia-nitrocellulose "
                              "--write-lock; claimgraph anchor "
                              "cases/nhk-nitrocellulose-reports --write-selectors")
def anchor_cmd(
    case: Path = typer.Argument(..., help="The case folder (the one holding case.yaml)."),
    write: bool = typer.Option(False, "--write-lock",
                               help="Record each source's hash and each quote's offsets in "
                                    "anchors.lock.json, so later text changes are reported "
                                    "quote by quote."),
    write_selectors: bool = typer.Option(
        False, "--write-selectors",
        help="(Re)compute each quote's W3C selectors (start, end, prefix, suffix) and the "
             "source's sha256 from the local texts and write them into the case YAML: the "
             "quote-only sources, or those given with --source."),
    only: list[str] = typer.Option([], "--source", help="With --write-selectors: the "
                                   "sources to record (repeatable; default: quote-only)."),
) -> None:
    """Check every quote against its source text and show where it anchors.

    Exit 1 when a quote is not found (the hint shows the closest passage).
    """
    from claimgraph.sources.anchorlock import write_lock
    from claimgraph.sources.selectorwrite import write_selectors as record
    from claimgraph.sources.validation import validate_case

    result = validate_case(case)
    if write_selectors:
        outcome = record(result, only or None)
        for why in outcome.skipped:
            console.print(Text(f"  skipped {why}", style="yellow"))
        console.print(f"{case}: wrote the selectors of {outcome.written} quote(s) and "
                      f"{outcome.hashes} sha256 value(s)"
                      + (f" into {', '.join(outcome.files)}" if outcome.files else ""))
        result = validate_case(case)
    for p in result.problems:
        if p.code.startswith(("quote-", "source-", "selector-", "text-")):
            print_problem(p)
    counts: dict[str, int] = {}
    for a in result.anchors.values():
        counts[a.status] = counts.get(a.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no quotes"
    console.print(f"{case}: {len(result.anchors)} quotes in captured sources — {summary}")
    if write:
        path = write_lock(result)
        console.print(f"wrote {path}")
    failed = counts.get("not_found") or any(
        p.severity == "error" and p.code.startswith(("selector-", "text-", "quote-only"))
        for p in result.problems)
    raise typer.Exit(1 if failed else 0)
