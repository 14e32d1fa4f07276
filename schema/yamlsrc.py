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
>>> bad.value is None, bad.problems[0].location()
(True, 'x.yaml:2:1')
>>> bad.problems[0].message
"while parsing a flow sequence (started at line 1, column 9): did not find expected ',' or ']'"
>>> load_yaml("a: &x [1, *x]\\n", "y.yaml").problems[0].code
'yaml-alias'
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


# Scalars are built by tag with the stateless constructor methods (``construct_object``
# would keep every node in the constructor's memo for ever).
_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": lambda node: None,
}


class _TooBig(Exception):
    """Internal: alias expansion would build more values than the text could hold."""


class _Converter:
    """Turns a composed node tree into plain values, recording each value's mark."""

    def __init__(self, doc: Document, budget: int) -> None:
        self.doc = doc
        self.marks = doc.locations.marks
        self.key_marks = doc.locations.key_marks
        self.budget = budget  # values left before alias expansion counts as a bomb
        self.active: set[int] = set()  # collections on the current path (alias cycles)

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooBig
        mark = node.start_mark
        self.marks[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            build = _SCALARS.get(node.tag)
            if build is None:
                return node.value  # str, timestamp (kept as text) and unknown tags
            try:
                return build(node)
            except Exception:  # e.g. an explicit `!!int` on text that is no number
                return node.value
        key = id(node)
        if key in self.active:
            self.doc.problems.append(Problem(
                "error", "yaml-alias", "an alias refers to a value that contains it",
                self.doc.file, mark.line + 1, mark.column + 1,
                hint="write the value out instead of using an anchor (&) and alias (*)"))
            return None
        self.active.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.convert(child, (*path, i)) for i, child in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
            return None  # pragma: no cover - composer yields only the three node kinds
        finally:
            self.active.discard(key)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        file = self.doc.file
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _mark(key_node)
                self.doc.problems.append(Problem(
                    "error", "yaml-key", "a mapping key must be a plain scalar",
                    file, line, col, hint="write keys as plain words, e.g. `name:`"))
                continue
            key = key_node.value
            kpath = (*path, key)
            if key in out:
                line, col = _mark(key_node)
                first = self.key_marks.get(kpath)
                self.doc.problems.append(Problem(
                    "error", "duplicate-key", f"key {key!r} appears twice in one mapping",
                    file, line, col,
                    hint=f"the first is at line {first[0]}; keep one of them" if first
                    else "keep one of them"))
                continue
            self.key_marks[kpath] = _mark(key_node)
            out[key] = self.convert(value_node, kpath)
        return out


def load_yaml(text: str, file: str) -> Document:
    """Parse one YAML document; problems (syntax, duplicate keys) are collected, not raised."""
    doc = Document(file, None, Locations(file))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        msg = ": ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        cm = exc.context_mark
        if exc.context and cm is not None and mark is not None and cm.line != mark.line:
            msg = (f"{exc.context} (started at line {cm.line + 1}, column {cm.column + 1}): "
                   f"{exc.problem}")
        doc.problems.append(Problem(
            "error", "yaml-syntax", msg, file, line, col,
            hint="check indentation, and quote values that contain ': ' or start with '{', '[', '*', '&'"))
        return doc
    except (yaml.YAMLError, RecursionError) as exc:
        doc.problems.append(Problem("error", "yaml-syntax", str(exc) or "invalid YAML", file,
                                    hint="check the file's structure"))
        return doc
    if node is None:
        doc.value = {}
        return doc
    try:
        doc.value = _Converter(doc, 2 * len(text) + 1000).convert(node, ())
        if doc.value is None:
            doc.value = {}  # a document that is only `~` or `null` is an empty one
    except (_TooBig, RecursionError):
        doc.value = None
        doc.problems.append(Problem(
            "error", "yaml-alias", "aliases expand to far more values than the file holds",
            file, 1, 1, hint="write values out instead of nesting anchors (&) and aliases (*)"))
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
