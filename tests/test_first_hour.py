"""The first hour of a new user (issue 14 item 6), tested from the user's side: the command
a user types, on real case folders and a real store in tmp_path, and the output they read.

- one mistake in case.yaml no longer drops the whole vocabulary extension;
- ``claimgraph vocab`` lists what may be written (``--case``, ``--format json``);
- ``claimgraph claims`` lists and searches claims, ``trace`` searches the same way;
- ``make run CASE=cases/my-case/`` (a trailing slash, a folder not named like the case);
- one rule for ``--case`` in every command, ``$CLAIMGRAPH_CASE``, a case folder as ``--case``;
- piped ``trace`` marks the quote in its context; one alias on two entities is flagged.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.graph.cli import main

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "cases" / "china-russia-nitrocellulose"
FIXTURES = Path(__file__).parent / "fixtures" / "cases"
CLAIMGRAPH = Path(sys.executable).parent / "claimgraph"


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("CLAIMGRAPH_CASE", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# -- a case with four predicates of its own, as the user wrote -------------------
CASE_YAML = """\
id: four-preds
title: Four predicates of its own
vocabulary:
  entity_kinds:
    - {id: industry, label: Industry, parent: actor}
  predicates:
    - id: used_in
      label: is used to make
      inverse_label: is made with
      subject_kinds: [thing]
      object_kinds: [thing]
    - {id: circumvents, label: circumvents, inverse_label: is circumvented by}
    - {id: aligned_with, label: is aligned with, inverse_label: is aligned with}
    - {id: signals, label: signals, inverse_label: is signalled by}
unclaimed:
  - {source: art, text: A heading, reason: Section heading}
