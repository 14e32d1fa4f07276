"""``claimgraph build | cases | query | export | import | drop | gc`` — the store commands.

They run against the embedded store (``--store PATH``, default
``~/.local/share/claimgraph/store``, or ``:memory:``) or a SPARQL 1.1 endpoint
(``--endpoint URL`` [``--update-endpoint URL``]); see :mod:`claimgraph.graph.store`.
"""

from __future__ import annotations

import csv
import io
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from claimgraph.errors import StoreError
from claimgraph.graph.rdfformat import EXPORT_SYNTAXES, RdfSyntax, syntax_for_path
from claimgraph.limits import check_file_size
from claimgraph.textsafety import csv_cell, escape_unicode, visible

from .app import app
from .common import console, err_console, escape, print_json
from .options import OutputFormat, TextOrJson, choice_option, format_option
from .stores import open_cli_store

__all__ = ["build", "cases", "drop", "export", "gc", "import_", "query"]


@app.command(epilog="Example: claimgraph build cases/china-russia-nitrocellulose")
def build(
    case: Path = typer.Argument(..., help="The case folder (the one holding case.yaml)."),
    fmt: TextOrJson = OutputFormat.text,
    force: bool = typer.Option(
        False, "--force", help="Rebuild even when no input file and not the program changed."),
    prepare_view: bool = typer.Option(
        True, "--prepare-view/--no-prepare-view",
        help="For a case large enough for `view` to summarise it, draw that summary now "
             "and keep it with the build, so the first `claimgraph view` opens at once."),
) -> None:
    """Validate a case and load it into the store in one transaction.

    A case with errors is not loaded (its errors are printed, as by `claimgraph validate`);
    a rebuild replaces the case's graphs atomically and leaves other cases untouched. A
    rebuild of a case whose files (and claimgraph itself) are unchanged does nothing and
    says so (--force builds anyway). The only command, with `import`, that creates a store
    where none is.
    """
    from claimgraph.graph.build import build_case

    from .progress import progress

    with open_cli_store(write=True, create=True) as store, \
            progress(f"building {case.name}") as step:
        result = build_case(case, store, force=force, progress=step)
    prepared = False
    if prepare_view and not result.unchanged:
        from .view_cmd import prepare_summary

        with progress("preparing the summary view") as step:
            t = time.perf_counter()
            prepared = prepare_summary(result.case_id, result.counts, step)
            result.timings["prepare_view"] = time.perf_counter() - t
    if fmt is OutputFormat.json:
        print_json({"case": result.case_id, "build": result.build_id, "store": store.location,
                    "counts": result.counts, "quads": result.quads,
                    "graphs": result.graphs.all(), "superseded": result.superseded,
                    "unchanged": result.unchanged,
                    "warnings": len(result.report.warnings),
                    "seconds": {k: round(v, 4) for k, v in result.timings.items()}})
        return
    c = result.counts
    seconds = result.timings.get("total", 0.0)
    if result.unchanged:
        console.print(f"[bold]{escape(result.case_id)}[/] is unchanged since build "
                      f"{result.build_id} (same files, same claimgraph): nothing to do "
                      f"({seconds:.2f} s) [dim](--force rebuilds it)[/]")
        return
    console.print(f"built [bold]{escape(result.case_id)}[/] (build {result.build_id}) into "
                  f"{escape(store.location)}: {c['entities']} entities, {c['sources']} "
                  f"sources, {c['claims']} claims, {result.total_quads} quads in "
                  f"{seconds:.2f} s")
    if result.superseded:
        console.print(f"replaced the previous build ({len(result.superseded)} graphs dropped)")
    elif result.changed is not None:
        console.print(f"updated the previous build in place ({result.changed} quads changed)")
    if prepared:
        console.print(f"prepared the summary view ({result.timings['prepare_view']:.1f} s): "
                      "`claimgraph view` draws it from the build")
    if result.report.warnings:
        err_console.print(f"[yellow]{len(result.report.warnings)} warning(s)[/] "
                          "[dim](see `claimgraph validate`)[/]")


@app.command(epilog="Example: claimgraph cases --format json")
def cases(fmt: TextOrJson = OutputFormat.text) -> None:
    """List what the store holds: each case with its title, counts and build time."""
    with open_cli_store(write=False) as store:
        entries = store.cases()
    if fmt is OutputFormat.json:
        print_json([e.to_dict() for e in entries])
        return
    if not entries:
        console.print(f"the store {escape(store.location)} holds no case yet "
                      "[dim](hint: claimgraph build CASE_DIR)[/]")
        return
    table = Table("case", "title", "claims", "entities", "sources", "quads", "built")
    for e in entries:
        n = e.counts
        table.add_row(escape(e.id) + ("" if e.kind == "case" else " [dim](import)[/]"),
                      escape(e.title), *(str(n.get(k, "")) for k in
                                         ("claims", "entities", "sources", "quads")),
                      e.built_at[:19].replace("T", " "))
    console.print(table)


def _read_query(sparql: str | None, file: Path | None) -> str:
    if (sparql is None) == (file is None):
        raise typer.BadParameter("give a SPARQL query or --file Q.rq (one of them)")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"cannot read {file}: {exc.strerror}",
                             hint="check the path of the .rq file") from None
    return sparql or ""


@app.command(epilog='Example: claimgraph query "SELECT ?c ?t WHERE { ?c a '
                    '<https://w3id.org/claimgraph/ns#Claim> ; <http://schema.org/text> ?t }"'
                    " --format csv")
