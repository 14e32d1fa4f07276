"""View styles as data: node styles by entity kind, edge styles by predicate and status.

Colours and shapes come from the vocabulary (``entity_kinds.yaml`` ``style``,
``predicates.yaml`` ``style.color``); how an edge looks by the evidence status of its claim
comes from ``schema/vocab/view_styles.yaml``. The legend of every view is generated from
the same objects, so it cannot drift from what is drawn.

Examples
--------
>>> s = load_view_styles()
>>> s.status("single-origin").dashes
[10, 6]
>>> s.status("no-such-status").id
'unknown'
>>> s.edge_width(3)
5.8
>>> s.kind_style("state")
('#1f4e79', 'star')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimgraph.errors import VocabularyError
from claimgraph.schema.vocab import Vocabulary, load_vocabulary, vocab_text

__all__ = ["STYLE_FILE", "NodeKindStyle", "StatusStyle", "ViewStyles", "load_view_styles", "status_key"]

STYLE_FILE = "view_styles.yaml"


@cache
def status_key(status: str | None) -> str:
    """Fold a status name to the id used in the style file (``single-origin`` -> ``single_origin``).

    >>> status_key("Single-Origin")
    'single_origin'
    """
    return (status or "unknown").strip().lower().replace("-", "_").replace(" ", "_")


class StatusStyle(BaseModel):
    """How an edge looks when its claim has this evidence status."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    description: str = ""
    dashes: bool | list[int] = False
    color: str | None = Field(None, pattern=r"^#[0-9a-fA-F]{6}$")
    badge: str = Field("#9e9e9e", pattern=r"^#[0-9a-fA-F]{6}$")


class _Width(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    base: float = 1.0
    per_origin: float = 1.5
    max_origins: int = 5


class _NodeSize(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    base: float = 10
    per_degree: float = 4
    max: float = 40


class _MotiveEdge(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str = "why"
    color: str = Field("#edc948", pattern=r"^#[0-9a-fA-F]{6}$")


class NodeKindStyle(BaseModel):
    """A node that is not an entity (claim, evidence, source in provenance views)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    color: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    shape: str = "dot"


class _StyleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int = 1
    statuses: tuple[StatusStyle, ...]
    unknown_status: StatusStyle
    width: _Width = _Width()
    motive_edge: _MotiveEdge = _MotiveEdge()
    item_edge: _MotiveEdge = _MotiveEdge(label="what", color="#f28e2b")
    node_size: _NodeSize = _NodeSize()
    physics_max_nodes: int = 400
    node_kinds: tuple[NodeKindStyle, ...] = ()


@dataclass(frozen=True)
class ViewStyles:
    """Every style a view needs, from the vocabulary and the view style file."""

    vocab: Vocabulary
    statuses: dict[str, StatusStyle]
    unknown: StatusStyle
    width: _Width
    motive_edge: _MotiveEdge
    item_edge: _MotiveEdge
    node_size: _NodeSize
    physics_max_nodes: int
    node_kinds: dict[str, NodeKindStyle]

    def status(self, status: str | None) -> StatusStyle:
        """The style of a status (any spelling), or the *unknown* style."""
        return self.statuses.get(status_key(status), self.unknown)

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

    def derived_edge(self, predicate: str) -> _MotiveEdge | None:
        """The style of a drawn-only edge (``motive``: why, ``item``: what), else None."""
        return {"motive": self.motive_edge, "item": self.item_edge}.get(predicate)

    def predicate_color(self, predicate: str) -> str:
        p = self.vocab.predicates.get(predicate)
        return p.style.color if p else "#9c9c9c"

    def predicate_label(self, predicate: str) -> str:
        p = self.vocab.predicates.get(predicate)
        return p.label if p else predicate.replace("_", " ")

    def edge_width(self, origins: int) -> float:
        """Edge width for a number of independent origins."""
        n = max(0, min(origins, self.width.max_origins))
        return round(self.width.base + self.width.per_origin * n, 2)

    def size_for_degree(self, degree: int) -> float:
        s = self.node_size
        return round(min(s.max, s.base + s.per_degree * degree**0.5), 2)

    def with_vocabulary(self, vocab: Vocabulary) -> ViewStyles:
        """The same styles over another vocabulary (a case's extended one)."""
        return ViewStyles(vocab, self.statuses, self.unknown, self.width, self.motive_edge,
                          self.item_edge, self.node_size, self.physics_max_nodes, self.node_kinds)

    def legend(self, kinds: set[str], predicates: set[str], statuses: set[str]) -> dict[str, Any]:
        """Legend rows for what a view actually shows (sorted, JSON-ready)."""
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
                 "dashes": st.dashes, "color": st.color, "badge": st.badge}
                for st in [*self.statuses.values(), self.unknown]
                if st.id in statuses
            ],
        }


@cache
def load_view_styles() -> ViewStyles:
    """The bundled view styles over the bundled vocabulary (cached)."""
    try:
        data = _StyleFile.model_validate(yaml.safe_load(vocab_text(STYLE_FILE)))
    except ValidationError as exc:
        raise VocabularyError(f"schema/vocab/{STYLE_FILE}: {exc}",
                              hint="fix the view style file") from exc
    return ViewStyles(
        vocab=load_vocabulary(),
        statuses={s.id: s for s in data.statuses},
        unknown=data.unknown_status,
        width=data.width,
        motive_edge=data.motive_edge,
        item_edge=data.item_edge,
        node_size=data.node_size,
        physics_max_nodes=data.physics_max_nodes,
        node_kinds={n.id: n for n in data.node_kinds},
    )
