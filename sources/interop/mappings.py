"""The interop mappings, as data: ``schema/vocab/claimreview.yaml``, the rating words of
``ratings.yaml`` and ``schema/vocab/ftm.yaml``, loaded once and cross-checked against the
vocabularies (every kind, rating and predicate they name must exist).

Examples
--------
>>> normalise_rating("Pants on Fire!")
'false'
>>> normalise_rating("Four stars", value=4, best=5, worst=1)
'mostly_true'
>>> normalise_rating("Totally invented scale") is None
True
>>> claimreview_mapping().author_kinds["Person"]
'person'
"""

from __future__ import annotations

import re
from functools import cache

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimgraph.errors import VocabularyError
from claimgraph.schema.vocab import Vocabulary, load_vocabulary, vocab_text

__all__ = [
    "ClaimReviewMapping",
    "FtmMapping",
    "LinkRoles",
    "claimreview_mapping",
    "ftm_mapping",
    "normalise_rating",
    "rating_words",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UnknownClaimant(_Strict):
    id: str
    name: str
    kind: str


class ClaimReviewMapping(_Strict):
    """``schema/vocab/claimreview.yaml``."""

    version: int
    author_types: tuple[str, ...]
    default_author_type: str
    author_kinds: dict[str, str]
    default_author_kind: str
    source_kinds: dict[str, str]
    default_source_kind: str
    default_predicate: str
    topic_kind: str
    unknown_claimant: UnknownClaimant


class LinkRoles(_Strict):
    """The FtM properties a link's subject and object go to (``from_name``: a name)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: str | None = Field(None, alias="from")
    from_name: str | None = None
    to: str
    to_schemata: tuple[str, ...] | None = None
    label: str


class FtmMapping(_Strict):
    """``schema/vocab/ftm.yaml``."""

    version: int
    entity_schemata: dict[str, str]
    source_schemata: dict[str, str]
    default_source_schema: str
    predicate_schemata: dict[str, str]
    default_link_schema: str
    link_roles: dict[str, LinkRoles]
    import_kinds: dict[str, str]
    topic_kinds: dict[str, str]
    default_import_kind: str
    identifier_properties: dict[str, str]


def _load(name: str, model: type[_Strict]) -> _Strict:
    try:
        return model.model_validate(yaml.safe_load(vocab_text(name)))
    except ValidationError as exc:
        raise VocabularyError(f"schema/vocab/{name}: {exc}") from exc


def _check(name: str, vocab: Vocabulary, kinds: list[str], source_kinds: list[str],
           predicates: list[str]) -> None:
    bad = [f"entity kind {k!r}" for k in kinds if k not in vocab.entity_kinds]
    bad += [f"source kind {k!r}" for k in source_kinds if k not in vocab.source_kinds]
    bad += [f"predicate {p!r}" for p in predicates if p not in vocab.predicates]
    if bad:
        raise VocabularyError(f"schema/vocab/{name} names unknown terms: {', '.join(bad)}")


@cache
def claimreview_mapping() -> ClaimReviewMapping:
    """The ClaimReview mapping, checked against the bundled vocabulary."""
    m = _load("claimreview.yaml", ClaimReviewMapping)
    assert isinstance(m, ClaimReviewMapping)
    _check("claimreview.yaml", load_vocabulary(),
           [*m.author_kinds.values(), m.default_author_kind, m.topic_kind,
            m.unknown_claimant.kind],
           [*m.source_kinds.values(), m.default_source_kind], [m.default_predicate])
    return m


@cache
def ftm_mapping() -> FtmMapping:
    """The FollowTheMoney mapping, checked against the bundled vocabulary."""
    m = _load("ftm.yaml", FtmMapping)
    assert isinstance(m, FtmMapping)
    vocab = load_vocabulary()
    _check("ftm.yaml", vocab,
           [*m.entity_schemata, *m.import_kinds.values(), *m.topic_kinds.values(),
            m.default_import_kind], list(m.source_schemata),
           list(m.predicate_schemata))
    missing = {*m.predicate_schemata.values(), m.default_link_schema} - set(m.link_roles)
    if missing:
        raise VocabularyError(f"schema/vocab/ftm.yaml: no link_roles for {sorted(missing)}")
    return m


_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def _key(text: str) -> str:
    return _PUNCT.sub("", " ".join(text.lower().split()))


@cache
def rating_words() -> dict[str, str]:
    """Lower-case rating words -> rating ids (``ratings.yaml`` ``words:``)."""
    data = yaml.safe_load(vocab_text("ratings.yaml")) or {}
    ratings = load_vocabulary().ratings
    words = {_key(str(k)): str(v) for k, v in (data.get("words") or {}).items()}
    bad = sorted({v for v in words.values() if v not in ratings})
    if bad:
        raise VocabularyError(f"schema/vocab/ratings.yaml: words map to unknown ratings: {bad}")
    return words


def normalise_rating(text: str | None, *, value: float | None = None, best: float | None = None,
                     worst: float | None = None) -> str | None:
    """The rating id for a published rating, from its words, else from its number scaled
    to the 1-5 scale of ``ratings.yaml``; None when neither says."""
    if text:
        hit = rating_words().get(_key(text))
        if hit is not None:
            return hit
    if value is None:
        return None
    hi = 5.0 if best is None else best
    lo = 1.0 if worst is None else worst
    if hi == lo or not (min(lo, hi) <= value <= max(lo, hi)):
        return None
    scaled = round(1 + 4 * (value - lo) / (hi - lo))
    return next((r.id for r in load_vocabulary().ratings.values() if r.value == scaled), None)
