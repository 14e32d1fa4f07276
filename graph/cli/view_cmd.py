"""View commands: ``view`` (one self-contained network page) and ``site`` (the casebook).

Both read only from the store (embedded or ``--endpoint``), never from YAML, and write
UTF-8 files that work from ``file://`` with the network off.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .common import console, err_console, escape
from .options import CASE_HELP, IncludeRatedOpt, ItemOpt, WithClaimantsOpt
from .progress import progress
from .stores import open_cli_store, pick_case

if TYPE_CHECKING:
    from claimgraph.graph.analytics.filters import Filters
    from claimgraph.graph.build import ProgressFn
    from claimgraph.graph.views.notebook import NetworkView
    from claimgraph.graph.views.sitedata import ViewData

__all__ = ["site_cmd", "view_cmd"]

CaseArg = Annotated[str | None, typer.Argument(metavar="[CASE]", help=CASE_HELP)]


def _data(case: str | None, *, timeline: bool, step: ProgressFn) -> ViewData:
    from claimgraph.graph.views import load_view_data

    store = open_cli_store(write=False)
    try:
        step("reading the case from the store", 0, 0)
        data = load_view_data(store, pick_case(store, case), timeline=timeline)
    finally:
        store.close()
    if not data.assessed:
        _no_assessment_note()
    return data


def _network(case: str | None, filters: Filters, *, focus: str | None, radius: int,
             motives: bool, why: tuple[str, str] | None, full: bool | None,
             step: ProgressFn) -> NetworkView:
    """The network (or focus) view, read the way the analytics read (the fields the
    projection uses, in a few grouped queries, not whole records). A summary — what a large
    store gets — is kept in the analytics cache beside the store, keyed by the case's build
    id and every option: the next ``view`` of the same build draws it without reading the
    case again."""
    from claimgraph.graph import analytics as an
    from claimgraph.graph import views
    from claimgraph.graph.analytics.cache import AnswerCache
    from claimgraph.graph.analytics.loading import read_case_meta
    from claimgraph.schema.vocab import load_vocabulary

    store = open_cli_store(write=False)
    try:
        case_id = pick_case(store, case)
        cache = AnswerCache.for_store(store, case_id)
        params = {"filters": asdict(filters), "motives": motives, "why": list(why or ()),
                  "full": full}
        hit = None if focus else cache.get("view-summary", params)
        if isinstance(hit, dict) and "graph" in hit:
            meta = read_case_meta(store, case_id)
            styles = views.load_view_styles().with_vocabulary(
                load_vocabulary().extend(meta.vocabulary))
            if not hit.get("assessed", True):
                _no_assessment_note()
            return views.NetworkView(views.ViewGraph.from_dict(hit["graph"]), styles)
        step("reading the case from the store", 0, 0)
        inputs = an.load_inputs(store, case_id)
    finally:
        store.close()
    data = views.ViewData.from_inputs(inputs)
    if not data.assessed:
        _no_assessment_note()
    step("laying out the network", 0, 0)
    if focus:
        return views.focus_view(data, focus, radius=radius, filters=filters)
    v = views.network_view(data, motives=motives, filters=filters, why=why,
                           summary=None if full is None else not full)
    if v.graph.kind == "summary":
        cache.put("view-summary", params, {"graph": v.graph.to_dict(),
                                           "assessed": data.assessed})
    return v


def view_filters(item: list[str] | None = None, *, include_rated: bool = False,
                 with_claimants: bool = False) -> Filters:
    """The filters of ``view`` given its options (the defaults: what a plain ``view`` uses)."""
    from claimgraph.graph.views.project import VIEW_FILTERS

    return replace(VIEW_FILTERS, about=frozenset(item or ()), include_rated=include_rated,
                   claimants=with_claimants)


def prepare_summary(case_id: str, counts: dict[str, int], step: ProgressFn) -> bool:
    """After a build: when the case is large enough for ``view`` to summarise it
    (``view_styles.yaml`` ``summary``: more entities or claims than its thresholds), draw
    that summary now and keep it in the analytics cache under the new build id, so the
    first ``claimgraph view`` opens it at once. True when one was kept."""
    from claimgraph.graph import views

    limits = views.load_view_styles().summary
    if counts.get("entities", 0) <= limits.above_nodes \
            and counts.get("claims", 0) <= limits.above_edges:
        return False
    v = _network(case_id, view_filters(), focus=None, radius=1, motives=True, why=None,
                 full=None, step=step)
    return v.graph.kind == "summary"


def _no_assessment_note() -> None:
    err_console.print("[yellow]note:[/] no evidence assessment in the store for this case; "
                      "statuses show as not assessed (rebuild it)")


@app.command("view", epilog="Example: claimgraph view china-russia-nitrocellulose "
             "--out network.html  ·  --focus china  ·  --claim nc-exports-2023  ·  "
             "--with-claimants --item nitrocellulose  ·  --why pla-hawks russia")
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
    item: ItemOpt = None, include_rated: IncludeRatedOpt = False,
    with_claimants: WithClaimantsOpt = False,
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
    who supports what and why (and, --with-claimants, who says it), coloured by kind,
    styled by evidence, searchable, with a filter per kind, predicate and layer."""
    from claimgraph.graph import views

    filters = view_filters(item, include_rated=include_rated, with_claimants=with_claimants)
    with progress("view") as step:
        if claim:
            data = _data(case, timeline=False, step=step)
            step("laying out the network", 0, 0)
            v = views.provenance_view(data, claim)
        else:
            v = _network(case, filters, focus=focus, radius=radius, motives=not no_motives,
                         why=why, full=full, step=step)
        step("writing the page", 0, 0)
        path = v.save(out)
    what = "summary: " if v.graph.kind == "summary" else ""
    console.print(f"{what}{len(v.graph.nodes)} nodes, {len(v.graph.edges)} edges → "
                  f"{escape(str(path.resolve()))}")
    for note in v.graph.notes:  # what the projection left out, included or merged
        console.print(f"[dim]{escape(note)}[/]")
    for note in v.graph.meta.get("notes", []):  # what a summary left out
        err_console.print(f"[dim]{escape(note)}[/]")
    found = v.graph.meta.get("why")
    if found is not None and not found["paths"]:
        err_console.print(f"[yellow]note:[/] no path between {escape(found['from'])} and "
                          f"{escape(found['to'])} (see `claimgraph why`)")


