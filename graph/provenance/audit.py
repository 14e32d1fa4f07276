"""``audit``: the weak spots of a case (or of every case in the store), read from the store.

Categories (each a sorted list; a claim may appear in several). The first come from the
status vocabulary (``schema/vocab/evidence_status.yaml``, statuses and notes with ``audit:
true``, in its order): a flag lists the claims with that status, a support level the
claims with that support level (under any flag), a note the claims it is shown beside.

============================  ==========================================================
``contested``                 refuting evidence or a contradiction
``unanchored``                a quote that was not found in its source text (also when
                              a higher flag, contested, is the claim's status)
``unsourced``                 support level unsourced: nothing checkable behind it
``single-origin``             support level single-origin
``uncaptured-upstream``       the note: a supporting quote rests on a source its document
                              relays that nobody captured (``upstream``: those sources)
``numeric-inconsistency``     a comparative ("more than doubled") the quantities of two
                              claims do not bear out: the later claim, with ``earlier``,
                              ``phrase``, ``expected`` and ``actual`` ratios and ``quotes``
``hedged``                    a hedge in its text or a quote (with the implied likelihood),
                              beside the ``confidence`` the claim records (None: none)
``vaguely-attributed``        a vague attribution ("experts warn") in its text or a quote
``challenges``                a claim that challenges another or is challenged (argues
                              against, both may be true: never contested), with
                              ``challenges`` and ``challenged_by``
``rated``                     a claim with a fact-checker's verdict: ``rating`` (id),
                              ``rating_label``, ``excluded_from_analytics``; sorted by the
                              ratings vocabulary's order
``weak-sources``              sources graded E or F
``referred-only-sources``     sources nobody captured that claims rest on, with those claims
                              (``claims``) and those attributed to them (``attributed``:
                              the claimant is that source)
============================  ==========================================================

The report's ``summary`` (:func:`~.auditcounts.count_summary`) is the one set of counts
every output prints: claims by status (each once), weak spots (a claim may be in several),
claims by rating, denials, sources. Everything comes from the store in ten aggregate
queries, so the cost is linear in the claims and runs inside the store engine;
:func:`audit_models` audits a case given as models (through an in-memory store, so the
same queries answer).

Examples
--------
>>> from claimgraph.graph.store import open_store
>>> report = audit(open_store(":memory:"))
>>> report["counts"]["unsourced"], report["claims"]
(0, 0)
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from claimgraph.graph.iris import local_id, parse_iri
from claimgraph.graph.namespace import CG, SCHEMA
from claimgraph.schema.statuses import load_statuses
from claimgraph.schema.vocab import load_vocabulary
from claimgraph.sources.comparatives import RatioInterval

from .auditcounts import CATEGORIES, STATUS_CATEGORIES, count_summary
from .trace import PREFIXES

if TYPE_CHECKING:
    from claimgraph.graph.store.base import Store
    from claimgraph.schema.models import Case

    from .model import CaseAssessment

__all__ = ["CATEGORIES", "STATUS_CATEGORIES", "audit", "audit_markdown", "audit_models",
           "audit_note"]


def _key(iri: str | None) -> tuple[str, str]:
    parts = parse_iri(iri or "")
    return (parts.case_id, parts.id) if parts else ("", local_id(iri or ""))


def audit(store: Store, case: str | None = None) -> dict[str, Any]:
    """The audit report as plain data: ``summary`` (the counts, each saying what it
    counts), ``counts``, ``claims`` (total), ``by_status`` and one list per category
    (claims as ``{case, id, text, status}``; sources as ``{case, id, title, ...}``).
    """
    claims: dict[tuple[str, str], dict[str, Any]] = {}
    # one property a query, joined here: the claims' status lives in the derived graph and
    # their text in the data graph, and a join across them costs Oxigraph a lookup in
    # every graph per claim (34 s of CPU at 100,000 claims, against 5 s this way)
    status, support, text, said = (store.property_values(str(p), case=case) for p in (
        CG.evidenceStatus, CG.supportLevel, SCHEMA.text, CG.polarity))
    for iri, st in status.items():
        if iri in text:
            k = _key(iri)
            claims[k] = {"case": k[0], "id": k[1], "text": text[iri], "status": st,
                         "support": support.get(iri) or st}
    polarity = {_key(iri): v for iri, v in said.items() if v}
    del status, support, text, said
    notes: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in store.query(PREFIXES + """SELECT ?c ?n ?up WHERE { ?c cg:evidenceNote ?n .
            OPTIONAL { ?c cg:evidence ?e . ?e cg:restsOn ?up ; prov:wasQuotedFrom ?doc .
                       ?up cg:captured false FILTER(?up != ?doc) } }""", case=case):
        ups = notes[_key(r["c"])][r["n"] or ""]
        if r["up"]:
            ups.add(local_id(r["up"]))
    _mark_denials(store, case, claims)
    lists: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    statuses = load_statuses()
    for k in sorted(claims):
        c = claims[k]
        for cat in STATUS_CATEGORIES:
            kind = statuses.get(cat).kind
            if (kind == "flag" and c["status"] == cat) or (kind == "support"
                                                             and c["support"] == cat):
                lists[cat].append(c)
            elif kind == "note" and cat in notes.get(k, {}):
                lists[cat].append({**c, "upstream": sorted(notes[k][cat])})
    # the `unanchored` rule's fact, read from the anchors: a contested claim with a quote
    # that did not anchor has status contested, and is listed here too
    unanchored = {_key(r["c"]) for r in store.query(PREFIXES + """SELECT DISTINCT ?c WHERE {
            ?c cg:evidence ?e . ?e cg:anchorStatus "not_found" }""", case=case)}
    if "unanchored" in lists:
        lists["unanchored"] = [claims[k] for k in sorted(unanchored | {
            k for k in claims if claims[k]["status"] == "unanchored"}) if k in claims]
    _language(store, case, claims, lists)
    lists["numeric-inconsistency"] = _numeric(store, case, claims)
    lists["challenges"] = _challenges(store, case, claims)
    lists["rated"] = _rated(store, case, claims)
    for r in store.query(PREFIXES + """SELECT ?s ?title ?rel WHERE {
            ?s cg:weakSource true . OPTIONAL { ?s schema:name ?title }
            OPTIONAL { ?s cg:reliability ?rel } } ORDER BY ?s""", case=case):
        k = _key(r["s"])
        lists["weak-sources"].append({"case": k[0], "id": k[1], "title": r["title"],
                                      "reliability": local_id(r["rel"]) if r["rel"] else None})
    hanging = []
    for r in store.query(PREFIXES + """SELECT ?s ?title (COUNT(DISTINCT ?c) AS ?n)
            (COUNT(DISTINCT ?a) AS ?na) WHERE {
            ?s cg:captured false . OPTIONAL { ?s schema:name ?title }
            { ?c cg:independentOrigin ?s }
            UNION { ?a prov:wasAttributedTo ?s ; cg:independentOrigin ?s }
            } GROUP BY ?s ?title""", case=case):
        k = _key(r["s"])
        hanging.append({"case": k[0], "id": k[1], "title": r["title"],
                        "claims": int(r["n"] or 0), "attributed": int(r["na"] or 0)})
    lists["referred-only-sources"] = sorted(
        hanging, key=lambda x: (-x["attributed"], -x["claims"], x["case"], x["id"]))
    audited = [{**c, "polarity": polarity.get(k, "affirmed")} for k, c in sorted(claims.items())]
    summary = count_summary(audited, lists)
    by_status: dict[str, int] = defaultdict(int)
    for c in claims.values():
        by_status[c["status"]] += 1
    return {"case": case, "claims": len(claims), "by_status": dict(sorted(by_status.items())),
            "counts": summary["counts"], "summary": summary["groups"], **lists}


def audit_models(case: Case, assessment: CaseAssessment) -> dict[str, Any]:
    """The audit of one case given as models and its assessment (no store at hand): the
    same queries as :func:`audit`, on an in-memory store holding just this case."""
    from claimgraph.graph.mapping import case_to_nquads
    from claimgraph.graph.store import open_store
    from claimgraph.graph.store.catalog import CaseGraphs, CaseInfo, build_graph

    from .rdf import assessment_to_nquads

    cid = case.meta.id
    graphs = CaseGraphs(data=build_graph(cid, "data", "models"),
                        derived=build_graph(cid, "derived", "models"))
    store = open_store(":memory:")
    try:
        store.replace([CaseInfo(cid, "case", case.meta.title, "models", "", graphs)],
                      [("data", case_to_nquads(case, graph=graphs.data).encode()),
                       ("derived", assessment_to_nquads(assessment, cid,
                                                        graphs.derived or "").encode())])
        return audit(store, cid)
    finally:
        store.close()


def _language(store: Store, case: str | None, claims: dict[tuple[str, str], dict[str, Any]],
              lists: dict[str, list[dict[str, Any]]]) -> None:
    """The hedged and vaguely attributed claims, with their phrases (and confidence)."""
    phrases: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    confidence: dict[tuple[str, str], str] = {}
    for r in store.query(PREFIXES + """SELECT ?c ?k ?ph ?imp ?conf WHERE {
            ?c cg:finding ?n . ?n cg:findingKind ?k ; cg:phrase ?ph .
            OPTIONAL { ?n cg:impliesLikelihood ?imp } OPTIONAL { ?c cg:confidence ?conf } }""",
                         case=case):
        label = r["ph"] or ""
        if r["imp"]:
            label += f" ({local_id(r['imp'])})"
        phrases[_key(r["c"])][r["k"] or ""].add(label)
        if r["conf"]:
            confidence[_key(r["c"])] = local_id(r["conf"])
    for k in sorted(phrases):
        if k not in claims:
            continue
        if phrases[k].get("hedge"):
            lists["hedged"].append({**claims[k], "phrases": sorted(phrases[k]["hedge"]),
                                    "confidence": confidence.get(k)})
        if phrases[k].get("vague"):
            lists["vaguely-attributed"].append({**claims[k],
                                                "phrases": sorted(phrases[k]["vague"])})


def _challenges(store: Store, case: str | None,
                claims: dict[tuple[str, str], dict[str, Any]]) -> list[dict[str, Any]]:
    """Each claim in a ``challenges`` link, with what it challenges and what challenges it."""
    out: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
        lambda: {"challenges": [], "challenged_by": []})
    for r in store.query(PREFIXES + """SELECT DISTINCT ?a ?b WHERE {
            ?a cg:challengesClaim ?b }""", case=case):
        a, b = _key(r["a"]), _key(r["b"])
        out[a]["challenges"].append(b[1])
        out[b]["challenged_by"].append(a[1])
    return [{**claims[k], "challenges": sorted(v["challenges"]),
             "challenged_by": sorted(v["challenged_by"])}
            for k, v in sorted(out.items()) if k in claims]


def _rated(store: Store, case: str | None,
           claims: dict[tuple[str, str], dict[str, Any]]) -> list[dict[str, Any]]:
    """The claims with a verdict, by rating in the ratings vocabulary's order."""
    ratings = load_vocabulary().ratings
    order = {r: i for i, r in enumerate(ratings)}
    out = []
    for r in store.query(PREFIXES + """SELECT DISTINCT ?c ?r WHERE {
            ?c cg:verdict ?v . ?v cg:rating ?r }""", case=case):
        k = _key(r["c"])
        if k not in claims:
            continue
        rid = local_id(r["r"] or "")
        known = ratings.get(rid)
        out.append({**claims[k], "rating": rid, "rating_label": known.label if known else rid,
                    "excluded_from_analytics": bool(known and known.excluded_from_analytics)})
    return sorted(out, key=lambda x: (order.get(x["rating"], len(order)), x["rating"],
                                      x["case"], x["id"]))


