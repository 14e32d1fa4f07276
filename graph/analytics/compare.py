"""Two analyses side by side: the groups each names, what each says they are for and
against and why, where they agree, where they differ, and how their groups are linked.

Each side is a :class:`~claimgraph.graph.analytics.selection.Selection` (a tag, a source or
a claimant). Its *groups* are the actors its claims give a stance or a motive
(:func:`~claimgraph.graph.analytics.motives.support_profiles`), each with the members the
same claims name (``member_of`` / ``part_of`` claims). Two groups of the two sides are
*linked* when they are one entity, or the case says so: ``same_as`` (one real-world thing),
``overlaps`` (groups two analyses draw differently), ``part_of`` or ``broader`` (one inside
the other), a ``member_of`` / ``part_of`` claim between them, or members both name in them
(``shares members``: Global Times in two analyses' nationalist groups). Links are reported, never
used to merge two groups (principle 7): each keeps its own claims.

*Agreement* is read per linked pair — the same motive given to both, the same target with
the same stance (for / against) — and over the whole sides (motives and targets both name
for any of their groups); the rest is where they differ.

Examples
--------
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({"meta": {"id": "d", "title": "D", "tags": [
...     {"id": "a1", "label": "Analysis 1"}, {"id": "a2", "label": "Analysis 2"}]},
...     "entities": [{"id": "hawks", "name": "PLA Hawks", "kind": "group"},
...                  {"id": "hard", "name": "Hardliners", "kind": "group",
...                   "overlaps": ["hawks"]},
...                  {"id": "ru", "name": "Russia", "kind": "state"},
...                  {"id": "rivalry", "name": "Rivalry", "kind": "motive"},
...                  {"id": "data", "name": "Combat data", "kind": "motive"}],
...     "claims": [
...         {"id": "c1", "text": "t", "subject": "hawks", "predicate": "supports",
...          "object": "ru", "motives": ["rivalry", "data"], "tags": ["a1"]},
...         {"id": "c2", "text": "t", "subject": "hard", "predicate": "supports",
...          "object": "ru", "motives": ["rivalry"], "tags": ["a2"]}]})
>>> cmp = compare(case, "a1", "a2")
>>> [(l.left, l.relation, l.right) for l in cmp.links]
[('hawks', 'overlaps', 'hard')]
>>> p = cmp.pairs[0]
>>> p.motives_both, p.motives_left_only, p.motives_right_only
(['rivalry'], ['data'], [])
>>> p.targets_both
[('ru', 'for')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from claimgraph.errors import AnalysisError
from claimgraph.schema.models import Case, Claim, Entity

from .motives import Profile, support_profiles
from .projection import case_vocab
from .selection import Selection, select_claims

__all__ = ["MEMBER_PREDICATES", "Comparison", "Group", "Link", "Pair", "Side", "compare"]

MEMBER_PREDICATES = ("member_of", "part_of")
"""Claims that name a member of a group (subject) and the group (object)."""


@dataclass(frozen=True)
class Group:
    """A group (actor) one side names: its stances, motives and members, with their claims."""

    profile: Profile
    members: tuple[tuple[str, tuple[str, ...]], ...]
    """(member entity, the claims that say so)"""

    @property
    def id(self) -> str:
        return self.profile.actor

    @property
    def motives(self) -> list[str]:
        return [r.motive for r in self.profile.reasons]

    @property
    def targets(self) -> list[tuple[str, str]]:
        """(target, for/against) of its affirmed stances."""
        return sorted({(s.target, s.stance) for s in self.profile.stances
                       if s.polarity == "affirmed"})


@dataclass(frozen=True)
class Side:
    """One of the two analyses compared."""

    selection: Selection
    groups: tuple[Group, ...]

    def group(self, ident: str) -> Group | None:
        return next((g for g in self.groups if g.id == ident), None)

    @property
    def motives(self) -> list[str]:
        return sorted({m for g in self.groups for m in g.motives})

    @property
    def targets(self) -> list[tuple[str, str]]:
        return sorted({t for g in self.groups for t in g.targets})


@dataclass(frozen=True)
class Link:
    """How a group of the left side relates to one of the right side, and who says so."""

    left: str
    relation: str
    """``same entity``, ``same_as``, ``overlaps``, ``part_of`` (left inside right),
    ``has_part`` (right inside left), ``broader`` / ``narrower``, or a claim's predicate"""
    right: str
    claims: tuple[str, ...] = ()
    """the claims stating it (empty: the case's entities say so)"""
    members: tuple[str, ...] = ()
    """for ``shares members``: the members both sides name in the two groups"""


