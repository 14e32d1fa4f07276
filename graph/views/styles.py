"""View styles as data: node styles by entity kind, edge styles by predicate and status.

Colours and shapes come from the vocabulary (``entity_kinds.yaml`` ``style``,
``predicates.yaml`` ``style.color``); everything about an evidence status (label, colour,
dashes, whether the edge takes the status colour) from the status vocabulary
(:mod:`claimgraph.schema.statuses`); widths, sizes and the derived *why*/*what* edges from
``schema/vocab/view_styles.yaml``. The legend and the badge CSS of every view are
generated from the same objects, so they cannot drift from what is drawn.

Examples
--------
>>> s = load_view_styles()
>>> s.status("single-origin").dashes
(10, 6)
>>> s.status("no-such-status").id
'unknown'
>>> s.edge_width(1.0), s.edge_width(100.0)
(3.2, 9.0)
>>> s.kind_style("state")
('#1f4e79', 'star')
>>> s.edge_color("unsourced", "supplies") == s.status("unsourced").color
True
>>> s.edge_color("unsourced", "ev_refutes"), s.predicate_label("ev_refutes")
('#c62828', 'quote refutes the claim')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimgraph.errors import VocabularyError
from claimgraph.schema.statuses import Status, StatusVocabulary, load_statuses
from claimgraph.schema.vocab import Vocabulary, load_vocabulary, vocab_text

__all__ = ["STYLE_FILE", "DerivedEdgeStyle", "NodeKindStyle", "RelationEdgeStyle", "SummaryStyle",
           "ViewStyles",
           "load_view_styles"]

STYLE_FILE = "view_styles.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Width(_Strict):
    base: float = 1.2
    per_weight: float = 2.0
    max: float = 9.0


class _NodeSize(_Strict):
    base: float = 10
    per_degree: float = 4
    max: float = 40


class SummaryStyle(_Strict):
    """When the network view summarises (more nodes or edges than this) and how much."""

    above_nodes: int = 400
    above_edges: int = 2000
    top: int = 60
    max_edges: int = 100
    max_groups: int = 30


class DerivedEdgeStyle(_Strict):
    """How a drawn-only edge of a derived layer looks (``why``: motives, ``what``: items)."""

    label: str = "why"
    color: str = Field("#edc948", pattern=r"^#[0-9a-fA-F]{6}$")


class NodeKindStyle(_Strict):
    """A node that is not an entity (claim, evidence, source in provenance views)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    color: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    shape: str = "dot"


