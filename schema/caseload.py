"""Load a case folder into models, collecting every located problem on the way.

A case is a folder with ``case.yaml`` (metadata, optional vocabulary extension) and any
number of other ``*.yaml`` files holding lists under ``entities:``, ``sources:`` and
``claims:``; bulk data may also come as JSON Lines files whose name ends in
``entities.jsonl``, ``sources.jsonl`` or ``claims.jsonl`` (one record per line), and claims
as spreadsheets whose name ends in ``claims.csv`` (:mod:`claimgraph.schema.csvsrc`).
Records that fail their schema are reported; when only optional fields are at fault the
record is kept without them (its id goes to ``partial_ids``) so that its references are
still cross-checked, otherwise it is left out (``rejected_ids``). One run reports as much as
it can; a case with errors is never used for anything but reporting. Cross-reference checks live in
:mod:`claimgraph.schema.validate`.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "case.yaml").write_text("id: demo\\ntitle: Demo\\n")
>>> _ = (d / "actors.yaml").write_text(
...     "entities:\\n  - {id: cn, name: China, kind: state, colour: red}\\n")
>>> loaded = load_case_folder(d)
>>> [p.format() for p in loaded.problems]  # doctest: +NORMALIZE_WHITESPACE
["actors.yaml:2:40: error[unknown-field]: entity 'cn': unknown field 'colour'
  (hint: remove it, or use one of: aliases, broader, country, description, id, ids, kind,
  name, note, overlaps, part_of, same_as)"]
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from claimgraph.errors import LimitError, Problem, ProblemCode
from claimgraph.limits import Limits, check_file_size, limits

from .casepaths import OutsideCase, inside_case, special_kind
from .csvsrc import read_claims_csv
from .models import RECORD_TYPES, Case, CaseMeta, Claim, Entity, Source
from .patterns import ERROR_HINTS, TEXT_PATTERNS
from .suggest import did_you_mean
from .yamlsrc import Document, Locations, load_jsonl_line, load_yaml

__all__ = ["CASE_FILE", "LoadedCase", "RecordOrigin", "case_files", "load_case_folder",
           "load_case_meta"]

CASE_FILE = "case.yaml"
CLAIMS_CSV = "claims.csv"
_SINGULAR = {"entities": "entity", "sources": "source", "claims": "claim"}


class JsonlLines:
    """Where each line of one JSON Lines file starts, so that the positions of a record's
    fields are read back from the file when a problem must be located, rather than kept
    for every record of a big case (a million records, ten fields each).

    ``offsets[n - 1]`` is the byte offset of the ``\\n``-ended chunk holding line ``n``
    (lines as ``str.splitlines`` counts them: a chunk with a U+2028 in it holds two).
    """

    __slots__ = ("file", "last", "limits", "offsets", "path")

    def __init__(self, path: Path, file: str, limits: Limits) -> None:
        self.path, self.file, self.limits = path, file, limits
        self.offsets = array("q")
        self.last: tuple[int, Locations] | None = None  # the line asked for last

    def locations(self, line: int) -> Locations:
        """The positions of the record on ``line`` (1-based), as loading located them;
        empty when the line cannot be read back (the record's own line:col then stands)."""
        if self.last is not None and self.last[0] == line:
            return self.last[1]
        locs = self._read(line)
        self.last = (line, locs)
        return locs

    def _read(self, line: int) -> Locations:
        empty = Locations(self.file)
        if not 1 <= line <= len(self.offsets):
            return empty
        start = self.offsets[line - 1]
        first = bisect_left(self.offsets, start) + 1  # the chunk's first line
        try:
            with open(self.path, "rb") as f:
                f.seek(start)
                pieces = f.readline().decode("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return empty
        if line - first >= len(pieces):
            return empty
        doc = load_jsonl_line(pieces[line - first], self.file, line, base=(0,),
                              limits=self.limits)
        locs = doc.locations.sub((0,))
        locs.file = self.file
        return locs


@dataclass(frozen=True, slots=True)
class RecordOrigin:
    """Where a record was written: file (relative to the case), line, column, and the
    locations of each of its fields (:attr:`locations`; for a JSON Lines record read back
    from its line when asked, see :class:`JsonlLines`)."""

    file: str
    line: int
    col: int
    where: Locations | JsonlLines

    @property
    def locations(self) -> Locations:
        w = self.where
        return w if isinstance(w, Locations) else w.locations(self.line)

    def at(self, *path: str | int) -> tuple[str, int, int]:
        """``(file, line, col)`` of one field of the record (or of the record itself)."""
        mark = self.locations.get(tuple(path)) or (self.line, self.col)
        return self.file, mark[0], mark[1]


@dataclass
class LoadedCase:
    """The result of reading a case folder."""

    root: Path
    meta: CaseMeta | None = None
    entities: list[Entity] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    origins: dict[tuple[str, str], RecordOrigin] = field(default_factory=dict)
    duplicate_origins: list[tuple[str, str, RecordOrigin]] = field(default_factory=list)
    rejected_ids: set[str] = field(default_factory=set)
    partial_ids: set[str] = field(default_factory=set)  # kept without their faulty fields
    meta_origin: RecordOrigin | None = None
    # every kind and predicate case.yaml declares under `vocabulary:` ("kind" / "predicate",
    # id) -> (line, col) of its entry, also those whose declaration has an error
    declared_vocab: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    problems: list[Problem] = field(default_factory=list)
    limits: Limits = field(default_factory=limits)
    over_limit: bool = False  # more records than limits.max_records: the rest were not read
    # while loading: one copy of each short value the records repeat (ids they refer to,
    # dates, units) and one field set per distinct set of fields given (see _compact)
    _shared: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def case(self) -> Case | None:
        """The :class:`Case` model, or None when case.yaml itself did not load."""
        if self.meta is None:
            return None
        return Case(meta=self.meta, entities=self.entities, sources=self.sources,
                    claims=self.claims)

    def origin(self, kind: str, record_id: str) -> RecordOrigin | None:
        return self.origins.get((kind, record_id))


def case_files(root: Path) -> list[Path]:
    """The data files of a case, case.yaml first, then the rest sorted by name."""
    files = [root / CASE_FILE]
    others = [p for p in root.iterdir() if p.is_file() and p.name != CASE_FILE
              and (p.suffix in (".yaml", ".yml") or p.name.endswith((".jsonl", CLAIMS_CSV)))]
    return files + sorted(others, key=lambda p: p.name)


def _nested_data_files(root: Path) -> list[Path]:
    """YAML/JSON Lines files in sub-folders (not read; a warning says so)."""
    return sorted(
        p for sub in root.iterdir() if sub.is_dir() and not sub.name.startswith(".")
        for p in sub.rglob("*")
        if (p.suffix in (".yaml", ".yml", ".jsonl") or p.name.endswith(CLAIMS_CSV))
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts))


def _hint_for(err: Any, model: type[BaseModel], value: Any) -> str | None:
    """The hint for one pydantic error: by its error type, the declared pattern of the field
    (:data:`~claimgraph.schema.models.TEXT_PATTERNS`) and the type of the value written."""
    kind = err["type"]
    loc = err["loc"]
    if kind in ERROR_HINTS:
        return ERROR_HINTS[kind]
    if kind == "extra_forbidden":
        owner: Any = model
        for part in loc[:-1]:
            fields = getattr(owner, "model_fields", {})
            if isinstance(part, str) and part in fields:
                ann = fields[part].annotation
                owner = next((a for a in getattr(ann, "__args__", (ann,))
                              if isinstance(a, type) and issubclass(a, BaseModel)), ann)
        names = sorted(getattr(owner, "model_fields", {}))
        if owner is CaseMeta:  # case.yaml may also hold records
            names = sorted({*names, *RECORD_TYPES})
        return (did_you_mean(str(loc[-1]), names, cutoff=0.7)
                or "remove it, or use one of: " + ", ".join(names))
    if kind == "missing":
        return f"add `{loc[-1]}:`"
    if kind == "string_pattern_mismatch":
        pattern = TEXT_PATTERNS.get(str(err.get("ctx", {}).get("pattern", "")))
        return pattern.hint if pattern else None
    if kind == "string_type" and isinstance(value, bool):
        return "quote the value: YAML reads yes/no/on/off/true/false as true or false"
    if kind == "string_type" and isinstance(value, int | float):
        return "quote the value if it is text (e.g. an HS code \"3912.20\")"
    if kind == "finite_number":
        return "NaN and infinities are not amounts; write a plain number, e.g. 1300"
    if kind in ("int_type", "float_type", "int_parsing", "float_parsing"):
        return "write a plain number, e.g. 1300 (say 'about' with `approx: true`)"
    if kind in ("bool_type", "bool_parsing"):
        return "write true or false"
    if kind == "list_type":
        return "write a list, e.g. [a, b], even for a single value: [a]"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "write a mapping of fields here, e.g. {key: value}"
    if kind == "string_type" and isinstance(value, dict | list):
        return "write a plain value here, not a mapping or a list"
    if kind == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", ""))
        return f"use one of: {expected.replace(' or ', ', ')}" if expected else None
    return None


def _pattern_name(err: Any) -> str:
    pattern = TEXT_PATTERNS.get(str(err.get("ctx", {}).get("pattern", "")))
    return pattern.what if pattern else f"of the form {err.get('ctx', {}).get('pattern')}"


def _is_member_tag(part: Any) -> bool:
    """True for the part of an error location that names a union member (``Label``,
    ``str``, ``constrained-str`` …), not a field, key or index."""
    return isinstance(part, str) and (part[:1].isupper() or part in ("str", "int", "float")
                                      or part.startswith(("constrained-", "function-")))


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    value = data
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[tuple[Any, ...], bool | None]:
    """The error's location as a path in the data, and whether it is about the union member
    the value was written as (None: no union on the way).

    pydantic adds a tag for the member of a union (``str``, ``Label``,
    ``constrained-str``) to the location; tags are left out of the path. A key the data
    holds never is a tag (an unknown field may well start with a capital letter, e.g.
    ``Name``)."""
    out: list[Any] = []
    member: bool | None = None
    value: Any = data
    for part in loc:
        held = ((isinstance(value, dict) and part in value)
                or (isinstance(value, list) and isinstance(part, int)
                    and 0 <= part < len(value)))
        if held:
            value = value[part]
            out.append(part)
            continue
        if _is_member_tag(part):
            if member is None:  # a model member (Label) for a mapping, a str one for text
                member = isinstance(value, dict) == str(part)[:1].isupper()
            continue  # the member of a union, not a place in the data
        out.append(part)  # e.g. a missing field
        value = None
    return tuple(out), member


def _schema_problems(
    exc: ValidationError, kind: str, record_id: str | None, locs: Locations,
    model: type[BaseModel], data: Any,
) -> list[Problem]:
    out: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        base, written_as = _data_path(tuple(err["loc"]), data)
        # a union (str | Label) reports one error per member: keep those of the member the
        # value was written as (a mapping for a model), then the first per place
        if written_as is False:
            continue
        if base in seen:
            continue
        seen.add(base)
        value = _value_at(data, base)
        mark = locs.key(base) if err["type"] == "extra_forbidden" else locs.get(base)
        line, col = mark if mark else (None, None)
        what = f"{kind} '{record_id}'" if record_id else kind
        if model is CaseMeta:
            what, base_in = _meta_entry(base, data)
        else:
            base_in = base
        dotted = ".".join(str(p) for p in base_in)
        hint = _hint_for(err, model, value)
        if err["type"] == "extra_forbidden":
            msg = f"{what}: unknown field '{base[-1]}'"
            hint = _split_value_hint(base, data) or hint
        elif err["type"] == "missing":
            msg = f"{what}: missing field '{dotted}'"
        else:
            text = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] in ("int_type", "float_type", "int_parsing", "float_parsing"):
                text = "Input should be a number"
            elif err["type"] == "string_pattern_mismatch":
                text = f"{value!r} is not {_pattern_name(err)}"
            msg = f"{what}: field '{dotted}': {text}"
        code = {"extra_forbidden": ProblemCode.UNKNOWN_FIELD,
                "missing": ProblemCode.MISSING_FIELD}.get(err["type"], ProblemCode.SCHEMA)
        if model is CaseMeta and base[:1] == ("vocabulary",) and len(base) > 2:
            msg += " (it is left out until fixed; the case's other kinds and predicates count)"
        out.append(Problem("error", code, msg, locs.file, line, col, hint=hint))
    return out


