"""Case -> N-Quads -> Oxigraph -> case: lossless, deterministic, never a bare triple."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import MappingError
from claimgraph.graph import iris
from claimgraph.graph.mapping import CaseGraph, case_to_nquads, parse_nquads, quads_to_case
from claimgraph.schema.dates import date_bounds
from claimgraph.schema.models import Case
from claimgraph.sources.anchoring import Anchor
from claimgraph.sources.documents import SourceText
from claimgraph.sources.validation import validate_case

# --- strategies: random *valid* case models ---------------------------------------------------
CHARS = st.characters(exclude_categories=["Cs"])  # lone surrogates cannot be UTF-8 at all
TEXT = st.text(CHARS, min_size=1, max_size=24)
ANY_TEXT = st.text(CHARS, max_size=16)
OPT = st.none() | ANY_TEXT
ID = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.\-]{0,9}\Z")
VOCAB_ID = st.from_regex(r"\A[a-z][a-z0-9_]{0,8}\Z")
LANG = st.from_regex(  # well-formed BCP 47 in any letter case (the model canonicalises it)
    r"\A[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-[A-Za-z0-9]{5,8})?"
    r"(-[a-wyzA-WYZ]-[A-Za-z0-9]{2,8})?\Z")
COLOR = st.from_regex(r"\A#[0-9a-fA-F]{6}\Z")
BUNDLED_KINDS = ["state", "company", "person", "commodity", "place", "motive", "group"]
BUNDLED_PREDICATES = ["supplies", "supports", "opposes", "part_of", "states"]


@st.composite
def partial_dates(draw: Any) -> str:
    d = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    return str(d.isoformat()[: draw(st.sampled_from([4, 7, 10]))])


@st.composite
def times(draw: Any) -> str:
    shape = draw(st.sampled_from(["date", "interval", "open-start", "open-end"]))
    a = draw(partial_dates())
    if shape == "date":
        return a
    if shape == "open-start":
        return f"../{a}"
    if shape == "open-end":
        return f"{a}/.."
    b = draw(partial_dates())
    if date_bounds(a)[0] > date_bounds(b)[1]:
        a, b = b, a
    return f"{a}/{b}"


NUMBER = st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False,
                                                                  allow_infinity=False)


@st.composite
def cases(draw: Any) -> dict[str, Any]:
    ids = draw(st.lists(ID, min_size=3, max_size=12, unique=True))
    n_e = draw(st.integers(1, max(1, len(ids) - 2)))
    n_s = draw(st.integers(1, max(1, len(ids) - n_e - 1)))
    ent_ids, src_ids, claim_ids = ids[:n_e], ids[n_e:n_e + n_s], ids[n_e + n_s:]
    any_id = st.sampled_from(ids)
    ent = st.sampled_from(ent_ids)
    src = st.sampled_from(src_ids)
    ext_kinds = draw(st.lists(VOCAB_ID, max_size=2, unique=True))
    ext_preds = draw(st.lists(VOCAB_ID, max_size=2, unique=True))
    kind = st.sampled_from(BUNDLED_KINDS + ext_kinds)
    pred = st.sampled_from(BUNDLED_PREDICATES + ext_preds)
    strs = st.lists(ANY_TEXT, max_size=3).map(tuple)

    def opt(strategy: Any) -> Any:
        return st.none() | strategy

    entities = [{
        "id": i, "name": draw(TEXT), "kind": draw(kind),
        "aliases": draw(st.lists(TEXT | st.fixed_dictionaries({"text": TEXT, "lang": LANG}),
                                 max_size=3)),
        "description": draw(OPT), "part_of": draw(st.lists(ent, max_size=2)),
        "country": draw(opt(ent)),
        "ids": draw(st.dictionaries(VOCAB_ID, TEXT, max_size=2)),
        "same_as": draw(st.lists(ent, max_size=2)), "broader": draw(st.lists(ent, max_size=2)),
        "overlaps": draw(st.lists(ent, max_size=2)), "note": draw(OPT),
    } for i in ent_ids]
    sources = [{
        "id": i, "title": draw(TEXT), "kind": draw(st.sampled_from(["news", "analysis", "other"])),
        "publisher": draw(OPT), "authors": draw(st.lists(TEXT, max_size=3)),
        "published": draw(opt(partial_dates())), "accessed": draw(opt(partial_dates())),
        "url": draw(opt(st.from_regex(r"\Ahttps?://\S{1,20}\Z"))),
        "language": draw(opt(LANG)), "reliability": draw(opt(st.from_regex(r"\A[A-Z]\Z"))),
        "text": draw(OPT), "sha256": draw(opt(st.from_regex(r"\A[0-9a-f]{64}\Z"))),
        "cites": draw(st.lists(src, max_size=2)), "description": draw(OPT), "note": draw(OPT),
    } for i in src_ids]
    claims = []
    for i in claim_ids:
        evidence = [{
            "source": draw(src), "quote": draw(TEXT),
            "relation": draw(st.sampled_from(["supports", "refutes", "mentions"])),
            "page": draw(opt(st.integers(1, 10_000))),
            "occurrence": draw(opt(st.integers(1, 50))),
            "attributed_to": draw(opt(any_id)), "relays": draw(opt(src)), "note": draw(OPT),
        } for _ in range(draw(st.integers(0, 3)))]
        quantity = draw(opt(st.fixed_dictionaries({
            "value": NUMBER, "unit": TEXT, "approx": st.booleans(),
            "bound": st.none() | st.sampled_from(["min", "max"]), "capacity": st.booleans()})))
        verdict = draw(opt(st.fixed_dictionaries({
            "rating": VOCAB_ID, "rationale": OPT, "reviewed_by": OPT,
            "date": opt(partial_dates()), "publisher": OPT,
            "url": opt(st.from_regex(r"\Ahttps?://\S{1,20}\Z")), "original_rating": opt(TEXT)})))
        claims.append({
            "id": i, "text": draw(TEXT), "subject": draw(ent), "predicate": draw(pred),
            "object": draw(ent), "item": draw(opt(ent)), "quantity": quantity,
            "time": draw(opt(times())), "place": draw(opt(ent)),
            "via": draw(st.lists(ent, max_size=2)),
            "polarity": draw(st.sampled_from(["affirmed", "denied"])),
            "claimant": draw(opt(any_id)), "confidence": draw(opt(VOCAB_ID)),
            "motives": draw(st.lists(ent, max_size=2)),
            "supports": draw(st.lists(st.sampled_from(claim_ids), max_size=2)),
            "contradicts": draw(st.lists(st.sampled_from(claim_ids), max_size=2)),
            "challenges": draw(st.lists(st.sampled_from(claim_ids), max_size=2)),
            "verdict": verdict, "first_appearance": draw(opt(src)), "evidence": evidence,
            "tags": draw(st.lists(VOCAB_ID, max_size=2)), "note": draw(OPT),
        })
    vocabulary = {
        "entity_kinds": [{
            "id": k, "label": draw(ANY_TEXT), "parent": draw(opt(kind)),
            "abstract": draw(st.booleans()), "description": draw(OPT),
            "rdf_types": draw(strs),
            "style": {"color": draw(COLOR), "shape": draw(ANY_TEXT)},
        } for k in ext_kinds],
        "predicates": [{
            "id": p, "label": draw(ANY_TEXT), "inverse_label": draw(ANY_TEXT),
            "description": draw(OPT), "subject_kinds": draw(strs), "object_kinds": draw(strs),
            "symmetric": draw(st.booleans()), "style": {"color": draw(COLOR)},
        } for p in ext_preds],
    }
    meta = {
        "id": draw(st.from_regex(r"\A[a-z0-9][a-z0-9_\-]{0,11}\Z")), "title": draw(TEXT),
        "description": draw(OPT), "curators": draw(st.lists(TEXT, max_size=3)),
        "license": draw(OPT), "language": draw(OPT), "vocabulary": vocabulary,
        "tags": [{"id": t, "label": draw(TEXT), "description": draw(OPT)}
                 for t in draw(st.lists(VOCAB_ID, max_size=2, unique=True))],
        "unclaimed": draw(st.lists(st.fixed_dictionaries(
            {"source": src, "text": TEXT, "reason": TEXT}), max_size=2)),
    }
    return {"meta": meta, "entities": entities, "sources": sources, "claims": claims}


def _drop_none(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _drop_none(v) for k, v in d.items() if v is not None}
    if isinstance(d, list):
        return [_drop_none(v) for v in d]
    return d


def _load(text: str) -> ox.Store:
    store = ox.Store()
    store.load(text.encode(), format=ox.RdfFormat.N_QUADS)
    return store


# --- the property ---------------------------------------------------------------------------
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=cases(), sparse=st.booleans())
def test_round_trip_through_oxigraph_is_lossless(data: dict[str, Any], sparse: bool) -> None:
    # with sparse=True optional fields are left out rather than given as None
    case = Case.model_validate(_drop_none(data) if sparse else data)
    text = case_to_nquads(case)
    store = _load(text)
    graph = iris.data_graph(case.meta.id)
    back = quads_to_case(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    assert back == case.canonical()
    # ints stay ints, floats stay floats
    for a, b in zip(back.claims, case.canonical().claims, strict=True):
        if a.quantity and b.quantity:
            assert type(a.quantity.value) is type(b.quantity.value)
    # the same case gives the same bytes, whatever the order of its records
    shuffled = case.model_copy(update={
        "claims": random.Random(0).sample(case.claims, len(case.claims)),
        "entities": list(reversed(case.entities))})
    assert case_to_nquads(shuffled) == text


@settings(max_examples=25, deadline=None)
@given(data=cases(), text=st.text(CHARS, min_size=1, max_size=200), seed=st.integers(0, 99))
def test_texts_and_anchors_round_trip(data: dict[str, Any], text: str, seed: int) -> None:
    case = Case.model_validate(data)
    rng = random.Random(seed)
    texts = {s.id: SourceText(text, "0" * 64, "text/plain", (0, len(text) // 2) if seed % 2 else ())
             for s in case.sources}
    anchors: dict[tuple[str, int], Anchor] = {}
    for c in case.claims:
        for i in range(len(c.evidence)):
            start = rng.randrange(len(text))
            end = rng.randrange(start, len(text) + 1)
            anchors[(c.id, i)] = (
                Anchor("not_found") if rng.random() < 0.3 else
                Anchor(rng.choice(["exact", "normalised", "ambiguous"]), start, end,
                       text[start:end], text[max(0, start - 5):start], text[end:end + 5]))
    store = _load(case_to_nquads(case, texts=texts, anchors=anchors))
    back = CaseGraph.from_quads(store)
    assert back.case() == case.canonical()
    assert back.texts() == texts
    assert back.anchors() == anchors


# --- fixed examples ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def alpha() -> Any:
    from pathlib import Path

    result = validate_case(Path(__file__).parent / "fixtures" / "cases" / "store-alpha")
    assert result.ok, result.report.summary()
    return result


def test_fixture_case_round_trips_with_texts_and_anchors(alpha: Any) -> None:
    text = case_to_nquads(alpha.case, texts=alpha.texts, anchors=alpha.anchors)
    graph = CaseGraph.from_quads(_load(text))
    assert graph.case() == alpha.case.canonical()
    assert graph.texts() == alpha.texts
    assert {k: (a.status, a.start, a.end, a.exact) for k, a in graph.anchors().items()} == {
        k: (a.status, a.start, a.end, a.exact) for k, a in alpha.anchors.items()}


def test_claims_are_nodes_never_bare_triples(alpha: Any) -> None:
    quads = parse_nquads(case_to_nquads(alpha.case, texts=alpha.texts, anchors=alpha.anchors))
    predicates = {p for _, p, _ in quads}
    assert not any(str(p).startswith(iris.VOCAB_BASE) for p in predicates)
    entity = iris.entity_iri("store-alpha", "china")
    assert not any(s == entity and o == iris.entity_iri("store-alpha", "russia")
                   for s, _, o in quads)


def test_claim_shape_in_rdf(alpha: Any) -> None:
    g = rdflib.Dataset()
    g.parse(data=case_to_nquads(alpha.case, texts=alpha.texts, anchors=alpha.anchors),
            format="nquads")
    rows = list(g.query("""
        PREFIX cg: <https://w3id.org/claimgraph/ns#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?start ?end ?exact ?lo ?hi ?who WHERE { GRAPH ?g {
          ?c cg:evidence ?e ; cg:timeStart ?lo ; cg:timeEnd ?hi ; prov:wasAttributedTo ?who .
          ?e cg:position 0 ; oa:hasTarget/oa:hasSelector ?p, ?q .
          ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact .
          FILTER(?c = <https://w3id.org/claimgraph/case/store-alpha/claim/nc-2022>) } }"""))
    assert len(rows) == 1
    row: Any = rows[0]
    start, end, exact, lo, hi, who = (r.toPython() for r in row)
    assert alpha.texts["wire"].text[start:end] == str(exact)
    assert (str(lo), str(hi)) == ("2022-01-01", "2022-12-31")
    assert str(who) == iris.source_iri("store-alpha", "wire")


def test_reads_rdflib_terms_and_ntriples_strings(alpha: Any) -> None:
    text = case_to_nquads(alpha.case)
    ds = rdflib.Dataset()
    ds.parse(data=text, format="nquads")
    via_rdflib = quads_to_case((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)))
    assert via_rdflib == alpha.case.canonical()
    via_strings = quads_to_case(
        (str(q.subject), str(q.predicate), str(q.object))
        for q in ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS))
    assert via_strings == alpha.case.canonical()


