"""``unhedged-modal``: a claim whose supporting quote hedges, recorded without confidence.

Principle 7: "could" and "risk" carry a confidence. When a quote the claim rests on uses a
hedge, a modal, a conditional or risk language (the language lint, :mod:`.lint`, with its
scope rules) and the claim has no ``confidence:``, the claim states as fact what its
source only says may be — a validate warning naming the words, with the likelihood term
they imply as the hint. The claim's own text is held to the same rule when none of its
quotes hedges ("carries the risk of …" over the quote "damage to China's image").

Examples
--------
>>> from claimgraph.schema.models import Claim
>>> c = Claim.model_validate({
...     "id": "c1", "text": "Exports cost China access to markets.", "subject": "cn",
...     "predicate": "causes", "object": "x", "evidence": [
...         {"source": "a", "quote": "aiding Russia could cost access to American markets"}]})
>>> [(i, [h.matched for h in hits]) for i, hits in unhedged_quotes(c)]
[(0, ['could'])]
>>> unhedged_quotes(c.model_copy(update={"confidence": "roughly_even_chance"}))
[]

A capacity ("enough to produce 200,000 shells") is recorded by ``capacity: true`` on the
quantity, not by a confidence:

>>> shells = Claim.model_validate({
...     "id": "c2", "text": "1,300 t is enough for 200,000 shells.", "subject": "nc",
...     "predicate": "used_in", "object": "shells", "evidence": [
...         {"source": "a", "quote": "enough to produce over 200,000 shells"}]})
>>> [h.matched for _, hits in unhedged_quotes(shells) for h in hits]
['enough to']
>>> unhedged_quotes(Claim.model_validate({**shells.model_dump(), "quantity": {
...     "value": 200000, "unit": "shells", "bound": "min", "capacity": True}}))
[]
"""

from __future__ import annotations

from claimgraph.errors import Problem
from claimgraph.problemcodes import ProblemCode
from claimgraph.schema.caseload import LoadedCase
from claimgraph.schema.models import Claim
from claimgraph.schema.vocab import Vocabulary, load_vocabulary

from .lint import LanguageHit, hedges

__all__ = ["CODE", "unhedged_modal_problems", "unhedged_quotes"]

CODE = ProblemCode.UNHEDGED_MODAL


def unhedged_quotes(claim: Claim,
                    vocab: Vocabulary | None = None) -> list[tuple[int, list[LanguageHit]]]:
    """The supporting quotes (index, hedges) of a claim without ``confidence``."""
    if claim.confidence:
        return []
    recorded = _capacity_phrases(vocab or load_vocabulary()) if (
        claim.quantity is not None and claim.quantity.capacity) else frozenset()
    out = []
    for i, ev in enumerate(claim.evidence):
        if ev.relation == "supports":
            hits = [h for h in hedges(ev.quote, vocab) if h.phrase not in recorded]
            if hits:
                out.append((i, hits))
    return out


def _capacity_phrases(vocab: Vocabulary) -> frozenset[str]:
    """Hedge phrases that a capacity quantity records (``capacity: true`` in language.yaml)."""
    return frozenset(p.key() for p in vocab.hedges if p.capacity)


def _hint(hits: list[LanguageHit], vocab: Vocabulary, remedy: str) -> str:
    implied = next((h for h in hits if h.implies and h.implies in vocab.likelihood), None)
    if implied is None:
        return ("add `confidence:` with the ICD 203 likelihood the source gives it (e.g. "
                f"unlikely, roughly_even_chance, likely), or {remedy}")
    return f"add `confidence: {implied.implies}` (what \"{implied.matched}\" implies), or {remedy}"


def unhedged_modal_problems(loaded: LoadedCase, vocab: Vocabulary) -> list[Problem]:
    """One warning per supporting quote that hedges a claim recorded without confidence."""
    out = []
    for c in loaded.claims:
        if c.confidence:
            continue
        origin = loaded.origin("claim", c.id)
        found: list[tuple[tuple[str | int, ...], str, list[LanguageHit], str]] = [
            (("evidence", i, "quote"), f"evidence #{i + 1}: the quote", hits,
             "quote only the words the claim rests on")
            for i, hits in unhedged_quotes(c, vocab)]
        if not found:
            recorded = _capacity_phrases(vocab) if (
                c.quantity is not None and c.quantity.capacity) else frozenset()
            text_hits = [h for h in hedges(c.text, vocab) if h.phrase not in recorded]
            if text_hits:
                found.append((("text",), "the claim text", text_hits,
                              "word the claim as its quotes do"))
        for path, what, hits, remedy in found:
            words = ", ".join(dict.fromkeys(f'"{h.matched}"' for h in hits))
            file, line, col = origin.at(*path) if origin else ("<case>", None, None)
            out.append(Problem(
                "warning", CODE,
                f"claim '{c.id}': {what} hedges ({words}) but the claim has no `confidence`",
                file, line, col, _hint(hits, vocab, remedy)))
    return out
