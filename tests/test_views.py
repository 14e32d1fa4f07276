"""Network views without a browser: escaping, styles from data, layout, determinism."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.graph.views import (
    ViewData,
    ViewGraph,
    focus_view,
    load_view_styles,
    network_graph,
    network_view,
    provenance_view,
    render_network_page,
    vis_payload,
)
from claimgraph.graph.views.highlight import Span, context, mark_spans
from claimgraph.graph.views.layout import spring_positions
from claimgraph.graph.views.project import VIEW_FILTERS
from claimgraph.graph.views.safe import safe_filename, safe_url, script_json
from claimgraph.schema.models import Case, CaseMeta, Claim, Entity, Source
from claimgraph.schema.vocab import load_vocabulary

PAYLOAD = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'

# A resource the browser would fetch: src/href/action/poster attributes, CSS url() and @import.
# (Links a reader may follow are checked separately: http(s) anchors must be rel=noopener.)
EXTERNAL_RESOURCE = re.compile(
    r"""(?:\b(?:src|action|poster|srcset|data|formaction)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""", re.IGNORECASE)


def _case() -> Case:
    return Case(
        meta=CaseMeta(id="demo", title="Demo " + PAYLOAD),
        entities=[Entity(id="cn", name="China " + PAYLOAD, kind="state"),
                  Entity(id="ru", name="Russia", kind="state"),
                  Entity(id="nc", name="Nitrocellulose", kind="commodity"),
                  Entity(id="why", name="Counterbalance", kind="motive")],
        sources=[Source(id="art", title="Article", kind="analysis", cites=["wire"]),
                 Source(id="wire", title="Wire " + PAYLOAD, kind="wire_report")],
        claims=[Claim.model_validate(c) for c in [
            {"id": "c1", "text": "China supplies Russia " + PAYLOAD, "subject": "cn",
             "predicate": "supplies", "object": "ru", "item": "nc", "motives": ["why"],
             "evidence": [{"source": "art", "quote": "China supplies"}]},
            {"id": "c2", "text": "China supplies Russia, again.", "subject": "cn",
             "predicate": "supplies", "object": "ru", "polarity": "denied"},
            {"id": "c3", "text": "Russia supports China.", "subject": "ru",
             "predicate": "supports", "object": "cn"},
        ]])


def test_script_json_cannot_close_its_element() -> None:
    text = script_json({"a": PAYLOAD + "\u2028\u2029<!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": PAYLOAD + "\u2028\u2029<!--"}


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.text() | st.integers() | st.booleans() | st.none(),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12))
def test_script_json_round_trips_and_stays_inert(value: object) -> None:
    text = script_json(value)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


def test_safe_url_only_lets_plain_http_links_through() -> None:
    assert safe_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2"
    assert safe_url("HTTP://EXAMPLE.ORG") == "HTTP://EXAMPLE.ORG"
    for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.org",
                'https://example.org/"><script>x</script>', "https://a b", "vbscript:x",
                "file:///etc/passwd", "", None]:
        assert safe_url(bad) is None, bad


@given(st.text(min_size=1, max_size=300))
def test_safe_filename_is_always_a_plain_name(ident: str) -> None:
    name = safe_filename(ident)
    assert re.fullmatch(r"[A-Za-z0-9_.\-]+", name)
    assert not name.startswith(".") and len(name) <= 140
    assert name.split(".")[0].lower() not in {"con", "nul", "aux", "prn"}


def test_safe_filename_keeps_ids_apart_on_case_blind_file_systems() -> None:
    names = {safe_filename(i).lower() for i in ["abc", "ABC", "Abc", "a_c", "a.c", "CON", "con"]}
    assert len(names) == 7


def test_layout_is_deterministic_and_order_free() -> None:
    nodes = [f"n{i}" for i in range(40)]
    edges = [(f"n{i}", f"n{(i * 7) % 40}") for i in range(40)]
    a = spring_positions(nodes, edges, seed=3)
    b = spring_positions(list(reversed(nodes)), list(reversed(edges)), seed=3)
    assert a == b
    assert a != spring_positions(nodes, edges, seed=4)
    assert len({a[n] for n in nodes}) == 40  # no two nodes on one spot


def test_large_layout_separates_nodes() -> None:
    nodes = [str(i) for i in range(700)]
    edges = [(str(i), str((i * 13 + 1) % 700)) for i in range(2100)]
    pos = spring_positions(nodes, edges)
    xs = sorted(p[0] for p in pos.values())
    assert xs[-1] - xs[0] > 1000  # spread out, not collapsed to a point


def test_styles_come_from_the_vocabulary_data() -> None:
    vocab = load_vocabulary()
    styles = load_view_styles()
    data = vis_payload(network_graph(_case()))
    by_id = {n["id"]: n for n in data["nodes"]}
    groups = data["options"]["groups"]  # one vis-network group per kind, in the options
    assert by_id["cn"]["group"] == "state"
    assert groups["state"]["color"]["background"] == vocab.entity_kinds["state"].style.color
    assert by_id["cn"]["shape"] == groups["state"]["shape"] == vocab.entity_kinds[
        "state"].style.shape
    assert by_id["nc"]["shape"] == vocab.entity_kinds["commodity"].style.shape
    edges = {e["id"]: e for e in data["edges"]}
    info = data["edgeInfo"]
    assert info["ru>supports>cn"]["status"] == "unsourced"
    assert edges["ru>supports>cn"]["dashes"] == list(styles.status("unsourced").dashes)
    assert edges["ru>supports>cn"]["color"]["color"] == styles.status("unsourced").color
    # the legend lists exactly what is drawn
    assert {k["id"] for k in data["legend"]["kinds"]} == {i["kind"] for i in
                                                          data["nodeInfo"].values()}
    assert {s["id"] for s in data["legend"]["statuses"]} == {i["status"] for i in info.values()}


def test_a_denial_is_drawn_as_a_denial_and_weakens_what_it_denies() -> None:
    styles = load_view_styles()
    case = Case(meta=CaseMeta(id="d", title="D"),
                entities=[Entity(id=i, name=i.upper(), kind="state") for i in ("a", "b")]
                + [Entity(id=i, name=i.upper(), kind="commodity") for i in ("x", "y")],
                claims=[Claim.model_validate({"id": cid, "text": cid, "subject": "a",
                                              "predicate": "supplies", "object": "b", **kw})
                        for cid, kw in [("yes", {"item": "x"}),
                                        ("no-x", {"item": "x", "polarity": "denied"}),
                                        ("no-y", {"item": "y", "polarity": "denied"})]])
    g = network_graph(case)
    edges = {e["id"]: e for e in g.edges}
    # the affirmed edge lists the denial of the same item, and is weakened by it (to the floor)
    assert edges["a>supplies>b"]["claims"] == ["yes", "no-x"]
    assert edges["a>supplies>b"]["status"] == "unsourced"
    assert edges["a>supplies>b"]["weight"] == 0.05
    # a denial of another item denies something else: an edge of its own, drawn as denied
    denial = edges["a>supplies:denied>b"]
    assert (denial["status"], denial["claims"]) == ("denied", ["no-y"])
    assert "(denied)" in denial["label"]
    drawn = {e["id"]: e for e in vis_payload(g)["edges"]}["a>supplies:denied>b"]
    assert drawn["dashes"] == list(styles.status("denied").dashes)
    assert drawn["color"]["color"] == styles.status("denied").color
    # the denial's item is drawn as a denied "what"
    assert edges["a>item>y"]["status"] == "denied" and edges["a>item>x"]["derived"]


def test_edge_colour_and_width_follow_predicate_and_weight() -> None:
    styles = load_view_styles()
    g = ViewGraph("w")
    for n in "abc":
        g.add_node(n, n.upper(), "state")
    g.add_edge("a", "b", "supports", status="corroborated", weight=2.5, claims=["x"])
    g.add_edge("b", "c", "supports", status="corroborated", weight=0.6, claims=["y"])
    edges = {e["id"]: e for e in vis_payload(g)["edges"]}
    assert edges["x"]["color"]["color"] == load_vocabulary().predicates["supports"].style.color
    assert edges["x"]["width"] == styles.edge_width(2.5) > edges["y"]["width"]
    assert edges["x"]["dashes"] is False


def test_parallel_edges_stay_apart_and_bend() -> None:
    g = ViewGraph("p")
    g.add_node("a", "A", "state")
    g.add_node("b", "B", "state")
    for i, (st_, pred) in enumerate([("corroborated", "supplies"),
                                     ("single-origin", "supports"), ("contested", "opposes")]):
        g.add_edge("a", "b", pred, status=st_, claims=[f"c{i}"])
    edges = vis_payload(g)["edges"]
    assert len(edges) == 3
    assert [bool(e["smooth"]) for e in edges] == [False, True, True]


def test_network_graph_draws_one_edge_per_triple_and_the_derived_layers() -> None:
    g = network_graph(_case())
    assert sorted(n["id"] for n in g.nodes) == ["cn", "nc", "ru", "why"]
    assert sorted(e["id"] for e in g.edges) == [
        "cn>item>nc", "cn>motivated_by>why", "cn>supplies>ru", "ru>supports>cn"]
    derived = sorted((e["predicate"], e["from"], e["to"], e["claims"]) for e in g.edges
                     if e.get("derived"))
    assert derived == [("item", "cn", "nc", ["c1"]), ("motive", "cn", "why", ["c1"])]
    plain = network_graph(_case(), filters=replace(VIEW_FILTERS, motives=False, items=False))
    assert len(plain.nodes) == 2


def test_page_is_self_contained_and_escaped() -> None:
    html = render_network_page(network_graph(_case()))
    assert not EXTERNAL_RESOURCE.search(html)
    assert "<img src=x" not in html
    assert "<script>window.__pwned" not in html
    assert "Demo &lt;/script&gt;" in html  # the title, escaped as text
    # in-line scripts are allowed by hash only
    assert "'unsafe-inline'" not in html.split("<style>")[0].split("script-src")[1].split(";")[0]


def test_page_is_deterministic() -> None:
    case = _case()
    assert render_network_page(network_graph(case)) == render_network_page(network_graph(case))


def test_focus_and_provenance_views() -> None:
    data = ViewData.from_case(_case())
    f = focus_view(data, "ru").graph
    assert {n["id"] for n in f.nodes} == {"ru", "cn"}
    assert [n["id"] for n in f.nodes if n.get("focus")] == ["ru"]
    p = provenance_view(data, "c1").graph
    ids = {n["id"] for n in p.nodes}
    assert ids == {"claim:c1", "evidence:c1:1", "source:art", "source:wire"}
    assert ("source:art", "source:wire") in {(e["from"], e["to"]) for e in p.edges}


def test_notebook_repr_is_a_sandboxed_srcdoc_iframe() -> None:
    v = network_view(ViewData.from_case(_case()))
    html = v._repr_html_()
    assert html.startswith("<iframe srcdoc=\"") and 'sandbox="allow-scripts"' in html
    attr = html.split('srcdoc="', 1)[1].split('" sandbox=', 1)[0]
    assert '"' not in attr and "<" not in attr  # the whole page is one escaped attribute
    assert not EXTERNAL_RESOURCE.search(v.html())


def test_save_writes_utf8(tmp_path) -> None:
    v = network_view(ViewData.from_case(_case()))
    path = v.save(tmp_path / "v.html")
    assert path.read_bytes().decode("utf-8") == v.html()


def test_mark_spans_escapes_and_handles_overlaps() -> None:
    text = "ab <x> cd ef"
    out = str(mark_spans(text, [Span(0, 6, id="a", href="../claims/a.html"),
                                Span(3, 9, id="b", href="../claims/b.html")]))
    assert "<x>" not in out and "&lt;x&gt;" in out
    assert out.count('id="a"') == 1 and out.count('id="b"') == 1
    # order of the spans does not matter
    assert out == str(mark_spans(text, [Span(3, 9, id="b", href="../claims/b.html"),
                                        Span(0, 6, id="a", href="../claims/a.html")]))
    assert str(mark_spans("abc", [Span(2, 9)])) == "abc"  # out of range: ignored
    assert "&lt;" in str(context("<" * 600, 300, 301))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80),
       st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90), st.booleans()), max_size=6))
def test_marked_text_reads_back_as_the_original(text: str, raw: list) -> None:
    import html as html_mod

    spans = [Span(a, b, id=f"s{i}", href="../claims/x.html" if link else None)
             for i, (a, b, link) in enumerate(raw)]
    out = str(mark_spans(text, spans))
    stripped = re.sub(r"</?(?:mark|a)\b[^>]*>", "", out)
    assert "<" not in stripped
    assert html_mod.unescape(stripped) == text


def test_unknown_shapes_from_a_case_fall_back_to_dots() -> None:
    from claimgraph.graph.views.styles import load_view_styles as lvs
    from claimgraph.schema.vocab import EntityKind, KindStyle, VocabularyExtension

    vocab = load_vocabulary().extend(VocabularyExtension(entity_kinds=(
        EntityKind(id="gadget", label="Gadget", parent="thing",
                   style=KindStyle(color="#123456", shape="<script>")),)))
    g = ViewGraph("s")
    g.add_node("a", "A", "gadget")
    data = vis_payload(g, lvs().with_vocabulary(vocab))
    assert data["nodes"][0]["shape"] == data["options"]["groups"]["gadget"]["shape"] == "dot"
    assert data["options"]["groups"]["gadget"]["color"]["background"] == "#123456"


def test_the_inlined_vis_network_is_the_pinned_one() -> None:
    """An upgrade of pyvis that changes the asset must fail here, not change every page."""
    import hashlib
    import tomllib
    from pathlib import Path

    from claimgraph.graph.views.assets import VIS_VERSION, vis_js, vis_source

    raw = vis_source()
    assert hashlib.sha256(raw).hexdigest() == (
        "1f20f0736f32cb9bedf8f6383b25cfea2f839e1abe80d6e8040b4d5bea378c69")
    assert re.search(rb"@version\s+9\.1\.2\b", raw[:400]) and VIS_VERSION == "9.1.2"
    assert "</script" not in vis_js() and "\r" not in vis_js()  # CSP hashes what HTML reads
    deps = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))
    assert "pyvis>=0.3.2,<0.3.3" in deps["project"]["dependencies"]


def test_pyvis_builds_the_network_and_our_template_renders_it() -> None:
    """pyvis's Network holds the drawn nodes, edges and options; the page is ours."""
    from claimgraph.graph.views.render import pyvis_network, vis_options

    g = network_graph(_case())
    net = pyvis_network(g)
    assert [n["id"] for n in net.nodes] == [n["id"] for n in g.nodes]
    assert [e["id"] for e in net.edges] == [e["id"] for e in g.edges]
    assert net.options["groups"].keys() == {"state", "commodity", "motive"}
    assert net.options == vis_options(len(g.nodes), net.options["groups"])
    # what the page draws is exactly what pyvis hands a custom template
    nodes, edges, heading, _h, _w, options = net.get_network_data()
    payload = vis_payload(g)
    assert (payload["nodes"], payload["edges"], payload["title"]) == (nodes, edges, heading)
    assert payload["options"] == json.loads(options)
    assert net.options["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in net.nodes)  # laid out in Python
    page = render_network_page(g)
    assert "cdn" not in page.lower() and "bootstrap" not in page.lower()
