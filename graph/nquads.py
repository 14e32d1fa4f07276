"""Fast N-Quads writing: terms and lines as strings, no rdflib objects.

Building ``rdflib`` terms triple by triple costs 4-5x the engine's bulk path
(``PERF-NOTES.md``), so the mapping writes N-Quads text directly and hands it to Oxigraph's
bulk loader. Escaping follows the N-Quads grammar (``STRING_LITERAL_QUOTE`` forbids only
``"``, ``\\``, LF and CR unescaped; ``IRIREF`` forbids spaces, ``<>"{}|^`\\`` and controls,
which :func:`iri` percent-encodes).

Examples
--------
>>> iri("https://example.org/a b")
'<https://example.org/a%20b>'
>>> lit('say "hi"\\n')
'"say \\\\"hi\\\\"\\\\n"'
>>> lit(3), lit(2.5), lit(True)
('"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"2.5"^^<http://www.w3.org/2001/XMLSchema#double>', '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>')
>>> quoted('a "b"')
'"a \\\\"b\\\\""'
>>> lit("北京", lang="zh")
'"北京"@zh'
>>> quad(iri("http://e/s"), iri("http://e/p"), lit("o"), iri("http://e/g"))
'<http://e/s> <http://e/p> "o" <http://e/g> .\\n'
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = [
    "XSD_BOOLEAN",
    "XSD_DATE",
    "XSD_DATETIME",
    "XSD_DOUBLE",
    "XSD_INTEGER",
    "escape_string",
    "iri",
    "lit",
    "lit_double",
    "lit_int",
    "quad",
    "quoted",
    "typed",
]

_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER = f"<{_XSD}integer>"
XSD_DOUBLE = f"<{_XSD}double>"
XSD_BOOLEAN = f"<{_XSD}boolean>"
XSD_DATE = f"<{_XSD}date>"
XSD_DATETIME = f"<{_XSD}dateTime>"

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')
_UCS = ("\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    f"{chr(p << 16)}-{chr((p << 16) | 0xFFFD)}" for p in range(1, 14)) + "\U000e1000-\U000efffd")
_IRI_OK = re.compile(
    r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2}|[" + _UCS + r"])*"
    r"(?:#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2}|[" + _UCS + r"])*)?")
_SAFE_CHAR = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?" + _UCS + "]")


def escape_string(text: str) -> str:
    """The body of an N-Quads string literal (without the quotes)."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return text.translate(_ESCAPES)


def quoted(text: str, _search: Any = _NEEDS_ESCAPE.search) -> str:
    """A plain string literal, quotes included (:func:`escape_string` in one call: the
    mapping writes hundreds of thousands of them)."""
    if _search(text) is None:
        return f'"{text}"'
    return f'"{text.translate(_ESCAPES)}"'


def _encode_iri(value: str) -> str:
    out: list[str] = []
    fragment = False
    for i, ch in enumerate(value):
        if _SAFE_CHAR.match(ch) or (ch == "%" and re.match(r"[0-9A-Fa-f]{2}", value[i + 1:i + 3])):
            out.append(ch)
        elif ch == "#" and not fragment:
            fragment = True
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")))
    return "".join(out)


def iri(value: str) -> str:
    """``<value>`` for an absolute IRI, percent-encoding what an IRI may not hold
    (spaces, ``<>"{}|^`\\``, controls, a second ``#``, a stray ``%`` ...)."""
    if _IRI_OK.fullmatch(value) is None:
        value = _encode_iri(value)
    return f"<{value}>"


def typed(lexical: str, datatype: str) -> str:
    """A literal with a datatype; ``datatype`` is the full ``<IRI>`` term."""
    return f'"{escape_string(lexical)}"^^{datatype}'


def lit_int(value: int) -> str:
    return f'"{value}"^^{XSD_INTEGER}'


def lit_double(value: float) -> str:
    if math.isnan(value):
        lexical = "NaN"
    elif math.isinf(value):
        lexical = "INF" if value > 0 else "-INF"
    else:
        lexical = repr(value)
    return f'"{lexical}"^^{XSD_DOUBLE}'


def lit(value: str | int | float | bool, datatype: str | None = None,
        lang: str | None = None) -> str:
    """A literal term: strings plain (or ``lang``-tagged), bool/int/float typed by XSD.

    ``datatype`` (a full IRI, without angle brackets) overrides the type of a string.
    """
    if isinstance(value, bool):
        return f'"{"true" if value else "false"}"^^{XSD_BOOLEAN}'
    if isinstance(value, int):
        return lit_int(value)
    if isinstance(value, float):
        return lit_double(value)
    if lang:
        return f'"{escape_string(value)}"@{lang}'
    if datatype:
        return f'"{escape_string(value)}"^^<{datatype}>'
    return f'"{escape_string(value)}"'


def quad(s: str, p: str, o: str, g: str | None = None) -> str:
    """One N-Quads line from terms already written (``<iri>``, literals); ``g`` optional."""
    if g is None:
        return f"{s} {p} {o} .\n"
    return f"{s} {p} {o} {g} .\n"
