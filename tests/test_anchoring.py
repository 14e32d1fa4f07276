"""Quote anchoring: exact, normalised, ambiguous, not found (with the closest passage)."""

from __future__ import annotations

import random
import time

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claimgraph.sources.anchoring import anchor, closest_passage, normalise, normalise_with_map

TEXT = ("The spokesperson said: \u201cChina has never\nsupplied lethal weapons to any party.\u201d "
        "Customs data show exports of nitrocellulose\u00a0rose to 1,300\u2009tonnes in "
        "2023\u2014more than double. The plant re\u00adopened in May.")


def test_exact_match_gives_code_point_offsets() -> None:
    text = "北京 said: Russia received 1,300 t."
    a = anchor(text, "Russia received")
    assert (a.status, a.start, a.end) == ("exact", 9, 24)
    assert text[a.start:a.end] == "Russia received"
    assert a.prefix == "北京 said: " and a.suffix == " 1,300 t."


def test_curly_quotes_and_line_break_anchor_to_the_original_span() -> None:
    a = anchor(TEXT, 'said: "China has never supplied lethal weapons to any party."')
    assert a.status == "normalised"
    assert a.exact == "said: \u201cChina has never\nsupplied lethal weapons to any party.\u201d"
    assert TEXT[a.start:a.end] == a.exact


def test_nbsp_thin_space_dash_and_soft_hyphen_fold() -> None:
    a = anchor(TEXT, "nitrocellulose rose to 1,300 tonnes in 2023 - more than double")
    assert a.status == "not_found"  # " - " is not "—" without spaces: the text has none
    b = anchor(TEXT, "nitrocellulose rose to 1,300 tonnes in 2023-more than double")
    assert b.status == "normalised"
    assert b.exact == "nitrocellulose\u00a0rose to 1,300\u2009tonnes in 2023\u2014more than double"
    c = anchor(TEXT, "The plant reopened in May.")
    assert c.status == "normalised" and c.exact == "The plant re\u00adopened in May."


def test_zero_width_characters_are_ignored() -> None:
    text = "Belarus\u200b relays parts\u2060 to Russia."
    a = anchor(text, "Belarus relays parts to Russia")
    assert a.status == "normalised" and a.exact == "Belarus\u200b relays parts\u2060 to Russia"


def test_ambiguous_quote_lists_occurrences_and_occurrence_picks_one() -> None:
    text = "sanctions apply. New sanctions apply. Old sanctions apply."
    a = anchor(text, "sanctions apply")
    assert a.status == "ambiguous" and a.occurrences == (0, 21, 42) and a.start == 0
    assert anchor(text, "sanctions apply", occurrence=3).start == 42
    too_far = anchor(text, "sanctions apply", occurrence=4)
    assert too_far.status == "not_found" and too_far.occurrences == (0, 21, 42)


def test_typo_reports_the_right_closest_passage() -> None:
    a = anchor(TEXT, "Customs data show exprts of nitrocelullose")
    assert a.status == "not_found" and a.closest is not None
    start, end, sim = a.closest
    assert TEXT[start:end] == "Customs data show exports of nitrocellulose"
    assert 0.9 <= sim < 1.0


def test_nothing_similar_gives_no_closest_passage() -> None:
    assert anchor(TEXT, "zzzz qqqq xxxx").closest is None
    assert closest_passage("", "anything") is None


def test_closest_passage_in_a_long_text_is_fast_and_right() -> None:
    rnd = random.Random(7)
    words = TEXT.split()
    filler = " ".join(rnd.choice(words) for _ in range(15000))  # ~100k characters
    needle = "The Perm Gunpowder Plant exploded in March 2025, possibly linked to poor nitration."
    text = filler + " " + needle + " " + filler
    assert len(text) > 100_000
    typo = needle.replace("Gunpowder", "Gunpowdr").replace("nitration", "nitraton")
    anchor(text, typo)  # warm the per-text index
    t0 = time.perf_counter()
    for _ in range(20):
        a = anchor(text, typo)
    per_quote = (time.perf_counter() - t0) / 20
    assert a.closest is not None and text[a.closest[0]:a.closest[1]] == needle
    assert per_quote < 0.25  # generous: a miss costs a few ms (benchmarks give figures)


def test_normalise_maps_every_char_back() -> None:
    norm, mapping = normalise_with_map(TEXT)
    assert len(mapping) == len(norm) + 1 and mapping[-1] == len(TEXT)
    assert all(mapping[i] < mapping[i + 1] or norm[i:i + 2] == ".." for i in range(len(norm)))
    assert normalise(" a \u2018b\u2019 \n c ") == "a 'b' c"


# -- properties ---------------------------------------------------------------------------
_TEXTS = st.text(alphabet=st.sampled_from(list("ab c\n\u201c\u201d'\"-\u2014\u00a0\u00ad.")),
                 min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.data())
def test_every_substring_anchors_to_its_own_position(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    a = anchor(text, quote)
    assert a.status in ("exact", "ambiguous")
    k = a.occurrences.index(i) + 1
    b = anchor(text, quote, occurrence=k if len(a.occurrences) > 1 else None)
    assert (b.start, b.end, b.exact) == (i, j, quote)


_WORDS = st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=6), min_size=2, max_size=12)
_SEPS = st.sampled_from([" ", "  ", "\n", " \n ", "\u00a0", "\t"])


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.data())
def test_normalised_variants_anchor_to_the_same_place(words: list[str],
                                                      data: st.DataObject) -> None:
    seps = [data.draw(_SEPS) for _ in words[1:]]
    pieces = [words[0]] + [s + w for s, w in zip(seps, words[1:], strict=True)]
    text = "".join(pieces)
    starts = [sum(len(p) for p in pieces[:k]) + (len(seps[k - 1]) if k else 0)
              for k in range(len(words))]
    lo = data.draw(st.integers(0, len(words) - 1))
    hi = data.draw(st.integers(lo, len(words) - 1))
    start, end = starts[lo], starts[hi] + len(words[hi])
    quote_words = words[lo:hi + 1]
    # the quote as a curator might type it: other whitespace, a soft hyphen, curly quotes
    variant = data.draw(st.sampled_from([" ", "\n", "\u00a0 "])).join(quote_words)
    if data.draw(st.booleans()):
        variant = variant[:1] + "\u00ad" + variant[1:]
    norm = normalise_with_map(text)[0]
    nq = normalise(variant)
    hits = [i for i in range(len(norm)) if norm.startswith(nq, i)]
    assume(len(hits) == 1)  # a unique passage (repeats are covered above)
    a = anchor(text, variant)
    assert a.status in ("exact", "normalised")
    assert (a.start, a.end) == (start, end)


@settings(max_examples=200, deadline=None)
@given(_WORDS, st.integers(0, 10), st.data())
def test_curly_quote_variants_anchor(words: list[str], pos: int, data: st.DataObject) -> None:
    pos = pos % len(words)
    curly = list(words)
    curly[pos] = "\u201c" + curly[pos] + "\u201d"
    text = "x. " + " ".join(curly) + " .y"
    straight = " ".join(w if k != pos else f'"{w}"' for k, w in enumerate(words))
    a = anchor(text, straight)
    assert a.anchored and a.start == 3 and a.exact == " ".join(curly)
