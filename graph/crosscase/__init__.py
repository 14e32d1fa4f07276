"""Across cases: one store, many cases — which records are one thing, which claims say the
same thing, how many independent origins stand behind them, and where the cases disagree.

- :mod:`.resolve` entities by shared external ids or ``same_as: [CASE:ID]``, sources by URL
  or ``same_as``; every link with its provenance;
- :mod:`.figures` a claim's figure as the values its quote's words allow;
- :mod:`.match` when two claims of two cases match (roles, ``broader``, time, units);
- :mod:`.origins` per-quote relay chains and their store-wide grouping;
- :mod:`.corroborate` ``claimgraph corroborate`` and the claim page's section;
- :mod:`.disagree` ``claimgraph disagreements``: figures and comparatives that cannot both
  hold;
- :mod:`.overview` the store at a glance (the store index page);
- :mod:`.load` every case of a store, read once.

The vocabulary is ``schema/vocab/crosscase.yaml`` (identifier schemes, figure words).
"""

from .corroborate import Corroboration, corroborate, source_titles
from .disagree import Disagreement, Side, disagreements
from .figures import Figure, figure_of
from .load import StoreCases, load_store_cases
from .match import ClaimAt, Match, Matcher
from .origins import ChainReader, Origin, QuoteChain, group_chains
from .overview import SharedEntity, StoreOverview, store_overview
from .resolve import Link, Resolver, Unresolved, node_name

__all__ = ["ChainReader", "ClaimAt", "Corroboration", "Disagreement", "Figure", "Link",
           "Match", "Matcher", "Origin", "QuoteChain", "Resolver", "SharedEntity", "Side",
           "StoreCases", "StoreOverview", "Unresolved", "corroborate", "disagreements",
           "figure_of", "group_chains", "load_store_cases", "node_name", "source_titles",
           "store_overview"]
