"""Source independence: follow ``cites`` to the root origins, name circular reporting.

A source that cites nothing is its own origin. A source that cites others relays them: its
origins are the roots reached by following ``cites``. Sources that cite each other in a
circle (a strongly connected component of the cites graph) are *circular reporting*: when
such a circle cites nothing outside itself it is ONE origin, named by its smallest id.
Evidence sources that share a root count once.

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

import networkx as nx

__all__ = ["Origins", "independent_origins", "trace_origins"]


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


def independent_origins(origins: Origins, sources: Iterable[str]) -> tuple[str, ...]:
    """The distinct origins behind a set of evidence sources (sorted ids)."""
    out: set[str] = set()
    for s in sources:
        out.update(origins.roots.get(s, (s,)))
    return tuple(sorted(out))
