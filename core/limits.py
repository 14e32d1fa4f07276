"""How big an input may be: file size, string length, record count, nesting depth.

Every parser of user input checks these before (or while) it reads, so that a hostile or
broken file gets a clear, located error instead of exhausting memory or the stack. Each
limit is generous for real work and can be raised for one run through an environment
variable (the error message names it):

==========================  ==============================  ==========================
limit                       environment variable            default
==========================  ==============================  ==========================
bytes per input file        ``CLAIMGRAPH_MAX_FILE_SIZE``    1 GiB (``1G``; ``500M``, …)
characters per string       ``CLAIMGRAPH_MAX_STRING``       100,000
records per case            ``CLAIMGRAPH_MAX_RECORDS``      5,000,000
nesting depth (YAML, JSON)  ``CLAIMGRAPH_MAX_DEPTH``        64
==========================  ==============================  ==========================

Examples
--------
>>> import os
>>> limits().max_depth
64
>>> os.environ["CLAIMGRAPH_MAX_FILE_SIZE"] = "2G"
>>> limits().max_file_bytes
2147483648
>>> os.environ["CLAIMGRAPH_MAX_FILE_SIZE"] = "lots"
>>> limits()
Traceback (most recent call last):
...
claimgraph.errors.LimitError: CLAIMGRAPH_MAX_FILE_SIZE='lots' is not a size
>>> del os.environ["CLAIMGRAPH_MAX_FILE_SIZE"]
>>> json_depth('{"a": [1, {"b": "[[["}]}')
3
>>> json_depth('[' * 10 + ']' * 10, stop_after=4)
5
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import LimitError

__all__ = ["ENV", "Limits", "check_file_size", "human_size", "json_depth", "limits"]

ENV = {
    "max_file_bytes": "CLAIMGRAPH_MAX_FILE_SIZE",
    "max_string_chars": "CLAIMGRAPH_MAX_STRING",
    "max_records": "CLAIMGRAPH_MAX_RECORDS",
    "max_depth": "CLAIMGRAPH_MAX_DEPTH",
}
"""The environment variable that raises each limit."""

_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """The limits in force (see the module docstring for what each one bounds)."""

    max_file_bytes: int = 1 << 30
    max_string_chars: int = 100_000
    max_records: int = 5_000_000
    max_depth: int = 64

    def hint(self, name: str, needed: int | None = None) -> str:
        """How to raise the limit ``name`` (a field of this class) for one run."""
        value = "a larger value"
        if needed:
            value = human_size(2 * needed) if name == "max_file_bytes" else str(2 * needed)
        return f"if the input is trusted, raise the limit for this run: {ENV[name]}={value}"


def _parse(name: str, raw: str) -> int:
    var = ENV[name]
    if name == "max_file_bytes":
        m = _SIZE.match(raw)
        if m is None:
            raise LimitError(f"{var}={raw!r} is not a size",
                             hint=f"write bytes or a size with a unit, e.g. {var}=2G")
        return int(float(m.group(1)) * _UNITS[m.group(2).upper()])
    try:
        value = int(raw.replace("_", "").replace(",", ""))
    except ValueError:
        raise LimitError(f"{var}={raw!r} is not a whole number",
                         hint=f"e.g. {var}={getattr(Limits, name) * 2}") from None
    if value < 1:
        raise LimitError(f"{var}={raw!r} must be at least 1", hint="unset it for the default")
    return value


def limits() -> Limits:
    """The limits in force now: the defaults, raised or lowered by the environment."""
    found = {name: _parse(name, os.environ[var]) for name, var in ENV.items()
             if os.environ.get(var, "").strip()}
    return Limits(**found) if found else _DEFAULT


_DEFAULT = Limits()


def human_size(n: int) -> str:
    """``1536`` -> ``'1.5K'``, ``2 ** 30`` -> ``'1G'`` (the form the size variable reads)."""
    for unit in ("T", "G", "M", "K"):
        if n >= _UNITS[unit]:
            value = n / _UNITS[unit]
            return f"{value:.1f}".rstrip("0").rstrip(".") + unit
    return str(n)


def check_file_size(path: Path, what: str = "file") -> int:
    """The size of ``path``; :class:`LimitError` when it is over the file-size limit."""
    size = path.stat().st_size
    limit = limits().max_file_bytes
    if size > limit:
        raise LimitError(f"{path}: the {what} is {human_size(size)}B, more than the limit of "
                         f"{human_size(limit)}B", hint=limits().hint("max_file_bytes", size))
    return size


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth(text: str, *, stop_after: int | None = None) -> int:
    """How deeply the arrays and objects of a JSON text nest (brackets inside strings do
    not count); scanning stops once the depth passes ``stop_after``. Linear, no recursion:
    safe on text that would overflow a recursive parser."""
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop_after is not None and deepest > stop_after:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest
