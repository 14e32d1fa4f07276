"""The case data model: entities, sources, claims and evidence (pydantic v2, strict).

Unknown fields are errors (typos are caught), values are not coerced except where a human
writes them naturally otherwise (an unquoted year ``time: 2023`` is read as ``"2023"``).
Set-like lists (aliases, cites, via, motives, ...) are kept sorted and without duplicates,
so a case has one canonical form; ordered lists (evidence, authors, curators) keep their
order. Cross-references (ids that must exist, kinds a predicate allows) are checked by
:mod:`claimgraph.schema.validate`, which knows where each value was written.

What a failed value gets as a hint is decided by types, never by reading messages: the
validators raise pydantic errors of their own types (``interval_order``, ``date_range``,
``language_tag`` …), and each constrained string type is one of
:mod:`claimgraph.schema.patterns`, which names what it expects and how to write it.

Examples
--------
>>> c = Claim.model_validate({
...     "id": "nc-2023", "text": "China exported about 1,300 t of nitrocellulose in 2023.",
...     "subject": "china", "predicate": "supplies", "object": "russia",
...     "item": "nitrocellulose", "quantity": {"value": 1300, "unit": "t", "approx": True},
...     "time": 2023,
...     "evidence": [{"source": "article", "quote": "exports more than doubled"}]})
>>> c.time, c.polarity, c.evidence[0].relation
('2023', 'affirmed', 'supports')
>>> c.effective_claimant()
'article'
>>> Entity.model_validate({"id": "x", "name": "X", "kind": "state", "colour": "red"})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Entity
colour
  Extra inputs are not permitted [type=extra_forbidden, input_value='red', input_type=str]
    ...
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from . import patterns as pt
from .dates import DateError, check_partial_date, check_time
from .vocab import VocabularyExtension

__all__ = [
    "ID_PATTERN",
    "MAX_SELECTOR_CONTEXT",
    "RECORD_TYPES",
    "Case",
    "CaseMeta",
    "Claim",
    "Entity",
    "Evidence",
    "Id",
    "Label",
    "PartialDate",
    "Quantity",
    "Source",
    "Tag",
    "TimeValue",
    "Unclaimed",
    "Verdict",
    "bcp47_case",
]

ID_PATTERN = pt.ID.regex
MAX_SELECTOR_CONTEXT = 200
"""Longest prefix or suffix a case may record (the W3C selectors want a few words)."""


T = TypeVar("T")


def _typed_errors(check: Callable[[T], T], error_type: str | None = None) -> Callable[[T], T]:
    """``check`` as a validator whose failures carry an error type of their own: a
    :class:`~claimgraph.schema.dates.DateError`'s kind, or ``error_type``."""

    def run(value: T) -> T:
        try:
            return check(value)
        except DateError as exc:
            raise PydanticCustomError(exc.kind, "{reason}", {"reason": str(exc)}) from None
        except ValueError as exc:
            if error_type is None:
                raise
            raise PydanticCustomError(error_type, "{reason}", {"reason": str(exc)}) from None

    return run


def _year_to_str(value: Any) -> Any:
    # YAML reads an unquoted 2023 as an int; a year is what the writer meant.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Id = Annotated[str, Field(pattern=pt.ID.regex, min_length=1, max_length=200)]
SameAsRef = Annotated[str, Field(pattern=pt.SAME_AS.regex, min_length=1, max_length=301)]
"""An id of this case, or ``CASE:ID``: record ``ID`` of the case ``CASE`` (cross-case)."""
PartialDate = Annotated[
    str,
    BeforeValidator(_year_to_str),
    Field(pattern=pt.DATE.regex, description="YYYY, YYYY-MM or YYYY-MM-DD"),
]
TimeValue = Annotated[
    str,
    BeforeValidator(_year_to_str),
    Field(
        pattern=pt.TIME.regex,
        description="a partial date or an ISO 8601 interval START/END ('..' = open end)",
    ),
]
NonEmpty = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, validate_default=False)


