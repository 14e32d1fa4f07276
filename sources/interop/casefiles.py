"""Add one data file to a case folder, only if the case still validates with it.

Every importer ends here: the new file (YAML records, or a ``*claims.csv``) is first
validated together with a copy of the case in a temporary folder; it is written into the
case — atomically, never over an existing file — only when it brings no new error.
Errors the case had before do not block it. A missing case folder can be created with
its ``case.yaml`` in the same step.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()) / "demo"
>>> meta = "id: demo\\ntitle: Demo\\n"
>>> bad = add_case_file(d, "people.yaml", "entities:\\n  - {id: x, name: X, kind: persn}\\n",
...                     new_case=meta)
>>> bad.written, [str(p.code) for p in bad.new_errors], d.exists()
(False, ['unknown-kind'], False)
>>> ok = add_case_file(d, "people.yaml", "entities:\\n  - {id: x, name: X, kind: person}\\n",
...                    new_case=meta)
>>> ok.written, sorted(p.name for p in d.iterdir())
(True, ['case.yaml', 'people.yaml'])
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.errors import ClaimgraphError, Problem
from claimgraph.schema.caseload import CASE_FILE, CLAIMS_CSV, load_case_folder
from claimgraph.schema.models import CaseMeta
from claimgraph.schema.yamlout import scalar

from ..validation import ValidationResult, validate_case
from .records import ImportBatch, slug

__all__ = ["AddResult", "add_batch", "add_case_file", "new_case_yaml"]


@dataclass
class AddResult:
    """What adding a file did: where, whether it was written, and what validation said."""

    path: Path
    written: bool
    validation: ValidationResult
    new_errors: list[Problem] = field(default_factory=list)


def _key(p: Problem) -> tuple[str, str, str]:
    return (p.code, p.message, p.file or "")


def _check_name(root: Path, name: str, replace: bool) -> Path:
    if Path(name).name != name or name.startswith("."):
        raise ClaimgraphError(f"'{name}' is not a plain file name",
                              hint="give a name such as imported.yaml, without folders")
    if not (name.endswith((".yaml", ".yml", CLAIMS_CSV))) or name == CASE_FILE:
        raise ClaimgraphError(f"'{name}' is not a name the case loader reads",
                              hint=f"end it in .yaml, or in {CLAIMS_CSV} for a spreadsheet")
    target = root / name
    if target.exists() and not replace:
        raise ClaimgraphError(f"{target} already exists",
                              hint="choose another file name (--out), or remove it first")
    return target


def _write_atomic(path: Path, content: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def add_case_file(case_dir: Path | str, name: str, content: str, *,
                  new_case: str | None = None, dry_run: bool = False,
                  replace: bool = False) -> AddResult:
    """Validate ``case_dir`` with ``name`` holding ``content``; write it if no new error.

    ``new_case`` is the text of a ``case.yaml`` to create when ``case_dir`` has none
    (else such a folder is an error); ``dry_run`` validates and writes nothing.
    """
    root = Path(case_dir)
    has_case = (root / CASE_FILE).is_file()
    if not has_case and new_case is None:
        raise ClaimgraphError(f"no {CASE_FILE} in {root}",
                              hint="give the folder of an existing case")
    if root.exists() and not root.is_dir():
        raise ClaimgraphError(f"{root} is not a folder", hint="give a case folder")
    target = _check_name(root, name, replace)
    before = {_key(p) for p in validate_case(root).report.errors} if has_case else set()
    with tempfile.TemporaryDirectory(prefix="claimgraph-add-") as tmp:
        copy = Path(tmp) / (root.name or "case")
        if has_case:
            shutil.copytree(root, copy, symlinks=True)
        else:
            copy.mkdir()
            (copy / CASE_FILE).write_text(new_case or "", encoding="utf-8")
        (copy / name).write_text(content, encoding="utf-8", newline="")
        result = validate_case(copy)
    result.loaded.root = root
    new_errors = [p for p in result.report.sorted()
                  if p.severity == "error" and _key(p) not in before]
    written = not new_errors and not dry_run
    if written:
        root.mkdir(parents=True, exist_ok=True)
        if not has_case:
            _write_atomic(root / CASE_FILE, new_case or "")
        _write_atomic(target, content)
    return AddResult(target, written, result, new_errors)


def new_case_yaml(root: Path, title: str) -> str:
    """The ``case.yaml`` of a new case in folder ``root`` (its id from the folder name)."""
    meta = CaseMeta(id=slug(root.name, fallback="imported"), title=title)
    return "".join(f"{k}: {scalar(v)}\n" for k, v in meta.model_dump(exclude_defaults=True).items())


def add_batch(batch: ImportBatch, case_dir: Path | str, name: str, *, header: str,
              title: str, dry_run: bool = False) -> AddResult | None:
    """Fit imported records to the case in ``case_dir`` (created when missing, titled
    ``title``) and add them as the file ``name`` (see :func:`add_case_file`); None when
    the case already holds all of them."""
    root = Path(case_dir)
    exists = (root / CASE_FILE).is_file()
    if exists:
        batch.merge_into(load_case_folder(root))
    if not any(batch.counts().values()):
        return None
    return add_case_file(root, name, batch.to_yaml(header), dry_run=dry_run,
                         new_case=None if exists else new_case_yaml(root, title))
