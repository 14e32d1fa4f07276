"""``audit``: the weak spots of a case (or of every case in the store), read from the store.

Categories (each a sorted list; a claim may appear in several). The first come from the
status vocabulary (``schema/vocab/evidence_status.yaml``, statuses with ``audit: true``, in
its order): a flag lists the claims with that status, a support level the claims with that
support level (under any flag).

============================  ==========================================================
``contested``                 refuting evidence or a contradiction
``unanchored``                a quote that was not found in its source text (also when
                              a higher flag, contested, is the claim's status)
``unsourced``                 support level unsourced: nothing checkable behind it
``single-origin``             support level single-origin
``unanchored``                a quote that was not found in its source text
``hedged``                    a hedge in its text or a quote (with the implied likelihood),
                              beside the ``confidence`` the claim records (None: none)
``vaguely-attributed``        a vague attribution ("experts warn") in its text or a quote
``contested``                 refuting evidence or a contradiction
``numeric-inconsistency``     a comparative ("more than doubled") the quantities of two
                              claims do not bear out: the later claim, with ``earlier``,
                              ``phrase``, ``expected`` and ``actual`` ratios and ``quotes``
``weak-sources``              sources graded E or F
``referred-only-sources``     sources nobody captured that claims rest on, with those claims
                              (``claims``) and those attributed to them (``attributed``:
                              the claimant is that source)
============================  ==========================================================

Everything comes from the derived graph in seven aggregate queries, so the cost is linear
in the claims and runs inside the store engine.

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
from claimgraph.schema.statuses import load_statuses
from claimgraph.sources.comparatives import RatioInterval

from .trace import PREFIXES

if TYPE_CHECKING:
    from claimgraph.graph.store.base import Store

__all__ = ["CATEGORIES", "STATUS_CATEGORIES", "audit", "audit_markdown", "audit_note"]

STATUS_CATEGORIES = tuple(s.id for s in load_statuses().audited())
"""The categories that are evidence statuses (``audit: true`` in the status vocabulary)."""

CATEGORIES = (*STATUS_CATEGORIES, "numeric-inconsistency", "hedged", "vaguely-attributed",
              "weak-sources", "referred-only-sources")


def _key(iri: str | None) -> tuple[str, str]:
    parts = parse_iri(iri or "")
    return (parts.case_id, parts.id) if parts else ("", local_id(iri or ""))


def audit(store: Store, case: str | None = None) -> dict[str, Any]:
    """The audit report as plain data: ``counts``, ``claims`` (total) and one list per
    category (claims as ``{case, id, text, status}``; sources as ``{case, id, title, ...}``).
    """
    claims: dict[tuple[str, str], dict[str, Any]] = {}
    for r in store.query(PREFIXES + """SELECT ?c ?st ?sl ?t WHERE {
            ?c cg:evidenceStatus ?st ; schema:text ?t . OPTIONAL { ?c cg:supportLevel ?sl } }""",
                         case=case):
        k = _key(r["c"])
        claims[k] = {"case": k[0], "id": k[1], "text": r["t"], "status": r["st"],
                     "support": r["sl"] or r["st"]}
    lists: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    statuses = load_statuses()
    for k in sorted(claims):
        c = claims[k]
        for cat, kind in ((c["status"], "flag"), (c["support"], "support")):
            if cat in STATUS_CATEGORIES and statuses.get(cat).kind == kind:
                lists[cat].append(c)
    # the `unanchored` rule's fact, read from the anchors: a contested claim with a quote
    # that did not anchor has status contested, and is listed here too
    unanchored = {_key(r["c"]) for r in store.query(PREFIXES + """SELECT DISTINCT ?c WHERE {
            ?c cg:evidence ?e . ?e cg:anchorStatus "not_found" }""", case=case)}
    if "unanchored" in lists:
        lists["unanchored"] = [claims[k] for k in sorted(unanchored | {
            k for k in claims if claims[k]["status"] == "unanchored"}) if k in claims]
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
    lists["numeric-inconsistency"] = _numeric(store, case, claims)
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
    by_status: dict[str, int] = defaultdict(int)
    for c in claims.values():
        by_status[c["status"]] += 1
    return {"case": case, "claims": len(claims), "by_status": dict(sorted(by_status.items())),
            "counts": {c: len(lists[c]) for c in CATEGORIES}, **lists}


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


def audit_note(category: str, item: dict[str, Any]) -> str:
    """What the audit says beside a claim of ``category`` (plain text; "" when nothing).

    >>> audit_note("hedged", {"phrases": ["could (roughly_even_chance)"], "confidence": None})
    'could (roughly_even_chance); no confidence recorded'
    >>> audit_note("numeric-inconsistency", {"earlier": "nc-2022", "detail": "x"})
    'against nc-2022: x'
    """
    if category == "numeric-inconsistency":
        return f"against {item.get('earlier')}: {item.get('detail') or item.get('phrase')}"
    note = ", ".join(item.get("phrases") or ())
    if category == "hedged":
        conf = item.get("confidence")
        note += f"; confidence {conf}" if conf else "; no confidence recorded"
    return note


def audit_markdown(report: dict[str, Any], limit: int | None = None) -> str:
    """The audit as a Markdown document (lists cut at ``limit`` items when given).

    >>> print(audit_markdown({"case": "demo", "claims": 0, "by_status": {},
    ...                       "counts": {c: 0 for c in CATEGORIES},
    ...                       **{c: [] for c in CATEGORIES}}).splitlines()[0])
    # Audit of demo
    """
    title = report["case"] or "all cases"
    lines = [f"# Audit of {title}", "",
             f"{report['claims']} claims: " + (", ".join(
                 f"{n} {s}" for s, n in report["by_status"].items()) or "none"), "",
             "| weak spot | count |", "|---|---:|"]
    lines += [f"| {c} | {report['counts'][c]} |" for c in CATEGORIES]
    for cat in CATEGORIES:
        items = report[cat]
        if not items:
            continue
        lines += ["", f"## {cat} ({len(items)})", ""]
        for item in items[:limit] if limit else items:
            lines.append("- " + _md_item(cat, item))
        if limit and len(items) > limit:
            lines.append(f"- … and {len(items) - limit} more")
    return "\n".join(lines) + "\n"


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
