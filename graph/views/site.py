"""Write the casebook: a static, self-contained site for one case.

``index.html`` (summary, counts, audit summary, claim table with search and filter),
``network.html`` (the whole network view), ``claims/<id>.html`` (statement, quotes in
context, hedges, contradictions, provenance view), ``entities/<id>.html`` (claims by and
about it, its ego network), ``sources/<id>.html`` (full text with every anchored quote
marked and linked), ``motives.html``, ``timeline.html``, ``audit.html``; scripts in
``assets/`` (vis-network from the installed pyvis, and ours), CSS in-lined. Nothing is
fetched: the site works from ``file://`` with the network off. Output is deterministic.

Examples
--------
>>> import tempfile, pathlib
>>> from claimgraph.schema.models import Case, CaseMeta, Entity, Claim
>>> case = Case(meta=CaseMeta(id="d", title="Demo <i>"),
...     entities=[Entity(id="cn", name="China", kind="state"),
...               Entity(id="ru", name="Russia", kind="state")],
...     claims=[Claim.model_validate({"id": "c1", "text": "China supplies Russia.",
...         "subject": "cn", "predicate": "supplies", "object": "ru"})])
>>> out = pathlib.Path(tempfile.mkdtemp()) / "site"
>>> index = write_site(ViewData.from_case(case), out)
>>> sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))[:4]
['audit.html', 'claims/c1.html', 'entities/cn.html', 'entities/ru.html']
>>> "Demo &lt;i&gt;" in index.read_text("utf-8")
True
"""

from __future__ import annotations

import base64
import shutil
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from claimgraph.errors import SiteError
from claimgraph.graph.analytics.compare import compare
from claimgraph.schema.statuses import DENIED

from .acrossview import Across, claim_across
from .assets import network_js, pages_css, pages_js, site_css, site_js, vis_js
from .auditview import audit_summary
from .compareview import compare_context, compare_pages
from .motivesview import motive_matrix
from .pages import (
    CaseIndex,
    claim_context,
    claim_row,
    entity_context,
    quantity_text,
    source_context,
)
from .project import VIEW_FILTERS, Links, network_graph, provenance_graph
from .render import environment, network_block, status_css
from .safe import safe_filename
from .sitedata import ViewData
from .styles import ViewStyles, load_view_styles
from .viewgraph import ViewGraph

__all__ = ["EGO_MAX_NEIGHBOURS", "MARKER", "write_site"]

MARKER = ".claimgraph-site"
"""A file written into every casebook folder; only such folders are ever overwritten."""

EGO_MAX_NEIGHBOURS = 60
"""An entity page's ego network shows at most this many neighbours (the best-evidenced)."""

_FOLDERS = ("claims", "entities", "sources", "assets")
_ROOT_PAGES = ("index.html", "network.html", "motives.html", "timeline.html", "audit.html")
_SCRIPT_SRC = "'self' file:"


def claim_folder(out: Path) -> None:
    """Make ``out`` a folder the casebook may write: new, empty or an older casebook (its
    marker file), never a folder of the user's own files."""
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} exists and is not a folder", hint="choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise SiteError(f"{out} is not empty and was not written by claimgraph site",
                        hint="choose a new or empty folder for --out")
    out.mkdir(parents=True, exist_ok=True)


def _prepare(out: Path) -> None:
    claim_folder(out)
    for folder in _FOLDERS:
        if (out / folder).is_dir():
            shutil.rmtree(out / folder)
        (out / folder).mkdir()
    for page in _ROOT_PAGES:
        (out / page).unlink(missing_ok=True)
    for old in out.glob("compare*.html"):
        old.unlink()
    _write(out / MARKER, "This folder is a casebook written by `claimgraph site`.\n")


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


