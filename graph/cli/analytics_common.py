"""What the analytics commands share: the filter options, loading a projection from the
store, and the notes every output carries about what the projection left out or merged.

Every analytics output says what its filters did beyond the obvious: how many claims it
left out for their verdict rating (``--include-rated`` keeps them), which narrower items an
``--item`` filter included, and which ``same_as`` ids a node stands for. In text, one dim
line each after the answer (:func:`print_notes`); in JSON, the keys ``rated_out``,
``about`` and ``merged`` of the document (:func:`scope_json`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from claimgraph.graph import analytics as an  # lazy: networkx loads on first use
from claimgraph.graph.analytics.cache import AnswerCache

if TYPE_CHECKING:  # an answer from the cache needs neither networkx nor the models
    import networkx as nx

    from claimgraph.schema.models import Case

from .common import console, err_console, escape, print_json
from .options import CaseOpt, OutputFormat
from .stores import open_cli_store, pick_case

__all__ = [
    "AsOfOpt",
    "CaseOpt",
    "DeniedOpt",
    "KindOpt",
    "MinStatusOpt",
    "NoMotivesOpt",
    "PredicateOpt",
    "TagOpt",
    "cached_json",
    "claim_index",
    "claim_line",
    "claimant_table",
    "computing",
    "emit_json",
    "load_inputs",
    "load_projection",
    "make_filters",
    "name_of",
    "notes",
    "print_notes",
    "scope_json",
]

MinStatusOpt = Annotated[str | None, typer.Option(
    "--min-status", metavar="STATUS",
    help="Keep claims with this evidence status or a stronger one (the scale, strongest "
         "first: `claimgraph vocab statuses`; an unknown one is refused with the list).")]
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


def make_filters(*, min_status: str | None = None, include_denied: bool = False,
                 as_of: str | None = None, predicate: list[str] | None = None,
                 kind: list[str] | None = None, no_motives: bool = False,
                 item: list[str] | None = None, include_rated: bool = False,
                 with_claimants: bool = False) -> an.Filters:
    """The :class:`~claimgraph.graph.analytics.Filters` of the shared options."""
    return an.Filters(min_status=min_status, include_denied=include_denied, as_of=as_of,
                      predicates=frozenset(predicate or ()), kinds=frozenset(kind or ()),
                      motives=not no_motives, about=frozenset(item or ()),
                      include_rated=include_rated, claimants=with_claimants)


def load_inputs(case: str | None, entities: tuple[str | None, ...] = ()) -> an.Inputs:
    """The case and its statuses, read from the CLI's store (a note when not assessed); with
    several cases and no ``--case``, the one holding the ``entities`` the command names."""
    store = open_cli_store(write=False)
    try:
        named = [e for e in entities if e]
        inputs = an.load_inputs(store, pick_case(store, case, entities=named))
    finally:
        store.close()
    _ASSESSED[:] = [inputs.assessed]
    if not inputs.assessed:
        _no_assessment_note()
    return inputs


def _no_assessment_note() -> None:
    err_console.print("[yellow]note:[/] no evidence assessment in the store for this "
                      "case; statuses are estimated from distinct sources (rebuild it)")


_ASSESSED: list[bool] = []
"""Whether the case last read had an evidence assessment (kept with a cached answer)."""
_SINK: list[list[Any]] = []
"""While :func:`cached_json` computes an answer: the JSON documents the command emits."""


def computing() -> bool:
    """True while :func:`cached_json` runs a command to compute the answer it keeps."""
    return bool(_SINK)


def emit_json(doc: Any) -> None:
    """Print a command's JSON document, or hand it to :func:`cached_json` computing it."""
    if _SINK:
        _SINK[-1].append(doc)
    else:
        print_json(doc)


def cached_json(kind: str, case: str | None, entities: tuple[str | None, ...],
                params: Mapping[str, Any], run: Callable[[str], None]) -> None:
    """Print the JSON answer of command ``kind``: from the analytics cache when this build
    of the case was asked the same before (:mod:`claimgraph.graph.analytics.cache`), else
    computed by ``run(case_id)`` (the command itself, emitting through :func:`emit_json`)
    and kept. ``params``: every option the answer depends on."""

    def compute(case_id: str) -> Any:
        run(case_id)
        docs = _SINK[-1]
        for doc in docs:
            print_json(doc)
        return docs[0] if len(docs) == 1 else None

    _kept(kind, "answer", object, case, entities, params, compute, print_json)


