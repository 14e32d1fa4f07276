"""Read JSON-LD as published on web pages, offline: located, bounded, no remote context.

Fact-checkers publish ClaimReview as JSON-LD with ``"@context": "https://schema.org"``,
one review per ``<script type="application/ld+json">`` block, a list of them, or nodes
of a page's ``@graph`` that refer to each other by ``@id``. :func:`read_jsonld` parses a
``.json``/``.jsonld`` text or an HTML page into a :class:`JsonLdDoc` whose nodes can be
asked for schema.org terms whichever way they are written (``claimReviewed``,
``schema:claimReviewed``, ``http://schema.org/claimReviewed``), with ``{"@id": …}``
references resolved within the document.

Nothing is fetched: the schema.org context is known (its terms are schema.org's names);
an in-line context may define prefixes; any other remote context (or ``@import``) is an
error. Problems carry ``file:line:col`` (the line of the ``<script>`` block in a page).

Examples
--------
>>> doc = read_jsonld('{"@context": "https://schema.org", "@graph": ['
...                   '{"@type": "ClaimReview", "author": {"@id": "#org"}},'
...                   '{"@id": "#org", "@type": "Organization", "name": "Checkers"}]}', "r.json")
>>> review = doc.nodes_of_type("ClaimReview")[0]
>>> doc.first(review, "author")["name"], doc.types(doc.first(review, "author"))
('Checkers', ['Organization'])
>>> bad = read_jsonld('{"@context": "https://example.org/ctx.jsonld"}', "r.json")
>>> print(bad.problems[0].format())  # doctest: +ELLIPSIS
r.json:1:1: error[remote-context]: the JSON-LD names a remote @context ... never fetches one ...
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from claimgraph.errors import Problem, Severity
from claimgraph.problemcodes import ProblemCode
from claimgraph.schema.yamlsrc import Locations, Path_, load_yaml

__all__ = ["SCHEMA_CONTEXTS", "JsonLdDoc", "read_jsonld"]

SCHEMA_CONTEXTS = frozenset(
    f"{scheme}://schema.org{tail}" for scheme in ("http", "https")
    for tail in ("", "/", "/docs/jsonldcontext.json", "/docs/jsonldcontext.jsonld"))
"""The schema.org context, in every spelling: known, so never fetched."""
_SCHEMA_NS = ("http://schema.org/", "https://schema.org/")
MAX_DEPTH = 200
MAX_BYTES = 20_000_000


@dataclass
class _Block:
    text: str
    line: int  # line of the block's first character in the file (1-based)
    col: int


class _Scripts(HTMLParser):
    """The ``application/ld+json`` script blocks of an HTML page, with their positions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[_Block] = []
        self._open: list[str] | None = None
        self._where = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and any(k == "type" and (v or "").strip().lower()
                                   == "application/ld+json" for k, v in attrs):
            self._open = []
            line, col = self.getpos()
            raw = self.get_starttag_text() or ""
            nl = raw.count("\n")
            self._where = (line + nl, (len(raw) - raw.rfind("\n")) if nl else col + len(raw) + 1)

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.blocks.append(_Block("".join(self._open), *self._where))
            self._open = None


def _depth_ok(value: Any, limit: int) -> bool:
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return True


@dataclass
class JsonLdDoc:
    """The parsed document: its top-level values (one per block), node index, problems."""

    file: str
    roots: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)
    _by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    _where: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(node) -> line, col

    # -- problems -----------------------------------------------------------------------
    def where(self, node: Any) -> tuple[int | None, int | None]:
        return self._where.get(id(node), (None, None))

    def problem(self, severity: Severity, code: ProblemCode, message: str, node: Any = None,
                hint: str | None = None) -> None:
        line, col = self.where(node)
        self.problems.append(Problem(severity, code, message, self.file, line, col,
                                     hint))

    # -- terms ----------------------------------------------------------------------------
    def term(self, key: str) -> str:
        """A key as a schema.org term name when it is one, else as a full IRI."""
        if key.startswith("schema:"):
            return key[len("schema:"):]
        for ns in _SCHEMA_NS:
            if key.startswith(ns):
                return key[len(ns):]
        prefix, sep, rest = key.partition(":")
        if sep and prefix in self.prefixes and not rest.startswith("//"):
            return self.prefixes[prefix] + rest
        return key

    def resolve(self, value: Any) -> Any:
        """A ``{"@id": x}`` reference replaced by the node of the document with that id."""
        if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str):
            return self._by_id.get(value["@id"], value)
        return value

    def values(self, node: Any, name: str) -> list[Any]:
        """Every value of term ``name`` (schema.org name or full IRI) on ``node``."""
        if not isinstance(node, dict):
            return []
        out: list[Any] = []
        for key, value in node.items():
            if isinstance(key, str) and self.term(key) == name:
                items = value if isinstance(value, list) else [value]
                for v in items:
                    if isinstance(v, dict) and "@value" in v:
                        v = v["@value"]
                    elif isinstance(v, dict) and "@list" in v and isinstance(v["@list"], list):
                        out.extend(self.resolve(x) for x in v["@list"])
                        continue
                    out.append(self.resolve(v))
        return out

    def first(self, node: Any, name: str) -> Any:
        vals = self.values(node, name)
        return vals[0] if vals else None

    def text(self, node: Any, name: str) -> str | None:
        """The first value of ``name`` that is (or names) a non-empty text."""
        for v in self.values(node, name):
            if isinstance(v, str) and v.strip():
                return v.strip()
            if isinstance(v, int | float) and not isinstance(v, bool):
                return str(v)
        return None

    def types(self, node: Any) -> list[str]:
        if not isinstance(node, dict):
            return []
        raw = node.get("@type", node.get("type"))
        items = raw if isinstance(raw, list) else [raw]
        return [self.term(t) for t in items if isinstance(t, str)]

    # -- nodes ----------------------------------------------------------------------------
    def walk(self) -> Iterator[dict[str, Any]]:
        """Every JSON object of the document, depth first, in document order."""
        stack: list[Any] = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                yield node
                stack.extend(reversed([v for k, v in node.items() if k != "@context"]))
            elif isinstance(node, list):
                stack.extend(reversed(node))

    def nodes_of_type(self, type_name: str) -> list[dict[str, Any]]:
        """The nodes typed ``type_name`` (a schema.org name), each once."""
        seen: set[int] = set()
        out = []
        for node in self.walk():
            if type_name in self.types(node) and id(node) not in seen:
                seen.add(id(node))
                out.append(node)
        return out


