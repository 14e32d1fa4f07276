"""What changed over time: dated (and quantified) claims as rows; the chart is drawn by
:mod:`.timechart`.

Rows come from the claim graph (so the shared filters apply), ordered by start date, end
date and claim id. An open end of an interval (``2022/..``, ``../2024-06-14``) stays open:
its ``start`` or ``end`` is None and the chart draws an arrow from the known end, never a
point at an invented middle. ``label`` is how the claim's predicate reads (a denial reads
"denies supplying"), ``capacity`` says the quantity is what could be made or supplied, not
what was.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_nodes_from([("cn", {"name": "China"}), ("ru", {"name": "Russia"}),
...                   ("nc", {"name": "Nitrocellulose"})])
>>> for k, t, q in [("nc-2023", "2023", 1300), ("nc-early", "2015/2021", None),
...                 ("undated", None, 5), ("nc-since", "2022/..", None)]:
...     _ = g.add_edge("cn", "ru", key=k, claim=k, predicate="supplies", label="supplies",
...                    item="nc", polarity="affirmed", status="single-origin", origins=1,
...                    strength=0.6, quantity=q, unit="t" if q else None, approx=False,
...                    bound=None, capacity=False, time=t, text=k)
>>> [(r.claim, r.start, r.end, r.value) for r in timeline_rows(g, item="nitrocellulose")]
[('nc-early', '2015-01-01', '2021-12-31', None), ('nc-since', '2022-01-01', None, None), ('nc-2023', '2023-01-01', '2023-12-31', 1300)]
>>> [r.claim for r in timeline_rows(g, quantified_only=True)]
['nc-2023']
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import networkx as nx

from claimgraph.numberformat import format_quantity
from claimgraph.schema.dates import time_bounds

from .paths import resolve_entity

__all__ = [
    "TimelineRow",
    "amount",
    "timeline_rows",
]


@dataclass(frozen=True)
class TimelineRow:
    """One dated claim: when (``start``/``end`` None where the interval is open), how much,
    of what, between whom, and how well evidenced."""

    claim: str
    time: str
    start: str | None
    end: str | None
    value: float | None
    unit: str | None
    approx: bool
    bound: str | None
    subject: str
    predicate: str
    object: str
    item: str | None
    polarity: str
    status: str
    origins: int
    text: str
    label: str = ""
    capacity: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def open_start(self) -> bool:
        return self.start is None

    @property
    def open_end(self) -> bool:
        return self.end is None


_bounds = lru_cache(maxsize=8192)(time_bounds)  # few distinct times, many claims


def _iso(d: date) -> str | None:
    return None if d in (date.min, date.max) else d.isoformat()


def timeline_rows(g: nx.MultiDiGraph, *, subject: str | None = None,
                  predicate: str | None = None, item: str | None = None,
                  obj: str | None = None, quantified_only: bool = False) -> list[TimelineRow]:
    """Dated claims (derived motive edges excluded), optionally only those with a quantity.

    ``subject``, ``obj`` and ``item`` may be ids, names or aliases.
    """
    s = resolve_entity(g, subject) if subject else None
    o = resolve_entity(g, obj) if obj else None
    i = resolve_entity(g, item) if item and item not in g else item
    rows = []
    for u, v, d in (g.out_edges(s, data=True) if s else g.edges(data=True)):
        if d.get("derived") or not d.get("time"):
            continue
        if (s and u != s) or (o and v != o) or (predicate and d["predicate"] != predicate):
            continue
        if (i and d.get("item") != i) or (quantified_only and d.get("quantity") is None):
            continue
        start, end = _bounds(d["time"])
        rows.append(TimelineRow(
            claim=d["claim"], time=d["time"], start=_iso(start), end=_iso(end),
            value=d.get("quantity"), unit=d.get("unit"), approx=bool(d.get("approx")),
            bound=d.get("bound"), subject=u, predicate=d["predicate"], object=v,
            item=d.get("item"), polarity=d["polarity"], status=d["status"],
            origins=int(d.get("origins") or 0), text=d.get("text") or "",
            label=d.get("label") or d["predicate"].replace("_", " "),
            capacity=bool(d.get("capacity"))))
    rows.sort(key=lambda r: (r.start or r.end or "", r.end or "9999", r.claim))
    return rows


def amount(r: TimelineRow, *, words: bool = False) -> str:
    """The quantity as a reader would say it (:mod:`claimgraph.numberformat`).

    >>> r = TimelineRow("c", "2022", "2022-01-01", "2022-12-31", 1300.0, "t", True, None,
    ...                 "cn", "supplies", "ru", None, "affirmed", "corroborated", 2, "")
    >>> amount(r), amount(r, words=True)
    ('≈ 1,300 t', 'about 1,300 t')
    """
    if r.value is None:
        return ""
    return format_quantity(r.value, r.unit, approx=r.approx, bound=r.bound,
                           capacity=r.capacity, words=words)