def cached_text(kind: str, case: str | None, entities: tuple[str | None, ...],
                params: Mapping[str, Any], run: Callable[[str], None]) -> None:
    """Print the text answer of command ``kind`` as :func:`cached_json` prints its JSON:
    kept as the text the command wrote, keyed also by what shaped it (the console's width,
    colours and whether it is a terminal), so a repeat prints the same bytes without
    reading the store. An answer that ends in an error (no path, unknown entity) is not
    kept."""
    shape = {"width": console.width, "colour": console.color_system,
             "terminal": console.is_terminal}

    def compute(case_id: str) -> str:
        console.record = True
        console.export_text(clear=True)         # nothing recorded before this answer
        try:
            run(case_id)
            return console.export_text(clear=True, styles=console.color_system is not None)
        finally:
            console.record = False

    def show(text: str) -> None:
        console.file.write(text)
        console.file.flush()

    _kept(f"{kind}-text", "text", str, case, entities, {**params, "_text": shape}, compute,
          show)


def _kept(kind: str, field: str, of: type, case: str | None,
          entities: tuple[str | None, ...], params: Mapping[str, Any],
          compute: Callable[[str], Any], show: Callable[[Any], None]) -> None:
    """The one cache round of :func:`cached_json` and :func:`cached_text`: ``show`` the
    kept ``field`` of a hit when it is an ``of`` (with the note of an unassessed case),
    else ``compute`` the answer while the command runs (it prints as it goes) and keep it
    when there is one."""
    cache = _answer_cache(case, entities)
    hit = cache.get(kind, params)
    if isinstance(hit, dict) and isinstance(hit.get(field, None), of) and field in hit:
        if not hit.get("assessed", True):
            _no_assessment_note()
        show(hit[field])
        return
    _SINK.append([])
    _ASSESSED.clear()
    try:
        answer = compute(cache.case_id)
    finally:
        _SINK.pop()
    if answer is not None:
        cache.put(kind, params, {"assessed": _ASSESSED[-1] if _ASSESSED else True,
                                 field: answer})


def cached_answer(fmt: OutputFormat, kind: str, case: str | None,
                  entities: tuple[str | None, ...], params: Mapping[str, Any],
                  run: Callable[[str], None]) -> None:
    """:func:`cached_json` or :func:`cached_text`, by the output format asked for."""
    (cached_json if fmt is OutputFormat.json else cached_text)(kind, case, entities, params,
                                                               run)


def _answer_cache(case: str | None, entities: tuple[str | None, ...]) -> AnswerCache:
    store = open_cli_store(write=False)
    try:
        case_id = pick_case(store, case, entities=[e for e in entities if e])
        return AnswerCache.for_store(store, case_id)
    finally:
        store.close()


def load_projection(case: str | None, filters: an.Filters, tags: list[str] | None = None,
                    entities: tuple[str | None, ...] = (),
                    ) -> tuple[Case, nx.MultiDiGraph, nx.DiGraph]:
    """The case, its claim graph and its collapsed graph, read from the CLI's store."""
    inputs = load_inputs(case, entities)
    from claimgraph.graph.analytics.selection import with_tags  # the models: not on a hit

    g, collapsed = an.project(with_tags(inputs.case, tags), inputs.statuses, filters)
    # The case and its graphs live until the command ends and hold no cycles to collect:
    # stop the collector re-scanning them (rank on 100k claims: 18.6 s -> 14.2 s). Only in
    # the CLI process, never in the library, where it would freeze a notebook's objects.
    gc.freeze()
    return inputs.case, g, collapsed


def name_of(g: nx.Graph, n: str) -> str:
    return str(g.nodes[n].get("name", n)) if n in g else n


