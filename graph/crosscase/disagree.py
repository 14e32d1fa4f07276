"""Disagreement across the store: matching claims of two cases whose figures or whose
comparative words cannot both hold, each flagged with both quotes.

- **figure**: two matching claims about the same entities and period whose figures
  (:mod:`.figures`) do not meet — "almost 1,300 t" against "over 1,300 t" (1,300 t against
  "exceeding 1,300 tons" agree: a bare figure is rounded);
- **comparative**: a comparative in a supporting quote of one ("more than doubled", > ×2)
  and one in a quote of the other ("almost doubled", ×1.6–2) whose ratios do not meet
  (``comparatives.yaml``), about claims on the same entities and period.

Examples
--------
>>> from claimgraph.schema.models import Case, CaseMeta, Claim, Entity
>>> ents = [Entity(id="cn", name="China", kind="state", ids={"wikidata": "Q148"}),
...         Entity(id="ru", name="Russia", kind="state", ids={"wikidata": "Q159"})]
>>> def case(cid, quote, **q):
...     c = Claim.model_validate({"id": "x", "text": "x", "subject": "cn",
...         "predicate": "supplies", "object": "ru", "time": "2023", "quantity": q,
...         "evidence": [{"source": "s", "quote": quote}]})
...     return Case(meta=CaseMeta(id=cid, title=cid), entities=ents, claims=[c])
>>> sc = StoreCases([case("a", "sales more than doubled to 1,300 tons", value=1300, unit="t"),
...                  case("b", "sales almost doubled to over 1,300 t", value=1300, unit="t",
...                       bound="min")])
>>> [(d.kind, d.left.words, d.right.words) for d in disagreements(sc)]
[('comparative', 'more than doubled', 'almost doubled')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph.sources.comparatives import find_comparatives

from .load import StoreCases
from .match import ClaimAt

__all__ = ["Disagreement", "Side", "disagreements"]


@dataclass(frozen=True, order=True)
class Side:
    """One side of a disagreement: the claim, the quote and the words in it."""

    case: str
    claim: str
    evidence: int
    quote: str
    words: str
    reads: str  # what the words allow: "> ×2", "> 1,300 t"

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case, "claim": self.claim, "evidence": self.evidence,
                "quote": self.quote, "words": self.words, "reads": self.reads}


@dataclass(frozen=True, order=True)
class Disagreement:
    """Two claims of two cases whose words cannot both hold (``kind``: figure |
    comparative): ``left`` and ``right`` the first quote of each with those words,
    ``more`` the other quotes of the same claims saying the same words (two outlets)."""

    kind: str
    left: Side
    right: Side
    detail: str
    more: tuple[Side, ...] = ()

    def sides(self) -> list[Side]:
        """Every quote involved, the first two first."""
        return [self.left, self.right, *self.more]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "left": self.left.to_dict(), "right": self.right.to_dict(),
                "more": [s.to_dict() for s in self.more], "detail": self.detail}


def _figure_side(at: ClaimAt) -> Side:
    f = at.figure
    assert f is not None
    i = int(f.where.split("/")[1]) if f.where.startswith("evidence/") else -1
    quote = at.claim.evidence[i].quote if i >= 0 else at.claim.text
    return Side(at.case, at.claim.id, i, quote, f.words, f.range_text())


def _comparatives(at: ClaimAt) -> list[tuple[Side, Any]]:
    out = []
    for i, ev in enumerate(at.claim.evidence):
        if ev.relation != "supports":
            continue
        for comp in find_comparatives(ev.quote):
            out.append((Side(at.case, at.claim.id, i, ev.quote, comp.phrase, str(comp.ratio)),
                        comp.ratio))
    return out


def disagreements(sc: StoreCases) -> list[Disagreement]:
    """Every disagreement between claims of two cases in ``sc`` (sorted, each once)."""
    found: dict[tuple[Any, ...], Disagreement] = {}
    for m in sc.matcher.cross_case_pairs():
        if m.scope != "same":
            continue
        x, y = m.this, m.other
        if m.figures_agree is False:
            a, b = sorted([_figure_side(x), _figure_side(y)])
            found.setdefault(("figure", a, b), Disagreement(
                "figure", a, b, f"{a.reads} vs {b.reads}: no value is both"))
        if not (x.claim.time and y.claim.time):
            continue  # a comparative speaks of a period
        for sa, ra in _comparatives(x):
            for sb, rb in _comparatives(y):
                if ra.intersects(rb):
                    continue
                a, b = sorted([sa, sb])
                key = ("comparative", (a.case, a.claim, a.words.lower()),
                       (b.case, b.claim, b.words.lower()))
                old = found.get(key)
                if old is not None:
                    extra = tuple(sorted({*old.more, *(x for x in (a, b)
                                                        if x not in (old.left, old.right))}))
                    found[key] = Disagreement(old.kind, old.left, old.right, old.detail, extra)
                    continue
                found[key] = Disagreement(
                    "comparative", a, b,
                    f"\"{a.words}\" ({a.reads}) vs \"{b.words}\" ({b.reads}): no ratio is both")
    return sorted(found.values())
