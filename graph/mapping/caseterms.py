"""The IRIs and classes one case's records are written with, made once and cached.

A record's IRI (``case/{case}/{kind}/{id}``), a reference that may be an entity or a
source (a claimant: looked up among the case's sources first), a vocabulary concept (the
case's own for the kinds and predicates it declares) and the standard classes a kind gives
its entities, all as N-Quads terms (``<iri>``), each computed once per case.

Examples
--------
>>> from claimgraph.schema.models import CaseMeta
>>> terms = CaseTerms(CaseMeta(id="demo", title="Demo"), source_ids={"wire"})
>>> terms.agent(("source", "entity"))("wire")
'<https://w3id.org/claimgraph/case/demo/source/wire>'
>>> terms.concept("predicate")("supplies")
'<https://w3id.org/claimgraph/vocab/predicate/supplies>'
>>> terms.kind_types("kind", "state")[:1]
['<http://schema.org/Country>']
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from claimgraph.errors import VocabularyError
from claimgraph.graph import iris
from claimgraph.graph.namespace import expand_curie
from claimgraph.graph.nquads import iri
from claimgraph.schema.models import CaseMeta
from claimgraph.schema.vocab import Vocabulary, load_vocabulary

from .spec import Concept, Field, LiteralKind, Ref

__all__ = ["CaseTerms"]


class CaseTerms:
    """The terms of one case (``meta``: its id and vocabulary extension)."""

    def __init__(self, meta: CaseMeta, source_ids: Collection[str] = ()) -> None:
        self._cid = meta.id
        self._sources = frozenset(source_ids)
        ext = meta.vocabulary
        self._own = {"kind": {k.id for k in ext.entity_kinds},
                     "predicate": {p.id for p in ext.predicates}}
        self._vocab = _vocabulary(meta)
        self._ref_cache: dict[str, dict[str, str]] = {}
        self._concept_cache: dict[str, dict[str, str]] = {}
        self._type_cache: dict[tuple[str, str], list[str]] = {}

    @property
    def case_id(self) -> str:
        return self._cid

    def ref(self, kind: str) -> Callable[[str], str]:
        """``rid -> <IRI>`` of the case's records of ``kind``."""
        cache = self._ref_cache.setdefault(kind, {})
        base = f"<{iris.CASE_BASE}{iris.segment(self._cid)}/{kind}/"

        def ref(rid: str) -> str:
            term = cache.get(rid)
            if term is None:
                term = cache[rid] = f"{base}{iris.segment(rid)}>"
            return term

        return ref

    def cross_case(self, kind: str) -> Callable[[str], str]:
        """``rid -> <IRI>`` where ``rid`` may be ``CASE:ID``, a record of another case."""
        own = self.ref(kind)

        def ref(rid: str) -> str:
            case_id, sep, other = rid.partition(":")
            if not sep:
                return own(rid)
            return iri(iris.record_iri(case_id, kind, other))

        return ref

    def agent(self, kinds: tuple[str, ...]) -> Callable[[str], str]:
        """``rid -> <IRI>`` of a record of one of ``kinds`` (sources looked up first)."""
        if len(kinds) == 1:
            return self.ref(kinds[0])
        first, other, sources = self.ref(kinds[0]), self.ref(kinds[1]), self._sources
        if kinds[0] != "source":
            raise ValueError(f"a reference to {kinds} must try sources first")
        return lambda rid: first(rid) if rid in sources else other(rid)

    def concept(self, scheme: str) -> Callable[[str], str]:
        """``id -> <IRI>`` of a concept of ``scheme`` (the case's own when it declares it)."""
        cache = self._concept_cache.setdefault(scheme, {})
        own, cid = self._own.get(scheme, set()), self._cid

        def concept(value: str) -> str:
            term = cache.get(value)
            if term is None:
                term = cache[value] = iri(iris.concept_iri(
                    scheme, value, cid if value in own else None))
            return term

        return concept

    def kind_types(self, scheme: str, kind: str) -> list[str]:
        """Standard classes of a kind (and its ancestors), from the vocabulary data."""
        key = (scheme, kind)
        if key not in self._type_cache:
            curies: list[str] = []
            if scheme == "source-kind":
                sk = self._vocab.source_kinds.get(kind)
                curies = list(sk.rdf_types) if sk else []
            else:
                cur = self._vocab.entity_kinds.get(kind)
                seen: set[str] = set()
                while cur is not None and cur.id not in seen:
                    seen.add(cur.id)
                    curies.extend(cur.rdf_types)
                    cur = self._vocab.entity_kinds.get(cur.parent) if cur.parent else None
            full = (expand_curie(c) for c in curies)
            self._type_cache[key] = sorted({iri(f) for f in full if f})
        return self._type_cache[key]

    def term(self, row: Field) -> Callable[[Any], str]:
        """``value -> term`` of a literal, reference or concept row."""
        value = row.value
        if isinstance(value, LiteralKind):
            return value.to_term
        if isinstance(value, Ref):
            if value.cross_case:
                return self.cross_case(value.kinds[0])
            return self.agent(value.kinds)
        if isinstance(value, Concept):
            return self.concept(value.scheme)
        raise TypeError(f"row {row.name!r}: {type(value).__name__} is not a term")

    # -- compiling ----------------------------------------------------------------------------


def _vocabulary(meta: CaseMeta) -> Vocabulary:
    base = load_vocabulary()
    try:
        return base.extend(meta.vocabulary)
    except VocabularyError:  # reported by validation; map what we can
        return base
