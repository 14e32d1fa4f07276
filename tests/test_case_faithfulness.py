"""Principle 7 over every case under ``cases/``: no link the source does not make.

Regression tests for *classes* of defect found in the bundled case (issue 12), run on
every case folder, so that a new case cannot bring them back:

(a) no declared ``contradicts`` outside the conflict scope (schema/conflict.py) — a denial
    of "weapons" does not rebut exports of a chemical; argumentative tension is
    ``challenges``. Validate reports each as ``contradiction-scope``: there must be none.
(b) no affirmed supply or production claim whose only evidence is a motive sentence (its
    quote overlaps the quote of a ``motivated_by`` claim of the same actor or of a group it
    belongs to: "Supplying dual-use goods … generates huge revenues" is why a group acts,
    not that it supplies) or a quote the language lint finds hedged, modal or risky,
    unless the claim records a ``confidence``.
(c) no ``same_as`` between two entities that the case itself marks as overlapping: an
    ``overlaps`` link, a ``part_of``/``broader`` path between them, or a note or
    description calling one broader, narrower or overlapping.

Each rule is also checked on a small written case where it must fire, so that a rule that
can never fail is caught.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph.schema.models import Case, Claim, Entity
from claimgraph.sources.lint import hedges
from claimgraph.sources.validation import ValidationResult, validate_case

CASES = Path(__file__).parent.parent / "cases"
CASE_DIRS = sorted(p.parent for p in CASES.glob("*/case.yaml"))
SUPPLY_PREDICATES = ("supplies", "produces")
OVERLAP_WORDS = re.compile(r"\b(overlap\w*|broader|narrower)\b", re.IGNORECASE)


@pytest.fixture(scope="module", params=CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def result(request: pytest.FixtureRequest) -> ValidationResult:
    r = validate_case(request.param)
    assert r.case is not None, [p.format() for p in r.report.errors]
    return r


# --- (a) conflict scope ---------------------------------------------------------------

def scope_violations(r: ValidationResult) -> list[str]:
    return [p.message for p in r.report.warnings if p.code == "contradiction-scope"]


def test_every_case_is_found() -> None:
    assert CASE_DIRS, "no case folder under cases/"
    assert "china-russia-nitrocellulose" in {p.name for p in CASE_DIRS}


def test_no_contradicts_outside_its_scope(result: ValidationResult) -> None:
    assert scope_violations(result) == []


# --- (b) supply from a motive or modal sentence ----------------------------------------

def _groups_of(actor: str, case: Case) -> set[str]:
    """The actor and everything it is (transitively) part or member of in the case."""
    up: dict[str, set[str]] = {e.id: set(e.part_of) for e in case.entities}
    for c in case.claims:
        if c.predicate in ("member_of", "part_of") and c.polarity == "affirmed":
            up.setdefault(c.subject, set()).add(c.object)
    seen, todo = {actor}, [actor]
    while todo:
        for parent in up.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def supply_from_motive_or_modal(r: ValidationResult) -> list[str]:
    """Affirmed supply/produce claims without confidence resting only on motive or hedged
    quotes, as ``claim id: why``.

    A supporting quote is a *motive* quote when it overlaps the quote of a ``motivated_by``
    claim whose subject is the supplier or a group the supplier belongs to (the words the
    case reads as that actor's motive); it is *hedged* when the language lint finds a
    hedge, modal or risk word in it (the words of ``unhedged-modal``).
    """
    case = r.case
    assert case is not None

    def spans(c: Claim) -> list[tuple[int, str, int, int]]:
        out = []
        for i, ev in enumerate(c.evidence):
            a = r.anchors.get((c.id, i))
            if ev.relation == "supports" and ev.source in r.texts and a is not None \
                    and a.start is not None and a.end is not None:
                out.append((i, ev.source, a.start, a.end))
        return out

    motives = [(c.subject, source, s, e) for c in case.claims
               if c.predicate == "motivated_by" for _, source, s, e in spans(c)]
    found = []
    for c in case.claims:
        if c.predicate not in SUPPLY_PREDICATES or c.polarity != "affirmed" or c.confidence:
            continue
        quotes = spans(c)
        if not quotes:
            continue
        groups = _groups_of(c.subject, case)
        why = []
        for i, source, s, e in quotes:
            if any(who in groups and src == source and ms < e and s < me
                   for who, src, ms, me in motives):
                why.append("motive sentence")
            elif hedges(c.evidence[i].quote):
                why.append("hedged sentence")
            else:
                break
        else:
            found.append(f"{c.id}: only {', '.join(sorted(set(why)))}")
    return found


def test_no_supply_from_a_motive_or_modal_sentence(result: ValidationResult) -> None:
    assert supply_from_motive_or_modal(result) == []


# --- (c) same_as between overlapping entities ------------------------------------------

def _reaches(start: str, goal: str, by: dict[str, Entity]) -> bool:
    seen, todo = {start}, [start]
    while todo:
        e = by.get(todo.pop())
        for nxt in (*e.part_of, *e.broader) if e else ():
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def same_as_between_overlapping(case: Case) -> list[str]:
    by = {e.id: e for e in case.entities}
    found = []
    for e in case.entities:
        for other_id in e.same_as:
            other = by.get(other_id)
            if other is None or (e.id > other_id and e.id in other.same_as):
                continue  # a dangling id is validate's business; each pair once
            if other_id in e.overlaps or e.id in other.overlaps:
                found.append(f"{e.id} = {other_id}: declared overlapping")
            elif _reaches(e.id, other_id, by) or _reaches(other_id, e.id, by):
                found.append(f"{e.id} = {other_id}: one is part of / narrower than the other")
            elif any(OVERLAP_WORDS.search(t or "") for t in
                     (e.note, e.description, other.note, other.description)):
                found.append(f"{e.id} = {other_id}: its notes call them broader/overlapping")
    return found


def test_no_same_as_between_overlapping_entities(result: ValidationResult) -> None:
    assert result.case is not None
    assert same_as_between_overlapping(result.case) == []


# --- each rule fires on a written case ---------------------------------------------------

ARTICLE = ("Group A members. Profits: Supplying widgets generates huge revenues. "
           "Firm X is an example of group A. Firm X could sell widgets to Y. "
           "Firm X sold 5 widgets to Y in 2020.\n")


def _write(tmp: Path, entities: str, claims: str) -> Path:
    (tmp / "texts").mkdir()
    (tmp / "texts" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp / "case.yaml").write_text("id: t\ntitle: T\n", encoding="utf-8")
    (tmp / "data.yaml").write_text(
        "sources:\n  - {id: a, title: A, kind: analysis, text: texts/a.txt}\n"
        f"entities:\n{entities}claims:\n{claims}", encoding="utf-8")
    return tmp


ENTITIES = """\
  - {id: group-a, name: Group A, kind: group}
  - {id: firm-x, name: Firm X, kind: company}
  - {id: y, name: Y, kind: state}
  - {id: widgets, name: Widgets, kind: commodity}
  - {id: profits, name: Profits, kind: motive}
"""
MOTIVE_CLAIMS = """\
  - {id: m, text: t, subject: group-a, predicate: motivated_by, object: profits,
     evidence: [{source: a, quote: "Profits: Supplying widgets generates huge revenues."}]}
  - {id: x-in-a, text: t, subject: firm-x, predicate: member_of, object: group-a,
     evidence: [{source: a, quote: "Firm X is an example of group A."}]}
"""


def test_rule_b_fires_on_a_supply_from_a_motive_sentence(tmp_path: Path) -> None:
    claims = MOTIVE_CLAIMS + """\
  - {id: s-motive, text: t, subject: firm-x, predicate: supplies, object: y, item: widgets,
     evidence: [{source: a, quote: "Supplying widgets generates huge revenues"}]}
  - {id: s-modal, text: t, subject: firm-x, predicate: supplies, object: y, item: widgets,
     evidence: [{source: a, quote: "Firm X could sell widgets to Y."}]}
  - {id: s-hedged-ok, text: t, subject: firm-x, predicate: supplies, object: y,
     item: widgets, confidence: roughly_even_chance,
     evidence: [{source: a, quote: "Firm X could sell widgets to Y."}]}
  - {id: s-fact, text: t, subject: firm-x, predicate: supplies, object: y, item: widgets,
     evidence: [{source: a, quote: "Firm X sold 5 widgets to Y in 2020."}]}
"""
    r = validate_case(_write(tmp_path, ENTITIES, claims))
    assert supply_from_motive_or_modal(r) == ["s-motive: only motive sentence",
                                              "s-modal: only hedged sentence"]


def test_rule_c_fires_on_same_as_between_overlapping_groups() -> None:
    case = Case.model_validate({"meta": {"id": "t", "title": "T"}, "entities": [
        {"id": "a1", "name": "A1", "kind": "group", "same_as": ["a2"],
         "note": "same_as is our call, but a2 is broader"},
        {"id": "a2", "name": "A2", "kind": "group", "same_as": ["a1"]},
        {"id": "b1", "name": "B1", "kind": "group", "same_as": ["b2"], "overlaps": ["b2"]},
        {"id": "b2", "name": "B2", "kind": "group"},
        {"id": "c1", "name": "C1", "kind": "group", "same_as": ["c2"], "part_of": ["c2"]},
        {"id": "c2", "name": "C2", "kind": "group"},
        {"id": "d1", "name": "D1", "kind": "group", "same_as": ["d2"]},
        {"id": "d2", "name": "D2", "kind": "group"}]})
    assert same_as_between_overlapping(case) == [
        "a1 = a2: its notes call them broader/overlapping",
        "b1 = b2: declared overlapping",
        "c1 = c2: one is part of / narrower than the other"]


def test_rule_a_fires_on_a_weapons_denial_against_a_chemical(tmp_path: Path) -> None:
    entities = ENTITIES + "  - {id: weapons, name: Weapons, kind: commodity}\n"
    claims = """\
  - {id: fact, text: t, subject: firm-x, predicate: supplies, object: y, item: widgets,
     evidence: [{source: a, quote: "Firm X sold 5 widgets to Y in 2020."}]}
  - {id: denial, text: t, subject: firm-x, predicate: supplies, object: y, item: weapons,
     polarity: denied, contradicts: [fact],
     evidence: [{source: a, quote: "Firm X is an example of group A."}]}
"""
    r = validate_case(_write(tmp_path, entities, claims))
    assert len(scope_violations(r)) == 1 and "'denial'" in scope_violations(r)[0]
