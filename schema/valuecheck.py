"""Checks on every string a case file holds, and on the shape of a JSON record, before the
models see them: control characters, bidirectional overrides, length, nesting depth.

Both loaders of :mod:`.yamlsrc` call these, so YAML and JSON Lines report the same problems
the same way. The checks are cheap on ordinary text (one regular-expression search, one
length test); the slower walks over a JSON record only run when a cheap test on the line
says there may be something to find.

* ``control-char`` (error): a C0/C1 control character or DEL in a value (ESC can rewrite a
  reader's terminal; see :mod:`claimgraph.textsafety`). Tab, line feed and carriage
  return (Windows line ends in machine-made data) are fine; output shows CR escaped.
* ``bidi-char`` (warning): a bidirectional embedding, override or isolate (U+202A-U+202E,
  U+2066-U+2069): the text may display in another order than it reads.
* ``too-long`` / ``too-deep`` (errors): over :func:`claimgraph.limits.limits`.

Examples
--------
>>> from claimgraph.limits import Limits
>>> [p.format() for p in string_problems("Evil\\x1b[2J", "f.yaml", 3, 9, Limits())]
["f.yaml:3:9: error[control-char]: the value holds the control character U+001B; it could rewrite a reader's terminal (hint: remove it; write a line break as a real one)"]
>>> too_deep('{"a": [[[1]]]}', "c.jsonl", 4, Limits(max_depth=3)).format()
'c.jsonl:4:1: error[too-deep]: the record nests more than 3 levels deep (hint: if the input is trusted, raise the limit for this run: CLAIMGRAPH_MAX_DEPTH=6)'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from claimgraph.errors import Problem, ProblemCode
from claimgraph.limits import Limits, json_depth
from claimgraph.textsafety import UNSAFE, is_bidi_control, unsafe_characters

__all__ = ["json_value_problems", "may_need_walk", "string_problems", "too_deep"]

# a JSON text that may hold an escaped unsafe character (\b, \f, \r, \u001b, \u202E, …)
_ESCAPED_UNSAFE = re.compile(
    r"\\(?:[bfr]|u(?:00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]|202[a-eA-E]|206[6-9]))")


def string_problems(value: str, file: str, line: int | None, col: int | None,
                    limits: Limits) -> list[Problem]:
    """The problems of one string value written at ``file:line:col``."""
    out: list[Problem] = []
    if len(value) > limits.max_string_chars:
        out.append(Problem(
            "error", ProblemCode.TOO_LONG, f"a value of {len(value):,} characters, more than the limit "
            f"of {limits.max_string_chars:,}", file, line, col,
            hint=limits.hint("max_string_chars", len(value))))
    if UNSAFE.search(value) is None:
        return out
    chars = [c for c in unsafe_characters(value) if c != "U+000D"]  # CR LF: a line break
    controls = [c for c in chars if not is_bidi_control(chr(int(c[2:], 16)))]
    bidi = [c for c in chars if c not in controls]
    if controls:
        word = "character" if len(controls) == 1 else "characters"
        out.append(Problem(
            "error", ProblemCode.CONTROL_CHAR, f"the value holds the control {word} "
            f"{', '.join(controls)}; it could rewrite a reader's terminal", file, line, col,
            hint="remove it; write a line break as a real one"))
    if bidi:
        out.append(Problem(
            "warning", ProblemCode.BIDI_CHAR, f"the value holds the bidirectional control "
            f"{', '.join(bidi)}: it may display in another order than it reads", file, line,
            col, hint="remove it unless the script needs it, and check how the text shows"))
    return out


def too_deep(text: str, file: str, line: int, limits: Limits) -> Problem | None:
    """A ``too-deep`` problem when a JSON text nests deeper than the limit (checked without
    parsing, so a 100,000-deep record cannot overflow the parser's stack)."""
    limit = limits.max_depth
    if text.count("[") + text.count("{") <= limit:
        return None
    if json_depth(text, stop_after=limit) <= limit:
        return None
    return Problem("error", ProblemCode.TOO_DEEP, f"the record nests more than {limit} levels deep",
                   file, line, 1, hint=limits.hint("max_depth", limit))


def may_need_walk(text: str, limits: Limits) -> bool:
    """Whether a JSON line may hold a string :func:`string_problems` reports (cheap)."""
    return (len(text) > limits.max_string_chars or UNSAFE.search(text) is not None
            or ("\\" in text and _ESCAPED_UNSAFE.search(text) is not None))


def _strings(value: Any, top: str | int | None = None) -> Iterator[tuple[str | int | None, str]]:
    stack: list[tuple[Any, str | int | None]] = [(value, top)]
    while stack:
        item, key = stack.pop()
        if isinstance(item, str):
            yield key, item
        elif isinstance(item, dict):
            for k, v in item.items():
                stack.append((k, key if key is not None else k))
                stack.append((v, key if key is not None else k))
        elif isinstance(item, list):
            stack.extend((v, key) for v in item)


def json_value_problems(value: Any, file: str, line: int, col_of: dict[str | int | None, int],
                        limits: Limits) -> list[Problem]:
    """:func:`string_problems` for every string (keys too) of a parsed JSON record, located
    at the column of the top-level key that holds it (``col_of``)."""
    out: list[Problem] = []
    for key, text in _strings(value):
        out.extend(string_problems(text, file, line, col_of.get(key, 1), limits))
    return sorted(set(out), key=lambda p: (p.col or 0, p.code, p.message))
