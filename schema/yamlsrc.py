"""Read YAML and JSON Lines while remembering where every value was written.

:func:`load_yaml` parses with libyaml (PyYAML's C parser when available) into plain Python
values and a :class:`Locations` map from each value's path (``("claims", 3, "evidence", 0,
"quote")``) to its 1-based line and column. Timestamps stay strings (a partial date is
text, not a ``datetime``), duplicate keys are reported rather than silently overwritten,
and syntax errors become located :class:`~claimgraph.schema.errors.Problem` rows.

Examples
--------
>>> doc = load_yaml("claims:\\n  - id: a\\n    time: 2023-04-01\\n", "claims.yaml")
>>> doc.value
{'claims': [{'id': 'a', 'time': '2023-04-01'}]}
>>> doc.locations.get(("claims", 0, "time"))
(3, 11)
>>> bad = load_yaml("claims: [a, b\\n", "x.yaml")
>>> bad.value is None, bad.problems[0].location(), bad.problems[0].message
(True, 'x.yaml:2:1', "while parsing a flow sequence: did not find expected ',' or ']'")
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem

__all__ = ["Document", "Locations", "Path_", "load_jsonl_line", "load_yaml"]

Path_ = tuple[str | int, ...]

try:  # pragma: no cover - depends on how PyYAML was built
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_constructor = yaml.constructor.SafeConstructor()
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"


@dataclass
class Locations:
    """Path -> (line, col), both 1-based. Unknown paths fall back to their nearest parent.

    A :meth:`sub` view shares the marks of the whole file and only prepends its prefix, so
    taking one per record costs nothing however large the file is.
    """

    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    prefix: Path_ = ()

    def get(self, path: Path_) -> tuple[int, int] | None:
        """Where the value at ``path`` (or its closest known parent) was written."""
        p = (*self.prefix, *path)
        stop = len(self.prefix)
        marks = self.marks
        while True:
            mark = marks.get(p)
            if mark is not None or len(p) <= stop:
                return mark
            p = p[:-1]

    def key(self, path: Path_) -> tuple[int, int] | None:
        """Where the *key* of ``path`` was written (for unknown-field errors)."""
        return self.key_marks.get((*self.prefix, *path)) or self.get(path)

    def sub(self, prefix: Path_) -> Locations:
        """The locations below ``prefix``, re-rooted there (a view, not a copy)."""
        return Locations(self.file, self.marks, self.key_marks, (*self.prefix, *prefix))


@dataclass
class Document:
    """A parsed file: its value (None if it could not be parsed), locations, problems."""

    file: str
    value: Any
    locations: Locations
    problems: list[Problem] = field(default_factory=list)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node: yaml.Node, path: Path_, doc: Document) -> Any:
    doc.locations.marks[path] = _mark(node)
    if isinstance(node, yaml.ScalarNode):
        if node.tag in (_TIMESTAMP, _STR):
            return node.value
        try:
            return _constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*path, i), doc) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _mark(key_node)
                doc.problems.append(Problem(
                    "error", "yaml-key", "a mapping key must be a plain scalar",
                    doc.file, line, col))
                continue
            key = key_node.value
            kpath = (*path, key)
            if key in out:
                line, col = _mark(key_node)
                first = doc.locations.key_marks.get(kpath)
                doc.problems.append(Problem(
                    "error", "duplicate-key", f"key {key!r} appears twice in one mapping",
                    doc.file, line, col,
                    hint=f"the first is at line {first[0]}" if first else None))
                continue
            doc.locations.key_marks[kpath] = _mark(key_node)
            out[key] = _convert(value_node, kpath, doc)
        return out
    return None  # pragma: no cover - composer yields only the three node kinds


def load_yaml(text: str, file: str) -> Document:
    """Parse one YAML document; problems (syntax, duplicate keys) are collected, not raised."""
    doc = Document(file, None, Locations(file))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        msg = ": ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        doc.problems.append(Problem(
            "error", "yaml-syntax", msg, file, line, col,
            hint="check indentation, and quote values that contain ': ' or start with '{', '[', '*', '&'"))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem("error", "yaml-syntax", str(exc), file))
        return doc
    if node is None:
        doc.value = {}
        return doc
    doc.value = _convert(node, (), doc)
    return doc


def load_jsonl_line(text: str, file: str, line: int) -> Document:
    """Parse one JSON Lines record; every path is located at its line (column of the key)."""
    doc = Document(file, None, Locations(file))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        doc.problems.append(Problem(
            "error", "json-syntax", exc.msg, file, line, exc.colno,
            hint="each line must be one complete JSON object"))
        return doc
    doc.value = value
    doc.locations.marks[()] = (line, 1)
    if isinstance(value, dict):
        for key in value:
            col = text.find(json.dumps(key)) + 1
            doc.locations.marks[(key,)] = (line, max(col, 1))
    return doc
