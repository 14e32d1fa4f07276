"""Map a case to RDF (N-Quads text) and back, losslessly, by one table.

The mapping is written once, as the table of :mod:`~claimgraph.graph.mapping.table` (in the
words of :mod:`~claimgraph.graph.mapping.spec`); everything else is made from it:

- :func:`case_to_nquads` / :class:`NQuadsWriter` (:mod:`~claimgraph.graph.mapping.write`):
  N-Quads strings, no rdflib objects (PERF-NOTES), one record or a batch at a time;
- :func:`quads_to_case` / :class:`CaseGraph` (:mod:`~claimgraph.graph.mapping.read`): models
  equal to ``case.canonical()``, the stored source texts and the quote anchors;
- the SHACL shapes ``schema/shapes.ttl`` (:mod:`~claimgraph.graph.mapping.shapes`);
- the analytics' targeted SPARQL reads (:mod:`~claimgraph.graph.mapping.sparql`);
- the scheme below (:mod:`~claimgraph.graph.mapping.docs`).

``python -m claimgraph.graph.mapping`` rewrites the generated files (``--check``: exit 1 when
one is stale, as a test does). IRIs: :mod:`claimgraph.graph.iris`; terms: the closed
namespaces of :mod:`claimgraph.graph.namespace` (``schema/vocab/ontology.yaml``). To add a
field: see :mod:`~claimgraph.graph.mapping.table`.

A claim is a node (n-ary): the graph never states ``subject predicate object`` as a triple.

The scheme (``X`` = the node's IRI; the records' IRIs are under
``https://w3id.org/claimgraph/``; rows go to the case's data graph unless their shape names
another):

.. BEGIN GENERATED scheme: python -m claimgraph.graph.mapping

- **Case** (CaseMeta) ``case/{id}``, a ``cg:Case``:
  - ``id``: ``dcterms:identifier``, a string (exactly one); the IRI's last segment when absent
  - ``title``: ``dcterms:title``, a text (exactly one)
  - ``description``: ``dcterms:description``, a text (optional)
  - ``curators``: ``dcterms:contributor`` each, and an ``rdf:List`` under ``cg:curatorList``, a
    text (in order)
  - ``license``: ``dcterms:license``, a string (optional)
  - ``language``: ``dcterms:language``, a string (optional)
  - ``vocabulary`` (nested object, on the same node): the case's vocabulary, below
  - ``tags``: ``cg:declaresTag`` -> ``X/tags/{i}``: a declared tag, below (in order) -- the tags
    claims may carry, with their names (analyses, sections, themes)
  - ``unclaimed``: ``cg:unclaimed`` -> ``X/unclaimed/{i}``: an unclaimed passage, below (in
    order)
- **Entity** (Entity) ``case/{case}/entity/{id}``, a ``cg:Entity``:
  - ``id``: ``dcterms:identifier``, a string (exactly one); the IRI's last segment when absent
  - ``name``: ``schema:name``, a text (exactly one)
  - ``kind``: ``cg:kind``, a known entity-kind concept (exactly one); the kind's ``rdf_types``
    become ``rdf:type`` too
  - ``aliases``: ``skos:altLabel``, a text, language-tagged or not (a set) -- other names; a
    plain string or {text, lang}
  - ``description``: ``dcterms:description``, a text (optional)
  - ``part_of``: ``dcterms:isPartOf``, an entity (a set) -- ids of entities it belongs to
  - ``country``: ``cg:country``, an entity (optional) -- id of the state entity it belongs to
  - ``ids``: ``schema:identifier`` -> ``X/ids/{key}``: an external identifier, below (one per
    key) -- external identifiers: wikidata, opensanctions, hs (HS code), ...
  - ``same_as``: ``owl:sameAs``, an entity (of this case, or CASE:ID of another) (a set) -- ids
    of entities that denote the same real-world thing: in this case (merged by analytics,
    exported as owl:sameAs), or in another case as CASE:ID (matched across cases); never for
    groups that only overlap
  - ``broader``: ``skos:broader``, an entity (a set) -- ids of broader entities (SKOS broader,
    transitive): this one is a kind or part of what they name, e.g. Shahed-136 -> drones; a
    denial about the broader one also covers this one
  - ``overlaps``: ``skos:relatedMatch``, an entity (a set) -- ids of entities that overlap this
    one without being the same (groups two analyses draw differently); never merged, exported as
    skos:relatedMatch
  - ``note``: ``skos:note``, a text (optional)
- **Source** (Source) ``case/{case}/source/{id}``, a ``cg:Source``:
  - ``id``: ``dcterms:identifier``, a string (exactly one); the IRI's last segment when absent
  - ``title``: ``schema:name``, a text (exactly one)
  - ``kind``: ``cg:sourceKind``, a known source-kind concept (exactly one); the kind's
    ``rdf_types`` become ``rdf:type`` too
  - ``publisher``: ``schema:publisher``, a text (optional)
  - ``authors``: ``schema:author`` each, and an ``rdf:List`` under ``cg:authorList``, a text (in
    order)
  - ``published``: ``schema:datePublished``, a date (xsd:gYear, xsd:gYearMonth or xsd:date)
    (optional)
  - ``accessed``: ``cg:dateAccessed``, a date (xsd:gYear, xsd:gYearMonth or xsd:date) (optional)
  - ``url``: ``schema:url``, a URL (xsd:anyURI) (optional)
  - ``language``: ``dcterms:language``, a string (optional)
  - ``reliability``: ``cg:reliability``, a known reliability grade concept (optional) --
    Admiralty grade A-F
  - ``text``: ``cg:textPath``, a string (optional) -- path of the captured text, relative to the
    case folder
  - ``sha256``: ``cg:recordedSha256``, a string (optional) -- hash of the text when its quotes
    were last anchored
  - ``cites``: ``cito:cites``, a source (a set) -- ids of sources this one cites
  - ``quote_only``: ``cg:quoteOnly``, a boolean (optional) -- the text is not distributed with
    the case (copyright): the case keeps its quotes with their selectors and the sha256 of the
    text as read; `text:` names where a curator's own copy goes (an ignored folder such as
    local-texts/)
  - ``same_as``: ``owl:sameAs``, a source (of this case, or CASE:ID of another) (a set) -- the
    same document or data under another id: a source of this case, or of another case as CASE:ID
    (customs data two cases refer to); one origin across cases
  - ``description``: ``dcterms:description``, a text (optional)
  - ``note``: ``skos:note``, a text (optional)
  - ``stored_text`` (side data ``texts``, on the same node): a stored text, below -- the
    captured text, when the build was given it (ValidationResult.texts)
- **Claim** (Claim) ``case/{case}/claim/{id}``, a ``cg:Claim``, ``schema:Claim``:
  - ``id``: ``dcterms:identifier``, a string (exactly one); the IRI's last segment when absent
  - ``text``: ``schema:text``, a text (exactly one) -- the claim in plain words
  - ``subject``: ``cg:subject``, an entity (exactly one)
  - ``predicate``: ``cg:predicate``, a known predicate concept (exactly one)
  - ``object``: ``cg:object``, an entity (exactly one)
  - ``item``: ``cg:item``, an entity (optional) -- what is supplied, produced, sanctioned ...
  - ``quantity``: ``cg:quantity`` -> ``X/quantity``: a quantity, below (optional)
  - ``time``: ``cg:time``, a string (optional); also ``cg:timeStart``, a date (xsd:date): first
    day covered (absent for an open start); also ``cg:timeEnd``, a date (xsd:date): last day
    covered (absent for an open end)
  - ``place``: ``cg:place``, an entity (optional)
  - ``via``: ``cg:via``, an entity (a set) -- intermediaries or routes
  - ``polarity``: ``cg:polarity``, a string (exactly one)
  - ``claimant``: ``prov:wasAttributedTo``, an entity or a source (optional); when not written:
    whom the first evidence attributes its words to, else its source, with
    ``cg:claimantInferred`` ``true`` -- entity or source that makes the claim; default: first
    evidence source
  - ``confidence``: ``cg:confidence``, a known likelihood concept (optional) -- ICD 203
    likelihood term
  - ``motives``: ``cg:motive``, an entity (a set) -- motive entities: why
  - ``supports``: ``cg:supportsClaim``, a claim (a set) -- claims this one supports
  - ``contradicts``: ``cg:contradictsClaim``, a claim (a set) -- claims that cannot be true if
    this one is (same proposition, opposite polarity or incompatible quantities); makes both
    contested
  - ``challenges``: ``cg:challengesClaim``, a claim (a set) -- claims this one argues against or
    weakens without the two being incompatible; shown beside both, never makes a claim contested
  - ``verdict``: ``cg:verdict`` -> ``X/verdict``: a verdict, below (optional)
  - ``first_appearance``: ``schema:firstAppearance``, a source (optional) -- id of the source
    where the claim first appeared (a reviewer's finding; schema:firstAppearance)
  - ``evidence``: ``cg:evidence`` -> ``X/evidence/{i}``: evidence, below (in order)
  - ``tags``: ``cg:tag``, a string (a set) -- tags grouping claims: the analysis or section of a
    source they come from, a theme (declared under `tags:` in case.yaml)
  - ``note``: ``skos:note``, a text (optional)
- **Vocabulary** (VocabularyExtension) (on the node of ``Case.vocabulary``):
  - ``entity_kinds``: ``cg:declaresKind`` -> the case's concept IRI in scheme ``kind``: a
    declared entity kind, below (in order)
  - ``predicates``: ``cg:declaresPredicate`` -> the case's concept IRI in scheme ``predicate``:
    a declared predicate, below (in order)
  - ``language`` (nested object, on the same node): the case's language phrases, below
- **Tag** (Tag) (the node of ``Case.tags``), a ``cg:Tag``:
  - ``id``: ``dcterms:identifier``, a string (exactly one); the IRI's last segment when absent
  - ``label``: ``skos:prefLabel``, a text (exactly one) -- the name shown for it, e.g. 'Analysis
    1: the three interlocking forces'
  - ``description``: ``skos:definition``, a text (optional)
- **UnclaimedPassage** (Unclaimed) (the node of ``Case.unclaimed``), a ``cg:UnclaimedPassage``:
  - ``source``: ``prov:wasQuotedFrom``, a source (exactly one)
  - ``text``: ``schema:text``, a text (exactly one)
  - ``reason``: ``cg:reason``, a text (exactly one)
- **ExternalId** (Entry) (the node of ``Entity.ids``), a ``schema:PropertyValue``:
  - ``key``: ``schema:propertyID``, a string (exactly one) -- the scheme: wikidata, hs ...
  - ``value``: ``schema:value``, a text (exactly one) -- the identifier in that scheme
- **StoredText** (SourceText) (on the node of ``Source.stored_text``):
  - ``text``: ``schema:text``, a text (exactly one) -- the captured text itself
  - ``sha256``: ``cg:sha256``, a string (exactly one) -- hex SHA-256 of the text file's bytes
  - ``media_type``: ``schema:encodingFormat``, a string (exactly one)
  - ``page_starts``: ``cg:pageStarts``, space-separated integers (optional) -- character offsets
    where each page of a paged text starts
- **Quantity** (Quantity) (the node of ``Claim.quantity``), a ``schema:QuantitativeValue``:
  - ``value``: ``schema:value``, a number (exactly one)
  - ``unit``: ``schema:unitText``, a string (exactly one)
  - ``approx``: ``cg:approximate``, a boolean (optional)
  - ``bound``: ``cg:bound``, a string (optional) -- min: 'at least / more than'; max: 'at most /
    less than'
  - ``capacity``: ``cg:capacity``, a boolean (optional) -- an amount that could be made,
    supplied or used ('enough to produce 200,000 shells'), not an amount that was
- **ClaimReview** (Verdict) (the node of ``Claim.verdict``), a ``schema:ClaimReview``:
  - ``claim``: ``schema:itemReviewed``, a claim (exactly one) -- the node above, written only --
    the claim reviewed
  - ``rating``: ``cg:rating``, a known rating concept (exactly one)
  - ``rationale``: ``schema:reviewBody``, a text (optional)
  - ``reviewed_by``: ``schema:author``, a text (optional) -- the person who reviewed the claim
  - ``date``: ``schema:datePublished``, a date (xsd:gYear, xsd:gYearMonth or xsd:date)
    (optional)
  - ``publisher``: ``schema:publisher``, a text (optional) -- the organisation that published
    the review (a name)
  - ``url``: ``schema:url``, a URL (xsd:anyURI) (optional) -- where the review is published
  - ``review_rating``: ``schema:reviewRating`` -> ``X/rating``: the rating as the reviewer wrote
    it, below (optional) -- the rating as written, when `rating` is its normalised id
- **Evidence** (Evidence) (the node of ``Claim.evidence``), a ``cg:Evidence``:
  - ``source``: ``prov:wasQuotedFrom``, a source (exactly one)
  - ``quote``: ``cg:quote``, a text (exactly one)
  - ``relation``: ``cg:relation``, a string (exactly one)
  - ``page``: ``cg:page``, an integer (optional)
  - ``occurrence``: ``cg:occurrence``, an integer (optional) -- which occurrence of an ambiguous
    quote is meant (1 = first)
  - ``attributed_to``: ``cg:attributedTo``, an entity or a source (optional) -- entity or source
    whose words the quote reports (the speaker: a spokesperson, a ministry)
  - ``relays``: ``cg:relays``, a source (optional) -- source the quoting document relays for
    this quote (an interview, customs data), usually one nobody captured
  - ``prefix``: ``cg:selectorPrefix``, a text (optional) -- W3C TextQuoteSelector prefix: the
    text just before the quote in the source text as read
  - ``suffix``: ``cg:selectorSuffix``, a text (optional) -- W3C TextQuoteSelector suffix: the
    text just after the quote
  - ``start``: ``cg:selectorStart``, an integer (optional) -- W3C TextPositionSelector start:
    the quote's first character in the source text (Unicode code points, inclusive)
  - ``end``: ``cg:selectorEnd``, an integer (optional) -- W3C TextPositionSelector end: the
    character after the quote (exclusive); end - start is the quote's length
  - ``note``: ``skos:note``, a text (optional)
  - ``anchor`` (side data ``anchors``, on the same node): an anchor, below -- where the quote
    sits in the stored text (ValidationResult.anchors)
- **DeclaredKind** (EntityKind) (the node of ``Vocabulary.entity_kinds``), a ``cg:EntityKind``,
  ``skos:Concept``:
  - ``id``: ``dcterms:identifier``, a string (exactly one); the IRI's last segment when absent
  - ``label``: ``skos:prefLabel``, a text (exactly one)
  - ``parent``: ``skos:broader``, a known entity-kind concept (optional)
  - ``abstract``: ``cg:abstract``, a boolean (optional)
  - ``description``: ``skos:definition``, a text (optional)
  - ``rdf_types``: an ``rdf:List`` under ``cg:rdfTypes`` (``rdf:nil`` when empty), a string (in
    order) -- CURIEs of the standard classes its entities also get
  - ``style`` (nested object, on the same node): a kind's style, below
- **DeclaredPredicate** (Predicate) (the node of ``Vocabulary.predicates``), a ``cg:Predicate``,
  ``skos:Concept``:
  - ``id``: ``dcterms:identifier``, a string (exactly one); the IRI's last segment when absent
  - ``label``: ``skos:prefLabel``, a text (exactly one)
  - ``inverse_label``: ``cg:inverseLabel``, a text (exactly one)
  - ``description``: ``skos:definition``, a text (optional)
  - ``subject_kinds``: an ``rdf:List`` under ``cg:subjectKinds`` (``rdf:nil`` when empty), a
    string (in order)
  - ``object_kinds``: an ``rdf:List`` under ``cg:objectKinds`` (``rdf:nil`` when empty), a
    string (in order)
  - ``symmetric``: ``cg:symmetric``, a boolean (optional)
  - ``style`` (nested object, on the same node): a predicate's style, below
  - ``denied_label``: ``cg:deniedLabel``, a text (optional) -- how a denial reads in lists, from
    the subject's side ("denies supplying"); without one: "denies that it <label>"
  - ``stance``: ``cg:stance``, a string (optional) -- for: the subject is for the object
    (supports, supplies, pursues); against: it is against it (opposes, sanctions); read by the
    motives view and compare
- **LanguageExtension** (LanguageExtension) (on the node of ``Vocabulary.language``):
  - ``hedges``: ``cg:declaresHedge`` -> ``X/hedge/{i}``: a declared language phrase, below (in
    order)
  - ``vague_attributions``: ``cg:declaresVagueAttribution`` -> ``X/vague/{i}``: a declared
    language phrase, below (in order)
- **Rating** (Verdict) (the node of ``ClaimReview.review_rating``), a ``schema:Rating``:
  - ``original_rating``: ``schema:alternateName``, a text (exactly one) -- the rating as the
    reviewer wrote it (e.g. 'Pants on Fire'), when `rating` is its normalised id
- **Anchor** (Anchor) (on the node of ``Evidence.anchor``):
  - ``status``: ``cg:anchorStatus``, a string (exactly one) -- how the quote was found in the
    stored text
  - ``target``: ``oa:hasTarget`` -> ``X/target``: an anchor (oa:SpecificResource), below
    (optional) -- the quoted passage, when the quote was placed
  - not written: ``occurrences`` (where an ambiguous quote also occurs: validation output only)
  - not written: ``closest`` (the nearest passage of a quote not found: validation output only)
- **KindStyle** (KindStyle) (on the node of ``DeclaredKind.style``):
  - ``color``: ``cg:color``, a string (exactly one)
  - ``shape``: ``cg:shape``, a string (exactly one)
- **PredicateStyle** (PredicateStyle) (on the node of ``DeclaredPredicate.style``):
  - ``color``: ``cg:color``, a string (exactly one)
- **LanguagePhrase** (LanguagePhrase) (the node of ``LanguageExtension.hedges``), a
  ``cg:LanguagePhrase``:
  - ``phrase``: ``cg:phrase``, a text (exactly one) -- the headword, as findings name it
  - ``implies``: ``cg:impliesLikelihood``, a known likelihood concept (optional) -- ICD 203
    likelihood term id a hedge implies (likelihood.yaml)
  - ``role``: ``cg:phraseRole``, a string (optional) -- which scope rule of language.yaml
    decides whether a hit hedges the claim (none: every hit counts)
  - ``inflect``: ``cg:inflect``, a string (optional) -- verb: the first word also matches its
    regular verb forms
  - ``capacity``: ``cg:capacityPhrase``, a boolean (optional) -- a capacity phrase ('enough
    to'): on a claim whose quantity is a `capacity`, the qualifier records it and no confidence
    is needed
  - ``forms``: an ``rdf:List`` under ``cg:phraseForms``, a string (in order) -- further surface
    forms of the phrase
- **Target** (Anchor) (the node of ``Anchor.target``), a ``oa:SpecificResource``:
  - ``source``: ``oa:hasSource``, a source (exactly one) -- the source above, written only --
    the evidence's source
  - ``quote``: ``oa:hasSelector`` -> ``X/quote``: a TextQuoteSelector, below (exactly one)
  - ``position``: ``oa:hasSelector`` -> ``X/position``: a TextPositionSelector, below (exactly
    one)
- **TextQuoteSelector** (Anchor) (the node of ``Target.quote``), a ``oa:TextQuoteSelector``:
  - ``exact``: ``oa:exact``, a text (exactly one) -- the passage as it stands in the stored text
  - ``prefix``: ``oa:prefix``, a text (optional) -- text before the passage
  - ``suffix``: ``oa:suffix``, a text (optional) -- text after the passage
- **TextPositionSelector** (Anchor) (the node of ``Target.position``), a
  ``oa:TextPositionSelector``:
  - ``start``: ``oa:start``, an integer (exactly one) -- first character (code points,
    inclusive)
  - ``end``: ``oa:end``, an integer (exactly one) -- end character (code points, exclusive)

.. END GENERATED scheme

Examples
--------
>>> from claimgraph.schema.models import Case
>>> state = {"kind": "state"}
>>> case = Case.model_validate({"meta": {"id": "demo", "title": "Demo"},
...     "entities": [{"id": "cn", "name": "China", **state}, {"id": "ru", "name": "Russia", **state}],
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

