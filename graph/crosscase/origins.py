"""Independent origins across cases: each supporting quote's relay chain, followed to its
end, and the quotes whose chains end in one store-wide source counted once.

Per quote, the chain is the quoting document, what the quote rests on (its ``relays``, the
cited source it is ``attributed_to``, the claim's cited ``claimant``, or the one origin the
document relays — :func:`~claimgraph.graph.provenance.independence.quote_basis`), then the
``cites`` path from there to a root: outlet → NHK → customs data. The roots are resolved
store-wide (:mod:`.resolve`: ``same_as: [CASE:ID]``, equal URLs), and quotes whose roots
overlap form one origin — named by the one root they all share, else by the smallest
source they rest on — exactly the per-case rule of the assessment, now over every case.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Claim, Source
>>> def claim(cid, **ev):
...     return Claim.model_validate({"id": cid, "text": cid, "subject": "x",
...         "predicate": "supplies", "object": "y", "evidence": [{"quote": "q", **ev}]})
>>> a = Case(meta=CaseMeta(id="a", title="A"), sources=[
...     Source(id="art", title="Article", kind="analysis", cites=["customs"]),
...     Source(id="customs", title="Customs data", kind="customs_data")],
...     claims=[claim("a1", source="art", relays="customs")])
>>> b = Case(meta=CaseMeta(id="b", title="B"), sources=[
...     Source(id="outlet", title="Outlet", kind="news", cites=["tv"]),
...     Source(id="tv", title="Broadcaster", kind="news", cites=["gacc"]),
...     Source(id="gacc", title="Customs", kind="customs_data", same_as=["a:customs"])],
...     claims=[claim("b1", source="outlet", relays="tv")])
>>> read = ChainReader(Resolver([a, b]))
>>> chains = [read.chain("a", a.claims[0], 0), read.chain("b", b.claims[0], 0)]
>>> [c.path_text() for c in chains]
['a:art → a:customs', 'b:outlet → b:tv → b:gacc']
>>> [(o.key, sorted(o.documents)) for o in group_chains(chains)]
[('a:customs', ['a:art', 'b:outlet'])]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from claimgraph.graph.provenance.independence import Origins, quote_basis, trace_origins
from claimgraph.schema.models import Claim

from .resolve import Node, Resolver, node_name

__all__ = ["ChainReader", "Origin", "QuoteChain", "group_chains"]


@dataclass(frozen=True)
class QuoteChain:
    """One supporting quote's relay chain: ``path`` from the quoting document to the end
    (store-wide source nodes), ``rule`` why the quote rests on the second link, and
    ``root_keys`` the store-wide classes of its roots (the document included)."""

    case: str
    claim: str
    index: int
    quote: str
    path: tuple[Node, ...]
    rule: str
    rests_on: Node
    root_keys: frozenset[str]

    def path_text(self) -> str:
        return " → ".join(node_name(n) for n in self.path)

    @property
    def document(self) -> Node:
        return self.path[0]


@dataclass(frozen=True)
class Origin:
    """One independent origin: its store-wide ``key`` and the chains that end in it."""

    key: str
    chains: tuple[QuoteChain, ...]

    @property
    def documents(self) -> set[str]:
        """The quoting documents (the outlets that relay it)."""
        return {node_name(c.document) for c in self.chains}

    @property
    def cases(self) -> set[str]:
        return {c.case for c in self.chains}

    @property
    def relays(self) -> list[str]:
        """Every source between a quoting document and the end of its chain."""
        return sorted({node_name(n) for c in self.chains for n in c.path[1:-1]})


class ChainReader:
    """Relay chains over the cases of ``resolver`` (each case's cites graph read once)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._cache: dict[str, tuple[Origins, nx.DiGraph]] = {}

    def _origins(self, case_id: str) -> tuple[Origins, nx.DiGraph]:
        got = self._cache.get(case_id)
        if got is None:
            case = self.resolver.cases[case_id]
            cites = {s.id: list(s.cites) for s in case.sources}
            g: nx.DiGraph = nx.DiGraph()
            g.add_edges_from((s, c) for s, cs in cites.items() for c in cs if c != s)
            got = self._cache[case_id] = (trace_origins(cites), g)
        return got

    def chain(self, case_id: str, claim: Claim, index: int) -> QuoteChain:
        """The relay chain of evidence ``index`` of ``claim`` in case ``case_id``."""
        origins, cites = self._origins(case_id)
        ev = claim.evidence[index]
        basis = quote_basis(origins, ev.source, relays=ev.relays,
                            attributed_to=ev.attributed_to, claimant=claim.claimant)
        path = [ev.source]
        if basis.rests_on != ev.source:
            path.append(basis.rests_on)
        roots = origins.roots.get(basis.rests_on, (basis.rests_on,))
        last = path[-1]
        if last not in roots and last in cites:
            tails = [nx.shortest_path(cites, last, r) for r in roots
                     if r in cites and nx.has_path(cites, last, r)]
            if tails:
                path.extend(min(tails, key=lambda p: (len(p), p))[1:])
        keys = frozenset(self.resolver.source_key((case_id, r)) for r in basis.roots)
        return QuoteChain(case_id, claim.id, index, ev.quote,
                          tuple((case_id, p) for p in path), basis.rule,
                          (case_id, basis.rests_on), keys)

    def chains(self, case_id: str, claim: Claim) -> list[QuoteChain]:
        """The chains of every supporting quote of ``claim``."""
        return [self.chain(case_id, claim, i) for i, ev in enumerate(claim.evidence)
                if ev.relation == "supports"]


def group_chains(chains: Iterable[QuoteChain]) -> list[Origin]:
    """Chains whose roots overlap, store-wide, as one origin each (sorted by key)."""
    groups: list[tuple[set[str], list[QuoteChain]]] = []
    for ch in chains:
        merged: tuple[set[str], list[QuoteChain]] = (set(ch.root_keys), [ch])
        keep = []
        for g in groups:
            if g[0] & merged[0]:
                merged = (merged[0] | g[0], g[1] + merged[1])
            else:
                keep.append(g)
        groups = [*keep, merged]
    out = []
    for _, members in groups:
        shared = set.intersection(*(set(c.root_keys) for c in members))
        key = next(iter(shared)) if len(shared) == 1 else min(
            node_name(c.rests_on) for c in members)
        out.append(Origin(key, tuple(sorted(members, key=lambda c: (c.case, c.claim,
                                                                   c.index)))))
    return sorted(out, key=lambda o: o.key)


