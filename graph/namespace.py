"""Namespaces: the closed project namespace ``CG`` and the standard vocabularies reused.

``CG`` is an rdflib :class:`~rdflib.namespace.DefinedNamespace` with ``_fail = True``: a
typo in a term is an ``AttributeError``, not a new IRI. Its terms are generated from
``schema/vocab/ontology.yaml`` (the blocks between the GENERATED markers are rewritten by
``python -m claimgraph.schema.ontology``; a test fails when one is stale). ``SCHEMA``, ``OA``
and ``CITO`` are closed too, holding only the standard terms ``ontology.yaml`` lists as
reused; PROV, DCTERMS, SKOS, OWL, RDF, RDFS and XSD come from rdflib (closed already).
``PREFIXES`` (generated from the same file) gives :data:`SPARQL_PREFIXES`, the prefix block
of every SPARQL query in the code, and the prefixes of every Turtle file written.

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
>>> SPARQL_PREFIXES.splitlines()[0]
'PREFIX cg: <https://w3id.org/claimgraph/ns#>'
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
    "SPARQL_PREFIXES",
    "XSD",
    "compact_iri",
    "expand_curie",
]

CG_NS = "https://w3id.org/claimgraph/ns#"


class CG(DefinedNamespace):
    """The claimgraph ontology (own terms only; see ``schema/claimgraph.ttl``)."""

    _NS = Namespace(CG_NS)
    _fail = True

    # BEGIN GENERATED cg: terms from schema/vocab/ontology.yaml by claimgraph.graph.namespace_gen
    Build: URIRef
    Case: URIRef
    CaseFile: URIRef
    Claim: URIRef
    Contradiction: URIRef
    Entity: URIRef
    EntityKind: URIRef
    Evidence: URIRef
    LanguageFinding: URIRef
    LanguagePhrase: URIRef
    LikelihoodTerm: URIRef
    NumericInconsistency: URIRef
    Predicate: URIRef
    Rating: URIRef
    ReliabilityGrade: URIRef
    Source: URIRef
    SourceKind: URIRef
    Tag: URIRef
    UnclaimedPassage: URIRef
    abstract: URIRef
    actualRatio: URIRef
    anchorStatus: URIRef
    approximate: URIRef
    attributedTo: URIRef
    authorList: URIRef
    basisRule: URIRef
    bound: URIRef
    capacity: URIRef
    capacityPhrase: URIRef
    captured: URIRef
    challengesClaim: URIRef
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
    declaresHedge: URIRef
    declaresKind: URIRef
    declaresPredicate: URIRef
    declaresTag: URIRef
    declaresVagueAttribution: URIRef
    definedAt: URIRef
    definedIn: URIRef
    deniedLabel: URIRef
    dependant: URIRef
    earlierClaim: URIRef
    endOffset: URIRef
    evidence: URIRef
    evidenceNote: URIRef
    evidenceStatus: URIRef
    expectedRatio: URIRef
    finding: URIRef
    findingKind: URIRef
    foundIn: URIRef
    impliesLikelihood: URIRef
    independentOrigin: URIRef
    inflect: URIRef
    inverseLabel: URIRef
    item: URIRef
    kind: URIRef
    laterClaim: URIRef
    motive: URIRef
    numericInconsistency: URIRef
    object: URIRef
    objectKinds: URIRef
    occurrence: URIRef
    otherClaim: URIRef
    page: URIRef
    pageStarts: URIRef
    path: URIRef
    phrase: URIRef
    phraseForms: URIRef
    phraseRole: URIRef
    place: URIRef
    polarity: URIRef
    position: URIRef
    predicate: URIRef
    primary: URIRef
    probabilityMax: URIRef
    probabilityMin: URIRef
    quantity: URIRef
    quote: URIRef
    quoteOnly: URIRef
    rating: URIRef
    rdfTypes: URIRef
    reason: URIRef
    recordedSha256: URIRef
    relation: URIRef
    relays: URIRef
    reliability: URIRef
    restsOn: URIRef
    rootOrigin: URIRef
    selectorEnd: URIRef
    selectorPrefix: URIRef
    selectorStart: URIRef
    selectorSuffix: URIRef
    sha256: URIRef
    shape: URIRef
    sourceKind: URIRef
    stance: URIRef
    startOffset: URIRef
    subject: URIRef
    subjectKinds: URIRef
    supportLevel: URIRef
    supportsClaim: URIRef
    symmetric: URIRef
    tag: URIRef
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

    # BEGIN GENERATED schema: terms from schema/vocab/ontology.yaml by claimgraph.graph.namespace_gen
    Claim: URIRef
    ClaimReview: URIRef
    PropertyValue: URIRef
    QuantitativeValue: URIRef
    Rating: URIRef
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
    # END GENERATED


class OA(DefinedNamespace):
    """The W3C Web Annotation terms the mapping uses (``http://www.w3.org/ns/oa#``)."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    # BEGIN GENERATED oa: terms from schema/vocab/ontology.yaml by claimgraph.graph.namespace_gen
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
    # END GENERATED


class CITO(DefinedNamespace):
    """The Citation Typing Ontology term the mapping uses (``http://purl.org/spar/cito/``)."""

    _NS = Namespace("http://purl.org/spar/cito/")
    _fail = True

    # BEGIN GENERATED cito: terms from schema/vocab/ontology.yaml by claimgraph.graph.namespace_gen
    cites: URIRef
    # END GENERATED


PREFIXES: dict[str, str] = {
    # BEGIN GENERATED prefixes from schema/vocab/ontology.yaml by claimgraph.graph.namespace_gen
    "cg": "https://w3id.org/claimgraph/ns#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "cito": "http://purl.org/spar/cito/",
    "sh": "http://www.w3.org/ns/shacl#",
    # END GENERATED prefixes
}
"""Prefix -> namespace IRI, as used in Turtle output, CURIEs in vocabularies and SPARQL."""

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
"""The one prefix block every SPARQL query of the code starts with."""


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
