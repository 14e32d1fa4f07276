"""`trace` from the store: the same answers on the embedded store and a real server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.errors import NotFoundError
from claimgraph.graph.build import build_case
from claimgraph.graph.cli import main
from claimgraph.graph.provenance.trace import ClaimMatch, find_claims, trace_claim
from claimgraph.graph.store import Store

CASE = Path(__file__).parent / "fixtures" / "cases" / "provenance-acceptance"
CID = "provenance-acceptance"


def cli_args(store: Store) -> list[str]:
    """Global options pointing the CLI at this store (an embedded one is closed first:
    its opener holds the lock)."""
    if store.location.startswith("http"):
        return ["--endpoint", store.location]
    store.close()
    return ["--store", store.location]


def test_three_articles_one_wire_report(store: Store) -> None:
    build_case(CASE, store)
    t = trace_claim(store, CID, "wire-only")
    assert (t["status"], t["independent_origins"], t["origins"]) == ("single-origin", 1, ["wire"])
    assert [e["source"] for e in t["evidence"]] == ["a1", "a2", "a3"]
    assert all(e["anchored"] and e["anchor_status"] == "exact" for e in t["evidence"])
    assert sorted(t["sources"]) == ["a1", "a2", "a3", "wire"]
    assert t["sources"]["a1"]["cites"] == ["wire"] and t["sources"]["wire"]["captured"]
    assert t["sources"]["wire"]["reliability"] == "B"
    assert len(t["sources"]["wire"]["sha256"]) == 64
    assert t["claimant"] == {"id": "wire", "name": "Wire report", "type": "source"}
    assert t["quantity"] == {"value": 1300, "unit": "t", "approx": False, "bound": None}
    ctx = t["evidence"][0]["context"]
    assert (ctx["before"], ctx["after"]) == ("Daily One. ", ", the wire service reported.\n")


def test_quote_in_context_with_curly_quotes_and_line_break(store: Store) -> None:
    build_case(CASE, store)
    (ev,) = trace_claim(store, CID, "denial")["evidence"]
    assert ev["anchor_status"] == "normalised"
    assert ev["context"]["exact"] == ("said: \u201cChina has never\nsupplied nitrocellulose to "
                                      "Belarus for military use.\u201d")
    assert ev["context"]["before"] == "Ministry statement. The spokesperson "
    t = trace_claim(store, CID, "denial")
    assert (t["status"], t["support"]) == ("contested", "single-origin")


def test_referred_only_sources_and_findings(store: Store) -> None:
    build_case(CASE, store)
    t = trace_claim(store, CID, "customs-only")
    assert t["status"] == "single-origin" and t["checkable_origins"] == ["customs"]
    assert t["notes"] == ["uncaptured-upstream"]
    (ev,) = t["evidence"]
    assert (ev["rests_on"], ev["basis"], ev["rests_on_captured"]) == (
        "customs", "inferred-relay", False)
    assert (ev["attributed_to"], ev["relays"], ev["relays_captured"]) == (None, None, None)
    assert ev["reading"] == ("Customs data (not captured; relay inferred: the document cites "
                             "only it), quoted in Op-ed")
    assert t["sources"]["customs"]["captured"] is False
    assert [(f["kind"], f["phrase"]) for f in t["findings"]] == [
        ("hedge", "reportedly"), ("vague", "experts warn"), ("hedge", "reportedly")]


def test_find_claims_by_id_then_words(store: Store) -> None:
    build_case(CASE, store)
    assert find_claims(store, "denial") == [
        ClaimMatch(CID, "denial", "China denies supplying nitrocellulose to Belarus.")]
    assert [m.id for m in find_claims(store, "NITROCELLULOSE belarus")] == [
        "belarus-route", "denial"]
    assert find_claims(store, "no such words anywhere") == []
    with pytest.raises(NotFoundError, match="no claim 'ghost' in case"):
        trace_claim(store, CID, "ghost")


def test_cli_trace_json_and_tree(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    build_case(CASE, store)
    args = cli_args(store)
    assert main([*args, "trace", "circular", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["origins"] == ["echo-a"] and data["sources"]["echo-a"]["circular_with"] == [
        "echo-b"]
    assert main([*args, "trace", "circular"]) == 0
    out = capsys.readouterr().out
    assert "1 independent origin(s): echo-a" in out and "↺ circular reporting" in out
    assert "✓ exact" in out
    assert main([*args, "trace", "customs-only"]) == 0
    assert "referred-only ✗" in capsys.readouterr().out
    assert main([*args, "trace", "nitrocellulose Belarus"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "2 claims match; trace one by its id:"


def test_cli_trace_unknown_claim_is_an_error(store: Store,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    build_case(CASE, store)
    try:
        code = main([*cli_args(store), "trace", "zzz-unknown"])
    except Exception as exc:  # typer.Exit raised by main() for library errors
        code = int(getattr(exc, "exit_code", -1))
    assert code == 1
    assert "no claim with id or words 'zzz-unknown'" in capsys.readouterr().err


def test_hostile_text_is_printed_literally(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from claimgraph.graph.cli.common import console
    from claimgraph.graph.cli.prov_cmd import render_trace

    data = {"id": "x", "case": "c", "status": None, "text": "[bold red]boom[/] <script>",
            "subject": {"id": "a", "name": "[link=x]A[/link]"}, "predicate": "p",
            "object": {"id": "b", "name": None}, "polarity": "affirmed", "claimant": None,
            "evidence": [], "sources": {}}
    console.print(render_trace(data))
    out = capsys.readouterr().out
    assert "[bold red]boom[/] <script>" in out and "[link=x]A[/link]" in out
