"""The YAML record writer: whatever the records hold, the case loader reads them back."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.problemcodes import ProblemCode
from claimgraph.schema.yamlout import records_yaml, scalar
from claimgraph.schema.yamlsrc import load_yaml
from claimgraph.textsafety import UNSAFE

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.from_regex(r"\A[a-z][a-z_]{0,8}\Z"), inner, max_size=3),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_any_text_reads_back(text: str) -> None:
    assert load_yaml(f"a: {scalar(text)}\n", "x.yaml").value == {"a": text}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (k, *_strings(v))]
    if isinstance(value, list):
        return [t for v in value for t in _strings(v)]
    return []


@settings(max_examples=200, deadline=None)
@given(records=st.lists(st.dictionaries(st.from_regex(r"\A[a-z][a-z_]{0,8}\Z"), VALUE,
                                        min_size=1, max_size=5), max_size=4),
       notes=st.lists(st.dictionaries(st.from_regex(r"\A[a-z][a-z_]{0,8}\Z"), TEXT),
                      max_size=4))
def test_records_with_comments_read_back(records: list[dict[str, Any]],
                                         notes: list[dict[str, str]]) -> None:
    doc = load_yaml(records_yaml("claims", records, comments=notes), "x.yaml")
    # values with control or bidi characters are written faithfully, and the loader then
    # reports them (claimgraph.textsafety.UNSAFE): nothing else may be reported
    unsafe = any(UNSAFE.search(text) for text in _strings(records))
    assert [p for p in doc.problems if not (unsafe and p.code in (
        ProblemCode.CONTROL_CHAR, ProblemCode.BIDI_CHAR))] == []
    assert doc.value == {"claims": records}
