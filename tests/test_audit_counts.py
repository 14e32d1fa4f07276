"""One count everywhere, and ratings everywhere (issue 11 items 7 and 9).

`claimgraph audit` (text, Markdown, JSON), the casebook index tiles and the casebook audit
page print the same counts — the report's ``summary`` — each group under the label that
says what it counts. Checked on a fixture with verdicts (both store backends) and on the
bundled case.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.provenance.audit import audit, audit_markdown
from claimgraph.graph.provenance.auditcounts import GROUPS
from claimgraph.graph.store import Store, open_store
from claimgraph.graph.views.site import write_site
from claimgraph.graph.views.sitedata import load_view_data

REPO = Path(__file__).parent.parent
RATED = Path(__file__).parent / "fixtures" / "cases" / "verdicts"
BUNDLED = REPO / "cases" / "china-russia-nitrocellulose"

Counts = dict[str, dict[str, int]]


def from_json(report: dict[str, Any]) -> Counts:
    return {g["id"]: {r["id"]: r["count"] for r in g["rows"]} for g in report["summary"]}


def from_markdown(md: str) -> Counts:
    by_label = {label: gid for gid, label in GROUPS.items()}
    out: Counts = {}
    group = None
    for line in md.splitlines():
        head = re.match(r"^\| (.+?)(?: \(\d+\))? \| count \|$", line)
        row = re.match(r"^\| .* \(`([^`]+)`\) \| (\d+) \|$", line)
        if head:
            group = by_label[head.group(1)]
            out[group] = {}
        elif row and group:
            out[group][row.group(1)] = int(row.group(2))
        elif not line.startswith("|"):
            group = None
    return out


def from_text(text: str) -> Counts:
    by_label = {label: gid for gid, label in GROUPS.items()}
    out: Counts = {}
    group = None
    for line in text.splitlines():
        label = re.sub(r": \d+$", "", line.strip())
        if label in by_label:
            group = by_label[label]
            out[group] = {}
        elif group and (m := re.match(r"^  (\S+)\s+(\d+)\s*$", line)):
            if m.group(1) != "none":
                out[group][m.group(1)] = int(m.group(2))
        elif not line.strip():
            continue
        else:
            group = None
    return out


def from_html(html: str) -> Counts:
    out: Counts = {}
    group = ""
    for m in re.finditer(r'data-group="([^"]+)"|data-count="([^"]+)"[^>]*>.*?<strong>(\d+)'
                         r"</strong>", html, re.S):
        if m.group(1):
            group = m.group(1)
            out[group] = {}
        else:
            out[group][m.group(2)] = int(m.group(3))
    return out


def _agree(store: Store, case: str, tmp_path: Path,
           capsys: pytest.CaptureFixture[str]) -> Counts:
    """Every output's counts, asserted equal; returns them."""
    report = audit(store, case)
    expected = from_json(report)
    site = write_site(load_view_data(store, case), tmp_path / "site").parent
    index = (site / "index.html").read_text("utf-8")
    audit_page = (site / "audit.html").read_text("utf-8")
    assert from_html(audit_page) == expected
    index_counts = from_html(index)
    assert index_counts == expected
    for label in GROUPS.values():  # each count says what it counts, in every output
        assert label in index and label in audit_page
    assert from_markdown(audit_markdown(report)) == expected
    args = (["--endpoint", store.location] if store.location.startswith("http")
            else ["--store", store.location])
    if not store.location.startswith("http"):
        store.close()
    assert main([*args, "audit", case, "--limit", "1"]) == 0
    text = capsys.readouterr().out
    assert from_text(text) == {g: {k: v for k, v in rows.items()}
                               for g, rows in expected.items()}
    assert main([*args, "audit", case, "--format", "markdown"]) == 0
    assert from_markdown(capsys.readouterr().out) == expected
    assert main([*args, "audit", case, "--format", "json"]) == 0
    assert from_json(json.loads(capsys.readouterr().out)) == expected
    # claims by status: each once, so they add up to the claims
    assert sum(expected["by-status"].values()) == report["claims"]
    return expected


def test_one_count_on_a_rated_fixture(store: Store, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    build_case(RATED, store)
    counts = _agree(store, "verdicts", tmp_path, capsys)
    assert counts["ratings"] == {"mostly_true": 1, "unproven": 1, "misleading": 1}
    assert counts["denials"] == {"denied": 1}


def test_rated_category(store: Store) -> None:
    build_case(RATED, store)
    r = audit(store, "verdicts")
    assert [(c["id"], c["rating"], c["rating_label"], c["excluded_from_analytics"])
            for c in r["rated"]] == [
        ("nc-2022", "mostly_true", "Mostly true", False),
        ("nc-2024", "unproven", "Unproven", False),
        ("no-lethal-weapons", "misleading", "Misleading", True)]
    assert r["counts"]["rated"] == 3
    md = audit_markdown(r)
    assert "| Rated claims by verdict — each rated claim once (3) | count |" in md
    assert "| Misleading (`misleading`) | 1 |" in md
    assert "- `no-lethal-weapons` China has never provided lethal weapons" in md
    assert "Misleading \\(misleading\\); left out of the analytics" in md


def test_rating_shows_on_the_claim_page_and_the_index(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    build_case(RATED, store)
    site = write_site(load_view_data(store, "verdicts"), tmp_path / "site").parent
    store.close()
    page = (site / "claims" / "no-lethal-weapons.html").read_text("utf-8")
    assert re.search(r'<dd class="cg-verdict"><strong>Misleading</strong> <span class="cg-muted">'
                     r"\(misleading, 2025-06; left out of the network analytics\)", page)
    index = (site / "index.html").read_text("utf-8")
    assert '<a href="audit.html#rated">Rated claims by verdict — each rated claim once</a>: 3' \
        in index


def test_one_count_on_the_bundled_case(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(tmp_path / "store")
    build_case(BUNDLED, store)
    counts = _agree(store, "china-russia-nitrocellulose", tmp_path, capsys)
    assert sum(counts["by-status"].values()) == 168
