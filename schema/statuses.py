"""Evidence statuses: the one vocabulary every output reads (``schema/vocab/evidence_status.yaml``).

A status has an id (one spelling: ``single-origin``), a label and description, a colour
(badges, the timeline chart, the terminal, the view legend and, when ``edge_color:
status``, the edges), a chart ``marker``, the edge ``dashes``, a ``rank`` (strength order:
``--min-status``) and a ``weight`` (how much one claim with it counts in the analytics).
The statuses the provenance assessment *decides* carry their rule (``when:``) and a kind:
``flag`` (a problem whatever the support: contested, unanchored) or ``support`` (a level
of support: unsourced, single-origin, corroborated). A ``note`` (uncaptured-upstream) is
decided by its rule too, but is shown *beside* the status: it never changes a claim's
status, support level or weight, so it has no rank and no weight. ``display`` statuses are
never decided: ``denied`` (how a denial is drawn) and ``unknown`` ("not assessed", also
what any status the file does not know is shown as).

The file is read once per path and cached. :data:`STATUS_VOCAB_ENV` names another copy of
it (e.g. a team's own colours): ``CLAIMGRAPH_STATUS_VOCAB=my_statuses.yaml claimgraph site``.

Examples
--------
>>> v = load_statuses()
>>> [s.id for s in v.rules]
['contested', 'unanchored', 'unsourced', 'corroborated', 'single-origin']
>>> v.strongest_first()
('corroborated', 'single-origin', 'contested', 'unanchored', 'unsourced')
>>> v.get("single-origin").label, v.get("no-such-status").id
('Single origin', 'unknown')
>>> facts = dict(supporting_evidence=2, refuting_evidence=0, contradictions=1,
...              unanchored_quotes=0, origins=2, checkable_origins=2, weak_sources=0)
>>> v.decide(facts), v.support_level(facts)
('contested', 'corroborated')
>>> v.classify({**facts, "uncaptured_upstream": 2})
('contested', 'corroborated', ('uncaptured-upstream',))
>>> v.terminal_style("corroborated")
'bold #2e7d32'
>>> [n.id for n in v.notes], v.notes_for({**facts, "uncaptured_upstream": 1})
(['uncaptured-upstream'], ('uncaptured-upstream',))
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from claimgraph.errors import VocabularyError

from .yamlsrc import load_yaml

__all__ = [
    "DENIED",
    "FACTS",
    "STATUS_FILE",
    "STATUS_VOCAB_ENV",
    "UNKNOWN",
    "Condition",
    "ContradictionRules",
    "Status",
    "StatusVocabulary",
    "When",
    "load_statuses",
]

STATUS_FILE = "evidence_status.yaml"
"""The bundled status vocabulary, in ``schema/vocab/``."""

STATUS_VOCAB_ENV = "CLAIMGRAPH_STATUS_VOCAB"
"""Environment variable: the path of another status vocabulary to use instead."""

UNKNOWN = "unknown"
"""The display status of a claim without assessment, or with a status the file lacks."""

DENIED = "denied"
"""The display status a denial (negative polarity) is drawn with, whatever its evidence."""

FACTS = ("supporting_evidence", "refuting_evidence", "contradictions", "unanchored_quotes",
         "origins", "checkable_origins", "weak_sources", "uncaptured_upstream")
"""What the provenance assessment counts per claim; the rules are conditions on these (a
fact a caller leaves out counts 0)."""

Fact = Literal["supporting_evidence", "refuting_evidence", "contradictions",
               "unanchored_quotes", "origins", "checkable_origins", "weak_sources",
               "uncaptured_upstream"]
Marker = Literal["o", "s", "X", "^", "v", "D", "d", "P", "*", "h", "p", "<", ">"]
_HEX = r"^#[0-9a-fA-F]{6}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Strict):
    """``{fact: NAME, min: N}`` / ``max`` / ``eq``: all operators given must hold."""

    fact: Fact
    min: int | None = None
    max: int | None = None
    eq: int | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> Condition:
        if self.min is None and self.max is None and self.eq is None:
            raise ValueError("a condition needs min, max or eq")
        return self

    def holds(self, facts: dict[str, int]) -> bool:
        v = facts[self.fact]
        return ((self.min is None or v >= self.min) and (self.max is None or v <= self.max)
                and (self.eq is None or v == self.eq))


class When(_Strict):
    """``{all: [...]}`` or ``{any: [...]}`` of conditions."""

    all: tuple[Condition, ...] | None = None
    any: tuple[Condition, ...] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> When:
        if (self.all is None) == (self.any is None):
            raise ValueError("`when:` takes exactly one of all: [...] or any: [...]")
        return self

    def holds(self, facts: dict[str, int]) -> bool:
        if self.all is not None:
            return all(c.holds(facts) for c in self.all)
        return any(c.holds(facts) for c in self.any or ())


class Status(_Strict):
    """One evidence status: what it means, how it looks, how much it counts, when it holds."""

    id: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    kind: Literal["flag", "support", "note", "display"]
    label: str
    description: str
    color: str = Field(pattern=_HEX)
    marker: Marker | None = None
    dashes: bool | tuple[int, ...] = False
    edge_color: Literal["predicate", "status"] = "predicate"
    rank: int | None = Field(None, ge=0)
    weight: float | None = Field(None, ge=0)
    audit: bool = False
    when: Literal["always"] | When | None = None

    @model_validator(mode="after")
    def _fields_of_kind(self) -> Status:
        if self.kind == "display":
            if self.when is not None or self.audit:
                raise ValueError("a display status is never decided: no `when:`, no `audit:`")
        elif self.kind == "note":
            if self.when is None or self.when == "always":
                raise ValueError("a note needs a `when:` rule on the facts")
            if self.rank is not None or self.weight is not None:
                raise ValueError("a note never changes a claim's strength: no `rank:`, no "
                                 "`weight:`")
        elif self.when is None or self.rank is None or self.weight is None:
            raise ValueError(f"a {self.kind} status needs `when:`, `rank:` and `weight:`")
        if self.kind != "note" and self.marker is None:
            raise ValueError(f"a {self.kind} status needs a chart `marker:`")
        return self

    @property
    def decided(self) -> bool:
        """True for the statuses the assessment decides as a claim's status (flag or
        support); a note is decided beside the status, never as it."""
        return self.kind in ("flag", "support")

    def holds(self, facts: dict[str, int]) -> bool:
        """True when this status's rule applies to a claim with these facts."""
        if self.when is None:
            return False
        return self.when == "always" or self.when.holds(facts)


class ContradictionRules(_Strict):
    """How contradictions between claims are detected (they feed the ``contradictions`` fact)."""

    polarity: bool = True
    quantity: bool = True
    quantity_time_match: Literal["overlap", "equal"] = "overlap"
    approx_tolerance: float = Field(0.1, ge=0)


class LanguageException(_Strict):
    phrase: str
    not_when: str


class _File(_Strict):
    version: int
    statuses: tuple[Status, ...]
    contradictions: ContradictionRules = ContradictionRules()
    language_exceptions: tuple[LanguageException, ...] = ()


@dataclass(frozen=True, eq=False)
class StatusVocabulary:
    """The statuses of one vocabulary file, checked and indexed (hashable by identity)."""

    file: str
    statuses: dict[str, Status]
    contradictions: ContradictionRules
    language_exceptions: tuple[LanguageException, ...] = ()

    @cached_property
    def rules(self) -> tuple[Status, ...]:
        """The decided statuses in order of precedence (file order)."""
        return tuple(s for s in self.statuses.values() if s.decided)

    @cached_property
    def notes(self) -> tuple[Status, ...]:
        """The notes shown beside a claim's status (file order)."""
        return tuple(s for s in self.statuses.values() if s.kind == "note")

    @property
    def unknown(self) -> Status:
        return self.statuses[UNKNOWN]

    def get(self, status: str | None) -> Status:
        """The status of this id, or :data:`UNKNOWN`'s for None and ids the file lacks."""
        return self.statuses.get(status or UNKNOWN) or self.statuses[UNKNOWN]

    def strongest_first(self) -> tuple[str, ...]:
        """Decided status ids by descending rank: the order of ``--min-status``."""
        return tuple(s.id for s in sorted(self.rules, key=lambda s: -(s.rank or 0)))

    @cached_property
    def display_order(self) -> tuple[Status, ...]:
        """Decided statuses strongest first, then the display ones: legends and counts
        (notes are no status a claim is drawn with)."""
        return (*(self.statuses[s] for s in self.strongest_first()),
                *(s for s in self.statuses.values() if s.kind == "display"))

    def audited(self) -> tuple[Status, ...]:
        """The statuses and notes ``claimgraph audit`` lists as weak spots, in file order."""
        return tuple(s for s in self.statuses.values() if s.audit)

    def decide(self, facts: dict[str, int]) -> str:
        """The status of a claim with these facts: the first rule that holds."""
        return _decide(self, _values(facts), False)

    def support_level(self, facts: dict[str, int]) -> str:
        """The first ``support`` status that holds, ignoring flags (contested, unanchored)."""
        return _decide(self, _values(facts), True)

    def notes_for(self, facts: dict[str, int]) -> tuple[str, ...]:
        """The ids of the notes whose rule holds for these facts (file order)."""
        return _notes(self, _values(facts))

    def classify(self, facts: dict[str, int]) -> tuple[str, str, tuple[str, ...]]:
        """``(status, support level, notes)`` of a claim with these facts, in one go."""
        values = _values(facts)
        return _decide(self, values, False), _decide(self, values, True), _notes(self, values)

    def terminal_style(self, status: str | None) -> str:
        """The rich style of a status in the terminal: bold, in its colour."""
        return f"bold {self.get(status).color}"

    def check(self) -> StatusVocabulary:
        """Raise :class:`VocabularyError` unless the file is complete and consistent."""
        where = f"{self.file}: "
        rules = self.rules
        if not rules or rules[-1].when != "always" or rules[-1].kind != "support":
            raise VocabularyError(where + "the last decided status must be a support level "
                                  "with `when: always`",
                                  hint="so that every claim gets a status and a support level")
        for required in (UNKNOWN, DENIED):
            if self.statuses.get(required, None) is None or \
                    self.statuses[required].kind != "display":
                raise VocabularyError(where + f"no display status {required!r}",
                                      hint="the views draw denials and unassessed claims with it")
        ranks = [s.rank for s in rules]
        if len(set(ranks)) != len(ranks):
            raise VocabularyError(where + "two decided statuses share a rank",
                                  hint="ranks order the statuses from weakest to strongest")
        if self.unknown.weight is None:
            raise VocabularyError(where + "the `unknown` status needs a `weight:`",
                                  hint="it is what a claim without assessment counts")
        return self


def _values(facts: dict[str, int]) -> tuple[int, ...]:
    return tuple(facts.get(f, 0) for f in FACTS)


@lru_cache(maxsize=8192)
def _notes(vocab: StatusVocabulary, values: tuple[int, ...]) -> tuple[str, ...]:
    facts = dict(zip(FACTS, values, strict=True))
    return tuple(n.id for n in vocab.notes if n.holds(facts))


@lru_cache(maxsize=8192)
def _decide(vocab: StatusVocabulary, values: tuple[int, ...], support_only: bool) -> str:
    facts = dict(zip(FACTS, values, strict=True))
    for rule in vocab.rules:
        if (not support_only or rule.kind == "support") and rule.holds(facts):
            return rule.id
    raise AssertionError("unreachable: the last rule always holds")  # pragma: no cover


@cache
def _load(path: str | None) -> StatusVocabulary:
    if path is None:
        name = f"schema/vocab/{STATUS_FILE}"
        text = resources.files("claimgraph.schema").joinpath("vocab", STATUS_FILE).read_text(
            "utf-8")
    else:
        name = path
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise VocabularyError(f"cannot read the status vocabulary {path}: {exc.strerror}",
                                  hint=f"fix or unset {STATUS_VOCAB_ENV}") from None
    doc = load_yaml(text, name)
    if doc.problems:
        raise VocabularyError(doc.problems[0].format(), hint="fix the YAML syntax")
    try:
        data = _File.model_validate(doc.value)
    except ValidationError as exc:
        err = max(exc.errors(), key=lambda e: len(e["loc"]))  # the deepest: the real cause
        loc = tuple(p for p in err["loc"]  # without pydantic's union tags ("When", ...)
                    if isinstance(p, int) or (isinstance(p, str) and p.islower() and "[" not in p))
        field = ".".join(str(p) for p in loc) or "(top)"
        line, col = doc.locations.get(loc) or (1, 1)
        raise VocabularyError(f"{name}:{line}:{col}: {field}: {err['msg']}",
                              hint="see the comments at the top of the bundled "
                                   f"{STATUS_FILE}") from None
    ids = [s.id for s in data.statuses]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise VocabularyError(f"{name}: status {dup[0]!r} is defined twice",
                              hint="one entry per status id")
    return StatusVocabulary(name, {s.id: s for s in data.statuses}, data.contradictions,
                            data.language_exceptions).check()


def load_statuses(path: str | Path | None = None) -> StatusVocabulary:
    """The status vocabulary: ``path``, else ``$CLAIMGRAPH_STATUS_VOCAB``, else the bundled
    file (each read once and cached)."""
    chosen = path or os.environ.get(STATUS_VOCAB_ENV) or None
    return _load(str(Path(chosen).resolve()) if chosen else None)
