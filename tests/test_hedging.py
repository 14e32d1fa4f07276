"""Modal and risk language: word forms, scope rules, the labelled fixture's figures, the
validate warning unhedged-modal, and a case's own phrases (validate, store round trip)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from claimgraph.errors import VocabularyError
from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.mapping import case_to_nquads, parse_nquads, quads_to_case
from claimgraph.graph.store import Store
from claimgraph.schema.vocab import (
    LanguageExtension,
    LanguagePhrase,
    VocabularyExtension,
    load_vocabulary,
)
from claimgraph.sources.hedging import next_word, previous_word
from claimgraph.sources.lint import hedges, lint_text
from claimgraph.sources.validation import validate_case

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "fixtures" / "cases"
MODAL = CASES / "unhedged-modal"


def _found(text: str) -> list[str]:
    return [h.matched.lower() for h in hedges(text)]


@pytest.mark.parametrize(("text", "found"), [
    # modal: a bare verb must follow (adverbs skipped)
    ("Sanctions may well follow.", ["may"]),
    ("The shells could not have come from Russia.", ["could"]),
    ("Inspectors could not access the site.", []),
    ("In May 2024 the rules changed; May was busy; by May, exports fell.", []),
    ("Russia's military might is overstated; the might of the army.", []),
    ("Such a transfer would breach the embargo.", ["would"]),
    # adjective: predicative hedges, attributive names a thing
    ("It is possible that the shells came from Korea.", ["possible"]),
    ("A ceasefire is possible.", ["possible"]),
    ("The EU discussed possible sanctions.", []),
    ("lessons for future potential conflicts", []),
    ("The plant was rebuilt as soon as possible.", []),
    # noun: not the head of a compound that names an activity or a document
    ("Higher risk of accidents.", ["risk"]),
    ("The ministry published a risk assessment.", []),
    ("A risk-free bond.", []),
    # conditional: not after "even", "as", "asked"
    ("If sanctions tighten, exports might fall.", ["if", "might"]),
    ("Exports rose even if the figures were revised; he spoke as if it did not exist.", []),
    # word forms, generated or listed
    ("Records indicating a surge; the data suggested it; they are expected to rise.",
     ["indicating", "suggested", "are expected to"]),
    ("The move risks provoking sanctions; it threatens to destabilise; experts warned of fires.",
     ["risks", "threatens to", "warned of"]),
])
def test_scope_rules_and_word_forms(text: str, found: list[str]) -> None:
    assert _found(text) == found


def test_neighbouring_words() -> None:
    assert next_word("possible sanctions", 8) == "sanctions"
    assert next_word("possible.", 8) is None and next_word("risk 1,300 t", 4) is None
    assert previous_word("Russia’s might", 9) == "'s" and previous_word("(might", 1) is None


def test_the_hedge_figures_on_the_labelled_fixture() -> None:
    """The benchmark's score: the figures in the README are these (precision and recall of
    finding a hedged sentence, at least 0.9 each on 150+ sentences labelled by hand)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from bench_hedges import score
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    r = score()
    assert r.sentences >= 60 and r.hedged >= 20
    assert r.sentence.precision >= 0.9 and r.sentence.recall >= 0.9
    assert r.cue.precision >= 0.9 and r.cue.recall >= 0.9
    article = r.by_origin["article"]
    assert article.fp == 0 and article.fn == 0


def test_unhedged_modal_warnings_on_the_fixture_case() -> None:
    result = validate_case(MODAL)
    got = [p.format() for p in result.problems]
    assert got == [
        "data.yaml:20:33: warning[unhedged-modal]: claim 'could-cost': evidence #1: the quote "
        "hedges (\"could\") but the claim has no `confidence` (hint: add `confidence: "
        "roughly_even_chance` (what \"could\" implies), or quote only the words the claim "
        "rests on)",
        "data.yaml:35:33: warning[unhedged-modal]: claim 'risk-of-explosions': evidence #1: the "
        "quote hedges (\"risk\") but the claim has no `confidence` (hint: add `confidence:` "
        "with the ICD 203 likelihood the source gives it (e.g. unlikely, roughly_even_chance, "
        "likely), or quote only the words the claim rests on)",
        "data.yaml:42:33: warning[unhedged-modal]: claim 'poised-to-expand': evidence #1: the "
        "quote hedges (\"is poised to\") but the claim has no `confidence` (hint: add "
        "`confidence: likely` (what \"is poised to\" implies), or quote only the words the "
        "claim rests on)",
        "data.yaml:59:11: warning[unhedged-modal]: claim 'text-says-risk': the claim text "
        "hedges (\"risk\") but the claim has no `confidence` (hint: add `confidence:` with the "
        "ICD 203 likelihood the source gives it (e.g. unlikely, roughly_even_chance, likely), "
        "or word the claim as its quotes do)",
    ]
    assert result.ok


def test_validate_json_emits_the_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(MODAL)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["errors"] == 0
    assert {p["code"] for p in data["problems"]} == {"unhedged-modal"}
    assert sorted(p["message"].split("'")[1] for p in data["problems"]) == [
        "could-cost", "poised-to-expand", "risk-of-explosions", "text-says-risk"]


def test_a_case_adds_phrases() -> None:
    vocab = validate_case(MODAL).vocab
    assert [h.phrase for h in lint_text("Insiders said NORINCO was poised to grow.", vocab)] == [
        "insiders say", "be poised to"]
    assert lint_text("Insiders said NORINCO was poised to grow.") == []  # not in the bundle


def test_a_case_may_not_redefine_a_phrase() -> None:
    ext = VocabularyExtension(language=LanguageExtension(
        hedges=(LanguagePhrase(phrase="Reportedly"),)))
    with pytest.raises(VocabularyError, match="redefines the phrase 'reportedly'"):
        load_vocabulary().extend(ext)
    twice = VocabularyExtension(language=LanguageExtension(
        hedges=(LanguagePhrase(phrase="on paper"),),
        vague_attributions=(LanguagePhrase(phrase="On  paper"),)))
    with pytest.raises(VocabularyError, match="the phrase 'on paper'"):
        load_vocabulary().extend(twice)


def test_an_unknown_implied_likelihood_is_refused() -> None:
    ext = VocabularyExtension(language=LanguageExtension(
        hedges=(LanguagePhrase(phrase="on paper", implies="fairly_sure"),)))
    with pytest.raises(VocabularyError, match="unknown likelihood term 'fairly_sure'"):
        load_vocabulary().extend(ext)


def test_the_case_phrases_survive_the_rdf_round_trip() -> None:
    result = validate_case(MODAL)
    assert result.case is not None
    text = case_to_nquads(result.case, texts=result.texts, anchors=result.anchors,
                          graph="urn:x:data")
    back = quads_to_case(parse_nquads(text))
    assert back == result.case.canonical()
    assert back.meta.vocabulary.language.hedges[0].inflect == "verb"


def test_the_case_phrases_are_read_back_from_the_store(store: Store) -> None:
    build_case(MODAL, store)
    back = store.read_case("unhedged-modal")
    meta = validate_case(MODAL).loaded.meta
    assert meta is not None and len(meta.vocabulary.language.hedges) == 1
    assert back.meta.vocabulary.language == meta.vocabulary.language