def test_no_case_or_two_cases_is_a_mapping_error(alpha: Any) -> None:
    with pytest.raises(MappingError, match="no case node"):
        quads_to_case([])
    two = case_to_nquads(alpha.case) + case_to_nquads(
        alpha.case.model_copy(update={"meta": alpha.case.meta.model_copy(update={"id": "other"})}))
    with pytest.raises(MappingError, match="2 case nodes"):
        quads_to_case(parse_nquads(two))
    assert quads_to_case(parse_nquads(two), case_id="store-alpha").meta.id == "store-alpha"


def test_graph_parameter_names_the_graph(alpha: Any) -> None:
    text = case_to_nquads(alpha.case, graph="https://example.org/g/1")
    assert all(line.endswith(" <https://example.org/g/1> .") for line in text.splitlines())


def test_language_tags_come_back_in_bcp47_case() -> None:
    case = Case.model_validate({"meta": {"id": "t", "title": "T"}, "entities": [
        {"id": "bj", "name": "Beijing", "kind": "place",
         "aliases": [{"text": "北京", "lang": "ZH-hant-tw"}, {"text": "Pékin", "lang": "fr"}]}]})
    assert case.entities[0].aliases[1].lang == "zh-Hant-TW"  # type: ignore[union-attr]
    text = case_to_nquads(case)
    assert '"北京"@zh-Hant-TW' in text
    stored = [str(q.object) for q in _load(text) if "altLabel" in str(q.predicate)]
    assert '"北京"@zh-hant-tw' in stored  # Oxigraph lowercases tags ...
    assert quads_to_case(_load(text)) == case.canonical()  # ... and the mapping restores them


def test_ill_formed_language_tags_are_refused_by_the_model() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="not a well-formed BCP 47"):
        Case.model_validate({"meta": {"id": "t", "title": "T"}, "entities": [
            {"id": "x", "name": "X", "kind": "place", "aliases": [{"text": "x", "lang": "aa-0"}]}]})


def test_incomplete_rdf_names_the_record_and_field(alpha: Any) -> None:
    text = "".join(line + "\n" for line in case_to_nquads(alpha.case).splitlines()
                   if "/claim/denial>" not in line.split(" ")[0] or "#subject>" not in line)
    with pytest.raises(MappingError) as info:
        quads_to_case(parse_nquads(text))
    assert info.value.message == (
        "the RDF does not make a valid case: "
        "<https://w3id.org/claimgraph/case/store-alpha/claim/denial> subject: Field required")
