"""The timeline chart: small multiples, one panel per unit, drawn with matplotlib (Agg).

Tonnes, shells, dollars and per cents never share an axis: :func:`chart_panels` puts the
rows of each unit in a panel of its own (actual amounts first, most rows first), then the
*capacities* of each unit (``quantity.capacity``: what an amount could make or supply,
"enough to produce 200,000 shells", never an amount that was), then the dated claims
without a quantity, one lane each. Panels share the time axis.

What is drawn is what the claim says, nothing more:

* a period (``2022``, ``2015/2021``, ``2024-01/2024-06``) is a line from its first to its
  last day at its amount, with the status marker at both ends; a single day is one marker;
* an open interval (``2022/..``, ``../2024-06-14``) is its marker at the known end and an
  arrow from there to the edge of the panel: no point at an invented middle;
* a denial is hollow and dashed (the status vocabulary's ``denied``); colour and marker say
  the evidence status (the status vocabulary's ``color`` and ``marker``);
* labels (the amount as :mod:`claimgraph.numberformat` writes it, and the claim id) are
  moved apart until no label covers another; one that finds no free place is left out, and
  the panel's title says how many (the table lists every claim);
* the legend sits below the panels, never on the data.

The SVG names what a test needs: ``cg-panel-N`` (a panel's plot area), ``cg-label-N``,
``cg-open-<claim>`` (an open interval's arrow), ``cg-legend``.

Examples
--------
>>> from claimgraph.graph.analytics.timeline import TimelineRow
>>> def row(c, time, start, end, value=None, unit=None, capacity=False):
...     return TimelineRow(c, time, start, end, value, unit, False, None, "cn", "supplies",
...                        "ru", "nc", "affirmed", "single-origin", 1, "", "supplies", capacity)
>>> rows = [row("a", "2022", "2022-01-01", "2022-12-31", 700, "t"),
...         row("b", "2023", "2023-01-01", "2023-12-31", 200000, "shells", capacity=True),
...         row("c", "2022/..", "2022-01-01", None)]
>>> [(p.title, [r.claim for r in p.rows]) for p in chart_panels(rows)]
[('Amounts in t', ['a']), ('Capacity in shells: what could be made or supplied, not what was', ['b']), ('Dated claims without a quantity', ['c'])]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from claimgraph.errors import AnalysisError
from claimgraph.numberformat import format_number, format_quantity
from claimgraph.schema.statuses import DENIED, Status, StatusVocabulary, load_statuses

from .timeline import TimelineRow

__all__ = ["LANES_MAX", "Panel", "chart_panels", "timeline_chart"]

LANES_MAX = 40
"""The panel of claims without a quantity draws at most this many lanes (the table lists all)."""

_PANEL_IN = 2.1  # height of a panel of amounts, inches
_LANE_IN = 0.3  # height of one lane of the no-quantity panel
_FONT = 8
_PAD_PX = 2.0  # free pixels kept around a label


@dataclass(frozen=True)
class Panel:
    """One small multiple: the rows of one unit (and kind of amount), or the unquantified."""

    title: str
    unit: str | None
    capacity: bool
    rows: tuple[TimelineRow, ...]
    hidden: int = 0
    """rows left out of the drawing (lanes beyond :data:`LANES_MAX`)"""

    @property
    def quantified(self) -> bool:
        return self.unit is not None


def chart_panels(rows: Sequence[TimelineRow]) -> list[Panel]:
    """The panels the chart draws, in order (see the module docstring)."""
    groups: dict[tuple[bool, str], list[TimelineRow]] = {}
    plain: list[TimelineRow] = []
    for r in rows:
        if r.value is None:
            plain.append(r)
        else:
            groups.setdefault((r.capacity, r.unit or ""), []).append(r)
    panels = []
    for (capacity, unit), members in sorted(groups.items(),
                                            key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1])):
        title = (f"Capacity in {unit}: what could be made or supplied, not what was"
                 if capacity else f"Amounts in {unit}")
        panels.append(Panel(title, unit, capacity, tuple(members)))
    if plain:
        hidden = max(0, len(plain) - LANES_MAX)
        title = "Dated claims without a quantity" + (
            f" (first {LANES_MAX} of {len(plain)}; the table lists all)" if hidden else "")
        panels.append(Panel(title, None, False, tuple(plain[:LANES_MAX]), hidden))
    return panels


def timeline_chart(rows: list[TimelineRow], out: str | Path, *, title: str | None = None,
                   width: float = 10.0, height: float | None = None) -> Path:
    """Write the chart of ``rows`` to ``out`` (``.png`` or ``.svg``); return the path.

    ``height`` is computed from the panels unless given. Deterministic: fixed size, no
    timestamps in the SVG metadata.
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
    import matplotlib.pyplot as plt

    with plt.rc_context({"svg.hashsalt": "claimgraph", "svg.fonttype": "none",
                         "font.size": _FONT + 1}):
        _Chart(plt, chart_panels(rows), load_statuses(), title, width, height).save(path, fmt)
    return path


