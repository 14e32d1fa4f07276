"""The Python API of the views: view objects that save as HTML and show in Jupyter.

A :class:`NetworkView` renders to one self-contained page (vis-network and our scripts
in-lined, guarded by a Content-Security-Policy that allows only those scripts by hash).
In a notebook it shows itself inline: ``_repr_html_`` returns an ``<iframe srcdoc=...>``
sandboxed to scripts only, so nothing in it can reach the notebook.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Entity, Claim
>>> case = Case(meta=CaseMeta(id="d", title="Demo"),
...     entities=[Entity(id="cn", name="China", kind="state"),
...               Entity(id="ru", name="Russia", kind="state")],
...     claims=[Claim.model_validate({"id": "c1", "text": "China supplies Russia.",
...         "subject": "cn", "predicate": "supplies", "object": "ru"})])
>>> data = ViewData.from_case(case)
>>> v = network_view(data)
>>> len(v.graph.nodes), v._repr_html_().startswith("<iframe")
(2, True)
>>> focus_view(data, "cn").graph.kind, provenance_view(data, "c1").graph.kind
('focus', 'provenance')
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

from claimgraph.errors import NotFoundError
from claimgraph.graph.analytics.filters import Filters

from .project import VIEW_FILTERS, focus_graph, network_graph, provenance_graph
from .render import render_network_page
from .sitedata import ViewData
from .styles import ViewStyles, load_view_styles
from .viewgraph import ViewGraph

__all__ = ["NetworkView", "focus_view", "network_view", "provenance_view"]


@dataclass
class NetworkView:
    """A network view: its :class:`ViewGraph` and styles; ``html()``, ``save()``, inline display."""

    graph: ViewGraph
    styles: ViewStyles | None = None
    seed: int = 42
    height: int = 640

    def html(self) -> str:
        """The whole self-contained HTML page."""
        return render_network_page(self.graph, styles=self.styles, seed=self.seed)

    def save(self, path: str | Path) -> Path:
        """Write the page as UTF-8 (whatever the platform's default encoding) and return its path."""
        path = Path(path)
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(self.html())
        return path

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{escape(self.html(), quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd" '
                f'title="{escape(self.graph.title, quote=True)}"></iframe>')


def _styles(data: ViewData, styles: ViewStyles | None) -> ViewStyles:
    return (styles or load_view_styles()).with_vocabulary(data.vocab)


def network_view(data: ViewData, *, styles: ViewStyles | None = None,
                 filters: Filters = VIEW_FILTERS, motives: bool = True) -> NetworkView:
    """Who supports what and why: the whole case as a network, drawn from the analytics'
    projection under ``filters`` (``motives=False`` leaves out the *why* layer)."""
    st = _styles(data, styles)
    filters = filters if motives else replace(filters, motives=False)
    return NetworkView(network_graph(data.case, data.infos, filters=filters, styles=st), st)


def focus_view(data: ViewData, entity_id: str, *, radius: int = 1,
               styles: ViewStyles | None = None,
               filters: Filters = VIEW_FILTERS) -> NetworkView:
    """The ego network of one entity (``radius`` hops) in the network under ``filters``."""
    st = _styles(data, styles)
    net = network_graph(data.case, data.infos, filters=filters, styles=st)
    if not net.has_node(entity_id):
        raise NotFoundError(f"no entity {entity_id!r} in case {data.case.meta.id!r}",
                            hint="see the case's entity ids with: claimgraph site, or the index")
    return NetworkView(focus_graph(net, entity_id, radius), st)


def provenance_view(data: ViewData, claim_id: str, *,
                    styles: ViewStyles | None = None) -> NetworkView:
    """Claim -> evidence -> sources -> upstream sources, for one claim."""
    if claim_id not in {c.id for c in data.case.claims}:
        raise NotFoundError(f"no claim {claim_id!r} in case {data.case.meta.id!r}",
                            hint="claim ids are listed on the casebook's index page")
    return NetworkView(provenance_graph(data.case, claim_id, data.infos), _styles(data, styles))
