"""Static assets of the views: vis-network (from the installed pyvis), our CSS and JS.

vis-network 9.1.2 ships inside the pyvis package (``pyvis/lib/vis-9.1.2``, dual licensed
Apache-2.0/MIT): the library pyvis's ``Network`` is made for. It is read from there, checked
against the pinned version and SHA-256 (:data:`VIS_VERSION`, :data:`VIS_SHA256`; pyproject
pins pyvis to the release that ships it, and a test checks both), and in-lined (or written
next to the casebook's pages), so nothing is ever fetched from a CDN and an upgrade that
changes the asset fails loudly instead of silently changing every page. Its stylesheet is
not needed: the views use none of vis-network's own widgets (tooltips, navigation,
manipulation).

Examples
--------
>>> "vis-network" in vis_js()[:200]
True
>>> "cg-net" in site_css()
True
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

from claimgraph.errors import ClaimgraphError

__all__ = ["VIS_SHA256", "VIS_VERSION", "asset_text", "network_js", "pages_css", "pages_js",
           "site_css", "site_js", "vis_js", "vis_source"]

VIS_VERSION = "9.1.2"
"""The vis-network release the views are written for (its ``@version`` header)."""

VIS_SHA256 = "1f20f0736f32cb9bedf8f6383b25cfea2f839e1abe80d6e8040b4d5bea378c69"
"""SHA-256 of ``vis-network.min.js`` as pyvis 0.3.2 ships it."""


@cache
def asset_text(name: str) -> str:
    """The text of one of our own assets (``graph/views/assets/NAME``)."""
    return resources.files("claimgraph.graph.views").joinpath("assets", name).read_text("utf-8")


@cache
def vis_source() -> bytes:
    """vis-network's minified JavaScript as shipped inside pyvis, checked against the pin."""
    lib = resources.files("pyvis").joinpath("lib", f"vis-{VIS_VERSION}", "vis-network.min.js")
    try:
        data = lib.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise ClaimgraphError(
            f"vis-network {VIS_VERSION} not found in the pyvis package",
            hint="install the pinned dependencies: pip install 'pyvis==0.3.2'",
        ) from exc
    if hashlib.sha256(data).hexdigest() != VIS_SHA256:
        raise ClaimgraphError(
            f"the vis-network {VIS_VERSION} in the installed pyvis is not the pinned one",
            hint="install the pinned dependencies (pip install 'pyvis==0.3.2'), or check the "
                 "new asset and update VIS_VERSION / VIS_SHA256 in claimgraph.graph.views.assets")
    return data


@cache
def vis_js() -> str:
    """vis-network's JavaScript, ready to in-line in a ``<script>`` element."""
    # the HTML parser reads CR and CRLF as LF: so must the CSP hash of the in-lined script
    text = vis_source().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
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


def pages_css() -> str:
    """The casebook pages' own widgets (motives matrix, comparison), after the stylesheet."""
    return asset_text("pages.css")


def pages_js() -> str:
    """The casebook pages' own widgets: a click on a matrix cell lists its claims."""
    return asset_text("pages.js")
