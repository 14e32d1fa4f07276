"""The bundled case (cases/china-russia-nitrocellulose): valid, complete and faithful.

Coverage is checked sentence by sentence. The article is split into *units* by the
deterministic splitter that ``claimgraph extract`` uses too
(:func:`claimgraph.sources.sentences.split_units`, whose docstring states its rules).

A unit is *covered* when the anchored evidence quotes in the article, taken together,
cover at least half of the unit's letters and digits (:data:`COVERED_SHARE`). A unit is
*unclaimed* when it lies inside an occurrence of one of the ``unclaimed:`` texts of
case.yaml. Every unit must be one or the other, and an unclaimed passage must not overlap
any quote.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.schema.models import Case
from claimgraph.sources.sentences import split_units
from claimgraph.sources.validation import ValidationResult, validate_case

CASE = Path(__file__).parent.parent / "cases" / "china-russia-nitrocellulose"
SEED = Path(__file__).parent.parent.parent / "shared" / "seed" / "000_c95ef05383f2dd26.txt"
ARTICLE = "article"
COVERED_SHARE = 0.5
# Warnings allowed on the bundled case: only those that describe the article itself
# (hedged or vaguely attributed language), never problems of the encoding.
ARTICLE_WARNING_MARKERS = ("hedge", "vague")

def _occurrences(text: str, needle: str) -> Iterator[tuple[int, int]]:
    i = text.find(needle)
    while i != -1:
        yield i, i + len(needle)
        i = text.find(needle, i + 1)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def covered_share(text: str, unit: tuple[int, int], quoted: list[tuple[int, int]]) -> float:
    """Share of the unit's letters and digits that lie inside a quoted span."""
    a, b = unit
    inside = [False] * (b - a)
    for s, e in quoted:
        for i in range(max(s, a), min(e, b)):
            inside[i - a] = True
    counted = [inside[i - a] for i in range(a, b) if text[i].isalnum()]
    return sum(counted) / len(counted) if counted else 0.0


@pytest.fixture(scope="module")
def result() -> ValidationResult:
    return validate_case(CASE)


@pytest.fixture(scope="module")
def case(result: ValidationResult) -> Case:
    c = result.case
    assert c is not None
    return c


@pytest.fixture(scope="module")
def text(result: ValidationResult) -> str:
    return result.texts[ARTICLE].text


@pytest.fixture(scope="module")
def quoted(result: ValidationResult, case: Case) -> list[tuple[int, int]]:
    spans = []
    for c in case.claims:
        for i, ev in enumerate(c.evidence):
            if ev.source == ARTICLE:
                a = result.anchors[(c.id, i)]
                assert a.start is not None and a.end is not None, (c.id, i)
                spans.append((a.start, a.end))
    return _merge(spans)


# The declared contradictions the conflict-scope rules (issue 11) find out of scope. Issue
# 12 re-encoded the case (the weapons denials no longer "contradict" nitrocellulose; the
# article `challenges` them): none is left, and tests/test_case_faithfulness.py holds every
# case under cases/ to the same rule.
KNOWN_SCOPE_WARNINGS: list[tuple[str, ...]] = []


def test_validates_without_errors(result: ValidationResult) -> None:
    errors = [p.format() for p in result.report.errors]
    assert errors == []
    scope = sorted(tuple(re.findall(r"'([^']+)'", p.message)[:2]) for p in result.report.warnings
                   if p.code == "contradiction-scope")
    assert scope == KNOWN_SCOPE_WARNINGS
    other = [p.format() for p in result.report.warnings
             if not any(m in p.code for m in ARTICLE_WARNING_MARKERS)
             and p.code != "contradiction-scope"]
    assert other == [], "only warnings that describe the article are allowed"


def test_article_text_is_the_seed(result: ValidationResult, case: Case) -> None:
    article = next(s for s in case.sources if s.id == ARTICLE)
    data = (CASE / "texts" / "article.txt").read_bytes()
    assert article.sha256 == hashlib.sha256(data).hexdigest() == result.texts[ARTICLE].sha256
    if SEED.is_file():  # the seed lives outside the repository in the development setup
        assert data == SEED.read_bytes()


def test_every_quote_is_an_exact_substring(result: ValidationResult, case: Case) -> None:
    inexact = [(c.id, i, result.anchors[(c.id, i)].status)
               for c in case.claims for i, ev in enumerate(c.evidence)
               if ev.source == ARTICLE and result.anchors[(c.id, i)].status != "exact"]
    assert inexact == []


