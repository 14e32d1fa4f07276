"""Read YAML and JSON Lines while remembering where every value was written.

:func:`load_yaml` reads libyaml's event stream (PyYAML's C parser when available) straight
into plain Python values, without PyYAML's node graph, and a :class:`Locations` map from each value's path (``("claims", 3, "evidence", 0,
"quote")``) to its 1-based line and column. Timestamps stay strings (a partial date is
text, not a ``datetime``), duplicate keys are reported rather than silently overwritten,
and syntax errors become located :class:`~claimgraph.errors.Problem` rows.

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
>>> str(load_yaml("a: &x [1, *x]\\n", "y.yaml").problems[0].code)
'yaml-alias'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from claimgraph.errors import Problem, ProblemCode
from claimgraph.limits import Limits
from claimgraph.limits import limits as _limits
from claimgraph.textsafety import UNSAFE

from .locations import Locations, Path_
from .valuecheck import json_value_problems, may_need_walk, string_problems, too_deep

__all__ = ["Document", "Locations", "Path_", "load_jsonl_line", "load_yaml"]


try:  # pragma: no cover - depends on how PyYAML was built
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """A parsed file: its value (None if it could not be parsed), locations, problems."""

    file: str
    value: Any
    locations: Locations
    problems: list[Problem] = field(default_factory=list)


# Scalars are built by tag with the stateless constructor methods (``construct_object``
# would keep every node in the constructor's memo for ever).
_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": lambda node: None,
}
_RESOLVERS: dict[str, list[tuple[str, Any]]] = _Loader.yaml_implicit_resolvers
_SYNTAX_HINT = ("check indentation, and quote values that contain ': ' or start with "
                "'{', '[', '*', '&'")


class _TooBig(Exception):
    """Internal: alias expansion would build more values than the text could hold."""


class _TooDeep(Exception):
    """Internal: the values nest deeper than the limit (``args[0]``: where)."""


class _Frame:
    """A mapping or sequence being built; ``path`` None means "discarded, not located"."""

    __slots__ = ("anchor", "key", "key_ok", "path", "size", "value")

    def __init__(self, value: Any, path: Path_ | None, anchor: str | None) -> None:
        self.value = value
        self.path = path
        self.anchor = anchor
        self.size = 0  # values inside, alias expansions included
        self.key: Any = None  # mappings: the key waiting for its value
        self.key_ok = False  # ... and whether the value should be kept


class _Builder:
    """Builds plain values straight from libyaml's event stream, recording each value's
    mark (1-based line, column). Going round PyYAML's node graph makes loading about three
    times faster; anchors are shared values, sized so that alias bombs are refused."""

    def __init__(self, doc: Document, budget: int, limits: Limits) -> None:
        self.doc = doc
        self.locs = doc.locations
        self.budget = budget  # values (counting alias expansions) before it is a bomb
        self.limits = limits
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open: set[str] = set()
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def problem(self, code: ProblemCode, message: str, mark: Any, hint: str) -> None:
        self.doc.problems.append(Problem("error", code, message, self.doc.file,
                                         mark.line + 1, mark.column + 1, hint=hint))

    def child_path(self, mark: Any) -> Path_ | None:
        """The path of the value that starts now, or None when it is discarded."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.path is None:
            return None
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        return (*top.path, top.key) if top.key_ok else None

    def attach(self, value: Any, size: int, path: Path_ | None, mark: Any) -> None:
        self.budget -= size
        if self.budget < 0:
            raise _TooBig
        if path is not None:
            self.locs.put(path, mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            top.value.append(value)
        elif top.key_ok:
            top.value[top.key] = value
            top.key, top.key_ok = None, False
        else:
            top.key = None

    def key(self, top: _Frame, key: Any, mark: Any) -> None:
        """A mapping key was read: check it, and decide whether its value is kept."""
        kpath = (*top.path, key) if top.path is not None else None
        if key in top.value:
            first = self.locs.key(kpath) if kpath is not None else None
            self.problem(ProblemCode.DUPLICATE_KEY, f"key {key!r} appears twice in one mapping", mark,
                         f"the first is at line {first[0]}; keep one of them" if first
                         else "keep one of them")
            top.key, top.key_ok = key, False
            return
        if kpath is not None:
            self.locs.put_key(kpath, mark.line + 1, mark.column + 1)
        top.key, top.key_ok = key, True

    def scalar(self, ev: yaml.ScalarEvent) -> Any:
        tag, value = ev.tag, ev.value
        if tag is None or tag == "!":
            if not ev.implicit[0]:
                return value  # quoted, or tagged '!': text
            tag = None
            for rtag, regexp in _RESOLVERS.get(value[:1], ()):
                if regexp.match(value):
                    tag = rtag
                    break
            if tag is None:
                return value
        build = _SCALARS.get(tag)
        if build is None:
            return value  # str, timestamp (kept as text), merge keys and unknown tags
        try:
            return build(yaml.ScalarNode(tag, value))
        except Exception:  # e.g. an explicit `!!int` on text that is no number
            return value

    def run(self, events: Any) -> Any:
        path: Path_ | None
        for ev in events:
            cls = ev.__class__
            top = self.stack[-1] if self.stack else None
            expecting_key = (top is not None and isinstance(top.value, dict)
                             and top.key is None and not top.key_ok)
            if cls is yaml.ScalarEvent:
                text = ev.value
                if len(text) > self.limits.max_string_chars or UNSAFE.search(text):
                    mark = ev.start_mark
                    self.doc.problems.extend(string_problems(
                        text, self.doc.file, mark.line + 1, mark.column + 1, self.limits))
                if expecting_key and top is not None:
                    self.key(top, ev.value, ev.start_mark)  # keys stay text: `1:` is '1'
                    continue
                value = self.scalar(ev)
                path = self.child_path(ev.start_mark)
                if ev.anchor:
                    self.anchors[ev.anchor] = (value, 1)
                self.attach(value, 1, path, ev.start_mark)
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                if len(self.stack) >= self.limits.max_depth:
                    raise _TooDeep(ev.start_mark)
                if expecting_key and top is not None:
                    self.problem(ProblemCode.YAML_KEY, "a mapping key must be a plain scalar",
                                 ev.start_mark, "write keys as plain words, e.g. `name:`")
                    top.key_ok = False
                    top.key = _COMPLEX
                    path = None
                else:
                    path = self.child_path(ev.start_mark)
                if path is not None:
                    self.locs.put(path, ev.start_mark.line + 1, ev.start_mark.column + 1)
                frame = _Frame({} if cls is yaml.MappingStartEvent else [], path, ev.anchor)
                if ev.anchor:
                    self.open.add(ev.anchor)
                self.stack.append(frame)
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                frame = self.stack.pop()
                size = frame.size + 1
                if frame.anchor:
                    self.open.discard(frame.anchor)
                    self.anchors[frame.anchor] = (frame.value, size)
                parent = self.stack[-1] if self.stack else None
                if parent is not None and parent.key is _COMPLEX:
                    parent.key = _DISCARD  # the complex key is done; its value is dropped
                    continue
                self.attach(frame.value, size, None, ev.start_mark)
            elif cls is yaml.AliasEvent:
                mark = ev.start_mark
                if ev.anchor in self.open:
                    self.problem(ProblemCode.YAML_ALIAS, "an alias refers to a value that contains it",
                                 mark, "write the value out instead of using an anchor (&) "
                                 "and alias (*)")
                    value, size = None, 1
                elif ev.anchor not in self.anchors:
                    self.problem(ProblemCode.YAML_SYNTAX, f"found undefined alias {ev.anchor!r}", mark,
                                 "define the anchor (&name) before using the alias (*name)")
                    value, size = None, 1
                else:
                    value, size = self.anchors[ev.anchor]
                if expecting_key and top is not None:
                    self.problem(ProblemCode.YAML_KEY, "a mapping key must be a plain scalar", mark,
                                 "write keys as plain words, e.g. `name:`")
                    top.key, top.key_ok = _DISCARD, False
                    continue
                self.attach(value, size, self.child_path(mark), mark)
            elif cls is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.problem(ProblemCode.YAML_SYNTAX, "a case file holds one YAML document, "
                                 "found a second one", ev.start_mark,
                                 "remove the '---' line, or split the file in two")
                    return None
        return self.root


_COMPLEX = object()  # key slot: a complex key is being read
_DISCARD = object()  # key slot: the next value belongs to a bad key and is dropped


def load_yaml(text: str, file: str) -> Document:
    """Parse one YAML document; problems (syntax, duplicate keys) are collected, not raised."""
    doc = Document(file, None, Locations(file))
    lim = _limits()
    builder = _Builder(doc, 2 * len(text) + 1000, lim)
    try:
        value = builder.run(yaml.parse(text, Loader=_Loader))
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, ESC …)
        at = _line_col(text, exc.position)
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a byte"
        doc.problems.append(Problem(
            "error", ProblemCode.YAML_SYNTAX, f"the character {what} is not allowed in YAML ({exc.reason})",
            file, *at, hint="remove it; a NUL byte usually means a binary or UTF-16 "
                                  "file, save the file as UTF-8 text"))
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        msg = ": ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        cm = exc.context_mark
        if exc.context and cm is not None and mark is not None and cm.line != mark.line:
            msg = (f"{exc.context} (started at line {cm.line + 1}, column {cm.column + 1}): "
                   f"{exc.problem}")
        doc.problems.append(Problem("error", ProblemCode.YAML_SYNTAX, msg, file, line, col,
                                    hint=_SYNTAX_HINT))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem("error", ProblemCode.YAML_SYNTAX, str(exc) or "invalid YAML", file,
                                    hint="check the file's structure"))
        return doc
    except _TooDeep as exc:
        mark = exc.args[0]
        doc.problems.append(Problem(
            "error", ProblemCode.TOO_DEEP, f"the values nest more than {lim.max_depth} levels deep",
            file, mark.line + 1, mark.column + 1, hint=lim.hint("max_depth", lim.max_depth)))
        return doc
    except _TooBig:
        doc.problems.append(Problem(
            "error", ProblemCode.YAML_ALIAS, "aliases expand to far more values than the file holds",
            file, 1, 1, hint="write values out instead of nesting anchors (&) and aliases (*)"))
        return doc
    if any(p.code is ProblemCode.YAML_SYNTAX for p in doc.problems):
        return doc
    doc.value = {} if value is None else value  # empty, `~` or `null`: an empty file
    return doc


