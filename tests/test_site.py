"""The casebook site, written from a real on-disk store: pages, escaping, offline, determinism."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimgraph.errors import SiteError
from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.store import open_store
from claimgraph.graph.views import load_view_data, write_site
from claimgraph.graph.views.safe import safe_filename

FIXTURES = Path(__file__).parent / "fixtures" / "cases"
PAYLOAD = "window.__pwned=1"
# (Links a reader may follow are checked separately: http(s) anchors must be rel=noopener.)
EXTERNAL_RESOURCE = re.compile(
    r"""(?:\b(?:src|action|poster|srcset|data|formaction)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""", re.IGNORECASE)


class _Audit(HTMLParser):
    """Collect what could run or fetch: elements, event-handler attributes, links, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.links: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[dict[str, str | None]] = []
        self._in_script = False
        self.script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "img" and (a.get("src") or "").startswith("data:image/svg+xml;base64,"):
            tag = "chart"  # the timeline chart: an SVG in <img>, which cannot run script
        self.tags.append(tag)
        self.handlers += [(tag, k) for k in a if k.lower().startswith("on")]
        if tag == "a" and "href" in a:
            self.links.append((a["href"] or "", a))
        if tag == "script":
            self.scripts.append(a)
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text.append(data)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("store") / "db"
    store = open_store(path)
    build_case(FIXTURES / "hostile", store)
    yield store, path
    store.close()


@pytest.fixture(scope="module")
def hostile_site(hostile_store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store, _ = hostile_store
    out = tmp_path_factory.mktemp("site") / "site"
    write_site(load_view_data(store, "hostile"), out)
    return out


def test_every_page_is_written(hostile_site: Path) -> None:
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    expected = {"index.html", "network.html", "motives.html", "timeline.html", "audit.html",
                *(f"claims/{c}.html" for c in ["c-attr", "c-rtl", "c-script", "c-unsourced"]),
                *(f"entities/{e}.html" for e in ["evil-state", "motive-x", "powder",
                                                 "quote-corp"]),
                *(f"sources/{s}.html" for s in ["hostile-text", "referred"])}
    assert set(pages) == expected
    for f in ["vis-network.min.js", "network.js", "site.js", "pages.js"]:
        assert (hostile_site / "assets" / f).stat().st_size > 1000


def test_no_case_string_becomes_markup(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        html = page.read_text("utf-8")
        audit = _Audit()
        audit.feed(html)
        assert not audit.handlers, (page, audit.handlers)
        assert not {"img", "svg", "iframe", "b", "object", "embed", "form"} & set(audit.tags), page
        for href, attrs in audit.links:
            assert not href.lower().lstrip().startswith(("javascript:", "data:", "vbscript:"))
            if href.startswith(("http://", "https://")):
                assert "noopener" in (attrs.get("rel") or ""), (page, href)
                assert '"' not in href and "<" not in href
        for s in audit.scripts:  # only our own files, or JSON data
            assert (s.get("type") == "application/json"
                    or (s.get("src") or "").endswith(("vis-network.min.js", "network.js",
                                                      "site.js", "pages.js"))), (page, s)
        assert all(PAYLOAD not in t or t.lstrip().startswith("{") for t in audit.script_text)
        assert "<script>window" not in html


def test_literal_text_is_shown(hostile_site: Path) -> None:
    html = (hostile_site / "entities" / "evil-state.html").read_text("utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;Evilstan" in html
    src = (hostile_site / "sources" / "hostile-text.html").read_text("utf-8")
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in src


def test_offline_no_external_resources(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        assert not EXTERNAL_RESOURCE.search(page.read_text("utf-8")), page


def test_bad_url_is_text_and_good_url_is_a_noopener_link(hostile_site: Path) -> None:
    bad = (hostile_site / "sources" / "hostile-text.html").read_text("utf-8")
    assert 'href="https://example.org/' not in bad
    good = (hostile_site / "sources" / "referred.html").read_text("utf-8")
    assert ('<a href="https://example.org/report?a=1&amp;b=2" rel="noopener noreferrer '
            'nofollow"') in good


def test_source_page_marks_every_anchored_quote(hostile_site: Path) -> None:
    html = (hostile_site / "sources" / "hostile-text.html").read_text("utf-8")
    for claim, i in [("c-script", 0), ("c-script", 1), ("c-attr", 0), ("c-attr", 1),
                     ("c-rtl", 0)]:
        assert f'id="q-{claim}-{i}"' in html
        assert f'href="../claims/{claim}.html"' in html


def test_claim_page_shows_quote_in_context_hedges_and_contradiction(hostile_site: Path) -> None:
    html = (hostile_site / "claims" / "c-script.html").read_text("utf-8")
    assert html.count('class="cg-context') == 2
    assert 'class="cg-hedge"' in html  # "reportedly"
    assert 'href="../claims/c-attr.html"' in html  # contradicted by the denial
    assert 'href="../sources/hostile-text.html#q-c-script-0"' in html


def test_site_is_deterministic(hostile_store, tmp_path: Path) -> None:
    store, _ = hostile_store
    a = write_site(load_view_data(store, "hostile"), tmp_path / "a").parent
    b = write_site(load_view_data(store, "hostile"), tmp_path / "b").parent
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_rewrite_replaces_an_old_casebook_but_not_other_folders(hostile_store,
                                                                 tmp_path: Path) -> None:
    store, _ = hostile_store
    data = load_view_data(store, "hostile")
    out = tmp_path / "site"
    write_site(data, out)
    (out / "claims" / "stale.html").write_text("old", "utf-8")
    write_site(data, out)
    assert not (out / "claims" / "stale.html").exists()
    other = tmp_path / "mine"
    other.mkdir()
    (other / "thesis.txt").write_text("precious", "utf-8")
    with pytest.raises(SiteError, match="not empty"):
        write_site(data, other)
    assert (other / "thesis.txt").read_text("utf-8") == "precious"


def test_safe_file_names_for_every_page(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        assert page.stem == safe_filename(page.stem)


def test_cli_site_and_view(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "db"
    store = open_store(path)
    build_case(FIXTURES / "hostile", store)
    store.close()  # the CLI opens it read-only on its own
    out = tmp_path / "cli-site"
    assert main(["--store", str(path), "site", "hostile", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed[-1] == str((out / "index.html").resolve())
    page = tmp_path / "v.html"
    assert main(["--store", str(path), "view", "--out", str(page), "--focus",
                 "evil-state"]) == 0
    assert page.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert main(["--store", str(path), "view", "--out", str(page), "--claim",
                 "c-rtl"]) == 0
    assert "evidence:c-rtl:1" in page.read_text("utf-8")
    assert main(["--store", str(path), "view", "nope", "--out", str(page)]) == 1
    assert "no case 'nope'" in capsys.readouterr().err


def test_view_reads_fast_and_keeps_its_summary_by_build(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture) -> None:
    """`view` reads the case as the analytics do and draws the same page as from a full
    read; a summary is kept in the analytics cache by build id and drawn from it next time."""
    import json

    from claimgraph.graph.views import network_view

    path = tmp_path / "db"
    store = open_store(path)
    cid = build_case(FIXTURES / "hostile", store).case_id
    full = network_view(load_view_data(store, cid, timeline=False), summary=True).html()
    plain = network_view(load_view_data(store, cid, timeline=False)).html()
    cache = store.cache_folder()
    store.close()
    assert cache is not None
    first, again = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["--store", str(path), "view", "--summary", "--out", str(first)]) == 0
    assert first.read_text("utf-8") == full
    kept = sorted((cache / "analytics").rglob("view-summary-*.json"))
    assert len(kept) == 1
    doc = json.loads(kept[0].read_text("utf-8"))
    doc["value"]["graph"]["title"] = "drawn from the cache"
    kept[0].write_text(json.dumps(doc), "utf-8")
    assert main(["--store", str(path), "view", "--summary", "--out", str(again)]) == 0
    assert "drawn from the cache" in again.read_text("utf-8")
    # another option is another answer; a network drawn whole is not kept
    assert main(["--store", str(path), "view", "--out", str(again)]) == 0
    assert again.read_text("utf-8") == plain
    assert len(sorted((cache / "analytics").rglob("view-summary-*.json"))) == 1
    capsys.readouterr()


def test_audit_page_says_what_claimgraph_audit_says(hostile_store, hostile_site: Path) -> None:
    from claimgraph.graph.provenance.audit import CATEGORIES, audit

    store, _ = hostile_store
    report = audit(store, "hostile")
    html = (hostile_site / "audit.html").read_text("utf-8")
    for cat in CATEGORIES:  # one spelling: the category is the page's anchor
        assert f'<a href="#{cat}">' in html
        assert re.search(rf'<h2 id="{cat}">[^<]*\({report["counts"][cat]}\)</h2>', html), cat
    assert re.search(r'<h2 id="denied">Denials \(1\)</h2>', html)


@pytest.mark.server
def test_same_casebook_from_embedded_and_remote_store(store, hostile_site: Path,
                                                      tmp_path: Path) -> None:
    """The `store` fixture runs this on an on-disk store and on a real `oxigraph serve`."""
    build_case(FIXTURES / "hostile", store)
    out = write_site(load_view_data(store, "hostile"), tmp_path / "site").parent
    files = sorted(p.relative_to(hostile_site) for p in hostile_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    for rel in files:
        assert (out / rel).read_bytes() == (hostile_site / rel).read_bytes(), rel


def test_a_large_build_prepares_its_summary_view(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture) -> None:
    """A case large enough to be summarised gets its summary drawn by `build` and kept with
    the build id: the first `view` draws what the build kept (a planted title shows it);
    `--no-prepare-view` keeps nothing, and a small case is never prepared."""
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from casegen import generate_case

    root = tmp_path / "case"
    generate_case(root, n_claims=600, n_entities=450, n_sources=40, fmt="jsonl", seed=3)
    path = tmp_path / "db"
    assert main(["--store", str(path), "build", str(root)]) == 0
    assert "prepared the summary view" in capsys.readouterr().out
    with open_store(path, read_only=True) as store:
        cache = store.cache_folder()
    assert cache is not None
    [kept] = sorted((cache / "analytics").rglob("view-summary-*.json"))
    doc = json.loads(kept.read_text("utf-8"))
    doc["value"]["graph"]["title"] = "kept by the build"
    kept.write_text(json.dumps(doc), "utf-8")
    page = tmp_path / "view.html"
    assert main(["--store", str(path), "view", "--out", str(page)]) == 0
    assert "kept by the build" in page.read_text("utf-8")
    other = tmp_path / "db2"
    assert main(["--store", str(other), "build", str(root), "--no-prepare-view"]) == 0
    small = tmp_path / "db3"
    assert main(["--store", str(small), "build", str(FIXTURES / "hostile")]) == 0
    assert "prepared" not in capsys.readouterr().out
    for folder in (other, small):
        with open_store(folder, read_only=True) as store:
            c = store.cache_folder()
        assert c is None or not list(c.rglob("view-summary-*.json"))
