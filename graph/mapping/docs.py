"""The RDF scheme in words, made from the mapping table, and the generated files' upkeep.

:func:`render_scheme` describes every shape of :mod:`~claimgraph.graph.mapping.table`: its
node's IRI and classes, then one line per row (attribute, predicate, kind of value,
cardinality, and what the row adds: a derived value, an inferred default, a link, side
data). The text stands in :mod:`claimgraph.graph.mapping`'s docstring between the
GENERATED markers. :func:`generated_files` / :func:`main` keep that docstring and
``schema/shapes.ttl`` fresh (``python -m claimgraph.graph.mapping [--check]``).

Examples
--------
>>> text = render_scheme()
>>> print(next(line for line in text.splitlines() if "``subject``" in line))
  - ``subject``: ``cg:subject``, an entity (exactly one)
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from claimgraph.generated import replace_block, run, stale
from claimgraph.graph.namespace import compact_iri

from .shapes import SHAPES_FILE, render_shapes
from .spec import PARENT, Card, Field, Flat, Node, Part, Shape
from .table import RECORDS

__all__ = ["generated_files", "main", "render_docstring", "render_scheme", "stale_files"]

BEGIN = ".. BEGIN GENERATED scheme: python -m claimgraph.graph.mapping\n"
END = ".. END GENERATED scheme\n"
_CARD = {Card.ONE: "exactly one", Card.OPTIONAL: "optional", Card.SET: "a set",
         Card.LIST: "in order", Card.MAP: "one per key"}


def _c(iri: str) -> str:
    return f"``{compact_iri(iri)}``"


def _row(row: Field) -> str:
    value = row.value
    if isinstance(value, Flat):
        where = f"side data ``{row.attached}``" if row.attached else "nested object"
        return f"``{row.name}`` ({where}, on the same node): {value.shape.label}, below"
    head = f"``{row.name}``: " + (_c(row.predicate) if row.predicate else "")
    if row.rdf_list is not None:
        lst = f"an ``rdf:List`` under {_c(row.rdf_list.predicate)}"
        lst += " (``rdf:nil`` when empty)" if row.rdf_list.nil_when_empty else ""
        head = (f"{head} each, and {lst}" if row.predicate else f"``{row.name}``: {lst}")
    if isinstance(value, Node):
        if value.scheme is not None:
            at = f"the case's concept IRI in scheme ``{value.scheme}``"
        else:
            at = {Card.LIST: f"``X/{value.segment}/{{i}}``",
                  Card.MAP: f"``X/{value.segment}/{{key}}``"}.get(row.card,
                                                             f"``X/{value.segment}``")
        text = f"{head} -> {at}: {value.shape.label}, below ({_CARD[row.card]})"
    elif isinstance(value, Part):
        text = f"{head} -> ``X/{value.segment}``: {value.shape.label}, below ({_CARD[row.card]})"
    else:
        text = f"{head}, {value.noun} ({_CARD[row.card]})"
    if row.link is not None:
        text += " -- the node above" if row.link == PARENT else f" -- the {row.link} above"
        text += ", written only"
    if row.id_fallback:
        text += "; the IRI's last segment when absent"
    if row.types:
        text += "; the kind's ``rdf_types`` become ``rdf:type`` too"
    for d in row.derived:
        text += f"; also {_c(d.predicate)}, {d.kind.noun}: {d.doc}"
    if row.inferred is not None:
        text += (f"; {row.inferred.doc}, with {_c(row.inferred.flag)} ``true``")
    return text


def _doc(shape: Shape, row: Field) -> str | None:
    """What the row means: its own ``doc``, else the model field's description."""
    if row.doc:
        return row.doc
    fields = getattr(shape.model, "model_fields", {})
    return fields[row.name].description if row.name in fields else None


def _item(text: str) -> str:
    return textwrap.fill(text, width=96, initial_indent="  - ", subsequent_indent="    ",
                         break_long_words=False, break_on_hyphens=False)


def _shape(shape: Shape, where: str) -> list[str]:
    classes = ", ".join(_c(t) for t in shape.types)
    head = f"- **{shape.name}** ({shape.model.__name__}) {where}"
    head += f", a {classes}" if classes else ""
    head += f", in the {shape.graph} graph" if shape.graph not in (None, "data") else ""
    lines = [textwrap.fill(head + ":", width=96, subsequent_indent="  ",
                           break_long_words=False, break_on_hyphens=False)]
    for row in shape.fields:
        doc = _doc(shape, row)
        lines.append(_item(_row(row) + (f" -- {doc}" if doc else "")))
    lines += [_item(f"not written: ``{k}`` ({v})") for k, v in shape.unmapped.items()]
    return lines


def render_scheme() -> str:
    """The scheme, one block per shape, records first, nested shapes as met."""
    lines: list[str] = []
    seen: list[Shape] = []
    queue: list[tuple[Shape, str]] = [
        (r, "``case/{id}``" if r.record == "case" else f"``case/{{case}}/{r.record}/{{id}}``")
        for r in RECORDS]
    while queue:
        shape, where = queue.pop(0)
        if any(s is shape for s in seen):
            continue
        seen.append(shape)
        lines += _shape(shape, where)
        for row in shape.fields:
            value = row.value
            if isinstance(value, Node | Part | Flat):
                label = "on the node of " if isinstance(value, Flat) else "the node of "
                queue.append((value.shape, f"({label}``{shape.name}.{row.name}``)"))
    return "\n".join(lines) + "\n"


def _package_init() -> Path:
    import claimgraph.graph.mapping as pkg

    return Path(pkg.__file__ or "").resolve()


def _shapes_path() -> Path:
    import claimgraph.schema as schema

    return Path(schema.__file__ or "").resolve().parent / SHAPES_FILE


def render_docstring(current: str) -> str:
    """The package's ``__init__.py`` with its scheme block rewritten."""
    return replace_block(current, BEGIN, END, "\n" + render_scheme() + "\n",
                         "graph/mapping/__init__.py")


def generated_files() -> dict[Path, str]:
    """Each file made from the mapping table and the text it should hold now."""
    init = _package_init()
    return {init: render_docstring(init.read_text("utf-8")), _shapes_path(): render_shapes()}


def stale_files() -> list[Path]:
    """Generated files whose content differs from what the table gives."""
    return stale(generated_files())


def main(argv: list[str] | None = None) -> int:
    """``python -m claimgraph.graph.mapping [--check]``."""
    return run(generated_files, "claimgraph.graph.mapping", argv)
