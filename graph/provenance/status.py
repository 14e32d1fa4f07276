"""Evidence status of a claim, decided by the rules in ``schema/vocab/evidence_status.yaml``.

The code computes a claim's *facts* (counts: supporting and refuting evidence,
contradictions, unanchored quotes, origins, checkable origins, weak sources); the data file
lists the statuses in order of precedence, each with the condition on those facts under
which it applies. The first status whose condition holds wins.

Examples
--------
>>> rules = status_rules()
>>> [r.id for r in rules]
['contested', 'unanchored', 'unsourced', 'corroborated', 'single-origin']
>>> facts = dict(supporting_evidence=3, refuting_evidence=0, contradictions=0,
...              unanchored_quotes=0, origins=1, checkable_origins=1, weak_sources=0)
>>> decide(facts)
'single-origin'
>>> decide({**facts, "checkable_origins": 2, "origins": 2})
'corroborated'
>>> decide({**facts, "checkable_origins": 0})
'unsourced'
>>> decide({**facts, "contradictions": 1})
'contested'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import yaml

from claimgraph.errors import VocabularyError
from claimgraph.schema.vocab import vocab_text

__all__ = ["FACTS", "StatusRule", "decide", "status_ids", "status_rules", "support_level"]

FACTS = ("supporting_evidence", "refuting_evidence", "contradictions", "unanchored_quotes",
         "origins", "checkable_origins", "weak_sources")
_OPS = {"min": lambda v, n: v >= n, "max": lambda v, n: v <= n, "eq": lambda v, n: v == n}


@dataclass(frozen=True)
class StatusRule:
    """One evidence status and the condition under which it applies."""

    id: str
    label: str
    description: str
    when: Any  # "always" | {"all"|"any": [{"fact": name, op: number}]}
    kind: str = "support"  # "flag" | "support"

    def holds(self, facts: Mapping[str, int]) -> bool:
        """True when this status applies to a claim with these facts."""
        if self.when == "always":
            return True
        (combine, conds), = self.when.items()
        results = (_condition(c, facts) for c in conds)
        return all(results) if combine == "all" else any(results)


def _condition(cond: Mapping[str, Any], facts: Mapping[str, int]) -> bool:
    value = facts[cond["fact"]]
    return all(_OPS[op](value, n) for op, n in cond.items() if op != "fact")


def _check(rule: StatusRule) -> None:
    where = f"schema/vocab/evidence_status.yaml: status {rule.id!r}"
    if rule.when == "always":
        return
    if not isinstance(rule.when, dict) or len(rule.when) != 1 or \
            next(iter(rule.when)) not in ("all", "any"):
        raise VocabularyError(f"{where}: `when:` must be `always`, {{all: [...]}} or "
                              "{any: [...]}")
    for cond in next(iter(rule.when.values())):
        if cond.get("fact") not in FACTS:
            raise VocabularyError(f"{where}: unknown fact {cond.get('fact')!r}",
                                  hint="known facts: " + ", ".join(FACTS))
        bad = set(cond) - {"fact", *_OPS}
        if bad:
            raise VocabularyError(f"{where}: unknown operator {sorted(bad)[0]!r}",
                                  hint="use min, max or eq")


@cache
def status_rules() -> tuple[StatusRule, ...]:
    """The statuses in order of precedence, checked when loaded."""
    data = yaml.safe_load(vocab_text("evidence_status.yaml")) or {}
    rules = tuple(StatusRule(str(s["id"]), str(s["label"]), " ".join(str(s["description"]).split()),
                             s["when"], str(s.get("kind", "support")))
                  for s in data.get("statuses") or [])
    for r in rules:
        _check(r)
        if r.kind not in ("flag", "support"):
            raise VocabularyError(f"schema/vocab/evidence_status.yaml: status {r.id!r}: "
                                  f"unknown kind {r.kind!r}", hint="use flag or support")
    if not rules or rules[-1].when != "always":
        raise VocabularyError("schema/vocab/evidence_status.yaml: the last status must have "
                              "`when: always`", hint="so that every claim gets a status")
    return rules


def status_ids() -> tuple[str, ...]:
    """Status ids in order of precedence."""
    return tuple(r.id for r in status_rules())


def decide(facts: Mapping[str, int]) -> str:
    """The status of a claim with these facts: the first rule that holds."""
    return _decide(tuple(facts[f] for f in FACTS), False)


@lru_cache(maxsize=4096)
def _decide(values: tuple[int, ...], support_only: bool) -> str:
    facts = dict(zip(FACTS, values, strict=True))
    for rule in status_rules():
        if (not support_only or rule.kind == "support") and rule.holds(facts):
            return rule.id
    raise AssertionError("unreachable: the last rule always holds")  # pragma: no cover


def support_level(facts: Mapping[str, int]) -> str:
    """The first ``support`` status that holds, ignoring flags (contested, unanchored).

    >>> support_level(dict(supporting_evidence=1, refuting_evidence=1, contradictions=0,
    ...                    unanchored_quotes=0, origins=1, checkable_origins=0, weak_sources=0))
    'unsourced'
    """
    return _decide(tuple(facts[f] for f in FACTS), True)
