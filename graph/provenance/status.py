"""Evidence status of a claim, decided by the rules of the status vocabulary.

The code computes a claim's *facts* (counts: supporting and refuting evidence,
contradictions, unanchored quotes, origins, checkable origins, weak sources); the status
vocabulary (:mod:`claimgraph.schema.statuses`, ``schema/vocab/evidence_status.yaml``) lists
the decided statuses in order of precedence, each with the condition on those facts under
which it applies. The first status whose condition holds wins.

Examples
--------
>>> [r.id for r in status_rules()]
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

from claimgraph.schema.statuses import FACTS, Status, load_statuses

__all__ = ["FACTS", "decide", "notes_for", "status_ids", "status_rules", "support_level"]


def status_rules() -> tuple[Status, ...]:
    """The decided statuses in order of precedence."""
    return load_statuses().rules


def status_ids() -> tuple[str, ...]:
    """Decided status ids in order of precedence."""
    return tuple(r.id for r in status_rules())


def decide(facts: dict[str, int]) -> str:
    """The status of a claim with these facts: the first rule that holds."""
    return load_statuses().decide(facts)


def support_level(facts: dict[str, int]) -> str:
    """The first ``support`` status that holds, ignoring flags (contested, unanchored).

    >>> support_level(dict(supporting_evidence=1, refuting_evidence=1, contradictions=0,
    ...                    unanchored_quotes=0, origins=1, checkable_origins=0, weak_sources=0))
    'unsourced'
    """
    return load_statuses().support_level(facts)


def notes_for(facts: dict[str, int]) -> tuple[str, ...]:
    """The notes shown beside the status of a claim with these facts (never changing it).

    >>> notes_for(dict(supporting_evidence=1, checkable_origins=1, uncaptured_upstream=1))
    ('uncaptured-upstream',)
    """
    return load_statuses().notes_for(facts)