def _line_col(text: str, pos: int) -> tuple[int, int]:
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def load_jsonl_line(text: str, file: str, line: int, *, base: Path_ = (),
                    limits: Limits | None = None) -> Document:
    """Parse one JSON Lines record; every path is located at its line (column of the key).

    ``base`` is prepended to the located paths (a loader treating each line as item 0 of a
    list passes ``(0,)``); ``limits`` defaults to the ones in force."""
    doc = Document(file, None, Locations(file))
    lim = limits or _limits()
    deep = too_deep(text, file, line, lim)
    if deep is not None:
        doc.problems.append(deep)
        return doc
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        doc.problems.append(Problem(
            "error", ProblemCode.JSON_SYNTAX, exc.msg, file, line, exc.colno,
            hint="each line must be one complete JSON object"))
        return doc
    doc.value = value
    doc.locations.put(base, line, 1)
    cols: dict[str | int | None, int] = {}
    if isinstance(value, dict):
        for key in value:
            col = cols[key] = max(text.find(json.dumps(key, ensure_ascii=False)) + 1, 1)
            doc.locations.put((*base, key), line, col)
            doc.locations.put_key((*base, key), line, col)
    if may_need_walk(text, lim):
        doc.problems.extend(json_value_problems(value, file, line, cols, lim))
    return doc