def _numeric(store: Store, case: str | None,
             claims: dict[tuple[str, str], dict[str, Any]]) -> list[dict[str, Any]]:
    """The numeric inconsistencies, each as its later claim with the rest beside it."""
    found: dict[str, dict[str, Any]] = {}
    for r in store.query(PREFIXES + """SELECT ?n ?a ?b ?ph ?exp ?act ?d ?w ?q WHERE {
            ?n a cg:NumericInconsistency ; cg:earlierClaim ?a ; cg:laterClaim ?b ;
               cg:phrase ?ph ; cg:expectedRatio ?exp ; cg:actualRatio ?act .
            OPTIONAL { ?n rdfs:comment ?d }
            OPTIONAL { ?n cg:foundIn ?w . { ?w cg:quote ?q } UNION { ?w schema:text ?q } } }""",
                         case=case):
        b = _key(r["b"])
        if b not in claims:
            continue
        item = found.setdefault(r["n"] or "", {
            **claims[b], "earlier": _key(r["a"])[1], "phrase": r["ph"],
            "expected": RatioInterval.parse(r["exp"] or "").to_dict(),
            "actual": RatioInterval.parse(r["act"] or "").to_dict(),
            "detail": r["d"] or "", "quotes": []})
        w = parse_iri(r["w"] or "")
        if w is not None:
            where = f"evidence/{w.rest[1]}" if len(w.rest) == 2 else "text"
            quote = {"claim": w.id, "where": where, "text": r["q"] or ""}
            if quote not in item["quotes"]:
                item["quotes"].append(quote)
    for item in found.values():
        item["quotes"].sort(key=lambda q: (q["claim"], q["where"]))
    return sorted(found.values(), key=lambda x: (x["case"], x["id"], x["earlier"], x["phrase"]))


def _mark_denials(store: Store, case: str | None,
                  claims: dict[tuple[str, str], dict[str, Any]]) -> None:
    """A denial's row says so: ``a denial: China denies supplying Russia`` (the subject
    denies it, or a part of it does), else ``… denied by Lin Jian: supplies …``
    (:mod:`claimgraph.schema.phrasing`)."""
    vocab = load_vocabulary()
    # Who is part of whom, walked here rather than with ``EXISTS { ?cl dcterms:isPartOf* ?s }``
    # in a BIND, which Virtuoso rejects (SQ074): the same answer on every engine.
    parents: dict[str, set[str]] = {}
    for r in store.query(PREFIXES + """SELECT DISTINCT ?a ?b WHERE {
            ?a dcterms:isPartOf ?b }""", case=case):
        parents.setdefault(r["a"] or "", set()).add(r["b"] or "")
    for r in store.query(PREFIXES + """SELECT ?c ?p ?s ?sn ?on ?cl ?cn WHERE {
            ?c cg:polarity "denied" ; cg:predicate ?p ; cg:subject ?s ; cg:object ?o .
            OPTIONAL { ?s schema:name ?sn } OPTIONAL { ?o schema:name ?on }
            OPTIONAL { ?c prov:wasAttributedTo ?cl . OPTIONAL { ?cl schema:name ?cn1 }
                       OPTIONAL { ?cl dcterms:title ?cn2 } }
            BIND(COALESCE(?cn1, ?cn2) AS ?cn) }""", case=case):
        k = _key(r["c"])
        if k in claims:
            p = local_id(r["p"] or "")
            own = not r["cl"] or _part_of(r["cl"], r["s"] or "", parents)
            phrase = (vocab.predicate_phrase(p, "denied") if own
                      else f"denied by {r['cn'] or 'its claimant'}: {vocab.predicate_phrase(p)}")
            claims[k]["denial"] = f"{r['sn'] or ''} {phrase} {r['on'] or ''}".strip()


