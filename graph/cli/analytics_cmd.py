"""Network analytics commands: ``rank``, ``why``, ``neighbours``, ``communities``,
``timeline`` and ``export-graph``.

They read the case and its evidence assessment from the store (never from YAML), project
them with :mod:`claimgraph.graph.analytics` and print rich tables/trees, or ``--format
json``. Every command takes the same filter options (:data:`FilterOpts`).
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.tree import Tree

from claimgraph.errors import AnalysisError, NotFoundError
from claimgraph.graph import analytics as an  # lazy: networkx loads on first use

from .analytics_common import (
    AsOfOpt,
    CaseOpt,
    DeniedOpt,
    KindOpt,
    MinStatusOpt,
    NoMotivesOpt,
    PredicateOpt,
    TagOpt,
    cached_answer,
    claim_index,
    claim_line,
    claimant_table,
    computing,
    emit_json,
    load_inputs,
    load_projection,
    make_filters,
    name_of,
    print_notes,
    scope_json,
)
from .app import app
from .common import console, escape, print_json
from .options import IncludeRatedOpt, ItemOpt, OutputFormat, TextOrJson, WithClaimantsOpt

if TYPE_CHECKING:  # an answer from the cache needs neither networkx nor the models
    import networkx as nx

    from claimgraph.schema.models import Case

__all__ = [
    "communities_cmd",
    "export_graph_cmd",
    "neighbours_cmd",
    "rank_cmd",
    "timeline_cmd",
    "why_cmd",
]


class Level(StrEnum):
    claims = "claims"
    aggregated = "aggregated"
    collapsed = "collapsed"


# -- rank ------------------------------------------------------------------------------
CLAIMANT = "claimant"
"""``rank --by claimant``: who says most, with what evidence status, about whom."""


@app.command("rank", epilog="Example: claimgraph rank --by betweenness --top 10 --group actor "
                            "--min-status single-origin  ·  claimgraph rank --by claimant  ·  "
                            "claimgraph rank --item drones --with-claimants")
def rank_cmd(
    by: Annotated[str, typer.Option(
        "--by", help=f"Measure to sort by: {', '.join(an.MEASURES)}; or {CLAIMANT}: who makes "
                     "how many claims, with what status and about whom (denials count: a "
                     "denial is something a claimant says).")] = "pagerank",
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many rows.")] = 15,
    group: Annotated[list[str] | None, typer.Option(
        "--group", "-g", help="Show only entities of this kind group (actor, thing).")] = None,
    why: Annotated[int, typer.Option("--why", min=0, help="Claims shown per entity.")] = 3,
    samples: Annotated[int, typer.Option(
        "--samples", min=1, help="Betweenness sample size above 1,000 entities (seeded).")] = 100,
    case: CaseOpt = None, min_status: MinStatusOpt = None,
    include_denied: Annotated[bool | None, typer.Option(
        "--include-denied/--exclude-denied",
        help="Keep denied claims (they weaken the matching affirmed links, never make one). "
             "Default: excluded, except with --by claimant.")] = None,
    as_of: AsOfOpt = None, predicate: PredicateOpt = None, kind: KindOpt = None,
    no_motives: NoMotivesOpt = False, item: ItemOpt = None,
    include_rated: IncludeRatedOpt = False, with_claimants: WithClaimantsOpt = False,
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Who matters: degree, in/out strength, betweenness and PageRank weighted by evidence,
    with the strongest claims behind each score; or (--by claimant) who says most."""
    if not computing():  # answered from the analytics cache when asked before
        params = {k: v for k, v in locals().items() if k not in ("case", "fmt")}
        cached_answer(fmt, "rank", case, (), params,
                    lambda cid: rank_cmd(**{**params, "case": cid, "fmt": fmt}))
        return
    if by != CLAIMANT and by not in an.MEASURES:
        raise AnalysisError(f"unknown measure {by!r}",
                            hint=f"known: {', '.join((*an.MEASURES, CLAIMANT))}")
    denied = include_denied if include_denied is not None else by == CLAIMANT
    model, g, collapsed = load_projection(case, make_filters(
        min_status=min_status, include_denied=denied, as_of=as_of, predicate=predicate,
        kind=kind, no_motives=no_motives, item=item, include_rated=include_rated,
        with_claimants=with_claimants))
    if by == CLAIMANT:
        claimant_table(model, g, top, why, fmt)
        return
    tops = sorted(k.id for k in an.case_vocab(model).entity_kinds.values() if not k.parent)
    for grp in group or ():
        if grp not in tops:
            raise AnalysisError(f"unknown kind group {grp!r}", hint=f"use one of: {', '.join(tops)}")
    rows = an.rank(g, collapsed, by=by, top=top, groups=group or (), why=why, samples=samples)
    if fmt is OutputFormat.json:
        emit_json({"by": by, "rows": [r.to_dict() for r in rows], **scope_json(g)})
        return
    table = Table(title=f"Top {len(rows)} by {by}", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("entity", ratio=2, overflow="fold")
    for m in an.MEASURES:
        table.add_column(_SHORT[m], justify="right", overflow="fold",
                         style="bold" if m == by else None)
    table.add_column("why: strongest claims", ratio=3, overflow="fold")
    index = claim_index(g)
    for r in rows:
        table.add_row(str(r.rank), f"{escape(r.name)}\n[dim]{escape(r.node)} · {escape(r.kind)}[/]",
                      *(f"{r.scores[m]:.3g}" for m in an.MEASURES),
                      "\n".join(claim_line(g, index, c) for c in r.why))
    console.print(table)
    console.print("[dim]PR = PageRank, betw. = betweenness, deg. = claims touching it, "
                  "in/out = summed evidence weight of incoming/outgoing links"
                  + (", says = a claimant's claims about it" if with_claimants else "") + "[/]")
    print_notes(g)


_SHORT = {"pagerank": "PR", "betweenness": "betw.", "degree": "deg.", "in_strength": "in",
          "out_strength": "out"}


# -- why -------------------------------------------------------------------------------
def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _quotes(case: Case) -> tuple[dict[str, list[tuple[str, str, str]]], dict[str, str]]:
    quotes: dict[str, list[tuple[str, str, str]]] = {
        c.id: [(e.source, str(e.relation), e.quote) for e in c.evidence] for c in case.claims}
    titles = {s.id: s.title for s in case.sources}
    return quotes, titles


@app.command("why", epilog="Example: claimgraph why PLA russian-defense-industry --undirected "
                           "-n 3  ·  claimgraph why global-times russia (from a claimant: "
                           "through what it says)")
def why_cmd(
    a: Annotated[str, typer.Argument(
        metavar="A", help="From this entity or claimant (id, name or alias).")],
    b: Annotated[str, typer.Argument(metavar="B", help="To this entity (id, name or alias).")],
    k: Annotated[int, typer.Option("--paths", "-n", min=1, help="How many paths.")] = 5,
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, help="Longest path.")] = 4,
    undirected: Annotated[bool, typer.Option(
        "--undirected", "-u", help="Let a hop follow a claim against its direction.")] = False,
    per_hop: Annotated[int, typer.Option(
        "--claims-per-hop", min=1, help="Claims shown per hop (strongest first).")] = 3,
    case: CaseOpt = None, min_status: MinStatusOpt = None, include_denied: DeniedOpt = False,
    as_of: AsOfOpt = None, predicate: PredicateOpt = None, kind: KindOpt = None,
    no_motives: NoMotivesOpt = False, item: ItemOpt = None,
    with_claimants: Annotated[bool, typer.Option(
        "--with-claimants",
        help="Let a path start (or end) with what A (or B) says: a claimant -says-> subject "
             "hop. Automatic when A or B is linked by nothing but what it says (an outlet, a "
             "spokesperson, the article). A path never steps through a third party's "
             "saying.")] = False,
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """How A is connected to B: the best-evidenced paths, each hop shown as its claim(s)
    with status, sources and quotes. Never through a claim a fact-checker rated false or
    misleading (the output says how many such claims were left out)."""
    if not computing():  # answered from the analytics cache when asked before
        params = {k: v for k, v in locals().items() if k not in ("case", "fmt")}
        cached_answer(fmt, "why", case, (a, b), params,
                    lambda cid: why_cmd(**{**params, "case": cid, "fmt": fmt}))
        return
    filters = make_filters(min_status=min_status, include_denied=include_denied, as_of=as_of,
                           predicate=predicate, kind=kind, no_motives=no_motives, item=item)
    inputs = load_inputs(case, (a, b))
    model = inputs.case
    g, collapsed = an.project(model, inputs.statuses, filters)
    if with_claimants or _lonely(g, a) or _lonely(g, b):
        g, _ = an.project(model, inputs.statuses, replace(filters, claimants=True))
        ends = [an.resolve_entity(g, x) for x in (a, b)]
        g = an.said_by(g, [n for n in ends
                           if with_claimants or an.links_only_by_saying(g, n)])
        collapsed = an.collapse_graph(an.aggregate_graph(g))
    paths = an.strongest_paths(g, a, b, k=k, max_hops=max_hops, undirected=undirected,
                               collapsed=collapsed)
    quotes, titles = _quotes(model)
    on_paths = {n for p in paths for n in p.nodes}
    if fmt is OutputFormat.json:
        out = []
        for p in paths:
            d = p.to_dict()
            for hop in d["hops"]:
                for c in hop["claims"]:
                    c["evidence"] = [{"source": s, "title": titles.get(s), "relation": r,
                                      "quote": q} for s, r, q in quotes.get(c["claim"], [])]
            out.append(d)
        emit_json({"from": an.resolve_entity(g, a), "to": an.resolve_entity(g, b),
                    "paths": out, **scope_json(g, why=True, shown=on_paths)})
        return
    if not paths:
        tries = ([] if undirected else ["--undirected"]) + (
            [] if with_claimants or not _claimant(model, g, a) else
            ["--with-claimants (to start from what it says)"])
        hint = f" — try {' or '.join(tries)}" if tries else ""
        console.print(f"no path of at most {max_hops} hops from {escape(a)} to "
                      f"{escape(b)}{hint}")
        print_notes(g, why=True, shown=on_paths)
        raise typer.Exit(1)
    for i, p in enumerate(paths, start=1):
        route = " → ".join(escape(name_of(g, n)) for n in p.nodes)
        tree = Tree(f"[bold]path {i}[/] {route} [dim](cost {p.cost:.3g}, weakest link "
                    f"{p.weakest:.3g})[/]")
        for hop in p.hops:
            for c in hop.claims[:per_hop]:
                s, o = (hop.target, hop.source) if c.get("reversed") else (hop.source, hop.target)
                what = (f"[bold]says[/] “{escape(c['text'] or '')}” [dim](about "
                        f"{escape(name_of(g, o))})[/]" if c.get("derived") == "claimants"
                        else f"[bold]{escape(c['label'])}[/] {escape(name_of(g, o))}")
                node = tree.add(
                    f"[cyan]{escape(c['claim'])}[/] {escape(name_of(g, s))} {what} "
                    f"[dim]— {escape(c['status'])}, {c['origins']} independent origin(s)[/]")
                node.add(escape(c["text"] or ""))
                for src, rel, q in quotes.get(c["claim"], []):
                    node.add(f"[green]{escape(rel)}[/] [bold]{escape(src)}[/] "
                             f"[dim]{escape(_short(titles.get(src, ''), 60))}[/]: "
                             f"“{escape(_short(q, 160))}”")
            if len(hop.claims) > per_hop:
                tree.add(f"[dim]… and {len(hop.claims) - per_hop} more claim(s) between "
                         f"{escape(name_of(g, hop.source))} and {escape(name_of(g, hop.target))}"
                         " (--claims-per-hop)[/]")
        console.print(tree, soft_wrap=False)
    print_notes(g, why=True, shown=on_paths)


def _claimant(model: Case, g: nx.MultiDiGraph, text: str) -> bool:
    """True when ``text`` names a node that makes claims of the case."""
    try:
        n = an.resolve_entity(g, text)
    except NotFoundError:
        return False
    merged = set((g.graph.get("merged") or {}).get(n, [n]))
    return any(c.effective_claimant() in merged for c in model.claims)


def _lonely(g: nx.MultiDiGraph, text: str) -> bool:
    """True when ``text`` names no node of ``g``, or one no claim links: maybe a claimant
    only (an outlet, the article), which ``why`` reaches through what it says."""
    try:
        n = an.resolve_entity(g, text)
    except NotFoundError:
        return True
    return g.degree(n) == 0


# -- neighbours ------------------------------------------------------------------------
@app.command("neighbours", epilog="Example: claimgraph neighbours china --depth 2  ·  "
                                  "claimgraph neighbours russia --item drones")
def neighbours_cmd(
    entity: Annotated[str, typer.Argument(metavar="ENTITY",
                                          help="Centre entity (id, name or alias).")],
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, help="How many claims away.")] = 1,
    directed: Annotated[bool, typer.Option(
        "--directed", help="Follow outgoing claims only.")] = False,
    case: CaseOpt = None, min_status: MinStatusOpt = None, include_denied: DeniedOpt = False,
    as_of: AsOfOpt = None, predicate: PredicateOpt = None, kind: KindOpt = None,
    no_motives: NoMotivesOpt = False, tag: TagOpt = None, item: ItemOpt = None,
    include_rated: IncludeRatedOpt = False, with_claimants: WithClaimantsOpt = False,
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """The ego network of an entity: who is within N claims of it, and through which claims
    (a denial reads as one: "China denies supplying Russia")."""
    if not computing():  # answered from the analytics cache when asked before
        params = {k: v for k, v in locals().items() if k not in ("case", "fmt")}
        cached_answer(fmt, "neighbours", case, (entity,), params,
                    lambda cid: neighbours_cmd(**{**params, "case": cid, "fmt": fmt}))
        return
    _, g, _ = load_projection(case, make_filters(
        min_status=min_status, include_denied=include_denied, as_of=as_of, predicate=predicate,
        kind=kind, no_motives=no_motives, item=item, include_rated=include_rated,
        with_claimants=with_claimants), tag, entities=(entity,))
    rows = an.ego_rows(g, entity, depth, undirected=not directed)
    if fmt is OutputFormat.json:
        emit_json({"center": rows[0].node, "depth": depth, "rows": [r.to_dict() for r in rows],
                    **scope_json(g)})
        return
    root = rows[0]
    tree = Tree(f"[bold]{escape(root.name)}[/] [dim]{escape(root.node)} ({escape(root.kind)})[/]")
    branches = {root.node: tree}
    index = claim_index(g)
    for r in rows[1:]:
        pair = (r.node, r.parent)
        claims = [claim_line(g, index, c, pair) for c in r.claims]
        claims += [claim_line(g, index, c, pair) + " [dim]←[/]" for c in r.reversed]
        branch = branches[r.parent or root.node].add(
            f"[bold]{escape(r.name)}[/] [dim]{escape(r.node)} ({escape(r.kind)})[/]  "
            + "; ".join(claims))
        branches[r.node] = branch
    console.print(tree, soft_wrap=False)
    print_notes(g)


# -- communities -----------------------------------------------------------------------
@app.command("communities", epilog="Example: claimgraph communities --min-size 3 --seed 42")
def communities_cmd(
    seed: Annotated[int, typer.Option("--seed", help="Louvain seed (same seed, same answer).")]
    = 42,
    resolution: Annotated[float, typer.Option(
        "--resolution", help="Higher gives more, smaller communities.")] = 1.0,
    min_size: Annotated[int, typer.Option("--min-size", min=1, help="Hide smaller ones.")] = 2,
    case: CaseOpt = None, min_status: MinStatusOpt = None, include_denied: DeniedOpt = False,
    as_of: AsOfOpt = None, predicate: PredicateOpt = None, kind: KindOpt = None,
    no_motives: NoMotivesOpt = False, item: ItemOpt = None,
    include_rated: IncludeRatedOpt = False, with_claimants: WithClaimantsOpt = False,
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Groups of entities more tightly linked to each other than to the rest (Louvain on the
    evidence-weighted graph, seeded and deterministic)."""
    _, g, collapsed = load_projection(case, make_filters(
        min_status=min_status, include_denied=include_denied, as_of=as_of, predicate=predicate,
        kind=kind, no_motives=no_motives, item=item, include_rated=include_rated,
        with_claimants=with_claimants))
    groups = an.communities(collapsed, seed=seed, resolution=resolution, min_size=min_size)
    if fmt is OutputFormat.json:
        print_json({"seed": seed, "resolution": resolution, "communities": groups,
                    **scope_json(g)})
        return
    table = Table(title=f"{len(groups)} communities (Louvain, seed {seed})")
    table.add_column("#", justify="right")
    table.add_column("size", justify="right")
    table.add_column("members", overflow="fold")
    for i, members in enumerate(groups, start=1):
        table.add_row(str(i), str(len(members)),
                      ", ".join(escape(name_of(g, n)) for n in members))
    console.print(table)
    print_notes(g)


# -- timeline --------------------------------------------------------------------------
@app.command("timeline", epilog="Example: claimgraph timeline --subject china --item "
                                "nitrocellulose --chart nitrocellulose.svg  ·  "
                                "claimgraph timeline --item drones --include-rated")
def timeline_cmd(
    subject: Annotated[str | None, typer.Option("--subject", "-s", help="Subject entity.")]
    = None,
    obj: Annotated[str | None, typer.Option("--object", "-o", help="Object entity.")] = None,
    quantified_only: Annotated[bool, typer.Option(
        "--quantified-only", help="Only claims with a quantity.")] = False,
    chart: Annotated[Path | None, typer.Option(
        "--chart", metavar="OUT.png|OUT.svg", help="Also draw the chart to this file.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Chart title.")] = None,
    case: CaseOpt = None, min_status: MinStatusOpt = None, include_denied: DeniedOpt = False,
    as_of: AsOfOpt = None, predicate: PredicateOpt = None, kind: KindOpt = None,
    tag: TagOpt = None, item: ItemOpt = None, include_rated: IncludeRatedOpt = False,
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Dated (and quantified) claims over time, as a table and optionally a PNG/SVG chart:
    one panel per unit, capacities apart, open intervals as arrows from their known end,
    each claim marked by its evidence status and labelled with its amount and id."""
    _, g, _ = load_projection(case, make_filters(
        min_status=min_status, include_denied=include_denied, as_of=as_of, predicate=predicate,
        kind=kind, no_motives=True, item=item, include_rated=include_rated), tag,
        entities=(subject, obj, *(item or ())))
    rows = an.timeline_rows(g, subject=subject, obj=obj, quantified_only=quantified_only)
    written = None
    if chart is not None:
        default_title = " · ".join(x for x in (subject, *(item or []), *(predicate or [])) if x)
        written = an.timeline_chart(rows, chart, title=title or default_title or None)
    if fmt is OutputFormat.json:
        print_json({"rows": [r.to_dict() for r in rows],
                    "chart": str(written) if written else None, **scope_json(g)})
        return
    table = Table(title=f"{len(rows)} dated claims")
    table.add_column("time", no_wrap=True)
    table.add_column("claim", no_wrap=True)
    table.add_column("who → whom", min_width=12, ratio=2, overflow="fold")
    table.add_column("item", min_width=6, ratio=1, overflow="fold")
    table.add_column("quantity", justify="right", min_width=8, ratio=1, overflow="fold")
    table.add_column("status", min_width=9, ratio=1, overflow="fold")
    for r in rows:
        status = r.status + (" [red]denied[/]" if r.polarity == "denied" else "")
        said = (f"[red]{escape(r.label)}[/]" if r.polarity == "denied"
                else f"[dim]{escape(r.label)}[/]")
        table.add_row(escape(r.time), escape(r.claim),
                      f"{escape(name_of(g, r.subject))} {said} {escape(name_of(g, r.object))}",
                      escape(name_of(g, r.item) if r.item else ""), escape(an.amount(r)), status)
    console.print(table)
    print_notes(g)
    if written:
        console.print(f"chart written to {escape(str(written))}")


# -- export-graph ----------------------------------------------------------------------
@app.command("export-graph", epilog="Example: claimgraph export-graph network.gexf "
                                    "--level claims --min-status single-origin")
def export_graph_cmd(
    out: Annotated[Path, typer.Argument(metavar="OUT",
                                        help="Output file: .graphml, .gexf, .json or .csv.")],
    level: Annotated[Level, typer.Option(
        "--level", help="claims: one edge per claim; aggregated: one per subject-predicate-"
                        "object; collapsed: one per pair of entities.")] = Level.claims,
    graph_format: Annotated[str | None, typer.Option(
        "--graph-format", help="graphml, gexf, json or csv (default: from the suffix).")] = None,
    case: CaseOpt = None, min_status: MinStatusOpt = None, include_denied: DeniedOpt = False,
    as_of: AsOfOpt = None, predicate: PredicateOpt = None, kind: KindOpt = None,
    no_motives: NoMotivesOpt = False, item: ItemOpt = None,
    include_rated: IncludeRatedOpt = False, with_claimants: WithClaimantsOpt = False,
) -> None:
    """Write the network for Gephi, Cytoscape, yEd or a spreadsheet: GraphML, GEXF (with
    claim dates, for Gephi's timeline), node-link JSON or a CSV edge list. (The store's RDF
    export is `claimgraph export`.)"""
    _, g, collapsed = load_projection(case, make_filters(
        min_status=min_status, include_denied=include_denied, as_of=as_of, predicate=predicate,
        kind=kind, no_motives=no_motives, item=item, include_rated=include_rated,
        with_claimants=with_claimants))
    graph: nx.Graph = (g if level is Level.claims else collapsed if level is Level.collapsed
                       else an.aggregate_graph(g))
    path = an.export_graph(graph, out, graph_format)
    console.print(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges "
                  f"to {escape(str(path))}")
    print_notes(g)
