"""Validate a whole case: schema, cross-references, source texts and quotes.

This is what ``claimgraph validate`` runs and what ``build`` runs before it loads anything.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "case.yaml").write_text("id: demo\\ntitle: Demo\\n")
>>> _ = (d / "t.txt").write_text("China exported 700 tons in 2022.")
>>> _ = (d / "data.yaml").write_text('''entities:
...   - {id: china, name: China, kind: state}
...   - {id: russia, name: Russia, kind: state}
... sources:
...   - {id: art, title: Article, kind: analysis, text: t.txt}
... claims:
...   - id: c1
...     text: China supplied Russia.
...     subject: china
...     predicate: supplies
...     object: russia
...     evidence: [{source: art, quote: "China exported 70 tons"}]
... ''')
>>> result = validate_case(d)
>>> result.ok
False
>>> print(result.problems[0].format())  # doctest: +ELLIPSIS
data.yaml:12:37: error[quote-not-found]: claim 'c1': evidence #1: quote not found in source 'art' ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.errors import MissingExtraError, Problem, ProblemCode, Report, SourceReadError
from claimgraph.schema.caseload import LoadedCase, load_case_folder
from claimgraph.schema.casepaths import OutsideCase, inside_case
from claimgraph.schema.models import Case
from claimgraph.schema.validate import case_vocabulary, check_case
from claimgraph.schema.vocab import Vocabulary

from .anchoring import Anchor, anchor
from .anchorlock import text_change_problems
from .documents import SourceText, read_source
from .modality import unhedged_modal_problems
from .quantities import quantity_mismatch_problems
from .quoteonly import check_selectors, quote_only_ids

__all__ = ["ValidationResult", "validate_case"]


@dataclass
class ValidationResult:
    """Everything validation learnt: the case, its texts, each quote's anchor, problems."""

    loaded: LoadedCase
    vocab: Vocabulary
    texts: dict[str, SourceText] = field(default_factory=dict)
    anchors: dict[tuple[str, int], Anchor] = field(default_factory=dict)
    report: Report = field(default_factory=Report)

    @property
    def quote_only(self) -> set[str]:
        """Ids of the quote-only sources: their texts are read to check quotes, never
        copied into a build, and their quotes count as placed by their selectors."""
        return quote_only_ids(self.loaded.sources)

    @property
    def problems(self) -> list[Problem]:
        return self.report.sorted()

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def case(self) -> Case | None:
        return self.loaded.case()


def _read_texts(result: ValidationResult) -> None:
    for s in result.loaded.sources:
        if s.text is None:
            continue
        try:
            path = inside_case(result.loaded.root, s.text)
        except OutsideCase:
            continue  # reported by the cross-checks
        if not path.is_file():
            continue  # a folder, FIFO or missing file: reported by the cross-checks
        try:
            result.texts[s.id] = read_source(path)
        except (SourceReadError, MissingExtraError) as exc:
            origin = result.loaded.origin("source", s.id)
            file, line, col = origin.at("text") if origin else ("<case>", None, None)
            result.report.add(Problem("error", ProblemCode.SOURCE_READ, f"source '{s.id}': {exc.message}",
                                      file, line, col, exc.hint))


def _snippet(text: str, start: int, end: int, width: int = 60) -> str:
    s = text[start:end]
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _check_quotes(result: ValidationResult) -> None:
    sources = {s.id: s for s in result.loaded.sources}
    quote_only = result.quote_only  # checked by their selectors (quoteonly.py)
    for c in result.loaded.claims:
        origin = result.loaded.origin("claim", c.id)
        for i, ev in enumerate(c.evidence):
            doc = result.texts.get(ev.source)
            if doc is None or ev.source not in sources or ev.source in quote_only:
                continue
            a = anchor(doc.text, ev.quote, ev.occurrence)
            result.anchors[(c.id, i)] = a
            if a.status not in ("not_found", "ambiguous"):
                continue  # located only for a problem: a JSON Lines record re-reads its line
            file, line, col = origin.at("evidence", i, "quote") if origin else ("?", None, None)
            where = f"claim '{c.id}': evidence #{i + 1}"
            if a.status == "not_found":
                if ev.occurrence is not None and a.occurrences:
                    msg = (f"{where}: occurrence {ev.occurrence} asked for, but the quote occurs "
                           f"{len(a.occurrences)} time(s) in source '{ev.source}'")
                    hint = f"use an occurrence from 1 to {len(a.occurrences)}"
                else:
                    msg = f"{where}: quote not found in source '{ev.source}'"
                    hint = "copy the quote exactly from the source text"
                    if a.closest:
                        s, e, sim = a.closest
                        hint = (f"did you mean \"{_snippet(doc.text, s, e)}\" at char {s}, "
                                f"{round(sim * 100)} % similar?")
                result.report.add(Problem("error", ProblemCode.QUOTE_NOT_FOUND, msg, file, line, col, hint))
            elif a.status == "ambiguous":
                result.report.add(Problem(
                    "warning", ProblemCode.QUOTE_AMBIGUOUS,
                    f"{where}: quote occurs {len(a.occurrences)} times in source "
                    f"'{ev.source}' (at chars {', '.join(map(str, a.occurrences))})",
                    file, line, col, "add `occurrence: N`, or quote a longer passage"))


def validate_case(root: Path | str) -> ValidationResult:
    """Load and check a case folder; never raises for bad content."""
    loaded = load_case_folder(root)
    problems: list[Problem] = list(loaded.problems)
    vocab = case_vocabulary(loaded, problems)
    result = ValidationResult(loaded, vocab)
    result.report.extend(problems)
    if loaded.meta is not None or loaded.claims or loaded.entities:
        result.report.extend(check_case(loaded, vocab))
    _read_texts(result)
    _check_quotes(result)
    check_selectors(result)
    result.report.extend(text_change_problems(result))
    result.report.extend(unhedged_modal_problems(loaded, vocab))
    result.report.extend(quantity_mismatch_problems(loaded))
    return result
