"""Two kinds of conflict and identity vs overlap (issue 11 items 1-3, the verdict side).

Fixtures: ``conflict-scope`` (broader items, same_as, part_of, times, capacity,
quantities, a declared contradiction out of scope, a challenge) and ``overlap`` (groups
that overlap, two ids of one ministry). Expected verdicts are asserted from validation,
from the assessment, and from the store on both backends.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.namespace import OWL, SKOS

from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.iris import entity_iri
from claimgraph.graph.provenance import CaseAssessment, assess_case, read_assessment
from claimgraph.graph.provenance.audit import audit
from claimgraph.graph.provenance.trace import trace_claim
from claimgraph.graph.store import Store
from claimgraph.schema.models import Entity
from claimgraph.schema.scope import Scope
from claimgraph.sources.validation import validate_case

CASES = Path(__file__).parent / "fixtures" / "cases"
SCOPE_CASE = CASES / "conflict-scope"
OVERLAP_CASE = CASES / "overlap"

EXPECTED = {  # claim -> {(other claim, how found)}: the fixture's verdicts
    "shahed-supply": {("no-drones", "declared"), ("no-drones", "polarity")},
    "geran-supply": {("no-drones", "polarity")},
    "no-drones": {("shahed-supply", "declared"), ("shahed-supply", "polarity"),
                  ("geran-supply", "polarity")},
    "nc-2023": {("nc-2023-low", "quantity"), ("no-nc-2023", "polarity"),
                ("no-lethal-weapons", "declared")},
    "nc-2023-low": {("nc-2023", "quantity"), ("no-nc-2023", "polarity")},
    "nc-2023-capacity": {("no-nc-2023", "polarity")},  # a capacity never meets an amount
    "no-nc-2023": {("nc-2023", "polarity"), ("nc-2023-low", "polarity"),
                   ("nc-2023-capacity", "polarity")},
    "no-lethal-weapons": {("nc-2023", "declared")},  # still counts: the curator's call
    "nc-feeds-shells": set(),  # challenges, never contested
    "no-nc-2020": set(),  # times apart
    "norinco-nc": set(),  # NORINCO part_of China is not within China
}


@pytest.fixture(scope="module")
def scoped() -> CaseAssessment:
    result = validate_case(SCOPE_CASE)
    assert result.ok
    return assess_case(result)


# -- ⊑ ----------------------------------------------------------------------------------------
def test_within_follows_broader_and_same_as_never_part_of_or_overlaps() -> None:
    s = Scope([Entity(id="norinco", name="N", kind="soe", part_of=["china"]),
               Entity(id="china", name="C", kind="state"),
               Entity(id="hawks", name="H", kind="group", overlaps=["hardliners"]),
               Entity(id="hardliners", name="HL", kind="group"),
               Entity(id="geran", name="G", kind="weapon_system", same_as=["shahed"]),
               Entity(id="shahed", name="S", kind="weapon_system", broader=["drones"]),
               Entity(id="drones", name="D", kind="weapon_system")])
    assert s.within("geran", "drones") and s.within("shahed", "geran")
    assert not s.within("norinco", "china") and not s.within("hawks", "hardliners")
    assert not s.within("drones", "shahed")
    assert s.narrower("drones") == {"drones", "shahed", "geran"}


_IDS = [f"e{i}" for i in range(6)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_IDS), st.sampled_from(_IDS)), max_size=8),
       st.lists(st.tuples(st.sampled_from(_IDS), st.sampled_from(_IDS)), max_size=3))
def test_within_is_reachability(broader: list[tuple[str, str]],
                                same: list[tuple[str, str]]) -> None:
    """a ⊑ b iff b is reached from a by broader edges and same_as either way; narrower(b)
    is exactly the ids within b."""
    ents = [Entity(id=i, name=i, kind="commodity",
                   broader=sorted({b for a, b in broader if a == i and b != i}),
                   same_as=sorted({b for a, b in same if a == i and b != i})) for i in _IDS]
    s = Scope(ents)
    edges = {(a, b) for a, b in broader if a != b} | {(a, b) for a, b in same} \
        | {(b, a) for a, b in same}
    for a in _IDS:
        seen, todo = {a}, [a]
        while todo:
            x = todo.pop()
            for p, q in edges:
                if p == x and q not in seen:
                    seen.add(q)
                    todo.append(q)
        for b in _IDS:
            assert s.within(a, b) == (b in seen), (a, b)
    for b in _IDS:
        assert s.narrower(b) == {a for a in _IDS if s.within(a, b)}


# -- validation ---------------------------------------------------------------------------------
def test_out_of_scope_declaration_is_the_one_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SCOPE_CASE), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (p,) = report["problems"]
    assert (p["code"], p["severity"], p["file"], p["line"]) == (
        "contradiction-scope", "warning", "claims.yaml", 69)
    assert p["message"] == (
        "claim 'no-lethal-weapons': declared to contradict 'nc-2023', but both can be true: "
        "the denial is about item 'lethal-weapons' and 'nitrocellulose' is not within it "
        "(no `broader:` path from 'nitrocellulose' to 'lethal-weapons')")
    assert "`challenges: [nc-2023]`" in p["hint"]


def test_saying_nitrocellulose_is_narrower_brings_it_into_scope(fixture_case) -> None:
    case = fixture_case("conflict-scope")
    ents = case / "entities.yaml"
    ents.write_text(ents.read_text("utf-8").replace(
        "{id: nitrocellulose, name: Nitrocellulose, kind: commodity}",
        "{id: nitrocellulose, name: Nitrocellulose, kind: commodity, "
        "broader: [lethal-weapons]}"), "utf-8")
    result = validate_case(case)
    assert [p.code for p in result.problems] == []
    found = {(x.other, x.kind) for x in assess_case(result).claims["no-lethal-weapons"]
             .contradictions}
    assert ("nc-2023", "polarity") in found


# -- detection ----------------------------------------------------------------------------------
def test_detected_contradictions_follow_the_scope(scoped: CaseAssessment) -> None:
    got = {cid: {(x.other, x.kind) for x in c.contradictions}
           for cid, c in scoped.claims.items()}
    assert got == EXPECTED
    declared = next(x for x in scoped.claims["no-lethal-weapons"].contradictions)
    assert "outside the conflict scope" in declared.detail
    assert {cid for cid, c in scoped.claims.items() if c.status == "contested"} == {
        cid for cid, exp in EXPECTED.items() if exp}
    shahed = next(x for x in scoped.claims["no-drones"].contradictions
                  if x.other == "geran-supply")
    assert shahed.detail.endswith("geran-2 ⊑ drones")


# -- from the store, both backends ---------------------------------------------------------------
def test_store_contested_and_challenges(store: Store) -> None:
    build_case(SCOPE_CASE, store)
    a = read_assessment(store, "conflict-scope")
    assert {cid: {(x.other, x.kind) for x in c.contradictions}
            for cid, c in a.claims.items()} == EXPECTED
    r = audit(store, "conflict-scope")
    assert [c["id"] for c in r["contested"]] == sorted(k for k, v in EXPECTED.items() if v)
    assert [(c["id"], c["challenges"], c["challenged_by"]) for c in r["challenges"]] == [
        ("nc-feeds-shells", ["no-lethal-weapons"], []),
        ("no-lethal-weapons", [], ["nc-feeds-shells"])]
    challenger = trace_claim(store, "conflict-scope", "nc-feeds-shells")
    assert (challenger["status"], challenger["contradictions"]) == ("single-origin", [])
    assert [x["id"] for x in challenger["challenges"]] == ["no-lethal-weapons"]
    target = trace_claim(store, "conflict-scope", "no-lethal-weapons")
    assert target["challenged_by"] == [{
        "id": "nc-feeds-shells",
        "text": "Whatever its label, nitrocellulose feeds Russia's shell production."}]


def test_casebook_shows_challenges_beside_both_claims(store: Store, tmp_path: Path) -> None:
    from claimgraph.graph.views.site import write_site
    from claimgraph.graph.views.sitedata import load_view_data

    build_case(SCOPE_CASE, store)
    out = write_site(load_view_data(store, "conflict-scope"), tmp_path / "site").parent
    page = (out / "claims" / "nc-feeds-shells.html").read_text("utf-8")
    assert re.search(r'challenges <a href="\.\./claims/no-lethal-weapons\.html"', page)
    page = (out / "claims" / "no-lethal-weapons.html").read_text("utf-8")
    assert re.search(r'challenged by <a href="\.\./claims/nc-feeds-shells\.html"', page)
    assert "outside the conflict scope" in page


# -- identity vs overlap: never owl:sameAs in any export -----------------------------------------
def _cli_store_args(store: Store) -> list[str]:
    if store.location.startswith("http"):
        return ["--endpoint", store.location]
    store.close()
    return ["--store", store.location]


def test_overlap_is_never_same_as_in_the_store_export(store: Store, tmp_path: Path) -> None:
    build_case(OVERLAP_CASE, store)
    out = tmp_path / "store.trig"
    assert main([*_cli_store_args(store), "export", "--format", "trig", "--case", "overlap",
                 "--out", str(out)]) == 0
    ds = rdflib.Dataset()
    ds.parse(out, format="trig")
    hawks, hardliners = (rdflib.URIRef(entity_iri("overlap", e))
                         for e in ("pla-hawks", "ccp-hardliners"))
    mfa, ministry = (rdflib.URIRef(entity_iri("overlap", e)) for e in ("mfa", "foreign-ministry"))
    same = {(s, o) for s, _, o, _ in ds.quads((None, OWL.sameAs, None, None))}
    assert same == {(mfa, ministry)}
    assert {(s, o) for s, _, o, _ in ds.quads((None, SKOS.relatedMatch, None, None))} == {
        (hawks, hardliners)}


def test_overlap_is_never_merged_by_the_interop_exports(tmp_path: Path) -> None:
    assert main(["ftm", "export", str(OVERLAP_CASE), "--out", str(tmp_path / "ftm.json")]) == 0
    ftm = [json.loads(line) for line in (tmp_path / "ftm.json").read_text("utf-8").splitlines()]
    ids = {e["id"] for e in ftm}
    assert {"overlap.entity.pla-hawks", "overlap.entity.ccp-hardliners"} <= ids
    text = (tmp_path / "ftm.json").read_text("utf-8")
    assert "sameAs" not in text and "relatedMatch" not in text
    assert main(["claimreview", "export", str(OVERLAP_CASE), "--out",
                 str(tmp_path / "cr.jsonld")]) == 0
    cr = (tmp_path / "cr.jsonld").read_text("utf-8")
    assert len(json.loads(cr)) == 1 and '"sameAs"' not in cr


def test_entity_pages_say_overlap_and_narrower_never_same(tmp_path: Path) -> None:
    from claimgraph.graph.views.site import write_site
    from claimgraph.graph.views.sitedata import ViewData

    for case_dir, entity, shown in (
            (OVERLAP_CASE, "ccp-hardliners", r"<dt>Overlaps \(not the same\)</dt><dd>"
                                             r'<a href="\.\./entities/pla-hawks\.html"'),
            (SCOPE_CASE, "shahed-136", r'<dt>Narrower than</dt><dd><a href="\.\./entities/'
                                       r'drones\.html"')):
        result = validate_case(case_dir)
        assert result.case is not None
        out = write_site(ViewData.from_case(result.case, assess_case(result)),
                         tmp_path / case_dir.name).parent
        page = (out / "entities" / f"{entity}.html").read_text("utf-8")
        assert re.search(shown, page), entity
        assert "<dt>Same as</dt>" not in page
