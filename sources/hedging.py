"""Scope rules of the language lint: does a hedge word found in a text hedge the claim?

A word list alone over-reports: "possible sanctions" names a thing, "in May 2024" is a
month, "military might" a noun. The rules here look only at the words next to a hit, no
parser involved, and they are data (``scope:`` and ``exceptions:`` in
``schema/vocab/language.yaml``):

- **modal** (may, might, could, would) hedges when a bare verb follows, after adverbs
  such as "not", "also", "well";
- **adjective** (possible, potential, questionable …) hedges when predicative ("it is
  possible that", "war is possible."), not before a noun ("potential economic losses");
- **noun** (risk, probability …) hedges unless it heads a compound ("risk assessment");
- **conditional** (if, unless) hedges unless it follows "even", "as", "asked" …;
- **exceptions**: per phrase, a previous word (``not_after``), a next word
  (``not_before``) or a regular expression (``not_when``) that makes a hit no hedge.

Examples
--------
>>> r = scope_rules()
>>> t = "Possible sanctions may follow; a ceasefire is possible."
>>> [hedges_claim(t, s, e, role, r) for s, e, role in
...  [(0, 8, "adjective"), (19, 22, "modal"), (46, 54, "adjective")]]
[False, True, True]
>>> excepted("Russia's military might is real.", 18, 23, "might", r)
True
>>> next_word("risk-free bonds", 4), previous_word("Russia’s might", 9)
('free', "'s")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from claimgraph.schema.vocab import vocab_text

__all__ = [
    "PhraseException",
    "ScopeRules",
    "excepted",
    "hedges_claim",
    "next_word",
    "previous_word",
    "scope_rules",
]

_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")


@dataclass(frozen=True)
class PhraseException:
    """Where one phrase is not a hedge (``language.yaml`` ``exceptions:``)."""

    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    not_when: re.Pattern[str] | None = None


@dataclass(frozen=True)
class ScopeRules:
    """The ``scope:`` and ``exceptions:`` sections of ``language.yaml``, compiled."""

    modal_skip: frozenset[str]
    modal_not_verbs: frozenset[str]
    predicative_next: frozenset[str]
    compound_heads: frozenset[str]
    conditional_not_after: frozenset[str]
    exceptions: dict[str, tuple[PhraseException, ...]]
    be_forms: tuple[str, ...]


def _words(values: list[object] | None) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@cache
def scope_rules() -> ScopeRules:
    """The bundled rules (cached: they are data, read once)."""
    data = yaml.safe_load(vocab_text("language.yaml")) or {}
    scope = data.get("scope") or {}
    exceptions: dict[str, list[PhraseException]] = {}
    for item in data.get("exceptions") or []:
        rx = item.get("not_when")
        exceptions.setdefault(" ".join(str(item["phrase"]).lower().split()), []).append(
            PhraseException(_words(item.get("not_after")), _words(item.get("not_before")),
                       re.compile(rx) if rx else None))
    return ScopeRules(
        modal_skip=_words((scope.get("modal") or {}).get("skip")),
        modal_not_verbs=_words((scope.get("modal") or {}).get("not_verbs")),
        predicative_next=_words((scope.get("adjective") or {}).get("predicative_next")),
        compound_heads=_words((scope.get("noun") or {}).get("compound_heads")),
        conditional_not_after=_words((scope.get("conditional") or {}).get("not_after")),
        exceptions={k: tuple(v) for k, v in exceptions.items()},
        be_forms=tuple(str(b).lower() for b in data.get("be_forms") or ()),
    )


def next_word(text: str, end: int) -> str | None:
    """The word right after ``end`` (lower case; a hyphen joins, "risk-free" -> "free"), or
    None when punctuation, a number or the end of the text comes first."""
    i = end
    if i < len(text) and text[i] == "-":
        i += 1
    else:
        while i < len(text) and text[i].isspace():
            i += 1
    m = _WORD.match(text, i)
    return m.group().lower() if m else None


def previous_word(text: str, start: int) -> str | None:
    """The word right before ``start`` (lower case; any possessive is "'s"), or None when
    punctuation or the start of the text comes first."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "’'"):
        j -= 1
    if j == i:
        return None
    word = text[j:i].lower().replace("’", "'")
    return "'s" if word.endswith("'s") else word


def _next_content_word(text: str, end: int, skip: frozenset[str]) -> str | None:
    """The next word after any of ``skip`` (None at punctuation, a number or the end)."""
    pos = end
    for _ in range(8):
        i = pos
        while i < len(text) and text[i].isspace():
            i += 1
        m = _WORD.match(text, i)
        if not m:
            return None
        word = m.group()
        if word.lower() not in skip:
            return word
        pos = m.end()
    return None


def hedges_claim(text: str, start: int, end: int, role: str | None, rules: ScopeRules) -> bool:
    """Whether the hit ``text[start:end]`` of a phrase with this ``role`` hedges the claim."""
    if role == "modal":
        word = _next_content_word(text, end, rules.modal_skip)
        return word is not None and word == word.lower() and word not in rules.modal_not_verbs
    if role == "adjective":
        word = next_word(text, end)
        return word is None or word in rules.predicative_next
    if role == "noun":
        return next_word(text, end) not in rules.compound_heads
    if role == "conditional":
        return previous_word(text, start) not in rules.conditional_not_after
    return True


def excepted(text: str, start: int, end: int, phrase: str, rules: ScopeRules) -> bool:
    """Whether an exception of ``phrase`` (its headword) applies to the hit."""
    for x in rules.exceptions.get(phrase, ()):
        if x.not_after and previous_word(text, start) in x.not_after:
            return True
        if x.not_before and next_word(text, end) in x.not_before:
            return True
        if x.not_when is not None and x.not_when.match(text, start):
            return True
    return False
