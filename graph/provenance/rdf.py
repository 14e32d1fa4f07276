"""Write a :class:`CaseAssessment` into a case's derived graph and read it back.

Per claim: ``cg:evidenceStatus``, ``cg:supportLevel``, ``cg:evidenceNote`` (each note
beside the status), ``cg:independentOrigin`` / ``cg:checkableOrigin``
(source IRIs), a ``cg:LanguageFinding`` node per hedge or vague attribution
(``cg:finding``) and a ``cg:Contradiction`` node per contradiction (``cg:contradiction``);
a ``cg:NumericInconsistency`` node per numeric inconsistency (``cg:numericInconsistency``
from both claims, ``cg:foundIn`` the texts and quotes that say it).
Per evidence item: ``cg:anchorStatus``, ``cg:startOffset``/``cg:endOffset``, ``cg:relation``,
for a supporting quote ``cg:restsOn`` (the source it reports) and ``cg:basisRule`` (why),
and ``prov:wasQuotedFrom`` (repeated from the data graph so the derived graph stands on
its own). Per source: ``cg:captured``, ``cg:rootOrigin``, ``cg:dependant``,
``cg:circularWith``, ``cg:weakSource``. Everything is written as N-Quads text in one pass
(no rdflib objects), sorted, so two builds of the same case give the same bytes.

Examples
--------
>>> from claimgraph.graph.provenance.model import CaseAssessment, ClaimAssessment
>>> a = CaseAssessment("demo", {"c1": ClaimAssessment("c1", "contested", "unsourced")})
>>> print(assessment_to_nquads(a, "demo", "urn:g"), end="")
<https://w3id.org/claimgraph/case/demo/claim/c1> <https://w3id.org/claimgraph/ns#evidenceStatus> "contested" <urn:g> .
<https://w3id.org/claimgraph/case/demo/claim/c1> <https://w3id.org/claimgraph/ns#supportLevel> "unsourced" <urn:g> .
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from claimgraph.graph.iris import (
    claim_iri,
    concept_iri,
    evidence_iri,
    local_id,
    parse_iri,
    source_iri,
)
from claimgraph.graph.namespace import CG, PROV, RDF, RDFS, SPARQL_PREFIXES
from claimgraph.graph.nquads import iri, lit, quad
from claimgraph.graph.rdfterms import Terms, paused_gc
from claimgraph.sources.comparatives import RatioInterval

from .model import (
    CaseAssessment,
    ClaimAssessment,
    ContradictionRef,
    EvidenceAnchor,
    Finding,
    SourceAssessment,
)
from .numeric import NumericInconsistency, PhraseSite

if TYPE_CHECKING:
    from claimgraph.graph.store.base import Store

__all__ = ["assessment_chunks", "assessment_lines", "assessment_to_nquads", "read_assessment"]

_cg = Terms(CG, nquads=True)
_TYPE = Terms(RDF, nquads=True).type
_QUOTED = Terms(PROV, nquads=True).wasQuotedFrom
_COMMENT = Terms(RDFS, nquads=True).comment


def assessment_to_nquads(assessment: CaseAssessment, case_id: str, graph: str) -> str:
    """The assessment as sorted N-Quads lines in the named graph ``graph``."""
    return "".join(assessment_lines(assessment, case_id, graph))


def assessment_lines(assessment: CaseAssessment, case_id: str, graph: str) -> list[str]:
    """The N-Quads lines of :func:`assessment_to_nquads`, sorted, as a list."""
    out = [line for chunk in assessment_chunks(assessment, case_id, graph) for line in chunk]
    out.sort()
    return out


def assessment_chunks(assessment: CaseAssessment, case_id: str, graph: str,
                      size: int = 50_000) -> Iterator[list[str]]:
    """The N-Quads lines of the assessment, unsorted, about ``size`` at a time (a big
    build writes each slice to its file as it comes: at a million claims all the lines
    together are ~2 GB of strings)."""
    g = iri(graph)
    out: list[str] = []
    add = out.append
    for c in assessment.claims.values():
        if len(out) >= size:
            yield out
            out = []
            add = out.append
        ci = claim_iri(case_id, c.id)
        s = iri(ci)
        add(quad(s, _cg.evidenceStatus, lit(c.status), g))
        add(quad(s, _cg.supportLevel, lit(c.support), g))
        for note in c.notes:
            add(quad(s, _cg.evidenceNote, lit(note), g))
        for o in c.origins:
            add(quad(s, _cg.independentOrigin, iri(source_iri(case_id, o)), g))
        for o in c.checkable_origins:
            add(quad(s, _cg.checkableOrigin, iri(source_iri(case_id, o)), g))
        for a in c.anchors:
            e = iri(evidence_iri(case_id, c.id, a.index))
            add(quad(e, _cg.anchorStatus, lit(a.status), g))
            add(quad(e, _cg.relation, lit(a.relation), g))
            add(quad(e, _QUOTED, iri(source_iri(case_id, a.source)), g))
            if a.start is not None and a.end is not None:
                add(quad(e, _cg.startOffset, lit(a.start), g))
                add(quad(e, _cg.endOffset, lit(a.end), g))
            if a.rests_on is not None:
                add(quad(e, _cg.restsOn, iri(source_iri(case_id, a.rests_on)), g))
            if a.basis is not None:
                add(quad(e, _cg.basisRule, lit(a.basis), g))
        for k, f in enumerate(c.findings):
            n = iri(f"{ci}/finding/{k}")
            add(quad(s, _cg.finding, n, g))
            add(quad(n, _TYPE, _cg.LanguageFinding, g))
            add(quad(n, _cg.findingKind, lit(f.kind), g))
            add(quad(n, _cg.phrase, lit(f.phrase), g))
            where = ci if f.where == "text" else evidence_iri(case_id, c.id,
                                                              int(f.where.split("/")[1]))
            add(quad(n, _cg.foundIn, iri(where), g))
            add(quad(n, _cg.startOffset, lit(f.start), g))
            add(quad(n, _cg.endOffset, lit(f.end), g))
            if f.implies:
                add(quad(n, _cg.impliesLikelihood, iri(concept_iri("likelihood", f.implies)), g))
        for k, x in enumerate(c.contradictions):
            n = iri(f"{ci}/contradiction/{k}")
            add(quad(s, _cg.contradiction, n, g))
            add(quad(n, _TYPE, _cg.Contradiction, g))
            add(quad(n, _cg.otherClaim, iri(claim_iri(case_id, x.other)), g))
            add(quad(n, _cg.contradictionKind, lit(x.kind), g))
            if x.detail:
                add(quad(n, _COMMENT, lit(x.detail), g))
    _numeric_quads(assessment, case_id, g, add)
    for src in assessment.sources.values():
        s = iri(source_iri(case_id, src.id))
        add(quad(s, _cg.captured, lit(src.captured), g))
        add(quad(s, _cg.weakSource, lit(src.weak), g))
        for r in src.roots:
            add(quad(s, _cg.rootOrigin, iri(source_iri(case_id, r)), g))
        for d in src.dependants:
            add(quad(s, _cg.dependant, iri(source_iri(case_id, d)), g))
        for m in src.cycle:
            if m != src.id:
                add(quad(s, _cg.circularWith, iri(source_iri(case_id, m)), g))
    yield out


def _site_iri(case_id: str, site: PhraseSite) -> str:
    if site.where == "text":
        return claim_iri(case_id, site.claim)
    return evidence_iri(case_id, site.claim, int(site.where.split("/")[1]))


def _numeric_quads(assessment: CaseAssessment, case_id: str, g: str,
                   add: Callable[[str], None]) -> None:
    for k, f in enumerate(assessment.numeric):
        n = iri(f"{claim_iri(case_id, f.later)}/numeric/{k}")
        a, b = iri(claim_iri(case_id, f.earlier)), iri(claim_iri(case_id, f.later))
        add(quad(a, _cg.numericInconsistency, n, g))
        add(quad(b, _cg.numericInconsistency, n, g))
        add(quad(n, _TYPE, _cg.NumericInconsistency, g))
        add(quad(n, _cg.earlierClaim, a, g))
        add(quad(n, _cg.laterClaim, b, g))
        add(quad(n, _cg.phrase, lit(f.phrase), g))
        add(quad(n, _cg.expectedRatio, lit(f.expected.notation()), g))
        add(quad(n, _cg.actualRatio, lit(f.actual.notation()), g))
        if f.detail:
            add(quad(n, _COMMENT, lit(f.detail), g))
        for site in f.sites:
            add(quad(n, _cg.foundIn, iri(_site_iri(case_id, site)), g))


def _scope(store: Store, case_id: str) -> Callable[[str, str], str]:
    """``sel(head, pattern)``: the query ``head WHERE { pattern }``, with the pattern in
    ``GRAPH <derived>`` when the case has a derived graph (it holds everything read here,
    and matching in one graph beats matching in the union of the case's graphs);
    otherwise on the union (an imported file)."""
    derived = store.case_info(case_id).graphs.derived
    prefixes = SPARQL_PREFIXES
    if not derived:
        return lambda head, pattern: f"{prefixes}{head} WHERE {{ {pattern} }}"
    return lambda head, pattern: f"{prefixes}{head} WHERE {{ GRAPH <{derived}> {{ {pattern} }} }}"


def read_assessment(store: Store, case_id: str) -> CaseAssessment:
    """The assessment of a built case, read from its derived graph in seven queries."""
    with paused_gc():  # hundreds of thousands of small acyclic objects
        return _read_assessment(store, case_id)


def _read_assessment(store: Store, case_id: str) -> CaseAssessment:
    sel = _scope(store, case_id)
    rows = store.query(sel("SELECT DISTINCT ?c ?st ?sl",
        "?c cg:evidenceStatus ?st OPTIONAL { ?c cg:supportLevel ?sl }"), case=case_id)
    status = {local_id(r["c"] or ""): (r["st"] or "", r["sl"] or "") for r in rows}
    origins: dict[str, set[str]] = defaultdict(set)
    checkable: dict[str, set[str]] = defaultdict(set)
    notes: dict[str, set[str]] = defaultdict(set)
    for r in store.query(sel("SELECT DISTINCT ?c ?o ?k",
            """{ ?c cg:independentOrigin ?o BIND("i" AS ?k) }
            UNION { ?c cg:checkableOrigin ?o BIND("c" AS ?k) }
            UNION { ?c cg:evidenceNote ?o BIND("n" AS ?k) }"""), case=case_id):
        if r["k"] == "n":
            notes[local_id(r["c"] or "")].add(r["o"] or "")
            continue
        target = origins if r["k"] == "i" else checkable
        target[local_id(r["c"] or "")].add(local_id(r["o"] or ""))
    anchors: dict[str, set[EvidenceAnchor]] = defaultdict(set)
    for r in store.query(sel("SELECT DISTINCT ?e ?st ?rel ?src ?s ?t ?on ?why",
            # subqueries: hash joins, not one index lookup per row and pattern
            """{ SELECT ?e ?st WHERE { ?e cg:anchorStatus ?st } }
            { SELECT ?e ?rel WHERE { ?e cg:relation ?rel } }
            { SELECT ?e ?src WHERE { ?e prov:wasQuotedFrom ?src } }
            OPTIONAL { SELECT ?e ?s ?t WHERE { ?e cg:startOffset ?s ; cg:endOffset ?t } }
            OPTIONAL { SELECT ?e ?on ?why WHERE { ?e cg:restsOn ?on ; cg:basisRule ?why } }"""),
            case=case_id):
        parts = parse_iri(r["e"] or "")
        if parts is None or parts.case_id != case_id or len(parts.rest) != 2:
            continue
        anchors[parts.id].add(EvidenceAnchor(
            int(parts.rest[1]), local_id(r["src"] or ""), r["rel"] or "", r["st"] or "",
            int(r["s"]) if r["s"] is not None else None,
            int(r["t"]) if r["t"] is not None else None,
            local_id(r["on"]) if r["on"] else None, r["why"] or None))
    findings: dict[str, set[Finding]] = defaultdict(set)
    for r in store.query(sel("SELECT DISTINCT ?c ?k ?ph ?w ?s ?t ?imp",
            """?c cg:finding ?n . ?n cg:findingKind ?k ; cg:phrase ?ph ; cg:foundIn ?w ;
               cg:startOffset ?s ; cg:endOffset ?t .
            OPTIONAL { ?n cg:impliesLikelihood ?imp }"""), case=case_id):
        cid = local_id(r["c"] or "")
        w = parse_iri(r["w"] or "")
        where = f"evidence/{w.rest[1]}" if w is not None and len(w.rest) == 2 else "text"
        findings[cid].add(Finding(r["k"] or "", r["ph"] or "", where, int(r["s"] or 0),
                                  int(r["t"] or 0),
                                  local_id(r["imp"]) if r["imp"] else None))
    contra: dict[str, set[ContradictionRef]] = defaultdict(set)
    for r in store.query(sel("SELECT DISTINCT ?c ?o ?k ?d",
            """?c cg:contradiction ?n . ?n cg:otherClaim ?o ; cg:contradictionKind ?k .
            OPTIONAL { ?n rdfs:comment ?d }"""), case=case_id):
        contra[local_id(r["c"] or "")].add(
            ContradictionRef(local_id(r["o"] or ""), r["k"] or "", r["d"] or ""))
    claims = {
        cid: ClaimAssessment(
            cid, st, sl, tuple(sorted(origins[cid])), tuple(sorted(checkable[cid])),
            tuple(sorted(anchors[cid])),
            tuple(sorted(findings[cid], key=lambda f: (f.where, f.start, f.kind))),
            tuple(sorted(contra[cid])), tuple(sorted(notes[cid])))
        for cid, (st, sl) in status.items()
    }
    return CaseAssessment(case_id, claims, _read_sources(store, case_id, sel),
                          _read_numeric(store, case_id, sel))


def _read_numeric(store: Store, case_id: str,
                  sel: Callable[[str, str], str]) -> tuple[NumericInconsistency, ...]:
    rows = store.query(sel("SELECT DISTINCT ?n ?a ?b ?ph ?exp ?act ?d ?w",
            """?n a cg:NumericInconsistency ; cg:earlierClaim ?a ; cg:laterClaim ?b ;
               cg:phrase ?ph ; cg:expectedRatio ?exp ; cg:actualRatio ?act .
            OPTIONAL { ?n rdfs:comment ?d } OPTIONAL { ?n cg:foundIn ?w }"""), case=case_id)
    if not rows:
        return ()
    sites = sorted({r["w"] for r in rows if r["w"]})
    texts: dict[str, str] = {}
    if sites:  # the quote or claim text each phrase was found in, from the data graph
        values = " ".join(f"<{w}>" for w in sites)
        for r in store.query(f"""{SPARQL_PREFIXES}SELECT ?w ?t WHERE {{
                VALUES ?w {{ {values} }} {{ ?w cg:quote ?t }} UNION {{ ?w schema:text ?t }}
                }}""", case=case_id):
            texts[r["w"] or ""] = r["t"] or ""
    head: dict[str, tuple[str, str, str, str, str, str]] = {}
    where: dict[str, set[PhraseSite]] = defaultdict(set)
    for r in rows:
        n = r["n"] or ""
        head[n] = (local_id(r["a"] or ""), local_id(r["b"] or ""), r["ph"] or "",
                   r["exp"] or "", r["act"] or "", r["d"] or "")
        w = parse_iri(r["w"] or "")
        if w is not None:
            at = f"evidence/{w.rest[1]}" if len(w.rest) == 2 else "text"
            where[n].add(PhraseSite(w.id, at, texts.get(r["w"] or "", "")))
    return tuple(sorted(
        NumericInconsistency(a, b, ph, RatioInterval.parse(exp), RatioInterval.parse(act),
                             tuple(sorted(where[n])), d)
        for n, (a, b, ph, exp, act, d) in head.items()))


def _read_sources(store: Store, case_id: str,
                  sel: Callable[[str, str], str]) -> dict[str, SourceAssessment]:
    rows = store.query(sel("SELECT DISTINCT ?s ?cap ?weak ?p ?o",
            """?s cg:captured ?cap ; cg:weakSource ?weak .
            OPTIONAL { VALUES ?p { cg:rootOrigin cg:dependant cg:circularWith } ?s ?p ?o }"""),
                       case=case_id)
    base: dict[str, tuple[bool, bool]] = {}
    rel: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        sid = local_id(r["s"] or "")
        base[sid] = (r["cap"] in ("true", "1"), r["weak"] in ("true", "1"))
        if r["p"] and r["o"]:
            rel[(sid, local_id(r["p"]).rsplit("#", 1)[-1])].add(local_id(r["o"]))
    out = {}
    for sid, (cap, weak) in base.items():
        cyc = rel[(sid, "circularWith")]
        out[sid] = SourceAssessment(
            sid, cap, tuple(sorted(rel[(sid, "rootOrigin")])),
            tuple(sorted(rel[(sid, "dependant")])),
            tuple(sorted(cyc | {sid})) if cyc else (), weak)
    return out
