"""Corroboration across the store: the claims of other cases that say the same thing as a
claim, and how many independent origins stand behind them all.

A match (:mod:`.match`) *corroborates* a claim when it is about the same entities, or about
narrower ones (1,300 t of nitrocellulose backs "China supplies Russia chemicals"), and its
figure agrees with the claim's (:mod:`.figures`); a match about broader entities is listed
as *related*, one whose figure disagrees as *disagreeing* — neither counts. The origins are
the supporting quotes of the claim and of every corroborating match, grouped by the end of
their relay chains (:mod:`.origins`): five outlets relaying one broadcaster's reading of
customs data are one origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .load import StoreCases
from .match import ClaimAt, Match
from .origins import ChainReader, Origin, group_chains
from .resolve import Node, node_name

__all__ = ["Corroboration", "corroborate"]


@dataclass
class Corroboration:
    """What the store holds for and around one claim."""

    claim: ClaimAt
    corroborating: list[Match] = field(default_factory=list)
    related: list[Match] = field(default_factory=list)
    disagreeing: list[Match] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)

    def to_dict(self, titles: dict[str, str] | None = None) -> dict[str, Any]:
        """Plain data (``titles``: store-wide source name -> its title)."""
        titles = titles or {}

        def claim(m: Match) -> dict[str, Any]:
            c = m.other.claim
            return {"case": m.other.case, "id": c.id, "text": c.text, "scope": m.scope,
                    "time": c.time, "figure": m.other.figure.to_dict() if m.other.figure
                    else None, "figures_agree": m.figures_agree}

        def src(n: str) -> dict[str, str]:
            return {"id": n, "title": titles.get(n, n)}

        return {
            "claim": {"case": self.claim.case, "id": self.claim.claim.id,
                      "text": self.claim.claim.text,
                      "figure": self.claim.figure.to_dict() if self.claim.figure else None},
            "corroborating": [claim(m) for m in self.corroborating],
            "related": [claim(m) for m in self.related],
            "disagreeing": [claim(m) for m in self.disagreeing],
            "independent_origins": len(self.origins),
            "origins": [{
                "origin": src(o.key),
                "cases": sorted(o.cases),
                "documents": [src(d) for d in sorted(o.documents)],
                "relays": [src(r) for r in o.relays],
                "chains": [{"case": c.case, "claim": c.claim, "evidence": c.index,
                            "quote": c.quote, "rule": c.rule,
                            "path": [src(node_name(n)) for n in c.path]}
                           for c in o.chains],
            } for o in self.origins],
        }


def corroborate(sc: StoreCases, node: Node, reader: ChainReader | None = None) -> Corroboration:
    """The corroboration of claim ``node`` = (case id, claim id) across ``sc``."""
    reader = reader or ChainReader(sc.resolver)
    x = sc.matcher.claims[node]
    out = Corroboration(x)
    for m in sc.matcher.matches(node):
        if m.figures_agree is False:
            out.disagreeing.append(m)
        elif m.scope in ("same", "broader"):
            out.corroborating.append(m)
        else:
            out.related.append(m)
    chains = reader.chains(x.case, x.claim)
    for m in out.corroborating:
        chains += reader.chains(m.other.case, m.other.claim)
    out.origins = group_chains(chains)
    return out


def source_titles(sc: StoreCases) -> dict[str, str]:
    """``CASE:ID`` -> title, for every source of the store."""
    return {node_name(n): s.title for n, s in sc.resolver.sources.items()}


__all__ += ["source_titles"]
