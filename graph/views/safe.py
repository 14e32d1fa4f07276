"""Escaping for untrusted case text in generated HTML: JSON in ``<script>``, URLs, file names.

Text and attributes are escaped by the templates (Jinja2 autoescape); this module covers
the places autoescape does not: JSON embedded in a ``<script>`` element, links taken from
case data (only ``http(s)`` becomes a link, never ``javascript:``), and ids turned into
file names.

Examples
--------
>>> script_json({"name": "</script><script>alert(1)</script>"})
'{"name":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
>>> safe_url("javascript:alert(1)") is None
True
>>> safe_url(" https://example.org/a?b=1 ")
'https://example.org/a?b=1'
>>> safe_filename("nc-2023"), safe_filename("con"), safe_filename("a.b")
('nc-2023', 'con_', 'a.b')
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from typing import Any

__all__ = ["safe_filename", "safe_url", "script_json"]

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_RE = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script>`` (also ``type="application/json"``).

    ``<``, ``>``, ``&`` and U+2028/U+2029 become ``\\uXXXX`` escapes, so no string can
    close the element, open a comment or break a JavaScript string. Keys are sorted, so
    the output is deterministic.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return _SCRIPT_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], text)


_URL_RE = re.compile(r"^https?://[^\s\"'<>`\\\x00-\x1f\x7f]+$", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain ``http(s)`` URL, else None (never ``javascript:``, ``data:``).

    The caller still escapes it as an attribute value; this only decides whether a string
    from a case may become a link at all.
    """
    if not url:
        return None
    url = url.strip()
    return url if _URL_RE.match(url) else None


_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9_.\-]")


@lru_cache(maxsize=65536)
def safe_filename(ident: str) -> str:
    """A file-name stem for an id, safe on every OS and stable across runs.

    Case ids already match ``[A-Za-z0-9][A-Za-z0-9_.-]*``; anything else (or a name that
    Windows reserves, or one that differs from another only by case) is made safe by
    replacing characters and appending a short hash of the original.

    >>> safe_filename("../etc/passwd")
    '_.._etc_passwd-7fef78'
    >>> safe_filename("nc-2023")
    'nc-2023'
    """
    stem = _UNSAFE_CHARS.sub("_", ident)[:120] or "_"
    if stem != ident or stem.startswith(".") or stem != stem.lower():
        # a changed name, a hidden file, or one that may clash on a case-blind file system
        stem = f"{stem}-{hashlib.sha256(ident.encode('utf-8')).hexdigest()[:6]}"
    if stem.startswith("."):
        stem = "_" + stem  # never a hidden file, never '.' or '..'
    if stem.split(".")[0].lower() in _RESERVED:
        stem += "_"
    return stem