def query(
    sparql: str = typer.Argument(None, help="The SPARQL query (or use --file)."),
    file: Path = typer.Option(None, "--file", help="Read the query from a .rq file."),
    case: str = typer.Option(None, "--case", help="Only this case's graphs."),
    fmt: Annotated[OutputFormat, format_option(
        OutputFormat.table, OutputFormat.csv, OutputFormat.json)] = OutputFormat.table,
    allow_service: bool = typer.Option(
        False, "--allow-service",
        help="Let SERVICE clauses call other servers (refused otherwise: no query makes a "
             "network request unless you say so)."),
) -> None:
    """Run a SPARQL query on the current graphs (every case, or one with --case).

    SELECT and ASK print rows; CONSTRUCT and DESCRIBE print N-Triples. Updates are
    refused (build, import and drop change the store).
    """
    text = _read_query(sparql, file)
    with open_cli_store(write=False) as store:
        result = store.run(text, case=case, allow_service=allow_service)
    if result.kind == "graph":
        lines = sorted(set(result.triples.decode().splitlines()) - {""})
        sys.stdout.write(escape_unicode("".join(line + "\n" for line in lines)))
        return
    names, rows = result.variables, result.rows
    if result.kind == "ask":
        names, rows = ["ask"], [{"ask": "true" if result.boolean else "false"}]
    if fmt is OutputFormat.json:
        print_json(rows)
    elif fmt is OutputFormat.csv:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([[csv_cell(visible(r.get(n) or "")) for n in names] for r in rows])
        sys.stdout.write(buf.getvalue())
    else:
        table = Table(*names)
        for r in rows:
            table.add_row(*(escape(r.get(n) or "") for n in names))
        console.print(table)
        err_console.print(f"[dim]{len(rows)} row(s)[/]")


@app.command(epilog="Example: claimgraph export --format trig --out store.trig")
def export(
    fmt: Annotated[RdfSyntax, choice_option(
        "--format", EXPORT_SYNTAXES, "The RDF syntax to write.", "-f")] = RdfSyntax.trig,
    case: str = typer.Option(None, "--case", help="Only this case (with its catalogue entry)."),
    out: Path = typer.Option(None, "--out", "-o", help="Write here instead of stdout."),
) -> None:
    """Write the current graphs as RDF (sorted, deterministic).

    trig, nquads and jsonld keep the named graphs and the catalogue, so `claimgraph import`
    restores them; turtle merges the triples.
    """
    from .progress import progress

    with open_cli_store(write=False) as store, progress("exporting") as step:
        step(f"serialising as {fmt.value}", 0, 0)
        data = store.export(fmt, case=case)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    out.write_bytes(data)
    err_console.print(f"wrote {escape(str(out))} ({len(data):,} bytes)")


@app.command("import", epilog="Example: claimgraph import store.trig")
def import_(
    file: Path = typer.Argument(..., help="An RDF file (.trig .nq .ttl .jsonld .nt .rdf)."),
    syntax: Annotated[RdfSyntax | None, typer.Option(
        "--rdf-format", help="RDF syntax of the file (default: from its name).")] = None,
    name: str = typer.Option(None, "--name", help="Entry name for RDF that is not a "
                             "claimgraph export (default: the file name)."),
) -> None:
    """Load RDF into the store in one transaction.

    A claimgraph export brings back its cases as they were; any other RDF becomes an
    entry of its own (see `claimgraph cases`) that `claimgraph drop` removes again. Creates
    the store if there is none yet.
    """
    syntax = syntax or syntax_for_path(file)
    try:
        check_file_size(file, "RDF file")
        data = file.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read {file}: {exc.strerror}",
                         hint="check the path of the RDF file") from None
    from .progress import progress

    with open_cli_store(write=True, create=True) as store, \
            progress(f"importing {file.name}") as step:
        step(f"loading {len(data):,} bytes", 0, 0)
        entries = store.import_rdf(data, syntax, name=name or file.name)
    if not entries:
        console.print(f"nothing to do: everything in {escape(str(file))} is already current")
    for e in entries:
        console.print(f"imported [bold]{escape(e.id)}[/] ({e.kind}, "
                      f"{len(e.graphs.all())} graph(s))")


@app.command(epilog="Example: claimgraph drop china-russia-nitrocellulose")
def drop(case: str = typer.Argument(..., help="The case id (see `claimgraph cases`).")) -> None:
    """Remove a case (or an imported file) and all its graphs from the store."""
    with open_cli_store(write=True) as store:
        info = store.drop_case(case)
    console.print(f"dropped [bold]{escape(info.id)}[/] ({len(info.graphs.all())} graphs)")


@app.command(epilog="Example: claimgraph gc  ·  claimgraph --endpoint URL gc")
def gc() -> None:
    """Reclaim what killed builds, imports and readers left behind.

    Graphs no case names (a build killed before it became current), stale build locks of
    an endpoint, and in an embedded store the bulk-load temporary files and reader
    snapshots of processes that are gone. Opening an embedded store for writing does
    the same; on an endpoint only this command (and the next build of the case) does.
    """
    from claimgraph.limits import human_size

    with open_cli_store(write=True) as store:
        done = store.reclaim()
    if not done:
        console.print(f"nothing to reclaim in {escape(store.location)}")
        return
    parts = []
    if done.graphs:
        parts.append(f"{len(done.graphs)} graph(s) no case names")
    if done.bulk_files:
        parts.append(f"{done.bulk_files} bulk-load file(s) ({human_size(done.bytes)}B)")
    if done.snapshots:
        parts.append(f"{done.snapshots} reader snapshot(s)")
    if done.locks:
        parts.append(f"{done.locks} stale build lock(s)")
    console.print(f"reclaimed in {escape(store.location)}: {', '.join(parts)} "
                  f"({done.seconds:.1f} s)")
