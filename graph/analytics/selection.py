"""Which claims a command looks at: those of a tag, a source or a claimant.

A case says which analysis or section a claim belongs to with ``tags:`` (declared, with a
name, under ``tags:`` in ``case.yaml``). :func:`with_tags` keeps the claims carrying any of
some tags (the ``--tag`` option of the commands); :func:`select_claims` resolves what
``claimgraph compare X Y`` is given — a tag, a source (the claims quoting it) or a claimant
(the claims it makes) — into a :class:`Selection`. A bare name is looked up as a tag, then a
source, then a claimant; a prefix (``tag:``, ``source:``, ``claimant:``) says which, and is
needed when a tag has the name of a source or claimant (a source that is also its own
claims' claimant is taken as the source: ``claimant:ID`` picks what it says itself).

Examples
--------
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({"meta": {"id": "d", "title": "D", "tags": [
...     {"id": "a1", "label": "Analysis 1"}]},
...     "entities": [{"id": "x", "name": "X", "kind": "group"}],
...     "sources": [{"id": "art", "title": "Article", "kind": "analysis"}],
...     "claims": [{"id": "c1", "text": "t", "subject": "x", "predicate": "supports",
...                 "object": "x", "tags": ["a1"], "evidence": [{"source": "art", "quote": "q"}]},
...                {"id": "c2", "text": "t", "subject": "x", "predicate": "opposes",
...                 "object": "x", "claimant": "x"}]})
>>> [c.id for c in with_tags(case, ["a1"]).claims]
['c1']
>>> s = select_claims(case, "a1")
>>> s.kind, s.label, s.claim_ids
('tag', 'Analysis 1', ('c1',))
>>> select_claims(case, "claimant:x").claim_ids, select_claims(case, "art").kind
(('c2',), 'source')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from claimgraph.errors import AnalysisError
from claimgraph.schema.models import Case, Claim

__all__ = ["KINDS", "Selection", "declared_tags", "select_claims", "with_tags"]

Kind = Literal["tag", "source", "claimant"]
KINDS: tuple[Kind, ...] = ("tag", "source", "claimant")
"""What a selection can name, in the order a bare name is looked up."""


@dataclass(frozen=True)
class Selection:
    """Some claims of a case, and what picked them."""

    kind: Kind
    ident: str
    label: str
    claim_ids: tuple[str, ...]

    def claims(self, case: Case) -> list[Claim]:
        keep = set(self.claim_ids)
        return [c for c in case.claims if c.id in keep]


def declared_tags(case: Case) -> dict[str, str]:
    """``{tag id: label}``: the tags case.yaml declares, then any others claims carry."""
    tags = {t.id: t.label for t in case.meta.tags}
    for c in case.claims:
        for t in c.tags:
            tags.setdefault(t, t)
    return tags


def _unknown_tag(case: Case, tag: str) -> AnalysisError:
    known = sorted(declared_tags(case))
    return AnalysisError(
        f"no claim of case {case.meta.id!r} carries the tag {tag!r}",
        hint=f"use one of: {', '.join(known)}" if known else
        "this case tags no claims (a claim's `tags:`, declared under `tags:` in case.yaml)")


def with_tags(case: Case, tags: Iterable[str] | None) -> Case:
    """The case with only the claims carrying at least one of ``tags`` (all: no tags).

    An unknown tag is an :class:`~claimgraph.errors.AnalysisError` naming the known ones."""
    wanted = set(tags or ())
    if not wanted:
        return case
    known = declared_tags(case)
    for t in sorted(wanted):
        if t not in known:
            raise _unknown_tag(case, t)
    return case.model_copy(update={"claims": [c for c in case.claims if wanted & set(c.tags)]})


def _matches(case: Case, kind: Kind, ident: str) -> tuple[str, list[str]] | None:
    if kind == "tag":
        tags = declared_tags(case)
        if ident not in tags:
            return None
        return tags[ident], [c.id for c in case.claims if ident in c.tags]
    if kind == "source":
        src = next((s for s in case.sources if s.id == ident), None)
        if src is None:
            return None
        return src.title, [c.id for c in case.claims
                           if any(e.source == ident for e in c.evidence)]
    names = {**{s.id: s.title for s in case.sources}, **{e.id: e.name for e in case.entities}}
    claims = [c.id for c in case.claims if c.effective_claimant() == ident]
    if ident not in names and not claims:
        return None
    return names.get(ident, ident), claims


def select_claims(case: Case, spec: str) -> Selection:
    """The claims ``spec`` names: ``[tag:|source:|claimant:]ID`` (see the module docstring)."""
    kind, sep, ident = spec.partition(":")
    if sep and kind in KINDS:
        found = _matches(case, kind, ident)
        if found is None:
            if kind == "tag":
                raise _unknown_tag(case, ident)
            raise AnalysisError(f"case {case.meta.id!r} has no {kind} {ident!r}",
                                hint=f"give the id of a {kind} of the case")
        return Selection(kind, ident, found[0], tuple(sorted(found[1])))
    hits = [(k, m) for k in KINDS if (m := _matches(case, k, spec)) is not None]
    if not hits:
        raise AnalysisError(
            f"{spec!r} is no tag, source or claimant of case {case.meta.id!r}",
            hint="give a tag (" + (", ".join(sorted(declared_tags(case))) or "none declared")
                 + "), a source id or the id of who makes claims")
    if len(hits) > 1 and hits[0][0] == "tag":  # a source is often its own claimant: fine
        kinds = " and ".join(k for k, _ in hits)
        raise AnalysisError(f"{spec!r} names a {kinds} of case {case.meta.id!r}",
                            hint=f"say which: {', '.join(f'{k}:{spec}' for k, _ in hits)}")
    kind, (label, ids) = hits[0]
    return Selection(kind, spec, label, tuple(sorted(ids)))
