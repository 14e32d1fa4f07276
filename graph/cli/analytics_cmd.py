"""Network analytics commands: ``rank``, ``why``, ``neighbours``, ``communities``,
``timeline`` and ``export-graph``.

They read the case and its evidence assessment from the store (never from YAML), project
them with :mod:`claimgraph.graph.analytics` and print rich tables/trees, or ``--format
json``. Every command takes the same filter options (:data:`FilterOpts`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.tree import Tree

from claimgraph.errors import AnalysisError
from claimgraph.graph import analytics as an  # lazy: networkx loads on first use
from claimgraph.graph.analytics.cache import AnswerCache

from .app import app
from .common import console, err_console, escape, print_json
from .options import OutputFormat, TextOrJson
from .stores import open_cli_store, pick_case

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


# -- the option set every command shares --------------------------------------------------
CaseOpt = Annotated[str | None, typer.Option(
    "--case", "-c", metavar="CASE",
    help="Case id in the store (default: the only case there).")]


def _min_status_help() -> str:
    """The statuses in order need the status vocabulary (~0.3 s of imports): skipped when
    the command is only run (:func:`claimgraph.graph.cli.load_commands`), not described."""
    from . import lean

    if lean():
        return "Keep claims with this evidence status or a stronger one."
    return ("Keep claims with this evidence status or a stronger one: "
            + " > ".join(an.load_evidence_scale().statuses) + ".")


MinStatusOpt = Annotated[str | None, typer.Option(
    "--min-status", metavar="STATUS", help=_min_status_help())]
DeniedOpt = Annotated[bool, typer.Option(
    "--include-denied/--exclude-denied",
    help="Keep denied claims (they weaken the matching affirmed links, never make one).")]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", help="Drop claims whose time starts after DATE (YYYY[-MM[-DD]]).")]
PredicateOpt = Annotated[list[str] | None, typer.Option(
    "--predicate", "-p", metavar="PRED", help="Keep only this predicate (repeatable).")]
KindOpt = Annotated[list[str] | None, typer.Option(
    "--kind", "-k", metavar="KIND",
    help="Keep only entities of this kind or its sub-kinds, e.g. actor (repeatable).")]
TagOpt = Annotated[list[str] | None, typer.Option(
    "--tag", "-t", metavar="TAG",
    help="Keep only claims carrying this tag: an analysis or section the case declares "
         "(repeatable: any of them).")]
NoMotivesOpt = Annotated[bool, typer.Option(
    "--no-motives", help="Leave out the actor -> motive edges made from claims' motives.")]


def _filters(min_status: str | None, include_denied: bool, as_of: str | None,
             predicate: list[str] | None, kind: list[str] | None,
             no_motives: bool = False) -> an.Filters:
    return an.Filters(min_status=min_status, include_denied=include_denied, as_of=as_of,
                      predicates=frozenset(predicate or ()), kinds=frozenset(kind or ()),
                      motives=not no_motives)


def _load(case: str | None, filters: an.Filters,
          tags: list[str] | None = None) -> tuple[Case, nx.MultiDiGraph, nx.DiGraph]:
    store = open_cli_store(write=False)
    try:
        inputs = an.load_inputs(store, pick_case(store, case, how="pass --case with one of"))
    finally:
        store.close()
    return _project(inputs, filters, tags)


def _project(inputs: an.Inputs, filters: an.Filters,
             tags: list[str] | None) -> tuple[Case, nx.MultiDiGraph, nx.DiGraph]:
    if not inputs.assessed:
        _no_assessment_note()
    from claimgraph.graph.analytics.selection import with_tags

    g, collapsed = an.project(with_tags(inputs.case, tags), inputs.statuses, filters)
    # The case and its graphs live until the command ends and hold no cycles to collect:
    # stop the collector re-scanning them (rank on 100k claims: 18.6 s -> 14.2 s). Only in
    # the CLI process, never in the library, where it would freeze a notebook's objects.
    gc.freeze()
    return inputs.case, g, collapsed


def _no_assessment_note() -> None:
    err_console.print("[yellow]note:[/] no evidence assessment in the store for this "
                      "case; statuses are estimated from distinct sources (rebuild it)")


Compute = Callable[["Case", "nx.MultiDiGraph", "nx.DiGraph"], Any]


def _answer(case: str | None, kind: str, params: dict[str, Any], filters: dict[str, Any],
            compute: Compute, tags: list[str] | None = None) -> Any:
    """The answer of one command: from the analytics cache when this build of the case
    was asked the same before (:mod:`claimgraph.graph.analytics.cache`), else read,
    projected, computed and kept. ``params``: the command's options the answer depends
    on; ``filters``: the filter options (:func:`_filter_params`)."""
    store = open_cli_store(write=False)
    try:
        case_id = pick_case(store, case, how="pass --case with one of")
        cache = AnswerCache.for_store(store, case_id)
        key = {**params, **filters, "tags": sorted(tags or ())}
        hit = cache.get(kind, key)
        if hit is None:
            inputs = an.load_inputs(store, case_id)
    finally:
        store.close()
    if hit is not None:
        if not hit["assessed"]:
            _no_assessment_note()
        return hit["answer"]
    model, g, collapsed = _project(inputs, _filters(**filters), tags)
    answer = compute(model, g, collapsed)
    cache.put(kind, key, {"assessed": inputs.assessed, "answer": answer})
    return answer


def _filter_params(min_status: str | None, include_denied: bool, as_of: str | None,
                   predicate: list[str] | None, kind: list[str] | None,
                   no_motives: bool = False) -> dict[str, Any]:
    return {"min_status": min_status, "include_denied": include_denied, "as_of": as_of,
            "predicate": sorted(predicate or ()), "kind": sorted(kind or ()),
            "no_motives": no_motives}


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _name(g: nx.Graph, n: str) -> str:
    return str(g.nodes[n].get("name", n)) if n in g else n


def _claim_index(g: nx.MultiDiGraph) -> dict[str, tuple[str, str, dict[str, Any]]]:
    out: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for u, v, d in g.edges(data=True):
        if not d.get("derived"):
            out.setdefault(d["claim"], (u, v, d))
    return out


def _claim_infos(g: nx.MultiDiGraph, cids: list[str]) -> dict[str, dict[str, Any]]:
    """What a claim line shows, per claim id (plain data: it goes into the cache)."""
    index = _claim_index(g)
    out: dict[str, dict[str, Any]] = {}
    for cid in cids:
        if cid in index and cid not in out:
            u, v, d = index[cid]
            item = d.get("item")
            out[cid] = {"s": u, "sn": _name(g, u), "o": v, "on": _name(g, v),
                        "label": d["label"], "status": d["status"],
                        "item": _name(g, item) if item and item not in (u, v) else None}
    return out


def _claim_line(infos: dict[str, dict[str, Any]], cid: str,
                pair: tuple[str, str | None] | None = None) -> str:
    if cid not in infos:
        return escape(cid)
    i = infos[cid]
    said = f"{escape(i['sn'])} {escape(i['label'])} {escape(i['on'])}"
    if i.get("item"):
        said += f" · {escape(i['item'])}"
    if pair is not None and {i["s"], i["o"]} != set(pair):  # an actor -> motive edge
        return f"{escape(cid)} [dim](motive given for: {said}; {escape(i['status'])})[/]"
    return f"{escape(cid)} [dim]({said}; {escape(i['status'])})[/]"


# -- rank ------------------------------------------------------------------------------
@app.command("rank", epilog="Example: claimgraph rank --by betweenness --top 10 --group actor "
                            "--min-status single-origin")
def rank_cmd(
    by: Annotated[str, typer.Option("--by", help=f"Measure to sort by: {', '.join(an.MEASURES)}.")]
    = "pagerank",
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many rows.")] = 15,
    group: Annotated[list[str] | None, typer.Option(
        "--group", "-g", help="Show only entities of this kind group (actor, thing).")] = None,
    why: Annotated[int, typer.Option("--why", min=0, help="Claims shown per entity.")] = 3,
    samples: Annotated[int, typer.Option(
        "--samples", min=1, help="Betweenness sample size above 1,000 entities (seeded).")] = 100,
    case: CaseOpt = None, min_status: MinStatusOpt = None, include_denied: DeniedOpt = False,
    as_of: AsOfOpt = None, predicate: PredicateOpt = None, kind: KindOpt = None,
    no_motives: NoMotivesOpt = False, fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Who matters: degree, in/out strength, betweenness and PageRank weighted by evidence,
    with the strongest claims behind each score."""

    def compute(model: Case, g: nx.MultiDiGraph, collapsed: nx.DiGraph) -> dict[str, Any]:
        tops = sorted(k.id for k in an.case_vocab(model).entity_kinds.values() if not k.parent)
        for grp in group or ():
            if grp not in tops:
                raise AnalysisError(f"unknown kind group {grp!r}",
                                    hint=f"use one of: {', '.join(tops)}")
        rows = an.rank(g, collapsed, by=by, top=top, groups=group or (), why=why,
                       samples=samples)
        return {"rows": [r.to_dict() for r in rows],
                "claims": _claim_infos(g, [c for r in rows for c in r.why])}

    params = {"by": by, "top": top, "group": sorted(group or ()), "why": why,
              "samples": samples}
    answer = _answer(case, "rank", params, _filter_params(
        min_status, include_denied, as_of, predicate, kind, no_motives), compute)
    rows, infos = answer["rows"], answer["claims"]
    if fmt is OutputFormat.json:
        print_json({"by": by, "rows": rows})
        return
    table = Table(title=f"Top {len(rows)} by {by}", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("entity", ratio=2)
    for m in an.MEASURES:
        table.add_column(_SHORT[m], justify="right", style="bold" if m == by else None)
    table.add_column("why: strongest claims", ratio=3)
    for r in rows:
        table.add_row(str(r["rank"]),
                      f"{escape(r['name'])}\n[dim]{escape(r['node'])} · {escape(r['kind'])}[/]",
                      *(f"{r['scores'][m]:.3g}" for m in an.MEASURES),
                      "\n".join(_claim_line(infos, c) for c in r["why"]))
    console.print(table)
    console.print("[dim]PR = PageRank, betw. = betweenness, deg. = claims touching it, "
                  "in/out = summed evidence weight of incoming/outgoing links[/]")


_SHORT = {"pagerank": "PR", "betweenness": "betw.", "degree": "deg.", "in_strength": "in",
          "out_strength": "out"}


# -- why -------------------------------------------------------------------------------
def _quotes(case: Case) -> tuple[dict[str, list[tuple[str, str, str]]], dict[str, str]]:
    quotes: dict[str, list[tuple[str, str, str]]] = {
        c.id: [(e.source, str(e.relation), e.quote) for e in c.evidence] for c in case.claims}
    titles = {s.id: s.title for s in case.sources}
    return quotes, titles


@app.command("why", epilog="Example: claimgraph why PLA russian-defense-industry --undirected "
                           "-n 3")
def why_cmd(
    a: Annotated[str, typer.Argument(metavar="A", help="From this entity (id, name or alias).")],
    b: Annotated[str, typer.Argument(metavar="B", help="To this entity (id, name or alias).")],
    k: Annotated[int, typer.Option("--paths", "-n", min=1, help="How many paths.")] = 5,
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, help="Longest path.")] = 4,
    undirected: Annotated[bool, typer.Option(
        "--undirected", "-u", help="Let a hop follow a claim against its direction.")] = False,
    per_hop: Annotated[int, typer.Option(
        "--claims-per-hop", min=1, help="Claims shown per hop (strongest first).")] = 3,
    case: CaseOpt = None, min_status: MinStatusOpt = None, include_denied: DeniedOpt = False,
    as_of: AsOfOpt = None, predicate: PredicateOpt = None, kind: KindOpt = None,
    no_motives: NoMotivesOpt = False, fmt: TextOrJson = OutputFormat.text,
) -> None:
    """How A is connected to B: the best-evidenced paths, each hop shown as its claim(s)
    with status, sources and quotes."""

    def compute(model: Case, g: nx.MultiDiGraph, collapsed: nx.DiGraph) -> dict[str, Any]:
        paths = an.strongest_paths(g, a, b, k=k, max_hops=max_hops, undirected=undirected,
                                   collapsed=collapsed)
        quotes, titles = _quotes(model)
        out = []
        for p in paths:
            d = p.to_dict()
            for hop in d["hops"]:
                for c in hop["claims"]:
                    c["evidence"] = [{"source": s, "title": titles.get(s), "relation": r,
                                      "quote": q} for s, r, q in quotes.get(c["claim"], [])]
            out.append(d)
        nodes = {n for p in paths for n in p.nodes}
        return {"from": an.resolve_entity(g, a), "to": an.resolve_entity(g, b),
                "paths": out, "names": {n: _name(g, n) for n in sorted(nodes)}}

    params = {"a": a, "b": b, "k": k, "max_hops": max_hops, "undirected": undirected}
    answer = _answer(case, "why", params, _filter_params(
        min_status, include_denied, as_of, predicate, kind, no_motives), compute)
    paths, names = answer["paths"], answer["names"]
    if fmt is OutputFormat.json:
        print_json({"from": answer["from"], "to": answer["to"], "paths": paths})
        return
    if not paths:
        hint = "" if undirected else " — try --undirected"
        console.print(f"no path of at most {max_hops} hops from {escape(a)} to "
                      f"{escape(b)}{hint}")
        raise typer.Exit(1)

    def name(n: str) -> str:
        return str(names.get(n, n))

    for i, p in enumerate(paths, start=1):
        route = " → ".join(escape(name(n)) for n in p["nodes"])
        tree = Tree(f"[bold]path {i}[/] {route} [dim](cost {p['cost']:.3g}, weakest link "
                    f"{p['weakest']:.3g})[/]")
        for hop in p["hops"]:
            for c in hop["claims"][:per_hop]:
                s, o = ((hop["target"], hop["source"]) if c.get("reversed")
                        else (hop["source"], hop["target"]))
                node = tree.add(
                    f"[cyan]{escape(c['claim'])}[/] {escape(name(s))} "
                    f"[bold]{escape(c['label'])}[/] {escape(name(o))} "
                    f"[dim]— {escape(c['status'])}, {c['origins']} independent origin(s)[/]")
                node.add(escape(c["text"] or ""))
                for e in c["evidence"]:
                    node.add(f"[green]{escape(e['relation'])}[/] [bold]{escape(e['source'])}[/] "
                             f"[dim]{escape(_short(e['title'] or '', 60))}[/]: "
                             f"“{escape(_short(e['quote'], 160))}”")
            if len(hop["claims"]) > per_hop:
                tree.add(f"[dim]… and {len(hop['claims']) - per_hop} more claim(s) between "
                         f"{escape(name(hop['source']))} and {escape(name(hop['target']))}"
                         " (--claims-per-hop)[/]")
        console.print(tree, soft_wrap=False)