@dataclass(frozen=True)
class Pair:
    """Two linked groups, and where what the sides say of them agrees."""

    left: str
    right: str
    relation: str
    motives_both: list[str] = field(default_factory=list)
    motives_left_only: list[str] = field(default_factory=list)
    motives_right_only: list[str] = field(default_factory=list)
    targets_both: list[tuple[str, str]] = field(default_factory=list)
    targets_left_only: list[tuple[str, str]] = field(default_factory=list)
    targets_right_only: list[tuple[str, str]] = field(default_factory=list)
    members_both: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Comparison:
    """The two sides, the links between their groups, and agreement per pair and overall."""

    left: Side
    right: Side
    links: list[Link]
    pairs: list[Pair]

    def split(self, a: Iterable[Any], b: Iterable[Any]) -> dict[str, list[Any]]:
        sa, sb = set(a), set(b)
        return {"both": sorted(sa & sb), "left_only": sorted(sa - sb),
                "right_only": sorted(sb - sa)}

    @property
    def motives(self) -> dict[str, list[str]]:
        """Motives both sides give (to any group), and those only one side gives."""
        return self.split(self.left.motives, self.right.motives)

    @property
    def targets(self) -> dict[str, list[tuple[str, str]]]:
        """(target, for/against) both sides name, and those only one names."""
        return self.split(self.left.targets, self.right.targets)

    @property
    def unlinked(self) -> tuple[list[str], list[str]]:
        """Groups of each side linked to no group of the other."""
        left = {p.left for p in self.pairs}
        right = {p.right for p in self.pairs}
        return ([g.id for g in self.left.groups if g.id not in left],
                [g.id for g in self.right.groups if g.id not in right])

    def to_dict(self, names: dict[str, str] | None = None) -> dict[str, Any]:
        """Plain data (``claimgraph compare --format json``); ``names`` labels the ids."""
        names = names or {}

        def side(s: Side) -> dict[str, Any]:
            return {**asdict(s.selection), "claims": len(s.selection.claim_ids),
                    "groups": [{"id": g.id, "name": names.get(g.id, g.id),
                                "tags": list(g.profile.tags),
                                "members": [{"id": m, "name": names.get(m, m),
                                             "claims": list(c)} for m, c in g.members],
                                "stances": [{**asdict(st), "target_name":
                                             names.get(st.target, st.target)}
                                            for st in g.profile.stances],
                                "motives": [{"id": r.motive, "name": names.get(r.motive,
                                                                              r.motive),
                                             "claims": list(r.claims)}
                                            for r in g.profile.reasons]}
                               for g in s.groups]}

        def pair(p: Pair) -> dict[str, Any]:
            d = asdict(p)
            for k in list(d):
                if k.startswith("targets_"):
                    d[k] = [{"target": t, "stance": s} for t, s in d[k]]
            return d

        left_only, right_only = self.unlinked
        return {"left": side(self.left), "right": side(self.right),
                "links": [asdict(x) for x in self.links], "pairs": [pair(p) for p in self.pairs],
                "unlinked": {"left": left_only, "right": right_only},
                "motives": self.motives,
                "targets": {k: [{"target": t, "stance": s} for t, s in v]
                            for k, v in self.targets.items()}}


