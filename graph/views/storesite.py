"""Write the casebook of a whole store: one casebook per case, side by side, and an index
across them (``claimgraph site --all``).

::

    out/index.html                 cases, entities shared, claims corroborated or disputed
    out/<case>/index.html …        each case's casebook, its claim pages with an
                                   "Across cases" section linking into the others

Like :func:`~claimgraph.graph.views.site.write_site`, only a folder claimgraph wrote (or a
new or empty one) is ever written into; a case folder whose case left the store is removed.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup

from claimgraph.errors import SiteError
from claimgraph.graph.crosscase import StoreCases

from .acrossview import Across, store_index_context
from .assets import pages_css, pages_js, site_css, site_js
from .render import environment, status_css
from .safe import safe_filename
from .site import _FOLDERS, _ROOT_PAGES, MARKER, write_site
from .sitedata import ViewData
from .styles import load_view_styles

__all__ = ["write_store_site"]


def _prepare(out: Path, keep: set[str]) -> None:
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} exists and is not a folder", hint="choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise SiteError(f"{out} is not empty and was not written by claimgraph site",
                        hint="choose a new or empty folder for --out")
    out.mkdir(parents=True, exist_ok=True)
    for child in out.iterdir():
        if child.is_dir() and (child.name in _FOLDERS or (
                child.name not in keep and (child / MARKER).exists())):
            shutil.rmtree(child)
    for page in _ROOT_PAGES:
        (out / page).unlink(missing_ok=True)
    (out / "assets").mkdir()
    (out / MARKER).write_text("This folder is a casebook written by `claimgraph site`.\n",
                              encoding="utf-8")


def write_store_site(datas: Sequence[ViewData], store: StoreCases, out: str | Path) -> Path:
    """Write every case of ``datas`` into ``out/<case>/`` and the store index into
    ``out/index.html``; return the index's path."""
    out = Path(out)
    folders = {safe_filename(d.case.meta.id) for d in datas}
    _prepare(out, folders)
    across = Across(store, linked=True)
    for d in datas:
        write_site(d, out / safe_filename(d.case.meta.id), across=across)
    styles = load_view_styles()
    for name, text in (("site.js", site_js()), ("pages.js", pages_js())):
        (out / "assets" / name).write_text(text, encoding="utf-8", newline="\n")
    css = Markup(site_css() + "\n" + pages_css() + "\n" + status_css(styles))
    html = environment().get_template("store_index.html").render(
        css=css, case_title="All cases", title="All cases", styles=styles, root="",
        script_src="'self' file:", lang="en", store_page=True, **store_index_context(across))
    index = out / "index.html"
    with index.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(html)
    return index
