"""JSON Lines records keep only their line; the positions of their fields are read back
from the file when a problem needs them (issue 15: a million records in memory). The
problems must be located exactly as when every position was kept: lines counted as
``str.splitlines`` counts them in the whole text (CRLF, U+2028 inside a value), the column
of the field's key."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.schema.caseload import JsonlLines, load_case_folder
from claimgraph.schema.yamlsrc import load_jsonl_line
from claimgraph.sources.validation import validate_case


def _case(root: Path, claims: bytes) -> Path:
    root.mkdir(exist_ok=True)
    (root / "case.yaml").write_text("id: demo\ntitle: Demo\n")
    (root / "entities.jsonl").write_text(
        '{"id": "cn", "name": "China", "kind": "state"}\r\n'
        '{"id": "ru", "name": "Russia", "kind": "state"}\n')
    (root / "claims.jsonl").write_bytes(claims)
    return root


def test_a_cross_check_is_located_at_the_key_of_the_field(tmp_path: Path) -> None:
    ok = {"id": "c1", "text": "China supplies Russia.", "subject": "cn",
          "predicate": "supplies", "object": "ru"}
    bad = {**ok, "id": "c2", "object": "rusia"}
    # line 1 holds a U+2028 inside a value: splitlines makes it two lines (both broken
    # JSON), so the faulty claim is on line 4 of the text as splitlines counts it
    first = json.dumps({**ok, "note": "a\u2028b"}, ensure_ascii=False)
    text = f"{first}\r\n\n{json.dumps(bad)}\n"
    root = _case(tmp_path / "c", text.encode())
    want_line = 1 + text.splitlines().index(json.dumps(bad))
    col = json.dumps(bad).find('"object"') + 1
    found = [p.format() for p in validate_case(root).problems if p.code == "dangling-ref"]
    assert found == [f"claims.jsonl:{want_line}:{col}: error[dangling-ref]: claim 'c2': "
                     "object 'rusia' is not an entity of this case (hint: define it under "
                     "`entities:`)"]
    assert want_line == 4


def test_a_line_that_cannot_be_read_back_falls_back_to_the_record(tmp_path: Path) -> None:
    root = _case(tmp_path / "c", b'{"id": "c1", "text": "t", "subject": "cn", '
                 b'"predicate": "supplies", "object": "ru"}\n')
    loaded = load_case_folder(root)
    origin = loaded.origin("claim", "c1")
    assert origin is not None and isinstance(origin.where, JsonlLines)
    assert origin.at("object") == ("claims.jsonl", 1, 69)
    (root / "claims.jsonl").write_bytes(b"")  # gone: the record's own place stands
    origin.where.last = None
    assert origin.at("object") == ("claims.jsonl", 1, 1)


_LINE_TEXT = st.text(alphabet=st.sampled_from(["a", " ", "\u2028", "\r", "é", "x"]),
                     max_size=6)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(_LINE_TEXT, min_size=1, max_size=5),
       ends=st.lists(st.sampled_from(["\n", "\r\n", "\n\n"]), min_size=5, max_size=5))
def test_every_record_is_read_back_where_splitlines_puts_it(
        tmp_path: Path, notes: list[str], ends: list[str]) -> None:
    lines = [json.dumps({"id": f"c{i}", "text": "t", "subject": "cn", "predicate": "supplies",
                         "object": "ru", "note": n}, ensure_ascii=False)
             for i, n in enumerate(notes)]
    text = "".join(line + end for line, end in zip(lines, ends, strict=False))
    root = _case(tmp_path / "h", text.encode())
    loaded = load_case_folder(root)
    whole = text.splitlines()
    for i in range(len(notes)):
        origin = loaded.origin("claim", f"c{i}")
        if origin is None:  # broken by a separator inside its value
            continue
        assert whole[origin.line - 1] == lines[i]
        want = load_jsonl_line(lines[i], "claims.jsonl", origin.line, base=(0,))
        assert origin.at("object") == ("claims.jsonl", *want.locations.get((0, "object")))