def _sorted_unique(values: list[Any]) -> list[Any]:
    return sorted(set(values))


_LANGTAG = re.compile(
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"  # language (+ extlang)
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # script, region
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"  # variants
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"  # extensions
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?|[Xx](?:-[A-Za-z0-9]{1,8})+)$"  # private use
)


def bcp47_case(tag: str) -> str:
    """A well-formed BCP 47 tag in BCP 47 case: language lower, Script title, REGION upper.

    Tags are case-insensitive and RDF stores lowercase them (and refuse ill-formed ones);
    one case keeps the model canonical. ``bcp47_case("ZH-hant-tw") == "zh-Hant-TW"``.
    """
    if not _LANGTAG.match(tag):
        raise ValueError(f"{tag!r} is not a well-formed BCP 47 language tag (e.g. en, zh-Hant)")
    parts = tag.split("-")
    out = [parts[0].lower()]
    singleton = False
    for p in parts[1:]:
        singleton = singleton or len(p) == 1
        if not singleton and len(p) == 4 and p.isalpha():
            out.append(p.title())
        elif not singleton and len(p) == 2 and p.isalpha():
            out.append(p.upper())
        else:
            out.append(p.lower())
    return "-".join(out)


class Label(_Model):
    """A name in a given language (BCP 47 tag), e.g. ``{text: 北京, lang: zh}``."""

    text: NonEmpty
    lang: Annotated[str, Field(pattern=pt.LANGUAGE.regex)]

    _lang = field_validator("lang")(_typed_errors(bcp47_case, "language_tag"))


class Entity(_Model):
    """Anything claims talk about: an actor (state, body, group, person ...) or a thing."""

    id: Id
    name: NonEmpty
    kind: Id
    aliases: list[NonEmpty | Label] = Field(
        default_factory=list, description="other names; a plain string or {text, lang}"
    )
    description: str | None = None
    part_of: list[Id] = Field(default_factory=list, description="ids of entities it belongs to")
    country: Id | None = Field(None, description="id of the state entity it belongs to")
    ids: dict[Annotated[str, Field(pattern=pt.NAME.regex)], NonEmpty] = Field(
        default_factory=dict,
        description="external identifiers: wikidata, opensanctions, hs (HS code), ...",
    )
    same_as: list[SameAsRef] = Field(
        default_factory=list,
        description="ids of entities that denote the same real-world thing: in this case "
        "(merged by analytics, exported as owl:sameAs), or in another case as CASE:ID "
        "(matched across cases); never for groups that only overlap",
    )
    broader: list[Id] = Field(
        default_factory=list,
        description="ids of broader entities (SKOS broader, transitive): this one is a kind or "
        "part of what they name, e.g. Shahed-136 -> drones; a denial about the broader one "
        "also covers this one",
    )
    overlaps: list[Id] = Field(
        default_factory=list,
        description="ids of entities that overlap this one without being the same (groups two "
        "analyses draw differently); never merged, exported as skos:relatedMatch",
    )
    note: str | None = None

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, v: list[str | Label]) -> list[str | Label]:
        seen: dict[tuple[str, str], str | Label] = {}
        for a in v:
            key = (a, "") if isinstance(a, str) else (a.text, a.lang)
            seen.setdefault(key, a)
        return [seen[k] for k in sorted(seen)]

    _sets = field_validator("part_of", "same_as", "broader", "overlaps")(_sorted_unique)


