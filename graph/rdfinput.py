"""RDF from outside is checked before any parser sees it (``import``, ``check``).

* **Size**: over the file-size limit (:mod:`claimgraph.limits`) is refused.
* **RDF/XML with a DOCTYPE** is refused: its entities can expand 700 bytes into gigabytes
  (the "billion laughs": Oxigraph's parser aborted the process asking for 3 GB) or pull in
  local files and URLs (XXE). RDF needs neither.
* **JSON-LD**: nesting deeper than the limit is refused before ``json.loads`` (whose C
  decoder overflows Python's stack on 100,000 brackets); a ``@context`` (or ``@import``)
  that names another document is refused — nothing is ever fetched — except the claimgraph
  context, ``https://w3id.org/claimgraph/context.jsonld``, which is read from the package.

Examples
--------
>>> guard_rdf(b'<urn:a> <urn:b> "c" .', "ntriples")
b'<urn:a> <urn:b> "c" .'
>>> guard_rdf(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><r/>', "rdfxml")
Traceback (most recent call last):
...
claimgraph.errors.UnsafeInputError: RDF/XML with a DOCTYPE (entity declarations) is refused
>>> guard_rdf(b'{"@context": "http://example.org/c", "@id": "urn:a"}', "jsonld")
Traceback (most recent call last):
...
claimgraph.errors.UnsafeInputError: the JSON-LD names a remote @context (http://example.org/c); claimgraph never fetches one
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from claimgraph.errors import LimitError, UnsafeInputError
from claimgraph.limits import human_size, json_depth, limits

from .iris import CONTEXT_IRI

__all__ = ["JSONLD_FORMATS", "XML_FORMATS", "guard_rdf", "offline_jsonld"]

XML_FORMATS = frozenset({"rdfxml", "xml"})
"""Names of RDF/XML in the two format registries (Oxigraph's and rdflib's)."""
JSONLD_FORMATS = frozenset({"jsonld", "json-ld"})
"""Names of JSON-LD in the two format registries."""

_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


@cache
def _our_context() -> Any:
    text = resources.files("claimgraph.schema").joinpath("context.jsonld").read_text("utf-8")
    return json.loads(text)["@context"]


def _refuse_remote(where: object) -> UnsafeInputError:
    return UnsafeInputError(
        f"the JSON-LD names a remote @context ({where}); claimgraph never fetches one",
        hint="in-line the context in the file (or use the claimgraph context, "
             f"{CONTEXT_IRI}, which is read from the package)")


def _context(ctx: Any) -> Any:
    if isinstance(ctx, list):
        return [_context(c) for c in ctx]
    if isinstance(ctx, str):
        if ctx == CONTEXT_IRI:
            return _our_context()
        raise _refuse_remote(ctx)
    if isinstance(ctx, dict):
        if "@import" in ctx:
            raise _refuse_remote(ctx["@import"])
        return {k: _walk(v) for k, v in ctx.items()}  # scoped contexts of term definitions
    return ctx


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: (_context(v) if k == "@context" else _walk(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_walk(v) for v in node]
    return node


def offline_jsonld(text: str) -> str:
    """JSON-LD with the claimgraph context in-lined; deep nesting and any other remote
    context refused (:class:`LimitError`, :class:`UnsafeInputError`)."""
    lim = limits()
    if json_depth(text, stop_after=lim.max_depth) > lim.max_depth:
        raise LimitError(f"the JSON-LD nests more than {lim.max_depth} levels deep",
                         hint=lim.hint("max_depth", lim.max_depth))
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UnsafeInputError(f"not valid JSON: {exc}", hint="check the file") from None
    return json.dumps(_walk(data), ensure_ascii=False)


def guard_rdf(data: bytes, fmt: str) -> bytes:
    """``data`` as it may be given to a parser of ``fmt`` (JSON-LD: rewritten offline), or
    a :class:`LimitError` / :class:`UnsafeInputError` saying why it may not."""
    lim = limits()
    if len(data) > lim.max_file_bytes:
        raise LimitError(f"the RDF is {human_size(len(data))}B, more than the limit of "
                         f"{human_size(lim.max_file_bytes)}B",
                         hint=lim.hint("max_file_bytes", len(data)))
    if fmt in XML_FORMATS:
        probe = data
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: look for the DOCTYPE in text
            try:
                probe = data.decode("utf-16").encode()
            except UnicodeDecodeError as exc:
                raise UnsafeInputError(f"the RDF/XML is not valid UTF-16 (byte {exc.start})",
                                       hint="save it as UTF-8") from None
        if _DOCTYPE.search(probe):
            raise UnsafeInputError(
                "RDF/XML with a DOCTYPE (entity declarations) is refused",
                hint="entities can expand a small file into gigabytes or read local files; "
                     "remove the DOCTYPE and write the entities out, or convert the file to "
                     "Turtle with a tool you trust")
    if fmt in JSONLD_FORMATS:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnsafeInputError(f"the JSON-LD is not UTF-8 (byte {exc.start})",
                                   hint="save it as UTF-8") from None
        return offline_jsonld(text).encode()
    return data