def _meta_entry(base: tuple[Any, ...], data: Any) -> tuple[str, tuple[Any, ...]]:
    """How a case.yaml error names its place: ``case: predicate 'used_in'``, ``case:
    unclaimed #4``; and the path of the field inside that entry."""
    for head in _META_LISTS:
        n = len(head)
        if base[:n] == head and len(base) > n and isinstance(base[n], int):
            item = _value_at(data, base[:n + 1])
            name = _ENTRY_NAMES.get(head[-1], head[-1])
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                return f"case: {name} '{item['id']}'", base[n + 1:] or base
            return f"case: {name} #{base[n] + 1}", base[n + 1:] or base
    return "case", base


_ENTRY_NAMES = {"entity_kinds": "entity kind", "predicates": "predicate", "tags": "tag",
                "hedges": "hedge", "vague_attributions": "vague attribution",
                "curators": "curator"}


def _split_value_hint(base: tuple[Any, ...], data: Any) -> str | None:
    """The hint for an unknown field that is really the rest of the value before it: in a
    ``{a: x, y}`` mapping an unquoted comma ends ``x`` and makes ``y`` a field."""
    parent = _value_at(data, base[:-1])
    key = base[-1] if base else None
    if not isinstance(parent, dict) or not isinstance(key, str) or parent.get(key) is not None:
        return None
    keys = list(parent)
    at = keys.index(key) if key in keys else 0
    if at == 0 or not isinstance(parent[keys[at - 1]], str):
        return None
    prev = keys[at - 1]
    return (f"in a {{…}} mapping a comma ends a value: put the whole text in quotes, "
            f"{prev}: \"{parent[prev]}, {key}\"")