def _known(rows: Sequence[TimelineRow]) -> tuple[date, date]:
    days = [date.fromisoformat(d) for r in rows for d in (r.start, r.end) if d]
    lo, hi = min(days), max(days)
    pad = max(timedelta(days=(hi - lo).days * 0.05), timedelta(days=200))
    return lo - pad, hi + pad


class _Chart:
    """One figure: its panels, the labels to keep apart, the legend."""

    def __init__(self, plt: Any, panels: list[Panel], statuses: StatusVocabulary,
                 title: str | None, width: float, height: float | None) -> None:
        import matplotlib.dates as mdates

        self.plt, self.mdates, self.statuses = plt, mdates, statuses
        self.panels = panels
        sizes = [(_PANEL_IN if p.quantified else 0.55 + _LANE_IN * len(p.rows)) for p in panels]
        total = height or sum(sizes) + 1.3
        self.fig = plt.figure(figsize=(width, total), dpi=100, layout="constrained")
        axes = self.fig.subplots(len(panels), 1, sharex=True, squeeze=False,
                                 height_ratios=sizes)[:, 0]
        self.axes = list(axes)
        self.labels: list[tuple[Any, Any]] = []  # (annotation, its axes)
        self.seen: set[str] = set()
        self.opened = False
        self.lo, self.hi = _known([r for p in panels for r in p.rows])
        self.title = title or "Dated claims"

    # -- drawing ----------------------------------------------------------------------------
    def _x(self, d: date) -> float:
        return float(self.mdates.date2num(d))

    def _style(self, r: TimelineRow) -> tuple[Status, str, str]:
        st = self.statuses.get(DENIED if r.polarity == "denied" else r.status)
        self.seen.add(st.id)
        face = "none" if r.polarity == "denied" else st.color
        return st, st.color, face

    def _row(self, ax: Any, r: TimelineRow, y: float, label: str, above: bool) -> None:
        st, colour, face = self._style(r)
        dashed = r.polarity == "denied"
        known = [self._x(date.fromisoformat(d)) for d in (r.start, r.end) if d]
        style = {"marker": st.marker, "markersize": 7, "markerfacecolor": face,
                 "markeredgecolor": colour, "color": colour, "linewidth": 2.6,
                 "linestyle": "--" if dashed else "-", "solid_capstyle": "butt"}
        if r.start and r.end:
            a, b = known
            ax.plot([a, b] if b > a else [a], [y, y] if b > a else [y], **style)
            anchor = (a + b) / 2
        else:  # an open interval: the known end, and an arrow to the open side
            self.opened = True
            a = known[0]
            edge = self._x(self.lo) if r.start is None else self._x(self.hi)
            ax.plot([a], [y], **{**style, "linestyle": "none"})
            arrow = ax.annotate("", xy=(edge, y), xytext=(a, y), annotation_clip=False,
                                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2,
                                            "linestyle": "--" if dashed else "-",
                                            "shrinkA": 4, "shrinkB": 0})
            arrow.set_in_layout(False)
            if arrow.arrow_patch is not None:
                arrow.arrow_patch.set_gid(f"cg-open-{r.claim}")
            anchor = a
        if above:
            ann = ax.annotate(label, (anchor, y), xytext=(0, 7), textcoords="offset points",
                              ha="center", va="bottom", fontsize=_FONT, linespacing=1.1)
        else:
            ann = ax.annotate(label, (anchor, y), xytext=(0, 5), textcoords="offset points",
                              ha="center", va="bottom", fontsize=_FONT)
        ann.set_in_layout(False)
        self.labels.append((ann, ax))

    def _amounts(self, ax: Any, panel: Panel) -> None:
        values = [float(r.value) for r in panel.rows if r.value is not None]
        top, bottom = max(max(values), 0.0), min(min(values), 0.0)
        span = (top - bottom) or max(abs(top), 1.0)
        for r in panel.rows:
            amount = format_quantity(r.value or 0, r.unit, approx=r.approx, bound=r.bound)
            self._row(ax, r, float(r.value or 0), f"{amount}\n{r.claim}", above=True)
        ax.set_ylim(bottom - (0.12 * span if bottom < 0 else 0), top + 0.55 * span)
        ax.set_ylabel(panel.unit)
        ax.yaxis.set_major_formatter(self.plt.FuncFormatter(
            lambda v, _pos: format_number(v) if v >= bottom - 1e-9 else ""))
        ax.grid(True, axis="y", alpha=0.3)
        ax.axhline(0, color="#444444", linewidth=0.8)

    def _lanes(self, ax: Any, panel: Panel) -> None:
        n = len(panel.rows)
        for i, r in enumerate(panel.rows):
            self._row(ax, r, float(n - i), f"{r.claim} · {r.label}", above=False)
        ax.set_ylim(0.4, n + 0.9)
        ax.set_yticks([])

    def _draw(self) -> None:
        for i, (ax, panel) in enumerate(zip(self.axes, self.panels, strict=True)):
            (self._amounts if panel.quantified else self._lanes)(ax, panel)
            ax.set_gid(f"cg-panel-box-{i}")
            ax.patch.set_gid(f"cg-panel-{i}")
            ax.set_title(panel.title, loc="left", fontsize=_FONT + 1)
            ax.grid(True, axis="x", alpha=0.3)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        last = self.axes[-1]
        last.set_xlim(self._x(self.lo), self._x(self.hi))
        years = max(1, math.ceil((self.hi - self.lo).days / 365.25 / 12))
        last.xaxis.set_major_locator(self.mdates.YearLocator(years))
        last.xaxis.set_major_formatter(self.mdates.DateFormatter("%Y"))
        self.fig.suptitle(self.title)
        self._legend()

    def _legend(self) -> None:
        from matplotlib.lines import Line2D

        shown = sorted((self.statuses.get(s) for s in self.seen),
                       key=lambda s: (s.kind == "display", -(s.rank or 0), s.id))
        handles = [Line2D([], [], marker=s.marker, color=s.color, linewidth=2.6,
                          linestyle="--" if s.id == DENIED else "-",
                          markerfacecolor="none" if s.id == DENIED else s.color,
                          label=f"{s.label}{' (hollow, dashed)' if s.id == DENIED else ''}")
                   for s in shown]
        handles.append(Line2D([], [], color="#555555", marker="o", linewidth=2.6,
                              label="a period: from its first to its last day"))
        if self.opened:
            handles.append(Line2D([], [], color="#555555", marker=">", markevery=[1],
                                  linewidth=2, label="open interval: arrow from its known end"))
        legend = self.fig.legend(handles=handles, loc="outside lower center", frameon=False,
                                 ncols=min(len(handles), 3), fontsize=_FONT,
                                 title="evidence status", title_fontsize=_FONT)
        legend.set_gid("cg-legend")

    # -- labels -------------------------------------------------------------------------------
    def _separate(self) -> None:
        """Move labels up (then down) until none covers another; drop what finds no room."""
        self.fig.canvas.draw()
        self.fig.set_layout_engine("none")  # positions fixed from here on
        renderer = self.fig.canvas.get_renderer()
        placed: list[Any] = []
        dropped: dict[int, int] = {}
        order = sorted(self.labels, key=lambda t: (self.axes.index(t[1]), t[0].xy[0], t[0].xy[1]))
        for n, (ann, ax) in enumerate(order):
            box = ax.get_window_extent(renderer)
            bb = ann.get_window_extent(renderer)
            if bb.x1 > box.x1:
                ann.set_horizontalalignment("right")
            elif bb.x0 < box.x0:
                ann.set_horizontalalignment("left")
            step = (ann.get_window_extent(renderer).height + _PAD_PX) * 72 / self.fig.dpi
            base = ann.xyann
            for k in (0, 1, 2, 3, 4, -1, -2, 5, 6):
                ann.xyann = (base[0], base[1] + k * step if k >= 0 else
                             -base[1] - step * (-k))
                bb = ann.get_window_extent(renderer).expanded(1.0, 1.0)
                fits = box.y0 <= bb.y0 and bb.y1 <= box.y1 + 1
                if fits and not any(bb.overlaps(p) for p in placed):
                    placed.append(bb)
                    ann.set_gid(f"cg-label-{n}")
                    break
            else:
                ann.set_visible(False)
                i = self.axes.index(ax)
                dropped[i] = dropped.get(i, 0) + 1
        for i, count in sorted(dropped.items()):
            ax = self.axes[i]
            ax.set_title(f"{ax.get_title(loc='left')} — {count} label(s) left out, see the table",
                         loc="left", fontsize=_FONT + 1)

    def save(self, path: Path, fmt: str) -> None:
        try:
            self._draw()
            self._separate()
            meta = {"Date": None} if fmt == "svg" else {"Software": None}
            self.fig.savefig(path, format=fmt, metadata=meta)
        finally:
            self.plt.close(self.fig)
