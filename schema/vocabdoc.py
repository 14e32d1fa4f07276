"""The vocabularies as plain data, for ``claimgraph vocab`` and the Python API.

Everything a case author may write where a vocabulary term is expected: entity kinds (in
their hierarchy), predicates (with the kinds each takes as subject and object), source
kinds, evidence statuses, verdict ratings, confidence (ICD 203 likelihood) terms and
reliability grades. Each entry says where it comes from: ``bundled`` (``schema/vocab``)
or ``case`` (a case's ``vocabulary:`` in case.yaml).

Examples
--------
>>> doc = describe_vocabulary(load_vocabulary())
>>> sorted(doc)
['confidence', 'entity_kinds', 'predicates', 'ratings', 'reliability', 'source_kinds', 'statuses']
>>> p = next(p for p in doc["predicates"] if p["id"] == "supplies")
>>> p["subject_kinds"], p["from"]
(['actor', 'place'], 'bundled')
>>> [(k["id"], k["depth"]) for k in doc["entity_kinds"]][:2]
[('actor', 0), ('facility', 1)]
>>> SECTIONS["kinds"]
'entity_kinds'
"""

from __future__ import annotations

from typing import Any

from .statuses import load_statuses
from .vocab import Vocabulary, load_vocabulary

__all__ = ["SECTIONS", "describe_vocabulary", "kind_tree"]

SECTIONS = {"kinds": "entity_kinds", "predicates": "predicates", "source-kinds": "source_kinds",
            "statuses": "statuses", "ratings": "ratings", "confidence": "confidence",
            "reliability": "reliability"}
"""The sections ``claimgraph vocab SECTION`` names -> the keys of :func:`describe_vocabulary`."""


def kind_tree(vocab: Vocabulary) -> list[tuple[int, str]]:
    """Every entity kind with its depth, parents before children, siblings by id."""
    children: dict[str | None, list[str]] = {}
    for k in vocab.entity_kinds.values():
        parent = k.parent if k.parent in vocab.entity_kinds else None
        children.setdefault(parent, []).append(k.id)
    out: list[tuple[int, str]] = []

    def walk(parent: str | None, depth: int) -> None:
        for kid in sorted(children.get(parent, [])):
            out.append((depth, kid))
            walk(kid, depth + 1)

    walk(None, 0)
    return out


def describe_vocabulary(vocab: Vocabulary) -> dict[str, Any]:
    """The vocabulary as plain data (sorted, JSON-ready). ``vocab`` is the bundled one or a
    case's (:meth:`Vocabulary.extend`); the entries it holds beyond the bundled vocabulary
    are marked ``"from": "case"``."""
    base = load_vocabulary()
    bundled_kinds, bundled_preds = set(base.entity_kinds), set(base.predicates)
    kinds = []
    for depth, kid in kind_tree(vocab):
        k = vocab.entity_kinds[kid]
        kinds.append({"id": k.id, "label": k.label, "parent": k.parent, "depth": depth,
                      "abstract": k.abstract, "description": k.description,
                      "group": vocab.kind_group(k.id),
                      "from": "bundled" if k.id in bundled_kinds else "case"})
    preds = [{"id": p.id, "label": p.label, "inverse_label": p.inverse_label,
              "denied_label": p.phrase("denied"), "description": p.description,
              "subject_kinds": list(p.subject_kinds), "object_kinds": list(p.object_kinds),
              "symmetric": p.symmetric, "stance": p.stance,
              "from": "bundled" if p.id in bundled_preds else "case"}
             for p in sorted(vocab.predicates.values(), key=lambda p: p.id)]
    statuses = load_statuses()
    return {
        "entity_kinds": kinds,
        "predicates": preds,
        "source_kinds": [{"id": s.id, "label": s.label, "primary": s.primary,
                          "description": s.description}
                         for s in sorted(vocab.source_kinds.values(), key=lambda s: s.id)],
        "statuses": [{"id": s.id, "kind": s.kind, "label": s.label,
                      "description": s.description, "rank": s.rank}
                     for s in statuses.statuses.values()],
        "ratings": [{"id": r.id, "label": r.label, "value": r.value,
                     "excluded_from_analytics": r.excluded_from_analytics}
                    for r in vocab.ratings.values()],
        "confidence": [{"id": t.id, "label": t.label, "alt_label": t.alt_label,
                        "range": list(t.range)} for t in vocab.likelihood.values()],
        "reliability": [{"id": g.id, "label": g.label, "description": g.description,
                         "weak": g.weak} for g in vocab.reliability.values()],
    }
