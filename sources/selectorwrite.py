"""Record selectors and text hashes in a case's YAML from the local source texts.

``claimgraph anchor CASE --write-selectors`` runs :func:`write_selectors`: for each quote of
a quote-only source (or of the sources named) whose text is present, it places the quote
in the text (verbatim; the quote anchoring's normalised matches are refused, since a
selector's ``exact`` must be the text itself), and writes ``start``, ``end``, ``prefix`` and
``suffix`` on the evidence and ``sha256`` on the source. The edit is textual and minimal:
only those keys' lines are replaced or inserted, so comments and layout stay; block-style
mappings are edited, flow-style ones (``{source: a, quote: b}``) are reported for a hand
edit. Values are written as one-line double-quoted YAML scalars.

Examples
--------
>>> import tempfile, pathlib
>>> from claimgraph.sources.validation import validate_case
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "case.yaml").write_text("id: demo\\ntitle: Demo\\n")
>>> (d / "local-texts").mkdir()
>>> _ = (d / "local-texts/news.txt").write_text("In 2022, China exported 700 tons.")
>>> _ = (d / "data.yaml").write_text('''entities:
...   - {id: cn, name: China, kind: state}
...   - {id: ru, name: Russia, kind: state}
... sources:
...   - id: news
...     title: News
...     kind: news
...     quote_only: true
...     text: local-texts/news.txt
... claims:
...   - id: c1
...     text: China supplied Russia.
...     subject: cn
...     predicate: supplies
...     object: ru
...     evidence:
...       - source: news
...         quote: "700 tons"  # the figure
... ''')
>>> outcome = write_selectors(validate_case(d), context=8)
>>> outcome.written, outcome.skipped
(1, [])
>>> print((d / "data.yaml").read_text().split("evidence:")[1])
<BLANKLINE>
      - source: news
        quote: "700 tons"  # the figure
        start: 24
        end: 32
        prefix: "xported "
        suffix: "."
<BLANKLINE>
>>> [p.code for p in validate_case(d).problems]
[]
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.schema.locations import Locations

from .anchoring import anchor
from .selectors import DEFAULT_CONTEXT, Selectors, selectors_for

if TYPE_CHECKING:
    from .validation import ValidationResult

__all__ = ["WriteOutcome", "write_selectors", "yaml_string"]

_FIELDS = ("start", "end", "prefix", "suffix")


@dataclass
class WriteOutcome:
    """What :func:`write_selectors` did: quotes written, hashes written, and what it
    skipped (``claim #n: why``), per file changed."""

    written: int = 0
    hashes: int = 0
    skipped: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def yaml_string(value: str) -> str:
    """``value`` as a one-line double-quoted YAML scalar.

    >>> print(yaml_string('say "hi"\\nthen\\u2028go'))
    "say \\"hi\\"\\nthen\\u2028go"
    """
    return "".join(ch if _yaml_plain(ch) else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000
                   else f"\\U{ord(ch):08x}" for ch in json.dumps(value, ensure_ascii=False))


def _yaml_plain(ch: str) -> bool:
    """True when YAML reads ``ch`` as itself inside a double-quoted scalar (printable, and
    not a line break or BOM that YAML would fold or drop)."""
    o = ord(ch)
    return (0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD
            or 0x10000 <= o <= 0x10FFFF) and o not in (0x2028, 0x2029, 0xFEFF)


@dataclass
class _Edit:
    """Replace lines [first, last) (0-based) of a file with ``lines``."""

    first: int
    last: int
    lines: list[str]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _value_end(lines: list[str], line0: int, key_col: int) -> int:
    """The 0-based line after the value that starts on ``line0`` (a key at ``key_col``)."""
    i = line0 + 1
    last = line0
    while i < len(lines):
        text = lines[i]
        if text.strip() and not text.lstrip().startswith("#"):
            if _indent(text) <= key_col:
                break
            last = i
        i += 1
    return last + 1


def _field_edits(lines: list[str], locs: Locations, base: tuple[str | int, ...],
                 anchor_key: str, values: dict[str, str]) -> list[_Edit] | str:
    """Edits that set ``values`` (key -> YAML text) in the block mapping at ``base``,
    inserting new keys after ``anchor_key``'s value; a reason string when it cannot."""
    if locs.exact((*base, anchor_key)) is None:
        return f"no `{anchor_key}:` to write after"
    kline, kcol = locs.key((*base, anchor_key)) or (0, 0)
    line0 = kline - 1
    key_col = kcol - 1
    head = lines[line0][:key_col]
    if "{" in head or lines[line0][key_col:].startswith("{"):
        return "written in flow style ({...}): add the selectors by hand"
    edits: list[_Edit] = []
    pad = " " * key_col
    missing: list[str] = []
    for name, text in values.items():
        if locs.exact((*base, name)) is None:
            missing.append(f"{pad}{name}: {text}\n")
            continue
        nline, ncol = locs.key((*base, name)) or (0, 0)
        end = _value_end(lines, nline - 1, ncol - 1)
        if end - (nline - 1) != 1 or ncol - 1 != key_col:
            return f"`{name}:` spans several lines: rewrite it by hand"
        edits.append(_Edit(nline - 1, nline, [f"{pad}{name}: {text}\n"]))
    if missing:
        after = _value_end(lines, line0, key_col)
        edits.append(_Edit(after, after, missing))
    return edits


def _apply(path: Path, edits: list[_Edit]) -> None:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for e in sorted(edits, key=lambda e: (e.first, e.last), reverse=True):
        lines[e.first:e.last] = e.lines
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    tmp.replace(path)


def write_selectors(result: ValidationResult, sources: Iterable[str] | None = None,
                    context: int = DEFAULT_CONTEXT) -> WriteOutcome:
    """Write selectors for the quotes of ``sources`` (default: the quote-only sources)
    whose text is present, and each such source's ``sha256``; see the module."""
    loaded = result.loaded
    wanted = set(sources) if sources is not None else set(result.quote_only)
    wanted &= set(result.texts)
    out = WriteOutcome()
    per_file: dict[str, list[_Edit]] = {}
    cache: dict[str, list[str]] = {}

    def file_lines(rel: str) -> list[str]:
        if rel not in cache:
            cache[rel] = (loaded.root / rel).read_text("utf-8").splitlines(keepends=True)
        return cache[rel]

    def stage(kind: str, rid: str, base: tuple[str | int, ...], anchor_key: str,
              values: dict[str, str], label: str) -> bool:
        origin = loaded.origin(kind, rid)
        if origin is None:
            out.skipped.append(f"{label}: not written in a YAML file")
            return False
        if not origin.file.endswith((".yaml", ".yml")):
            out.skipped.append(f"{label}: {origin.file} is not YAML; write it by hand")
            return False
        edits = _field_edits(file_lines(origin.file), origin.locations, base, anchor_key,
                             values)
        if isinstance(edits, str):
            out.skipped.append(f"{label}: {edits}")
            return False
        per_file.setdefault(origin.file, []).extend(edits)
        return True

    for s in loaded.sources:
        if (s.id in wanted and s.sha256 != result.texts[s.id].sha256
                and stage("source", s.id, (), "text", {"sha256": result.texts[s.id].sha256},
                          f"source '{s.id}'")):
            out.hashes += 1
    for c in loaded.claims:
        for i, ev in enumerate(c.evidence):
            if ev.source not in wanted:
                continue
            label = f"{c.id} #{i + 1}"
            text = result.texts[ev.source].text
            a = anchor(text, ev.quote, ev.occurrence)
            if a.status == "ambiguous" and ev.occurrence is None:
                out.skipped.append(f"{label}: the quote occurs {len(a.occurrences)} times; "
                                   "say which with `occurrence: N`")
                continue
            if a.start is None or a.end is None or text[a.start:a.end] != ev.quote:
                out.skipped.append(f"{label}: the quote is not verbatim in the text "
                                   f"({a.status}); copy it exactly")
                continue
            sel: Selectors = selectors_for(text, a.start, a.end, context)
            values = {"start": str(sel.start), "end": str(sel.end),
                      "prefix": yaml_string(sel.prefix or ""),
                      "suffix": yaml_string(sel.suffix or "")}
            if (ev.start, ev.end, ev.prefix, ev.suffix) == (sel.start, sel.end, sel.prefix,
                                                            sel.suffix):
                continue  # already recorded
            if stage("claim", c.id, ("evidence", i), "quote", values, label):
                out.written += 1
    for rel, edits in sorted(per_file.items()):
        _apply(loaded.root / rel, edits)
        out.files.append(rel)
    return out
