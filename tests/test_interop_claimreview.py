"""schema.org ClaimReview: export every verdict, import reviews shaped like Google's and
schema.org's documented examples, a page's @graph; export -> import keeps claims, verdicts
and appearances; remote contexts refused; no input gives a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.graph.interop.claimreview import claim_reviews
from claimgraph.graph.namespace import CG_NS, SCHEMA
from claimgraph.schema.models import Case
from claimgraph.sources.interop.casefiles import add_batch
from claimgraph.sources.interop.claimreview import EXT, read_claimreviews
from claimgraph.sources.validation import validate_case

FIXTURES = Path(__file__).parent / "fixtures"
VERDICTS = FIXTURES / "cases" / "verdicts"
REVIEWS = FIXTURES / "claimreview"


def _case(folder: Path) -> Case:
    result = validate_case(folder)
    assert result.ok, [p.format() for p in result.report.errors]
    assert result.case is not None
    return result.case


def _import(text: str, name: str, target: Path) -> Case:
    batch = read_claimreviews(text, name)
    assert [p.format() for p in batch.problems if p.severity == "error"] == []
    added = add_batch(batch, target, "claimreview.yaml", header="imported", title="Imported")
    assert added is not None and added.written, [p.format() for p in added.new_errors]
    return _case(target)


def test_extension_namespace_is_claimgraphs() -> None:
    assert EXT == CG_NS


def test_export_has_the_documented_fields() -> None:
    reviews = claim_reviews(_case(VERDICTS))
    assert [r["itemReviewed"]["identifier"] for r in reviews] == [
        "nc-2022", "nc-2024", "no-lethal-weapons"]  # only claims with a verdict
    r = reviews[0]
    assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
    assert r["claimReviewed"] == "China exported about 700 t of nitrocellulose to Russia in 2022."
    assert r["url"] == "https://facts.example.com/nc-2022"
    assert r["datePublished"] == "2025-06-02"
    assert r["author"] == [{"@type": "Organization", "name": "Example Fact Desk"},
                           {"@type": "Person", "name": "K. Checker"}]
    assert {k: v for k, v in r["reviewRating"].items()} == {
        "@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1,
        "alternateName": "Half right, half rounded", "name": "Mostly true"}
    item = r["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] == "Chinese customs export records"  # the claimant source
    assert item["appearance"][0]["url"] == "https://review.example.org/china-neutrality"
    assert item["appearance"][0]["@type"] == "AnalysisNewsArticle"
    denial = reviews[2]["itemReviewed"]
    assert denial["author"]["@type"] == "Person" and denial["author"]["name"] == "Lin Jian"
    assert denial["firstAppearance"]["url"] == "https://mfa.example.gov.cn/briefing/2025-04"
    assert denial["datePublished"] == "2025-04"
    assert reviews[1]["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven",
                                          "name": "Unproven"}  # no number for unproven


def test_export_parses_as_json_ld_with_the_schema_vocabulary() -> None:
    reviews = claim_reviews(_case(VERDICTS))
    local = {"@vocab": "http://schema.org/"}  # the schema.org context, held as known
    doc = json.loads(json.dumps(reviews).replace('"https://schema.org"', json.dumps(local)))
    g = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    assert len(set(g.subjects(rdflib.RDF.type, SCHEMA.ClaimReview))) == 3
    assert len(set(g.subjects(rdflib.RDF.type, SCHEMA.Claim))) == 3
    assert (None, rdflib.URIRef(CG_NS + "predicate"), None) in g


def _essentials(case: Case) -> dict[str, Any]:
    """What a ClaimReview round trip must keep: claims, verdicts, appearances."""
    sources = {s.id: s for s in case.sources}
    out = {}
    for c in case.claims:
        if c.verdict is None:
            continue
        out[c.id] = {
            "claim": c.model_dump(include={"text", "subject", "predicate", "object", "item",
                                           "polarity", "time", "quantity"}),
            "claimant": c.effective_claimant(),
            "verdict": c.verdict.model_dump(),
            "evidence": [(e.source, e.quote) for e in c.evidence if e.relation != "refutes"],
            "appearances": sorted(
                tuple(sorted(sources[e.source].model_dump(
                    include={"id", "title", "kind", "url", "published", "publisher", "authors"},
                    exclude_none=True).items()))
                for e in c.evidence if e.relation != "refutes"),
        }
    return out


def test_export_then_import_into_a_new_case_keeps_claims_verdicts_appearances(
        tmp_path: Path) -> None:
    original = _case(VERDICTS)
    text = json.dumps(claim_reviews(original), indent=2, ensure_ascii=False)
    back = _import(text, "reviews.json", tmp_path / "new-case")
    assert _essentials(back) == _essentials(original)
    assert {e.id for e in back.entities} >= {"china", "russia", "nitrocellulose", "lin-jian"}


def test_import_into_the_case_without_its_claims_reuses_entities_and_sources(
        tmp_path: Path) -> None:
    original = _case(VERDICTS)
    text = json.dumps(claim_reviews(original))
    target = tmp_path / "case"
    shutil.copytree(VERDICTS, target)
    (target / "claims.yaml").unlink()
    back = _import(text, "reviews.json", target)
    assert _essentials(back) == _essentials(original)
    assert len(back.entities) == len(original.entities)  # matched, not duplicated
    assert len(back.sources) == len(original.sources)
    # and the quotes now anchor in the case's captured article
    assert validate_case(target).ok


def test_import_into_the_same_case_adds_nothing(tmp_path: Path) -> None:
    target = tmp_path / "case"
    shutil.copytree(VERDICTS, target)
    batch = read_claimreviews(json.dumps(claim_reviews(_case(VERDICTS))), "reviews.json")
    assert add_batch(batch, target, "again.yaml", header="x", title="x") is None
    assert not (target / "again.yaml").exists()
    assert batch.counts() == {"entities": 0, "sources": 0, "claims": 0}
    assert [p.code for p in batch.problems] == ["import-skipped"] * 3


def test_google_shaped_review(tmp_path: Path) -> None:
    case = _import((REVIEWS / "google-shaped.json").read_text("utf-8"), "g.json", tmp_path / "g")
    (claim,) = case.claims
    assert claim.text == "The moon is made of cheese"
    assert claim.verdict is not None
    assert claim.verdict.model_dump(exclude_none=True) == {
        "rating": "false", "publisher": "Example Science Watch", "date": "2021-03-10",
        "url": "https://factcheck.example.com/science/round-moon.html"}
    claimant = next(e for e in case.entities if e.id == claim.claimant)
    assert (claimant.name, claimant.kind) == ("Dairy Moon Society", "group")
    (src,) = case.sources
    assert src.model_dump(exclude_none=True, exclude_defaults=True) == {
        "id": "cheese-moon-the-case-for-a-dairy-satellite",
        "title": "Cheese moon: the case for a dairy satellite", "kind": "analysis",
        "publisher": "Curious Daily", "authors": ["R. Brie"], "published": "2021-03-04",
        "url": "https://news.example.net/opinion/a4711"}
    assert [(e.source, e.quote) for e in claim.evidence] == [(src.id, claim.text)]
    assert (claim.subject, claim.predicate) == (claim.claimant, "states")
    written = (tmp_path / "g" / "claimreview.yaml").read_text("utf-8")
    assert "# guessed: the claimant" in written and "a ClaimReview names no subject" in written


def test_schemaorg_shaped_review(tmp_path: Path) -> None:
    case = _import((REVIEWS / "schemaorg-shaped.json").read_text("utf-8"), "s.json",
                   tmp_path / "s")
    (claim,) = case.claims
    assert claim.verdict is not None
    assert (claim.verdict.rating, claim.verdict.original_rating) == ("mostly_false", None)
    assert claim.verdict.publisher == "https://checks.example.org/"  # named only by its URL
    person = next(e for e in case.entities if e.id == claim.claimant)
    assert (person.name, person.kind, person.ids) == ("Alex Example", "person",
                                                      {"wikidata": "Q4115189"})
    assert claim.evidence == [] and claim.note is not None and "2019-10-30" in claim.note


def test_page_graph_with_references(tmp_path: Path) -> None:
    text = (REVIEWS / "page-graph.html").read_text("utf-8")
    batch = read_claimreviews(text, "page.html")
    warnings = [p.format() for p in batch.problems]
    assert warnings == [
        "page.html:32:22: warning[rating-unknown]: rating 'Too early to tell, honestly' is not "
        "known: read as 'unproven' (kept as written in original_rating) (hint: add the words "
        "to `words:` in schema/vocab/ratings.yaml)"]
    case = _import(text, "page.html", tmp_path / "p")
    second, first = sorted(case.claims, key=lambda c: c.text)  # handled 40 Mt / will close
    assert second.verdict is not None and first.verdict is not None
    assert (second.verdict.rating, second.verdict.original_rating) == (
        "mostly_true", "Four harbour lights")  # from ratingValue 4 of 1-5
    assert second.verdict.publisher == "Harbour Checks"  # resolved through @id
    assert second.verdict.reviewed_by == "Kim Reviewer"
    assert second.verdict.date == "2023-02-01"
    assert second.first_appearance is not None
    port = next(e for e in case.entities if e.id == second.claimant)
    assert (port.name, port.kind) == ("Port Authority", "government_body")
    assert sorted(s.url or "" for s in case.sources) == [
        "https://paper.example/harbour-future", "https://port.example.gov/press/2023-01",
        "https://social.example/@port/1"]
    assert first.verdict.rating == "unproven"


@pytest.mark.parametrize(("text", "expected"), [
    ('{"@context": "https://example.org/context.jsonld", "@type": "ClaimReview"}',
     "r.json:1:1: error[remote-context]: the JSON-LD names a remote @context "
     "(https://example.org/context.jsonld); claimgraph never fetches one"),
    ('{"@context": [{"@import": "https://example.org/c"}], "@type": "ClaimReview"}',
     "r.json:1:1: error[remote-context]: an in-line @context imports a remote one"),
    ('{"@type": "ClaimReview", "claimReviewed": "x"', "r.json:1:46: error[json-syntax]: Expecting ',' delimiter"),
    ('{"@type": "Review"}', "r.json: error[no-claimreview]: the file holds no ClaimReview"),
    ('{"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}}',
     "r.json:1:1: error[import-incomplete]: a ClaimReview without claimReviewed"),
    ("[" * 5000 + "]" * 5000, "r.json:1:1: error[too-deep]"),
])
def test_bad_input_is_a_located_error(text: str, expected: str) -> None:
    batch = read_claimreviews(text, "r.json")
    assert batch.claims == []
    assert any(p.format().startswith(expected) for p in batch.problems), [
        p.format() for p in batch.problems]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20) | st.sampled_from(["ClaimReview", "Claim", "https://schema.org"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["@type", "@id", "@context", "@graph", "claimReviewed", "reviewRating",
                         "alternateName", "ratingValue", "itemReviewed", "author", "name",
                         "appearance", "firstAppearance", "url", "sameAs", "datePublished",
                         EXT + "subject", EXT + "quote", "x"]), children, max_size=6),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(value=JSON)
def test_no_json_value_gives_a_traceback(value: Any) -> None:
    batch = read_claimreviews(json.dumps(value), "r.json")
    for p in batch.problems:
        assert p.file == "r.json"


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_no_text_gives_a_traceback(text: str) -> None:
    read_claimreviews(text, "r.json")
    read_claimreviews("<html><script type='application/ld+json'>" + text + "</script>",
                      "r.html")
