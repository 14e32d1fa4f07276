"""Controlled vocabularies, loaded from the YAML data files in ``schema/vocab/``.

Code never hard-codes a list a researcher may want to extend: entity kinds, predicates,
source kinds, reliability grades, likelihood terms, hedges and ratings all live in data
files, are validated when loaded and cross-checked (a predicate naming an unknown kind is
an error). A case extends the predicates, kinds and language-lint phrases in its
``case.yaml``.

Examples
--------
>>> v = load_vocabulary()
>>> v.predicates["supplies"].label
'supplies'
>>> sorted(v.expand_kinds(["organization"]))[:3]
['company', 'government_body', 'international_organization']
>>> v.kind_allowed("state", v.predicates["supplies"].subject_kinds)
True
>>> v.kind_allowed("motive", v.predicates["supplies"].subject_kinds)
False
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimgraph.errors import VocabularyError

from .patterns import COLOR, GRADE, NAME

__all__ = [
    "VOCAB_FILES",
    "EntityKind",
    "KindStyle",
    "LanguageExtension",
    "LanguagePhrase",
    "LikelihoodTerm",
    "Predicate",
    "PredicateStyle",
    "Rating",
    "ReliabilityGrade",
    "SourceKind",
    "Vocabulary",
    "VocabularyExtension",
    "load_vocabulary",
    "vocab_text",
]

VOCAB_FILES = (
    "entity_kinds.yaml",
    "predicates.yaml",
    "source_kinds.yaml",
    "reliability.yaml",
    "likelihood.yaml",
    "language.yaml",
    "ratings.yaml",
)

_ID = NAME.regex


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KindStyle(_Strict):
    color: str = Field(pattern=COLOR.regex)
    shape: str = "dot"


class EntityKind(_Strict):
    """A kind of entity (``state``, ``commodity``, ...)."""

    id: str = Field(pattern=_ID)
    label: str
    parent: str | None = None
    abstract: bool = False
    description: str | None = None
    rdf_types: tuple[str, ...] = ()
    style: KindStyle = KindStyle(color="#bab0ac")


class PredicateStyle(_Strict):
    color: str = Field(pattern=COLOR.regex)


class Predicate(_Strict):
    """A claim predicate with its labels, allowed kinds and view style."""

    id: str = Field(pattern=_ID)
    label: str
    inverse_label: str
    description: str | None = None
    subject_kinds: tuple[str, ...] = ("any",)
    object_kinds: tuple[str, ...] = ("any",)
    symmetric: bool = False
    style: PredicateStyle = PredicateStyle(color="#9c9c9c")
    denied_label: str | None = Field(
        None, description="how a denial reads in lists, from the subject's side (\"denies "
        "supplying\"); without one: \"denies that it <label>\"")
    stance: Literal["for", "against"] | None = Field(
        None, description="for: the subject is for the object (supports, supplies, pursues); "
        "against: it is against it (opposes, sanctions); read by the motives view and compare")

    def phrase(self, polarity: str = "affirmed") -> str:
        """How a claim with this predicate reads in a list: its label, or its denied label
        for a denial (never the bare label: a denial must read as one).

        >>> p = Predicate(id="supplies", label="supplies", inverse_label="is supplied by",
        ...               denied_label="denies supplying")
        >>> p.phrase(), p.phrase("denied")
        ('supplies', 'denies supplying')
        >>> Predicate(id="x", label="is used in", inverse_label="uses").phrase("denied")
        'denies that it is used in'
        """
        if polarity != "denied":
            return self.label
        return self.denied_label or f"denies that it {self.label}"


class SourceKind(_Strict):
    id: str = Field(pattern=_ID)
    label: str
    primary: bool = False
    description: str | None = None
    rdf_types: tuple[str, ...] = ()


class ReliabilityGrade(_Strict):
    id: str = Field(pattern=GRADE.regex)
    label: str
    description: str
    weak: bool = False


class LikelihoodTerm(_Strict):
    id: str = Field(pattern=_ID)
    label: str
    alt_label: str
    range: tuple[int, int]


class LanguagePhrase(_Strict):
    """A hedge or vague attribution of the language lint (``language.yaml``)."""

    phrase: str = Field(min_length=1, description="the headword, as findings name it")
    implies: str | None = Field(
        None, description="ICD 203 likelihood term id a hedge implies (likelihood.yaml)")
    role: Literal["modal", "adjective", "noun", "conditional"] | None = Field(
        None, description="which scope rule of language.yaml decides whether a hit hedges "
                          "the claim (none: every hit counts)")
    inflect: Literal["verb"] | None = Field(
        None, description="verb: the first word also matches its regular verb forms")
    forms: tuple[str, ...] = Field(
        (), description="further surface forms, written out (irregular ones)")
    capacity: bool = Field(
        False, description="a capacity phrase ('enough to'): on a claim whose quantity is a "
                           "`capacity`, the qualifier records it and no confidence is needed")

    def key(self) -> str:
        """The phrase lower-cased with single spaces (how phrases are compared)."""
        return " ".join(self.phrase.lower().split())


class LanguageExtension(_Strict):
    """Hedges and vague attributions a case adds (``vocabulary: language:``)."""

    hedges: tuple[LanguagePhrase, ...] = ()
    vague_attributions: tuple[LanguagePhrase, ...] = ()


class Rating(_Strict):
    """A verdict rating; ``excluded_from_analytics`` ratings (false, misleading …) keep a
    claim out of the network analytics unless asked for, and out of ``why`` paths always."""

    id: str
    label: str
    value: int | None
    excluded_from_analytics: bool = False


class VocabularyExtension(_Strict):
    """What a case may add in ``case.yaml`` under ``vocabulary:``."""

    entity_kinds: tuple[EntityKind, ...] = ()
    predicates: tuple[Predicate, ...] = ()
    language: LanguageExtension = LanguageExtension()


class Vocabulary:
    """All vocabularies, indexed by id, with kind hierarchy helpers."""

    def __init__(
        self,
        entity_kinds: dict[str, EntityKind],
        predicates: dict[str, Predicate],
        source_kinds: dict[str, SourceKind],
        reliability: dict[str, ReliabilityGrade],
        likelihood: dict[str, LikelihoodTerm],
        hedges: tuple[LanguagePhrase, ...],
        vague_attributions: tuple[LanguagePhrase, ...],
        ratings: dict[str, Rating],
    ) -> None:
        self.entity_kinds = entity_kinds
        self.predicates = predicates
        self.source_kinds = source_kinds
        self.reliability = reliability
        self.likelihood = likelihood
        self.hedges = hedges
        self.vague_attributions = vague_attributions
        self.ratings = ratings
        self._descendants: dict[str, frozenset[str]] = {}
        self._check()

    # -- consistency ---------------------------------------------------------------
    def _check(self) -> None:
        problems: list[str] = []
        for kind in self.entity_kinds.values():
            if kind.parent and kind.parent not in self.entity_kinds:
                problems.append(f"entity kind {kind.id!r}: unknown parent {kind.parent!r}")
        for kind in self.entity_kinds.values():  # parent cycles
            seen = {kind.id}
            cur = kind.parent
            while cur and cur in self.entity_kinds:
                if cur in seen:
                    problems.append(f"entity kind {kind.id!r}: parent chain loops at {cur!r}")
                    break
                seen.add(cur)
                cur = self.entity_kinds[cur].parent
        known = set(self.entity_kinds) | {"any"}
        for pred in self.predicates.values():
            for role, kinds in (("subject", pred.subject_kinds), ("object", pred.object_kinds)):
                for k in kinds:
                    if k not in known:
                        problems.append(f"predicate {pred.id!r}: unknown {role} kind {k!r}")
        for phrase in self.hedges:
            if phrase.implies and phrase.implies not in self.likelihood:
                problems.append(
                    f"hedge {phrase.phrase!r}: unknown likelihood term {phrase.implies!r}"
                )
        if problems:
            raise VocabularyError(
                "; ".join(problems), hint="fix the vocabulary file or the case's `vocabulary:`"
            )

    # -- kind hierarchy ------------------------------------------------------------
    def descendants(self, kind: str) -> frozenset[str]:
        """The kind itself and every kind below it."""
        if kind not in self._descendants:
            out = {kind}
            changed = True
            while changed:
                changed = False
                for k in self.entity_kinds.values():
                    if k.parent in out and k.id not in out:
                        out.add(k.id)
                        changed = True
            self._descendants[kind] = frozenset(out)
        return self._descendants[kind]

    def expand_kinds(self, kinds: tuple[str, ...] | list[str]) -> frozenset[str]:
        """All concrete and abstract kinds allowed by a list (``any`` allows all)."""
        if "any" in kinds:
            return frozenset(self.entity_kinds)
        out: set[str] = set()
        for k in kinds:
            out |= self.descendants(k)
        return frozenset(out)

    def kind_allowed(self, kind: str, allowed: tuple[str, ...] | list[str]) -> bool:
        return kind in self.expand_kinds(allowed)

    def concrete_kinds(self) -> list[str]:
        return sorted(k.id for k in self.entity_kinds.values() if not k.abstract)

    def kind_group(self, kind: str) -> str:
        """The top-level ancestor of a kind (``actor`` or ``thing`` in the bundled data)."""
        cur = self.entity_kinds[kind]
        while cur.parent:
            cur = self.entity_kinds[cur.parent]
        return cur.id

    def is_actor(self, kind: str) -> bool:
        return kind in self.descendants("actor") if "actor" in self.entity_kinds else False

    def predicate_phrase(self, predicate: str, polarity: str = "affirmed") -> str:
        """:meth:`Predicate.phrase` by id; an unknown id reads as its words.

        >>> v = load_vocabulary()
        >>> v.predicate_phrase("supplies", "denied"), v.predicate_phrase("made_up", "denied")
        ('denies supplying', 'denies that it made up')
        """
        p = self.predicates.get(predicate)
        if p is None:
            p = Predicate(id=predicate, label=predicate.replace("_", " "),
                          inverse_label=predicate.replace("_", " "))
        return p.phrase(polarity)

    def likelihood_term(self, text: str) -> LikelihoodTerm | None:
        """Find a likelihood term by id or by either of its labels."""
        key = text.strip().lower().replace(" ", "_")
        for term in self.likelihood.values():
            if key in (term.id, term.label.replace(" ", "_"), term.alt_label.replace(" ", "_")):
                return term
        return None

    # -- extension -----------------------------------------------------------------
    def extend(self, ext: VocabularyExtension) -> Vocabulary:
        """A new vocabulary with a case's kinds, predicates and phrases added (all new)."""
        lang = ext.language
        if not (ext.entity_kinds or ext.predicates or lang.hedges or lang.vague_attributions):
            return self
        clashes = [k.id for k in ext.entity_kinds if k.id in self.entity_kinds]
        clashes += [p.id for p in ext.predicates if p.id in self.predicates]
        known = {p.key() for p in (*self.hedges, *self.vague_attributions)}
        added = [p.key() for p in (*lang.hedges, *lang.vague_attributions)]
        clashes += sorted({f"the phrase {k!r}" for k in added
                           if k in known or added.count(k) > 1})
        if clashes:
            raise VocabularyError(
                f"the case redefines {', '.join(sorted(clashes))}",
                hint="a case may add kinds, predicates and phrases, not change the built-in "
                     "ones (nor list one twice)",
            )
        kinds = dict(self.entity_kinds)
        kinds.update({k.id: k for k in ext.entity_kinds})
        preds = dict(self.predicates)
        preds.update({p.id: p for p in ext.predicates})
        return Vocabulary(
            kinds, preds, self.source_kinds, self.reliability, self.likelihood,
            self.hedges + lang.hedges, self.vague_attributions + lang.vague_attributions,
            self.ratings,
        )


