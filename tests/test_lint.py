"""Language lint: hedges with their ICD 203 likelihood, vague attributions, exceptions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.schema.vocab import LanguagePhrase, load_vocabulary
from claimgraph.sources.hedging import scope_rules
from claimgraph.sources.lint import hedges, lint_text, vague_attributions
from claimgraph.sources.wordforms import phrase_forms


def test_hedges_carry_the_implied_likelihood() -> None:
    hits = hedges("Exports reportedly doubled and may continue; it is likely to grow.")
    assert [(h.phrase, h.implies) for h in hits] == [
        ("reportedly", "roughly_even_chance"), ("may", "roughly_even_chance"),
        ("likely", "likely")]
    vocab = load_vocabulary()
    assert all(h.implies in vocab.likelihood for h in hits)


def test_word_boundaries_and_case() -> None:
    assert hedges("Mayhem, dismay and unlikelihood; POSSIBLY so.")[0].matched == "POSSIBLY"
    assert len(hedges("Mayhem, dismay and unlikelihood")) == 0


def test_the_month_may_is_not_a_hedge() -> None:
    text = "In May 2025 the plant exploded; on 12 May it may reopen. Since May, output fell."
    assert [(h.matched, h.start) for h in hedges(text)] == [("may", 45)]


def test_vague_attribution_longest_phrase_wins_and_spans_line_breaks() -> None:
    hits = vague_attributions("As Western\nintelligence reports say, and as experts warn.")
    assert [(h.phrase, h.matched) for h in hits] == [
        ("western intelligence reports", "Western\nintelligence reports"),
        ("experts warn", "experts warn")]
    assert all(h.implies is None for h in hits)


def test_lint_text_orders_hits_by_position() -> None:
    hits = lint_text("Sources say it possibly happened.")
    assert [(h.kind, h.start, h.end) for h in hits] == [("vague", 0, 11), ("hedge", 15, 23)]


# a next word each role's scope rule accepts as hedging
_LICENCE = {"modal": "go", "adjective": "that", "noun": "of", "conditional": "x", None: "x"}


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=40),
       st.sampled_from(load_vocabulary().hedges))
def test_every_hedge_is_found_between_spaces(noise: str, entry: LanguagePhrase) -> None:
    text = f"{noise}. {entry.phrase.upper()} {_LICENCE[entry.role]} {noise}"
    assert entry.key() in [h.phrase for h in hedges(text)]


def test_every_word_form_is_found_under_its_headword() -> None:
    vocab = load_vocabulary()
    rules = scope_rules()
    for entry in (*vocab.hedges, *vocab.vague_attributions):
        for form in phrase_forms(entry.phrase, inflect=entry.inflect, forms=entry.forms,
                                 be_forms=rules.be_forms):
            text = f"So. {form.title()} {_LICENCE[entry.role]} now."
            assert entry.key() in [h.phrase for h in lint_text(text)], form