@app.command("site", epilog="Example: claimgraph site china-russia-nitrocellulose --out out/site"
                            "  ·  claimgraph site --all --out out/store")
def site_cmd(
    case: CaseArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                      help="Folder to write (new, empty, or an older "
                                           "casebook, which is replaced).")] = Path("out/site"),
    all_cases: Annotated[bool, typer.Option(
        "--all", help="Every case of the store, each in a folder of its own, with an index "
                      "across them (shared entities, claims corroborated or disputed across "
                      "cases) and claim pages linking into the other cases.")] = False,
) -> None:
    """Write the casebook: a static, self-contained site with a page per claim, entity and
    source, the network, motives, timeline and audit. Prints the path of its index page.
    When the store holds other cases, each claim page says what they hold for it (matching
    claims, independent origins, disagreements)."""
    from claimgraph.graph.crosscase import load_store_cases
    from claimgraph.graph.views import Across, load_view_data, write_site, write_store_site

    with progress("site") as step:
        step("reading the cases from the store", 0, 0)
        store = open_cli_store(write=False)
        try:
            count = sum(1 for i in store.cases() if i.kind == "case")
            if all_cases and count == 0:
                pick_case(store, None)  # raises: the store holds no case
            several = count > 1
            sc = load_store_cases(store) if several or all_cases else None
            if all_cases and sc is not None:
                if case:
                    raise typer.BadParameter("give a CASE or --all, not both", param_hint="CASE")
                datas = [load_view_data(store, c.meta.id, timeline=True) for c in sc.cases]
            else:
                datas = [load_view_data(store, pick_case(store, case), timeline=True)]
        finally:
            store.close()
        step("writing the pages", 0, 0)
        if all_cases and sc is not None:
            index = write_store_site(datas, sc, out)
        else:
            data = datas[0]
            if not data.assessed:
                err_console.print("[yellow]note:[/] no evidence assessment in the store for "
                                  "this case; statuses show as not assessed (rebuild it)")
            index = write_site(data, out,
                               across=Across(sc) if sc is not None and several else None)
    if all_cases and sc is not None:
        console.print(f"{len(datas)} cases, {sum(len(d.case.claims) for d in datas)} claims "
                      "→ casebook of the store written")
        print(index.resolve())
        return
    data = datas[0]
    console.print(f"{len(data.case.claims)} claims, {len(data.case.entities)} entities, "
                  f"{len(data.case.sources)} sources → casebook written")
    print(index.resolve())