def vocab_text(name: str) -> str:
    """The text of one bundled vocabulary file."""
    return resources.files("claimgraph.schema").joinpath("vocab", name).read_text("utf-8")


def _parse(name: str, key: str, model: type[BaseModel]) -> list[Any]:
    data = yaml.safe_load(vocab_text(name))
    out = []
    for i, item in enumerate(data.get(key) or []):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            raise VocabularyError(f"schema/vocab/{name}: {key}[{i}]: {exc}") from exc
    return out


@cache
def load_vocabulary() -> Vocabulary:
    """The bundled vocabulary (cached: it is immutable)."""
    lang = yaml.safe_load(vocab_text("language.yaml"))
    return Vocabulary(
        entity_kinds={k.id: k for k in _parse("entity_kinds.yaml", "kinds", EntityKind)},
        predicates={p.id: p for p in _parse("predicates.yaml", "predicates", Predicate)},
        source_kinds={k.id: k for k in _parse("source_kinds.yaml", "kinds", SourceKind)},
        reliability={g.id: g for g in _parse("reliability.yaml", "grades", ReliabilityGrade)},
        likelihood={t.id: t for t in _parse("likelihood.yaml", "terms", LikelihoodTerm)},
        hedges=tuple(LanguagePhrase.model_validate(h) for h in lang.get("hedges") or []),
        vague_attributions=tuple(
            LanguagePhrase.model_validate(h) for h in lang.get("vague_attributions") or []
        ),
        ratings={r.id: r for r in _parse("ratings.yaml", "ratings", Rating)},
    )
