"""What changed over time: dated (and quantified) claims as rows and as a chart.

Rows come from the claim graph (so the shared filters apply), ordered by start date, end
date and claim id. The chart (matplotlib, Agg backend, no network) draws each claim at its
quantity: a point for a time within one year or less, a horizontal span for a longer
interval (``2015/2021``). The y axis is the unit most claims use (:func:`main_unit`); a
dated claim without a quantity, or in another unit, sits on the zero line with its amount
in its label, each in a lane of its own below the zero line. Marker and colour say the
evidence status (the status vocabulary's ``marker`` and ``color``); a denial is drawn as the
vocabulary's ``denied`` status, hollow, as in every other view; every point is labelled with
its claim id.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_nodes_from([("cn", {"name": "China"}), ("ru", {"name": "Russia"}),
...                   ("nc", {"name": "Nitrocellulose"})])
>>> for k, t, q in [("nc-2023", "2023", 1300), ("nc-early", "2015/2021", None),
...                 ("undated", None, 5)]:
...     _ = g.add_edge("cn", "ru", key=k, claim=k, predicate="supplies", item="nc",
...                    polarity="affirmed", status="single-origin", origins=1, strength=0.6,
...                    quantity=q, unit="t" if q else None, approx=False, bound=None,
...                    time=t, text=k)
>>> [(r.claim, r.start, r.end, r.value) for r in timeline_rows(g, item="nitrocellulose")]
[('nc-early', '2015-01-01', '2021-12-31', None), ('nc-2023', '2023-01-01', '2023-12-31', 1300)]
>>> [r.claim for r in timeline_rows(g, quantified_only=True)]
['nc-2023']
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from claimgraph.errors import AnalysisError
from claimgraph.schema.dates import time_bounds
from claimgraph.schema.statuses import DENIED, load_statuses

from .paths import resolve_entity

__all__ = [
    "TimelineRow",
    "amount",
    "main_unit",
    "timeline_chart",
    "timeline_rows",
]


@dataclass(frozen=True)
class TimelineRow:
    """One dated claim: when, how much, of what, between whom, and how well evidenced."""

    claim: str
    time: str
    start: str
    end: str
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def days(self) -> tuple[date, date]:
        return date.fromisoformat(self.start), date.fromisoformat(self.end)


_bounds = lru_cache(maxsize=8192)(time_bounds)  # few distinct times, many claims


def _clip(d: date, lo: date, hi: date) -> date:
    return min(max(d, lo), hi)


def timeline_rows(g: nx.MultiDiGraph, *, subject: str | None = None,
                  predicate: str | None = None, item: str | None = None,
                  obj: str | None = None, quantified_only: bool = False) -> list[TimelineRow]:
    """Dated claims (derived motive edges excluded), optionally only those with a quantity.

    ``subject``, ``obj`` and ``item`` may be ids, names or aliases. Open interval ends are
    clipped to the other dated claims' range (or ten years) so they can be drawn.
    """
    s = resolve_entity(g, subject) if subject else None
    o = resolve_entity(g, obj) if obj else None
    i = resolve_entity(g, item) if item and item not in g else item
    raw: list[tuple[str, str, dict[str, Any]]] = []
    for u, v, d in (g.out_edges(s, data=True) if s else g.edges(data=True)):
        if d.get("derived") or not d.get("time"):
            continue
        if (s and u != s) or (o and v != o) or (predicate and d["predicate"] != predicate):
            continue
        if (i and d.get("item") != i) or (quantified_only and d.get("quantity") is None):
            continue
        raw.append((u, v, d))
    closed = [b for _, _, d in raw for b in _bounds(d["time"])
              if b not in (date.min, date.max)]
    lo = min(closed, default=date(2000, 1, 1))
    hi = max(closed, default=lo + timedelta(days=3652))
    rows = []
    for u, v, d in raw:
        start, end = _bounds(d["time"])
        start = _clip(start, lo - timedelta(days=3652), hi) if start == date.min else start
        end = _clip(end, lo, hi + timedelta(days=3652)) if end == date.max else end
        rows.append(TimelineRow(
            claim=d["claim"], time=d["time"], start=start.isoformat(), end=end.isoformat(),
            value=d.get("quantity"), unit=d.get("unit"), approx=bool(d.get("approx")),
            bound=d.get("bound"), subject=u, predicate=d["predicate"], object=v,
            item=d.get("item"), polarity=d["polarity"], status=d["status"],
            origins=int(d.get("origins") or 0), text=d.get("text") or ""))
    rows.sort(key=lambda r: (r.start, r.end, r.claim))
    return rows


def amount(r: TimelineRow) -> str:
    """The quantity as a reader would say it.

    >>> amount(TimelineRow("c", "2022", "2022-01-01", "2022-12-31", 1300.0, "t", True, None,
    ...                    "cn", "supplies", "ru", None, "affirmed", "corroborated", 2, ""))
    '~1,300 t'
    """
    prefix = "~" if r.approx else ""
    prefix += {"min": "≥", "max": "≤"}.get(r.bound or "", "")
    value = r.value if r.value is None or r.value != int(r.value) else int(r.value)
    return f"{prefix}{value:,} {r.unit or ''}".strip()


def timeline_chart(rows: list[TimelineRow], out: str | Path, *, title: str | None = None,
                   width: float = 10.0, height: float = 5.0) -> Path:
    """Write the chart of ``rows`` to ``out`` (``.png`` or ``.svg``); return the path.

    Deterministic: fixed size, no timestamps in the SVG metadata.
    """
    path = Path(out)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise AnalysisError(f"cannot draw a chart as {path.suffix or 'a file without suffix'}",
                            hint="name the output file .png or .svg")
    if not rows:
        raise AnalysisError("no dated claims to draw",
                            hint="loosen the filters (--subject, --predicate, --item, "
                                 "--min-status, --as-of)")
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    with plt.rc_context({"svg.hashsalt": "claimgraph", "svg.fonttype": "none"}):
        _draw(plt, mdates, Line2D, rows, path, fmt, title, width, height)
    return path


def main_unit(rows: list[TimelineRow]) -> str | None:
    """The unit most rows are quantified in (ties: alphabetical); the chart's y axis."""
    counts: dict[str, int] = {}
    for r in rows:
        if r.unit and r.value is not None:
            counts[r.unit] = counts.get(r.unit, 0) + 1
    return min(counts, key=lambda u: (-counts[u], u)) if counts else None


