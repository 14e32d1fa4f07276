"""The N-Quads writer made from the mapping table.

:class:`NQuadsWriter` compiles each shape of :mod:`~claimgraph.graph.mapping.table` once per
case into steps (:mod:`~claimgraph.graph.mapping.compile`) with every term of a row already
written out, so the per-quad cost stays one string format and one list append, as in a
hand-written writer (``benchmarks/bench_mapping.py``). Records go in one at a time or in
batches, in any order (:meth:`NQuadsWriter.write`); the writer keeps no record, only the
case's metadata, the source ids (a claimant may be an entity or a source) and the caches of
IRIs (:mod:`~claimgraph.graph.mapping.caseterms`).

Examples
--------
>>> from claimgraph.schema.models import CaseMeta, Entity
>>> w = NQuadsWriter(CaseMeta(id="demo", title="Demo"), "urn:g")
>>> text = w.write([Entity(id="cn", name="China", kind="state", same_as=["prc"])])
>>> print(next(line for line in text.splitlines() if "sameAs" in line))
<https://w3id.org/claimgraph/case/demo/entity/cn> <http://www.w3.org/2002/07/owl#sameAs> <https://w3id.org/claimgraph/case/demo/entity/prc> <urn:g> .
>>> len(text.splitlines())  # 1 + 4 rdf:type (the kind's classes), id, name, kind, sameAs
9
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from claimgraph.graph.nquads import iri
from claimgraph.schema.models import CaseMeta

from .caseterms import CaseTerms
from .compile import StepCompiler
from .spec import Shape
from .table import RECORDS

__all__ = ["NQuadsWriter"]


class NQuadsWriter:
    """Writes the records of one case as N-Quads lines of the named graph ``graph``.

    Parameters
    ----------
    meta
        The case's metadata (its id names every IRI; its vocabulary extension decides
        which kinds and predicates are the case's own concepts).
    graph
        The graph IRI (a plain string, no angle brackets).
    source_ids
        Ids of the case's sources: a claimant that is one of them is written as a source.
    attachments
        Side data by the name a row is ``attached`` to: ``"texts"`` (source id ->
        :class:`~claimgraph.sources.documents.SourceText`) and ``"anchors"`` ((claim id,
        evidence index) -> :class:`~claimgraph.sources.anchoring.Anchor`).
    records
        The record shapes to write (default: the mapping table's).
    graphs
        The IRIs of the other named graphs, by role (``provenance``, ``derived``), for
        shapes whose rows go there (``Shape.graph``); ``graph`` is the ``data`` one.
    """

    def __init__(self, meta: CaseMeta, graph: str, *, source_ids: Collection[str] = (),
                 attachments: Mapping[str, Mapping[Any, Any]] | None = None,
                 records: tuple[Shape, ...] = RECORDS,
                 graphs: Mapping[str, str] | None = None) -> None:
        self.meta = meta
        self._out: list[str] = []
        ends = {role: f" {iri(g)} .\n" for role, g in {**(graphs or {}), "data": graph}.items()}
        compiler = StepCompiler(self._out, ends, attachments or {},
                                CaseTerms(meta, source_ids))
        self._records: dict[type, Callable[[Any], None]] = {
            shape.model: compiler.record_writer(shape) for shape in records}

    # -- the public face --------------------------------------------------------------------
    def write(self, records: Iterable[Any]) -> str:
        """N-Quads text of ``records`` (entities, sources, claims, or the case's
        :class:`~claimgraph.schema.models.CaseMeta`, in any mix and order)."""
        writers = self._records
        for r in records:
            writer = writers.get(type(r))
            if writer is None:
                raise TypeError(f"not a record the mapping writes: {type(r).__name__}")
            writer(r)
        return self.take()

    def take(self) -> str:
        """The text written since the last call, and forget it."""
        text = "".join(self._out)
        self._out.clear()
        return text
