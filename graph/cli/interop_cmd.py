"""``claimgraph claimreview | ftm | annotations | csv export|import`` and ``claimgraph extract``.

Exports read a case folder and validate it first (a case with errors exports nothing);
they write to ``--out`` or stdout. Imports read a file and add its records to a case folder
as one new data file, written only when the case still validates with it (a missing case
folder is created); ``--dry-run`` only reports.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from claimgraph.errors import CaseError, ClaimgraphError, Report
from claimgraph.sources.interop.casefiles import AddResult, add_batch, add_case_file
from claimgraph.sources.interop.records import ImportBatch, slug
from claimgraph.sources.validation import ValidationResult, validate_case

from .app import app
from .common import console, err_console, escape, print_problem

__all__ = ["annotations_export", "claimreview_export", "claimreview_import", "csv_export",
           "csv_import", "extract", "ftm_export", "ftm_import"]



def _group(name: str, help_text: str, example: str) -> typer.Typer:
    group = typer.Typer(help=help_text, epilog=f"Example: claimgraph {name} {example}",
                        no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


claimreview_app = _group("claimreview", "schema.org ClaimReview, the markup fact-checkers "
                         "publish.", "export cases/my-case --out reviews.json")
ftm_app = _group("ftm", "FollowTheMoney entities (Aleph, OpenSanctions).",
                 "export cases/my-case --out entities.ftm.json")
annotations_app = _group("annotations", "W3C Web Annotations: every quote on its source page.",
                         "export cases/my-case --out quotes.jsonld")
csv_app = _group("csv", "Claims and evidence as a spreadsheet, one row per evidence item.",
                 "export cases/my-case --out claims.csv")

CASE_ARG = typer.Argument(..., help="The case folder (the one holding case.yaml).")
OUT_OPT = typer.Option(None, "--out", "-o", help="Write here instead of stdout.")
INTO_OPT = typer.Option(..., "--case", help="The case folder to add to (created if missing).")
NAME_OPT = typer.Option(None, "--out", "-o", metavar="NAME",
                        help="Name of the new data file in the case (default: from the input).")
DRY_OPT = typer.Option(False, "--dry-run", help="Validate and report; write nothing.")


# -- shared ---------------------------------------------------------------------------------
def _valid(case: Path) -> ValidationResult:
    result = validate_case(case)
    if not result.ok or result.case is None:
        for p in result.report.sorted():
            if p.severity == "error":
                print_problem(p)
        raise CaseError(result.report, f"{case}: invalid — {result.report.summary()}")
    return result


def _write(text: str, out: Path | None, what: str) -> None:
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    out.write_text(text, "utf-8", newline="")
    err_console.print(f"wrote {what} to {escape(str(out))}")


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimgraphError(f"{path}: cannot read: {exc}", hint="give a UTF-8 file") from exc


def _report_batch(batch: ImportBatch) -> None:
    for p in sorted(batch.problems, key=lambda p: (p.line or 0, p.col or 0)):
        print_problem(p)
    if any(p.severity == "error" for p in batch.problems):
        report = Report(list(batch.problems))
        raise CaseError(report, f"{batch.file}: {report.summary()}; nothing imported")


def _report_added(added: AddResult, counts: str, dry_run: bool) -> None:
    for p in added.new_errors:
        print_problem(p)
    if added.new_errors:
        raise CaseError(Report(list(added.new_errors)),
                        f"the case would not validate with {added.path.name}: "
                        f"{len(added.new_errors)} new error(s); nothing written")
    verb = "would add" if dry_run else "added"
    console.print(f"{verb} {counts} to {escape(str(added.path))}")


def _import(batch: ImportBatch, case: Path, name: str, title: str, dry_run: bool) -> None:
    _report_batch(batch)
    known = len(batch.problems)
    added = add_batch(batch, case, name, header=f"imported from {Path(batch.file).name} by "
                      "claimgraph; comments mark what was guessed", title=title,
                      dry_run=dry_run)
    for p in batch.problems[known:]:  # what fitting the records to the case said
        print_problem(p)
    if added is None:
        console.print("nothing new to import")
        return
    c = batch.counts()
    _report_added(added, f"{c['entities']} entities, {c['sources']} sources and "
                  f"{c['claims']} claims", dry_run)


# -- ClaimReview ----------------------------------------------------------------------------
@claimreview_app.command(
    "export", epilog="Example: claimgraph claimreview export cases/my-case --out reviews.json")
def claimreview_export(case: Path = CASE_ARG, out: Path = OUT_OPT) -> None:
    """Every claim with a verdict as a schema.org ClaimReview (a JSON-LD list).

    Google's documented fields: claimReviewed, reviewRating (ratingValue 1-5, bestRating,
    worstRating, alternateName), url, author, datePublished, itemReviewed (a Claim with its
    author, appearance and firstAppearance).
    """
    from claimgraph.graph.interop.claimreview import claim_reviews

    reviews = claim_reviews(_valid(case).case)  # type: ignore[arg-type]
    no_url = [r["itemReviewed"]["identifier"] for r in reviews if "url" not in r]
    if no_url:
        err_console.print(f"[yellow]note:[/] {len(no_url)} review(s) have no verdict url "
                          f"(Google requires one): {escape(', '.join(no_url))}")
    _write(_json(reviews), out, f"{len(reviews)} ClaimReview(s)")


@claimreview_app.command(
    "import", epilog="Example: claimgraph claimreview import page.html --case cases/my-case")
def claimreview_import(file: Path = typer.Argument(..., help="JSON-LD (.json, .jsonld) or an "
                                                   "HTML page with ClaimReview markup."),
                       case: Path = INTO_OPT, name: str = NAME_OPT,
                       dry_run: bool = DRY_OPT) -> None:
    """Add ClaimReviews to a case: a review, a list, a page's @graph or an HTML page.

    Each review becomes a claim with its verdict (the rating normalised by
    schema/vocab/ratings.yaml, the original words kept), its claimant and its appearances
    as sources. Known entities and sources are reused. No remote @context is fetched.
    """
    from claimgraph.sources.interop.claimreview import read_claimreviews

    batch = read_claimreviews(_read(file), file.name)
    _import(batch, case, name or f"claimreview-{slug(file.stem)}.yaml",
            f"ClaimReviews from {file.name}", dry_run)


# -- FollowTheMoney -------------------------------------------------------------------------
@ftm_app.command(
    "export", epilog="Example: claimgraph ftm export cases/my-case --out entities.ftm.json")
def ftm_export(case: Path = CASE_ARG, out: Path = OUT_OPT) -> None:
    """Entities, relations and source links as FtM entities, one JSON object per line.

    Kinds and predicates map to FtM schemata by schema/vocab/ftm.yaml (PublicBody,
    Organization, Company, Person, Membership, Sanction, UnknownLink, Documentation).
    Load them with `ftm` or Aleph.
    """
    from claimgraph.graph.interop.ftm import ftm_entities

    entities = ftm_entities(_valid(case).case)  # type: ignore[arg-type]
    text = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities)
    _write(text, out, f"{len(entities)} FtM entities")


@ftm_app.command(
    "import", epilog="Example: claimgraph ftm import extract.ftm.json --case cases/my-case")
def ftm_import(file: Path = typer.Argument(..., help="FtM JSON lines (an OpenSanctions or "
                                           "Aleph extract)."),
               case: Path = INTO_OPT, name: str = NAME_OPT,
               id_key: str = typer.Option("opensanctions", "--id-key",
                                          help="The `ids:` key for the FtM entity ids."),
               dry_run: bool = DRY_OPT) -> None:
    """Add the people and organisations of FtM JSON lines to a case, with their ids.

    Kinds come from the FtM schema and OpenSanctions topics (schema/vocab/ftm.yaml); the
    FtM id goes under ids.<id-key>, Wikidata and other identifiers under their own keys.
    Entities the case already has (same identifier, name or alias) are not added again.
    """
    from claimgraph.sources.interop.ftm import read_ftm

    batch = read_ftm(_read(file), file.name, id_key=id_key)
    _import(batch, case, name or f"ftm-{slug(file.stem)}.yaml", f"Entities from {file.name}",
            dry_run)


# -- Web Annotation -------------------------------------------------------------------------
@annotations_app.command(
    "export", epilog="Example: claimgraph annotations export cases/my-case --out quotes.jsonld")
def annotations_export(case: Path = CASE_ARG, out: Path = OUT_OPT,
                       lines: bool = typer.Option(False, "--lines", help="One annotation per "
                                                  "line (each with its @context) instead of a "
                                                  "collection.")) -> None:
    """Every quote as a W3C Web Annotation on its source's URL.

    TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector (offsets in the
    captured text); the body names the claim. An AnnotationCollection by default.
    """
    from claimgraph.graph.interop.webanno import (
        ANNO_CONTEXT,
        annotation_collection,
        quote_annotations,
    )

    result = _valid(case)
    if lines:
        items = quote_annotations(result)
        text = "".join(json.dumps({"@context": ANNO_CONTEXT, **a}, ensure_ascii=False) + "\n"
                       for a in items)
        _write(text, out, f"{len(items)} annotations")
        return
    collection = annotation_collection(result)
    _write(_json(collection), out, f"{collection['total']} annotations")


# -- CSV ------------------------------------------------------------------------------------
@csv_app.command("export", epilog="Example: claimgraph csv export cases/my-case --out claims.csv")
def csv_export(case: Path = CASE_ARG, out: Path = OUT_OPT) -> None:
    """Claims and evidence as CSV, one row per evidence item (formulas neutralised).

    Saved as `*claims.csv` in a case folder (instead of the claims' YAML), the case loader
    reads it back into the same claims; `claimgraph csv import` does that safely.
    """
    from claimgraph.graph.interop.spreadsheet import claims_to_csv

    claims = _valid(case).case.claims  # type: ignore[union-attr]
    _write(claims_to_csv(claims), out, f"{len(claims)} claims")


@csv_app.command("import", epilog="Example: claimgraph csv import sheet.csv --case cases/my-case")
def csv_import(file: Path = typer.Argument(..., help="A claims spreadsheet saved as CSV."),
               case: Path = INTO_OPT, name: str = NAME_OPT, dry_run: bool = DRY_OPT) -> None:
    """Add a claims spreadsheet to a case (as `*claims.csv`), if the case validates with it.

    Problems are located in the sheet: `claims.csv:17:5` is line 17, fifth column.
    """
    from claimgraph.schema.caseload import CLAIMS_CSV
    from claimgraph.schema.csvsrc import read_claims_csv

    text = _read(file)
    target = name or (file.name if file.name.endswith(CLAIMS_CSV)
                      else f"{slug(file.stem)}-{CLAIMS_CSV}")
    table = read_claims_csv(text, target)
    if table.problems:
        _report_batch(ImportBatch(target, problems=table.problems))
    if not (case / "case.yaml").is_file():
        raise ClaimgraphError(f"no case.yaml in {case}",
                              hint="a spreadsheet holds claims only: give an existing case")
    added = add_case_file(case, target, text, dry_run=dry_run)
    _report_added(added, f"{len(table.records)} claims", dry_run)


# -- extract --------------------------------------------------------------------------------
@app.command(epilog="Example: claimgraph extract cases/my-case/texts/interview.txt "
                    "--case cases/my-case --out cases/my-case/draft-interview.yaml")
def extract(text: Path = typer.Argument(..., help="A captured source text inside the case "
                                        "folder (.txt .md .html .pdf)."),
            case: Path = typer.Option(..., "--case", help="The case folder."),
            out: Path = typer.Option(None, "--out", "-o", help="Write the draft here (inside "
                                     "the case: only if the case validates with it); default "
                                     "stdout.")) -> None:
    """A draft YAML of candidate claims from a new source, for a human to curate.

    One candidate per sentence, quoting it verbatim (so the draft validates as written),
    with guessed subject, predicate, object, item, quantity, time, claimant and confidence,
    candidate new entities, and hedges or vague attribution flagged — every guess marked
    in a comment. Deterministic and offline.
    """
    from claimgraph.sources.interop.extract import extract_draft

    draft = extract_draft(text, case)
    body = draft.to_yaml()
    root = case.resolve()
    inside = out is not None and out.resolve().parent == root
    name = out.name if out is not None and inside else f"draft-{draft.source_id}.yaml"
    added = add_case_file(case, name, body, dry_run=not inside, replace=not inside)
    c = draft.batch.counts()
    summary = (f"{c['claims']} candidate claims, {c['entities']} candidate entities; "
               f"{len(added.new_errors)} error(s) with the case")
    for p in added.new_errors:
        print_problem(p)
    if added.new_errors:
        raise CaseError(Report(list(added.new_errors)), f"the draft does not validate: "
                        f"{summary}; nothing written")
    if out is None:
        sys.stdout.write(body)
        err_console.print(f"draft: {summary}")
    elif inside:
        err_console.print(f"wrote the draft to {escape(str(out))}: {summary}")
    else:
        out.write_text(body, "utf-8")
        err_console.print(f"wrote the draft to {escape(str(out))}: {summary} (move it into "
                          "the case folder to use it)")

