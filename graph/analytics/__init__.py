"""Actor-network analytics with networkx: projections, rankings, explained paths, ego
networks and communities, timelines and exports.

Every function takes and returns plain Python data or networkx graphs (nothing prints), so
the same calls work in a notebook::

    from claimgraph.graph.store import open_store
    from claimgraph.graph import analytics as an
    inputs = an.load_inputs(open_store("~/.local/share/claimgraph/store"), "china-russia-nitrocellulose")
    g, collapsed = an.project(inputs.case, inputs.statuses, an.Filters(min_status="single-origin"))
    an.rank(g, collapsed, top=10, groups=["actor"])
    an.strongest_paths(g, "PLA", "Russian ammunition production", undirected=True)

The package loads lazily (PEP 562): ``an.rank`` imports :mod:`.ranking` (and networkx) on
first use, so a command answered from :mod:`.cache` never pays for networkx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .claimants import ClaimantRow, links_only_by_saying, rank_claimants, said_by
    from .exports import FORMATS, export_graph, flat_graph, node_link, write_csv_edges
    from .filters import EvidenceScale, Filters, load_evidence_scale
    from .loading import Inputs, load_inputs, statuses_from_assessment
    from .measures import MEASURES
    from .neighbourhood import EgoRow, communities, ego, ego_rows
    from .paths import Hop, Path, resolve_entity, strongest_paths
    from .projection import (
        SAYS,
        StatusMap,
        aggregate_graph,
        case_vocab,
        claim_graph,
        collapse_graph,
        naive_statuses,
        project,
    )
    from .ranking import RankRow, centrality, rank, strongest_claims
    from .scoping import ProjectionScope
    from .timechart import chart_panels, timeline_chart
    from .timeline import TimelineRow, amount, timeline_rows

_LAZY: dict[str, str] = {
    "ClaimantRow": ".claimants",
    "ProjectionScope": ".scoping",
    "SAYS": ".projection",
    "links_only_by_saying": ".claimants",
    "rank_claimants": ".claimants",
    "said_by": ".claimants",
    "EgoRow": ".neighbourhood",
    "EvidenceScale": ".filters",
    "FORMATS": ".exports",
    "Filters": ".filters",
    "Hop": ".paths",
    "Inputs": ".loading",
    "MEASURES": ".measures",
    "Path": ".paths",
    "RankRow": ".ranking",
    "StatusMap": ".projection",
    "TimelineRow": ".timeline",
    "aggregate_graph": ".projection",
    "amount": ".timeline",
    "case_vocab": ".projection",
    "centrality": ".ranking",
    "chart_panels": ".timechart",
    "claim_graph": ".projection",
    "collapse_graph": ".projection",
    "communities": ".neighbourhood",
    "ego": ".neighbourhood",
    "ego_rows": ".neighbourhood",
    "export_graph": ".exports",
    "flat_graph": ".exports",
    "load_evidence_scale": ".filters",
    "load_inputs": ".loading",
    "naive_statuses": ".projection",
    "node_link": ".exports",
    "project": ".projection",
    "rank": ".ranking",
    "resolve_entity": ".paths",
    "statuses_from_assessment": ".loading",
    "strongest_claims": ".ranking",
    "strongest_paths": ".paths",
    "timeline_chart": ".timechart",
    "timeline_rows": ".timeline",
    "write_csv_edges": ".exports",
}
"""Where each public name lives (imported on first use)."""

__all__ = [
    "FORMATS",
    "MEASURES",
    "SAYS",
    "ClaimantRow",
    "EgoRow",
    "EvidenceScale",
    "Filters",
    "Hop",
    "Inputs",
    "Path",
    "ProjectionScope",
    "RankRow",
    "StatusMap",
    "TimelineRow",
    "aggregate_graph",
    "amount",
    "case_vocab",
    "centrality",
    "chart_panels",
    "claim_graph",
    "collapse_graph",
    "communities",
    "ego",
    "ego_rows",
    "export_graph",
    "flat_graph",
    "links_only_by_saying",
    "load_evidence_scale",
    "load_inputs",
    "naive_statuses",
    "node_link",
    "project",
    "rank",
    "rank_claimants",
    "resolve_entity",
    "said_by",
    "statuses_from_assessment",
    "strongest_claims",
    "strongest_paths",
    "timeline_chart",
    "timeline_rows",
    "write_csv_edges",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