def _partial(model: type[Any], item: dict[str, Any], exc: ValidationError) -> Any:
    """The record without its faulty top-level fields, so that its other fields can still
    be cross-checked in the same run; None when that is not a valid record either."""
    bad = {e["loc"][0] for e in exc.errors() if e["loc"]}
    if not bad or bad & _REQUIRED.get(model.__name__, set()):
        return None
    try:
        return model.model_validate({k: v for k, v in item.items() if k not in bad})
    except ValidationError:
        return None


_REQUIRED = {m.__name__: {n for n, f in m.model_fields.items() if f.is_required()}
             for m in RECORD_TYPES.values()}


_SHORT = 64  # values up to this length are shared between records when equal


def _compact(model: BaseModel, shared: dict[Any, Any], top: bool = True) -> None:
    """Cut what a validated record costs in memory, without changing a value: records
    with the same fields given share one field set (pydantic keeps one per instance,
    ~0.7 kB for a claim; ``model_copy`` copies it before changing it), and equal short
    values (the ids a record refers to, dates, units) are one string, not one per record
    (the record's own ``id`` is left alone: it is unique)."""
    fs = model.__pydantic_fields_set__
    key = ("fields", frozenset(fs))
    one = shared.get(key)
    if one is None:
        one = shared[key] = set(fs)
    object.__setattr__(model, "__pydantic_fields_set__", one)
    values = model.__dict__
    for name, v in values.items():
        if type(v) is str:
            if len(v) <= _SHORT and not (top and name == "id"):
                values[name] = shared.setdefault(v, v)
        elif isinstance(v, BaseModel):
            _compact(v, shared, False)
        elif type(v) is list:
            for i, x in enumerate(v):
                if type(x) is str:
                    if len(x) <= _SHORT:
                        v[i] = shared.setdefault(x, x)
                elif isinstance(x, BaseModel):
                    _compact(x, shared, False)


def _load_records(loaded: LoadedCase, doc: Document, section: str, items: Any,
                  base: tuple[str | int, ...], lines: JsonlLines | None = None) -> None:
    model = RECORD_TYPES[section]
    kind = _SINGULAR[section]
    target: list[Any] = getattr(loaded, section)
    if not isinstance(items, list):
        line, col = doc.locations.get(base) or (None, None)
        loaded.problems.append(Problem(
            "error", ProblemCode.SCHEMA, f"'{section}' must be a list of records", doc.file, line, col,
            hint=f"write each {kind} as an item starting with '- '"))
        return
    for i, item in enumerate(items):
        path = (*base, i)
        locs = doc.locations.sub(path)
        locs.file = doc.file
        line, col = doc.locations.get(path) or (1, 1)
        if not _room_for_one(loaded, doc.file, line, col):
            return
        if not isinstance(item, dict):
            loaded.problems.append(Problem(
                "error", ProblemCode.SCHEMA, f"{kind} #{i + 1} must be a mapping of fields",
                doc.file, line, col))
            continue
        rid = item.get("id") if isinstance(item.get("id"), str) else None
        try:
            record = model.model_validate(item)
        except ValidationError as exc:
            loaded.problems.extend(_schema_problems(exc, kind, rid, locs, model, item))
            partial = _partial(model, item, exc)
            if partial is None:
                if rid:
                    loaded.rejected_ids.add(rid)
                continue
            record = partial
            loaded.partial_ids.add(record.id)
        _compact(record, loaded._shared)
        origin = RecordOrigin(doc.file, line, col, locs if lines is None else lines)
        key = (kind, record.id)
        if key in loaded.origins:
            loaded.duplicate_origins.append((kind, record.id, origin))
            continue
        loaded.origins[key] = origin
        target.append(record)


def _room_for_one(loaded: LoadedCase, file: str, line: int | None, col: int | None) -> bool:
    """False (once reported) when the case already holds as many records as allowed."""
    lim = loaded.limits
    if len(loaded.entities) + len(loaded.sources) + len(loaded.claims) < lim.max_records:
        return True
    if not loaded.over_limit:
        loaded.over_limit = True
        loaded.problems.append(Problem(
            "error", ProblemCode.TOO_MANY, f"the case holds more than {lim.max_records:,} records; the "
            "rest are not read", file, line, col, hint=lim.hint("max_records", lim.max_records)))
    return False


def _read(path: Path, rel: str, loaded: LoadedCase) -> str | None:
    raw = _read_bytes(path, rel, loaded)
    return None if raw is None else raw.decode("utf-8")


def _read_bytes(path: Path, rel: str, loaded: LoadedCase) -> bytes | None:
    """The bytes of a data file, hashed, once they are known to be UTF-8."""
    try:
        inside_case(loaded.root, rel)
    except OutsideCase as exc:
        loaded.problems.append(Problem(
            "error", ProblemCode.PATH_OUTSIDE, f"{rel} {exc}; it is not read", rel,
            hint="copy the file into the case folder instead of linking to it"))
        return None
    try:
        check_file_size(path, "data file")
        raw = path.read_bytes()
    except OSError as exc:
        loaded.problems.append(Problem("error", ProblemCode.IO, f"cannot read: {exc.strerror}", rel))
        return None
    except LimitError as exc:
        loaded.problems.append(Problem("error", ProblemCode.TOO_LARGE, exc.message, rel, hint=exc.hint))
        return None
    loaded.files[rel] = hashlib.sha256(raw).hexdigest()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        loaded.problems.append(Problem(
            "error", ProblemCode.ENCODING, f"not UTF-8 (byte {exc.start})", rel, line, col,
            hint="save it as UTF-8"))
        return None
    return raw