class Source(_Model):
    """A document that was read (``text:`` a file in the case) or only referred to."""

    id: Id
    title: NonEmpty
    kind: Id
    publisher: str | None = None
    authors: list[NonEmpty] = Field(default_factory=list)
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    url: Annotated[str, Field(pattern=pt.URL.regex)] | None = None
    language: Annotated[str, Field(pattern=pt.LANGUAGE.regex)] | None = None
    reliability: Annotated[str, Field(pattern=pt.GRADE.regex)] | None = Field(
        None, description="Admiralty grade A-F"
    )
    text: str | None = Field(
        None, description="path of the captured text, relative to the case folder"
    )
    sha256: Annotated[str, Field(pattern=pt.SHA256.regex)] | None = Field(
        None, description="hash of the text when its quotes were last anchored"
    )
    cites: list[Id] = Field(default_factory=list, description="ids of sources this one cites")
    quote_only: bool = Field(
        False, description="the text is not distributed with the case (copyright): the case "
        "keeps its quotes with their selectors and the sha256 of the text as read; `text:` "
        "names where a curator's own copy goes (an ignored folder such as local-texts/)")
    same_as: list[SameAsRef] = Field(
        default_factory=list,
        description="the same document or data under another id: a source of this case, or "
        "of another case as CASE:ID (customs data two cases refer to); one origin across "
        "cases")
    description: str | None = None
    note: str | None = None

    _sets = field_validator("cites", "same_as")(_sorted_unique)

    @property
    def captured(self) -> bool:
        """True when the source's text is kept with the case."""
        return self.text is not None

    _dates = field_validator("published", "accessed")(_typed_errors(check_partial_date))


class Quantity(_Model):
    """An amount with its unit; ``approx`` for "about", ``bound`` for "at least/at most"."""

    value: Annotated[int | float, Field(allow_inf_nan=False)]
    unit: NonEmpty
    approx: bool = False
    bound: Literal["min", "max"] | None = Field(
        None, description="min: 'at least / more than'; max: 'at most / less than'"
    )
    capacity: bool = Field(
        False, description="an amount that could be made, supplied or used ('enough to "
        "produce 200,000 shells'), not an amount that was")


class Verdict(_Model):
    """A human fact-checker's rating of a claim (published as schema.org ClaimReview)."""

    rating: Id
    rationale: str | None = None
    reviewed_by: str | None = Field(None, description="the person who reviewed the claim")
    date: PartialDate | None = None
    publisher: str | None = Field(
        None, description="the organisation that published the review (a name)")
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = Field(
        None, description="where the review is published")
    original_rating: NonEmpty | None = Field(
        None, description="the rating as the reviewer wrote it (e.g. 'Pants on Fire'), when "
        "`rating` is its normalised id")

    _dates = field_validator("date")(_typed_errors(check_partial_date))


class Evidence(_Model):
    """A quote from a source that supports, refutes or merely mentions a claim."""

    source: Id
    quote: NonEmpty
    relation: Literal["supports", "refutes", "mentions"] = "supports"
    page: Annotated[int, Field(ge=1)] | None = None
    occurrence: Annotated[int, Field(ge=1)] | None = Field(
        None, description="which occurrence of an ambiguous quote is meant (1 = first)"
    )
    attributed_to: Id | None = Field(
        None, description="entity or source whose words the quote reports (the speaker: a "
        "spokesperson, a ministry)")
    relays: Id | None = Field(
        None, description="source the quoting document relays for this quote (an interview, "
        "customs data), usually one nobody captured")
    prefix: str | None = Field(
        None, max_length=MAX_SELECTOR_CONTEXT, description="W3C TextQuoteSelector prefix: "
        "the text just before the quote in the source text as read")
    suffix: str | None = Field(
        None, max_length=MAX_SELECTOR_CONTEXT, description="W3C TextQuoteSelector suffix: "
        "the text just after the quote")
    start: Annotated[int, Field(ge=0)] | None = Field(
        None, description="W3C TextPositionSelector start: the quote's first character in "
        "the source text (Unicode code points, inclusive)")
    end: Annotated[int, Field(ge=0)] | None = Field(
        None, description="W3C TextPositionSelector end: the character after the quote "
        "(exclusive); end - start is the quote's length")
    note: str | None = None