class _Ego:
    """Ego networks of every entity from one network graph, with the index built once."""

    def __init__(self, network: ViewGraph) -> None:
        self.network = network
        self.incident: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in network.edges:
            self.incident[e["from"]].append(e)
            if e["to"] != e["from"]:
                self.incident[e["to"]].append(e)
        self.nodes = {n["id"]: n for n in network.nodes}

    def graph(self, centre: str) -> tuple[ViewGraph, int, int]:
        """(ego graph, neighbours shown, neighbours in all)."""
        weight: dict[str, float] = defaultdict(float)
        for e in self.incident.get(centre, []):
            other = e["to"] if e["from"] == centre else e["from"]
            weight[other] += e["weight"]
        weight.pop(centre, None)
        ranked = sorted(weight, key=lambda k: (-weight[k], k))
        keep = {centre, *ranked[:EGO_MAX_NEIGHBOURS]}
        g = ViewGraph(title=self.nodes[centre]["label"] if centre in self.nodes else centre,
                      kind="focus")
        seen: set[str] = set()
        for nid in sorted(keep):
            if nid in self.nodes:
                n = dict(self.nodes[nid])
                if nid == centre:
                    n["focus"] = True
                g.add_node(**{"node_id": n.pop("id"), "label": n.pop("label"),
                              "kind": n.pop("kind"), **n})
            for e in self.incident.get(nid, []):
                if e["id"] not in seen and e["from"] in keep and e["to"] in keep:
                    seen.add(e["id"])
                    g.edges.append(dict(e))
        for e in g.edges:
            for cid in e["claims"]:
                rec = self.network.claims.get(cid)
                if rec is not None:
                    g.claims[cid] = rec
                    for sid in rec.get("sources", []):
                        if sid in self.network.sources:
                            g.sources[sid] = self.network.sources[sid]
        return g.sort(), len(keep) - 1, len(weight)


