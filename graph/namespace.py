"""Namespaces: the closed project namespace ``CG`` and the standard vocabularies reused.

``CG`` is an rdflib :class:`~rdflib.namespace.DefinedNamespace` with ``_fail = True``: a
typo in a term is an ``AttributeError``, not a new IRI. Its terms are generated from
``schema/vocab/ontology.yaml`` (the block between the GENERATED markers is rewritten by
``python -m claimgraph.schema.ontology``; a test fails when it is stale). ``SCHEMA``, ``OA``
and ``CITO`` are closed too, holding only the terms the mapping uses; PROV, DCTERMS, SKOS,
OWL, RDF, RDFS and XSD come from rdflib (closed already).

schema.org terms use ``http://schema.org/``, the IRIs a JSON-LD document with the usual
``"@context": "https://schema.org"`` (e.g. a published ClaimReview) expands to.

Examples
--------
>>> str(CG.Claim)
'https://w3id.org/claimgraph/ns#Claim'
>>> CG.claimant
Traceback (most recent call last):
...
AttributeError: term 'claimant' not in namespace 'https://w3id.org/claimgraph/ns#'
>>> str(OA.TextQuoteSelector), str(SCHEMA.ClaimReview)
('http://www.w3.org/ns/oa#TextQuoteSelector', 'http://schema.org/ClaimReview')
>>> expand_curie("schema:Country")
'http://schema.org/Country'
>>> compact_iri("http://www.w3.org/ns/prov#wasQuotedFrom")
'prov:wasQuotedFrom'
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)

__all__ = [
    "CG",
    "CG_NS",
    "CITO",
    "DCTERMS",
    "OA",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "XSD",
    "compact_iri",
    "expand_curie",
]

CG_NS = "https://w3id.org/claimgraph/ns#"


class CG(DefinedNamespace):
    """The claimgraph ontology (own terms only; see ``schema/claimgraph.ttl``)."""

    _NS = Namespace(CG_NS)
    _fail = True

    # BEGIN GENERATED from schema/vocab/ontology.yaml by claimgraph.schema.ontology
    Build: URIRef
    Case: URIRef
    CaseFile: URIRef
    Claim: URIRef
    Contradiction: URIRef
    Entity: URIRef
    EntityKind: URIRef
    Evidence: URIRef
    LanguageFinding: URIRef
    LikelihoodTerm: URIRef
    Predicate: URIRef
    Rating: URIRef
    ReliabilityGrade: URIRef
    Source: URIRef
    SourceKind: URIRef
    UnclaimedPassage: URIRef
    abstract: URIRef
    anchorStatus: URIRef
    approximate: URIRef
    authorList: URIRef
    bound: URIRef
    captured: URIRef
    checkableOrigin: URIRef
    circularWith: URIRef
    claimantInferred: URIRef
    color: URIRef
    confidence: URIRef
    contradiction: URIRef
    contradictionKind: URIRef
    contradictsClaim: URIRef
    country: URIRef
    curatorList: URIRef
    dateAccessed: URIRef
    declaresKind: URIRef
    declaresPredicate: URIRef
    definedAt: URIRef
    definedIn: URIRef
    dependant: URIRef
    endOffset: URIRef
    evidence: URIRef
    evidenceStatus: URIRef
    finding: URIRef
    findingKind: URIRef
    foundIn: URIRef
    impliesLikelihood: URIRef
    independentOrigin: URIRef
    inverseLabel: URIRef
    item: URIRef
    kind: URIRef
    motive: URIRef
    object: URIRef
    objectKinds: URIRef
    occurrence: URIRef
    otherClaim: URIRef
    page: URIRef
    pageStarts: URIRef
    path: URIRef
    phrase: URIRef
    place: URIRef
    polarity: URIRef
    position: URIRef
    predicate: URIRef
    primary: URIRef
    probabilityMax: URIRef
    probabilityMin: URIRef
    quantity: URIRef
    quote: URIRef
    rating: URIRef
    rdfTypes: URIRef
    reason: URIRef
    recordedSha256: URIRef
    relation: URIRef
    reliability: URIRef
    rootOrigin: URIRef
    sha256: URIRef
    shape: URIRef
    sourceKind: URIRef
    startOffset: URIRef
    subject: URIRef
    subjectKinds: URIRef
    supportLevel: URIRef
    supportsClaim: URIRef
    symmetric: URIRef
    textPath: URIRef
    time: URIRef
    timeEnd: URIRef
    timeStart: URIRef
    toolVersion: URIRef
    unclaimed: URIRef
    verdict: URIRef
    via: URIRef
    weak: URIRef
    weakSource: URIRef
    # END GENERATED


class SCHEMA(DefinedNamespace):
    """The schema.org terms the mapping uses (``http://schema.org/``)."""

    _NS = Namespace("http://schema.org/")
    _fail = True

    Claim: URIRef
    ClaimReview: URIRef
    CreativeWork: URIRef
    Dataset: URIRef
    PropertyValue: URIRef
    QuantitativeValue: URIRef
    Rating: URIRef
    Thing: URIRef
    alternateName: URIRef
    author: URIRef
    datePublished: URIRef
    encodingFormat: URIRef
    firstAppearance: URIRef
    identifier: URIRef
    itemReviewed: URIRef
    name: URIRef
    propertyID: URIRef
    publisher: URIRef
    ratingValue: URIRef
    reviewBody: URIRef
    reviewRating: URIRef
    softwareVersion: URIRef
    text: URIRef
    unitText: URIRef
    url: URIRef
    value: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation terms the mapping uses (``http://www.w3.org/ns/oa#``)."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    end: URIRef
    exact: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    hasTarget: URIRef
    prefix: URIRef
    start: URIRef
    suffix: URIRef


class CITO(DefinedNamespace):
    """The Citation Typing Ontology term the mapping uses (``http://purl.org/spar/cito/``)."""

    _NS = Namespace("http://purl.org/spar/cito/")
    _fail = True

    cites: URIRef


PREFIXES: dict[str, str] = {
    "cg": CG_NS,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": "http://schema.org/",
    "dcterms": str(DCTERMS),
    "oa": "http://www.w3.org/ns/oa#",
    "cito": "http://purl.org/spar/cito/",
    "sh": str(SH),
}
"""Prefix -> namespace IRI, as used in Turtle output, CURIEs in vocabularies and SPARQL."""


def expand_curie(curie: str) -> str | None:
    """The full IRI of ``prefix:local``, or None when the prefix is not one of ours."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES:
        return None
    return PREFIXES[prefix] + local


def compact_iri(iri: str) -> str:
    """``prefix:local`` for an IRI in a known namespace, else the IRI unchanged."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri
