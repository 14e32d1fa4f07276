"""Claims and evidence as a spreadsheet: one CSV row per evidence item, located like YAML.

The columns are generated from the :class:`~claimgraph.schema.models.Claim` model, so a new
field is a new column: a claim's plain fields keep their names (``id``, ``text``,
``subject`` …), a nested record's fields are dotted (``quantity.value``,
``verdict.rating``), and ``evidence.<field>`` are the evidence item of the row. A claim
with several evidence items takes several rows with the same ``id``; its claim columns may
be repeated (exactly) or left empty on the further rows. A claim without evidence is one
row with empty evidence columns. Lists of ids are written ``a; b``; booleans ``true`` or
``false``; an empty cell means "not given" (so an empty text is not representable).

**Spreadsheet safety.** A cell that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading ``'``;
so is a cell that itself starts with ``'``. Reading drops exactly one leading ``'``, so
every value reads back as written.

:func:`read_claims_csv` turns the text into claim records plus a
:class:`~claimgraph.schema.yamlsrc.Locations` map (``claims.csv:17:5`` = line 17, fifth
column) and problems; the case loader validates the records like YAML ones.

Examples
--------
>>> text = ("id,text,subject,predicate,object,via,evidence.source,evidence.quote\\n"
...         "c1,China supplies Russia.,china,supplies,russia,kz; by,art,\\"'=SUM(A1)\\"\\n"
...         "c1,,,,,,art,second quote\\n")
>>> table = read_claims_csv(text, "claims.csv")
>>> [r["via"] for r in table.records], [e["quote"] for e in table.records[0]["evidence"]]
([['kz', 'by']], ['=SUM(A1)', 'second quote'])
>>> table.locations.get(("claims", 0, "evidence", 1, "quote"))
(3, 8)
>>> bad = read_claims_csv("id,txt\\nc1,x\\n", "claims.csv")
>>> print(bad.problems[0].format())
claims.csv:1:2: error[unknown-column]: unknown column 'txt' (hint: did you mean 'text'?)
>>> neutralise("=1+2"), neutralise("-5"), neutralise("'quoted"), restore("'=1+2")
("'=1+2", "'-5", "''quoted", '=1+2')
"""

from __future__ import annotations

import csv
import io
import re
import types
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from claimgraph.errors import Problem
from claimgraph.problemcodes import ProblemCode

from .models import Claim
from .suggest import did_you_mean
from .yamlsrc import Locations

