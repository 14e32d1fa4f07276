"""Who said it, per quote, and monotone status (issue 11 item 4).

The fixture ``attribution`` holds the same quote unattributed, attributed to a speaker and
relayed from an uncaptured statement, the legacy claimant form, two outlets relaying one
customs dataset, a captured upstream and the article's own word; a hypothesis property
checks the rule on random cites graphs: for a claim whose supporting quotes come from one
document, adding ``attributed_to`` or ``relays`` never lowers its support level or its
strength (the analytics' weight).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.graph.analytics.filters import load_evidence_scale
from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.provenance import CaseAssessment, ClaimAssessment, assess_case, assess_models
from claimgraph.graph.provenance.trace import trace_claim
from claimgraph.graph.store import Store
from claimgraph.schema.models import Case
from claimgraph.schema.vocab import load_vocabulary
from claimgraph.sources.anchoring import Anchor
from claimgraph.sources.validation import validate_case

CASE = Path(__file__).parent / "fixtures" / "cases" / "attribution"
CID = "attribution"


@pytest.fixture(scope="module")
def assessment() -> CaseAssessment:
    result = validate_case(CASE)
    assert result.ok and result.problems == []
    return assess_case(result)


def _strength(c: ClaimAssessment) -> float:
    """How much the analytics count the claim: the projection's formula."""
    scale = load_evidence_scale()
    status, origins, *more = c.status_entry()
    return scale.strength(scale.weaker(status, more[0] if more else None), origins)


# -- the fixture: the expected verdict of each claim --------------------------------------
def test_attribution_never_weakens_the_same_quote(assessment: CaseAssessment) -> None:
    plain, speaker, relayed = (assessment.claims[c] for c in (
        "weapons-unattributed", "weapons-speaker", "weapons-relayed"))
    assert (plain.status, plain.support, plain.notes) == ("single-origin", "single-origin", ())
    # a speaker (an entity) changes nothing of what the quote rests on
    assert (speaker.status, speaker.origins, speaker.notes) == (
        "single-origin", ("article",), ())
    # relaying an uncaptured statement: as strong, with the note beside the status
    assert (relayed.status, relayed.support, relayed.origins) == (
        "single-origin", "single-origin", ("mfa-statement",))
    assert relayed.notes == ("uncaptured-upstream",)
    assert _strength(plain) == _strength(speaker) == _strength(relayed) > 0.15
    assert (relayed.anchors[0].rests_on, relayed.anchors[0].basis) == ("mfa-statement", "relays")


def test_legacy_claimant_and_shared_upstream(assessment: CaseAssessment) -> None:
    legacy = assessment.claims["nc-legacy-claimant"]
    assert (legacy.status, legacy.origins, legacy.notes) == (
        "single-origin", ("customs-data",), ("uncaptured-upstream",))
    assert legacy.anchors[0].basis == "claimant"
    # two outlets relaying the same customs data are ONE origin: independence, not a penalty
    two = assessment.claims["nc-two-outlets"]
    assert (two.status, two.origins, two.checkable_origins) == (
        "single-origin", ("customs-data",), ("customs-data",))


def test_captured_upstream_has_no_note_and_own_word(assessment: CaseAssessment) -> None:
    wire = assessment.claims["linters-wire"]
    assert (wire.origins, wire.notes) == (("wire",), ())
    own = assessment.claims["neutrality-fiction"]
    assert (own.origins, own.notes, own.anchors[0].basis) == (("article",), (), "own-word")


# -- from the store, both backends ----------------------------------------------------------
def test_trace_reads_who_said_it_per_quote(store: Store) -> None:
    build_case(CASE, store)
    t = trace_claim(store, CID, "weapons-relayed")
    assert (t["status"], t["notes"]) == ("single-origin", ["uncaptured-upstream"])
    (ev,) = t["evidence"]
    assert ev["attributed_to"] == {"id": "lin-jian", "name": "Lin Jian", "type": "entity"}
    assert (ev["relays"], ev["relays_captured"], ev["source"]) == (
        "mfa-statement", False, "article")
    assert (ev["rests_on"], ev["basis"]) == ("mfa-statement", "relays")
    assert ev["reading"] == ("Lin Jian, via Chinese Foreign Ministry statement (April 2025) "
                             "(not captured), quoted in The Weekly Review article")
    wire = trace_claim(store, CID, "linters-wire")["evidence"]
    assert [(e["relays"], e["relays_captured"]) for e in wire] == [("wire", True), (None, None)]
    assert wire[0]["reading"] == ("Wire report on cotton linters, quoted in The Weekly "
                                  "Review article")
    assert wire[1]["reading"] == "Wire report on cotton linters (its own word)"
    speaker = trace_claim(store, CID, "weapons-speaker")["evidence"][0]
    assert speaker["reading"] == "Lin Jian, quoted in The Weekly Review article"
    assert trace_claim(store, CID, "weapons-unattributed")["notes"] == []


