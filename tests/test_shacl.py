"""SHACL shapes catch broken RDF from anywhere; a case build conforms; `claimgraph check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.errors import ClaimgraphError, Problem
from claimgraph.graph.cli import app
from claimgraph.graph.mapping import case_to_nquads
from claimgraph.graph.shacl import check_rdf, load_rdf
from claimgraph.sources.validation import validate_case

FIXTURES = Path(__file__).parent / "fixtures"
RDF_DIR = FIXTURES / "rdf"
runner = CliRunner()


def _lines(problems: list[Problem]) -> list[str]:
    return [f"{p.severity} {p.message}" for p in problems]


def test_hand_written_valid_claim_conforms() -> None:
    assert check_rdf(RDF_DIR / "valid-minimal.ttl") == []


def test_claim_without_evidence_is_caught_as_a_warning() -> None:
    assert _lines(check_rdf(RDF_DIR / "claim-without-evidence.ttl")) == [
        "warning <https://example.org/colleague/c2> cg:evidence: "
        "the claim has no evidence (cg:evidence): it is unsourced"]


def test_evidence_without_source_is_a_violation() -> None:
    problems = check_rdf(RDF_DIR / "evidence-without-source.ttl")
    assert _lines(problems) == [
        "error <https://example.org/colleague/c3-e0> prov:wasQuotedFrom: evidence needs exactly "
        "one prov:wasQuotedFrom, a source"]
    assert problems[0].file == str(RDF_DIR / "evidence-without-source.ttl")
    assert problems[0].code == "shacl-MinCount"


def test_selector_without_exact_and_reversed_positions() -> None:
    assert _lines(check_rdf(RDF_DIR / "selector-without-exact.ttl")) == [
        "error <https://example.org/colleague/pos> oa:start: a TextPositionSelector needs one "
        "oa:start, 0 <= start <= end (value: \"40\"^^<http://www.w3.org/2001/XMLSchema#integer>)",
        "error <https://example.org/colleague/sel> oa:exact: a TextQuoteSelector needs exactly "
        "one oa:exact, a text"]


def test_claim_without_subject_predicate_object() -> None:
    messages = _lines(check_rdf(RDF_DIR / "claim-without-spo.ttl"))
    c4 = "<https://example.org/colleague/c4>"
    assert messages == [
        f"error {c4} cg:object: a claim needs exactly one cg:object, an entity",
        f"error {c4} cg:predicate: a claim needs exactly one cg:predicate, a known predicate concept",
        f"error {c4} cg:subject: a claim needs exactly one cg:subject, an entity",
        f"warning {c4} cg:evidence: the claim has no evidence (cg:evidence): it is unsourced"]


def test_unknown_concepts_and_values_across_named_graphs() -> None:
    messages = "\n".join(_lines(check_rdf(RDF_DIR / "unknown-concepts.trig")))
    assert "cg:kind: an entity needs exactly one cg:kind, a known entity-kind concept" in messages
    assert "vocab/kind/stat" in messages
    assert "cg:predicate: a claim needs exactly one cg:predicate, a known predicate concept" in messages
    assert 'cg:polarity: a claim needs exactly one cg:polarity, "affirmed" or "denied"' in messages


def test_anchor_on_another_source_is_caught() -> None:
    text = (RDF_DIR / "valid-minimal.ttl").read_text("utf-8").replace(
        "oa:hasSource ex:report", "oa:hasSource ex:elsewhere")
    assert _lines(check_rdf(text, fmt="turtle")) == [
        "error <https://example.org/colleague/c1-e0>: the anchor's oa:hasSource is not the "
        "evidence's source (prov:wasQuotedFrom) (value: <https://example.org/colleague/elsewhere>)"]


@pytest.mark.parametrize("name", ["store-alpha", "provenance-acceptance"])
def test_a_built_fixture_case_conforms(name: str) -> None:
    result = validate_case(FIXTURES / "cases" / name)
    assert result.ok and result.case is not None
    text = case_to_nquads(result.case, texts=result.texts, anchors=result.anchors)
    problems = check_rdf(text, fmt="nquads")
    # provenance-acceptance has one deliberately unsourced claim (a validation warning too)
    expected = [p for p in result.problems if p.code == "no-evidence"]
    assert [p.severity for p in problems] == ["warning"] * len(expected)


def test_bundled_case_conforms() -> None:
    result = validate_case(Path(__file__).parent.parent / "cases" / "china-russia-nitrocellulose")
    assert result.case is not None and result.ok, [p.format() for p in result.problems]
    problems = check_rdf(case_to_nquads(result.case, texts=result.texts, anchors=result.anchors),
                         fmt="nquads")
    assert [p for p in problems if p.severity == "error"] == []


def test_jsonld_with_our_context_is_read_offline() -> None:
    g = load_rdf(RDF_DIR / "claim-context.jsonld")
    assert len(g) == 3  # type, text, polarity
    messages = _lines(check_rdf(RDF_DIR / "claim-context.jsonld"))
    assert any("cg:subject" in m for m in messages)


def test_remote_contexts_are_refused() -> None:
    with pytest.raises(ClaimgraphError, match="never fetches"):
        load_rdf(RDF_DIR / "remote-context.jsonld")


def test_syntax_errors_and_unknown_suffixes_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match="not valid turtle"):
        load_rdf(RDF_DIR / "bad-syntax.ttl")
    other = tmp_path / "data.docx"
    other.write_text("x")
    with pytest.raises(ClaimgraphError, match="cannot tell the RDF format"):
        load_rdf(other)


# --- the command ------------------------------------------------------------------------------
def test_cli_check_prints_one_line_per_result_and_exits_1() -> None:
    res = runner.invoke(app, ["check", str(RDF_DIR / "evidence-without-source.ttl"),
                              str(RDF_DIR / "selector-without-exact.ttl")])
    assert res.exit_code == 1
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(f"{RDF_DIR / 'evidence-without-source.ttl'}: error[shacl-MinCount]: "
                               "<https://example.org/colleague/c3-e0> prov:wasQuotedFrom:")
    assert lines[-1] == "2 file(s): does not conform — 3 violation(s), 0 warning(s)"


def test_cli_check_valid_file_exits_0() -> None:
    res = runner.invoke(app, ["check", str(RDF_DIR / "valid-minimal.ttl")])
    assert res.exit_code == 0, res.stdout
    assert "conforms — 0 violation(s), 0 warning(s)" in res.stdout


def test_cli_check_warnings_fail_unless_allowed() -> None:
    path = str(RDF_DIR / "claim-without-evidence.ttl")
    assert runner.invoke(app, ["check", path]).exit_code == 1
    res = runner.invoke(app, ["check", path, "--allow-warnings"])
    assert res.exit_code == 0
    assert "warning[shacl-MinCount]" in res.stdout


def test_cli_check_json_and_unreadable_files(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", str(RDF_DIR / "bad-syntax.ttl"),
                              str(RDF_DIR / "claim-without-spo.ttl"), "--format", "json"])
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    assert (data["ok"], data["errors"], data["warnings"]) == (False, 4, 1)
    assert data["problems"][0]["code"] == "rdf-read"


def test_cli_check_rdf_format_option_for_odd_suffixes(tmp_path: Path) -> None:
    odd = tmp_path / "export.data"
    odd.write_text((RDF_DIR / "valid-minimal.ttl").read_text("utf-8"))
    res = runner.invoke(app, ["check", str(odd)])
    assert res.exit_code == 1 and "cannot tell the RDF format" in res.stdout
    assert runner.invoke(app, ["check", str(odd), "--rdf-format", "turtle"]).exit_code == 0


def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.ttl"
    with pytest.raises(ClaimgraphError, match="cannot read"):
        load_rdf(missing)
    res = runner.invoke(app, ["check", str(missing)])
    assert res.exit_code == 1
    assert "error[rdf-read]" in res.stdout


def test_a_whole_store_export_conforms_and_a_broken_copy_does_not(tmp_path: Path) -> None:
    from claimgraph.graph.build import build_case
    from claimgraph.graph.store import open_store

    store = open_store(":memory:")
    build_case(FIXTURES / "cases" / "store-alpha", store)
    export = tmp_path / "export.trig"
    export.write_bytes(store.export("trig"))  # data, provenance, derived and catalogue graphs
    assert check_rdf(export) == []
    broken = tmp_path / "broken.nq"
    broken.write_bytes(b"".join(
        line + b"\n" for line in store.export("nquads").splitlines()
        if b"http://www.w3.org/ns/oa#exact" not in line))
    problems = check_rdf(broken)
    assert problems and {p.code for p in problems} == {"shacl-MinCount"}
    assert all("a TextQuoteSelector needs exactly one oa:exact" in p.message for p in problems)
