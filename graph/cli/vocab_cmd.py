"""``claimgraph vocab``: what may be written where a vocabulary term is expected.

Entity kinds in their hierarchy, predicates with the kinds each takes, source kinds,
evidence statuses, ratings, confidence terms and reliability grades
(:func:`claimgraph.schema.vocabdoc.describe_vocabulary`); with ``--case``, the case's own
kinds and predicates too, marked ``[case]`` — read from a case folder's case.yaml (also
while the rest of the case does not validate yet) or from a case in the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from claimgraph.errors import NotFoundError
from claimgraph.schema.vocab import Vocabulary, load_vocabulary
from claimgraph.schema.vocabdoc import SECTIONS, describe_vocabulary

from .app import app
from .common import console, print_json, print_problem
from .options import OutputFormat, TextOrJson
from .stores import open_cli_store, pick_case

__all__ = ["vocab_cmd"]

_TITLES = {"entity_kinds": "Entity kinds (kind: of an entity; indented under its parent)",
           "predicates": "Predicates (predicate: of a claim; subject kinds → object kinds)",
           "source_kinds": "Source kinds (kind: of a source)",
           "statuses": "Evidence statuses (claims --status, --min-status; decided by the build)",
           "ratings": "Ratings (verdict: rating:)",
           "confidence": "Confidence terms (confidence: of a claim; ICD 203 likelihood)",
           "reliability": "Reliability grades (reliability: of a source; Admiralty A-F)"}


@app.command("vocab", epilog="Example: claimgraph vocab predicates  ·  claimgraph vocab "
                             "--case cases/my-case --format json")
def vocab_cmd(
    section: Annotated[str | None, typer.Argument(
        metavar="[SECTION]", help="Only this part: " + ", ".join(SECTIONS) + ".")] = None,
    case: Annotated[str | None, typer.Option(
        "--case", "-c", metavar="CASE",
        help="Add a case's own kinds and predicates: a case folder (its case.yaml) or a case "
             "id in the store.")] = None,
    fmt: TextOrJson = OutputFormat.text,
) -> None:
    """The vocabularies: entity kinds (with their hierarchy), predicates (with the subject and
    object kinds each takes), source kinds, evidence statuses, ratings, confidence terms and
    reliability grades."""
    if section is not None and section not in SECTIONS:
        raise typer.BadParameter(f"'{section}' is not one of: {', '.join(SECTIONS)}",
                                 param_hint="SECTION")
    vocab, case_id, problems = _vocabulary(case)
    doc = describe_vocabulary(vocab)
    keys = [SECTIONS[section]] if section else list(SECTIONS.values())
    if fmt is OutputFormat.json:
        print_json({"case": case_id, **{k: doc[k] for k in keys},
                    "problems": [p.to_dict() for p in problems]})
        return
    for p in problems:
        print_problem(p)
    for key in keys:
        console.print(Text(_TITLES[key], style="bold"))
        for line in _lines(key, doc[key]):
            console.print(line)
        console.print()


def _vocabulary(case: str | None) -> tuple[Vocabulary, str | None, list[Any]]:
    if case is None:
        return load_vocabulary(), None, []
    folder = Path(case).expanduser()
    if folder.is_dir() and (folder / "case.yaml").is_file():
        from claimgraph.schema.caseload import load_case_meta
        from claimgraph.schema.validate import case_vocabulary

        loaded = load_case_meta(folder)
        problems = list(loaded.problems)
        vocab = case_vocabulary(loaded, problems)
        return vocab, loaded.meta.id if loaded.meta else None, problems
    if "/" in case:
        raise NotFoundError(f"{case} is not a case folder (no case.yaml in it)",
                            hint="give a case folder or a case id in the store")
    store = open_cli_store(write=False)
    try:
        cid = pick_case(store, case)
        meta = store.read_case(cid).meta
    finally:
        store.close()
    return load_vocabulary().extend(meta.vocabulary), cid, []


def _tag(entry: dict[str, Any]) -> Text:
    return Text("  [case]", style="magenta") if entry.get("from") == "case" else Text("")


def _lines(key: str, entries: list[dict[str, Any]]) -> list[Text]:
    out = []
    for e in entries:
        if key == "entity_kinds":
            t = Text.assemble("  " + "  " * e["depth"], (e["id"], "bold"), f"  {e['label']}")
            if e["abstract"]:
                t.append("  (groups other kinds)", style="dim")
            t.append_text(_tag(e))
        elif key == "predicates":
            t = Text.assemble("  ", (e["id"], "bold"), "  ",
                              (", ".join(e["subject_kinds"]), "cyan"), " → ",
                              (", ".join(e["object_kinds"]), "cyan"),
                              (f"  “{e['label']}” / “{e['inverse_label']}”", "dim"))
            t.append_text(_tag(e))
        elif key == "statuses":
            t = Text.assemble("  ", (e["id"], "bold"), f"  ({e['kind']})  {e['label']}",
                              (f": {e['description']}", "dim"))
        elif key == "ratings":
            t = Text.assemble("  ", (e["id"], "bold"), f"  {e['label']}")
            if e["value"] is not None:
                t.append(f"  (value {e['value']})", style="dim")
            if e["excluded_from_analytics"]:
                t.append("  left out of the analytics", style="yellow")
        elif key == "confidence":
            lo, hi = e["range"]
            t = Text.assemble("  ", (e["id"], "bold"), f"  {e['label']} / {e['alt_label']}",
                              (f"  ({lo}-{hi} %)", "dim"))
        elif key == "reliability":
            t = Text.assemble("  ", (e["id"], "bold"), f"  {e['label']}",
                              ("  weak" if e["weak"] else "", "yellow"))
        else:
            t = Text.assemble("  ", (e["id"], "bold"), f"  {e['label']}")
        out.append(t)
    return out
