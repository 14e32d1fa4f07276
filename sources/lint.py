"""Language lint: hedges and vague attributions in quotes and claim texts.

The phrases are data (``schema/vocab/language.yaml``, extended by a case in ``case.yaml``):
each hedge implies an ICD 203 likelihood term (``likelihood.yaml``); a vague attribution
names no checkable source. Phrases match case-insensitively on word boundaries, in every
surface form their entry lists or generates ("indicate" also finds "indicating"), and a
phrase of several words matches across any run of whitespace. The longest phrase wins
where two overlap ("Western intelligence reports" rather than "intelligence reports").
A hedge hit counts only where the scope rules of :mod:`.hedging` say it hedges the claim
("may" before a verb, not the month; "possible" predicative, not "possible sanctions").

Examples
--------
>>> hits = lint_text("Beijing reportedly sent 1,300 t in May 2023, experts warn.")
>>> [(h.kind, h.phrase, h.start, h.implies) for h in hits]
[('hedge', 'reportedly', 8, 'roughly_even_chance'), ('vague', 'experts warn', 45, None)]
>>> [h.phrase for h in lint_text("It may be, as Western  intelligence reports say.")]
['may', 'western intelligence reports']
>>> [(h.phrase, h.matched) for h in hedges("Records indicating potential losses.")]
[('indicate', 'indicating')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from claimgraph.schema.vocab import LanguagePhrase, Vocabulary, load_vocabulary

from .hedging import ScopeRules, excepted, hedges_claim, scope_rules
from .wordforms import phrase_forms

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


# surface form (lower case, single spaces) -> its entry
_Forms = dict[str, LanguagePhrase]


def _forms(phrases: tuple[LanguagePhrase, ...], rules: ScopeRules) -> _Forms:
    out: _Forms = {}
    for p in phrases:
        for form in phrase_forms(p.phrase, inflect=p.inflect, forms=p.forms,
                                 be_forms=rules.be_forms):
            out.setdefault(form, p)
    return out


def _pattern(forms: _Forms) -> re.Pattern[str] | None:
    if not forms:
        return None
    alts = sorted(forms, key=lambda s: (-len(s), s))
    body = "|".join(r"\s+".join(re.escape(w) for w in a.split()) for a in alts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class _Compiled:
    hedge_re: re.Pattern[str] | None
    vague_re: re.Pattern[str] | None
    hedge_forms: _Forms
    vague_forms: _Forms


def _compile(v: Vocabulary) -> _Compiled:
    rules = scope_rules()
    hf, vf = _forms(v.hedges, rules), _forms(v.vague_attributions, rules)
    return _Compiled(_pattern(hf), _pattern(vf), hf, vf)


def _scan(text: str, pattern: re.Pattern[str] | None, kind: Kind,
          forms: _Forms) -> list[LanguageHit]:
    if pattern is None:
        return []
    rules = scope_rules()
    out = []
    for m in pattern.finditer(text):
        entry = forms[" ".join(m.group().lower().split())]
        phrase = entry.key()
        if excepted(text, m.start(), m.end(), phrase, rules):
            continue
        if kind == "hedge" and not hedges_claim(text, m.start(), m.end(), entry.role, rules):
            continue
        out.append(LanguageHit(kind, phrase, m.start(), m.end(), m.group(),
                               entry.implies if kind == "hedge" else None))
    return out


_BY_VOCAB: dict[int, tuple[Vocabulary, _Compiled]] = {}


def _for(v: Vocabulary) -> _Compiled:
    # keyed by identity (hashing the phrase tuples on every call costs more than the scan);
    # the vocabulary is kept in the value, so its id cannot be reused while cached
    hit = _BY_VOCAB.get(id(v))
    if hit is None or hit[0] is not v:
        if len(_BY_VOCAB) > 64:
            _BY_VOCAB.clear()
        hit = (v, _compile(v))
        _BY_VOCAB[id(v)] = hit
    return hit[1]


def lint_text(text: str, vocab: Vocabulary | None = None) -> list[LanguageHit]:
    """Every hedge and vague attribution in ``text``, in order of position."""
    c = _for(vocab or load_vocabulary())
    hits = (_scan(text, c.hedge_re, "hedge", c.hedge_forms)
            + _scan(text, c.vague_re, "vague", c.vague_forms))
    return sorted(hits, key=lambda h: (h.start, h.end, h.kind))


def hedges(text: str, vocab: Vocabulary | None = None) -> list[LanguageHit]:
    """Only the hedges of :func:`lint_text`.

    >>> [h.implies for h in hedges("It is likely, perhaps, that it might fall.")]
    ['likely', 'roughly_even_chance', 'unlikely']
    """
    c = _for(vocab or load_vocabulary())
    return _scan(text, c.hedge_re, "hedge", c.hedge_forms)


def vague_attributions(text: str, vocab: Vocabulary | None = None) -> list[LanguageHit]:
    """Only the vague attributions of :func:`lint_text`.

    >>> [h.matched for h in vague_attributions("Sources say so; SOURCES SAY so.")]
    ['Sources say', 'SOURCES SAY']
    """
    return [h for h in lint_text(text, vocab) if h.kind == "vague"]
