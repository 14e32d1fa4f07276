"""Split a text into sentence-like units, deterministically, with their offsets.

The rules (the bundled case's coverage test and ``claimgraph extract`` share them):

1. the text is cut into lines at ``\\n``;
2. a leading list marker is dropped: ``-`` (with or without a following space) or a
   number and a dot (``1.``);
3. a line is cut into sentences after ``.``, ``!`` or ``?`` followed by white space (and
   optionally an inline ``- `` list marker) and then an upper-case letter, a digit, ``(``
   or an opening quote — except after the abbreviations ``U.S.``, ``e.g.``, ``i.e.``,
   ``etc.``;
4. each piece is trimmed of white space; pieces without a letter or digit (empty bullets)
   are dropped.

Examples
--------
>>> t = "Heading\\n- One. Two e.g. three U.S. Four. - Five:\\n-\\n1. Six"
>>> [t[a:b] for a, b in split_units(t)]
['Heading', 'One.', 'Two e.g. three U.S. Four.', 'Five:', 'Six']
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "split_units"]

ABBREVIATIONS = ("U.S.", "e.g.", "i.e.", "etc.")
_BULLET = re.compile(r"-\s*|\d+\.\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?:-\s+)?(?=[A-Z\u201c\"(0-9])")


def split_units(text: str) -> list[tuple[int, int]]:
    """The units of ``text`` as ``(start, end)`` code-point offsets, in order."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        marker = _BULLET.match(line)
        first = start + (marker.end() if marker else 0)
        cuts = [first]
        for m in _SENTENCE_END.finditer(text, first, end):
            if text[first:m.start()].endswith(ABBREVIATIONS):
                continue
            cuts += [m.start(), m.end()]
        cuts.append(end)
        for a, b in zip(cuts[::2], cuts[1::2], strict=True):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if any(ch.isalnum() for ch in text[a:b]):
                out.append((a, b))
    return out