class Claim(_Model):
    """A proposition made by someone: subject - predicate - object, with qualifiers."""

    id: Id
    text: NonEmpty = Field(description="the claim in plain words")
    subject: Id
    predicate: Id
    object: Id
    item: Id | None = Field(None, description="what is supplied, produced, sanctioned ...")
    quantity: Quantity | None = None
    time: TimeValue | None = None
    place: Id | None = None
    via: list[Id] = Field(default_factory=list, description="intermediaries or routes")
    polarity: Literal["affirmed", "denied"] = "affirmed"
    claimant: Id | None = Field(
        None, description="entity or source that makes the claim; default: first evidence source"
    )
    confidence: Id | None = Field(None, description="ICD 203 likelihood term")
    motives: list[Id] = Field(default_factory=list, description="motive entities: why")
    supports: list[Id] = Field(default_factory=list, description="claims this one supports")
    contradicts: list[Id] = Field(
        default_factory=list, description="claims that cannot be true if this one is (same "
        "proposition, opposite polarity or incompatible quantities); makes both contested")
    challenges: list[Id] = Field(
        default_factory=list, description="claims this one argues against or weakens without "
        "the two being incompatible; shown beside both, never makes a claim contested")
    verdict: Verdict | None = None
    first_appearance: Id | None = Field(
        None, description="id of the source where the claim first appeared (a reviewer's "
        "finding; schema:firstAppearance)")
    evidence: list[Evidence] = Field(default_factory=list)
    tags: list[Id] = Field(
        default_factory=list, description="tags grouping claims: the analysis or section of "
        "a source they come from, a theme (declared under `tags:` in case.yaml)")
    note: str | None = None

    _sets = field_validator("via", "motives", "supports", "contradicts", "challenges",
                            "tags")(_sorted_unique)
    _time = field_validator("time")(_typed_errors(check_time))

    def effective_claimant(self) -> str | None:
        """The claimant; else whom the first evidence attributes its words to; else that
        evidence's source."""
        if self.claimant:
            return self.claimant
        if not self.evidence:
            return None
        first = self.evidence[0]
        return first.attributed_to or first.source


class Unclaimed(_Model):
    """A passage of a captured source deliberately not encoded as a claim, and why."""

    source: Id
    text: NonEmpty
    reason: NonEmpty


class Tag(_Model):
    """A label claims can carry (``tags:``): an analysis, a section, a theme. Declaring it in
    ``case.yaml`` gives it a name for lists, filters and ``claimgraph compare``."""

    id: Id
    label: NonEmpty = Field(description="the name shown for it, e.g. 'Analysis 1: the three "
                            "interlocking forces'")
    description: str | None = None


class CaseMeta(_Model):
    """What ``case.yaml`` holds besides records."""

    id: Annotated[str, Field(pattern=pt.CASE_ID.regex, max_length=100)]
    title: NonEmpty
    description: str | None = None
    curators: list[NonEmpty] = Field(default_factory=list)
    license: str | None = None
    language: str | None = None
    vocabulary: VocabularyExtension = VocabularyExtension()
    tags: list[Tag] = Field(
        default_factory=list, description="the tags claims may carry, with their names "
        "(analyses, sections, themes)")
    unclaimed: list[Unclaimed] = Field(default_factory=list)


class Case(_Model):
    """A whole case: its metadata and every record, as loaded from the folder or the store."""

    meta: CaseMeta
    entities: list[Entity] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)

    def canonical(self) -> Case:
        """The same case with records sorted by id (the store keeps no file order)."""
        return self.model_copy(
            update={
                "entities": sorted(self.entities, key=lambda e: e.id),
                "sources": sorted(self.sources, key=lambda s: s.id),
                "claims": sorted(self.claims, key=lambda c: c.id),
                "meta": self.meta.model_copy(
                    update={"unclaimed": sorted(
                        self.meta.unclaimed, key=lambda u: (u.source, u.text, u.reason))}
                ),
            }
        )


RECORD_TYPES: dict[str, type[Entity] | type[Source] | type[Claim]] = {
    "entities": Entity,
    "sources": Source,
    "claims": Claim,
}
