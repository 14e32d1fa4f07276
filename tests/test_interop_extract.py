"""`claimgraph extract`: a draft of candidate claims that validates as written, with its
guesses marked; recall on the bundled case; deterministic; any text gives a valid draft."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import ClaimgraphError
from claimgraph.schema.yamlsrc import load_yaml
from claimgraph.sources.interop.casefiles import add_case_file
from claimgraph.sources.interop.extract import extract_draft, quote_recall
from claimgraph.sources.validation import validate_case

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "cases" / "china-russia-nitrocellulose"
VALID = Path(__file__).parent / "fixtures" / "cases" / "valid"


def test_seed_article_draft_validates_and_recalls_the_curated_quotes() -> None:
    draft = extract_draft(BUNDLED / "texts" / "article.txt", BUNDLED)
    assert draft.source_id == "article"  # the case's own source of that text, not a new one
    check = add_case_file(BUNDLED, "draft-article.yaml", draft.to_yaml(), dry_run=True)
    assert [p.format() for p in check.new_errors] == []
    assert not (BUNDLED / "draft-article.yaml").exists()
    case = validate_case(BUNDLED).case
    assert case is not None
    curated = {e.quote for c in case.claims for e in c.evidence if e.source == "article"}
    hit, total = quote_recall(draft.quotes, curated)
    assert total > 150 and hit / total >= 0.95
    # deterministic: the same text and case give the same bytes
    assert extract_draft(BUNDLED / "texts" / "article.txt", BUNDLED).to_yaml() == draft.to_yaml()


TEXT = """\
Ministry findings
According to Lin Jian, China has never provided lethal weapons to Russia.
Customs data show that China exported more than 1,300 tons of nitrocellulose to Russia between 2022 and 2023.
Experts warn that the Example Powder Works could expand output in April 2025.
Nothing happened.
Nothing happened.
"""


@pytest.fixture()
def case(tmp_path: Path) -> Path:
    root = tmp_path / "case"
    shutil.copytree(VALID, root)
    (root / "texts" / "new.txt").write_text(TEXT, "utf-8")
    return root


def test_guesses_on_a_written_text(case: Path) -> None:
    draft = extract_draft(case / "texts" / "new.txt", case)
    claims = {c["evidence"][0]["quote"]: c for c in draft.batch.claims}
    denial = claims["According to Lin Jian, China has never provided lethal weapons to Russia."]
    assert (denial["claimant"], denial["subject"], denial["predicate"], denial["object"],
            denial["item"]) == ("lin-jian", "china", "supplies", "russia", "lethal-weapons")
    exports = claims["Customs data show that China exported more than 1,300 tons of "
                     "nitrocellulose to Russia between 2022 and 2023."]
    assert exports["quantity"] == {"value": 1300, "unit": "t", "bound": "min"}
    assert exports["time"] == "2022/2023" and exports["item"] == "nitrocellulose"
    hedged = claims["Experts warn that the Example Powder Works could expand output in "
                    "April 2025."]
    assert hedged["confidence"] == "roughly_even_chance" and hedged["time"] == "2025-04"
    works = next(e for e in draft.batch.entities if e["name"] == "Example Powder Works")
    assert works["kind"] == "company" and hedged["subject"] == works["id"]
    repeated = [c for c in draft.batch.claims if c["text"] == "Nothing happened."]
    assert [c["evidence"][0].get("occurrence", 1) for c in repeated] == [1, 2]
    assert repeated[0]["subject"] == "todo-entity"
    text = draft.to_yaml()
    assert "# guessed from 'Lin Jian' says it" not in text
    assert "claimant: lin-jian  # guessed: 'Lin Jian' says it" in text
    assert "predicate: supplies  # guessed from 'provided'; check the polarity (never)" in text
    assert "# vague attribution: 'Experts warn' — who says it?" in text
    assert load_yaml(text, "draft.yaml").problems == []
    # a new source record for the new text, marked as guessed
    assert draft.batch.sources[0]["text"] == "texts/new.txt"
    added = add_case_file(case, "draft-new.yaml", text)
    assert added.written and [p.format() for p in added.new_errors] == []


def test_text_outside_the_case_is_refused(case: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("China exported nitrocellulose.", "utf-8")
    with pytest.raises(ClaimgraphError, match="not inside the case folder") as err:
        extract_draft(outside, case)
    assert err.value.hint and "texts" in err.value.hint


@settings(max_examples=25, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.lists(st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=12)
                    | st.sampled_from(["\n", ". ", "China ", "Russia ", "1,300 tons ",
                                       "in 2023 ", "could ", "Ministry of X "]),
                    min_size=1, max_size=30).map("".join))
def test_any_text_gives_a_draft_that_validates(case: Path, text: str) -> None:
    path = case / "texts" / "random.txt"
    path.write_text(text, "utf-8")
    draft = extract_draft(path, case)
    check = add_case_file(case, "draft-random.yaml", draft.to_yaml(), dry_run=True)
    assert [p.format() for p in check.new_errors] == []
