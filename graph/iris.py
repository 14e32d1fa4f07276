"""Deterministic IRIs for cases, records, vocabulary concepts and named graphs.

The same case always gets the same IRIs. Every id is percent-encoded as one path segment
(ids of a valid case need no encoding, so they read as written). Everything lives under
``https://w3id.org/claimgraph/``:

=====================================  ====================================================
``case/{case}``                          the case node
``case/{case}/entity/{id}``              an entity (also ``source/{id}``, ``claim/{id}``)
``case/{case}/claim/{id}/evidence/{i}``  the i-th (0-based) evidence item of a claim
``vocab/{scheme}/{id}``                  a bundled vocabulary concept (``vocab/{scheme}``:
                                         its ``skos:ConceptScheme``)
``case/{case}/vocab/{scheme}/{id}``      a concept a case adds (kind, predicate)
``case/{case}/graph/data``               named graph holding the case's data
``case/{case}/graph/provenance``         named graph holding its build provenance
``case/{case}/graph/derived``            named graph holding derived assessments
=====================================  ====================================================

Schemes: ``kind``, ``predicate``, ``source-kind``, ``reliability``, ``likelihood``,
``rating``. Graph-name functions take an optional ``suffix`` (e.g. a build id) for stores
that load into a fresh graph and swap.

Examples
--------
>>> claim_iri("demo", "nc-2023")
'https://w3id.org/claimgraph/case/demo/claim/nc-2023'
>>> evidence_iri("demo", "nc-2023", 0)
'https://w3id.org/claimgraph/case/demo/claim/nc-2023/evidence/0'
>>> concept_iri("predicate", "supplies")
'https://w3id.org/claimgraph/vocab/predicate/supplies'
>>> concept_iri("kind", "refinery", case_id="demo")
'https://w3id.org/claimgraph/case/demo/vocab/kind/refinery'
>>> data_graph("demo"), derived_graph("demo", suffix="b7")
('https://w3id.org/claimgraph/case/demo/graph/data', 'https://w3id.org/claimgraph/case/demo/graph/derived-b7')
>>> segment("a b/c")
'a%20b%2Fc'
>>> parse_iri(evidence_iri("demo", "nc-2023", 2))
IriParts(case_id='demo', kind='claim', id='nc-2023', rest=('evidence', '2'))
>>> local_id(concept_iri("rating", "mostly_true"))
'mostly_true'
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote, unquote

__all__ = [
    "BASE",
    "CASE_BASE",
    "CONTEXT_IRI",
    "SCHEMES",
    "VOCAB_BASE",
    "IriParts",
    "case_iri",
    "claim_iri",
    "concept_iri",
    "data_graph",
    "derived_graph",
    "entity_iri",
    "evidence_iri",
    "graph_iri",
    "local_id",
    "parse_iri",
    "provenance_graph",
    "record_iri",
    "scheme_iri",
    "segment",
    "source_iri",
]

BASE = "https://w3id.org/claimgraph/"
CASE_BASE = BASE + "case/"
VOCAB_BASE = BASE + "vocab/"
CONTEXT_IRI = BASE + "context.jsonld"
"""The IRI JSON-LD documents use for ``schema/context.jsonld`` (never fetched)."""
SCHEMES = ("kind", "predicate", "source-kind", "reliability", "likelihood", "rating")
RECORD_KINDS = ("entity", "source", "claim")

_SAFE = re.compile(r"[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]*)*")


def segment(value: str) -> str:
    """``value`` percent-encoded as one IRI path segment (ids usually need nothing)."""
    if _SAFE.fullmatch(value):
        return value
    if value in (".", ".."):  # dot segments would be removed when the IRI is resolved
        return value.replace(".", "%2E")
    return quote(value, safe="")


def case_iri(case_id: str) -> str:
    """The IRI of the case node."""
    return CASE_BASE + segment(case_id)


def record_iri(case_id: str, kind: str, record_id: str) -> str:
    """The IRI of a record of ``kind`` ``entity``, ``source`` or ``claim``."""
    return f"{CASE_BASE}{segment(case_id)}/{kind}/{segment(record_id)}"


def entity_iri(case_id: str, entity_id: str) -> str:
    return record_iri(case_id, "entity", entity_id)


def source_iri(case_id: str, source_id: str) -> str:
    return record_iri(case_id, "source", source_id)


def claim_iri(case_id: str, claim_id: str) -> str:
    return record_iri(case_id, "claim", claim_id)


def evidence_iri(case_id: str, claim_id: str, index: int) -> str:
    """The IRI of the ``index``-th (0-based) evidence item of a claim."""
    return f"{claim_iri(case_id, claim_id)}/evidence/{index}"


def scheme_iri(scheme: str, case_id: str | None = None) -> str:
    """The ``skos:ConceptScheme`` of a vocabulary (a case's own scheme with ``case_id``)."""
    if case_id is None:
        return VOCAB_BASE + scheme
    return f"{case_iri(case_id)}/vocab/{scheme}"


def concept_iri(scheme: str, concept_id: str, case_id: str | None = None) -> str:
    """A vocabulary concept: bundled, or added by the case ``case_id``."""
    return f"{scheme_iri(scheme, case_id)}/{segment(concept_id)}"


def graph_iri(case_id: str, name: str, suffix: str | None = None) -> str:
    """A named graph of a case: ``data``, ``provenance``, ``derived`` (+ ``-suffix``)."""
    tail = f"{name}-{segment(suffix)}" if suffix else name
    return f"{case_iri(case_id)}/graph/{tail}"


def data_graph(case_id: str, suffix: str | None = None) -> str:
    """The named graph holding a case's data."""
    return graph_iri(case_id, "data", suffix)


def provenance_graph(case_id: str, suffix: str | None = None) -> str:
    """The named graph holding a case's build provenance."""
    return graph_iri(case_id, "provenance", suffix)


def derived_graph(case_id: str, suffix: str | None = None) -> str:
    """The named graph holding what is derived from a case (assessments)."""
    return graph_iri(case_id, "derived", suffix)


def local_id(iri: str) -> str:
    """The decoded last path segment of an IRI (the id of a record or concept)."""
    return unquote(iri.rsplit("/", 1)[-1])


class IriParts(NamedTuple):
    """A case IRI taken apart: case id, record kind (or '' / 'vocab' / 'graph'), id, rest."""

    case_id: str
    kind: str
    id: str
    rest: tuple[str, ...]


def parse_iri(iri: str) -> IriParts | None:
    """Split an IRI under ``case/``; None for IRIs that are not one of ours."""
    if not iri.startswith(CASE_BASE):
        return None
    parts = iri[len(CASE_BASE):].split("/")
    case_id = unquote(parts[0])
    if len(parts) == 1:
        return IriParts(case_id, "", "", ())
    kind = parts[1]
    rid = unquote(parts[2]) if len(parts) > 2 else ""
    return IriParts(case_id, kind, rid, tuple(unquote(p) for p in parts[3:]))