# -- neighbours ------------------------------------------------------------------------
@app.command("neighbours", epilog="Example: claimgraph neighbours china --depth 2")
def neighbours_cmd(
    entity: Annotated[str, typer.Argument(metavar="ENTITY",
                                          help="Centre entity (id, name or alias).")],
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, help="How many claims away.")] = 1,
    directed: Annotated[bool, typer.Option(
        "--directed", help="Follow outgoing claims only.")] = False,
    case: CaseOpt = None, min_status: MinStatusOpt = None, include_denied: DeniedOpt = False,
    as_of: AsOfOpt = None, predicate: PredicateOpt = None, kind: KindOpt = None,
    no_motives: NoMotivesOpt = False, tag: TagOpt = None, fmt: TextOrJson = OutputFormat.text,
) -> None:
    """The ego network of an entity: who is within N claims of it, and through which claims
    (a denial reads as one: "China denies supplying Russia")."""

    def compute(model: Case, g: nx.MultiDiGraph, collapsed: nx.DiGraph) -> dict[str, Any]:
        rows = an.ego_rows(g, entity, depth, undirected=not directed)
        cids = [c for r in rows for c in (*r.claims, *r.reversed)]
        return {"rows": [r.to_dict() for r in rows], "claims": _claim_infos(g, cids)}

    params = {"entity": entity, "depth": depth, "directed": directed}
    answer = _answer(case, "neighbours", params, _filter_params(
        min_status, include_denied, as_of, predicate, kind, no_motives), compute, tag)
    rows, infos = answer["rows"], answer["claims"]
    if fmt is OutputFormat.json:
        print_json({"center": rows[0]["node"], "depth": depth, "rows": rows})
        return
    root = rows[0]
    tree = Tree(f"[bold]{escape(root['name'])}[/] [dim]{escape(root['node'])} "
                f"({escape(root['kind'])})[/]")
    branches = {root["node"]: tree}
    for r in rows[1:]:
        pair = (r["node"], r["parent"])
        claims = [_claim_line(infos, c, pair) for c in r["claims"]]
        claims += [_claim_line(infos, c, pair) + " [dim]←[/]" for c in r["reversed"]]
        branch = branches[r["parent"] or root["node"]].add(
            f"[bold]{escape(r['name'])}[/] [dim]{escape(r['node'])} ({escape(r['kind'])})[/]  "
            + "; ".join(claims))
        branches[r["node"]] = branch
    console.print(tree, soft_wrap=False)


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
    no_motives: NoMotivesOpt = False, fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Groups of entities more tightly linked to each other than to the rest (Louvain on the
    evidence-weighted graph, seeded and deterministic)."""
    _, g, collapsed = _load(case, _filters(min_status, include_denied, as_of, predicate, kind,
                                           no_motives))
    groups = an.communities(collapsed, seed=seed, resolution=resolution, min_size=min_size)
    if fmt is OutputFormat.json:
        print_json({"seed": seed, "resolution": resolution, "communities": groups})
        return
    table = Table(title=f"{len(groups)} communities (Louvain, seed {seed})")
    table.add_column("#", justify="right")
    table.add_column("size", justify="right")
    table.add_column("members")
    for i, members in enumerate(groups, start=1):
        table.add_row(str(i), str(len(members)),
                      ", ".join(escape(_name(g, n)) for n in members))
    console.print(table)


# -- timeline --------------------------------------------------------------------------
@app.command("timeline", epilog="Example: claimgraph timeline --subject china --item "
                                "nitrocellulose --chart nitrocellulose.svg")
def timeline_cmd(
    subject: Annotated[str | None, typer.Option("--subject", "-s", help="Subject entity.")]
    = None,
    obj: Annotated[str | None, typer.Option("--object", "-o", help="Object entity.")] = None,
    item: Annotated[str | None, typer.Option("--item", "-i", help="Item (e.g. a commodity).")]
    = None,
    quantified_only: Annotated[bool, typer.Option(
        "--quantified-only", help="Only claims with a quantity.")] = False,
    chart: Annotated[Path | None, typer.Option(
        "--chart", metavar="OUT.png|OUT.svg", help="Also draw the chart to this file.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Chart title.")] = None,
    case: CaseOpt = None, min_status: MinStatusOpt = None, include_denied: DeniedOpt = False,
    as_of: AsOfOpt = None, predicate: PredicateOpt = None, kind: KindOpt = None,
    tag: TagOpt = None, fmt: TextOrJson = OutputFormat.text,
) -> None:
    """Dated (and quantified) claims over time, as a table and optionally a PNG/SVG chart:
    one panel per unit, capacities apart, open intervals as arrows from their known end,
    each claim marked by its evidence status and labelled with its amount and id."""
    _, g, _ = _load(case, _filters(min_status, include_denied, as_of, predicate, kind, True),
                    tag)
    rows = an.timeline_rows(g, subject=subject, obj=obj, item=item,
                            quantified_only=quantified_only)
    written = None
    if chart is not None:
        default_title = " · ".join(x for x in (subject, item, *(predicate or [])) if x)
        written = an.timeline_chart(rows, chart, title=title or default_title or None)
    if fmt is OutputFormat.json:
        print_json({"rows": [r.to_dict() for r in rows],
                    "chart": str(written) if written else None})
        return
    table = Table(title=f"{len(rows)} dated claims")
    table.add_column("time", no_wrap=True)
    table.add_column("claim", no_wrap=True)
    table.add_column("who → whom", min_width=12, ratio=2)
    table.add_column("item", min_width=6, ratio=1, overflow="fold")
    table.add_column("quantity", justify="right", min_width=8, ratio=1)
    table.add_column("status", min_width=9, ratio=1)
    for r in rows:
        status = r.status + (" [red]denied[/]" if r.polarity == "denied" else "")
        said = (f"[red]{escape(r.label)}[/]" if r.polarity == "denied"
                else f"[dim]{escape(r.label)}[/]")
        table.add_row(escape(r.time), escape(r.claim),
                      f"{escape(_name(g, r.subject))} {said} {escape(_name(g, r.object))}",
                      escape(_name(g, r.item) if r.item else ""), escape(an.amount(r)), status)
    console.print(table)
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
    no_motives: NoMotivesOpt = False,
) -> None:
    """Write the network for Gephi, Cytoscape, yEd or a spreadsheet: GraphML, GEXF (with
    claim dates, for Gephi's timeline), node-link JSON or a CSV edge list. (The store's RDF
    export is `claimgraph export`.)"""
    _, g, collapsed = _load(case, _filters(min_status, include_denied, as_of, predicate, kind,
                                           no_motives))
    graph: nx.Graph = (g if level is Level.claims else collapsed if level is Level.collapsed
                       else an.aggregate_graph(g))
    path = an.export_graph(graph, out, graph_format)
    console.print(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges "
                  f"to {escape(str(path))}")