def _locate(doc: JsonLdDoc, value: Any, locs: Locations, path: Path_, line0: int,
            col0: int) -> None:
    stack = [(value, path)]
    while stack:
        node, p = stack.pop()
        if isinstance(node, dict | list):
            mark = locs.exact(p)
            if mark is not None:
                line, col = mark
                doc._where[id(node)] = (line + line0 - 1, col + (col0 - 1 if line == 1 else 0))
            items = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend((v, (*p, k)) for k, v in items)


def _contexts(doc: JsonLdDoc) -> None:
    """Check every ``@context``: schema.org or in-line only; collect in-line prefixes."""
    stack: list[Any] = list(doc.roots)
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        ctx = node.get("@context")
        for c in ctx if isinstance(ctx, list) else [ctx] if ctx is not None else []:
            if isinstance(c, str):
                if c not in SCHEMA_CONTEXTS:
                    doc.problem("error", ProblemCode.REMOTE_CONTEXT,
                                f"the JSON-LD names a remote @context ({c}); claimgraph never "
                                "fetches one", node,
                                "use the schema.org context (https://schema.org), or in-line "
                                "the context in the file")
            elif isinstance(c, dict):
                if "@import" in c:
                    doc.problem("error", ProblemCode.REMOTE_CONTEXT, "an in-line @context imports a "
                                "remote one (@import); claimgraph never fetches one", node,
                                "in-line the imported context")
                for k, v in c.items():
                    if isinstance(k, str) and not k.startswith("@") and isinstance(v, str) \
                            and v.endswith(("/", "#")):
                        doc.prefixes[k] = v
        stack.extend(v for k, v in node.items() if k != "@context")


def read_jsonld(text: str, file: str) -> JsonLdDoc:
    """Parse a JSON-LD document, or every JSON-LD block of an HTML page; never raises."""
    doc = JsonLdDoc(file)
    if len(text) > MAX_BYTES:
        doc.problem("error", ProblemCode.TOO_LARGE, f"the file holds {len(text):,} characters (at most "
                    f"{MAX_BYTES:,})", hint="split it into smaller files")
        return doc
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        parser = _Scripts()
        parser.feed(text)
        parser.close()
        blocks = parser.blocks
        if not blocks:
            doc.problem("error", ProblemCode.NO_JSONLD, "the page has no <script type=\"application/"
                        "ld+json\"> block", hint="give the page that carries the ClaimReview "
                        "markup, or its JSON-LD")
    else:
        blocks = [_Block(text, 1, 1)]
    for block in blocks:
        try:
            value = json.loads(block.text)
        except json.JSONDecodeError as exc:
            doc.problems.append(Problem(
                "error", ProblemCode.JSON_SYNTAX, exc.msg, file, exc.lineno + block.line - 1,
                exc.colno + (block.col - 1 if exc.lineno == 1 else 0),
                "check the JSON: commas, quotes and brackets"))
            continue
        except RecursionError:
            value = None
        if value is None or not _depth_ok(value, MAX_DEPTH):
            doc.problems.append(Problem("error", ProblemCode.TOO_DEEP, f"values are nested more than "
                                        f"{MAX_DEPTH} levels deep", file, block.line, block.col,
                                        "no ClaimReview needs that; check the file"))
            continue
        yaml_doc = load_yaml(block.text, file)
        if yaml_doc.value is not None:
            _locate(doc, value, yaml_doc.locations, (), block.line, block.col)
        doc.roots.append(value)
    _contexts(doc)
    for node in doc.walk():
        node_id = node.get("@id")
        if isinstance(node_id, str) and len(node) > 1:
            doc._by_id.setdefault(node_id, node)
    return doc
