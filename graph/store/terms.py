"""Plain values out of RDF terms and SPARQL results, the same for every backend.

Every backend answers a SELECT with rows of *lexical* strings: an IRI as the IRI, a literal
as its lexical form (no quotes, datatype or language tag), a blank node as ``_:label``, an
unbound variable as ``None``. Callers never see backend-specific term objects.

Examples
--------
>>> import pyoxigraph as ox
>>> lexical(ox.NamedNode("http://example.org/a"))
'http://example.org/a'
>>> lexical(ox.Literal("1300", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
'1300'
>>> rows_from_json(b'{"head":{"vars":["s","o"]},"results":{"bindings":['
...                b'{"s":{"type":"uri","value":"http://e/a"}}]}}')
(['s', 'o'], [{'s': 'http://e/a', 'o': None}])
>>> nt_iri("http://example.org/a b")
Traceback (most recent call last):
...
ValueError: not an IRI: 'http://example.org/a b'
"""

from __future__ import annotations

import json
import re
from typing import Any

import pyoxigraph as ox

__all__ = [
    "Row",
    "in_graph",
    "lexical",
    "nt_iri",
    "nt_literal",
    "rows_from_json",
    "rows_from_solutions",
]

Row = dict[str, str | None]

_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def lexical(term: Any) -> str | None:
    """The lexical form of a pyoxigraph term (``None`` for an unbound value)."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def rows_from_solutions(solutions: ox.QuerySolutions) -> tuple[list[str], list[Row]]:
    """Variables and rows of a pyoxigraph SELECT result."""
    names = [v.value for v in solutions.variables]
    rows = [{n: lexical(sol[n]) for n in names} for sol in solutions]
    return names, rows


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def rows_from_json(payload: bytes) -> tuple[list[str], list[Row]]:
    """Variables and rows of a ``application/sparql-results+json`` document."""
    doc = json.loads(payload)
    names: list[str] = list(doc.get("head", {}).get("vars", []))
    rows: list[Row] = []
    for binding in doc.get("results", {}).get("bindings", []):
        row: Row = dict.fromkeys(names)
        for name, value in binding.items():
            text = value.get("value")
            if value.get("datatype") == _BOOLEAN and text in ("1", "0"):
                text = "true" if text == "1" else "false"  # Virtuoso's canonical form
            row[name] = f"_:{text}" if value.get("type") == "bnode" else text
        rows.append(row)
    return names, rows


def nt_iri(value: str) -> str:
    """``<value>`` for N-Triples/SPARQL, refusing characters an IRI cannot hold."""
    if not value or _BAD_IRI.search(value):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def nt_literal(value: str | int, datatype: str | None = None) -> str:
    r"""A literal in N-Triples syntax (also valid in SPARQL).

    >>> nt_literal('say "hi"\n')
    '"say \\"hi\\"\\n"'
    >>> nt_literal(3)
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    if isinstance(value, int):
        value, datatype = str(value), datatype or "http://www.w3.org/2001/XMLSchema#integer"
    text = str(ox.Literal(value))  # pyoxigraph escapes exactly as N-Triples wants
    return text if datatype is None else f"{text}^^{nt_iri(datatype)}"


def in_graph(ntriples: bytes, graph: str) -> bytes:
    r"""N-Triples turned into N-Quads of ``graph`` (one C-speed replace, no line loop).

    A raw newline only ends a line in N-Triples (literals escape theirs), so every
    ``" .\n"`` is the end of a triple.

    >>> in_graph(b'<urn:a> <urn:b> "x .\\n y" .\n<urn:a> <urn:b> <urn:c> .', "urn:g")
    b'<urn:a> <urn:b> "x .\\n y" <urn:g> .\n<urn:a> <urn:b> <urn:c> <urn:g> .\n'
    """
    if ntriples and not ntriples.endswith(b"\n"):
        ntriples += b"\n"
    return ntriples.replace(b" .\n", f" <{graph}> .\n".encode())