__all__ = [
    "FORMULA_PREFIXES",
    "ClaimTable",
    "Column",
    "claim_columns",
    "neutralise",
    "read_claims_csv",
    "restore",
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet cell a formula (OWASP's list)."""
_ESCAPE = "'"
EVIDENCE = "evidence"
SECTION = "claims"
_SPLIT = re.compile(r"[;,\s]+")
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}
_INT = re.compile(r"^[+-]?\d+$")

Kind = Literal["text", "int", "number", "bool", "list"]


def neutralise(value: str) -> str:
    """A cell value no spreadsheet runs as a formula; :func:`restore` gives it back."""
    if value.startswith((*FORMULA_PREFIXES, _ESCAPE)):
        return _ESCAPE + value
    return value


def restore(cell: str) -> str:
    """The value of a cell written by :func:`neutralise` (one leading ``'`` dropped)."""
    return cell[1:] if cell.startswith(_ESCAPE) else cell


@dataclass(frozen=True)
class Column:
    """One CSV column: its header, the path of the value in a claim record, how to read it."""

    name: str
    path: tuple[str, ...]
    kind: Kind

    @property
    def evidence(self) -> bool:
        return self.path[0] == EVIDENCE


def _kind(annotation: Any) -> Kind | type[BaseModel]:
    """What a field holds: a scalar kind, a nested model, or 'list' (of ids/names)."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if models and len(args) == 1:
            return models[0]
        kinds = {_kind(a) for a in args}
        if kinds <= {"int", "number"}:
            return "number" if "number" in kinds or len(args) > 1 else "int"
        return "text" if kinds <= {"text"} else next(iter(kinds))
    if origin is list:
        return "list"
    if origin is not None and get_args(annotation):  # Annotated[...] and friends
        return _kind(get_args(annotation)[0])
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation is float:
        return "number"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return "text"


def _columns_of(model: type[BaseModel], prefix: tuple[str, ...]) -> list[Column]:
    out: list[Column] = []
    for name, info in model.model_fields.items():
        kind = _kind(info.annotation)
        path = (*prefix, name)
        if isinstance(kind, type):
            out.extend(_columns_of(kind, path))
        else:
            out.append(Column(".".join(path), path, kind))
    return out


@cache
def claim_columns() -> tuple[Column, ...]:
    """Every column, in the order a spreadsheet shows them (claim, then evidence).

    >>> [c.name for c in claim_columns()][:5]
    ['id', 'text', 'subject', 'predicate', 'object']
    >>> [c.name for c in claim_columns() if c.evidence][:2]
    ['evidence.source', 'evidence.quote']
    """
    out: list[Column] = []
    evidence: list[Column] = []
    for name, info in Claim.model_fields.items():
        if name == EVIDENCE:
            evidence = _columns_of(get_args(info.annotation)[0], (EVIDENCE,))
            continue
        kind = _kind(info.annotation)
        if isinstance(kind, type):
            out.extend(_columns_of(kind, (name,)))
        else:
            out.append(Column(name, (name,), kind))
    return (*out, *evidence)


def _convert(cell: str, kind: Kind) -> Any:
    """The cell as the model's type; a cell that is not one stays text, and the model's
    validation then says what was expected (located at this cell)."""
    if kind == "list":
        return [v for v in _SPLIT.split(cell) if v]
    if kind == "bool":
        low = cell.strip().lower()
        return True if low in _TRUE else False if low in _FALSE else cell
    if kind in ("int", "number"):
        text = cell.strip()
        if _INT.match(text):
            return int(text)
        if kind == "number":
            try:
                return float(text)
            except ValueError:
                return cell
    return cell


@dataclass
class ClaimTable:
    """Claim records read from a CSV text, where each value was written, and problems.

    ``locations`` paths are those of a YAML file: ``("claims", 3, "evidence", 0, "quote")``.
    """

    file: str
    records: list[dict[str, Any]] = field(default_factory=list)
    locations: Locations = field(default_factory=lambda: Locations(""))
    problems: list[Problem] = field(default_factory=list)

    def error(self, code: ProblemCode, message: str, line: int | None, col: int | None = None,
              hint: str | None = None) -> None:
        self.problems.append(Problem("error", code, message, self.file, line, col, hint))


def _header(table: ClaimTable, row: list[str]) -> list[Column | None] | None:
    known = {c.name: c for c in claim_columns()}
    cols: list[Column | None] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(row, start=1):
        name = raw.strip()
        if i == 1:
            name = name.lstrip("\ufeff")  # the byte-order mark spreadsheets write
        if not name:
            cols.append(None)  # an unnamed column must stay empty (checked per row)
            continue
        if name in seen:
            table.error(ProblemCode.DUPLICATE_COLUMN, f"column '{name}' appears twice", 1, i,
                        f"the first is column {seen[name]}; keep one of them")
            cols.append(None)
            continue
        seen[name] = i
        if name not in known:
            hint = did_you_mean(name, known) or ("columns are the claim fields: "
                                                 + ", ".join(known))
            if ";" in name and len(row) == 1:
                hint = "save the spreadsheet as comma-separated CSV (this one uses ';')"
            table.error(ProblemCode.UNKNOWN_COLUMN, f"unknown column '{name}'", 1, i, hint)
            cols.append(None)
            continue
        cols.append(known[name])
    if "id" not in seen:
        table.error(ProblemCode.MISSING_COLUMN, "no 'id' column", 1, 1,
                    "the first row names the columns; one of them must be 'id'")
        return None
    return cols


def _put(record: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = record
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def read_claims_csv(text: str, file: str) -> ClaimTable:
    """Parse a claims spreadsheet; never raises for bad content, only collects problems."""
    table = ClaimTable(file, locations=Locations(file))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        line = 1
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        table.error(ProblemCode.CSV_SYNTAX, str(exc), reader.line_num or 1, None,
                    "check the quotes: a quoted cell must end with a quote before the comma")
        return table
    if not rows:
        table.error(ProblemCode.MISSING_COLUMN, "the file is empty", 1, 1,
                    "the first row names the columns (id, text, subject, …)")
        return table
    cols = _header(table, rows[0][1])
    if cols is None:
        return table
    index: dict[str, int] = {}  # claim id -> record index
    first_seen: dict[tuple[int, str], int] = {}  # (record, column) -> line of its value
    id_col = next(i for i, c in enumerate(cols) if c is not None and c.name == "id")
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue  # a blank row
        if len(row) > len(cols):
            table.error(ProblemCode.CSV_COLUMNS, f"row has {len(row)} cells but the header names "
                        f"{len(cols)} columns", line, len(cols) + 1,
                        "remove the extra cells, or name their column in the first row")
            continue
        claim_id = restore(row[id_col].strip()) if id_col < len(row) else ""
        if not claim_id:
            table.error(ProblemCode.CSV_NO_ID, "row has no claim id", line, id_col + 1,
                        "write the id of the claim this row belongs to")
            continue
        k = index.get(claim_id)
        if k is None:
            k = index[claim_id] = len(table.records)
            table.records.append({})
            table.locations.put((SECTION, k), line, 1)
        record = table.records[k]
        evidence: dict[str, Any] = {}
        for i, cell in enumerate(row):
            col = cols[i]
            if not cell:
                continue
            if col is None:
                if cell.strip():
                    table.error(ProblemCode.CSV_COLUMNS, "a value in a column without a (known) name",
                                line, i + 1, "name the column in the first row, or empty it")
                continue
            value = _convert(restore(cell), col.kind)
            if col.evidence:
                evidence[col.path[1]] = (value, i + 1)
                continue
            where = first_seen.get((k, col.name))
            if where is None:
                first_seen[(k, col.name)] = line
                _put(record, col.path, value)
                table.locations.put((SECTION, k, *col.path), line, i + 1)
                table.locations.put_key((SECTION, k, *col.path), line, i + 1)
            elif _get(record, col.path) != value:
                table.error(ProblemCode.CSV_CONFLICT, f"claim '{claim_id}': column '{col.name}' differs "
                            f"from line {where}", line, i + 1,
                            "leave claim columns empty on a claim's further rows, or repeat "
                            "them exactly")
        if evidence:
            items = record.setdefault(EVIDENCE, [])
            j = len(items)
            items.append({name: value for name, (value, _) in evidence.items()})
            table.locations.put((SECTION, k, EVIDENCE, j), line, 1)
            for name, (_, col_no) in evidence.items():
                table.locations.put((SECTION, k, EVIDENCE, j, name), line, col_no)
                table.locations.put_key((SECTION, k, EVIDENCE, j, name), line, col_no)
    return table


def _get(record: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = record
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node
