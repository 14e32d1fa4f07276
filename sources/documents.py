"""Read source documents into plain text, behind a small registry by file type.

A reader turns a file into a :class:`SourceText`: the text quotes are anchored in (Unicode
code points), its SHA-256 (of the file's bytes) and, for paged formats, where each page
starts. Register a reader for a new suffix with :func:`register_reader`.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = p.write_text("Hello\\r\\nworld", encoding="utf-8")
>>> doc = read_source(p)
>>> doc.text, doc.sha256[:12]
('Hello\\nworld', 'aa504342eafa')
>>> read_source(p.with_suffix(".docx"))
Traceback (most recent call last):
...
claimgraph.errors.SourceReadError: cannot read 'a.docx': no reader for '.docx' files (known: .htm, .html, .markdown, .md, .pdf, .txt)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.errors import LimitError, MissingExtraError, SourceReadError
from claimgraph.limits import check_file_size

__all__ = ["Reader", "SourceText", "known_suffixes", "read_source", "register_reader"]


@dataclass(frozen=True)
class SourceText:
    """The readable text of a source document."""

    text: str
    sha256: str
    media_type: str
    page_starts: tuple[int, ...] = field(default=())

    def page_of(self, offset: int) -> int | None:
        """1-based page holding character ``offset`` (None for unpaged documents)."""
        if not self.page_starts:
            return None
        page = 0
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i
        return page + 1


_KIND_NAMES = {".pdf": "PDF", ".html": "HTML page", ".htm": "HTML page"}

Reader = Callable[[bytes], tuple[str, str, tuple[int, ...]]]
_READERS: dict[str, Reader] = {}


def register_reader(suffixes: list[str], reader: Reader) -> None:
    """Register ``reader(data) -> (text, media_type, page_starts)`` for file suffixes."""
    for s in suffixes:
        _READERS[s.lower()] = reader


def known_suffixes() -> list[str]:
    _ensure_builtin()
    return sorted(_READERS)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _plain(data: bytes) -> tuple[str, str, tuple[int, ...]]:
    text = data.decode("utf-8-sig")
    return _normalise_newlines(text), "text/plain", ()


def _markdown(data: bytes) -> tuple[str, str, tuple[int, ...]]:
    text, _, _ = _plain(data)
    return text, "text/markdown", ()


_builtin_done = False


def _ensure_builtin() -> None:
    global _builtin_done
    if _builtin_done:
        return
    _builtin_done = True
    register_reader([".txt"], _plain)
    register_reader([".md", ".markdown"], _markdown)
    from . import readers  # noqa: F401  (registers html and pdf)


def read_source(path: Path | str) -> SourceText:
    """Read a document by its suffix; raise :class:`SourceReadError` with a hint if not."""
    _ensure_builtin()
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise SourceReadError(
            f"cannot read '{path.name}': no reader for '{path.suffix or '(none)'}' files "
            f"(known: {', '.join(known_suffixes())})",
            hint="convert it to .txt, or register a reader for the type",
        )
    try:
        check_file_size(path, "source text")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceReadError(f"cannot read '{path}': {exc.strerror}") from exc
    except LimitError as exc:
        raise SourceReadError(exc.message, hint=exc.hint) from None
    try:
        text, media_type, pages = reader(data)
    except UnicodeDecodeError as exc:
        raise SourceReadError(f"cannot read '{path.name}': not UTF-8 (byte {exc.start})",
                              hint="save the text as UTF-8") from exc
    except MissingExtraError as exc:  # the reader's optional package is not installed
        raise SourceReadError(exc.message, hint=exc.hint) from exc
    except Exception as exc:  # a damaged file: parsers (pypdf, …) raise many kinds
        kind = _KIND_NAMES.get(path.suffix.lower(), f"{path.suffix} file")
        raise SourceReadError(
            f"cannot read '{path.name}': not a readable {kind} ({type(exc).__name__}: "
            f"{str(exc)[:200]})",
            hint=f"check that it opens in a {kind} viewer, or save its text as .txt") from exc
    return SourceText(text, hashlib.sha256(data).hexdigest(), media_type, pages)