def _draw(plt: Any, mdates: Any, Line2D: Any, rows: list[TimelineRow], path: Path, fmt: str,
          title: str | None, width: float, height: float) -> None:
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    unit = main_unit(rows)
    top = max((float(r.value) for r in rows if r.value is not None and r.unit == unit),
              default=1.0)
    step = max(top, 1.0) * 0.07
    statuses = load_statuses()
    try:
        seen: set[str] = set()
        lane = 0
        for r in rows:
            st = statuses.get(DENIED if r.polarity == "denied" else r.status)
            marker, colour = st.marker, st.color
            seen.add(st.id)
            on_axis = r.value is not None and r.unit == unit
            if on_axis and r.value is not None:
                y = float(r.value)
            else:  # no quantity, or another unit: a lane of its own below the zero line
                lane += 1
                y = -step * lane
            a, b = r.days
            mid = a + (b - a) / 2
            face = "none" if r.polarity == "denied" else colour
            if (b - a).days > 366:
                ax.hlines(y, mdates.date2num(a), mdates.date2num(b), colors=colour,
                          linewidth=6, alpha=0.45)
            ax.plot([mdates.date2num(mid)], [y], marker=marker, markersize=9,
                    markerfacecolor=face, markeredgecolor=colour, linestyle="none")
            label = f"{r.claim}: {amount(r)}" if r.value is not None else r.claim
            if on_axis:
                ax.annotate(label, (mdates.date2num(mid), y), textcoords="offset points",
                            xytext=(0, 9), ha="center", fontsize=8)
            else:
                ax.annotate(label, (mdates.date2num(mid), y), textcoords="offset points",
                            xytext=(9, 0), ha="left", va="center", fontsize=8)
        ax.axhline(0, color="#444444", linewidth=0.8)
        ax.set_ylabel(f"quantity ({unit})" if unit else "quantity")
        ax.yaxis.set_major_formatter(
            plt.FuncFormatter(lambda v, _pos: "" if v < 0 else f"{v:,.0f}"))
        if lane:
            ax.text(0.99, 0.01, "below zero: no quantity, or another unit",
                    transform=ax.transAxes, ha="right", va="bottom", fontsize=7, alpha=0.7)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_ylim(bottom=-step * (lane + 1))
        ax.margins(x=0.05, y=0.15)
        ax.grid(True, alpha=0.3)
        ax.set_title(title or "Dated claims")
        shown = sorted((statuses.get(s) for s in seen),
                       key=lambda s: (s.kind == "display", -(s.rank or 0), s.id))
        handles = [Line2D([], [], marker=s.marker, color=s.color, linestyle="none",
                          markerfacecolor="none" if s.id == DENIED else s.color, label=s.label)
                   for s in shown]
        ax.legend(handles=handles, title="evidence", loc="upper left", fontsize=8)
        fig.autofmt_xdate()
        fig.tight_layout()
        meta = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(path, format=fmt, metadata=meta, bbox_inches="tight")
    finally:
        plt.close(fig)