"""
DATA_YAML = """\
entities:
  - {id: nc, name: Nitrocellulose, kind: commodity}
  - {id: powder, name: Gunpowder, kind: commodity}
  - {id: china, name: China, kind: state}
  - {id: russia, name: Russia, kind: state}
  - {id: defence, name: Russia's defence industry, kind: industry}
  - {id: sanctions, name: Sanctions, kind: policy}
sources:
  - {id: art, title: An article, kind: news, text: texts/a.txt}
claims:
  - {id: c1, text: Nitrocellulose is used to make gunpowder., subject: nc, predicate: used_in,
     object: powder, evidence: [{source: art, quote: Nitrocellulose is used to make gunpowder.}]}
  - {id: c2, text: China circumvents sanctions., subject: china, predicate: circumvents,
     object: sanctions, evidence: [{source: art, quote: China circumvents sanctions.}]}
  - {id: c3, text: China is aligned with Russia., subject: china, predicate: aligned_with,
     object: russia, evidence: [{source: art, quote: China is aligned with Russia.}]}
  - {id: c4, text: China signals support., subject: china, predicate: signals,
     object: russia, evidence: [{source: art, quote: China signals support.}]}
  - {id: c5, text: Russia's defence industry is aligned with China., subject: defence,
     predicate: aligned_with, object: china,
     evidence: [{source: art, quote: Russia's defence industry is aligned with China.}]}
"""
TEXT = ("A heading\nNitrocellulose is used to make gunpowder. China circumvents sanctions. "
        "China is aligned with Russia. China signals support. Russia's defence industry is "
        "aligned with China.\n")


def write_case(root: Path, case_yaml: str = CASE_YAML, data_yaml: str = DATA_YAML) -> Path:
    (root / "texts").mkdir(parents=True)
    (root / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "case.yaml").write_text(case_yaml, encoding="utf-8")
    (root / "data.yaml").write_text(data_yaml, encoding="utf-8")
    return root


def errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": error[" in line]


def test_the_case_as_written_validates(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", write_case(tmp_path / "c"))
    assert code == 0, out
    assert errors(out) == []


def test_an_unquoted_comma_in_an_unclaimed_reason_is_one_located_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = CASE_YAML.replace("reason: Section heading}", "reason: Section heading, not a claim}")
    code, out, _ = run(capsys, "validate", write_case(tmp_path / "c", broken))
    assert code == 1
    # before: case.yaml did not load, so the four predicates and the kind were "unknown"
    # in every claim and entity using them (six errors, hints saying to add them)
    assert errors(out) == [
        "case.yaml:16:61: error[unknown-field]: case: unclaimed #1: unknown field 'not a "
        "claim' (hint: in a {…} mapping a comma ends a value: put the whole text in quotes, "
        "reason: \"Section heading, not a claim\")"]


def test_a_typo_in_one_custom_predicate_leaves_the_others_working(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = CASE_YAML.replace("      subject_kinds: [thing]", "      subject_kind: [thing]")
    code, out, _ = run(capsys, "validate", write_case(tmp_path / "c", broken))
    assert code == 1
    assert errors(out) == [
        "case.yaml:10:7: error[unknown-field]: case: predicate 'used_in': unknown field "
        "'subject_kind' (it is left out until fixed; the case's other kinds and predicates "
        "count) (hint: did you mean 'subject_kinds'?)",
        "data.yaml:11:87: error[unknown-predicate]: claim 'c1': predicate 'used_in' is "
        "declared at case.yaml:7, but that declaration has an error (reported there) (hint: "
        "fix the predicate's declaration in case.yaml)"]


def test_an_unknown_kind_in_one_custom_predicate_is_reported_at_that_predicate(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = CASE_YAML.replace("      object_kinds: [thing]", "      object_kinds: [thng]")
    code, out, _ = run(capsys, "validate", write_case(tmp_path / "c", broken))
    assert code == 1
    lines = errors(out)
    assert lines[0] == (
        "case.yaml:7:7: error[vocabulary]: case: predicate 'used_in': predicate 'used_in': "
        "unknown object kind 'thng' (it is left out; the case's other kinds and predicates "
        "count) (hint: fix the vocabulary file or the case's `vocabulary:`)")
    assert [line.split(": error")[0] for line in lines[1:]] == ["data.yaml:11:87"]
    assert not any("circumvents" in line or "aligned_with" in line or "industry" in line
                   for line in lines)


# -- claimgraph vocab ---------------------------------------------------------------------
def test_vocab_lists_predicates_with_their_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "vocab", "predicates")
    assert code == 0
    assert out.startswith("Predicates (predicate: of a claim; subject kinds → object kinds)\n")
    assert "  supplies  actor, place → actor, place  “supplies” / “is supplied by”\n" in out
    assert "Entity kinds" not in out


def test_vocab_shows_the_kind_hierarchy(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "vocab", "kinds")
    assert code == 0
    lines = out.splitlines()
    actor = lines.index("  actor  Actor  (groups other kinds)")
    org = lines.index("    organization  Organization  (groups other kinds)")
    assert actor < org < lines.index("      state  State")


def test_vocab_json_has_every_section(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "vocab", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {"case", "entity_kinds", "predicates", "source_kinds", "statuses",
                        "ratings", "confidence", "reliability", "problems"}
    state = next(k for k in doc["entity_kinds"] if k["id"] == "state")
    assert (state["parent"], state["depth"], state["group"]) == ("organization", 2, "actor")
    assert {"single-origin", "contested"} <= {s["id"] for s in doc["statuses"]}
    assert "likely" in {t["id"] for t in doc["confidence"]}
    assert "false" in {r["id"] for r in doc["ratings"]}


def test_vocab_with_a_case_folder_adds_its_own_terms(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    case = write_case(tmp_path / "c")
    code, out, _ = run(capsys, "vocab", "predicates", "--case", f"{case}/")
    assert code == 0
    assert "  used_in  thing → thing  “is used to make” / “is made with”  [case]\n" in out
    code, out, _ = run(capsys, "vocab", "--case", case, "--format", "json")
    doc = json.loads(out)
    assert doc["case"] == "four-preds"
    assert {p["id"] for p in doc["predicates"] if p["from"] == "case"} == {
        "used_in", "circumvents", "aligned_with", "signals"}
    assert [k["id"] for k in doc["entity_kinds"] if k["from"] == "case"] == ["industry"]


def test_vocab_of_a_case_with_a_faulty_entry_still_lists_the_others(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = CASE_YAML.replace("      subject_kinds: [thing]", "      subject_kind: [thing]")
    code, out, _ = run(capsys, "vocab", "predicates", "--case", write_case(tmp_path / "c", broken))
    assert code == 0
    assert out.splitlines()[0].startswith(
        "case.yaml:10:7: error[unknown-field]: case: predicate 'used_in'")
    assert "  circumvents  any → any" in out and "used_in  thing" not in out


# -- claims and trace on the bundled case -------------------------------------------------
@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("first-hour") / "store"
    assert main(["--store", str(path), "build", str(BUNDLED)]) == 0
    return str(path)


DENIALS = ["article-no-direct-weapons", "cn-gov-no-lethal-weapons",
           "diplomats-no-weapons-sales", "lin-jian-no-lethal-weapons"]


def test_claims_searched_by_words_in_other_forms(bundled_store: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    # "deny" finds the denials, "arms" their "weapons" (search synonyms, schema/vocab/search.yaml)
    code, out, _ = run(capsys, "--store", bundled_store, "claims", "deny arms")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "4 claim(s) match 'deny arms' in china-russia-nitrocellulose"
    assert sorted(line.split()[0] for line in lines[1::2]) == DENIALS
    assert ("  China denies supplying Russia: China does not supply lethal weapons to either "
            "side of the war (Russia or Ukraine).") in lines


def test_trace_searches_the_same_way(bundled_store: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", bundled_store, "trace", "deny arms")
    assert code == 0
    assert out.splitlines()[0] == "4 claims match; trace one by its id:"
    assert sorted(line.split()[0] for line in out.splitlines()[1:]) == DENIALS
    # a typo and another word form still find the one claim, and trace it
    code, out, _ = run(capsys, "--store", bundled_store, "trace", "exported 1,300 tonnes "
                       "nitrocelulose artillery shells", "--format", "json")
    assert code == 0
    assert json.loads(out)["id"] == "nc-2023-enough-for-shells"


def test_claims_filters(bundled_store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", bundled_store, "claims", "--subject", "China",
                       "--predicate", "supplies", "--status", "single-origin", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["total"] == len(doc["claims"]) > 0
    assert {(c["subject"], c["predicate"]) for c in doc["claims"]} == {("china", "supplies")}
    assert all("single-origin" in (c["status"], c["support"]) for c in doc["claims"])
    code, out, _ = run(capsys, "--store", bundled_store, "claims", "--tag", "analysis-2",
                       "-n", "2")
    assert out.splitlines()[0].startswith("") and "#analysis-2" in out.splitlines()[1]
    assert out.splitlines()[-1].startswith("… and ") and out.splitlines()[-1].endswith(
        "more (--limit 0 shows all)")


def test_claims_says_what_a_wrong_filter_value_should_be(
        bundled_store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--store", bundled_store, "claims", "--status", "singel-origin")
    assert (code, out) == (1, "")
    assert err.splitlines() == ["error: no evidence status 'singel-origin'",
                                "hint: did you mean 'single-origin'?"]


def test_claims_ids_are_never_cut_at_80_columns(
        bundled_store: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "--store", bundled_store, "claims", "-n", "0")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()[1::2]]
    code, out, _ = run(capsys, "--store", bundled_store, "claims", "-n", "0", "-f", "json")
    assert ids == [c["id"] for c in json.loads(out)["claims"]]
    assert len(ids) == 168 and "support-undermines-responsible-power-image" in ids


def test_piped_trace_marks_the_quote(bundled_store: str) -> None:
    done = subprocess.run([str(CLAIMGRAPH), "--store", bundled_store, "trace",
                           "nc-exports-2023"], capture_output=True, text=True, check=True,
                          env={**os.environ, "COLUMNS": "200"})
    assert ">>In 2023, exports more than doubled to 1,300 tons<<" in done.stdout


# -- one rule for --case -----------------------------------------------------------------
@pytest.fixture(scope="module")
def two_cases(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("two-cases") / "store"
    for case in ("store-alpha", "store-beta"):
        assert main(["--store", str(path), "build", str(FIXTURES / case)]) == 0
    return str(path)


@pytest.mark.parametrize("command", [["rank"], ["communities"], ["timeline"],
                                     ["view", "--out", "OUT"], ["compare", "a", "b"]])
def test_a_command_that_names_nothing_asks_which_case(
        two_cases: str, command: list[str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    args = [a.replace("OUT", str(tmp_path / "v.html")) for a in command]
    code, out, err = run(capsys, "--store", two_cases, *args)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "error: the store holds 2 cases; which one?",
        "hint: name one with --case (or $CLAIMGRAPH_CASE): store-alpha, store-beta"]


def test_why_and_neighbours_find_the_case_holding_the_entities(
        two_cases: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", two_cases, "why", "PRC", "Russia", "-f", "json")
    assert code == 0 and json.loads(out)["from"] == "china"
    code, out, _ = run(capsys, "--store", two_cases, "neighbours", "belarus")
    assert code == 0 and out.startswith("Belarus belarus (state)")
    code, out, _ = run(capsys, "--store", two_cases, "timeline", "--subject", "china")
    assert code == 0 and "dated claims" in out


def test_case_from_the_environment_or_a_folder(two_cases: str, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CLAIMGRAPH_CASE", "store-beta")
    code, out, _ = run(capsys, "--store", two_cases, "rank", "-f", "json")
    assert code == 0 and {r["node"] for r in json.loads(out)["rows"]} <= {"belarus", "germany",
                                                                           "lathes", "note"}
    monkeypatch.delenv("CLAIMGRAPH_CASE")
    code, out, _ = run(capsys, "--store", two_cases, "rank", "--case",
                       f"{FIXTURES / 'store-alpha'}/", "-f", "json")
    assert code == 0 and "china" in {r["node"] for r in json.loads(out)["rows"]}


def test_listings_span_every_case_and_say_so(two_cases: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", two_cases, "audit")
    assert code == 0 and out.startswith("Audit of all cases:")
    code, out, _ = run(capsys, "--store", two_cases, "claims")
    assert code == 0 and out.splitlines()[0].endswith("listed in every case")
    assert "[store-beta]" in out and "[store-alpha]" in out
    code, out, _ = run(capsys, "--store", two_cases, "audit", "--case", "store-beta")
    assert code == 0 and out.startswith("Audit of store-beta:")


def test_an_empty_case_id_is_an_error_not_every_case(
        two_cases: str, capsys: pytest.CaptureFixture[str]) -> None:
    # what `make run CASE=cases/my-case/` used to pass: `audit ''` audited every case
    code, out, err = run(capsys, "--store", two_cases, "audit", "")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == "error: an empty case id"


# -- make run with a trailing slash, a folder not named like its case --------------------
@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_with_a_trailing_slash(tmp_path: Path, two_cases: str) -> None:
    folder = tmp_path / "my-case"
    shutil.copytree(FIXTURES / "store-alpha", folder)  # its id is store-alpha
    store = tmp_path / "store"
    shutil.copytree(two_cases, store)  # a store that already holds two cases
    done = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "run", f"CASE={folder}/",
         f"STORE={store}", f"OUT={tmp_path / 'out'}", f"BIN={CLAIMGRAPH.parent}",
         f"VENV={CLAIMGRAPH.parent.parent}"],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    audit = (tmp_path / "out" / "audit.md").read_text(encoding="utf-8")
    assert audit.startswith("# Audit of store-alpha\n")
    assert (tmp_path / "out" / "network.html").stat().st_size > 10_000
    assert (tmp_path / "out" / "site" / "index.html").is_file()


# -- one alias on two entities ---------------------------------------------------------
def test_one_alias_on_two_entities_is_flagged(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = DATA_YAML.replace("{id: china, name: China, kind: state}",
                             "{id: china, name: China, kind: state, aliases: [Beijing]}")
    data = data.replace("{id: russia, name: Russia, kind: state}",
                        "{id: russia, name: Russia, kind: state, aliases: [beijing, Moscow]}")
    code, out, _ = run(capsys, "validate", write_case(tmp_path / "c", data_yaml=data))
    assert code == 0
    assert [line for line in out.splitlines() if "shared-alias" in line] == [
        "data.yaml:4:52: warning[shared-alias]: entity 'china': alias 'Beijing' also names "
        "'russia' (hint: a name should find one entity: drop the alias from one of them, or "
        "link them with same_as if they are the same)",
        "data.yaml:5:54: warning[shared-alias]: entity 'russia': alias 'beijing' also names "
        "'china' (hint: a name should find one entity: drop the alias from one of them, or "
        "link them with same_as if they are the same)"]
