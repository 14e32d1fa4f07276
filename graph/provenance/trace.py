"""``trace``: where one claim comes from, read from the store with a few targeted queries.

Claim -> evidence (relation, quote in its source context, anchor status; who said it: the
speaker it is ``attributed_to``, the source it ``relays`` and what it rests on, read as
"Lin Jian, via MFA statement (not captured), quoted in <article>") -> sources (kind,
publisher, dates, reliability, hash, captured or referred-only) -> the sources they cite,
recursively; plus the claim's evidence status and the notes beside it, independent
origins, language findings, contradictions, the claims it challenges or is challenged by,
and its verdict. Every query names the claim's IRI, so the cost does
not grow with the store (a few milliseconds on a 100,000-claim store).

Examples
--------
>>> from claimgraph.graph.store import open_store
>>> store = open_store(":memory:")
>>> find_claims(store, "nothing here")
[]
>>> quote_reading("Article", speaker="Lin Jian", via="MFA statement", via_captured=False)
'Lin Jian, via MFA statement (not captured), quoted in Article'
>>> quote_reading("Article")
'Article (its own word)'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimgraph.errors import NotFoundError
from claimgraph.graph.iris import claim_iri, local_id, parse_iri
from claimgraph.graph.namespace import SPARQL_PREFIXES
from claimgraph.graph.nquads import lit
from claimgraph.schema.vocab import load_vocabulary

if TYPE_CHECKING:
    from claimgraph.graph.store.base import Store

__all__ = ["CONTEXT_CHARS", "ClaimMatch", "find_claims", "quote_reading", "trace_claim"]

CONTEXT_CHARS = 80
"""Characters of source text shown on each side of a quote."""

PREFIXES = SPARQL_PREFIXES
"""The prefix block of the queries here (the one of :mod:`claimgraph.graph.namespace`)."""


@dataclass(frozen=True, order=True)
class ClaimMatch:
    """A claim found by id or by words: its case, id and text (and how well it matched the
    words: 1.0 for every word as written; None when found by id)."""

    case: str
    id: str
    text: str
    score: float | None = field(default=None, compare=False)


def find_claims(store: Store, ref: str, *, case: str | None = None,
                limit: int = 50) -> list[ClaimMatch]:
    """The claim whose id is ``ref``; failing that, the claims whose text holds every word
    of ``ref`` as written (case-insensitive; one query, stopping at ``limit``); failing
    that, the claims the word search of :func:`~.claimlist.list_claims` finds — any word
    form, synonyms, prefixes, typos — best first, at most ``limit`` (when exactly one
    holds every word as written, only that one)."""
    from .claimlist import list_claims

    rows = store.query(PREFIXES + f"""SELECT DISTINCT ?c ?t WHERE {{
        ?c dcterms:identifier {lit(ref)} ; a cg:Claim ; schema:text ?t }}""", case=case)
    if not rows:
        words = [w.lower() for w in ref.split() if w.strip()]
        if not words:
            return []
        cond = " && ".join(f"CONTAINS(LCASE(?t), {lit(w)})" for w in words)
        rows = store.query(PREFIXES + f"""SELECT DISTINCT ?c ?t WHERE {{
            ?c a cg:Claim ; schema:text ?t . FILTER({cond}) }}
            LIMIT {int(limit)}""", case=case)
    found = sorted(ClaimMatch(p.case_id, p.id, r["t"] or "") for r in rows
                   if (p := parse_iri(r["c"] or "")) is not None and p.kind == "claim")
    if found:
        return found
    found = [ClaimMatch(r.case, r.id, r.text, r.score) for r in list_claims(store, case,
                                                                               search=ref)]
    exact = [m for m in found if m.score == 1.0]
    return exact if len(exact) == 1 else found[:limit]


def quote_reading(document: str, *, speaker: str | None = None, via: str | None = None,
                  via_captured: bool | None = None, inferred: bool = False) -> str:
    """Who said a quote, in words: the speaker, the source relayed (captured or not; a
    relay ``inferred`` from the document's citations), the document it is quoted in.

    >>> quote_reading("Article", via="Customs data", via_captured=False, inferred=True)
    'Customs data (not captured; relay inferred: the document cites only it), quoted in Article'
    >>> quote_reading("Article", speaker="Lin Jian")
    'Lin Jian, quoted in Article'
    """
    parts = []
    if speaker and speaker != via:
        parts.append(speaker)
    if via:
        flags = [] if via_captured else ["not captured"]
        if inferred:
            flags.append("relay inferred: the document cites only it")
        text = via + (f" ({'; '.join(flags)})" if flags else "")
        parts.append(f"via {text}" if parts else text)
    if not parts:
        return f"{document} (its own word)"
    return f"{', '.join(parts)}, quoted in {document}"


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _id(value: str | None) -> str | None:
    return local_id(value) if value else None


def trace_claim(store: Store, case_id: str, claim_id: str) -> dict[str, Any]:
    """Everything ``claimgraph trace`` shows about one claim, as plain data.

    Raises :class:`NotFoundError` when the case holds no such claim.
    """
    c = f"<{claim_iri(case_id, claim_id)}>"
    rows = store.query(PREFIXES + f"""SELECT ?text ?s ?sname ?p ?o ?oname ?pol ?conf ?item
        ?iname ?time ?qv ?qu ?qa ?qb ?cl ?clname ?status ?support WHERE {{
        {c} schema:text ?text ; cg:subject ?s ; cg:predicate ?p ; cg:object ?o ;
            cg:polarity ?pol .
        OPTIONAL {{ {c} cg:subject/schema:name ?sname }}
        OPTIONAL {{ {c} cg:object/schema:name ?oname }}
        OPTIONAL {{ {c} cg:confidence ?conf }}
        OPTIONAL {{ {c} cg:item ?item }}
        OPTIONAL {{ {c} cg:item/schema:name ?iname }}
        OPTIONAL {{ {c} cg:time ?time }}
        OPTIONAL {{ {c} cg:quantity/schema:value ?qv }}
        OPTIONAL {{ {c} cg:quantity/schema:unitText ?qu }}
        OPTIONAL {{ {c} cg:quantity/cg:approximate ?qa }}
        OPTIONAL {{ {c} cg:quantity/cg:bound ?qb }}
        OPTIONAL {{ {c} prov:wasAttributedTo ?cl }}
        OPTIONAL {{ {c} prov:wasAttributedTo/schema:name ?clname }}
        OPTIONAL {{ {c} cg:evidenceStatus ?status }}
        OPTIONAL {{ {c} cg:supportLevel ?support }}
        }} LIMIT 1""", case=case_id)
    if not rows:
        raise NotFoundError(f"no claim '{claim_id}' in case '{case_id}'",
                            hint="find it by words: `claimgraph trace \"words of its text\"`")
    r = rows[0]
    claimant = None
    if r["cl"]:
        parts = parse_iri(r["cl"])
        claimant = {"id": local_id(r["cl"]), "name": r["clname"],
                    "type": parts.kind if parts else "entity"}
    quantity = None
    if r["qv"] is not None:
        quantity = {"value": float(r["qv"]) if "." in r["qv"] or "e" in r["qv"].lower()
                    else int(r["qv"]), "unit": r["qu"],
                    "approx": r["qa"] == "true", "bound": r["qb"]}
    out: dict[str, Any] = {
        "case": case_id, "id": claim_id, "text": r["text"],
        "subject": {"id": _id(r["s"]), "name": r["sname"]},
        "predicate": _id(r["p"]),
        "object": {"id": _id(r["o"]), "name": r["oname"]},
        "item": {"id": _id(r["item"]), "name": r["iname"]} if r["item"] else None,
        "quantity": quantity, "time": r["time"], "polarity": r["pol"],
        "confidence": _id(r["conf"]), "claimant": claimant, "status": r["status"],
        "support": r["support"],
    }
    out["evidence"] = _evidence(store, case_id, c)
    out["sources"] = _sources(store, case_id, c)
    _who_said_it(out["evidence"], out["sources"])
    out.update(_assessment(store, case_id, c))
    out.update(_links(store, case_id, c))
    return out


def _who_said_it(evidence: list[dict[str, Any]], sources: dict[str, dict[str, Any]]) -> None:
    """Per quote: whether what it relays was captured, and the reading of who said it."""
    for ev in evidence:
        doc = sources.get(ev["source"], {})
        relays = sources.get(ev["relays"] or "", {})
        ev["relays_captured"] = relays.get("captured") if ev["relays"] else None
        on = ev["rests_on"]
        via = sources.get(on or "", {}) if on and on != ev["source"] else None
        ev["rests_on_captured"] = sources.get(on or "", {}).get("captured") if on else None
        speaker = ev["attributed_to"]
        ev["reading"] = quote_reading(
            doc.get("title") or ev["source"],
            speaker=(speaker.get("name") or speaker["id"]) if speaker else None,
            via=((via.get("title") or on) if via is not None else None),
            via_captured=via.get("captured") if via is not None else None,
            inferred=ev["basis"] == "inferred-relay")


def _links(store: Store, case_id: str, c: str) -> dict[str, Any]:
    """The claims this one challenges and is challenged by (both sides), its verdict."""
    rows = store.query(PREFIXES + f"""SELECT DISTINCT ?what ?o ?t ?r WHERE {{
        {{ {c} cg:challengesClaim ?o BIND("challenges" AS ?what)
           OPTIONAL {{ ?o schema:text ?t }} }}
        UNION {{ ?o cg:challengesClaim {c} BIND("challenged_by" AS ?what)
                 OPTIONAL {{ ?o schema:text ?t }} }}
        UNION {{ {c} cg:verdict ?v . ?v cg:rating ?r BIND("verdict" AS ?what) }} }}""",
                       case=case_id)
    out: dict[str, Any] = {"challenges": [], "challenged_by": [], "verdict": None}
    for r in rows:
        if r["what"] == "verdict":
            rid = _id(r["r"]) or ""
            known = load_vocabulary().ratings.get(rid)
            out["verdict"] = {"rating": rid, "label": known.label if known else rid,
                              "excluded_from_analytics": bool(
                                  known and known.excluded_from_analytics)}
        elif r["o"]:
            out[r["what"] or ""].append({"id": _id(r["o"]), "text": r["t"]})
    for k in ("challenges", "challenged_by"):
        out[k].sort(key=lambda x: x["id"] or "")
    return out


def _evidence(store: Store, case_id: str, c: str) -> list[dict[str, Any]]:
    # every OPTIONAL names the claim: an engine that evaluates the optional part on its
    # own (hash join) then only sees this claim's evidence, never the whole store
    rows = store.query(PREFIXES + f"""SELECT DISTINCT ?e ?pos ?rel ?quote ?src ?ast ?start ?end
        ?page ?att ?attname ?relays ?on ?why WHERE {{
        {c} cg:evidence ?e . ?e cg:position ?pos ; cg:relation ?rel ; cg:quote ?quote ;
            prov:wasQuotedFrom ?src .
        OPTIONAL {{ {c} cg:evidence ?e . ?e cg:anchorStatus ?ast }}
        OPTIONAL {{ {c} cg:evidence ?e . ?e cg:page ?page }}
        OPTIONAL {{ {c} cg:evidence ?e . ?e oa:hasTarget/oa:hasSelector ?ps .
                   ?ps oa:start ?start ; oa:end ?end }}
        OPTIONAL {{ {c} cg:evidence ?e . ?e cg:attributedTo ?att .
                   OPTIONAL {{ ?att schema:name ?attname }} }}
        OPTIONAL {{ {c} cg:evidence ?e . ?e cg:relays ?relays }}
        OPTIONAL {{ {c} cg:evidence ?e . ?e cg:restsOn ?on ; cg:basisRule ?why }}
        }}""", case=case_id)
    by_pos: dict[int, dict[str, Any]] = {}
    spans: dict[int, tuple[str, int, int]] = {}
    for r in rows:
        pos = int(r["pos"] or 0)
        ev = by_pos.setdefault(pos, {
            "index": pos, "relation": r["rel"], "quote": r["quote"], "source": _id(r["src"]),
            "anchor_status": None, "anchored": False, "start": None, "end": None,
            "page": _int(r["page"]), "context": None, "attributed_to": None,
            "relays": None, "rests_on": None, "basis": None})
        if r["att"] and ev["attributed_to"] is None:
            parts = parse_iri(r["att"])
            ev["attributed_to"] = {"id": _id(r["att"]), "name": r["attname"],
                                   "type": parts.kind if parts else "entity"}
        if r["relays"]:
            ev["relays"] = _id(r["relays"])
        if r["on"]:
            ev["rests_on"], ev["basis"] = _id(r["on"]), r["why"]
        status = r["ast"]
        # the data graph and the derived graph may both give a status: prefer the richer one
        if status and (ev["anchor_status"] in (None, "unchecked")):
            ev["anchor_status"] = status
        if r["start"] is not None and r["end"] is not None and r["src"]:
            start, end = int(r["start"]), int(r["end"])
            ev.update(start=start, end=end, anchored=True)
            spans[pos] = (r["src"], start, end)
    for pos, ctx in _contexts(store, case_id, spans).items():
        by_pos[pos]["context"] = ctx
    return [by_pos[k] for k in sorted(by_pos)]


def _contexts(store: Store, case_id: str, spans: dict[int, tuple[str, int, int]]
              ) -> dict[int, dict[str, str]]:
    """The text around each anchored quote, cut out by the store (texts never travel)."""
    if not spans:
        return {}
    n = CONTEXT_CHARS
    values = " ".join(f"({pos} <{src}> {start} {end})"
                      for pos, (src, start, end) in sorted(spans.items()))
    rows = store.query(PREFIXES + f"""SELECT ?pos ?before ?exact ?after WHERE {{
        VALUES (?pos ?src ?start ?end) {{ {values} }}
        ?src schema:text ?txt .
        BIND(IF(?start > {n}, ?start - {n}, 0) AS ?cs)
        BIND(SUBSTR(?txt, ?cs + 1, ?start - ?cs) AS ?before)
        BIND(SUBSTR(?txt, ?start + 1, ?end - ?start) AS ?exact)
        BIND(SUBSTR(?txt, ?end + 1, {n}) AS ?after) }}""", case=case_id)
    return {int(r["pos"] or 0): {"before": r["before"] or "", "exact": r["exact"] or "",
                                 "after": r["after"] or ""} for r in rows}


def _sources(store: Store, case_id: str, c: str) -> dict[str, dict[str, Any]]:
    # the evidence sources and every source they rely on (cg:dependant, derived graph);
    # the data graph's cito:cites would need a property path over the whole store
    found = store.query(PREFIXES + f"""SELECT DISTINCT ?s WHERE {{
        {{ {c} cg:evidence/prov:wasQuotedFrom ?s }}
        UNION {{ {c} cg:evidence/prov:wasQuotedFrom ?e0 . ?s cg:dependant ?e0 }}
        UNION {{ {c} cg:evidence/cg:relays ?s }} UNION {{ {c} cg:evidence/cg:restsOn ?s }}
        }}""", case=case_id)
    iris = sorted({r["s"] for r in found if r["s"]})
    if not iris:
        return {}
    values = " ".join(f"<{x}>" for x in iris)
    rows = store.query(PREFIXES + f"""SELECT DISTINCT ?s ?title ?kind ?pub ?date ?rel ?sha
        ?acc ?cap ?url ?cited ?cw ?text ?qo ?rsha WHERE {{
        VALUES ?s {{ {values} }}
        OPTIONAL {{ ?s schema:name ?title }} OPTIONAL {{ ?s cg:sourceKind ?kind }}
        OPTIONAL {{ ?s schema:publisher ?pub }} OPTIONAL {{ ?s schema:datePublished ?date }}
        OPTIONAL {{ ?s cg:reliability ?rel }} OPTIONAL {{ ?s cg:sha256 ?sha }}
        OPTIONAL {{ ?s cg:dateAccessed ?acc }}
        OPTIONAL {{ ?s cg:captured ?cap }} OPTIONAL {{ ?s schema:url ?url }}
        OPTIONAL {{ ?s cito:cites ?cited }} OPTIONAL {{ ?s cg:circularWith ?cw }}
        OPTIONAL {{ ?s cg:quoteOnly ?qo }} OPTIONAL {{ ?s cg:recordedSha256 ?rsha }}
        BIND(EXISTS {{ ?s schema:text ?t }} AS ?text)
        }}""", case=case_id)
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        sid = _id(r["s"]) or ""
        src = out.setdefault(sid, {
            "id": sid, "title": r["title"], "kind": _id(r["kind"]), "publisher": r["pub"],
            "published": r["date"], "accessed": r["acc"], "reliability": _id(r["rel"]),
            "sha256": r["sha"] or r["rsha"], "url": r["url"],
            "quote_only": r["qo"] in ("true", "1"),
            "captured": (r["cap"] in ("true", "1")) if r["cap"] is not None
            else r["text"] in ("true", "1"),
            "cites": [], "circular_with": []})
        if r["cw"] and _id(r["cw"]) not in src["circular_with"]:
            src["circular_with"].append(_id(r["cw"]))
        if r["cited"]:
            cited = _id(r["cited"])
            if cited not in src["cites"]:
                src["cites"].append(cited)
    for src in out.values():
        src["cites"].sort()
        src["circular_with"].sort()
    return dict(sorted(out.items()))


def _assessment(store: Store, case_id: str, c: str) -> dict[str, Any]:
    rows = store.query(PREFIXES + f"""SELECT DISTINCT ?what ?o ?k ?ph ?w ?s ?t ?imp ?d WHERE {{
        {{ {c} cg:independentOrigin ?o BIND("origin" AS ?what) }}
        UNION {{ {c} cg:checkableOrigin ?o BIND("checkable" AS ?what) }}
        UNION {{ {c} cg:finding ?n . ?n cg:findingKind ?k ; cg:phrase ?ph ; cg:foundIn ?w ;
                   cg:startOffset ?s ; cg:endOffset ?t .
                 OPTIONAL {{ ?n cg:impliesLikelihood ?imp }} BIND("finding" AS ?what) }}
        UNION {{ {c} cg:contradiction ?n . ?n cg:otherClaim ?o ; cg:contradictionKind ?k .
                 OPTIONAL {{ ?n rdfs:comment ?d }} BIND("contradiction" AS ?what) }}
        UNION {{ {c} cg:evidenceNote ?k BIND("note" AS ?what) }}
        }}""", case=case_id)
    origins, checkable, findings, contradictions, notes = [], [], [], [], []
    for r in rows:
        what = r["what"]
        if what == "origin":
            origins.append(_id(r["o"]))
        elif what == "checkable":
            checkable.append(_id(r["o"]))
        elif what == "finding":
            w = parse_iri(r["w"] or "")
            where = f"evidence/{w.rest[1]}" if w is not None and len(w.rest) == 2 else "text"
            findings.append({"kind": r["k"], "phrase": r["ph"], "where": where,
                             "start": _int(r["s"]), "end": _int(r["t"]),
                             "implies": _id(r["imp"])})
        elif what == "contradiction":
            contradictions.append({"other": _id(r["o"]), "kind": r["k"], "detail": r["d"]})
        elif what == "note" and r["k"]:
            notes.append(r["k"])
    findings.sort(key=lambda f: (f["where"], f["start"] or 0, f["kind"]))
    contradictions.sort(key=lambda x: (x["other"] or "", x["kind"] or ""))
    return {"origins": sorted(o for o in origins if o),
            "independent_origins": len(origins),
            "checkable_origins": sorted(o for o in checkable if o),
            "findings": findings, "contradictions": contradictions,
            "notes": sorted(set(notes))}
