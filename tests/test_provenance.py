"""Independence, evidence status, contradictions and assess_case on the fixture case."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.graph.provenance import (
    CaseAssessment,
    assess_case,
    decide,
    find_contradictions,
    independent_origins,
    status_ids,
    trace_origins,
)
from claimgraph.schema.models import Claim
from claimgraph.sources.validation import validate_case

FIXTURE = Path(__file__).parent / "fixtures" / "cases" / "provenance-acceptance"


@pytest.fixture(scope="module")
def assessment() -> CaseAssessment:
    result = validate_case(FIXTURE)
    assert result.ok, [p.format() for p in result.report.errors]
    return assess_case(result)


# -- acceptance ----------------------------------------------------------------------------
def test_three_articles_citing_one_wire_report_have_one_origin(assessment: CaseAssessment) -> None:
    c = assessment.claims["wire-only"]
    assert c.origins == ("wire",) and c.status == "single-origin"
    assert {a.source for a in c.anchors} == {"a1", "a2", "a3"}
    assert assessment.sources["wire"].dependants == ("a1", "a2", "a3")


def test_curly_quotes_and_line_break_anchor(assessment: CaseAssessment) -> None:
    (a,) = assessment.claims["denial"].anchors
    assert a.status == "normalised" and a.anchored


def test_denial_and_affirmation_are_a_contradiction(assessment: CaseAssessment) -> None:
    assert [(x.other, x.kind) for x in assessment.claims["denial"].contradictions] == [
        ("belarus-route", "polarity")]
    assert assessment.claims["belarus-route"].status == "contested"


def test_typo_is_reported_with_the_closest_passage(fixture_case) -> None:
    result = validate_case(fixture_case("provenance-typo"))
    (p,) = result.report.errors
    assert p.code == "quote-not-found" and (p.file, p.line) == ("data.yaml", 10)
    assert p.hint == ('did you mean "China shipped 1,300 tonnes of nitrocellulose to Russia" '
                      "at char 54, 97 % similar?")
    assert assess_case(result).claims["typo"].status == "unanchored"


# -- statuses on the fixture ---------------------------------------------------------------
def test_statuses(assessment: CaseAssessment) -> None:
    assert {k: c.status for k, c in assessment.claims.items()} == {
        "belarus-route": "contested",
        "circular": "single-origin",
        "corroborated": "corroborated",
        "customs-only": "single-origin",
        "denial": "contested",
        "no-evidence": "unsourced",
        "q-early-2024": "contested",
        "q-rumour-2024": "contested",
        "weak-backed": "single-origin",
        "wire-only": "single-origin",
    }


def test_captured_article_relaying_a_referred_only_source_carries_the_note(
        assessment: CaseAssessment) -> None:
    """Monotone: the quote anchored in its captured article is checkable; that what it
    relays (customs data) was never captured is a note beside the status, not a lower one."""
    c = assessment.claims["customs-only"]
    assert c.origins == ("customs",) and c.checkable_origins == ("customs",)
    assert (c.status, c.support, c.notes) == ("single-origin", "single-origin",
                                              ("uncaptured-upstream",))
    assert c.anchors[0].status == "exact"  # the quote is there; what it rests on is not
    assert (c.anchors[0].rests_on, c.anchors[0].basis) == ("customs", "inferred-relay")
    assert assessment.claims["corroborated"].notes == ()
    assert not assessment.sources["customs"].captured
    assert assessment.sources["oped"].roots == ("customs",)


def test_circular_reporting_is_one_named_origin(assessment: CaseAssessment) -> None:
    assert assessment.claims["circular"].origins == ("echo-a",)
    assert assessment.sources["echo-b"].cycle == ("echo-a", "echo-b")


def test_weak_source_blocks_corroboration(assessment: CaseAssessment) -> None:
    c = assessment.claims["weak-backed"]
    assert len(c.checkable_origins) == 2 and c.status == "single-origin"
    assert assessment.sources["rumour"].weak


def test_language_findings(assessment: CaseAssessment) -> None:
    c = assessment.claims["customs-only"]
    assert [(f.kind, f.phrase, f.where, f.implies) for f in c.findings] == [
        ("hedge", "reportedly", "evidence/0", "roughly_even_chance"),
        ("vague", "experts warn", "evidence/0", None),
        ("hedge", "reportedly", "text", "roughly_even_chance")]


def test_quantity_contradiction_in_overlapping_time(assessment: CaseAssessment) -> None:
    (x,) = assessment.claims["q-early-2024"].contradictions
    assert (x.other, x.kind) == ("q-rumour-2024", "quantity")
    assert "110 t" in x.detail and "500 t" in x.detail


# -- independence --------------------------------------------------------------------------
def test_cycle_citing_a_root_is_not_an_origin_but_is_named() -> None:
    o = trace_origins({"x": ["y", "w"], "y": ["x"], "w": []})
    assert o.roots["x"] == o.roots["y"] == ("w",)
    assert o.cycles == (("x", "y"),)
    assert independent_origins(o, ["x", "y", "w"]) == ("w",)


def test_self_citation_and_unknown_ids() -> None:
    o = trace_origins({"a": ["a", "ghost"]})
    assert o.roots["a"] == ("ghost",) and o.cycles == ()


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefg"), st.lists(st.sampled_from("abcdefg"),
                                                             max_size=3), max_size=7))
def test_roots_cite_nothing_outside_their_circle(cites: dict[str, list[str]]) -> None:
    o = trace_origins(cites)
    for s, roots in o.roots.items():
        assert roots and all(r in o.groups for r in roots)
        for r in roots:
            members = set(o.groups[r])
            assert all(set(cites.get(m, [])) <= members for m in members)
            assert r in o.upstream[s] or s in members


# -- status rules --------------------------------------------------------------------------
def test_precedence_is_the_order_of_the_data_file() -> None:
    assert status_ids() == ("contested", "unanchored", "unsourced", "corroborated",
                            "single-origin")
    facts = dict(supporting_evidence=0, refuting_evidence=1, contradictions=0,
                 unanchored_quotes=1, origins=0, checkable_origins=0, weak_sources=0)
    assert decide(facts) == "contested"
    assert decide({**facts, "refuting_evidence": 0}) == "unanchored"


# -- contradictions ------------------------------------------------------------------------
def _claim(i: str, **kw: object) -> Claim:
    base = {"id": i, "text": i, "subject": "cn", "predicate": "supplies", "object": "ru"}
    return Claim.model_validate({**base, **kw})


def test_bounds_and_approximations_do_not_contradict_compatible_values() -> None:
    claims = [_claim("a", time="2023", quantity={"value": 1000, "unit": "t", "bound": "min"}),
              _claim("b", time="2023", quantity={"value": 1300, "unit": "t"}),
              _claim("c", time="2023", quantity={"value": 1200, "unit": "t", "approx": True}),
              _claim("d", time="2023", quantity={"value": 1300, "unit": "kg"}),
              _claim("e", time="2022", quantity={"value": 5, "unit": "t"})]
    assert find_contradictions(claims) == []


def test_denial_for_another_item_or_time_is_no_contradiction() -> None:
    claims = [_claim("a", item="nc", time="2023"),
              _claim("b", item="drones", polarity="denied"),
              _claim("c", item="nc", time="2020", polarity="denied")]
    assert find_contradictions(claims) == []


def test_attribution_to_a_cited_source_narrows_the_origins() -> None:
    from claimgraph.graph.provenance import assess_models
    from claimgraph.schema.models import Case
    from claimgraph.schema.vocab import load_vocabulary
    from claimgraph.sources.anchoring import anchor

    text = "Customs data reveal 700 t. Analysts think it matters."
    case = Case.model_validate({
        "meta": {"id": "attr", "title": "Attribution"},
        "entities": [{"id": "cn", "name": "China", "kind": "state"},
                     {"id": "ru", "name": "Russia", "kind": "state"}],
        "sources": [
            {"id": "art", "title": "Article", "kind": "analysis", "text": "a.txt",
             "cites": ["customs", "intel"]},
            {"id": "customs", "title": "Customs data", "kind": "customs_data"},
            {"id": "intel", "title": "Intelligence", "kind": "intelligence_report"}],
        "claims": [
            {"id": "attributed", "text": "t", "subject": "cn", "predicate": "supplies",
             "object": "ru", "claimant": "customs",
             "evidence": [{"source": "art", "quote": "Customs data reveal 700 t."}]},
            {"id": "own-word", "text": "t", "subject": "cn", "predicate": "supplies",
             "object": "ru",
             "evidence": [{"source": "art", "quote": "Analysts think it matters."}]}]})
    anchors = {(c.id, 0): anchor(text, c.evidence[0].quote) for c in case.claims}
    a = assess_models(case, anchors, load_vocabulary(), captured={"art"})
    assert a.claims["attributed"].origins == ("customs",)
    # monotone: as strong as the same quote left unattributed; the uncaptured customs data
    # are a note beside the status
    assert a.claims["attributed"].status == "single-origin"
    assert a.claims["attributed"].notes == ("uncaptured-upstream",)
    assert a.claims["own-word"].notes == ()
    # not attributed, and the article cites two sources: it is the article's own word
    assert a.claims["own-word"].origins == ("art",)
    assert a.claims["own-word"].checkable_origins == ("art",)
    assert a.claims["own-word"].status == "single-origin"


def test_evidence_sharing_a_root_counts_once_and_disjoint_evidence_corroborates() -> None:
    from claimgraph.graph.provenance.assess import assess_models
    from claimgraph.schema.models import Case
    from claimgraph.schema.vocab import load_vocabulary
    from claimgraph.sources.anchoring import anchor

    text = "China sold 700 t to Russia."
    sources = [{"id": i, "title": i, "kind": "news", "text": f"{i}.txt", "reliability": "B",
                "cites": c} for i, c in (("a", ["customs", "intel"]), ("b", ["customs"]),
                                         ("c", []), ("d", []))]
    sources += [{"id": "customs", "title": "Customs", "kind": "customs_data"},
                {"id": "intel", "title": "Intel", "kind": "intelligence_report"}]

    def claim(cid: str, srcs: list[str]) -> dict[str, object]:
        return {"id": cid, "text": "t", "subject": "cn", "predicate": "supplies", "object": "ru",
                "evidence": [{"source": s, "quote": "China sold 700 t"} for s in srcs]}

    case = Case.model_validate({
        "meta": {"id": "indep", "title": "Independence"},
        "entities": [{"id": "cn", "name": "China", "kind": "state"},
                     {"id": "ru", "name": "Russia", "kind": "state"}],
        "sources": sources,
        "claims": [claim("shared", ["a", "b"]), claim("disjoint", ["c", "d"])]})
    anchors = {(c.id, i): anchor(text, "China sold 700 t")
               for c in case.claims for i in range(len(c.evidence))}
    a = assess_models(case, anchors, load_vocabulary(), captured={"a", "b", "c", "d"})
    # a and b both go back to customs: one origin, named by the root they share; b relays
    # customs alone (not captured) but a is captured and speaks for itself
    assert a.claims["shared"].origins == ("customs",)
    assert a.claims["shared"].status == "single-origin"
    assert a.claims["disjoint"].origins == ("c", "d")
    assert a.claims["disjoint"].status == "corroborated"