def _merged(g: nx.Graph, shown: Collection[str] | None) -> dict[str, list[str]]:
    """The merged nodes of ``g`` an output shows (all of ``g``'s, or those in ``shown``)."""
    return {n: ids for n, ids in (g.graph.get("merged") or {}).items()
            if n in g and (shown is None or n in shown)}


def scope_json(g: nx.Graph, *, why: bool = False,
               shown: Collection[str] | None = None) -> dict[str, Any]:
    """The JSON keys saying what the projection left out, included and merged."""
    rated: dict[str, str] = g.graph.get("rated_out") or {}
    return {
        "rated_out": {"count": len(rated), "claims": rated,
                      "kept_by": None if why else "--include-rated"},
        "about": g.graph.get("about") or {},
        "merged": _merged(g, shown),
    }


def notes(g: nx.Graph, *, why: bool = False,
          shown: Collection[str] | None = None) -> list[str]:
    """:func:`~claimgraph.graph.analytics.scoping.projection_notes` of ``g``, escaped."""
    from claimgraph.graph.analytics.scoping import projection_notes

    graph = {**g.graph, "merged": _merged(g, shown)}
    names = {n: name_of(g, n) for n in g.nodes}
    return [escape(line) for line in projection_notes(graph, names, why=why)]


def print_notes(g: nx.Graph, *, why: bool = False,
                shown: Collection[str] | None = None) -> None:
    """Print :func:`notes` (``shown``: only the merges of these nodes, e.g. a path's)."""
    for line in notes(g, why=why, shown=shown):
        console.print(f"[dim]{line}[/]")


def claim_index(g: nx.MultiDiGraph) -> dict[str, tuple[str, str, dict[str, Any]]]:
    out: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for u, v, d in g.edges(data=True):
        if not d.get("derived"):
            out.setdefault(d["claim"], (u, v, d))
    return out


def claim_line(g: nx.MultiDiGraph, index: dict[str, tuple[str, str, dict[str, Any]]],
               cid: str, pair: tuple[str, str | None] | None = None) -> str:
    if cid not in index:
        return escape(cid)
    u, v, d = index[cid]
    said = f"{escape(name_of(g, u))} {escape(d['label'])} {escape(name_of(g, v))}"
    if d.get("item") and d["item"] not in (u, v):
        said += f" · {escape(name_of(g, d['item']))}"
    if pair is not None and {u, v} != set(pair):  # a derived edge: a motive, who says it
        who = d.get("claimant")
        if who and who in pair:
            return f"{escape(cid)} [dim](says: {said}; {escape(d['status'])})[/]"
        return f"{escape(cid)} [dim](motive given for: {said}; {escape(d['status'])})[/]"
    return f"{escape(cid)} [dim]({said}; {escape(d['status'])})[/]"


def claimant_table(model: Case, g: nx.MultiDiGraph, top: int, why: int,
                   fmt: OutputFormat) -> None:
    """``rank --by claimant``: the table (or JSON) of who says most."""
    names = {**{s.id: s.title for s in model.sources}, **{e.id: e.name for e in model.entities}}
    rows = an.rank_claimants(g, top=top, why=why, names=names)
    if fmt is OutputFormat.json:
        emit_json({"by": "claimant", "rows": [r.to_dict() for r in rows], **scope_json(g)})
        return
    table = Table(title=f"Top {len(rows)} claimants by claims made", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("claimant", ratio=2, overflow="fold")
    table.add_column("claims", justify="right")
    table.add_column("denied", justify="right")
    table.add_column("evidence status", ratio=2, overflow="fold")
    table.add_column("about", ratio=2, overflow="fold")
    table.add_column("strongest claims", ratio=3, overflow="fold")
    index = claim_index(g)
    for r in rows:
        table.add_row(
            str(r.rank), f"{escape(r.name)}\n[dim]{escape(r.node)} · {escape(r.kind)}[/]",
            str(r.claims), str(r.denied),
            "\n".join(f"{escape(st)} {n}" for st, n in r.statuses.items()),
            "\n".join(f"{escape(name_of(g, n))} ×{k}" for n, k in r.about),
            "\n".join(claim_line(g, index, c) for c in r.why))
    console.print(table)
    print_notes(g)
