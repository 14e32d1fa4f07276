"""Text from a case or a source is untrusted: neutralise it before a terminal or a
spreadsheet sees it.

* **Terminals.** A control character (ESC starts the sequences that recolour, move the
  cursor, retitle the window or, in some terminals, write files; BEL, CR, DEL, the C1 range)
  or a bidirectional override (U+202A-U+202E, U+2066-U+2069: "Trojan Source" reordering)
  in a name must never reach a terminal raw. :func:`visible` shows each as an escape
  (``\\x1b``, ``\\u202e``) in text output; :func:`escape_unicode` writes them as ``\\uXXXX``
  in JSON and RDF output, where that escape means the same character (lossless). Tab and
  line feed are ordinary text.
* **Spreadsheets.** A CSV cell starting with ``=``, ``+``, ``-``, ``@`` (or tab or CR) is
  read as a formula by Excel, LibreOffice and Google Sheets (CSV injection);
  :func:`csv_cell` puts a ``'`` in front of such a cell unless it is a plain number.

Examples
--------
>>> visible("Evil\\x1b]0;owned\\x07 Corp\\u202e")
'Evil\\\\x1b]0;owned\\\\x07 Corp\\\\u202e'
>>> visible("line one\\nline\\ttwo")
'line one\\nline\\ttwo'
>>> escape_unicode('{"name": "a\\u202eb\\x85"}')
'{"name": "a\\\\u202Eb\\\\u0085"}'
>>> [csv_cell(v) for v in ("=HYPERLINK(1)", "+1+cmd", "-5", "-2.5e3", "@SUM(A1)", "ok")]
["'=HYPERLINK(1)", "'+1+cmd", '-5', '-2.5e3', "'@SUM(A1)", 'ok']
>>> unsafe_characters("a\\x1bb\\u202ec")
['U+001B', 'U+202E']
"""

from __future__ import annotations

import re

__all__ = ["UNSAFE", "csv_cell", "escape_unicode", "is_bidi_control", "unsafe_characters",
           "visible"]

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters never written raw to a terminal: C0 controls but tab and line feed, DEL, C1
controls, and the bidirectional embeddings, overrides and isolates."""

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")


def _show(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every :data:`UNSAFE` character shown as an escape (``\\x1b``)."""
    return UNSAFE.sub(_show, text) if UNSAFE.search(text) else text


def escape_unicode(text: str) -> str:
    """Serialised JSON or RDF with every :data:`UNSAFE` character written ``\\uXXXX`` —
    the same data, since both syntaxes read that escape back as the character (use it on
    output where such characters can only occur inside strings and IRIs)."""
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def is_bidi_control(char: str) -> bool:
    """True for a bidirectional embedding, override or isolate character."""
    return bool(_BIDI.match(char))


def unsafe_characters(text: str) -> list[str]:
    """The distinct :data:`UNSAFE` characters of ``text``, as ``U+XXXX``, in order."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in UNSAFE.findall(text)))


def csv_cell(value: str) -> str:
    """A CSV cell that no spreadsheet evaluates: ``'`` before a leading formula character
    (OWASP's advice), unless the cell is a plain number such as ``-5``."""
    if value.startswith(_FORMULA) and not _NUMBER.match(value):
        return "'" + value
    return value
