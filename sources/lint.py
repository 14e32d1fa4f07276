"""Language lint: hedges and vague attributions in quotes and claim texts.

The phrases are data (``schema/vocab/language.yaml``): each hedge implies an ICD 203
likelihood term (``likelihood.yaml``); a vague attribution names no checkable source.
Phrases match case-insensitively on word boundaries, and a phrase of several words
matches across any run of whitespace. The longest phrase wins where two overlap
("Western intelligence reports" rather than "intelligence reports"). Known false friends
(the month "May" for the hedge "may") are exceptions listed as data in
``schema/vocab/evidence_status.yaml`` under ``language_exceptions``.

Examples
--------
>>> hits = lint_text("Beijing reportedly sent 1,300 t in May 2023, experts warn.")
>>> [(h.kind, h.phrase, h.start, h.implies) for h in hits]
[('hedge', 'reportedly', 8, 'roughly_even_chance'), ('vague', 'experts warn', 45, None)]
>>> [h.phrase for h in lint_text("It may be, as Western  intelligence reports say.")]
['may', 'western intelligence reports']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

import yaml

from claimgraph.schema.vocab import LanguagePhrase, Vocabulary, load_vocabulary, vocab_text

__all__ = ["LanguageHit", "hedges", "lint_text", "vague_attributions"]

Kind = Literal["hedge", "vague"]


@dataclass(frozen=True)
class LanguageHit:
    """One hedge or vague attribution found in a text (offsets in code points)."""

    kind: Kind
    phrase: str  # the vocabulary phrase, lower case
    start: int
    end: int
    matched: str  # the words as written
    implies: str | None = None  # ICD 203 likelihood term id (hedges)


def _pattern(phrases: tuple[LanguagePhrase, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alts = sorted({p.phrase.strip().lower() for p in phrases}, key=lambda s: (-len(s), s))
    body = "|".join(r"\s+".join(re.escape(w) for w in a.split()) for a in alts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@cache
def _exceptions() -> dict[str, tuple[re.Pattern[str], ...]]:
    data = yaml.safe_load(vocab_text("evidence_status.yaml")) or {}
    out: dict[str, list[re.Pattern[str]]] = {}
    for item in data.get("language_exceptions") or []:
        out.setdefault(str(item["phrase"]).lower(), []).append(re.compile(item["not_when"]))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _compiled(hedge_phrases: tuple[LanguagePhrase, ...],
              vague_phrases: tuple[LanguagePhrase, ...]) -> tuple[
        re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str | None]]:
    implies = {p.phrase.strip().lower(): p.implies for p in hedge_phrases}
    return _pattern(hedge_phrases), _pattern(vague_phrases), implies


def _scan(text: str, pattern: re.Pattern[str] | None, kind: Kind,
          implies: dict[str, str | None]) -> list[LanguageHit]:
    if pattern is None:
        return []
    exceptions = _exceptions()
    out = []
    for m in pattern.finditer(text):
        phrase = " ".join(m.group().lower().split())
        if any(x.match(text, m.start()) for x in exceptions.get(phrase, ())):
            continue
        out.append(LanguageHit(kind, phrase, m.start(), m.end(), m.group(),
                               implies.get(phrase) if kind == "hedge" else None))
    return out


_BY_VOCAB: dict[int, tuple[Vocabulary, tuple[re.Pattern[str] | None, re.Pattern[str] | None,
                                               dict[str, str | None]]]] = {}


def _for(v: Vocabulary) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None,
                                 dict[str, str | None]]:
    # keyed by identity (hashing the phrase tuples on every call costs more than the scan);
    # the vocabulary is kept in the value, so its id cannot be reused while cached
    hit = _BY_VOCAB.get(id(v))
    if hit is None or hit[0] is not v:
        if len(_BY_VOCAB) > 64:
            _BY_VOCAB.clear()
        hit = (v, _compiled(v.hedges, v.vague_attributions))
        _BY_VOCAB[id(v)] = hit
    return hit[1]


def lint_text(text: str, vocab: Vocabulary | None = None) -> list[LanguageHit]:
    """Every hedge and vague attribution in ``text``, in order of position."""
    v = vocab or load_vocabulary()
    hedge_re, vague_re, implies = _for(v)
    hits = _scan(text, hedge_re, "hedge", implies) + _scan(text, vague_re, "vague", implies)
    return sorted(hits, key=lambda h: (h.start, h.end, h.kind))


def hedges(text: str, vocab: Vocabulary | None = None) -> list[LanguageHit]:
    """Only the hedges of :func:`lint_text`.

    >>> [h.implies for h in hedges("It is likely, perhaps, that it might.")]
    ['likely', 'roughly_even_chance', 'unlikely']
    """
    return [h for h in lint_text(text, vocab) if h.kind == "hedge"]


def vague_attributions(text: str, vocab: Vocabulary | None = None) -> list[LanguageHit]:
    """Only the vague attributions of :func:`lint_text`.

    >>> [h.matched for h in vague_attributions("Sources say so; SOURCES SAY so.")]
    ['Sources say', 'SOURCES SAY']
    """
    return [h for h in lint_text(text, vocab) if h.kind == "vague"]