def load_case_folder(root: Path | str) -> LoadedCase:
    """Read every file of a case; never raises for bad content, only collects problems."""
    root = Path(root)
    loaded = LoadedCase(root=root)
    if not root.is_dir():
        loaded.problems.append(Problem(
            "error", ProblemCode.NO_CASE, f"{root} is not a folder", str(root),
            hint="give the path of a case folder (the one holding case.yaml)"))
        return loaded
    if not (root / CASE_FILE).is_file():
        loaded.problems.append(Problem(
            "error", ProblemCode.NO_CASE, f"no {CASE_FILE} in {root}", CASE_FILE,
            hint="a case folder needs case.yaml with at least `id:` and `title:`"))
        return loaded
    for path in _nested_data_files(root):
        rel = path.relative_to(root).as_posix()
        loaded.problems.append(Problem(
            "warning", ProblemCode.IGNORED_FILE, f"{rel} is not read: data files must be in the case "
            "folder itself", rel, hint="move it next to case.yaml, or give it another "
            "suffix if it is not case data"))
    for path in sorted(root.iterdir()):
        kind = special_kind(path) if path.suffix in (".yaml", ".yml", ".jsonl") else None
        if kind is not None and kind != "a folder":
            loaded.problems.append(Problem(
                "warning", ProblemCode.IGNORED_FILE, f"{path.name} is not read: it is {kind}, not a "
                "file", path.name, hint="save case data as ordinary files"))
    for path in case_files(root):
        rel = path.relative_to(root).as_posix()
        if path.name.endswith(".jsonl"):
            raw = _read_bytes(path, rel, loaded)
            if raw is not None:
                _load_jsonl(loaded, rel, raw, JsonlLines(path, rel, loaded.limits))
            continue
        text = _read(path, rel, loaded)
        if text is None:
            continue
        if path.name.endswith(CLAIMS_CSV):
            _load_csv(loaded, rel, text)
        else:
            _load_yaml_file(loaded, rel, text)
    loaded._shared.clear()
    return loaded


def load_case_meta(root: Path | str) -> LoadedCase:
    """Only ``case.yaml`` of a case folder: its metadata and vocabulary extension (a faulty
    entry left out and reported, as :func:`load_case_folder` does); no records read."""
    root = Path(root)
    loaded = LoadedCase(root=root)
    if not (root / CASE_FILE).is_file():
        loaded.problems.append(Problem(
            "error", ProblemCode.NO_CASE, f"no {CASE_FILE} in {root}", CASE_FILE,
            hint="give the path of a case folder (the one holding case.yaml)"))
        return loaded
    text = _read(root / CASE_FILE, CASE_FILE, loaded)
    if text is not None:
        _load_yaml_file(loaded, CASE_FILE, text, records=False)
    return loaded


def _load_yaml_file(loaded: LoadedCase, rel: str, text: str, *, records: bool = True) -> None:
    doc = load_yaml(text, rel)
    loaded.problems.extend(doc.problems)
    if doc.value is None:
        if rel == CASE_FILE:
            loaded.meta = None
        return
    if not isinstance(doc.value, dict):
        loaded.problems.append(Problem(
            "error", ProblemCode.SCHEMA, "the file must hold a mapping at its top level", rel, 1, 1,
            hint="start with `entities:`, `sources:` or `claims:`"))
        return
    sections = {k: v for k, v in doc.value.items() if k in RECORD_TYPES}
    rest = {k: v for k, v in doc.value.items() if k not in RECORD_TYPES}
    if rel == CASE_FILE:
        _load_meta(loaded, doc, rest)
    else:
        for key in rest:
            line, col = doc.locations.key((key,)) or (1, 1)
            loaded.problems.append(Problem(
                "error", ProblemCode.UNKNOWN_SECTION, f"unknown top-level key '{key}'", rel,
                line, col, hint=did_you_mean(str(key), RECORD_TYPES)
                or "data files hold only entities:, sources: and claims:"))
    for section, items in sections.items():
        if items is None or not records:
            continue
        _load_records(loaded, doc, section, items, (section,))


# case.yaml's lists whose entries stand alone: a faulty entry is left out, the rest kept
_META_LISTS: tuple[tuple[str, ...], ...] = (
    ("unclaimed",), ("tags",), ("curators",), ("vocabulary", "entity_kinds"),
    ("vocabulary", "predicates"), ("vocabulary", "language", "hedges"),
    ("vocabulary", "language", "vague_attributions"))
_VOCAB_KINDS = {"entity_kinds": "kind", "predicates": "predicate"}


