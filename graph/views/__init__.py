"""Interactive network views and the casebook site — offline, escaped, deterministic.

Read a case from the store, then draw it::

    from claimgraph.graph.store import open_store
    from claimgraph.graph import views
    data = views.load_view_data(open_store(), "china-russia-nitrocellulose")
    views.network_view(data)                       # shows inline in Jupyter
    views.focus_view(data, "china").save("china.html")
    views.provenance_view(data, "nc-exports-2023")
    views.write_site(data, "out/site")             # the casebook; returns index.html

Views are projections of the store (nothing writes back); every string from a case is
escaped; no page fetches anything from the network.
"""

from .acrossview import Across
from .claiminfo import ClaimInfo, claim_infos
from .notebook import NetworkView, focus_view, network_view, provenance_view
from .project import Links, focus_graph, network_graph, provenance_graph
from .render import render_network_page, vis_payload
from .site import write_site
from .sitedata import ViewData, load_view_data
from .storesite import write_store_site
from .styles import ViewStyles, load_view_styles
from .viewgraph import ViewGraph

__all__ = [
    "Across",
    "ClaimInfo",
    "Links",
    "NetworkView",
    "ViewData",
    "ViewGraph",
    "ViewStyles",
    "claim_infos",
    "focus_graph",
    "focus_view",
    "load_view_data",
    "load_view_styles",
    "network_graph",
    "network_view",
    "provenance_graph",
    "provenance_view",
    "render_network_page",
    "vis_payload",
    "write_site",
    "write_store_site",
]
