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
"""

from __future__ import annotations

from .claimants import ClaimantRow, links_only_by_saying, rank_claimants, said_by
from .exports import FORMATS, export_graph, flat_graph, node_link, write_csv_edges
from .filters import EvidenceScale, Filters, load_evidence_scale
from .loading import Inputs, load_inputs, statuses_from_assessment
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
from .ranking import MEASURES, RankRow, centrality, rank, strongest_claims
from .scoping import ProjectionScope
from .timechart import chart_panels, timeline_chart
from .timeline import TimelineRow, amount, timeline_rows

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
