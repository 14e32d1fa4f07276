"""The RDF mapping as one table: every attribute of every record, its predicate, its kind of
value, its cardinality and its node. The writer, the reader, the SHACL shapes, the
analytics queries and the scheme in :mod:`claimgraph.graph.mapping`'s docstring are all
made from it; nothing else spells the mapping out.

Why Python declarations and not a YAML file: every cell of a row is checked when this module
is imported. Terms are attributes of the closed namespaces (``CG.qoute`` is an
``AttributeError``; ``mypy`` sees them too), value kinds and cardinalities are closed sets
(:mod:`~claimgraph.graph.mapping.spec`), and the rows name the model classes they describe,
so ``tests/test_mapping_table.py`` can compare them with the models field by field. A YAML
table would need its own loader and checker for the same guarantees and would still have to
name Python things (model classes, the derived time bounds, the inferred claimant). The
vocabularies a researcher extends stay YAML (``schema/vocab/``); this table changes when the
*models* change, which is a code change anyway.

Adding a field to a record (e.g. issue 11's ``broader`` on entities)
-------------------------------------------------------------------
1. **The model** (``schema/models.py``): the field with its type and ``description``
   (``broader: list[Id] = Field(default_factory=list, description="...")``, and add it to
   the ``_sets`` validator when it is a set).
2. **The table** (this file): one row in the record's shape, e.g.
   ``Field("broader", SKOS.broader, ENTITY, Card.SET)``. The value kinds cover what issue 11
   needs without new code: a set of entity refs (``broader``, ``close_match`` on
   ``SKOS.closeMatch``), a set of claim refs (``challenges``, a new ``cg:`` term), an
   optional entity-or-source ref on evidence (``Field("attributed_to", ..., AGENT)``), an
   optional source ref (``relays``).
   A new ``cg:`` predicate is declared first in ``schema/vocab/ontology.yaml`` (label,
   comment, domain, range); reused terms (SKOS, PROV, schema.org ...) need nothing.
3. **The docs**: ``make generate`` (or ``python -m claimgraph.schema.ontology`` and then
   ``python -m claimgraph.graph.mapping``) rewrites the generated files: the scheme in
   ``graph/mapping/__init__.py``'s docstring, ``schema/shapes.ttl``, and, for a new term,
   the closed namespace, ``schema/claimgraph.ttl`` and ``schema/context.jsonld``. The
   JSON Schema (``schema/case.schema.json``) follows the model the same way.

Nothing else changes: the writer, the reader, the SHACL shapes and the analytics queries
read the row. ``tests/test_mapping_table.py`` fails, naming the field and this file, when a
model field has no row; the round-trip property tests then check the new field through
Oxigraph and both store backends. A *reference* field also wants its referential check in
``schema/validate.py`` (ids that must exist), which validates YAML, not RDF.

Examples
--------
>>> CLAIM_SHAPE.row("subject").predicate
'https://w3id.org/claimgraph/ns#subject'
>>> [f.name for f in EVIDENCE.fields][:3]
['source', 'quote', 'relation']
>>> [s.name for s in RECORDS]
['Case', 'Entity', 'Source', 'Claim']
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import is_dataclass
from datetime import date
from functools import lru_cache

from claimgraph.graph.namespace import CG, CITO, DCTERMS, OA, OWL, PROV, SCHEMA, SKOS
from claimgraph.schema.dates import time_bounds
from claimgraph.schema.models import (
    CaseMeta,
    Claim,
    Entity,
    Evidence,
    Quantity,
    Source,
    Tag,
    Unclaimed,
    Verdict,
)
from claimgraph.schema.vocab import (
    EntityKind,
    KindStyle,
    LanguageExtension,
    LanguagePhrase,
    Predicate,
    PredicateStyle,
    VocabularyExtension,
)
from claimgraph.sources.anchoring import Anchor
from claimgraph.sources.documents import SourceText

from .spec import (
    AGENT,
    BOOLEAN,
    CLAIM,
    DATE,
    ENTITY,
    INT_WORDS,
    INTEGER,
    LABEL,
    NUMBER,
    PARENT,
    PARTIAL_DATE,
    SAME_ENTITY,
    SAME_SOURCE,
    SOURCE,
    STRING,
    TEXT,
    URL,
    Card,
    Concept,
    Derived,
    Entry,
    Field,
    Flat,
    Inferred,
    Node,
    Part,
    RdfList,
    Shape,
)

__all__ = [
    "ANCHOR",
    "CASE_SHAPE",
    "CLAIM_SHAPE",
    "DECLARED_KIND",
    "DECLARED_PREDICATE",
    "ENTITY_SHAPE",
    "EVIDENCE",
    "EXTERNAL_ID",
    "QUANTITY",
    "RECORDS",
    "SOURCE_SHAPE",
    "STORED_TEXT",
    "TARGET",
    "UNCLAIMED",
    "VERDICT",
    "all_shapes",
    "missing_rows",
]

ONE, SET, LIST, MAP = Card.ONE, Card.SET, Card.LIST, Card.MAP


@lru_cache(maxsize=4096)  # a case has few distinct times and each gives two values
def _days(time: str) -> tuple[str | None, str | None]:
    lo, hi = time_bounds(time)
    return (None if lo == date.min else lo.isoformat(), None if hi == date.max else hi.isoformat())


def _first_day(time: str) -> str | None:
    return _days(time)[0]


def _last_day(time: str) -> str | None:
    return _days(time)[1]


def _id() -> Field:
    return Field("id", DCTERMS.identifier, STRING, ONE, id_fallback=True)


# -- the case -------------------------------------------------------------------------------
KIND_STYLE = Shape("KindStyle", KindStyle, "a kind's style", (), (
    Field("color", CG.color, STRING, ONE),
    Field("shape", CG.shape, STRING, ONE),
))

PREDICATE_STYLE = Shape("PredicateStyle", PredicateStyle, "a predicate's style", (), (
    Field("color", CG.color, STRING, ONE),
))

DECLARED_KIND = Shape("DeclaredKind", EntityKind, "a declared entity kind",
                      (CG.EntityKind, SKOS.Concept), (
    _id(),
    Field("label", SKOS.prefLabel, TEXT, ONE),
    Field("parent", SKOS.broader, Concept("kind")),
    Field("abstract", CG.abstract, BOOLEAN),
    Field("description", SKOS.definition, TEXT),
    Field("rdf_types", None, STRING, LIST, rdf_list=RdfList(CG.rdfTypes, "rdf-types", True),
          doc="CURIEs of the standard classes its entities also get"),
    Field("style", None, Flat(KIND_STYLE)),
))

DECLARED_PREDICATE = Shape("DeclaredPredicate", Predicate, "a declared predicate",
                           (CG.Predicate, SKOS.Concept), (
    _id(),
    Field("label", SKOS.prefLabel, TEXT, ONE),
    Field("inverse_label", CG.inverseLabel, TEXT, ONE),
    Field("description", SKOS.definition, TEXT),
    Field("subject_kinds", None, STRING, LIST,
          rdf_list=RdfList(CG.subjectKinds, "subject-kinds", True)),
    Field("object_kinds", None, STRING, LIST,
          rdf_list=RdfList(CG.objectKinds, "object-kinds", True)),
    Field("symmetric", CG.symmetric, BOOLEAN),
    Field("style", None, Flat(PREDICATE_STYLE)),
    Field("denied_label", CG.deniedLabel, TEXT),
    Field("stance", CG.stance, STRING),
))

DECLARED_PHRASE = Shape("LanguagePhrase", LanguagePhrase, "a declared language phrase",
                        (CG.LanguagePhrase,), (
    Field("phrase", CG.phrase, TEXT, ONE),
    Field("implies", CG.impliesLikelihood, Concept("likelihood")),
    Field("role", CG.phraseRole, STRING),
    Field("inflect", CG.inflect, STRING),
    Field("capacity", CG.capacityPhrase, BOOLEAN),
    Field("forms", None, STRING, LIST, rdf_list=RdfList(CG.phraseForms, "forms"),
          doc="further surface forms of the phrase"),
))

LANGUAGE = Shape("LanguageExtension", LanguageExtension, "the case's language phrases", (), (
    Field("hedges", CG.declaresHedge, Node(DECLARED_PHRASE, "hedge"), LIST),
    Field("vague_attributions", CG.declaresVagueAttribution, Node(DECLARED_PHRASE, "vague"),
          LIST),
))

VOCABULARY = Shape("Vocabulary", VocabularyExtension, "the case's vocabulary", (), (
    Field("entity_kinds", CG.declaresKind, Node(DECLARED_KIND, scheme="kind"), LIST),
    Field("predicates", CG.declaresPredicate, Node(DECLARED_PREDICATE, scheme="predicate"), LIST),
    Field("language", None, Flat(LANGUAGE)),
))

UNCLAIMED = Shape("UnclaimedPassage", Unclaimed, "an unclaimed passage", (CG.UnclaimedPassage,), (
    Field("source", PROV.wasQuotedFrom, SOURCE, ONE),
    Field("text", SCHEMA.text, TEXT, ONE),
    Field("reason", CG.reason, TEXT, ONE),
))

TAG = Shape("Tag", Tag, "a declared tag", (CG.Tag,), (
    _id(),
    Field("label", SKOS.prefLabel, TEXT, ONE),
    Field("description", SKOS.definition, TEXT),
))

CASE_SHAPE = Shape("Case", CaseMeta, "a case", (CG.Case,), (
    _id(),
    Field("title", DCTERMS.title, TEXT, ONE),
    Field("description", DCTERMS.description, TEXT),
    Field("curators", DCTERMS.contributor, TEXT, LIST,
          rdf_list=RdfList(CG.curatorList, "curators")),
    Field("license", DCTERMS.license, STRING),
    Field("language", DCTERMS.language, STRING),
    Field("vocabulary", None, Flat(VOCABULARY)),
    Field("tags", CG.declaresTag, Node(TAG, "tags"), LIST),
    Field("unclaimed", CG.unclaimed, Node(UNCLAIMED, "unclaimed"), LIST),
), record="case")

# -- entities -------------------------------------------------------------------------------
EXTERNAL_ID = Shape("ExternalId", Entry, "an external identifier", (SCHEMA.PropertyValue,), (
    Field("key", SCHEMA.propertyID, STRING, ONE, doc="the scheme: wikidata, hs ..."),
    Field("value", SCHEMA.value, TEXT, ONE, doc="the identifier in that scheme"),
))

ENTITY_SHAPE = Shape("Entity", Entity, "an entity", (CG.Entity,), (
    _id(),
    Field("name", SCHEMA.name, TEXT, ONE),
    Field("kind", CG.kind, Concept("kind"), ONE, types=True),
    Field("aliases", SKOS.altLabel, LABEL, SET),
    Field("description", DCTERMS.description, TEXT),
    Field("part_of", DCTERMS.isPartOf, ENTITY, SET),
    Field("country", CG.country, ENTITY),
    Field("ids", SCHEMA.identifier, Node(EXTERNAL_ID, "ids"), MAP),
    Field("same_as", OWL.sameAs, SAME_ENTITY, SET),
    Field("broader", SKOS.broader, ENTITY, SET),
    Field("overlaps", SKOS.relatedMatch, ENTITY, SET),
    Field("note", SKOS.note, TEXT),
), record="entity")

# -- sources --------------------------------------------------------------------------------
STORED_TEXT = Shape("StoredText", SourceText, "a stored text", (), (
    Field("text", SCHEMA.text, TEXT, ONE, doc="the captured text itself"),
    Field("sha256", CG.sha256, STRING, ONE, doc="hex SHA-256 of the text file's bytes"),
    Field("media_type", SCHEMA.encodingFormat, STRING, ONE),
    Field("page_starts", CG.pageStarts, INT_WORDS,
          doc="character offsets where each page of a paged text starts"),
))

SOURCE_SHAPE = Shape("Source", Source, "a source", (CG.Source,), (
    _id(),
    Field("title", SCHEMA.name, TEXT, ONE),
    Field("kind", CG.sourceKind, Concept("source-kind"), ONE, types=True),
    Field("publisher", SCHEMA.publisher, TEXT),
    Field("authors", SCHEMA.author, TEXT, LIST, rdf_list=RdfList(CG.authorList, "authors")),
    Field("published", SCHEMA.datePublished, PARTIAL_DATE),
    Field("accessed", CG.dateAccessed, PARTIAL_DATE),
    Field("url", SCHEMA.url, URL),
    Field("language", DCTERMS.language, STRING),
    Field("reliability", CG.reliability, Concept("reliability")),
    Field("text", CG.textPath, STRING),
    Field("sha256", CG.recordedSha256, STRING),
    Field("cites", CITO.cites, SOURCE, SET),
    Field("quote_only", CG.quoteOnly, BOOLEAN),
    Field("same_as", OWL.sameAs, SAME_SOURCE, SET),
    Field("description", DCTERMS.description, TEXT),
    Field("note", SKOS.note, TEXT),
    Field("stored_text", None, Flat(STORED_TEXT), attached="texts",
          doc="the captured text, when the build was given it (ValidationResult.texts)"),
), record="source")

# -- claims ---------------------------------------------------------------------------------
QUANTITY = Shape("Quantity", Quantity, "a quantity", (SCHEMA.QuantitativeValue,), (
    Field("value", SCHEMA.value, NUMBER, ONE),
    Field("unit", SCHEMA.unitText, STRING, ONE),
    Field("approx", CG.approximate, BOOLEAN),
    Field("bound", CG.bound, STRING),
    Field("capacity", CG.capacity, BOOLEAN),
))

WRITTEN_RATING = Shape("Rating", Verdict, "the rating as the reviewer wrote it",
                       (SCHEMA.Rating,), (
    Field("original_rating", SCHEMA.alternateName, TEXT, ONE),
))

VERDICT = Shape("ClaimReview", Verdict, "a verdict", (SCHEMA.ClaimReview,), (
    Field("claim", SCHEMA.itemReviewed, CLAIM, ONE, link=PARENT, doc="the claim reviewed"),
    Field("rating", CG.rating, Concept("rating"), ONE),
    Field("rationale", SCHEMA.reviewBody, TEXT),
    Field("reviewed_by", SCHEMA.author, TEXT),
    Field("date", SCHEMA.datePublished, PARTIAL_DATE),
    Field("publisher", SCHEMA.publisher, TEXT),
    Field("url", SCHEMA.url, URL),
    Field("review_rating", SCHEMA.reviewRating, Part(WRITTEN_RATING, "rating"),
          doc="the rating as written, when `rating` is its normalised id"),
))

TEXT_QUOTE = Shape("TextQuoteSelector", Anchor, "a TextQuoteSelector", (OA.TextQuoteSelector,), (
    Field("exact", OA.exact, TEXT, ONE, doc="the passage as it stands in the stored text"),
    Field("prefix", OA.prefix, TEXT, doc="text before the passage"),
    Field("suffix", OA.suffix, TEXT, doc="text after the passage"),
))

TEXT_POSITION = Shape("TextPositionSelector", Anchor, "a TextPositionSelector",
                      (OA.TextPositionSelector,), (
    Field("start", OA.start, INTEGER, ONE, doc="first character (code points, inclusive)"),
    Field("end", OA.end, INTEGER, ONE, doc="end character (code points, exclusive)"),
))

TARGET = Shape("Target", Anchor, "an anchor (oa:SpecificResource)", (OA.SpecificResource,), (
    Field("source", OA.hasSource, SOURCE, ONE, link="source", doc="the evidence's source"),
    Field("quote", OA.hasSelector, Part(TEXT_QUOTE, "quote"), ONE),
    Field("position", OA.hasSelector, Part(TEXT_POSITION, "position"), ONE),
))

ANCHOR = Shape("Anchor", Anchor, "an anchor", (), (
    Field("status", CG.anchorStatus, STRING, ONE,
          doc="how the quote was found in the stored text"),
    Field("target", OA.hasTarget, Part(TARGET, "target"),
          doc="the quoted passage, when the quote was placed"),
), unmapped={"occurrences": "where an ambiguous quote also occurs: validation output only",
             "closest": "the nearest passage of a quote not found: validation output only"})

EVIDENCE = Shape("Evidence", Evidence, "evidence", (CG.Evidence,), (
    Field("source", PROV.wasQuotedFrom, SOURCE, ONE),
    Field("quote", CG.quote, TEXT, ONE),
    Field("relation", CG.relation, STRING, ONE),
    Field("page", CG.page, INTEGER),
    Field("occurrence", CG.occurrence, INTEGER),
    Field("attributed_to", CG.attributedTo, AGENT),
    Field("relays", CG.relays, SOURCE),
    Field("prefix", CG.selectorPrefix, TEXT),
    Field("suffix", CG.selectorSuffix, TEXT),
    Field("start", CG.selectorStart, INTEGER),
    Field("end", CG.selectorEnd, INTEGER),
    Field("note", SKOS.note, TEXT),
    Field("anchor", None, Flat(ANCHOR), attached="anchors",
          doc="where the quote sits in the stored text (ValidationResult.anchors)"),
))

CLAIM_SHAPE = Shape("Claim", Claim, "a claim", (CG.Claim, SCHEMA.Claim), (
    _id(),
    Field("text", SCHEMA.text, TEXT, ONE),
    Field("subject", CG.subject, ENTITY, ONE),
    Field("predicate", CG.predicate, Concept("predicate"), ONE),
    Field("object", CG.object, ENTITY, ONE),
    Field("item", CG.item, ENTITY),
    Field("quantity", CG.quantity, Node(QUANTITY, "quantity")),
    Field("time", CG.time, STRING, derived=(
        Derived(CG.timeStart, DATE, _first_day, "first day covered (absent for an open start)"),
        Derived(CG.timeEnd, DATE, _last_day, "last day covered (absent for an open end)"))),
    Field("place", CG.place, ENTITY),
    Field("via", CG.via, ENTITY, SET),
    Field("polarity", CG.polarity, STRING, ONE),
    Field("claimant", PROV.wasAttributedTo, AGENT, inferred=Inferred(
        Claim.effective_claimant, CG.claimantInferred,
        "when not written: whom the first evidence attributes its words to, else its source")),
    Field("confidence", CG.confidence, Concept("likelihood")),
    Field("motives", CG.motive, ENTITY, SET),
    Field("supports", CG.supportsClaim, CLAIM, SET),
    Field("contradicts", CG.contradictsClaim, CLAIM, SET),
    Field("challenges", CG.challengesClaim, CLAIM, SET),
    Field("verdict", CG.verdict, Node(VERDICT, "verdict")),
    Field("first_appearance", SCHEMA.firstAppearance, SOURCE),
    Field("evidence", CG.evidence, Node(EVIDENCE, "evidence"), LIST),
    Field("tags", CG.tag, STRING, SET),
    Field("note", SKOS.note, TEXT),
), record="claim")

RECORDS: tuple[Shape, ...] = (CASE_SHAPE, ENTITY_SHAPE, SOURCE_SHAPE, CLAIM_SHAPE)
"""The top-level shapes, in the order a case is written."""


def all_shapes(roots: tuple[Shape, ...] = RECORDS) -> list[Shape]:
    """Every shape reachable from ``roots`` (nested, part and flat ones too), each once, in
    the order they are first met."""
    out: list[Shape] = []

    def visit(shape: Shape) -> None:
        if shape in out:
            return
        out.append(shape)
        for f in shape.fields:
            if isinstance(f.value, Node | Part | Flat):
                visit(f.value.shape)

    for root in roots:
        visit(root)
    return out


def _attributes(model: type) -> set[str]:
    """The attributes of a pydantic model, a dataclass or a NamedTuple."""
    fields = getattr(model, "model_fields", None)
    if fields is not None:
        return set(fields)
    if is_dataclass(model):
        return {f.name for f in dataclass_fields(model)}
    return set(getattr(model, "_fields", ()))


def _written(shape: Shape) -> set[str]:
    """Attributes a shape writes: its rows, and the rows of its parts (the same object)."""
    out = {f.name for f in shape.fields if f.link is None and f.attached is None}
    for f in shape.fields:
        if isinstance(f.value, Part):
            out |= _written(f.value.shape)
    return out


def missing_rows(shapes: list[Shape] | None = None) -> list[str]:
    """One message per model attribute that has no row and is not listed as ``unmapped``
    (``[]`` when the table covers its models)."""
    shapes = all_shapes() if shapes is None else shapes
    covered: dict[type, set[str]] = {}
    first: dict[type, Shape] = {}
    for shape in shapes:
        covered.setdefault(shape.model, set()).update(_written(shape), shape.unmapped)
        first.setdefault(shape.model, shape)
    out = []
    for model, names in covered.items():
        for name in sorted(_attributes(model) - names):
            out.append(f"{model.__name__}.{name} has no row in graph/mapping/table.py: add "
                       f"Field({name!r}, <predicate>, <kind>, <card>) to {first[model].name} "
                       "(or list it in its unmapped=), then run "
                       "`python -m claimgraph.graph.mapping`")
    return out
