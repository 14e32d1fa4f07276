"""Detect source texts that changed after their quotes were anchored.

Two records say what a text was when its quotes were last checked:

- ``sha256:`` on a source in the case YAML (written by a curator, or copied from
  ``claimgraph anchor CASE``): the hash alone — a change is detected, and the quotes that no
  longer anchor are named, but not which ones moved;
- ``anchors.lock.json`` in the case folder, written by ``claimgraph anchor CASE
  --write-lock``: per captured source its hash and, per quote, where it was anchored.
  With it, a change names every quote that *moved* (new offsets) or *broke* (not found).

The lock file is written only on request, never by ``validate`` or ``build`` (a build does
not write into the case folder), and never edits the YAML: it is plain sorted JSON, safe to
commit and diff. Validation calls :func:`text_change_problems` and reports one warning per
changed source.

Examples
--------
>>> import tempfile, pathlib
>>> from claimgraph.sources.validation import validate_case
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "case.yaml").write_text("id: demo\\ntitle: Demo\\n")
>>> _ = (d / "t.txt").write_text("China exported 700 tons in 2022.")
>>> _ = (d / "data.yaml").write_text('''entities:
...   - {id: cn, name: China, kind: state}
...   - {id: ru, name: Russia, kind: state}
... sources:
...   - {id: art, title: Article, kind: analysis, text: t.txt}
... claims:
...   - {id: c1, text: China supplied Russia., subject: cn, predicate: supplies, object: ru,
...      evidence: [{source: art, quote: "700 tons"}]}
... ''')
>>> path = write_lock(validate_case(d))
>>> _ = (d / "t.txt").write_text("In 2022, China exported 700 tons.")
>>> [p.message for p in validate_case(d).problems if p.code == "source-changed"]
["source 'art': its text changed since anchors.lock.json was written (sha256 0a8a0b16ab4d… -> 64093c9fcc60…); 1 quote moved: c1 #1 15-23 -> 24-32"]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimgraph.errors import Problem, ProblemCode
from claimgraph.limits import json_depth, limits
from claimgraph.schema.casepaths import OutsideCase, inside_case

if TYPE_CHECKING:
    from .validation import ValidationResult

__all__ = ["LOCK_FILE", "lock_data", "read_lock", "text_change_problems", "write_lock"]

LOCK_FILE = "anchors.lock.json"
_SHOW = 10  # quotes named per message


def lock_data(result: ValidationResult) -> dict[str, Any]:
    """The lock file's content for a validated case: hashes and anchored offsets."""
    sources: dict[str, Any] = {}
    for sid in sorted(result.texts):
        sources[sid] = {"sha256": result.texts[sid].sha256, "quotes": []}
    for c in result.loaded.claims:
        for i, ev in enumerate(c.evidence):
            a = result.anchors.get((c.id, i))
            if a is None or ev.source not in sources:
                continue
            sources[ev.source]["quotes"].append(
                {"claim": c.id, "evidence": i + 1, "quote": ev.quote, "status": a.status,
                 "start": a.start, "end": a.end})
    for s in sources.values():
        s["quotes"].sort(key=lambda q: (q["claim"], q["evidence"]))
    return {"version": 1, "sources": sources}


def write_lock(result: ValidationResult, path: Path | None = None) -> Path:
    """Write ``anchors.lock.json`` (sorted, indented) into the case folder; return its path."""
    target = path or result.loaded.root / LOCK_FILE
    text = json.dumps(lock_data(result), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return target


def read_lock(root: Path) -> dict[str, Any] | None:
    """The case's lock data, or None when there is none (or it is not readable JSON)."""
    try:
        path = inside_case(root, LOCK_FILE)  # a link out of the case is not followed
    except OutsideCase:
        return None
    if not path.is_file():
        return None
    try:
        text = path.read_text("utf-8")
        lim = limits()
        if len(text) > lim.max_file_bytes or json_depth(text, stop_after=64) > 64:
            return None  # no lock this tool writes looks like that
        data = json.loads(text)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == 1 else None


def _where(result: ValidationResult, sid: str, field: str) -> tuple[str, int | None, int | None]:
    origin = result.loaded.origin("source", sid)
    if origin is None:
        return "<case>", None, None
    return origin.at(field)


def _names(items: list[str]) -> str:
    shown = ", ".join(items[:_SHOW])
    return shown + (f" and {len(items) - _SHOW} more" if len(items) > _SHOW else "")


def text_change_problems(result: ValidationResult) -> list[Problem]:
    """One warning per captured source whose text differs from the recorded hash."""
    lock = read_lock(result.loaded.root)
    locked = (lock or {}).get("sources", {})
    current: dict[tuple[str, str], list[tuple[int, Any]]] = {}
    for c in result.loaded.claims:
        for i, ev in enumerate(c.evidence):
            a = result.anchors.get((c.id, i))
            if a is not None:
                current.setdefault((c.id, ev.quote), []).append((i, a))
    out = []
    for s in result.loaded.sources:
        doc = result.texts.get(s.id)
        if doc is None or s.quote_only:  # a quote-only text's hash is checked by quoteonly.py
            continue
        entry = locked.get(s.id)
        if entry and entry.get("sha256") != doc.sha256:
            moved, broke = [], []
            for q in entry.get("quotes", []):
                now = current.get((q["claim"], q["quote"]), [])
                if not now:
                    continue  # the quote itself was edited or removed: nothing to compare
                i, a = now[0]
                label = f"{q['claim']} #{i + 1}"
                if not a.anchored:
                    broke.append(label)
                elif (a.start, a.end) != (q.get("start"), q.get("end")):
                    moved.append(f"{label} {q.get('start')}-{q.get('end')} -> {a.start}-{a.end}")
            detail = []
            if moved:
                detail.append(f"{len(moved)} quote{'s' if len(moved) != 1 else ''} moved: "
                              f"{_names(moved)}")
            if broke:
                detail.append(f"{len(broke)} quote{'s' if len(broke) != 1 else ''} broke: "
                              f"{_names(broke)}")
            msg = (f"source '{s.id}': its text changed since {LOCK_FILE} was written (sha256 "
                   f"{entry.get('sha256', '')[:12]}… -> {doc.sha256[:12]}…)"
                   + ("; " + "; ".join(detail) if detail else "; every quote still anchors "
                      "where it was"))
            file, line, col = _where(result, s.id, "text")
            out.append(Problem("warning", ProblemCode.SOURCE_CHANGED, msg, file, line, col,
                               "check the quotes, then `claimgraph anchor CASE --write-lock`"))
        elif s.sha256 and s.sha256 != doc.sha256 and not entry:
            broke = [f"{c.id} #{i + 1}" for c in result.loaded.claims
                     for i, ev in enumerate(c.evidence) if ev.source == s.id
                     and (a := result.anchors.get((c.id, i))) is not None and not a.anchored]
            msg = (f"source '{s.id}': its text changed since its sha256 was recorded "
                   f"({s.sha256[:12]}… -> {doc.sha256[:12]}…)")
            msg += (f"; {len(broke)} quote{'s' if len(broke) != 1 else ''} broke: "
                    f"{_names(broke)}" if broke else "; its quotes still anchor")
            file, line, col = _where(result, s.id, "sha256")
            out.append(Problem("warning", ProblemCode.SOURCE_CHANGED, msg, file, line, col,
                               f"check the quotes, then set `sha256: {doc.sha256}` (or run "
                               "`claimgraph anchor CASE --write-lock` to track offsets)"))
    return out