def _members(claims: list[Claim], groups: set[str]) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {g: {} for g in groups}
    for c in claims:
        if c.predicate in MEMBER_PREDICATES and c.polarity == "affirmed" and c.object in groups:
            out[c.object].setdefault(c.subject, []).append(c.id)
    return out


def _side(case: Case, selection: Selection) -> Side:
    claims = selection.claims(case)
    profiles = support_profiles(case, claims, vocab=case_vocab(case))
    members = _members(claims, {p.actor for p in profiles})
    groups = tuple(Group(p, tuple((m, tuple(sorted(ids)))
                                  for m, ids in sorted(members[p.actor].items())))
                   for p in profiles)
    return Side(selection, groups)


_ENTITY_RELATIONS = (("same_as", "same_as", "same_as"), ("overlaps", "overlaps", "overlaps"),
                     ("part_of", "part_of", "has_part"), ("broader", "broader", "narrower"))


def _entity_link(a: Entity, b: Entity) -> str | None:
    """How the case's entities relate ``a`` (left) to ``b`` (right), if at all."""
    if a.id == b.id:
        return "same entity"
    for attr, forward, backward in _ENTITY_RELATIONS:
        if b.id in getattr(a, attr):
            return forward
        if a.id in getattr(b, attr):
            return backward
    return None


def _links(case: Case, left: Side, right: Side) -> list[Link]:
    entities = {e.id: e for e in case.entities}
    out: list[Link] = []
    lids, rids = [g.id for g in left.groups], [g.id for g in right.groups]
    for a in lids:
        for b in rids:
            if a in entities and b in entities and (rel := _entity_link(entities[a],
                                                                        entities[b])):
                out.append(Link(a, rel, b))
    chosen = set(left.selection.claim_ids) | set(right.selection.claim_ids)
    for c in sorted(case.claims, key=lambda c: c.id):
        if c.id not in chosen or c.predicate not in MEMBER_PREDICATES or c.polarity != "affirmed":
            continue
        if c.subject in lids and c.object in rids:
            out.append(Link(c.subject, c.predicate, c.object, (c.id,)))
        elif c.subject in rids and c.object in lids:
            out.append(Link(c.object, f"has member ({c.predicate})", c.subject, (c.id,)))
    for ga in left.groups:
        mine = dict(ga.members)
        for gb in right.groups:
            both = sorted(set(mine) & {m for m, _ in gb.members})
            if both:
                said = sorted({c for m in both for c in mine[m]}
                              | {c for m, ids in gb.members if m in both for c in ids})
                out.append(Link(ga.id, "shares members", gb.id, tuple(said), tuple(both)))
    return sorted(set(out), key=lambda x: (lids.index(x.left), rids.index(x.right), x.relation))


def compare(case: Case, left: str, right: str) -> Comparison:
    """Compare the claims ``left`` and ``right`` select (see the module docstring)."""
    a, b = select_claims(case, left), select_claims(case, right)
    if a.kind == b.kind and a.ident == b.ident:
        raise AnalysisError(f"{left!r} and {right!r} select the same claims",
                            hint="compare two different tags, sources or claimants")
    sa, sb = _side(case, a), _side(case, b)
    links = _links(case, sa, sb)
    relations: dict[tuple[str, str], list[str]] = {}
    shared: dict[tuple[str, str], list[str]] = {}
    for link in links:
        relations.setdefault((link.left, link.right), []).append(link.relation)
        shared.setdefault((link.left, link.right), []).extend(link.members)
    pairs = []
    for (left_id, right_id), rels in relations.items():
        ga, gb = sa.group(left_id), sb.group(right_id)
        assert ga is not None and gb is not None
        ma, mb = set(ga.motives), set(gb.motives)
        ta, tb = set(ga.targets), set(gb.targets)
        pairs.append(Pair(left_id, right_id, ", ".join(rels),
                          sorted(ma & mb), sorted(ma - mb), sorted(mb - ma),
                          sorted(ta & tb), sorted(ta - tb), sorted(tb - ta),
                          sorted(set(shared[left_id, right_id]))))
    return Comparison(sa, sb, links, pairs)
