"""Problem codes are one documented enumeration, and hints follow error types, not wording."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import Problem, ProblemCode
from claimgraph.graph.cli import main
from claimgraph.problemcodes import markdown_table
from claimgraph.schema.jsonschema import case_file_schema
from claimgraph.schema.patterns import TEXT_PATTERNS
from claimgraph.sources.validation import validate_case

REPO = Path(__file__).parent.parent
CASES = Path(__file__).parent / "fixtures" / "cases"
PACKAGE_DIRS = ("core", "schema", "sources", "graph")


def _calls() -> list[tuple[str, int, ast.expr]]:
    """(file, line, code argument) of every Problem(...) and .problem(...) call."""
    out = []
    for folder in PACKAGE_DIRS:
        for path in sorted((REPO / folder).rglob("*.py")):
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(
                    f, ast.Attribute) else ""
                if name == "Problem" and len(node.args) >= 2:
                    out.append((str(path.relative_to(REPO)), node.lineno, node.args[1]))
                elif name == "problem" and node.args:
                    # the checkers' helpers: problem(code, ...) or problem(severity, code, ...)
                    first = node.args[0]
                    is_severity = isinstance(first, ast.Constant) or (
                        isinstance(first, ast.Name) and first.id == "severity")
                    arg = node.args[1] if is_severity and len(node.args) > 1 else first
                    out.append((str(path.relative_to(REPO)), node.lineno, arg))
    return out


def test_every_problem_in_the_code_uses_a_declared_code() -> None:
    calls = _calls()
    assert len(calls) > 40
    bad = []
    for file, line, arg in calls:
        if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) \
                and arg.value.id == "ProblemCode":
            if arg.attr not in ProblemCode.__members__:
                bad.append(f"{file}:{line}: ProblemCode.{arg.attr} is not declared")
        elif not isinstance(arg, ast.Name):  # a variable passes a code through
            bad.append(f"{file}:{line}: the code must be a ProblemCode member, not "
                       f"{ast.unparse(arg)}")
    assert bad == []


def test_an_undeclared_code_is_refused() -> None:
    with pytest.raises(ValueError, match="'dangling' is not a valid ProblemCode"):
        Problem("error", "dangling", "claim 'c1': object 'x' is not an entity")  # type: ignore[arg-type]
    assert Problem("error", "dangling-ref", "m").code is ProblemCode.DANGLING_REF  # type: ignore[arg-type]


def test_every_code_is_documented() -> None:
    for code in ProblemCode:
        assert code.description, code
        assert code.name == code.value.upper().replace("-", "_") or code.value.startswith(
            "shacl-"), code


def test_validate_json_codes_come_from_the_enumeration(
        capsys: pytest.CaptureFixture[str]) -> None:
    seen: set[str] = set()
    for case in sorted(CASES.iterdir()):
        main(["validate", str(case), "--format", "json"])
        seen |= {p["code"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert seen <= {c.value for c in ProblemCode}
    assert len(seen) >= 15  # the fixtures exercise most of them


def test_every_shacl_constraint_component_has_a_code() -> None:
    from pyshacl.constraints import ALL_CONSTRAINT_COMPONENTS

    for component in ALL_CONSTRAINT_COMPONENTS:
        iri = str(component.shacl_constraint_component)
        if iri.endswith("ConstraintComponent"):
            assert ProblemCode.shacl(iri).value.startswith("shacl-")


def test_the_readme_lists_every_code() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    start = readme.index("<!-- problem-codes:start -->\n") + len("<!-- problem-codes:start -->\n")
    end = readme.index("<!-- problem-codes:end -->")
    assert readme[start:end] == markdown_table(), (
        "the README's table of problem codes is stale: paste the output of "
        "`python -m claimgraph.problemcodes` between the problem-codes markers")


# -- hints come from error types and field metadata -------------------------------------------
def _case(root: Path, claim: dict[str, Any] | None = None,
          source: dict[str, Any] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "case.yaml").write_text("id: t\ntitle: T\n")
    records: dict[str, Any] = {"entities": [{"id": "a", "name": "A", "kind": "state"}]}
    if claim is not None:
        records["claims"] = [{"id": "c1", "text": "T", "subject": "a", "predicate": "supports",
                              "object": "a", **claim}]
    if source is not None:
        records["sources"] = [{"id": "s1", "title": "S", "kind": "news", **source}]
    (root / "data.yaml").write_text(json.dumps(records))  # JSON is YAML
    return root


@pytest.mark.parametrize(("claim", "source", "hint"), [
    ({"time": "2023/2021"}, None, "put the earlier date first: START/END, e.g. 2021/2023"),
    ({"time": "../.."}, None, "give at least one end: START/.., ../END or START/END"),
    ({"time": "2023-02-30"}, None,
     "write a date as YYYY, YYYY-MM or YYYY-MM-DD (an interval as START/END)"),
    ({"time": "spring 2023"}, None,
     "write a date as YYYY, YYYY-MM or YYYY-MM-DD (an interval as START/END)"),
    (None, {"published": "05/2025"},
     "write a date as YYYY, YYYY-MM or YYYY-MM-DD (an interval as START/END)"),
    (None, {"url": "ftp://example.org"}, "a URL must start with http:// or https://"),
    (None, {"reliability": "AB"}, "use an Admiralty grade A-F"),
    (None, {"language": "english!"}, "use a BCP 47 language tag, e.g. en, zh-Hans"),
    (None, {"sha256": "abc"}, "64 lowercase hex digits, as `sha256sum` prints them"),
    ({"subject": "a b"}, None,
     "ids use letters, digits, '-', '_' and '.', and start with a letter or digit"),
])
def test_hint_follows_the_error_type(tmp_path: Path, claim: dict[str, Any] | None,
                                     source: dict[str, Any] | None, hint: str) -> None:
    problems = [p for p in validate_case(_case(tmp_path / "c", claim, source)).problems
                if p.code is ProblemCode.SCHEMA]
    assert [p.hint for p in problems] == [hint]


def test_a_label_language_tag_gets_the_language_hint(tmp_path: Path) -> None:
    root = _case(tmp_path / "c")
    (root / "more.yaml").write_text(
        "entities:\n  - {id: b, name: B, kind: state, aliases: [{text: Bee, lang: en-x}]}\n")
    [p] = [p for p in validate_case(root).problems if p.code is ProblemCode.SCHEMA]
    assert "not a well-formed BCP 47 language tag" in p.message
    assert p.hint == "use a BCP 47 language tag, e.g. en, zh-Hans"


def _patterns(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return found.union(*(_patterns(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_patterns(v) for v in node))
    return set()


def test_every_constrained_string_declares_its_hint() -> None:
    """A pattern added to the models without a TextPattern would get no hint."""
    assert _patterns(case_file_schema()) <= set(TEXT_PATTERNS)
