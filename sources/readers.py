"""Readers for HTML and PDF source documents (registered in :mod:`.documents`).

HTML: the readable main text (``<main>``/``<article>`` when present, else ``<body>``),
scripts, styles, navigation and similar chrome dropped, block elements on their own lines;
deterministic for the same bytes. PDF: text per page via pypdf (the optional ``pdf``
extra, :mod:`claimgraph.extras`), pages joined by a form feed, with each page's start
offset kept so anchors know their page.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from claimgraph.extras import require

from .documents import register_reader

__all__ = ["html_to_text", "pdf_to_text"]

_SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside",
         "form", "svg", "head", "button", "iframe"}
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
          "li", "ul", "ol", "tr", "table", "blockquote", "pre", "br", "hr", "figure",
          "figcaption", "dd", "dt", "dl", "title"}


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"main": [], "article": [], "body": [], "all": []}
        self.skip = 0
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        if tag in ("main", "article", "body"):
            self.open.append(tag)
        if tag in _BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self._emit("\n")
        if tag in ("main", "article", "body") and tag in self.open:
            self.open.remove(tag)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._emit(data)

    def _emit(self, text: str) -> None:
        self.parts["all"].append(text)
        for tag in set(self.open):
            self.parts[tag].append(text)


def html_to_text(html: str) -> str:
    """Readable text of an HTML page.

    >>> html_to_text("<html><head><title>T</title></head><body><nav>menu</nav>"
    ...              "<article><h1>Title</h1><p>One &amp; two.</p><script>x()</script>"
    ...              "</article></body></html>")
    'Title\\nOne & two.'
    """
    ex = _Extractor()
    ex.feed(html)
    ex.close()
    for key in ("main", "article", "body", "all"):
        if "".join(ex.parts[key]).strip():
            raw = "".join(ex.parts[key])
            break
    else:
        return ""
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in raw.split("\n")]
    return "\n".join(line for line in lines if line)


def _html(data: bytes) -> tuple[str, str, tuple[int, ...]]:
    return html_to_text(data.decode("utf-8-sig")), "text/html", ()


def pdf_to_text(data: bytes) -> tuple[str, tuple[int, ...]]:
    """Text of a PDF, pages separated by a form feed, and each page's start offset
    (needs the ``pdf`` extra: :class:`~claimgraph.errors.MissingExtraError` without it)."""
    pypdf = require("pypdf", "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    texts: list[str] = []
    starts: list[int] = []
    offset = 0
    for page in reader.pages:
        starts.append(offset)
        t = (page.extract_text() or "").replace("\r\n", "\n")
        texts.append(t)
        offset += len(t) + 1
    return "\f".join(texts), tuple(starts)


def _pdf(data: bytes) -> tuple[str, str, tuple[int, ...]]:
    text, starts = pdf_to_text(data)
    return text, "application/pdf", starts


register_reader([".html", ".htm"], _html)
register_reader([".pdf"], _pdf)