def _load_meta(loaded: LoadedCase, doc: Document, rest: dict[str, Any]) -> None:
    """case.yaml's metadata. One faulty entry (an `unclaimed` reason, a custom predicate)
    is reported and left out, the rest kept: the case's other kinds and predicates still
    count, so no claim is reported for using what case.yaml does declare."""
    vocab = rest.get("vocabulary")
    for section, what in _VOCAB_KINDS.items():
        items = vocab.get(section) if isinstance(vocab, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                mark = doc.locations.get(("vocabulary", section, i)) or (1, 1)
                loaded.declared_vocab.setdefault((what, item["id"]), mark)
    data: dict[str, Any] | None = rest
    rounds = 0
    while data is not None and rounds < 4:  # each round leaves out what failed
        rounds += 1
        try:
            loaded.meta = CaseMeta.model_validate(data)
            loaded.meta_origin = RecordOrigin(doc.file, 1, 1, doc.locations)
            return
        except ValidationError as exc:
            if data is rest:
                loaded.problems.extend(
                    _schema_problems(exc, "case", None, doc.locations, CaseMeta, rest))
            data = _without_faults(data, exc)


def _without_faults(data: dict[str, Any], exc: ValidationError) -> dict[str, Any] | None:
    """``data`` without the list entries and optional fields the errors point at; None
    when a required field (id, title) is at fault."""
    drop: set[tuple[str | int, ...]] = set()
    for err in exc.errors():
        loc = tuple(err["loc"])
        if not loc or loc[0] in _REQUIRED_META:
            return None
        for head in _META_LISTS:
            if loc[:len(head)] == head and len(loc) > len(head) and isinstance(loc[len(head)],
                                                                                 int):
                drop.add(loc[:len(head) + 1])
                break
        else:
            drop.add(loc[:1] if loc[0] != "vocabulary" or len(loc) < 2 else loc[:2])
    return _drop(data, drop)


_REQUIRED_META = {n for n, f in CaseMeta.model_fields.items() if f.is_required()}


def _drop(value: Any, paths: set[tuple[str | int, ...]]) -> Any:
    if () in paths:
        return _DROPPED
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            sub = {p[1:] for p in paths if p and p[0] == k}
            kept = _drop(v, sub) if sub else v
            if kept is not _DROPPED:
                out[k] = kept
        return out
    if isinstance(value, list):
        items = []
        for i, v in enumerate(value):
            sub = {p[1:] for p in paths if p and p[0] == i}
            kept = _drop(v, sub) if sub else v
            if kept is not _DROPPED:
                items.append(kept)
        return items
    return value


_DROPPED = object()


def _load_jsonl(loaded: LoadedCase, rel: str, raw: bytes, lines: JsonlLines) -> None:
    """The records of a JSON Lines file, a line at a time: the file's bytes are read
    once, each line decoded as it comes (never the whole text, nor a list of its lines);
    lines are counted as ``str.splitlines`` counts them in the whole text."""
    stem = rel[: -len(".jsonl")]
    section = next((s for s in RECORD_TYPES if stem.endswith(s)), None)
    if section is None:
        loaded.problems.append(Problem(
            "error", ProblemCode.UNKNOWN_SECTION, "cannot tell what records this file holds", rel,
            hint="name JSON Lines files *entities.jsonl, *sources.jsonl or *claims.jsonl"))
        return
    n = 0
    pos, size = 0, len(raw)
    while pos < size:
        end = raw.find(b"\n", pos)
        end = size if end < 0 else end + 1
        # a "\n" byte never sits inside a UTF-8 sequence, and splitlines of each
        # "\n"-ended chunk gives the lines splitlines of the whole text gives
        for line_text in raw[pos:end].decode("utf-8").splitlines():
            n += 1
            lines.offsets.append(pos)
            if not line_text.strip():
                continue
            if not _room_for_one(loaded, rel, n, 1):
                return
            doc = load_jsonl_line(line_text, rel, n, base=(0,), limits=loaded.limits)
            loaded.problems.extend(doc.problems)
            if doc.value is not None:
                wrapper = Document(rel, [doc.value], doc.locations)
                _load_records(loaded, wrapper, section, [doc.value], (), lines)
        pos = end


def _load_csv(loaded: LoadedCase, rel: str, text: str) -> None:
    table = read_claims_csv(text, rel)
    loaded.problems.extend(table.problems)
    doc = Document(rel, {"claims": table.records}, table.locations)
    _load_records(loaded, doc, "claims", table.records, ("claims",))
