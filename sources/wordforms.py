"""Surface forms of a lexicon phrase: regular English verb forms, "to be" forms, listed forms.

Lexicons (``language.yaml``, ``comparatives.yaml``) list a headword once and say how it
inflects; this module spells the forms out, so "indicate" also finds "indicates",
"indicated" and "indicating", and "is expected to" finds "were expected to". Only the
first word of a phrase inflects; irregular forms are listed in the data (``forms:``).

Examples
--------
>>> verb_forms("indicate")
('indicate', 'indicated', 'indicates', 'indicating')
>>> verb_forms("warn")
('warn', 'warned', 'warning', 'warns')
>>> verb_forms("rely")
('relied', 'relies', 'rely', 'relying')
>>> phrase_forms("is expected to", inflect="verb", be_forms=("is", "are", "was"))
('are expected to', 'is expected to', 'was expected to')
>>> phrase_forms("Warn  of", inflect="verb", forms=("warning about",))
('warn of', 'warned of', 'warning about', 'warning of', 'warns of')
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["phrase_forms", "verb_forms"]

_VOWELS = set("aeiou")


def verb_forms(verb: str) -> tuple[str, ...]:
    """The regular forms of an English verb: base, -s, -ed, -ing (sorted).

    No consonant doubling ("stop" -> "stoped" is wrong): verbs that double are listed with
    their forms in the data instead.
    """
    v = verb.lower()
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        s, ed, ing = v + "s", v + "d", v[:-1] + "ing"
    elif v.endswith("y") and len(v) > 1 and v[-2] not in _VOWELS:
        s, ed, ing = v[:-1] + "ies", v[:-1] + "ied", v + "ing"
    elif v.endswith(("s", "sh", "ch", "x", "z")):
        s, ed, ing = v + "es", v + "ed", v + "ing"
    else:
        s, ed, ing = v + "s", v + "ed", v + "ing"
    return tuple(sorted({v, s, ed, ing}))


def phrase_forms(phrase: str, *, inflect: str | None = None, forms: Iterable[str] = (),
                 be_forms: Iterable[str] = ()) -> tuple[str, ...]:
    """Every surface form of a phrase (lower case, single spaces, sorted).

    ``inflect="verb"`` inflects the first word (a first word "is" or "be" takes
    ``be_forms``); ``forms`` are added as written.
    """
    words = phrase.lower().split()
    out = {" ".join(words)}
    if inflect == "verb" and words:
        head, rest = words[0], words[1:]
        heads = tuple(be_forms) if head in ("is", "be") else verb_forms(head)
        out.update(" ".join([h, *rest]) for h in heads)
    out.update(" ".join(f.lower().split()) for f in forms)
    out.discard("")
    return tuple(sorted(out))
