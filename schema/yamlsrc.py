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

__all__ = ["Document", "Locations", "Path_", "load_jsonl_line", "load_yaml"]

Path_ = tuple[str | int, ...]

try:  # pragma: no cover - depends on how PyYAML was built
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_constructor = yaml.constructor.SafeConstructor()


_BITS = 32
_MASK = (1 << _BITS) - 1


class Locations:
    """Path -> (line, col), both 1-based. Unknown paths fall back to their nearest parent.

    Compact, because a big case has millions of values: a mark is one packed int (value and
    key position together), and paths deeper than ``split`` are kept per record (the first
    ``split`` parts, e.g. ``("claims", 3)``) under a relative path shared by all records
    (``("evidence", 0, "quote")``). A :meth:`sub` view shares everything and only prepends
    its prefix, so taking one per record costs nothing however large the file is.

    >>> locs = Locations("f.yaml")
    >>> locs.put(("claims", 0), 2, 5)
    >>> locs.put(("claims", 0, "evidence", 0, "quote"), 9, 16)
    >>> locs.put_key(("claims", 0, "evidence", 0, "quote"), 9, 9)
    >>> rec = locs.sub(("claims", 0))
    >>> rec.get(("evidence", 0, "quote")), rec.key(("evidence", 0, "quote"))
    ((9, 16), (9, 9))
    >>> rec.get(("text",)), locs.exact(("claims", 0, "text"))
    ((2, 5), None)
    """

    __slots__ = ("_intern", "file", "marks", "prefix", "records", "split")

    def __init__(self, file: str, marks: dict[Path_, tuple[int, int]] | None = None,
                 *, split: int = 2) -> None:
        self.file = file
        self.marks: dict[Path_, int] = {}
        self.records: dict[Path_, dict[Path_, int]] = {}
        self.prefix: Path_ = ()
        self.split = split
        self._intern: dict[Path_, Path_] = {}
        for path, (line, col) in (marks or {}).items():
            self.put(path, line, col)

    def _slot(self, path: Path_, create: bool) -> tuple[dict[Path_, int] | None, Path_]:
        if len(path) <= self.split:
            return self.marks, path
        head = path[:self.split]
        rec = self.records.get(head)
        if rec is None and create:
            rec = self.records[head] = {}
        rel = path[self.split:]
        return rec, self._intern.setdefault(rel, rel) if create else rel

    def _set(self, path: Path_, shift: int, line: int, col: int) -> None:
        store, key = self._slot(path, True)
        assert store is not None
        old = store.get(key, 0) & ~(((1 << 2 * _BITS) - 1) << shift)
        store[key] = old | (((line << _BITS) | col) << shift)

    def put(self, path: Path_, line: int, col: int) -> None:
        """Record where the value at the absolute ``path`` starts."""
        self._set(path, 0, line, col)

    def put_key(self, path: Path_, line: int, col: int) -> None:
        """Record where the key of the absolute ``path`` was written."""
        self._set(path, 2 * _BITS, line, col)

    def _packed(self, path: Path_) -> int:
        store, key = self._slot(path, False)
        return store.get(key, 0) if store is not None else 0

    @staticmethod
    def _unpack(x: int, shift: int) -> tuple[int, int] | None:
        x >>= shift
        line = (x >> _BITS) & _MASK
        return (line, x & _MASK) if line else None

    def exact(self, path: Path_) -> tuple[int, int] | None:
        """Where exactly the value at ``path`` was written (no fallback to a parent)."""
        return self._unpack(self._packed((*self.prefix, *path)), 0)

    def get(self, path: Path_) -> tuple[int, int] | None:
        """Where the value at ``path`` (or its closest known parent) was written."""
        p = (*self.prefix, *path)
        stop = len(self.prefix)
        while True:
            mark = self._unpack(self._packed(p), 0)
            if mark is not None or len(p) <= stop:
                return mark
            p = p[:-1]

    def key(self, path: Path_) -> tuple[int, int] | None:
        """Where the *key* of ``path`` was written (for unknown-field errors)."""
        full = (*self.prefix, *path)
        return self._unpack(self._packed(full), 2 * _BITS) or self.get(path)

    def sub(self, prefix: Path_) -> Locations:
        """The locations below ``prefix``, re-rooted there (a view, not a copy)."""
        view = Locations.__new__(Locations)
        view.file, view.marks, view.records = self.file, self.marks, self.records
        view.split, view._intern = self.split, self._intern
        view.prefix = (*self.prefix, *prefix)
        return view


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

    def __init__(self, doc: Document, budget: int) -> None:
        self.doc = doc
        self.locs = doc.locations
        self.budget = budget  # values (counting alias expansions) before it is a bomb
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
                if expecting_key and top is not None:
                    self.key(top, ev.value, ev.start_mark)  # keys stay text: `1:` is '1'
                    continue
                value = self.scalar(ev)
                path = self.child_path(ev.start_mark)
                if ev.anchor:
                    self.anchors[ev.anchor] = (value, 1)
                self.attach(value, 1, path, ev.start_mark)
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
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
    builder = _Builder(doc, 2 * len(text) + 1000)
    try:
        value = builder.run(yaml.parse(text, Loader=_Loader))
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
    except _TooBig:
        doc.problems.append(Problem(
            "error", ProblemCode.YAML_ALIAS, "aliases expand to far more values than the file holds",
            file, 1, 1, hint="write values out instead of nesting anchors (&) and aliases (*)"))
        return doc
    if any(p.code is ProblemCode.YAML_SYNTAX for p in doc.problems):
        return doc
    doc.value = {} if value is None else value  # empty, `~` or `null`: an empty file
    return doc


def load_jsonl_line(text: str, file: str, line: int, *, base: Path_ = ()) -> Document:
    """Parse one JSON Lines record; every path is located at its line (column of the key).

    ``base`` is prepended to the located paths (a loader treating each line as item 0 of a
    list passes ``(0,)``)."""
    doc = Document(file, None, Locations(file))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        doc.problems.append(Problem(
            "error", ProblemCode.JSON_SYNTAX, exc.msg, file, line, exc.colno,
            hint="each line must be one complete JSON object"))
        return doc
    doc.value = value
    doc.locations.put(base, line, 1)
    if isinstance(value, dict):
        for key in value:
            col = max(text.find(json.dumps(key, ensure_ascii=False)) + 1, 1)
            doc.locations.put((*base, key), line, col)
            doc.locations.put_key((*base, key), line, col)
    return doc
