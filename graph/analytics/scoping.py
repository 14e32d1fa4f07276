"""What a projection merges and which claims it keeps by item and by verdict.

Three rules of the projection (:func:`~claimgraph.graph.analytics.projection.claim_graph`),
each kept apart here so that it can be read and tested on its own:

* **identity** — entities linked by ``same_as`` (one real-world thing under two ids, either
  way, transitively) are one node, named by the class's smallest id
  (:meth:`Scope.canonical <claimgraph.schema.scope.Scope.canonical>`); its other ids, names
  and aliases become aliases, so any of them finds it. Entities that only ``overlaps``
  (groups two analyses draw differently) stay two nodes: never merged (principle 7).
* **about** — an item filter (``--item X``) keeps the claims about ``X`` or about anything
  narrower (``a ⊑ X``: ``broader`` followed transitively, ``same_as`` at every step), as
  their item, subject or object. A denial of "lethal weapons" is not about nitrocellulose
  unless the case says nitrocellulose is narrower.
* **rated** — a claim whose verdict rating is ``excluded_from_analytics`` in
  ``schema/vocab/ratings.yaml`` (false, mostly false, misleading) is left out unless asked
  for (``include_rated``), and the projection records which (``rated_out``) so that every
  output can say how many.

Examples
--------
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({"meta": {"id": "d", "title": "D"}, "entities": [
...     {"id": "mfa", "name": "MFA", "kind": "government_body", "same_as": ["fm"]},
...     {"id": "fm", "name": "Foreign Ministry", "kind": "government_body"},
...     {"id": "drones", "name": "Drones", "kind": "weapon_system"},
...     {"id": "shahed", "name": "Shahed-136", "kind": "weapon_system", "broader": ["drones"]}],
...     "claims": [{"id": "c1", "text": "t", "subject": "mfa", "predicate": "supports",
...                 "object": "drones", "verdict": {"rating": "false"}}]})
>>> s = ProjectionScope.of(case)
>>> s.merged, s.canonical("mfa")
({'fm': ['fm', 'mfa']}, 'fm')
>>> s.about(["Drones"])
{'drones': ['shahed']}
>>> s.rating_out(case.claims[0])
'false'
>>> s.about(["tanks"])
Traceback (most recent call last):
...
claimgraph.errors.AnalysisError: no entity 'tanks' in case 'd' (--item)
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from claimgraph.errors import AnalysisError
from claimgraph.schema.models import Case, Claim
from claimgraph.schema.scope import Scope
from claimgraph.schema.vocab import Rating, load_vocabulary

__all__ = ["ProjectionScope", "projection_notes"]


@dataclass(frozen=True)
class ProjectionScope:
    """The identity classes, the ⊑ relation and the ratings of one case's projection."""

    case: Case
    scope: Scope
    merged: dict[str, list[str]] = field(default_factory=dict)
    """``{canonical id: every id of its same_as class}`` for classes of two ids or more."""
    ratings: dict[str, Rating] = field(default_factory=dict)

    @classmethod
    def of(cls, case: Case, *, merge: bool = True) -> ProjectionScope:
        """The scope of ``case``; ``merge=False`` keeps ``same_as`` ids apart."""
        scope = Scope(case.entities)
        merged: dict[str, list[str]] = {}
        if merge and any(e.same_as for e in case.entities):
            for e in case.entities:
                merged.setdefault(scope.canonical(e.id), []).append(e.id)
            merged = {c: sorted(ids) for c, ids in sorted(merged.items()) if len(ids) > 1}
        return cls(case, scope, merged, load_vocabulary().ratings)

    def canonical(self, entity: str) -> str:
        """The node id of ``entity`` (itself unless ``same_as`` merges it)."""
        return self.scope.canonical(entity) if self.merged else entity

    def node_map(self) -> dict[str, str]:
        """``{id: node id}`` for the ids that are merged into another one."""
        return {i: c for c, ids in self.merged.items() for i in ids if i != c}

    def resolve(self, text: str, option: str = "--item") -> str:
        """An entity id of the case from an id, a name or an alias (case-insensitive)."""
        ids = {e.id for e in self.case.entities}
        if text in ids:
            return text
        labels: dict[str, set[str]] = {}
        for e in self.case.entities:
            for label in (e.id, e.name, *(a if isinstance(a, str) else a.text
                                          for a in e.aliases)):
                labels.setdefault(label.casefold(), set()).add(e.id)
        hits = labels.get(text.casefold().strip(), set())
        if len(hits) == 1:
            return next(iter(hits))
        if hits:
            raise AnalysisError(f"{text!r} names several entities: {', '.join(sorted(hits))}",
                                hint=f"give the entity id to {option}")
        close = difflib.get_close_matches(text.casefold(), sorted(labels), n=3, cutoff=0.6)
        names = sorted({i for c in close for i in labels[c]})
        raise AnalysisError(
            f"no entity {text!r} in case {self.case.meta.id!r} ({option})",
            hint=f"did you mean {', '.join(repr(n) for n in names)}?" if names
            else "give an entity id, name or alias")

    def about(self, items: Iterable[str]) -> dict[str, list[str]]:
        """``{item id: the ids narrower than it}`` for an item filter (ids, names or
        aliases; each item's own id is not repeated in its list)."""
        out: dict[str, list[str]] = {}
        for text in items:
            x = self.resolve(text)
            out[x] = sorted(self.scope.narrower(x) - {x})
        return out

    def rating_out(self, claim: Claim) -> str | None:
        """The claim's rating when it keeps the claim out of the analytics, else None."""
        v = claim.verdict
        if v is None:
            return None
        r = self.ratings.get(v.rating)
        return v.rating if r is not None and r.excluded_from_analytics else None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def projection_notes(graph: Mapping[str, Any], names: Mapping[str, str] | None = None, *,
                     why: bool = False) -> list[str]:
    """Plain sentences saying what a projection left out, included and merged, from its
    graph attributes (``g.graph``): every analytics output and the network view print them.

    >>> projection_notes({"rated_out": {"c9": "false", "c7": "misleading"},
    ...                   "about": {"drones": ["shahed"]}, "merged": {"fm": ["fm", "mfa"]}},
    ...                  {"drones": "Drones", "shahed": "Shahed-136", "fm": "Foreign Ministry"})
    ['2 claims left out for their verdict rating (1 false, 1 misleading: c7, c9); --include-rated keeps them', '--item drones: claims about Drones and 1 narrower item (Shahed-136)', 'Foreign Ministry is one node for the same_as ids fm, mfa']
    """
    names = names or {}
    out = []
    rated: Mapping[str, str] = graph.get("rated_out") or {}
    if rated:
        labels = {r.id: r.label.lower() for r in load_vocabulary().ratings.values()}
        counts = Counter(labels.get(r, r) for r in rated.values())
        by = ", ".join(f"{n} {label}" for label, n in sorted(counts.items()))
        keep = "`why` never routes through one" if why else "--include-rated keeps them"
        whose = "its" if len(rated) == 1 else "their"
        out.append(f"{_plural(len(rated), 'claim')} left out for {whose} verdict rating "
                   f"({by}: {', '.join(sorted(rated))}); {keep}")
    for x, narrower in (graph.get("about") or {}).items():
        if narrower:
            inc = ", ".join(names.get(i, i) for i in narrower)
            out.append(f"--item {x}: claims about {names.get(x, x)} and "
                       f"{_plural(len(narrower), 'narrower item')} ({inc})")
        else:
            out.append(f"--item {x}: claims about {names.get(x, x)} (nothing narrower: no "
                       "entity's `broader:` reaches it)")
    for node, ids in (graph.get("merged") or {}).items():
        out.append(f"{names.get(node, node)} is one node for the same_as ids {', '.join(ids)}")
    return out
