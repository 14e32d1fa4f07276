"""Quote-only sources: selectors checked without the text, verified with it, written from it;
the bundled NHK case on a clean checkout; selector round trips (hypothesis)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.graph.build import build_case, build_nquads
from claimgraph.graph.cli import main
from claimgraph.graph.store import Store
from claimgraph.sources.quoteonly import SKIPPED_WITHOUT_TEXT
from claimgraph.sources.selectors import (
    Selectors,
    consistency_problems,
    mismatch_problems,
    relocate,
    selectors_for,
)
from claimgraph.sources.selectorwrite import yaml_string
from claimgraph.sources.validation import validate_case

ROOT = Path(__file__).parent.parent
NHK = ROOT / "cases" / "nhk-nitrocellulose-reports"
BUNDLED = ROOT / "cases" / "china-russia-nitrocellulose"
GAZETTE_SENTENCE = "Customs tables show that Country A shipped 400 tonnes"


def codes(result, severity: str | None = None) -> list[str]:
    return [str(p.code) for p in result.problems if severity in (None, p.severity)]


def located(result, code: str) -> list[str]:
    return [p.format() for p in result.problems if p.code == code]


def edit(case: Path, old: str, new: str, name: str = "data.yaml") -> None:
    path = case / name
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def qcase(fixture_case) -> Path:
    return fixture_case("quote-only")


def drop_text(case: Path) -> None:
    shutil.rmtree(case / "local-texts")


# -- the three modes ------------------------------------------------------------------------
def test_text_present_every_quote_verified_at_its_position(qcase: Path) -> None:
    result = validate_case(qcase)
    assert result.ok and codes(result) == []
    gazette = [a for (cid, _), a in result.anchors.items() if cid != "ships"]
    assert len(gazette) == 4 and {a.status for a in gazette} == {"exact"}
    assert result.quote_only == {"gazette"}


def test_text_absent_checks_selectors_and_says_what_it_skipped(qcase: Path) -> None:
    drop_text(qcase)
    result = validate_case(qcase)
    assert result.ok, codes(result)
    [note] = [p for p in result.problems if p.code == "text-not-present"]
    assert note.severity == "info"
    assert note.location() == "data.yaml:15:11"  # the source's text: line
    assert "checked the selectors of 4 quotes among themselves" in note.message
    for skipped in SKIPPED_WITHOUT_TEXT:
        assert skipped in note.message
    assert "https://example.org/gazette" in (note.hint or "")
    # the quotes count as placed by their recorded selectors
    assert {a.status for (cid, _), a in result.anchors.items() if cid != "ships"} == {"recorded"}
    assert result.anchors[("resin-2022", 0)].span == (82, 140)


def test_cli_validate_says_quote_only_mode(qcase: Path, capsys) -> None:
    drop_text(qcase)
    assert main(["validate", str(qcase)]) == 0
    out = capsys.readouterr().out
    assert "info[text-not-present]" in out
    assert "quote-only mode: the texts of 1 of 1 quote-only sources are absent" in out
    assert main(["validate", str(qcase), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["quote_only"] == {"sources": ["gazette"],
                                                 "texts_absent": ["gazette"]}


def test_other_copy_of_the_text_is_an_error_that_counts_relocated_quotes(qcase: Path) -> None:
    path = qcase / "local-texts" / "gazette.txt"
    path.write_text("REPRINT.\n" + path.read_text("utf-8"), "utf-8")
    result = validate_case(qcase)
    assert not result.ok
    [msg] = located(result, "text-hash-mismatch")
    assert msg.startswith("data.yaml:16:13: error[text-hash-mismatch]: source 'gazette'")
    assert "by their quote selectors 4 of 4 quotes occur in this copy" in msg
    # a copy that lost a passage names the quote it lost
    path.write_text(path.read_text("utf-8").replace("it controls\nthe export", "it checks"),
                    "utf-8")
    [msg] = located(validate_case(qcase), "text-hash-mismatch")
    assert "3 of 4 quotes occur in this copy (not found: controls #1)" in msg


def test_selectors_that_miss_the_quote_are_located_errors(qcase: Path) -> None:
    edit(qcase, "start: 82\n        end: 140", "start: 83\n        end: 141")
    edit(qcase, 'prefix: "r 750 tonnes. The ministry said "',
         'prefix: "r 750 tonnes. The minister said "')
    result = validate_case(qcase)
    found = located(result, "selector-mismatch")
    assert len(found) == 2
    assert found[0].startswith("data.yaml:38:16: error[selector-mismatch]: claim 'resin-2022': "
                               "evidence #1: at 83-141 the text reads 'ountry A")
    assert "the quote is at 82-140" in found[0]
    assert found[1].startswith("data.yaml:69:17: error[selector-mismatch]: claim 'controls'")
    assert "not the recorded prefix" in found[1]


def test_captured_source_selectors_are_checked_too(qcase: Path) -> None:
    edit(qcase, 'suffix: ".\\n"', 'suffix: "!\\n"')
    [msg] = located(validate_case(qcase), "selector-mismatch")
    assert "claim 'ships'" in msg and "not the recorded suffix" in msg


@pytest.mark.parametrize(("old", "new", "message"), [
    ("start: 82\n        end: 140", "start: 82\n        end: 139",
     "end - start is 57 but the quote has 58 characters"),
    ("start: 82\n        end: 140", "start: 140\n        end: 82", "end (82) is not after start"),
    ("start: 82\n        end: 140\n", "start: 82\n", "start is recorded without end"),
    ("start: 82\n        end: 140", "start: 10\n        end: 68",
     "the prefix has 32 characters but only 10 stand before the quote"),
])
def test_inconsistent_selectors_fail_without_the_text(qcase: Path, old: str, new: str,
                                                      message: str) -> None:
    drop_text(qcase)
    edit(qcase, old, new)
    result = validate_case(qcase)
    found = located(result, "selector-invalid")
    assert len(found) == 1 and message in found[0], found
    assert "claim 'resin-2022': evidence #1" in found[0]


def test_quote_only_needs_position_and_hash(qcase: Path) -> None:
    drop_text(qcase)
    edit(qcase, "        start: 82\n        end: 140\n", "")
    edit(qcase, "    sha256: 5a787005d4f06dbe697ae9d966e41ed1c215d84ebe28b9955bfa90348d8b6053\n",
         "")
    result = validate_case(qcase)
    assert sorted(codes(result, "error")) == ["quote-only-incomplete", "selector-missing"]
    [missing] = located(result, "selector-missing")
    assert missing.startswith("data.yaml:36:16: error[selector-missing]: claim 'resin-2022'")
    assert "--write-selectors" in missing


def test_a_missing_text_is_still_an_error_for_an_ordinary_source(qcase: Path) -> None:
    (qcase / "memo.txt").unlink()
    assert "missing-file" in codes(validate_case(qcase), "error")


# -- writing selectors ----------------------------------------------------------------------
def strip_selectors(case: Path) -> None:
    lines = (case / "data.yaml").read_text("utf-8").splitlines(keepends=True)
    keep = [ln for ln in lines if not ln.lstrip().startswith(
        ("start:", "end:", "prefix:", "suffix:", "sha256:"))]
    (case / "data.yaml").write_text("".join(keep), "utf-8")


def test_write_selectors_restores_what_the_fixture_records(qcase: Path, capsys) -> None:
    before = (qcase / "data.yaml").read_text("utf-8")
    strip_selectors(qcase)
    assert "selector-missing" in codes(validate_case(qcase))
    assert main(["anchor", str(qcase), "--write-selectors", "--source", "gazette",
                 "--source", "memo"]) == 0
    out = capsys.readouterr().out
    assert "wrote the selectors of 5 quote(s) and 2 sha256 value(s) into data.yaml" in out
    assert (qcase / "data.yaml").read_text("utf-8") == before  # comments and layout kept
    # nothing left to write the second time
    assert main(["anchor", str(qcase), "--write-selectors"]) == 0
    assert "wrote the selectors of 0 quote(s) and 0 sha256 value(s)" in capsys.readouterr().out


def test_write_selectors_refuses_quotes_that_are_not_verbatim(qcase: Path, capsys) -> None:
    strip_selectors(qcase)
    edit(qcase, 'quote: "In 2023 the volume almost doubled, to over 750 tonnes."',
         'quote: "In 2023 the volume almost doubled,  to over 750 tonnes."')
    assert main(["anchor", str(qcase), "--write-selectors"]) == 1
    out = capsys.readouterr().out
    assert "skipped resin-2023 #1: the quote is not verbatim in the text (normalised)" in out
    assert "selector-missing" in out  # and validation still says so


def test_write_selectors_reports_flow_style_evidence(qcase: Path, capsys) -> None:
    strip_selectors(qcase)
    edit(qcase, '''      - source: gazette
        quote: "Country A shipped 400 tonnes of resin to Country B in 2022"
        relays: customs-tables''', '''      - {source: gazette, quote: "Country A shipped 400 tonnes of resin to Country B in 2022", relays: customs-tables}''')
    main(["anchor", str(qcase), "--write-selectors"])
    assert "skipped resin-2022 #1: written in flow style" in capsys.readouterr().out


# -- build, trace and site without the texts; the text never enters the store ----------------
def test_build_never_copies_a_quote_only_text(qcase: Path) -> None:
    from datetime import UTC, datetime

    result = validate_case(qcase)
    _, texts = build_nquads(result, "b1", datetime(2026, 1, 1, tzinfo=UTC))
    assert GAZETTE_SENTENCE not in texts["data"]
    assert "the port handled 12 ships" in texts["data"]  # an ordinary captured text is kept
    assert '"recorded"' not in texts["data"]  # with the text present the quotes are verified


def test_build_trace_and_site_on_a_clean_checkout(qcase: Path, store: Store, tmp_path: Path,
                                                  capsys) -> None:
    drop_text(qcase)
    built = build_case(qcase, store)
    assert built.case_id == "quote-only"
    rows = store.query("PREFIX cg: <https://w3id.org/claimgraph/ns#> SELECT DISTINCT ?e ?s "
                       "WHERE { ?e cg:anchorStatus ?s }", case="quote-only")
    assert sorted(r["s"] for r in rows) == ["exact", "recorded", "recorded", "recorded",
                                            "recorded"]  # the memo's quote is checked
    case = store.read_case("quote-only")
    ev = case.claims[[c.id for c in case.claims].index("resin-2022")].evidence[0]
    assert (ev.start, ev.end, ev.prefix) == (82, 140, "ests)\n\nCustoms tables show that ")
    assert next(s for s in case.sources if s.id == "gazette").quote_only
    if store.location.startswith("http"):
        return  # the CLI below opens the embedded store
    store.close()
    assert main(["--store", store.location, "trace", "resin-2022"]) == 0
    out = capsys.readouterr().out
    assert "✓ recorded" in out and "quote-only ✓ (text not distributed)" in out
    assert main(["--store", store.location, "site", "quote-only", "--out",
                 str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "claims" / "resin-2022.html").read_text("utf-8")
    assert "placed by its recorded selectors" in page
    assert GAZETTE_SENTENCE not in "".join(
        p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.html"))


# -- the bundled NHK case ---------------------------------------------------------------------
def test_nhk_case_validates_without_its_texts(tmp_path: Path) -> None:
    case = tmp_path / "nhk"
    shutil.copytree(NHK, case, ignore=shutil.ignore_patterns("local-texts"))
    result = validate_case(case)
    assert result.ok, [p.format() for p in result.report.errors]
    notes = located(result, "text-not-present")
    assert len(notes) == 7 == len(result.quote_only)
    assert codes(result, "error") == []
    assert {a.status for a in result.anchors.values()} == {"recorded"}
    assert len(result.anchors) == 67


@pytest.mark.skipif(not (NHK / "local-texts").is_dir(),
                    reason="the NHK texts are not distributed; a curator saves them locally")
def test_nhk_case_validates_fully_with_its_texts() -> None:
    result = validate_case(NHK)
    assert result.ok and "text-not-present" not in codes(result)
    assert {a.status for a in result.anchors.values()} == {"exact"}


def test_nhk_case_shares_ids_and_claim_shapes_with_the_bundled_case() -> None:
    nhk, seed = validate_case(NHK).case, validate_case(BUNDLED).case
    assert nhk is not None and seed is not None
    ids = {e.id: e.ids for e in seed.entities}
    for e in nhk.entities:
        if e.id in ("china", "russia", "nitrocellulose"):
            assert e.ids.get("wikidata") == ids[e.id]["wikidata"]
    shape = {c.id: (c.subject, c.predicate, c.object, c.item, c.quantity and c.quantity.unit)
             for c in seed.claims}
    mine = {c.id: c for c in nhk.claims}
    for cid in ("nc-exports-2022", "nc-exports-2023", "nc-exports-2023-doubling"):
        c = mine[cid]
        assert (c.subject, c.predicate, c.object, c.item, c.quantity and c.quantity.unit) == \
            shape[cid]
    assert mine["nc-exports-2023"].quantity.bound == "min"  # "exceeding 1,300 tons"
    # every outlet quote records who it reports and what it relays: outlet -> NHK -> data
    for c in nhk.claims:
        for ev in c.evidence:
            if ev.source == "nhk-world-20240516" and c.claimant == "nhk":
                assert ev.relays in (None, "chinese-customs-data")
            elif c.claimant == "nhk" and ev.source != "online-ua":
                assert (ev.attributed_to, ev.relays) == ("nhk", "nhk-analysis"), (c.id, ev)
    sources = {s.id: s for s in nhk.sources}
    assert sources["nhk-analysis"].cites == ["chinese-customs-data"]
    assert all(s.text is None or (s.quote_only and s.sha256) for s in nhk.sources)


def test_no_third_party_text_is_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text("utf-8")
    assert "cases/*/local-texts/" in ignored
    assert not (NHK / "texts").exists()


# -- hypothesis: selector round trips ---------------------------------------------------------
TEXTS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                min_size=1, max_size=300)


@st.composite
def passages(draw) -> tuple[str, int, int, int]:
    text = draw(TEXTS)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end, draw(st.integers(0, 40))


@settings(max_examples=300, deadline=None)
@given(passages())
def test_selectors_of_a_passage_check_and_relocate(p: tuple[str, int, int, int]) -> None:
    text, start, end, context = p
    sel = selectors_for(text, start, end, context)
    assert sel.exact == text[start:end]
    assert consistency_problems(sel) == [] and mismatch_problems(text, sel) == []
    # found again at the same place in the same text; after a preface, the quote is found
    # again (at the same place when it occurs once)
    assert relocate(text, sel) == start
    moved = "»" + text
    r = relocate(moved, sel)
    assert r is not None and moved[r:r + len(sel.exact)] == sel.exact
    if moved.count(sel.exact) == 1:
        assert r == start + 1


@settings(max_examples=300, deadline=None)
@given(passages(), st.integers(-5, 5).filter(bool))
def test_a_shifted_position_is_caught_unless_the_text_repeats(p: tuple[str, int, int, int],
                                                              shift: int) -> None:
    text, start, end, context = p
    sel = selectors_for(text, start, end, context)
    s, e = start + shift, end + shift
    moved = Selectors(sel.exact, sel.prefix, sel.suffix, s, e)
    caught = bool(consistency_problems(moved) or mismatch_problems(text, moved))
    # uncaught only where the text at the new place has the same quote, prefix and suffix
    same = s >= 0 and e <= len(text) and selectors_for(text, s, e, context) == moved
    assert caught != same


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_yaml_string_round_trips(value: str) -> None:
    assert yaml.safe_load(f"k: {yaml_string(value)}\n")["k"] == value


def test_sha256_recorded_is_the_file_hash(qcase: Path) -> None:
    data = (qcase / "local-texts" / "gazette.txt").read_bytes()
    assert f"sha256: {hashlib.sha256(data).hexdigest()}" in (qcase / "data.yaml").read_text()


PRINTABLE = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
                    min_size=2, max_size=200)


@settings(max_examples=40, deadline=None)
@given(PRINTABLE, st.data())
def test_written_selectors_validate_with_and_without_the_text(text: str, data) -> None:
    import tempfile

    from hypothesis import assume

    from claimgraph.sources.selectorwrite import write_selectors

    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assume(quote.strip() == quote and text.find(quote) == start
           and text.find(quote, start + 1) == -1)
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp)
        (case / "case.yaml").write_text("id: gen\ntitle: Generated\n", "utf-8")
        (case / "local-texts").mkdir()
        (case / "local-texts" / "t.txt").write_text(text, "utf-8")
        (case / "data.yaml").write_text(
            "entities:\n  - {id: a, name: A, kind: state}\n  - {id: b, name: B, kind: state}\n"
            "sources:\n  - id: s\n    title: S\n    kind: news\n    quote_only: true\n"
            "    text: local-texts/t.txt\nclaims:\n  - id: c\n    text: A supports B.\n"
            "    subject: a\n    predicate: supports\n    object: b\n    evidence:\n"
            f"      - source: s\n        quote: {yaml_string(quote)}\n", "utf-8")
        assert write_selectors(validate_case(case)).written == 1
        full = validate_case(case)
        assert full.ok and full.anchors[("c", 0)].span == (start, end), codes(full)
        shutil.rmtree(case / "local-texts")
        bare = validate_case(case)
        assert bare.ok and codes(bare, "info") == ["text-not-present"]