def test_store_assessment_round_trips_the_basis(store: Store,
                                                assessment: CaseAssessment) -> None:
    from claimgraph.graph.provenance import read_assessment

    build_case(CASE, store)
    assert read_assessment(store, CID).claims == assessment.claims


def test_cli_trace_and_audit(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    build_case(CASE, store)
    if store.location.startswith("http"):
        args = ["--endpoint", store.location]
    else:
        store.close()
        args = ["--store", store.location]
    assert main([*args, "trace", "weapons-relayed"]) == 0
    out = re.sub(r"\s+", " ", capsys.readouterr().out)
    assert "[Upstream not captured]" in out
    assert ("said: Lin Jian, via Chinese Foreign Ministry statement (April 2025) (not "
            "captured), quoted in The Weekly Review article") in out.replace("│ ", "")
    assert main([*args, "audit", CID, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(c["id"], c["upstream"]) for c in report["uncaptured-upstream"]] == [
        ("nc-legacy-claimant", ["customs-data"]), ("nc-two-outlets", ["customs-data"]),
        ("weapons-relayed", ["mfa-statement"])]
    assert report["unsourced"] == []


# -- the property: monotone on one document ------------------------------------------------
_SOURCES = ("doc", "s1", "s2", "s3")


@st.composite
def _one_document_claims(draw: st.DrawFn) -> tuple[Case, set[str], dict[tuple[str, int], Anchor]]:
    cites = {s: sorted(draw(st.sets(st.sampled_from([x for x in _SOURCES if x != s]),
                                    max_size=3))) for s in _SOURCES}
    captured = draw(st.sets(st.sampled_from(_SOURCES)))
    weak = draw(st.sets(st.sampled_from(_SOURCES)))
    n = draw(st.integers(1, 4))
    anchored = [draw(st.booleans()) and "doc" in captured for _ in range(n)]
    claimant = draw(st.none() | st.sampled_from([*_SOURCES, "speaker"]))
    added = [(draw(st.none() | st.sampled_from([*_SOURCES, "speaker"])),
              draw(st.none() | st.sampled_from(_SOURCES))) for _ in range(n)]
    contested = draw(st.booleans())

    def claim(cid: str, attributed: bool) -> dict[str, object]:
        evidence = []
        for i in range(n):
            ev: dict[str, object] = {"source": "doc", "quote": f"quote {i}"}
            if attributed:
                ev.update({k: v for k, v in zip(("attributed_to", "relays"), added[i],
                                                strict=True) if v is not None})
            evidence.append(ev)
        rec: dict[str, object] = {"id": cid, "text": "t", "subject": "cn",
                                  "predicate": "supplies", "object": "ru", "evidence": evidence}
        if claimant:
            rec["claimant"] = claimant
        if contested:
            rec["polarity"] = "denied" if cid == "plain" else "affirmed"
        return rec

    case = Case.model_validate({
        "meta": {"id": "prop", "title": "Property"},
        "entities": [{"id": "cn", "name": "China", "kind": "state"},
                     {"id": "ru", "name": "Russia", "kind": "state"},
                     {"id": "speaker", "name": "A speaker", "kind": "person"}],
        "sources": [{"id": s, "title": s, "kind": "news", "cites": cites[s],
                     "reliability": "E" if s in weak else "B",
                     **({"text": f"{s}.txt"} if s in captured else {})} for s in _SOURCES],
        "claims": [claim("plain", False), claim("attributed", True)]})
    anchors = {(cid, i): Anchor("exact", 10 * i, 10 * i + 7) if anchored[i]
               else Anchor("not_found") for cid in ("plain", "attributed") for i in range(n)
               if "doc" in captured}
    return case, captured, anchors


@settings(max_examples=300, deadline=None)
@given(_one_document_claims())
def test_attributing_one_documents_quotes_never_lowers_support_or_strength(
        drawn: tuple[Case, set[str], dict[tuple[str, int], Anchor]]) -> None:
    case, captured, anchors = drawn
    a = assess_models(case, anchors, load_vocabulary(), captured=captured)
    plain, attributed = a.claims["plain"], a.claims["attributed"]
    scale = load_evidence_scale()
    assert scale.rank(attributed.support) >= scale.rank(plain.support)
    assert _strength(attributed) >= _strength(plain)
    assert attributed.status == plain.status  # nothing else differs between them
