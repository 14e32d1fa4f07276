"""`audit` from the store: counts and lists, three formats, --fail-on; both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.provenance.audit import CATEGORIES, audit, audit_markdown
from claimgraph.graph.store import Store

CASES = Path(__file__).parent / "fixtures" / "cases"
CASE = CASES / "provenance-acceptance"

EXPECTED_COUNTS = {"unsourced": 1, "single-origin": 8, "unanchored": 0, "hedged": 2,
                   "vaguely-attributed": 3, "contested": 4, "numeric-inconsistency": 0,
                   "uncaptured-upstream": 1, "challenges": 0, "rated": 0,
                   "weak-sources": 1, "referred-only-sources": 1}


def run(args: list[str]) -> int:
    """The CLI's exit code, however it ends (return value or SystemExit)."""
    try:
        return main(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    except Exception as exc:  # typer.Exit raised by main() for library errors
        return int(getattr(exc, "exit_code", 1))


def cli_args(store: Store) -> list[str]:
    if store.location.startswith("http"):
        return ["--endpoint", store.location]
    store.close()
    return ["--store", store.location]


def test_audit_lists(store: Store) -> None:
    build_case(CASE, store)
    r = audit(store, "provenance-acceptance")
    assert r["counts"] == EXPECTED_COUNTS and r["claims"] == 10
    assert [c["id"] for c in r["unsourced"]] == ["no-evidence"]
    assert [(c["id"], c["upstream"]) for c in r["uncaptured-upstream"]] == [
        ("customs-only", ["customs"])]
    assert [c["id"] for c in r["contested"]] == ["belarus-route", "denial", "q-early-2024",
                                                 "q-rumour-2024"]
    assert r["hedged"][0]["phrases"] == ["reportedly (roughly_even_chance)"]
    assert [c["confidence"] for c in r["hedged"]] == [None, None]  # none recorded
    assert r["weak-sources"] == [{"case": "provenance-acceptance", "id": "rumour",
                                  "title": "Rumour blog post", "reliability": "E"}]
    assert r["referred-only-sources"] == [{"case": "provenance-acceptance", "id": "customs",
                                           "title": "Customs data", "claims": 1,
                                           "attributed": 0}]
    assert r["by_status"] == {"contested": 4, "corroborated": 1, "single-origin": 4,
                              "unsourced": 1}


def test_audit_of_every_case_and_markdown(store: Store) -> None:
    build_case(CASE, store)
    r = audit(store)
    assert r["case"] is None and r["counts"] == EXPECTED_COUNTS
    md = audit_markdown(r, limit=2)
    assert md.startswith("# Audit of all cases\n")
    assert "| Unsourced (`unsourced`) | 1 |" in md and "- … and 6 more" in md
    assert "| Claims by evidence status — each claim once (10) | count |" in md
    assert "roughly\\_even\\_chance" in md  # Markdown-escaped


def test_unanchored_quote_is_listed(store: Store, fixture_case) -> None:
    from claimgraph.graph.mapping import case_to_nquads
    from claimgraph.graph.provenance import assess_case, assessment_to_nquads
    from claimgraph.graph.store.catalog import CaseGraphs, CaseInfo, build_graph
    from claimgraph.sources.validation import validate_case

    # `build` refuses a case whose quote is not found: load its graphs the way build does
    result = validate_case(fixture_case("provenance-typo"))
    assert result.case is not None
    cid = "provenance-typo"
    graphs = CaseGraphs(data=build_graph(cid, "data", "b1"),
                        derived=build_graph(cid, "derived", "b1"))
    data = case_to_nquads(result.case, texts=result.texts, anchors=result.anchors,
                          graph=graphs.data)
    derived = assessment_to_nquads(assess_case(result), cid, graphs.derived or "")
    store.replace([CaseInfo(cid, "case", "Typo", "b1", "2026-01-01T00:00:00Z", graphs,
                            {"claims": 1})],
                  [("data", data.encode()), ("derived", derived.encode())])
    r = audit(store, cid)
    assert [c["id"] for c in r["unanchored"]] == ["typo"]
    assert r["by_status"] == {"unanchored": 1}


def test_cli_formats_and_fail_on(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    build_case(CASE, store)
    args = cli_args(store)
    assert main([*args, "audit", "provenance-acceptance", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"] == EXPECTED_COUNTS
    assert main([*args, "audit", "--format", "markdown", "--limit", "0"]) == 0
    assert "## referred-only-sources (1)" in capsys.readouterr().out
    assert main([*args, "audit"]) == 0  # the store's only case (the one rule for a case)
    out = capsys.readouterr().out
    assert "Audit of provenance-acceptance: 10 claims" in out
    assert "customs  Customs data" in out
    assert main([*args, "audit", "--fail-on", "unanchored"]) == 0
    capsys.readouterr()
    assert run([*args, "audit", "--fail-on", "unanchored", "--fail-on", "contested"]) == 1
    capsys.readouterr()
    assert run([*args, "audit", "--fail-on", "nonsense"]) == 2
    assert "unknown category 'nonsense'" in capsys.readouterr().err


def test_every_category_is_documented() -> None:
    import claimgraph.graph.provenance.audit as mod

    assert all(f"``{c}``" in (mod.__doc__ or "") for c in CATEGORIES)