def _part_of(node: str, whole: str, parents: dict[str, set[str]]) -> bool:
    """True when ``node`` is ``whole`` or, through ``parents``, a part of it.

    >>> _part_of("a", "c", {"a": {"b"}, "b": {"c"}}), _part_of("c", "a", {"a": {"c"}})
    (True, False)
    """
    seen, todo = {node}, [node]
    while todo:
        n = todo.pop()
        if n == whole:
            return True
        for p in parents.get(n, ()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return False


def audit_note(category: str, item: dict[str, Any]) -> str:
    """What the audit says beside a claim of ``category`` (plain text; "" when nothing).

    >>> audit_note("hedged", {"phrases": ["could (roughly_even_chance)"], "confidence": None})
    'could (roughly_even_chance); no confidence recorded'
    >>> audit_note("numeric-inconsistency", {"earlier": "nc-2022", "detail": "x"})
    'against nc-2022: x'
    >>> audit_note("rated", {"rating": "misleading", "rating_label": "Misleading",
    ...                      "excluded_from_analytics": True})
    'Misleading (misleading); left out of the analytics'
    >>> audit_note("challenges", {"challenges": ["b"], "challenged_by": []})
    'challenges b'
    >>> audit_note("contested", {"denial": "China denies supplying Russia"})
    'a denial: China denies supplying Russia'
    """
    denial = f"a denial: {item['denial']}" if item.get("denial") else ""
    if category == "numeric-inconsistency":
        return f"against {item.get('earlier')}: {item.get('detail') or item.get('phrase')}"
    if category == "rated":
        note = f"{item.get('rating_label')} ({item.get('rating')})"
        return note + ("; left out of the analytics" if item.get("excluded_from_analytics")
                       else "")
    if category == "challenges":
        bits = []
        if item.get("challenges"):
            bits.append("challenges " + ", ".join(item["challenges"]))
        if item.get("challenged_by"):
            bits.append("challenged by " + ", ".join(item["challenged_by"]))
        return "; ".join(bits)
    if category in STATUS_CATEGORIES and "upstream" in item:
        return "rests on " + (", ".join(item["upstream"]) or "a source") + " (not captured)"
    denial = f"a denial: {item['denial']}" if item.get("denial") else ""
    note = "; ".join(x for x in (denial, ", ".join(item.get("phrases") or ())) if x)
    if category == "hedged":
        conf = item.get("confidence")
        note += f"; confidence {conf}" if conf else "; no confidence recorded"
    return note


def audit_markdown(report: dict[str, Any], limit: int | None = None) -> str:
    """The audit as a Markdown document (lists cut at ``limit`` items when given): the
    counts of :func:`~.auditcounts.count_summary`, one table per group, then the lists.

    >>> from claimgraph.graph.provenance.auditcounts import count_summary
    >>> lists = {c: [] for c in CATEGORIES}
    >>> s = count_summary([], lists)
    >>> print(audit_markdown({"case": "demo", "claims": 0, "counts": s["counts"],
    ...                       "summary": s["groups"], **lists}).splitlines()[0])
    # Audit of demo
    """
    title = report["case"] or "all cases"
    lines = [f"# Audit of {title}", "", f"{report['claims']} claims.", ""]
    for group in report["summary"]:
        total = f" ({group['total']})" if group["total"] is not None else ""
        lines += [f"| {group['label']}{total} | count |", "|---|---:|"]
        lines += [f"| {_md(row['label'])} (`{row['id']}`) | {row['count']} |"
                  for row in group["rows"]] or ["| none | 0 |"]
        lines.append("")
    for cat in CATEGORIES:
        items = report[cat]
        if not items:
            continue
        lines += [f"## {cat} ({len(items)})", ""]
        for item in items[:limit] if limit else items:
            lines.append("- " + _md_item(cat, item))
        if limit and len(items) > limit:
            lines.append(f"- … and {len(items) - limit} more")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def _md(text: str | None) -> str:
    """Case text made inert in Markdown: punctuation escaped, HTML and line breaks defused.

    >>> print(_md("<b>x</b> [link](javascript:1) *a*"))
    &lt;b\\>x&lt;/b\\> \\[link\\]\\(javascript:1\\) \\*a\\*
    """
    text = (text or "").replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_item(cat: str, item: dict[str, Any]) -> str:
    if cat == "weak-sources":
        return f"`{item['id']}` {_md(item['title'])} (grade {item['reliability']})"
    if cat == "referred-only-sources":
        return (f"`{item['id']}` {_md(item['title'])}: {item['claims']} claim(s) rest on it, "
                f"{item['attributed']} attributed to it")
    note = audit_note(cat, item)
    return f"`{item['id']}` {_md(item['text'])}{' — ' + _md(note) if note else ''}"
