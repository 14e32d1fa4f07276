"""`claimgraph schema`: a JSON Schema that editors can check case files with."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import jsonschema
import pytest

from claimgraph.graph.cli import main
from claimgraph.schema.yamlsrc import load_yaml

REPO = Path(__file__).parent.parent
CASES = Path(__file__).parent / "fixtures" / "cases"


@pytest.fixture(scope="module")
def schema() -> dict:
    import io
    import sys

    buf, old = io.StringIO(), sys.stdout
    sys.stdout = buf
    try:
        assert main(["schema"]) == 0
    finally:
        sys.stdout = old
    data = json.loads(buf.getvalue())
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def _errors(schema: dict, path: Path) -> list[str]:
    doc = load_yaml(path.read_text("utf-8"), path.name)
    assert not doc.problems
    validator = jsonschema.Draft202012Validator(schema)

    def leaves(errors: Iterable[jsonschema.ValidationError]) -> Iterator[str]:
        for e in errors:
            if e.context:  # anyOf [..., null]: report the alternative that was meant
                yield from leaves(e.context)
            elif e.validator_value != "null":
                yield f"{'/'.join(map(str, e.absolute_path))}: {e.message}"

    return sorted(set(leaves(validator.iter_errors(doc.value))))


@pytest.mark.parametrize("name", ["case.yaml", "entities.yaml", "sources.yaml", "claims.yaml"])
def test_valid_fixture_files_pass(schema: dict, name: str) -> None:
    assert _errors(schema, CASES / "valid" / name) == []


def test_generated_case_files_pass(schema: dict, tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from casegen import generate_case
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    root = generate_case(tmp_path / "g", n_claims=60, n_entities=40, n_sources=6, fmt="yaml")
    for path in sorted(root.glob("*.yaml")):
        assert _errors(schema, path) == [], path.name


def test_schema_catches_typos_and_bad_forms(schema: dict) -> None:
    assert _errors(schema, CASES / "bad-unknown-field" / "entities.yaml") == [
        "entities/0: Additional properties are not allowed ('aliasses' was unexpected)",
        "entities/1: Additional properties are not allowed ('colour' was unexpected)",
    ]
    errors = _errors(schema, CASES / "bad-date" / "sources.yaml")
    assert errors[0].startswith("sources/1/published: '05/2025' does not match")
    assert {e.split(":")[0] for e in errors} == {"sources/1/published"}
    errors = _errors(schema, CASES / "bad-wrong-type" / "entities.yaml")
    assert any(e.startswith("entities/2/ids/hs: 3912.2 is not of type 'string'") for e in errors)


def test_bare_year_is_accepted_like_validate_does(schema: dict) -> None:
    claim = {"id": "c", "text": "t", "subject": "a", "predicate": "p", "object": "b",
             "time": 2023}
    jsonschema.validate({"claims": [claim]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"claims": [{**claim, "time": "2023-4"}]}, schema)


def test_committed_schema_is_not_stale(schema: dict) -> None:
    """schema/case.schema.json (for editors' modelines) is generated: regenerate with
    `claimgraph schema > schema/case.schema.json`."""
    committed = json.loads((REPO / "schema" / "case.schema.json").read_text("utf-8"))
    assert committed == schema


def test_valid_fixture_modelines_point_at_the_schema() -> None:
    """The fixture shows the editor modeline of the README; it must resolve."""
    for path in sorted((CASES / "valid").glob("*.yaml")):
        line = next(x for x in path.read_text("utf-8").splitlines()
                    if x.startswith("# yaml-language-server:"))
        target = (path.parent / line.split("$schema=", 1)[1].strip()).resolve()
        assert target == (REPO / "schema" / "case.schema.json").resolve(), path.name
