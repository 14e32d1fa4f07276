"""Source independence: follow ``cites`` to the root origins, name circular reporting.

A source that cites nothing is its own origin. A source that cites others relays them: its
origins are the roots reached by following ``cites``. Sources that cite each other in a
circle (a strongly connected component of the cites graph) are *circular reporting*: when
such a circle cites nothing outside itself it is ONE origin, named by its smallest id.
What one supporting quote *rests on* is :func:`quote_basis`: the source its evidence
``relays``, else a cited source it is attributed to (the legacy ``claimant`` form), else the
one origin its document relays (:func:`rests_on`), else the document itself; quotes whose
roots overlap count once (:func:`group_origins`).

Examples
--------
>>> o = trace_origins({"a1": ["wire"], "a2": ["wire"], "a3": ["a1"], "wire": []})
>>> o.roots["a3"], o.dependants["wire"]
(('wire',), ('a1', 'a2', 'a3'))
>>> independent_origins(o, ["a1", "a2", "a3"])
('wire',)
>>> c = trace_origins({"x": ["y"], "y": ["x"], "z": ["x"]})
>>> c.roots["z"], c.cycles, c.groups["x"]
(('x',), (('x', 'y'),), ('x', 'y'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import networkx as nx

__all__ = ["BasisRule", "Origins", "QuoteBasis", "group_origins", "independent_origins",
           "quote_basis", "rests_on", "trace_origins"]

BasisRule = Literal["relays", "attributed", "claimant", "inferred-relay", "own-word"]
"""Why a quote rests on what it rests on (the order :func:`quote_basis` tries them)."""


@dataclass(frozen=True)
class Origins:
    """What the cites graph says about every source.

    ``roots[s]``: the origin ids ``s`` goes back to (sorted); ``groups[o]``: the sources an
    origin stands for (one, or the members of a circle); ``upstream[s]``: every source ``s``
    relies on, itself included; ``dependants[s]``: every source relying on ``s``, directly
    or not; ``cycles``: each circle of sources citing each other (sorted members).
    """

    roots: dict[str, tuple[str, ...]]
    groups: dict[str, tuple[str, ...]]
    upstream: dict[str, frozenset[str]]
    dependants: dict[str, tuple[str, ...]]
    cycles: tuple[tuple[str, ...], ...]

    def cycle_of(self, source: str) -> tuple[str, ...] | None:
        """The circle ``source`` belongs to, if any."""
        for c in self.cycles:
            if source in c:
                return c
        return None


def trace_origins(cites: Mapping[str, Iterable[str]]) -> Origins:
    """Compute origins for every source of a ``{source: cited sources}`` mapping.

    Cited ids missing from the mapping are treated as sources that cite nothing.
    """
    g: nx.DiGraph = nx.DiGraph()
    for s, cited in cites.items():
        g.add_node(s)
        for c in cited:
            if c != s:
                g.add_edge(s, c)
    cond = nx.condensation(g)
    members: dict[int, tuple[str, ...]] = {
        n: tuple(sorted(cond.nodes[n]["members"])) for n in cond.nodes
    }
    cycles = tuple(sorted(m for m in members.values() if len(m) > 1))
    comp_roots: dict[int, frozenset[str]] = {}
    comp_up: dict[int, frozenset[str]] = {}
    for n in reversed(list(nx.topological_sort(cond))):  # cited before citing
        succ = list(cond.successors(n))
        if not succ:
            comp_roots[n] = frozenset([members[n][0]])
            comp_up[n] = frozenset(members[n])
        else:
            comp_roots[n] = frozenset().union(*(comp_roots[m] for m in succ))
            comp_up[n] = frozenset(members[n]).union(*(comp_up[m] for m in succ))
    mapping = cond.graph["mapping"]
    roots = {s: tuple(sorted(comp_roots[mapping[s]])) for s in g.nodes}
    upstream = {s: comp_up[mapping[s]] for s in g.nodes}
    groups = {members[n][0]: members[n] for n in cond.nodes if not list(cond.successors(n))}
    dep: dict[str, set[str]] = {s: set() for s in g.nodes}
    for s, ups in upstream.items():
        for u in ups:
            if u != s:
                dep[u].add(s)
    dependants = {s: tuple(sorted(d)) for s, d in dep.items()}
    return Origins(roots, groups, upstream, dependants, cycles)


def rests_on(origins: Origins, source: str) -> str:
    """What an unattributed quote from ``source`` rests on: the one origin a relay goes
    back to (an article citing one wire report), else the source itself (its own word, also
    when it cites several sources and nothing says which passage came from which).

    >>> o = trace_origins({"a": ["wire"], "b": ["x", "y"], "wire": []})
    >>> rests_on(o, "a"), rests_on(o, "b"), rests_on(o, "wire")
    ('wire', 'b', 'wire')
    """
    roots = origins.roots.get(source, (source,))
    return roots[0] if len(roots) == 1 else source


@dataclass(frozen=True)
class QuoteBasis:
    """What one supporting quote rests on, by which rule, and where that goes back to.

    ``document``: the quoting document; ``rests_on``: the source the quote reports (the
    document itself for its own word); ``roots``: the origins it goes back to, the document
    included (so quotes from one document are always one origin); ``relies_on``: every
    source on the way (the document, what it rests on and what that cites).
    """

    document: str
    rests_on: str
    rule: BasisRule
    roots: frozenset[str]
    relies_on: frozenset[str]

    @property
    def upstream(self) -> bool:
        """True when the quote rests on a source other than its document."""
        return self.rests_on != self.document


def quote_basis(origins: Origins, document: str, *, relays: str | None = None,
                attributed_to: str | None = None, claimant: str | None = None) -> QuoteBasis:
    """What a supporting quote from ``document`` rests on.

    1. ``relays`` (the evidence names the source its document relays for this quote);
    2. ``attributed_to`` (the evidence's speaker), else ``claimant`` (the claim's), when it
       is a source the document cites, directly or not — the quote reports what it says;
    3. the one root the document goes back to by ``cites`` (a relay inferred);
    4. the document itself (its own word).

    An entity as speaker (Lin Jian) changes nothing: a quote says who spoke, the sources
    say where the words come from.

    >>> o = trace_origins({"art": ["customs", "mfa"], "wire-story": ["wire"], "wire": [],
    ...                    "customs": [], "mfa": []})
    >>> b = quote_basis(o, "art", relays="mfa")
    >>> b.rests_on, b.rule, sorted(b.roots), b.upstream
    ('mfa', 'relays', ['art', 'mfa'], True)
    >>> quote_basis(o, "art", claimant="customs").rule
    'claimant'
    >>> quote_basis(o, "art", attributed_to="lin-jian").rule  # a speaker, not a source
    'own-word'
    >>> b = quote_basis(o, "wire-story")
    >>> b.rests_on, b.rule, sorted(b.relies_on)
    ('wire', 'inferred-relay', ['wire', 'wire-story'])
    """
    up = origins.upstream.get(document, frozenset([document]))
    rule: BasisRule
    if relays:
        base, rule = relays, "relays"
    elif attributed_to and attributed_to != document and attributed_to in up:
        base, rule = attributed_to, "attributed"
    elif claimant and claimant != document and claimant in up:
        base, rule = claimant, "claimant"
    else:
        base = rests_on(origins, document)
        rule = "own-word" if base == document else "inferred-relay"
    roots = frozenset(origins.roots.get(base, (base,))) | {document}
    if base == document or rule == "inferred-relay":
        relies = up
    else:
        relies = frozenset([document]) | origins.upstream.get(base, frozenset([base]))
    return QuoteBasis(document, base, rule, roots, relies)


def independent_origins(origins: Origins, sources: Iterable[str]) -> tuple[str, ...]:
    """The independent origins behind unattributed quotes from ``sources`` (sorted): what
    each rests on, sources whose roots overlap counted once (:func:`group_origins`)."""
    bases = [quote_basis(origins, s) for s in sources]
    names, _ = group_origins((b.rests_on, b.roots, True) for b in bases)
    return tuple(sorted(names))


def group_origins(items: Iterable[tuple[str, frozenset[str], bool]]) -> tuple[set[str], set[str]]:
    """Group supporting quotes whose roots overlap; name each group once.

    ``items``: per supporting quote, ``(source it rests on, its roots, checkable?)``.

    A group is named by the one root all its members share when there is exactly one (three
    articles citing one wire report: the wire report), else by the smallest id of what its
    members rest on (an article citing several sources: the article). Returns the group
    names and the names of the groups with at least one checkable member.

    >>> names, ok = group_origins([("a1", frozenset({"wire"}), True),
    ...                           ("a2", frozenset({"wire"}), True)])
    >>> sorted(names), sorted(ok)
    (['wire'], ['wire'])
    >>> names, ok = group_origins([("art", frozenset({"customs", "intel"}), True),
    ...                           ("other", frozenset({"other"}), False)])
    >>> sorted(names), sorted(ok)
    (['art', 'other'], ['art'])
    """
    groups: list[tuple[set[str], set[str], bool]] = []  # (roots, rests on, checkable)
    items = list(items)
    for base, roots, ok in items:
        merged = (set(roots), {base}, ok)
        keep = []
        for g in groups:
            if g[0] & merged[0]:
                merged = (merged[0] | g[0], merged[1] | g[1], merged[2] or g[2])
            else:
                keep.append(g)
        groups = [*keep, merged]
    names: set[str] = set()
    checkable: set[str] = set()
    for group_roots, group_rests_on, group_ok in groups:
        shared = set(group_roots)
        for item_rests_on, item_roots, _ in items:
            if item_rests_on in group_rests_on:
                shared &= item_roots
        name = next(iter(shared)) if len(shared) == 1 else min(group_rests_on)
        names.add(name)
        if group_ok:
            checkable.add(name)
    return names, checkable
