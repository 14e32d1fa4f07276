"""FollowTheMoney: the export is valid for the `followthemoney` library itself (schemata,
properties, values, required fields, references and their ranges); an OpenSanctions-style
extract imports as entities with their identifiers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.graph.interop.ftm import ftm_entities
from claimgraph.schema.models import Case
from claimgraph.sources.interop.casefiles import add_batch
from claimgraph.sources.interop.ftm import read_ftm
from claimgraph.sources.validation import validate_case

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
EXTRACT = FIXTURES / "ftm" / "opensanctions-style.jsonl"


def _case(folder: Path) -> Case:
    result = validate_case(folder)
    assert result.ok and result.case is not None
    return result.case


def assert_valid_ftm(entities: list[dict[str, Any]]) -> None:
    """What followthemoney itself accepts: known schemata and properties, values that its
    types keep when cleaning, required properties, references to entities of the right
    schema."""
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities), "duplicate ids"
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        props = data["properties"]
        assert set(props) <= set(schema.properties), (data["id"], set(props) - set(
            schema.properties))
        schema.validate(data)  # raises InvalidData on a value its type refuses
        missing = [p for p in schema.required if not props.get(p)]
        assert not missing, (data["id"], missing)
        proxy = model.get_proxy(data, cleaned=False)  # cleans every value
        assert proxy.id == data["id"]
        cleaned = proxy.to_dict()["properties"]
        assert {k: sorted(v) for k, v in cleaned.items()} == {
            k: sorted(v) for k, v in props.items()}, data["id"]
        for name, values in props.items():
            prop = schema.properties[name]
            if prop.type.name == "entity":
                for ref in values:
                    assert ref in by_id, (data["id"], name, ref)
                    assert model.get(by_id[ref]["schema"]).is_a(prop.range), (
                        data["id"], name, by_id[ref]["schema"], prop.range)


@pytest.mark.parametrize("folder", [REPO / "cases" / "china-russia-nitrocellulose",
                                    FIXTURES / "cases" / "verdicts"], ids=lambda p: p.name)
def test_export_is_valid_followthemoney(folder: Path) -> None:
    entities = ftm_entities(_case(folder))
    assert_valid_ftm(entities)
    schemata = {e["schema"] for e in entities}
    assert {"PublicBody", "Person", "UnknownLink", "Documentation"} <= schemata


def test_bundled_case_export_covers_the_brief() -> None:
    case = _case(REPO / "cases" / "china-russia-nitrocellulose")
    entities = ftm_entities(case)
    schemata = {e["schema"] for e in entities}
    assert {"PublicBody", "Organization", "Company", "Membership", "UnknownLink",
            "Documentation", "Article"} <= schemata
    denied = {c.id for c in case.claims if c.polarity == "denied"}
    links = {e["properties"].get("recordId", [""])[0] for e in entities}
    assert not denied & links  # a denial is never a link
    # every quote documents the entities it is about
    docs = [e for e in entities if e["schema"] == "Documentation"]
    assert {q for d in docs for q in d["properties"]["summary"]} <= {
        ev.quote for c in case.claims for ev in c.evidence}
    # deterministic
    assert ftm_entities(case) == entities


def test_sanction_and_membership_links() -> None:
    case = Case.model_validate({"meta": {"id": "s", "title": "S"},
        "entities": [{"id": "eu", "name": "European Union", "kind": "international_organization"},
                     {"id": "acme", "name": "Acme Chemicals", "kind": "company",
                      "ids": {"wikidata": "Q1", "lei": "529900T8BM49AURSDO55"}},
                     {"id": "kim", "name": "Kim Director", "kind": "person",
                      "part_of": ["acme"]}],
        "sources": [{"id": "oj", "title": "Official Journal", "kind": "legal_act",
                     "url": "https://eur-lex.example/oj"}],
        "claims": [{"id": "s1", "text": "The EU sanctions Acme.", "subject": "eu",
                    "predicate": "sanctions", "object": "acme", "time": "2024-02/..",
                    "evidence": [{"source": "oj", "quote": "Acme Chemicals"}]}]})
    entities = ftm_entities(case)
    assert_valid_ftm(entities)
    by_schema = {e["schema"]: e for e in entities}
    assert by_schema["Sanction"]["properties"]["authority"] == ["European Union"]
    assert by_schema["Sanction"]["properties"]["entity"] == ["s.entity.acme"]
    assert by_schema["Sanction"]["properties"]["startDate"] == ["2024-02"]
    assert by_schema["Membership"]["properties"]["member"] == ["s.entity.kim"]
    assert by_schema["Company"]["properties"]["leiCode"] == ["529900T8BM49AURSDO55"]


def test_extract_imports_as_entities_with_identifiers(tmp_path: Path) -> None:
    batch = read_ftm(EXTRACT.read_text("utf-8"), "extract.jsonl")
    assert [p.format() for p in batch.problems] == [
        "extract.jsonl:7:1: info[import-skipped]: Address 'addr-1' is not an entity claimgraph "
        "imports (hint: only people and organisations are imported)",
        "extract.jsonl:8:1: info[import-skipped]: Sanction 'sanction-1' is not an entity "
        "claimgraph imports (hint: only people and organisations are imported)",
        "extract.jsonl:9:27: error[json-syntax]: Expecting ':' delimiter (hint: each line must "
        "be one complete JSON object)",
    ]
    added = add_batch(batch, tmp_path / "new", "ftm.yaml", header="x", title="From FtM")
    assert added is not None and added.written, [p.format() for p in added.new_errors]
    case = _case(tmp_path / "new")
    by_name = {e.name: e for e in case.entities}
    ivan = by_name["Ivan Example"]
    assert (ivan.kind, ivan.ids) == ("person", {"opensanctions": "Q1000001",
                                                "wikidata": "Q1000001"})
    assert "I. Example" in ivan.aliases and ivan.part_of == [by_name["Example Powder Works"].id]
    assert by_name["Example Powder Works"].kind == "soe"  # from the topic gov.soe
    assert by_name["Example Powder Works"].ids["inn"] == "7700000000"
    assert by_name["Example Defence Institute"].kind == "military_body"
    assert by_name["Example Ministry of Industry"].kind == "government_body"


def test_extract_merges_into_a_case_by_identifier(tmp_path: Path) -> None:
    target = tmp_path / "case"
    shutil.copytree(FIXTURES / "cases" / "valid", target)
    batch = read_ftm(EXTRACT.read_text("utf-8"), "extract.jsonl")
    add_batch(batch, target, "ftm.yaml", header="x", title="x")
    names = {e["name"] for e in batch.entities}
    assert "People's Republic of China" not in names and "China" not in names  # Q148 known
    assert validate_case(target).ok


def test_round_trip_export_then_import_keeps_names_and_ids(tmp_path: Path) -> None:
    case = _case(FIXTURES / "cases" / "verdicts")
    text = "".join(json.dumps(e) + "\n" for e in ftm_entities(case))
    batch = read_ftm(text, "export.jsonl", id_key="ftm")
    exported = {e.name: e for e in case.entities if e.kind in ("state", "person",
                                                                "government_body")}
    imported = {e["name"]: e for e in batch.entities}
    for name, e in exported.items():
        assert imported[name]["ids"].get("wikidata") == e.ids.get("wikidata")
        assert imported[name]["ids"]["ftm"] == f"verdicts.entity.{e.id}"


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.text(max_size=80) | st.builds(
    lambda s, p: json.dumps({"id": "x", "schema": s, "properties": p}),
    st.sampled_from(["Person", "Company", "Membership", "Nope", ""]),
    st.dictionaries(st.sampled_from(["name", "alias", "topics", "member", "wikidataId"]),
                    st.lists(st.text(max_size=10), max_size=3) | st.integers()))))
def test_no_input_gives_a_traceback(lines: list[str]) -> None:
    batch = read_ftm("\n".join(lines), "x.jsonl")
    for p in batch.problems:
        assert p.file == "x.jsonl" and p.line is not None
