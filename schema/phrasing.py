"""How a claim's predicate reads in a list or a table: a denial always reads as one.

An affirmed claim reads with its predicate's ``label`` ("supplies"). A denial reads with
the predicate's ``denied_label`` ("denies supplying") when the subject itself denies it —
the claimant is the subject, or a part of it (``part_of``, followed up: a government
denies for its state) —, and otherwise names who denies it: "denied by Lin Jian: supplies".
A denial is never attributed to a subject that did not make it (principle 7): the article
saying that China's neutrality is a facade does not make China "deny pursuing neutrality".

Examples
--------
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({"meta": {"id": "d", "title": "D"},
...     "entities": [{"id": "cn", "name": "China", "kind": "state"},
...                  {"id": "gov", "name": "Government", "kind": "government_body",
...                   "part_of": ["cn"]},
...                  {"id": "lin", "name": "Lin Jian", "kind": "person", "country": "cn"},
...                  {"id": "ru", "name": "Russia", "kind": "state"}],
...     "claims": [{"id": c, "text": "t", "subject": "cn", "predicate": "supplies",
...                 "object": "ru", "polarity": p, "claimant": who}
...                for c, p, who in [("a", "affirmed", "lin"), ("b", "denied", "gov"),
...                                  ("c", "denied", "lin")]]})
>>> say = Phrasing.of_case(case)
>>> [say.claim(c) for c in case.claims]
['supplies', 'denies supplying', 'denied by Lin Jian: supplies']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .models import Case, Claim, Entity
from .vocab import Vocabulary, load_vocabulary

__all__ = ["Phrasing"]


class Phrasing:
    """The phrases of one case's claims (its vocabulary, who is part of whom, names)."""

    def __init__(self, vocab: Vocabulary, entities: Iterable[Entity],
                 names: Mapping[str, str] | None = None) -> None:
        self.vocab = vocab
        self.parents = {e.id: tuple(e.part_of) for e in entities}
        self.names = dict(names or {})

    @classmethod
    def of_case(cls, case: Case, vocab: Vocabulary | None = None) -> Phrasing:
        names = {**{s.id: s.title for s in case.sources}, **{e.id: e.name for e in case.entities}}
        return cls(vocab or load_vocabulary().extend(case.meta.vocabulary), case.entities, names)

    def speaks_for(self, claimant: str | None, subject: str) -> bool:
        """True when ``claimant`` is ``subject`` or part of it (``part_of``, followed up)."""
        if claimant is None or claimant == subject:
            return True
        seen, todo = set(), [claimant]
        while todo:
            cur = todo.pop()
            if cur == subject:
                return True
            if cur not in seen:
                seen.add(cur)
                todo.extend(self.parents.get(cur, ()))
        return False

    def __call__(self, predicate: str, polarity: str, subject: str,
                 claimant: str | None) -> str:
        if polarity != "denied" or self.speaks_for(claimant, subject):
            return self.vocab.predicate_phrase(predicate, polarity)
        who = self.names.get(claimant or "", claimant or "")
        return f"denied by {who}: {self.vocab.predicate_phrase(predicate)}"

    def claim(self, c: Claim) -> str:
        """How ``c`` reads between its subject and its object."""
        return self(c.predicate, c.polarity, c.subject, c.effective_claimant())
