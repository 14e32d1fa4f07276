"""The names of the ranking measures (a module of its own: the CLI's help lists them
without importing networkx; :mod:`.ranking` computes them).

>>> MEASURES[0]
'pagerank'
"""

from __future__ import annotations

__all__ = ["MEASURES"]

MEASURES = ("pagerank", "betweenness", "degree", "in_strength", "out_strength")
"""Every measure ``rank`` computes, in the order the table shows them."""
