"""Reads stay reads: a query that would update the store, or call another server through
``SERVICE``, is refused before any backend sees it.

Oxigraph evaluates ``SERVICE <http://…>`` by making the HTTP request itself (so would a
remote endpoint), and a query string that is really an update got a parser message
("expected one of DESCRIBE …") instead of a plain answer. The check is lexical: strings,
IRIs and comments are blanked out, then the remaining bare words are looked at — a variable
``?service``, a prefixed name ``ex:service`` or the word in a literal are not the keyword.
Unsure cases are refused (a false alarm costs a rephrased query; a miss, an outbound
request).

Examples
--------
>>> check_read_query("SELECT ?service WHERE { ?service ?p 'SERVICE <http://x/>' }")
>>> check_read_query("DROP ALL")
Traceback (most recent call last):
...
claimgraph.errors.QueryError: updates are not allowed: claimgraph query only reads (found DROP)
>>> check_read_query("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
claimgraph.errors.QueryError: SERVICE is not allowed: a query never calls another server unless you pass --allow-service
>>> check_read_query("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
...                  allow_service=True)
"""

from __future__ import annotations

import re

from claimgraph.errors import QueryError

__all__ = ["UPDATE_WORDS", "bare_words", "check_read_query"]

UPDATE_WORDS = frozenset({"INSERT", "DELETE", "DROP", "CLEAR", "LOAD", "CREATE", "ADD", "MOVE",
                          "COPY", "WITH"})
"""Words that only occur in SPARQL updates (none is a query keyword or built-in function)."""

_LEXEMES = re.compile(r'''
      """(?:[^"\\]|\\.|"(?!""))*"""
    | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
    | "(?:[^"\\\n\r]|\\.)*"
    | '(?:[^'\\\n\r]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\n\r]*
''', re.VERBOSE | re.DOTALL)
_WORD = re.compile(r"(?<![\w?$:@\-])[A-Za-z]+(?![\w:\-])")


def bare_words(sparql: str) -> set[str]:
    """The upper-cased words of a query outside strings, IRIs, comments, variables and
    prefixed names (the keywords and function names).

    >>> sorted(bare_words('SELECT ?x WHERE { ?x ex:p "a b" } # c'))
    ['SELECT', 'WHERE']
    """
    return {w.upper() for w in _WORD.findall(_LEXEMES.sub(" ", sparql))}


def check_read_query(sparql: str, *, allow_service: bool = False) -> None:
    """Raise :class:`QueryError` for an update, or for ``SERVICE`` unless allowed."""
    words = bare_words(sparql)
    updates = sorted(words & UPDATE_WORDS)
    if updates:
        raise QueryError(f"updates are not allowed: claimgraph query only reads (found "
                         f"{updates[0]})",
                         hint="`claimgraph build`, `import` and `drop` change the store")
    if "SERVICE" in words and not allow_service:
        raise QueryError("SERVICE is not allowed: a query never calls another server unless "
                         "you pass --allow-service",
                         hint="query the other endpoint directly, or pass --allow-service if "
                              "you mean this query to make network requests")
