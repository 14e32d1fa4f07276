"""``trace``: where one claim comes from, read from the store with one targeted query.

Claim -> evidence (relation, quote in its source context, anchor status; who said it: the
speaker it is ``attributed_to``, the source it ``relays`` and what it rests on, read as
"Lin Jian, via MFA statement (not captured), quoted in <article>") -> sources (kind,
publisher, dates, reliability, hash, captured or referred-only) -> the sources they cite,
recursively; plus the claim's evidence status and the notes beside it, independent
origins, language findings, contradictions, the claims it challenges or is challenged by,
and its verdict. All of it is read with one query (:data:`_TRACE`) whose every pattern
starts from the claim's IRI, so the cost does not grow with the store.

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
from claimgraph.graph.namespace import SPARQL_PREFIXES, expand_curie
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


_CG, _SCHEMA, _PROV, _OA = ("https://w3id.org/claimgraph/ns#", "http://schema.org/",
                             "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#")
_NAME, _TEXT = _SCHEMA + "name", _SCHEMA + "text"

_SOURCE_PROPS = ("schema:name", "cg:sourceKind", "schema:publisher", "schema:datePublished",
                 "cg:reliability", "cg:sha256", "cg:dateAccessed", "cg:captured", "schema:url",
                 "cito:cites", "cg:circularWith", "cg:quoteOnly", "cg:recordedSha256")

_SOURCES = """{ { CLAIM cg:evidence/(prov:wasQuotedFrom|cg:relays|cg:restsOn) ?s }
          UNION { CLAIM cg:evidence/prov:wasQuotedFrom ?e0 . ?s cg:dependant ?e0 } }"""

_CLAIM_PROPS = ("schema:text", "cg:subject", "cg:predicate", "cg:object", "cg:polarity",
                "cg:confidence", "cg:item", "cg:time", "cg:quantity", "prov:wasAttributedTo",
                "cg:evidenceStatus", "cg:supportLevel", "cg:evidence", "cg:finding",
                "cg:contradiction", "cg:verdict", "cg:challengesClaim", "cg:independentOrigin",
                "cg:checkableOrigin", "cg:evidenceNote")
_NODE_PROPS = ("cg:position", "cg:relation", "cg:quote", "prov:wasQuotedFrom", "cg:anchorStatus",
               "cg:page", "oa:hasTarget", "cg:attributedTo", "cg:relays", "cg:restsOn",
               "cg:basisRule",  # evidence
               "schema:value", "schema:unitText", "cg:approximate", "cg:bound",  # quantity
               "cg:findingKind", "cg:phrase", "cg:foundIn", "cg:startOffset", "cg:endOffset",
               "cg:impliesLikelihood",  # finding
               "cg:otherClaim", "cg:contradictionKind", "rdfs:comment",  # contradiction
               "cg:rating")  # verdict

_TRACE = PREFIXES + f"""SELECT DISTINCT ?s ?p ?o ?kind ?cs ?ce ?before ?exact ?after WHERE {{
  {{ CLAIM ?p ?o FILTER(?p IN ({", ".join(_CLAIM_PROPS)})) }}
  UNION {{ VALUES ?hop {{ cg:evidence cg:quantity cg:finding cg:contradiction cg:verdict }}
          CLAIM ?hop ?s . ?s ?p ?o FILTER(?p IN ({", ".join(_NODE_PROPS)})) }}
  UNION {{ CLAIM cg:evidence ?e . ?e oa:hasTarget ?s . ?s oa:hasSelector ?o
          BIND(oa:hasSelector AS ?p) }}
  UNION {{ CLAIM cg:evidence ?e . ?e oa:hasTarget ?tg . ?tg oa:hasSelector ?s .
          ?s ?p ?o FILTER(?p IN (oa:start, oa:end)) }}
  UNION {{ VALUES ?hop {{ cg:subject cg:object cg:item prov:wasAttributedTo }}
          CLAIM ?hop ?s . ?s schema:name ?o BIND(schema:name AS ?p) }}
  UNION {{ CLAIM cg:evidence/cg:attributedTo ?s . ?s schema:name ?o BIND(schema:name AS ?p) }}
  UNION {{ CLAIM cg:challengesClaim ?s . ?s schema:text ?o BIND(schema:text AS ?p) }}
  UNION {{ ?s cg:challengesClaim CLAIM BIND(cg:challengesClaim AS ?p) BIND(CLAIM AS ?o) }}
  UNION {{ ?s cg:challengesClaim CLAIM . ?s schema:text ?o BIND(schema:text AS ?p) }}
  UNION {{ {_SOURCES}
          ?s ?p ?v FILTER(?p IN (schema:text, {", ".join(_SOURCE_PROPS)}))
          BIND(IF(?p = schema:text, "", ?v) AS ?o) BIND("source" AS ?kind) }}
  UNION {{ CLAIM cg:evidence ?s . ?s prov:wasQuotedFrom ?src ;
              oa:hasTarget/oa:hasSelector ?ps . ?ps oa:start ?cs ; oa:end ?ce .
          ?src schema:text ?txt .
          BIND(IF(?cs > {CONTEXT_CHARS}, ?cs - {CONTEXT_CHARS}, 0) AS ?from)
          BIND(SUBSTR(?txt, ?from + 1, ?cs - ?from) AS ?before)
          BIND(SUBSTR(?txt, ?cs + 1, ?ce - ?cs) AS ?exact)
          BIND(SUBSTR(?txt, ?ce + 1, {CONTEXT_CHARS}) AS ?after) }}
}}"""
"""The one query of a trace (``CLAIM``: the claim's IRI): every triple of the claim and of
the nodes one or two hops from it (evidence, targets, selectors, quantity, findings,
contradictions, verdict), the names of the entities it names, the texts of the claims it
challenges or is challenged by, the listed properties of its sources (never their texts:
one row per source says whether the store holds it) and the text around each anchored
quote, cut out by the store. Every branch starts from the claim's IRI, so its cost does
not grow with the store; a union of small patterns is cheap for an engine to plan (the
query it replaced, seven queries of many OPTIONALs, spent most of its time being planned).
Not for Virtuoso, whose plan of it starts the sources' branch from a scan of the whole
store: there, as on the embedded store, the same rows are read by lookups
(:func:`_rows_by_lookups`, :attr:`Store.reads_by_lookups`)."""


def _iris(curies: tuple[str, ...]) -> frozenset[str]:
    return frozenset(expand_curie(c) or c for c in curies)


_CLAIM_IRIS, _NODE_IRIS = _iris(_CLAIM_PROPS), _iris(_NODE_PROPS)
_SOURCE_IRIS = _iris(_SOURCE_PROPS) | {_TEXT}
_HOPS = _iris(("cg:evidence", "cg:quantity", "cg:finding", "cg:contradiction", "cg:verdict"))
_NAMED = _iris(("cg:subject", "cg:object", "cg:item", "prov:wasAttributedTo"))
_EVIDENCE, _CHALLENGES, _DEPENDANT = (_CG + "evidence", _CG + "challengesClaim",
                                      _CG + "dependant")
_QUOTED_FROM, _TARGET, _SELECTOR = (_PROV + "wasQuotedFrom", _OA + "hasTarget",
                                    _OA + "hasSelector")
_RESTS = frozenset({_QUOTED_FROM, _CG + "relays", _CG + "restsOn"})


def _rows_by_lookups(store: Store, claim: str, case: str) -> list[dict[str, str | None]]:
    """The rows :data:`_TRACE` answers, read with index lookups in four rounds (claim;
    the nodes it points to; targets, speakers and sources; selectors) — for a store whose
    lookups are native (:attr:`Store.native_lookups`), where planning the one query costs
    more than the lookups, and for an engine that plans the one query badly (Virtuoso, see
    :attr:`Store.reads_by_lookups`). Same rows, same trace (tested on every claim of the bundled
    case and of generated ones)."""
    rows: list[dict[str, str | None]] = []

    def row(s: str, p: str, o: str, kind: str | None = None) -> None:
        rows.append({"s": s, "p": p, "o": o, "kind": kind, "cs": None, "ce": None})

    def values(about: dict[str, list[tuple[str, str]]], node: str, prop: str) -> list[str]:
        return [o for p, o in about.get(node, ()) if p == prop]

    first = store.triples_about([claim], case=case)
    mine = first[claim]
    hops = {o for p, o in mine if p in _HOPS}
    named = {o for p, o in mine if p in _NAMED}
    challenged = {o for p, o in mine if p == _CHALLENGES}
    challengers = set(store.subjects_with(_CHALLENGES, claim, case=case))
    evidence = sorted({o for p, o in mine if p == _EVIDENCE})
    second = store.triples_about(hops | named | challenged | challengers, case=case)
    for p, o in mine:
        if p in _CLAIM_IRIS:
            row(claim, p, o)
    for n in hops:
        for p, o in second[n]:
            if p in _NODE_IRIS:
                row(n, p, o)
    for n in named:
        for o in values(second, n, _NAME):
            row(n, _NAME, o)
    for n in challenged:
        for o in values(second, n, _TEXT):
            row(n, _TEXT, o)
    for n in challengers:
        row(n, _CHALLENGES, claim)
        for o in values(second, n, _TEXT):
            row(n, _TEXT, o)
    targets = {e: values(second, e, _TARGET) for e in evidence}
    speakers = {o for e in evidence for o in values(second, e, _CG + "attributedTo")}
    quoted = {e: values(second, e, _QUOTED_FROM) for e in evidence}
    sources = {o for e in evidence for p, o in second[e] if p in _RESTS}
    sources.update(s for q in {q for qs in quoted.values() for q in qs}
                   for s in store.subjects_with(_DEPENDANT, q, case=case))
    third = store.triples_about({t for ts in targets.values() for t in ts} | speakers | sources,
                                case=case)
    for n in speakers:
        for o in values(third, n, _NAME):
            row(n, _NAME, o)
    for n in sources:
        for p, o in third[n]:
            if p in _SOURCE_IRIS:
                row(n, p, "" if p == _TEXT else o, "source")
    selectors = {t: values(third, t, _SELECTOR) for ts in targets.values() for t in ts}
    for t, sels in selectors.items():
        for sel in sels:
            row(t, _SELECTOR, sel)
    every_selector = {x for sels in selectors.values() for x in sels}
    fourth = store.triples_about(every_selector, case=case)
    for sel in every_selector:
        for p, o in fourth[sel]:
            if p in (_OA + "start", _OA + "end"):
                row(sel, p, o)
    for e in evidence:  # the text around each anchored quote, cut as the query cuts it
        texts = [x for src in quoted[e] for x in values(third, src, _TEXT)]
        for sel in (x for t in targets[e] for x in selectors[t]):
            for a in values(fourth, sel, _OA + "start"):
                for b in values(fourth, sel, _OA + "end"):
                    for txt in texts:
                        rows.append({"s": e, "p": None, "o": None, "kind": None, "cs": a,
                                     "ce": b, **_context(txt, a, b)})
    return rows


def _context(text: str, start: str, end: str) -> dict[str, str | None]:
    """``before``/``exact``/``after`` of a quote at ``start``..``end`` (code points), as the
    query's ``SUBSTR`` cuts them; unbound when an offset is not an integer."""
    try:
        cs, ce = int(start), int(end)
    except ValueError:
        return {"before": None, "exact": None, "after": None}
    cut = cs - CONTEXT_CHARS if cs > CONTEXT_CHARS else 0
    return {"before": _substr(text, cut + 1, cs - cut), "exact": _substr(text, cs + 1, ce - cs),
            "after": _substr(text, ce + 1, CONTEXT_CHARS)}


def _substr(text: str, start: int, length: int) -> str:
    """SPARQL's ``SUBSTR`` (XPath ``fn:substring``): the characters at 1-based positions
    from ``start`` up to, not including, ``start + length``.

    >>> _substr("abcdef", 2, 3), _substr("abcdef", 0, 2), _substr("abc", 3, -1)
    ('bcd', 'a', '')
    """
    lo, hi = max(start, 1), start + length
    return text[lo - 1:hi - 1] if hi > lo else ""


class _Triples:
    """The rows of :data:`_TRACE` as a lookup: values of a property of a node, sorted."""

    def __init__(self, claim: str, rows: list[dict[str, str | None]]) -> None:
        self.props: dict[str, dict[str, list[str]]] = {}
        self.contexts: dict[tuple[str, int, int], dict[str, str]] = {}
        self.sources: set[str] = set()
        for r in rows:
            s, p, o = r["s"] or claim, r["p"], r["o"]  # the claim's own rows leave ?s unbound
            if r["cs"] is not None and r["ce"] is not None:
                self.contexts[(s, int(r["cs"]), int(r["ce"]))] = {
                    "before": r["before"] or "", "exact": r["exact"] or "",
                    "after": r["after"] or ""}
            elif p is not None and o is not None:
                if r["kind"] == "source":
                    self.sources.add(s)
                values = self.props.setdefault(s, {}).setdefault(p, [])
                if o not in values:
                    values.append(o)
        for by_p in self.props.values():
            for values in by_p.values():
                values.sort()

    def many(self, s: str | None, p: str) -> list[str]:
        return self.props.get(s or "", {}).get(p, [])

    def one(self, s: str | None, p: str) -> str | None:
        values = self.many(s, p)
        return values[0] if values else None

    def subjects(self, p: str, o: str) -> list[str]:
        return sorted(s for s, by_p in self.props.items() if o in by_p.get(p, ()))


def trace_claim(store: Store, case_id: str, claim_id: str) -> dict[str, Any]:
    """Everything ``claimgraph trace`` shows about one claim, as plain data: one query, or
    a few lookups where the store reads by lookups (:attr:`Store.reads_by_lookups`).

    Raises :class:`NotFoundError` when the case holds no such claim.
    """
    iri = claim_iri(case_id, claim_id)
    if store.reads_by_lookups:
        with store.one_catalogue():
            rows = _rows_by_lookups(store, iri, case_id)
    else:
        rows = store.query(_TRACE.replace("CLAIM", f"<{iri}>"), case=case_id)
    t = _Triples(iri, rows)
    cg = _CG
    text, subj, pred, obj, pol = (t.one(iri, p) for p in (
        _TEXT, cg + "subject", cg + "predicate", cg + "object", cg + "polarity"))
    if text is None or subj is None or pred is None or obj is None or pol is None:
        raise NotFoundError(f"no claim '{claim_id}' in case '{case_id}'",
                            hint="find it by words: `claimgraph trace \"words of its text\"`")
    claimant = None
    if cl := t.one(iri, _PROV + "wasAttributedTo"):
        parts = parse_iri(cl)
        claimant = {"id": local_id(cl), "name": t.one(cl, _NAME),
                    "type": parts.kind if parts else "entity"}
    quantity = None
    q = t.one(iri, cg + "quantity")
    if (qv := t.one(q, _SCHEMA + "value")) is not None:
        quantity = {"value": float(qv) if "." in qv or "e" in qv.lower() else int(qv),
                    "unit": t.one(q, _SCHEMA + "unitText"),
                    "approx": t.one(q, cg + "approximate") == "true",
                    "bound": t.one(q, cg + "bound")}
    item = t.one(iri, cg + "item")
    out: dict[str, Any] = {
        "case": case_id, "id": claim_id, "text": text,
        "subject": {"id": _id(subj), "name": t.one(subj, _NAME)},
        "predicate": _id(pred),
        "object": {"id": _id(obj), "name": t.one(obj, _NAME)},
        "item": {"id": _id(item), "name": t.one(item, _NAME)} if item else None,
        "quantity": quantity, "time": t.one(iri, cg + "time"), "polarity": pol,
        "confidence": _id(t.one(iri, cg + "confidence")), "claimant": claimant,
        "status": t.one(iri, cg + "evidenceStatus"),
        "support": t.one(iri, cg + "supportLevel"),
    }
    out["evidence"] = _evidence(t, iri)
    out["sources"] = _sources(t)
    _who_said_it(out["evidence"], out["sources"])
    out.update(_assessment(t, iri))
    out.update(_links(t, iri))
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


def _links(t: _Triples, c: str) -> dict[str, Any]:
    """The claims this one challenges and is challenged by (both sides), its verdict."""
    out: dict[str, Any] = {"challenges": [], "challenged_by": [], "verdict": None}
    challenges = _CG + "challengesClaim"
    if r := t.one(t.one(c, _CG + "verdict"), _CG + "rating"):
        rid = _id(r) or ""
        known = load_vocabulary().ratings.get(rid)
        out["verdict"] = {"rating": rid, "label": known.label if known else rid,
                          "excluded_from_analytics": bool(
                              known and known.excluded_from_analytics)}
    for key, others in (("challenges", t.many(c, challenges)),
                        ("challenged_by", t.subjects(challenges, c))):
        none: list[str | None] = [None]
        out[key] = sorted(({"id": _id(o), "text": text} for o in others
                           for text in (t.many(o, _TEXT) or none)),
                          key=lambda x: x["id"] or "")
    return out


def _evidence(t: _Triples, c: str) -> list[dict[str, Any]]:
    cg = _CG
    by_pos: dict[int, dict[str, Any]] = {}
    for e in t.many(c, cg + "evidence"):
        pos, rel, quote, src = (t.one(e, p) for p in (
            cg + "position", cg + "relation", cg + "quote", _PROV + "wasQuotedFrom"))
        if pos is None or rel is None or quote is None or src is None:
            continue
        statuses = t.many(e, cg + "anchorStatus")
        # the data graph and the derived graph may both give a status: prefer the richer one
        status = next((x for x in statuses if x != "unchecked"),
                      statuses[0] if statuses else None)
        ev: dict[str, Any] = {
            "index": int(pos), "relation": rel, "quote": quote, "source": _id(src),
            "anchor_status": status, "anchored": False, "start": None, "end": None,
            "page": _int(t.one(e, cg + "page")), "context": None, "attributed_to": None,
            "relays": _id(t.one(e, cg + "relays")), "rests_on": None, "basis": None}
        if att := t.one(e, cg + "attributedTo"):
            parts = parse_iri(att)
            ev["attributed_to"] = {"id": _id(att), "name": t.one(att, _NAME),
                                   "type": parts.kind if parts else "entity"}
        on, why = t.one(e, cg + "restsOn"), t.one(e, cg + "basisRule")
        if on and why is not None:
            ev["rests_on"], ev["basis"] = _id(on), why
        spans = [(int(a), int(b)) for target in t.many(e, _OA + "hasTarget")
                 for ps in t.many(target, _OA + "hasSelector")
                 if (a := t.one(ps, _OA + "start")) is not None
                 and (b := t.one(ps, _OA + "end")) is not None]
        if spans:
            start, end = spans[-1]
            ev.update(start=start, end=end, anchored=True,
                      context=t.contexts.get((e, start, end)))
        by_pos[int(pos)] = ev
    return [by_pos[k] for k in sorted(by_pos)]


def _sources(t: _Triples) -> dict[str, dict[str, Any]]:
    """The evidence sources, what they relay or rest on, and every source they rely on
    (``cg:dependant``, derived graph), keyed by id."""
    cg, sc = _CG, _SCHEMA
    out: dict[str, dict[str, Any]] = {}
    for s in sorted(t.sources):
        sid = _id(s) or ""
        cap = t.one(s, cg + "captured")
        out[sid] = {
            "id": sid, "title": t.one(s, _NAME), "kind": _id(t.one(s, cg + "sourceKind")),
            "publisher": t.one(s, sc + "publisher"), "published": t.one(s, sc + "datePublished"),
            "accessed": t.one(s, cg + "dateAccessed"),
            "reliability": _id(t.one(s, cg + "reliability")),
            "sha256": t.one(s, cg + "sha256") or t.one(s, cg + "recordedSha256"),
            "url": t.one(s, sc + "url"),
            "quote_only": t.one(s, cg + "quoteOnly") in ("true", "1"),
            "captured": (cap in ("true", "1")) if cap is not None
            else bool(t.many(s, _TEXT)),
            "cites": sorted({_id(x) or "" for x in t.many(s, "http://purl.org/spar/cito/cites")}),
            "circular_with": sorted({_id(x) or "" for x in t.many(s, cg + "circularWith")})}
    return dict(sorted(out.items()))


def _assessment(t: _Triples, c: str) -> dict[str, Any]:
    cg = _CG
    findings: set[tuple[Any, ...]] = set()
    for n in t.many(c, cg + "finding"):
        k, ph, w, s, e = (t.one(n, cg + p) for p in (
            "findingKind", "phrase", "foundIn", "startOffset", "endOffset"))
        if k is None or ph is None or w is None or s is None or e is None:
            continue
        parts = parse_iri(w)
        where = f"evidence/{parts.rest[1]}" if parts is not None and len(parts.rest) == 2 \
            else "text"
        findings.add((k, ph, where, _int(s), _int(e), _id(t.one(n, cg + "impliesLikelihood"))))
    contradictions: set[tuple[str | None, ...]] = set()
    for n in t.many(c, cg + "contradiction"):
        o, k = t.one(n, cg + "otherClaim"), t.one(n, cg + "contradictionKind")
        if o is not None and k is not None:
            contradictions.add((_id(o), k, t.one(n, "http://www.w3.org/2000/01/rdf-schema#comment")))
    origins = [_id(o) for o in t.many(c, cg + "independentOrigin")]
    return {"origins": sorted(o for o in origins if o),
            "independent_origins": len(origins),
            "checkable_origins": sorted(o for o in (
                _id(x) for x in t.many(c, cg + "checkableOrigin")) if o),
            "findings": sorted(({"kind": k, "phrase": ph, "where": where, "start": s,
                                 "end": e, "implies": imp}
                                for k, ph, where, s, e, imp in findings),
                               key=lambda f: (f["where"], f["start"] or 0, f["kind"])),
            "contradictions": sorted(({"other": o, "kind": k, "detail": d}
                                      for o, k, d in contradictions),
                                     key=lambda x: (x["other"] or "", x["kind"] or "")),
            "notes": sorted(set(t.many(c, cg + "evidenceNote")))}
