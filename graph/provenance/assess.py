"""Assess a validated case: origins, evidence status, language lint, contradictions and
numeric inconsistencies.

:func:`assess_case` is what the build pipeline runs after validation; its result is
written into the case's derived graph (:mod:`.rdf`).

Examples
--------
>>> import tempfile, pathlib
>>> from claimgraph.sources.validation import validate_case
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "case.yaml").write_text("id: demo\\ntitle: Demo\\n")
>>> _ = (d / "a.txt").write_text("Customs data reveal China reportedly sold 700 t.")
>>> _ = (d / "data.yaml").write_text('''entities:
...   - {id: cn, name: China, kind: state}
...   - {id: ru, name: Russia, kind: state}
... sources:
...   - {id: art, title: Article, kind: analysis, text: a.txt, cites: [customs]}
...   - {id: customs, title: Customs data, kind: customs_data}
... claims:
...   - {id: c1, text: China supplied Russia., subject: cn, predicate: supplies, object: ru,
...      evidence: [{source: art, quote: "China reportedly sold 700 t"}]}
... ''')
>>> a = assess_case(validate_case(d))
>>> c1 = a.claims["c1"]
>>> c1.status, c1.origins, c1.notes, [f.phrase for f in c1.hedges]
('single-origin', ('customs',), ('uncaptured-upstream',), ['reportedly'])
>>> c1.anchors[0].rests_on, c1.anchors[0].basis
('customs', 'inferred-relay')
>>> a.sources["customs"].dependants, a.sources["customs"].captured
(('art',), False)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from claimgraph.schema.models import Case, Claim
from claimgraph.schema.statuses import load_statuses
from claimgraph.schema.vocab import Vocabulary
from claimgraph.sources.anchoring import Anchor
from claimgraph.sources.lint import lint_text

from .contradictions import find_contradictions
from .independence import Origins, group_origins, quote_basis, trace_origins
from .model import (
    CaseAssessment,
    ClaimAssessment,
    ContradictionRef,
    EvidenceAnchor,
    Finding,
    SourceAssessment,
)
from .numeric import find_numeric_inconsistencies

if TYPE_CHECKING:
    from claimgraph.sources.validation import ValidationResult

__all__ = ["assess_case", "assess_models"]


def assess_case(result: ValidationResult) -> CaseAssessment:
    """Assess a case from what validation learnt (models, texts, anchors, vocabulary)."""
    case = result.case
    if case is None:
        return CaseAssessment("")
    # a quote-only source was read (its quotes carry the selectors of the text as read),
    # whether or not a copy of its text is on this machine
    return assess_models(case, result.anchors, result.vocab,
                         captured=set(result.texts) | result.quote_only)


def assess_models(case: Case, anchors: dict[tuple[str, int], Anchor],
                  vocab: Vocabulary, captured: set[str] | None = None) -> CaseAssessment:
    """Assess a case given as models plus the anchors of its quotes.

    ``captured`` are the ids of sources whose text was read (default: sources with a
    ``text:`` path).
    """
    cap = captured if captured is not None else {s.id for s in case.sources if s.captured}
    sources = {s.id: s for s in case.sources}
    origins = trace_origins({s.id: s.cites for s in case.sources})
    weak_grades = {g.id for g in vocab.reliability.values() if g.weak}
    weak = {s.id for s in case.sources if s.reliability in weak_grades}

    def origin_captured(o: str) -> bool:
        return any(m in cap for m in origins.groups.get(o, (o,)))

    contradictions: dict[str, list[ContradictionRef]] = defaultdict(list)
    for x in find_contradictions(case.claims, vocab, case.entities):
        contradictions[x.a].append(ContradictionRef(x.b, x.kind, x.detail))
        contradictions[x.b].append(ContradictionRef(x.a, x.kind, x.detail))

    claims = {}
    for c in case.claims:
        claims[c.id] = _assess_claim(c, anchors, vocab, origins, cap, weak, origin_captured,
                                     tuple(sorted(contradictions.get(c.id, ()))))
    out_sources = {}
    for sid in sources:
        cyc = origins.cycle_of(sid) or ()
        out_sources[sid] = SourceAssessment(
            sid, sid in cap, origins.roots.get(sid, (sid,)), origins.dependants.get(sid, ()),
            cyc, sid in weak)
    return CaseAssessment(case.meta.id, claims, out_sources,
                          tuple(find_numeric_inconsistencies(case.claims)))


def _assess_claim(c: Claim, anchors: dict[tuple[str, int], Anchor], vocab: Vocabulary,
                  origins: Origins, captured: set[str], weak: set[str],
                  origin_captured: Callable[[str], bool],
                  contradictions: tuple[ContradictionRef, ...]) -> ClaimAssessment:
    ev_anchors = []
    findings = [Finding(h.kind, h.phrase, "text", h.start, h.end, h.implies)
                for h in lint_text(c.text, vocab)]
    # One entry per supporting quote: (what it rests on, its roots, checkable?).
    items: list[tuple[str, frozenset[str], bool]] = []
    weak_count = uncaptured_upstream = 0
    for i, ev in enumerate(c.evidence):
        a = anchors.get((c.id, i))
        status = a.status if a is not None else (
            "not_captured" if ev.source not in captured else "unchecked")
        start, end = (a.start, a.end) if a is not None else (None, None)
        findings.extend(Finding(h.kind, h.phrase, f"evidence/{i}", h.start, h.end, h.implies)
                        for h in lint_text(ev.quote, vocab))
        if ev.relation != "supports":
            ev_anchors.append(EvidenceAnchor(i, ev.source, ev.relation, status, start, end))
            continue
        basis = quote_basis(origins, ev.source, relays=ev.relays,
                            attributed_to=ev.attributed_to, claimant=c.claimant)
        ea = EvidenceAnchor(i, ev.source, ev.relation, status, start, end,
                            basis.rests_on, basis.rule)
        ev_anchors.append(ea)
        # checkable: its words were found in its captured document, whatever it rests on —
        # so saying where a quote comes from never takes checkability away (monotone)
        items.append((basis.rests_on, basis.roots, ea.anchored and ev.source in captured))
        weak_count += len(basis.relies_on & weak)
        if basis.upstream and not origin_captured(basis.rests_on):
            uncaptured_upstream += 1
    all_origins, checkable = group_origins(items)
    facts = {
        "supporting_evidence": sum(ev.relation == "supports" for ev in c.evidence),
        "refuting_evidence": sum(ev.relation == "refutes" for ev in c.evidence),
        "contradictions": len(contradictions),
        "unanchored_quotes": sum(a.status == "not_found" for a in ev_anchors),
        "origins": len(all_origins),
        "checkable_origins": len(checkable),
        "weak_sources": weak_count,
        "uncaptured_upstream": uncaptured_upstream,
    }
    decided, support, notes = load_statuses().classify(facts)
    return ClaimAssessment(c.id, decided, support, tuple(sorted(all_origins)),
                           tuple(sorted(checkable)), tuple(ev_anchors),
                           tuple(sorted(findings, key=lambda f: (f.where, f.start, f.kind))),
                           contradictions, tuple(sorted(notes)))
