"""Consoles that never write a control character from the data to the terminal.

Names, quotes and titles come from cases and imported RDF: untrusted. A raw ESC in them
could recolour, move the cursor, retitle or (in some terminals) do worse; U+202E reorders
what is shown. Two layers keep them out:

* :func:`escape` (what the commands use for every string from the store) shows them as
  escapes (``\\x1b``) *before* rich lays out a table, so widths stay right;
* every console made by :func:`safe_console` carries a render hook that escapes any that
  are left in the rendered segments — text the commands pass as :class:`rich.text.Text`
  or through a library call — so nothing gets through however a command prints. (Rich
  itself drops BEL, BS, VT, FF and CR from ``Text``; ESC and the C1 and bidi characters
  it would print.)

Examples
--------
>>> import io
>>> out = io.StringIO()
>>> c = safe_console(file=out, width=60)
>>> from rich.text import Text
>>> c.print(Text("Evil\\x1b]0;owned\\x07 Corp\\u202e"), "[b]" + escape("x\\x1b[2J") + "[/b]")
>>> out.getvalue()
'Evil\\\\x1b]0;owned Corp\\\\u202e x\\\\x1b[2J\\n'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.markup import escape as _markup_escape
from rich.measure import Measurement
from rich.segment import Segment

from claimgraph.textsafety import UNSAFE, visible

__all__ = ["escape", "safe_console"]


def escape(text: str) -> str:
    """Untrusted text for rich markup: markup escaped, control characters made visible."""
    return _markup_escape(visible(text))


class _Escaped:
    """A renderable whose segments have every unsafe character made visible."""

    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return self._segments(console, options)

    def _segments(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for seg in console.render(self.inner, options):
            if seg.control or UNSAFE.search(seg.text) is None:
                yield seg
            else:
                yield Segment(visible(seg.text), seg.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.inner)


class _EscapeHook(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]
                            ) -> list[ConsoleRenderable]:
        return [_Escaped(r) for r in renderables]


def safe_console(**options: Any) -> Console:
    """A :class:`rich.console.Console` (same options) that escapes unsafe characters."""
    console = Console(**options)
    console.push_render_hook(_EscapeHook())
    return console
