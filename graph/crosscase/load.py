"""Every case of a store, read once, with their cross-case resolution and matching."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from claimgraph.graph.store.base import Store
from claimgraph.schema.models import Case

from .match import Matcher
from .resolve import Resolver

__all__ = ["StoreCases", "load_store_cases"]


@dataclass
class StoreCases:
    """The cases of one store with their :class:`Resolver` and :class:`Matcher`."""

    cases: Sequence[Case]
    resolver: Resolver = field(init=False)
    matcher: Matcher = field(init=False)

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.cases)
        self.matcher = Matcher(self.resolver)


def load_store_cases(store: Store) -> StoreCases:
    """Read every case of ``store`` (full records) and resolve them."""
    return StoreCases([store.read_case(i.id) for i in store.cases() if i.kind == "case"])
