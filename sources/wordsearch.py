"""Word search: every word of a query found among a text's words, in whatever form.

The one search ``claimgraph claims --search`` and ``claimgraph trace "words"`` use. A query
word finds a word of the text when

- it is the same word (score 1.0);
- their stems agree (0.9): "deny" finds "denies", "denied", "denying"; "export" finds
  "exports", "exported" (:func:`stem`, a light English suffix stripper);
- they share a synonym group of ``schema/vocab/search.yaml`` (0.75): "arms" finds
  "weapons";
- it starts the longer word, 4 letters or more (0.6): "nitro" finds "nitrocellulose";
- it is a typo away, 5 letters or more (rapidfuzz ratio of at least 85, scaled to 0.6 at
  most): "nitrocelulose" finds "nitrocellulose".

Stopwords of the same file ("the", "of") are left out of a query that holds other words.
A text matches when every remaining query word finds a word; its score is their mean.
Deterministic, offline, no model.

Examples
--------
>>> [stem(w) for w in ("deny", "denies", "denied", "denying")]
['deni', 'deni', 'deni', 'deni']
>>> [stem(w) for w in ("shipped", "exports", "provided", "providing", "China’s")]
['ship', 'export', 'provid', 'provid', 'china']
>>> q = WordQuery("deny arms")
>>> round(q.score("China denies supplying weapons to Russia"), 3)
0.825
>>> q.score("China supplies weapons to Russia") is None
True
>>> round(WordQuery("nitrocelulose").score("exports of nitrocellulose"), 2)
0.58
>>> WordQuery("the nitro").score("Nitrocellulose exports")
0.6
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz import fuzz, process

from claimgraph.errors import VocabularyError
from claimgraph.schema.vocab import vocab_text

__all__ = ["SearchVocab", "WordQuery", "load_search_vocab", "stem", "words"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_VOWEL = re.compile(r"[aeiouy]")
EXACT, STEM, SYNONYM, PREFIX, TYPO = 1.0, 0.9, 0.75, 0.6, 0.6
MIN_PREFIX, MIN_TYPO, TYPO_RATIO = 4, 5, 85.0


class SearchVocab(BaseModel):
    """``schema/vocab/search.yaml``: stopwords and synonym groups."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int = 1
    stopwords: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = Field(default=())

    def synonym_stems(self) -> dict[str, frozenset[str]]:
        """Each stem of a synonym group -> the stems of its group (itself included)."""
        out: dict[str, set[str]] = {}
        for group in self.synonyms:
            stems = {stem(w) for w in group}
            for s in stems:
                out.setdefault(s, set()).update(stems)
        return {k: frozenset(v) for k, v in out.items()}


@cache
def load_search_vocab() -> SearchVocab:
    """The bundled search vocabulary (cached)."""
    try:
        return SearchVocab.model_validate(yaml.safe_load(vocab_text("search.yaml")))
    except ValidationError as exc:
        raise VocabularyError(f"schema/vocab/search.yaml: {exc}",
                              hint="fix the file: stopwords and synonym groups are lists "
                                   "of words") from exc


@cache
def _synonyms() -> dict[str, frozenset[str]]:
    return load_search_vocab().synonym_stems()


def words(text: str) -> list[str]:
    """The words of a text, lower-cased (apostrophes inside words kept).

    >>> words("China’s exports — 1,300 t in 2023!")
    ['china’s', 'exports', '1', '300', 't', 'in', '2023']
    """
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stem: plural, 3rd-person, -ed and -ing endings stripped, a doubled
    final consonant undoubled, a final y after a consonant read as i, a final e dropped."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if not w.isalpha():
        return w
    if len(w) <= 3:  # "use" reads as "us", as "used" and "using" do
        return w[:-1] if len(w) == 3 and w[-1] == "e" and w[-2] not in "aeiou" else w
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "i"
    elif w.endswith(("xes", "zes", "ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ied", "ed", "ing"):
        if not w.endswith(suffix) or w.endswith("eed"):
            continue
        rest = w[: -len(suffix)] + ("i" if suffix == "ied" else "")
        if len(rest) >= 2 and _VOWEL.search(rest[:-1] if suffix == "ied" else rest):
            w = rest
            if suffix != "ied" and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeioulsz":
                w = w[:-1]
        break
    if w.endswith("y") and len(w) > 3 and w[-2] not in "aeiou":
        w = w[:-1] + "i"
    if w.endswith("e") and len(w) >= 3 and w[-2] not in "aeiou":
        w = w[:-1]
    return w


@dataclass(frozen=True)
class _Term:
    word: str
    stem: str
    synonyms: frozenset[str]


class WordQuery:
    """A parsed query: :meth:`score` says how well a text matches (None: it does not)."""

    def __init__(self, query: str) -> None:
        vocab = load_search_vocab()
        found = words(query)
        kept = [w for w in found if w not in vocab.stopwords] or found
        seen: dict[str, _Term] = {}
        for w in kept:
            s = stem(w)
            seen.setdefault(w, _Term(w, s, _synonyms().get(s, frozenset())))
        self.terms: tuple[_Term, ...] = tuple(seen.values())

    def __bool__(self) -> bool:
        return bool(self.terms)

    def score(self, text: str) -> float | None:
        """The mean of each query word's best match among the text's words; None when a
        query word finds nothing (or the query has no words)."""
        if not self.terms:
            return None
        found = words(text)
        if not found:
            return None
        exact = set(found)
        stems = {stem(w) for w in found}
        total = 0.0
        for t in self.terms:
            best = _best(t, exact, stems, found)
            if best is None:
                return None
            total += best
        return total / len(self.terms)


def _best(t: _Term, exact: set[str], stems: set[str], found: list[str]) -> float | None:
    if t.word in exact:
        return EXACT
    if t.stem in stems:
        return STEM
    if t.synonyms & stems:
        return SYNONYM
    if len(t.word) >= MIN_PREFIX and any(w.startswith(t.word) for w in exact):
        return PREFIX
    if len(t.word) >= MIN_TYPO:
        hit = process.extractOne(t.word, [w for w in exact if len(w) >= MIN_TYPO - 1],
                                 scorer=fuzz.ratio, score_cutoff=TYPO_RATIO)
        if hit is not None:
            return TYPO * float(hit[1]) / 100.0
    return None