def write_site(data: ViewData, out: str | Path, *, styles: ViewStyles | None = None,
               seed: int = 42, across: Across | None = None) -> Path:
    """Write the casebook of ``data`` into folder ``out``; return the path of its index page.

    ``out`` must be new, empty, or a casebook written before (which is replaced).
    ``across``: the store's other cases, for the claim pages' "Across cases" section
    (:mod:`.acrossview`).
    """
    out = Path(out)
    styles = (styles or load_view_styles()).with_vocabulary(data.vocab)
    _prepare(out)
    env = environment()
    case = data.case
    idx = CaseIndex(data)
    css = Markup(site_css() + "\n" + pages_css() + "\n" + status_css(styles))
    lang = case.meta.language if case.meta.language and case.meta.language.isalpha() else "en"
    common = {"css": css, "case_title": case.meta.title, "styles": styles,
              "script_src": _SCRIPT_SRC, "lang": lang, "compare": bool(compare_pages(case)),
              "store_index": bool(across and across.linked)}
    many = across is not None and len(across.store.cases) > 1

    _write(out / "assets" / "vis-network.min.js", vis_js())
    _write(out / "assets" / "network.js", network_js())
    _write(out / "assets" / "site.js", site_js())
    _write(out / "assets" / "pages.js", pages_js())

    def page(path: Path, template: str, root: str, **ctx: Any) -> None:
        html = env.get_template(template).render(**common, root=root, **ctx)
        _write(path, html)

    # -- the whole network --------------------------------------------------------------
    # the who-says-it layer drawn, switched off until the reader turns it on
    net_root = network_graph(case, data.infos, links=Links("."), styles=styles,
                             filters=replace(VIEW_FILTERS, claimants=True))
    net_root.meta["layers_off"] = ["claimants"]
    page(out / "network.html", "network.html", "", title="Network", wide=True, network=True,
         block=network_block(net_root, "cg-network", styles=styles, seed=seed))

    # -- claims ---------------------------------------------------------------------------
    index_pair = (idx.claims, idx.sources)
    sub = Links("..")
    for cid in sorted(idx.claims):
        prov = provenance_graph(case, cid, data.infos, links=sub, _index=index_pair)
        page(out / "claims" / f"{safe_filename(cid)}.html", "claim.html", "../",
             title=f"Claim {cid}", network=True,
             block=network_block(prov, "cg-prov", styles=styles, compact=True, seed=seed),
             across=claim_across(across, case.meta.id, cid) if across and many else None,
             **claim_context(idx, cid, styles))

    # -- entities ---------------------------------------------------------------------------
    net_sub = network_graph(case, data.infos, links=sub, styles=styles)
    ego = _Ego(net_sub)
    for eid in sorted(idx.entities):
        g, shown, total = ego.graph(eid)
        page(out / "entities" / f"{safe_filename(eid)}.html", "entity.html", "../",
             title=idx.entities[eid].name, network=bool(g.nodes),
             block=network_block(g, "cg-ego", styles=styles, compact=True, seed=seed)
             if g.nodes else "",
             truncated=shown < total, shown=shown, total=total,
             **entity_context(idx, eid, styles))

    # -- sources ------------------------------------------------------------------------------
    for sid in sorted(idx.sources):
        page(out / "sources" / f"{safe_filename(sid)}.html", "source.html", "../",
             title=idx.sources[sid].title, **source_context(idx, sid, styles))

    # -- index, motives, timeline, audit -----------------------------------------------------
    audit = audit_summary(idx, "")  # the index tiles print its counts, as `claimgraph audit`
    page(out / "index.html", "index.html", "", title="Casebook", case=case,
         assessed=data.assessed, audit=audit,
         captured=sum(1 for s in case.sources if s.captured),
         quote_only=sum(1 for s in case.sources if s.quote_only),
         claims=[claim_row(idx, c, "", styles) for c in sorted(idx.claims)],
         entities=[{**idx.ref(e, ""), "kind": styles.kind_label(idx.entities[e].kind),
                    "count": len(idx.by_subject.get(e, [])) + len(idx.by_object.get(e, []))
                    + len(idx.by_other_role.get(e, []))} for e in sorted(idx.entities)],
         sources=[{**idx.ref(s, ""), "kind": idx.sources[s].kind,
                   "reliability": idx.sources[s].reliability,
                   "captured": idx.sources[s].captured,
                   "count": len(idx.by_source.get(s, []))} for s in sorted(idx.sources)])
    page(out / "motives.html", "motives.html", "", title="Motives",
         matrix=motive_matrix(idx, styles))
    pages = compare_pages(case)
    for p in pages:
        cmp = compare(case, f"tag:{p['left']}", f"tag:{p['right']}")
        page(out / p["file"], "compare.html", "", title=f"Compare {p['title']}",
             cmp=compare_context(idx, cmp), pages=pages, current=p["file"])
    page(out / "timeline.html", "timeline.html", "", title="Timeline", **_timeline(data, idx))
    page(out / "audit.html", "audit.html", "", title="Audit", audit=audit,
         assessed=data.assessed)
    return out / "index.html"


def _timeline(data: ViewData, idx: CaseIndex) -> dict[str, Any]:
    t = data.timeline
    chart = None
    if t is not None and t.svg:
        chart = "data:image/svg+xml;base64," + base64.b64encode(t.svg.encode("utf-8")).decode()
    rows = []
    for r in t.rows if t else []:
        c = idx.claims.get(r["claim"])
        rows.append({"time": r.get("time"), "text": r.get("text"),
                     "quantity": quantity_text(c.quantity if c else None),
                     "subject": idx.ref(r["subject"], ""), "object": idx.ref(r["object"], ""),
                     "item": idx.ref(r["item"], "") if r.get("item") else None,
                     "label": r.get("label") or r["predicate"], "polarity": r.get("polarity"),
                     "href": idx.href(r["claim"], ""),
                     "status": DENIED if r.get("polarity") == "denied" else r.get("status")})
    return {"chart": chart, "rows": rows, "chart_title": t.title if t else "Dated claims",
            "panels": t.panels if t else []}
