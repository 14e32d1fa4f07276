"""Static assets of the views: vis-network (from the installed pyvis), our CSS and JS.

vis-network 9.1.2 ships inside the pyvis package (``pyvis/lib/vis-9.1.2``, dual licensed
Apache-2.0/MIT); it is read from there at run time and in-lined (or written next to the
casebook's pages), so nothing is ever fetched from a CDN. Its stylesheet is not needed:
the views use none of vis-network's own widgets (tooltips, navigation, manipulation).

Examples
--------
>>> "vis-network" in vis_js()[:200]
True
>>> "cg-net" in site_css()
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from claimgraph.errors import ClaimgraphError

__all__ = ["VIS_VERSION", "asset_text", "network_js", "site_css", "site_js", "vis_js"]

VIS_VERSION = "9.1.2"


@cache
def asset_text(name: str) -> str:
    """The text of one of our own assets (``graph/views/assets/NAME``)."""
    return resources.files("claimgraph.graph.views").joinpath("assets", name).read_text("utf-8")


@cache
def vis_js() -> str:
    """vis-network's minified JavaScript, as shipped inside the pyvis package."""
    try:
        lib = resources.files("pyvis").joinpath("lib", f"vis-{VIS_VERSION}", "vis-network.min.js")
        text = lib.read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise ClaimgraphError(
            f"vis-network {VIS_VERSION} not found in the pyvis package",
            hint="install the pinned dependencies: pip install 'pyvis>=0.3.2'",
        ) from exc
    # never let the library close the <script> element it is in-lined into
    return text.replace("</script", "<\\/script")


def network_js() -> str:
    """Our network component (search, filters, legend, details panel, tooltips)."""
    return asset_text("network.js")


def site_js() -> str:
    """Client-side table search and filter of the casebook."""
    return asset_text("site.js")


def site_css() -> str:
    """The one stylesheet of views and casebook (system fonts only)."""
    return asset_text("site.css")
