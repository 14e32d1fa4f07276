"""Map a case to RDF (N-Quads text) and back, losslessly.

:func:`case_to_nquads` writes N-Quads strings directly (no rdflib objects: PERF-NOTES);
:func:`quads_to_case` (:mod:`claimgraph.graph.mapping_read`) reads them back into models
equal to ``case.canonical()``; :class:`CaseGraph` also gives back the stored source texts
and quote anchors. IRIs: :mod:`claimgraph.graph.iris`. Terms: ``schema/claimgraph.ttl``
(generated from ``schema/vocab/ontology.yaml``); constraints: ``schema/shapes.ttl``.

The scheme (``X`` = the record's IRI; ``concept`` = a SKOS concept IRI of a vocabulary):

- **case** ``a cg:Case``; ``dcterms:identifier``, ``dcterms:title``, ``dcterms:description``,
  ``dcterms:license``, ``dcterms:language``; curators as ``dcterms:contributor`` and, in
  order, ``cg:curatorList`` (an ``rdf:List``); ``cg:unclaimed`` -> ``X/unclaimed/i``
  (``cg:UnclaimedPassage``: ``prov:wasQuotedFrom``, ``schema:text``, ``cg:reason``,
  ``cg:position``); ``cg:declaresKind`` / ``cg:declaresPredicate`` -> the case's own
  concepts (``case/{case}/vocab/...``, with every field of the vocabulary entry).
- **entity** ``a cg:Entity`` + its kind's standard classes (``schema:Country`` ...);
  ``dcterms:identifier``, ``schema:name``, ``cg:kind`` concept, ``skos:altLabel``
  (language-tagged for ``{text, lang}`` aliases), ``dcterms:description``,
  ``dcterms:isPartOf``, ``cg:country``, ``schema:identifier`` -> ``X/ids/{key}``
  (``schema:PropertyValue``: ``schema:propertyID``, ``schema:value``), ``owl:sameAs``,
  ``skos:note``.
- **source** ``a cg:Source`` + its kind's classes; ``schema:name`` (title),
  ``cg:sourceKind``, ``schema:publisher``, ``schema:author`` and ``cg:authorList``,
  ``schema:datePublished`` / ``cg:dateAccessed`` (``xsd:gYear``/``gYearMonth``/``date``),
  ``schema:url`` (``xsd:anyURI``), ``dcterms:language``, ``cg:reliability`` concept,
  ``cg:textPath``, ``cg:recordedSha256``, ``cito:cites``; the captured text itself as
  ``schema:text`` with ``cg:sha256``, ``schema:encodingFormat`` and ``cg:pageStarts``.
- **claim** ``a cg:Claim, schema:Claim``; ``schema:text``, ``cg:subject``, ``cg:predicate``
  concept, ``cg:object``, ``cg:item``, ``cg:quantity`` -> ``X/quantity``
  (``schema:QuantitativeValue``: ``schema:value`` integer or double, ``schema:unitText``,
  ``cg:approximate``, ``cg:bound``), ``cg:time`` as written plus ``cg:timeStart`` /
  ``cg:timeEnd`` (``xsd:date``, absent for open ends), ``cg:place``, ``cg:via``,
  ``cg:polarity``, ``prov:wasAttributedTo`` (the effective claimant; ``cg:claimantInferred
  true`` when it was not written), ``cg:confidence`` concept, ``cg:motive``,
  ``cg:supportsClaim``, ``cg:contradictsClaim``, ``cg:verdict`` -> ``X/verdict``
  (``schema:ClaimReview``: ``schema:itemReviewed``, ``cg:rating`` concept,
  ``schema:reviewBody``, ``schema:author``, ``schema:datePublished``), ``skos:note``.
- **evidence** ``X/evidence/i`` ``a cg:Evidence`` (an ``oa:Annotation``); ``cg:position``,
  ``cg:relation``, ``cg:quote``, ``prov:wasQuotedFrom`` source, ``cg:page``,
  ``cg:occurrence``, ``skos:note``, ``cg:anchorStatus``; when anchored ``oa:hasTarget`` ->
  ``X/evidence/i/target`` (``oa:SpecificResource``, ``oa:hasSource`` the source,
  ``oa:hasSelector`` a ``oa:TextQuoteSelector`` with ``oa:exact``/``oa:prefix``/``oa:suffix``
  and a ``oa:TextPositionSelector`` with ``oa:start``/``oa:end``, code points).

A claim is a node (n-ary): the graph never states ``subject predicate object`` as a triple.

Examples
--------
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({
...     "meta": {"id": "demo", "title": "Demo"},
...     "entities": [{"id": "cn", "name": "China", "kind": "state"},
...                  {"id": "ru", "name": "Russia", "kind": "state"}],
...     "sources": [{"id": "art", "title": "Article", "kind": "analysis"}],
...     "claims": [{"id": "c1", "text": "China supplies Russia.", "subject": "cn",
...                 "predicate": "supplies", "object": "ru", "time": "2023",
...                 "evidence": [{"source": "art", "quote": "China supplies"}]}]})
>>> text = case_to_nquads(case)
>>> print([line for line in text.splitlines() if "#predicate>" in line][0])
<https://w3id.org/claimgraph/case/demo/claim/c1> <https://w3id.org/claimgraph/ns#predicate> <https://w3id.org/claimgraph/vocab/predicate/supplies> <https://w3id.org/claimgraph/case/demo/graph/data> .
>>> quads_to_case(parse_nquads(text)) == case.canonical()
True
"""

from __future__ import annotations

from collections.abc import Mapping

from claimgraph.graph import iris
from claimgraph.graph.rdfterms import paused_gc
from claimgraph.schema.models import Case
from claimgraph.sources.anchoring import Anchor
from claimgraph.sources.documents import SourceText

from .read import CaseGraph, parse_nquads, quads_to_case
from .write import NQuadsWriter

__all__ = [
    "CaseGraph",
    "NQuadsWriter",
    "case_to_nquads",
    "parse_nquads",
    "quads_to_case",
]


def case_to_nquads(case: Case, *, texts: Mapping[str, SourceText] | None = None,
                   anchors: Mapping[tuple[str, int], Anchor] | None = None,
                   graph: str | None = None) -> str:
    """The case as N-Quads text in named graph ``graph`` (default: its data graph).

    Parameters
    ----------
    case
        The case; records are written sorted by id, so the output is deterministic.
    texts
        Source id -> :class:`SourceText` (``ValidationResult.texts``): stored as
        ``schema:text`` with ``cg:sha256`` and ``schema:encodingFormat``.
    anchors
        ``(claim id, evidence index)`` -> :class:`Anchor` (``ValidationResult.anchors``):
        anchor status and Web Annotation selectors.
    graph
        The graph IRI (a plain string, no angle brackets).
    """
    case = case.canonical()
    writer = NQuadsWriter(case.meta, graph or iris.data_graph(case.meta.id),
                          source_ids={s.id for s in case.sources},
                          attachments={"texts": texts or {}, "anchors": anchors or {}})
    with paused_gc():
        return writer.write([case.meta, *case.entities, *case.sources, *case.claims])