def test_every_claim_bearing_sentence_is_quoted(
    case: Case, text: str, quoted: list[tuple[int, int]], capsys: pytest.CaptureFixture[str],
) -> None:
    units = split_units(text)
    unclaimed_spans = [span for u in case.meta.unclaimed if u.source == ARTICLE
                       for span in _occurrences(text, u.text)]
    unclaimed = [u for u in units
                 if any(s <= u[0] and u[1] <= e for s, e in unclaimed_spans)]
    claim_bearing = [u for u in units if u not in unclaimed]
    shares = {u: covered_share(text, u, quoted) for u in claim_bearing}
    covered = [u for u in claim_bearing if shares[u] >= COVERED_SHARE]
    figure = 100.0 * len(covered) / len(claim_bearing)
    with capsys.disabled():
        print(f"\nbundled case coverage: {len(covered)}/{len(claim_bearing)} claim-bearing "
              f"sentences quoted ({figure:.1f} %), {len(unclaimed)} unclaimed of "
              f"{len(units)} units; mean quoted share "
              f"{100 * sum(shares.values()) / len(shares):.1f} %")
    missing = [(round(shares[u], 2), text[u[0]:u[1]]) for u in claim_bearing
               if u not in covered]
    assert missing == [], f"coverage {figure:.1f} % < 100 %"


def test_unclaimed_passages_exist_and_are_not_quoted(
    case: Case, text: str, quoted: list[tuple[int, int]],
) -> None:
    assert case.meta.unclaimed, "the case lists its unclaimed passages"
    for u in case.meta.unclaimed:
        spans = list(_occurrences(text, u.text))
        assert spans, f"unclaimed text not in the article: {u.text!r}"
        assert u.reason.strip()
        for s, e in spans:
            overlapping = [(qs, qe) for qs, qe in quoted if qs < e and s < qe]
            assert overlapping == [], f"unclaimed {u.text!r} overlaps a quote"


def test_referred_sources_are_cited_and_never_evidence(case: Case) -> None:
    article = next(s for s in case.sources if s.id == ARTICLE)
    referred = {s.id for s in case.sources if not s.captured}
    assert referred and referred <= set(article.cites)
    used = {ev.source for c in case.claims for ev in c.evidence}
    assert used == {ARTICLE}, "quotes can only be checked in the captured article"
    assert article.reliability == "F" and not article.authors and article.published is None


def test_denials_are_claims_by_their_claimants(case: Case) -> None:
    entities = {e.id for e in case.entities}
    by_id = {c.id: c for c in case.claims}
    for cid in ("cn-gov-no-lethal-weapons", "lin-jian-no-lethal-weapons",
                "diplomats-no-weapons-sales", "diplomats-trade-not-against-third-party"):
        c = by_id[cid]
        assert c.polarity == "denied" and c.claimant in entities, cid
        # each quote names its speaker and what the article relays (issue 11 item 4)
        assert all(ev.attributed_to == c.claimant and ev.relays for ev in c.evidence), cid
        # a denial of (lethal) weapons or of a trade's aim rebuts no export claim
        assert c.contradicts == [], cid
    assert by_id["lin-jian-no-lethal-weapons"].claimant == "lin-jian"
    assert by_id["lin-jian-no-lethal-weapons"].evidence[0].relays == "mfa-statement-2025-04"
    # the article's answer undercuts the denials; it does not rebut them
    rebuttal = by_id["article-rebuts-denials"]
    assert rebuttal.contradicts == [] and set(rebuttal.challenges) == {
        "cn-gov-no-lethal-weapons", "lin-jian-no-lethal-weapons", "diplomats-no-weapons-sales"}
    assert by_id["article-no-direct-weapons"].supports == []
    # the only declared contradictions: the neutrality claims, the Perm explosion
    declared = sorted((c.id, o) for c in case.claims for o in c.contradicts)
    assert declared == [("europe-neutrality-illusion", "china-claims-neutrality"),
                        ("neutrality-facade", "china-claims-neutrality"),
                        ("russia-denies-perm-incident", "perm-explosion")]


def test_export_figures_are_structured(case: Case) -> None:
    by_id = {c.id: c for c in case.claims}
    expected = {"nc-exports-2022": ((700, "t", True, None), "2022"),
                "nc-exports-2023": ((1300, "t", False, None), "2023"),
                # "In early 2024 alone … 110 tons": at least 110 t in 2024, no months guessed
                "nc-exports-2024-early": ((110, "t", False, "min"), "2024")}
    for cid, (qty, time) in expected.items():
        c = by_id[cid]
        assert (c.subject, c.predicate, c.object, c.item) == (
            "china", "supplies", "russia", "nitrocellulose"), cid
        assert c.time == time
        q = c.quantity
        got = (q.value, q.unit, q.approx, q.bound) if q else None
        assert got == qty, cid
        assert all(ev.relays == "customs-data" for ev in c.evidence), cid
    # "negligible" is a property of the exports, not a supply of some amount
    negligible = by_id["nc-exports-2015-2021"]
    assert (negligible.predicate, negligible.object, negligible.time, negligible.quantity) == (
        "has_property", "negligible-volume", "2015/2021", None)
    # "enough to produce": a capacity, never production
    shells = by_id["nc-2023-enough-for-shells"].quantity
    assert shells is not None and (shells.value, shells.bound, shells.capacity) == (
        200000, "min", True)


