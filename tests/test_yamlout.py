"""The YAML record writer: whatever the records hold, the case loader reads them back."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.schema.yamlout import records_yaml, scalar
from claimgraph.schema.yamlsrc import load_yaml

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


@settings(max_examples=200, deadline=None)
@given(records=st.lists(st.dictionaries(st.from_regex(r"\A[a-z][a-z_]{0,8}\Z"), VALUE,
                                        min_size=1, max_size=5), max_size=4),
       notes=st.lists(st.dictionaries(st.from_regex(r"\A[a-z][a-z_]{0,8}\Z"), TEXT),
                      max_size=4))
def test_records_with_comments_read_back(records: list[dict[str, Any]],
                                         notes: list[dict[str, str]]) -> None:
    doc = load_yaml(records_yaml("claims", records, comments=notes), "x.yaml")
    assert doc.problems == []
    assert doc.value == {"claims": records}