class RelationEdgeStyle(_Strict):
    """An edge of a provenance view (a quote's relation, quoted from, cites): its own colour."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    color: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")


_SAYS = DerivedEdgeStyle(label="says", color="#17becf")


class _StyleFile(_Strict):
    version: int = 1
    width: _Width = _Width()
    motive_edge: DerivedEdgeStyle = DerivedEdgeStyle()
    item_edge: DerivedEdgeStyle = DerivedEdgeStyle(label="what", color="#f28e2b")
    says_edge: DerivedEdgeStyle = _SAYS
    node_size: _NodeSize = _NodeSize()
    physics_max_nodes: int = 400
    summary: SummaryStyle = SummaryStyle()
    node_kinds: tuple[NodeKindStyle, ...] = ()
    relation_edges: tuple[RelationEdgeStyle, ...] = ()


@dataclass(frozen=True)
class ViewStyles:
    """Every style a view needs: the vocabulary, the statuses and the view style file."""

    vocab: Vocabulary
    statuses: StatusVocabulary
    width: _Width
    motive_edge: DerivedEdgeStyle
    item_edge: DerivedEdgeStyle
    node_size: _NodeSize
    physics_max_nodes: int
    node_kinds: dict[str, NodeKindStyle]
    relation_edges: dict[str, RelationEdgeStyle]
    says_edge: DerivedEdgeStyle = _SAYS
    summary: SummaryStyle = field(default_factory=SummaryStyle)

    def status(self, status: str | None) -> Status:
        """The status of this id, or the ``unknown`` (not assessed) status."""
        return self.statuses.get(status)

    def edge_color(self, status: str | None, predicate: str) -> str:
        """An edge's colour: a provenance relation's own; else its status's when the status
        says so; else its predicate's."""
        if predicate in self.relation_edges:
            return self.relation_edges[predicate].color
        st = self.status(status)
        if st.edge_color == "status":
            return st.color
        derived = self.derived_edge(predicate)
        return derived.color if derived is not None else self.predicate_color(predicate)

    def kind_style(self, kind: str) -> tuple[str, str]:
        """``(colour, shape)`` of an entity kind; grey dots for kinds the vocabulary lacks."""
        k = self.vocab.entity_kinds.get(kind)
        if k:
            return k.style.color, k.style.shape
        n = self.node_kinds.get(kind)
        return (n.color, n.shape) if n else ("#bab0ac", "dot")

    def kind_label(self, kind: str) -> str:
        k = self.vocab.entity_kinds.get(kind) or self.node_kinds.get(kind)
        return k.label if k else kind

    def layer(self, kind: str) -> str:
        """The layer of an entity kind: ``motives`` for motives (and topics), ``actors`` for
        actors (and collapsed communities), ``items`` for every other thing.

        >>> s = load_view_styles()
        >>> s.layer("state"), s.layer("commodity"), s.layer("motive")
        ('actors', 'items', 'motives')
        """
        v = self.vocab
        if kind in ("motive", "topic") or (
                "motive" in v.entity_kinds and kind in v.descendants("motive")):
            return "motives"
        if kind == "community" or (kind in v.entity_kinds and v.kind_group(kind) == "actor"):
            return "actors"
        return "items"

    def derived_edge(self, predicate: str) -> DerivedEdgeStyle | None:
        """The style of a drawn-only edge (``motive``: why, ``item``: what, ``says``: who
        says it), else None."""
        if predicate == "motive":
            return self.motive_edge
        if predicate == "says":
            return self.says_edge
        return self.item_edge if predicate == "item" else None

    def predicate_color(self, predicate: str) -> str:
        if predicate in self.relation_edges:
            return self.relation_edges[predicate].color
        p = self.vocab.predicates.get(predicate)
        return p.style.color if p else "#9c9c9c"

    def predicate_label(self, predicate: str) -> str:
        if predicate in self.relation_edges:
            return self.relation_edges[predicate].label
        p = self.vocab.predicates.get(predicate)
        return p.label if p else predicate.replace("_", " ")

    def edge_width(self, weight: float) -> float:
        """Edge width for an aggregated edge's weight (the analytics' evidence weight)."""
        w = self.width
        return round(min(w.max, w.base + w.per_weight * max(0.0, weight)), 2)

    def size_for_degree(self, degree: int) -> float:
        s = self.node_size
        return round(min(s.max, s.base + s.per_degree * degree**0.5), 2)

    def status_order(self) -> tuple[Status, ...]:
        """Decided statuses strongest first, then the display ones (legend, counts)."""
        return self.statuses.display_order

    def with_vocabulary(self, vocab: Vocabulary) -> ViewStyles:
        """The same styles over another vocabulary (a case's extended one)."""
        return ViewStyles(vocab, self.statuses, self.width, self.motive_edge, self.item_edge,
                          self.node_size, self.physics_max_nodes, self.node_kinds,
                          self.relation_edges, self.says_edge, self.summary)

    def legend(self, kinds: set[str], predicates: set[str], statuses: set[str]) -> dict[str, Any]:
        """Legend rows for what a view actually shows (sorted, JSON-ready).

        A status row carries its colour (the badge) and, when its edges take it, the edge
        colour (never in a view whose edges are all provenance relations: they keep their
        relation's colour); ``dashes`` is its edge's dash pattern."""
        relations_only = bool(predicates) and predicates <= set(self.relation_edges)
        return {
            "kinds": [
                {"id": k, "label": self.kind_label(k), "color": self.kind_style(k)[0],
                 "shape": self.kind_style(k)[1]}
                for k in sorted(kinds)
            ],
            "predicates": [
                {"id": p, "label": self.predicate_label(p), "color": self.predicate_color(p)}
                for p in sorted(predicates)
            ],
            "statuses": [
                {"id": st.id, "label": st.label, "description": st.description,
                 "dashes": list(st.dashes) if isinstance(st.dashes, tuple) else st.dashes,
                 "color": st.color,
                 "edgeColor": st.color if st.edge_color == "status" and not relations_only
                 else None}
                for st in self.status_order() if st.id in statuses
            ],
        }


def load_view_styles() -> ViewStyles:
    """The bundled view styles over the bundled vocabulary and the current status
    vocabulary (cached per status vocabulary)."""
    return _view_styles(load_statuses())


@cache
def _view_styles(statuses: StatusVocabulary) -> ViewStyles:
    try:
        data = _StyleFile.model_validate(yaml.safe_load(vocab_text(STYLE_FILE)))
    except ValidationError as exc:
        raise VocabularyError(f"schema/vocab/{STYLE_FILE}: {exc}",
                              hint="fix the view style file") from exc
    return ViewStyles(
        vocab=load_vocabulary(),
        statuses=statuses,
        width=data.width,
        motive_edge=data.motive_edge,
        item_edge=data.item_edge,
        node_size=data.node_size,
        physics_max_nodes=data.physics_max_nodes,
        node_kinds={n.id: n for n in data.node_kinds},
        relation_edges={r.id: r for r in data.relation_edges},
        says_edge=data.says_edge,
        summary=data.summary,
    )