def test_both_analyses_keep_their_groups(case: Case) -> None:
    entities = {e.id: e for e in case.entities}
    pairs = [("a1-pla-hawks", "a2-ccp-hardliners"),
             ("a1-left-nationalists", "a2-nationalist-intellectuals"),
             ("a1-state-economic-interests", "a2-military-industrial-complex")]
    for a1, a2 in pairs:
        assert entities[a1].kind == entities[a2].kind == "group"
        # the analyses draw their groups differently: overlap, never identity
        assert a2 in entities[a1].overlaps and a1 in entities[a2].overlaps
        assert not entities[a1].same_as and not entities[a2].same_as
        for group, prefix in ((a1, "a1-"), (a2, "a2-")):
            own = [c for c in case.claims if group in (c.subject, c.object)]
            assert own and all(c.id.startswith(prefix) for c in own), group
            assert any(c.predicate == "motivated_by" for c in own)
            assert any(c.predicate in ("member_of", "part_of") for c in own)
    assert not any(e.same_as for e in case.entities)
    # analysis 2's heading lists "PLA hawks" inside its group 1: a quoted part_of
    part = next(c for c in case.claims if c.id == "a2-pla-hawks-part")
    assert (part.subject, part.predicate, part.object) == (
        "a2-pla-hawks", "part_of", "a2-ccp-hardliners")
    # motives the analyses share are one entity reached from both
    for motive in ("counterbalance-west", "taiwan-preparation", "ideological-struggle",
                   "eurasian-leverage", "resist-containment"):
        assert entities[motive].kind == "motive"
        prefixes = {c.id[:3] for c in case.claims
                    if c.predicate == "motivated_by" and c.object == motive}
        assert {"a1-", "a2-"} <= prefixes, motive
    # the same word for different things: two narrower motives under one broader one
    profit = {c.id[:3]: c.object for c in case.claims
              if c.predicate == "motivated_by" and "profits" in entities[c.object].broader}
    assert profit == {"a1-": "profit-cheap-resources", "a2-": "profit-dual-use-sales"}


def test_members_named_as_part_of_a_body_are_sub_groups(case: Case) -> None:
    """"Officers within", "certain parts of", "top leadership", "influential members",
    "editors", "senior figures within": the member is a sub-group part of the body; planners
    or executives "tied to" a body are linked to it (linked_to), never part of it."""
    entities = {e.id: e for e in case.entities}
    members = {c.id: c.subject for c in case.claims if c.predicate == "member_of"}
    expected = {"a1-gsd-member": "pla-general-staff-department",
                "a1-cppcc-member": "cppcc",
                "a2-mss-member": "mss", "a2-cmc-member": "central-military-commission",
                "a2-global-times-member": "global-times",
                "a2-conservative-faction-member": "ccp-conservative-faction"}
    for cid, body in expected.items():
        sub = members[cid]
        assert sub != body and body in entities[sub].part_of, cid
        assert entities[sub].kind == "group", cid
    # "tied to" names a tie, not a place in the body: a linked_to claim, never part_of
    tied = {c.subject: c.object for c in case.claims if c.predicate == "linked_to"}
    for cid, body in {"a1-ndrc-member": "ndrc", "a1-miit-member": "miit",
                      "a2-defense-executives-member": "chinese-defense-industry"}.items():
        sub = members[cid]
        assert tied[sub] == body and body not in entities[sub].part_of, cid
    bodies = {"government_body", "military_body", "party_body"}
    assert not [c.id for c in case.claims if c.predicate == "member_of"
                and entities[c.subject].kind in bodies and c.object.startswith(("a1-", "a2-"))]


@given(st.lists(st.sampled_from(
    ["One.", " Two U.S. three.", " e.g. four", "\n", "\n- ", "\n1. ", " - ", "Five:", "?", " "]),
    max_size=30))
def test_splitter_units_are_ordered_trimmed_substrings(parts: list[str]) -> None:
    t = "".join(parts)
    units = split_units(t)
    bounds = [*units, (len(t), len(t))]
    for i, (a, b) in enumerate(units):
        assert 0 <= a < b <= bounds[i + 1][0]
        piece = t[a:b]
        assert piece == piece.strip() and "\n" not in piece
        assert any(ch.isalnum() for ch in piece)
