"""Across cases (issue 17 items 1-3): entity resolution by id and by cross-case ``same_as``,
claim matching with broader items and units, independent origins grouped across cases by
relay chains, disagreement words — on the written fixtures of ``tests/fixtures/crosscase``
and on the bundled case, built into real stores (both backends where the store is read).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.crosscase import (
    Figure,
    StoreCases,
    corroborate,
    disagreements,
    figure_of,
    load_store_cases,
)
from claimgraph.graph.mapping import case_to_nquads
from claimgraph.graph.mapping.read import parse_nquads, quads_to_case
from claimgraph.graph.store import Store, open_store
from claimgraph.schema.models import Case, CaseMeta, Claim, Entity, Source
from claimgraph.sources.validation import validate_case

FIX = Path(__file__).parent / "fixtures" / "crosscase"
BUNDLED = Path(__file__).parent.parent / "cases" / "china-russia-nitrocellulose"


def _build(store: Store, *names: str) -> StoreCases:
    for n in names:
        build_case(FIX / n if not n.startswith("/") else Path(n), store)
    return load_store_cases(store)


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


def test_the_fixtures_are_valid_without_warnings() -> None:
    for name in ("xcase-a", "xcase-b", "xcase-c"):
        result = validate_case(FIX / name)
        assert result.ok and result.problems == [], (name, result.problems)


# -- rule 1: entities and sources resolve across cases ----------------------------------------
def test_entities_resolve_by_shared_ids_and_sources_by_same_as(store: Store) -> None:
    sc = _build(store, "xcase-a", "xcase-b", "xcase-c")
    r = sc.resolver
    # different ids in each case, one class each: QID (lower case in b), HS digits, QID
    assert r.entity_key(("xcase-b", "prc")) == r.entity_key(("xcase-c", "cn")) == "xcase-a:china"
    assert r.entity_key(("xcase-b", "cellulose-nitrate")) == "xcase-a:nitrocellulose"
    assert r.entity_key(("xcase-c", "nc")) == "xcase-a:nitrocellulose"
    assert r.entity_key(("xcase-b", "propellant-chemicals")) == "xcase-b:propellant-chemicals"
    # each link says which id and where
    links = {str(x) for x in r.links}
    assert ("xcase-a:nitrocellulose = xcase-b:cellulose-nitrate (HS code 391220: ids.hs of "
            "both at xcase-a data.yaml:5:5; xcase-b data.yaml:5:5)") in links
    assert ("xcase-a:china = xcase-c:cn (Wikidata QID Q148: ids.wikidata of both at "
            "xcase-a data.yaml:3:5; xcase-c data.yaml:3:5)") in links
    assert ("xcase-a:customs = xcase-b:customs-b (same_as: same_as of xcase-b:customs-b at "
            "xcase-b data.yaml:17:5)") in links
    # a cross-case same_as naming a case the store does not hold is listed, not guessed
    assert [str(u) for u in r.unresolved] == [
        "xcase-b:customs-b: same_as 'china-russia-nitrocellulose:customs-data': the store "
        "holds no case 'china-russia-nitrocellulose'"]


def test_equal_ids_in_two_cases_are_no_link() -> None:
    a = Case(meta=CaseMeta(id="a", title="A"), entities=[Entity(id="x", name="X", kind="state")])
    b = Case(meta=CaseMeta(id="b", title="B"), entities=[Entity(id="x", name="X", kind="state")])
    r = StoreCases([a, b]).resolver
    assert r.entity_key(("a", "x")) != r.entity_key(("b", "x"))
    assert r.links == ()


def test_a_scheme_not_listed_never_merges() -> None:
    def case(cid: str) -> Case:
        return Case(meta=CaseMeta(id=cid, title=cid), entities=[
            Entity(id="x", name="X", kind="state", ids={"iso3166": "CN"})])
    assert StoreCases([case("a"), case("b")]).resolver.links == ()


def test_cross_case_same_as_round_trips_through_the_store(store: Store) -> None:
    sc = _build(store, "xcase-b")
    (case,) = sc.cases
    customs = next(s for s in case.sources if s.id == "customs-b")
    assert customs.same_as == ["china-russia-nitrocellulose:customs-data", "xcase-a:customs"]
    raw = store.query("SELECT ?o WHERE { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o }",
                      case="xcase-b")
    assert {str(row["o"]) for row in raw} == {
        "https://w3id.org/claimgraph/case/xcase-a/source/customs",
        "https://w3id.org/claimgraph/case/china-russia-nitrocellulose/source/customs-data"}


def test_a_case_linking_elsewhere_conforms_to_the_shapes_on_its_own() -> None:
    """A cross-case owl:sameAs names a record of another case's graph: the shapes ask for
    an IRI there, not a typed record (which a one-case export cannot hold)."""
    pytest.importorskip("pyshacl")
    from claimgraph.graph.shacl import check_rdf

    result = validate_case(FIX / "xcase-b")
    assert result.case is not None
    problems = check_rdf(case_to_nquads(result.case, texts=result.texts,
                                        anchors=result.anchors), fmt="nquads")
    assert problems == []


_IDS = st.from_regex(r"[a-z][a-z0-9\-]{0,8}", fullmatch=True)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), _IDS), _IDS), max_size=4))
def test_same_as_refs_survive_the_mapping(refs: list[tuple[str | None, str]]) -> None:
    """Any mix of plain and CASE:ID refs on entities and sources reads back unchanged."""
    values = sorted({f"{c}:{i}" if c and c != "here" else i for c, i in refs} - {"e", "s"})
    case = Case(meta=CaseMeta(id="here", title="T"),
                entities=[Entity(id="e", name="E", kind="state", same_as=values)],
                sources=[Source(id="s", title="S", kind="news", same_as=values)])
    back = quads_to_case(parse_nquads(case_to_nquads(case)), "here")
    assert back.entities[0].same_as == values
    assert back.sources[0].same_as == values


def test_validate_checks_cross_case_refs(tmp_path: Path) -> None:
    case = tmp_path / "vx"
    shutil.copytree(FIX / "xcase-a", case)
    text = (case / "data.yaml").read_text("utf-8")
    text = text.replace("{id: russia, name: Russia, kind: state, ids: {wikidata: Q159}}",
                        "{id: russia, name: Russia, kind: state, same_as: [xcase-a:china]}\n"
                        "  - {id: bad, name: Bad, kind: state, same_as: ['a:b:c']}")
    (case / "data.yaml").write_text(text, "utf-8")
    result = validate_case(case)
    lines = [(p.code, p.message, p.hint) for p in result.problems]
    assert any(code == "self-ref" and "names this case ('xcase-a')" in msg
               and hint == "write the plain id: 'china'" for code, msg, hint in lines), lines
    assert any(code == "schema" and "same_as" in msg for code, msg, _ in lines), lines


# -- rule 2: claims match with broader items and converted units ------------------------------
def test_claims_match_across_cases_with_broader_items_and_units(store: Store) -> None:
    sc = _build(store, "xcase-a", "xcase-b")
    got = {(m.other.name, m.scope, m.figures_agree) for m in sc.matcher.matches(("xcase-a",
                                                                                "a-2023"))}
    assert got == {("xcase-b:b-2023", "same", True),          # > 1,300 t meets 1,250-1,350 t
                   ("xcase-b:b-2023-kg", "same", True),       # 1,300,000 kg = 1,300 t
                   ("xcase-b:b-chemicals", "narrower", None)}  # nitrocellulose ⊑ propellants
    # other periods do not match: 2022 against 2023, early 2024 against 2023
    assert [m.other.name for m in sc.matcher.matches(("xcase-a", "a-2022"))] == [
        "xcase-b:b-chemicals"]


def test_figure_words_bound_the_figure() -> None:
    def fig(quote: str, **q: object) -> Figure:
        c = Claim.model_validate({"id": "x", "text": "x", "subject": "a", "predicate": "p",
                                  "object": "b", "quantity": q,
                                  "evidence": [{"source": "s", "quote": quote}]})
        f = figure_of(c)
        assert f is not None
        return f

    bare = fig("it reached 1,300 t", value=1300, unit="t")
    exceeding = fig("exceeding 1,300 tons", value=1300, unit="t", bound="min")
    almost = fig("almost 1,300 tons", value=1300, unit="t", approx=True)
    about_kg = fig("about 1,300,000 kilograms", value=1300000, unit="kg", approx=True)
    assert bare.meets(exceeding) and bare.meets(almost) and bare.meets(about_kg)
    assert not exceeding.meets(almost)
    assert str(exceeding) == '> 1,300 t ("exceeding 1,300 tons")'
    assert str(almost) == '1,170–1,300 t, 1,300 excluded ("almost 1,300 tons")'


# -- rule 3: origins across cases --------------------------------------------------------------
def test_relay_chains_across_cases_are_one_origin(store: Store) -> None:
    sc = _build(store, "xcase-a", "xcase-b")
    co = corroborate(sc, ("xcase-a", "a-2023"))
    assert len(co.origins) == 1
    (o,) = co.origins
    assert o.key == "xcase-a:customs"
    assert o.documents == {"xcase-a:piece", "xcase-b:outlet-1", "xcase-b:outlet-2",
                           "xcase-b:outlet-3"}
    assert o.relays == ["xcase-b:broadcaster"]
    assert {c.path_text() for c in o.chains} == {
        "xcase-a:piece → xcase-a:customs",
        "xcase-b:outlet-1 → xcase-b:broadcaster → xcase-b:customs-b",
        "xcase-b:outlet-2 → xcase-b:broadcaster → xcase-b:customs-b",
        "xcase-b:outlet-3 → xcase-b:broadcaster → xcase-b:customs-b"}


def test_an_origin_of_its_own_counts_apart(store: Store) -> None:
    sc = _build(store, "xcase-a", "xcase-b", "xcase-c")
    co = corroborate(sc, ("xcase-a", "a-2023"))
    assert [o.key for o in co.origins] == ["xcase-a:customs", "xcase-c:bulletin"]
    # from b's side, c's "nearly 1,300" disagrees with "over 1,300": not counted
    co_b = corroborate(sc, ("xcase-b", "b-2023"))
    assert [m.other.name for m in co_b.disagreeing] == ["xcase-c:c-2023"]
    assert [o.key for o in co_b.origins] == ["xcase-a:customs"]


def test_without_the_link_two_customs_records_are_two_origins() -> None:
    a = validate_case(FIX / "xcase-a").case
    b = validate_case(FIX / "xcase-b").case
    assert a is not None and b is not None
    unlinked = b.model_copy(update={"sources": [
        s.model_copy(update={"same_as": []}) for s in b.sources]})
    co = corroborate(StoreCases([a, unlinked]), ("xcase-a", "a-2023"))
    assert [o.key for o in co.origins] == ["xcase-a:customs", "xcase-b:customs-b"]


# -- rule 4: disagreement words ----------------------------------------------------------------
def test_disagreements_flag_comparatives_and_figures_with_both_quotes(store: Store) -> None:
    sc = _build(store, "xcase-a", "xcase-b", "xcase-c")
    ds = disagreements(sc)
    assert [(d.kind, d.left.words, d.right.words) for d in ds] == [
        ("comparative", "more than doubled", "almost doubled"),
        ("figure", "over 1,300 tonnes", "nearly 1,300 tonnes")]
    comp = ds[0]
    assert comp.left.quote == "A year later the shipments more than doubled to 1,300 tons."
    assert {s.quote for s in comp.sides()[1:]} == {
        "shipments in 2023 almost doubled to over 1,300 tonnes",
        "last year the volume almost doubled to over 1,300 tonnes"}
    # 1,300 t against "over 1,300 tonnes" and "roughly 1,300,000 kg": consistent, not flagged
    assert not any({d.left.claim, d.right.claim} == {"a-2023", "b-2023"} and d.kind == "figure"
                   for d in ds)


# -- the commands, on the bundled case and a relay case -----------------------------------------
@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("xseed") / "store"
    s = open_store(path)
    try:
        build_case(BUNDLED, s)
        build_case(FIX / "xcase-b", s)
    finally:
        s.close()
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, _ = capsys.readouterr()
    return code, out


def test_corroborate_the_bundled_figure(seed_store: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "--store", seed_store, "corroborate", "nc-exports-2023",
                     "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["independent_origins"] == 1
    (origin,) = doc["origins"]
    assert origin["origin"]["id"] == "china-russia-nitrocellulose:customs-data"
    assert [d["title"] for d in origin["documents"]][1:] == [
        "Riverside Daily", "Valley Wire", "Hill Town Courier"]
    assert [r["title"] for r in origin["relays"]] == ["Eastern Broadcaster analysis"]
    assert {c["id"] for c in doc["corroborating"]} == {"b-2023", "b-2023-kg"}
    code, text = _run(capsys, "--store", seed_store, "corroborate", "nc-exports-2023")
    assert code == 0
    assert "Independent origins store-wide: 1" in text
    assert "Riverside Daily → Eastern Broadcaster analysis → Customs statistics" in text


def test_disagreements_on_the_bundled_case(seed_store: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "--store", seed_store, "disagreements", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["count"] == 1
    (d,) = doc["disagreements"]
    assert (d["kind"], d["left"]["words"], d["right"]["words"]) == (
        "comparative", "more than doubled", "almost doubled")
    assert d["left"]["quote"] == "In 2023, exports more than doubled to 1,300 tons"
    code, md = _run(capsys, "--store", seed_store, "disagreements", "--format", "markdown")
    assert code == 0 and md.startswith("# Disagreements across cases")
    assert "“In 2023, exports more than doubled to 1,300 tons”" in md


def test_links_and_errors(seed_store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "--store", seed_store, "links", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert {"kind": "source", "a": "china-russia-nitrocellulose:customs-data",
            "b": "xcase-b:customs-b", "how": "same_as",
            "declared": "same_as of xcase-b:customs-b",
            "at": ["xcase-b data.yaml:17:5"]} in doc["links"]
    assert [u["same_as"] for u in doc["unresolved"]] == [
        "nhk-nitrocellulose-reports:chinese-customs-data", "xcase-a:customs"]
    code, out = _run(capsys, "--store", seed_store, "corroborate", "no-such-claim",
                     "--format", "json")
    assert code == 1
    assert json.loads(out)["error"]["message"] == "no claim 'no-such-claim' in any case of the store"


_WORDS = st.sampled_from(["", "about ", "over ", "more than ", "almost ", "nearly ",
                          "exceeding ", "up to ", "at least "])


@settings(max_examples=120, deadline=None)
@given(a=st.integers(1, 5000), b=st.integers(1, 5000), wa=_WORDS, wb=_WORDS,
       kg=st.booleans())
def test_figures_meet_symmetrically_whatever_the_unit(a: int, b: int, wa: str, wb: str,
                                                      kg: bool) -> None:
    """Agreement is symmetric, a figure agrees with itself, and writing it in kg changes
    nothing."""
    def fig(v: int, words: str, in_kg: bool) -> Figure:
        value, unit = (v * 1000, "kg") if in_kg else (v, "t")
        c = Claim.model_validate({"id": "x", "text": "x", "subject": "a", "predicate": "p",
                                  "object": "b", "quantity": {"value": value, "unit": unit},
                                  "evidence": [{"source": "s",
                                                "quote": f"{words}{value:,} {unit}"}]})
        f = figure_of(c)
        assert f is not None
        return f

    fa, fb = fig(a, wa, False), fig(b, wb, kg)
    assert fa.meets(fb) == fb.meets(fa)
    assert fa.meets(fa)
    assert fig(b, wb, False).meets(fa) == fb.meets(fa)
