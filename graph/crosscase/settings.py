"""``schema/vocab/crosscase.yaml``, read once: identifier schemes, source matching, and the
figure words that bound a number in a quote.

>>> s = crosscase_settings()
>>> s.normalise("hs", "3912.20"), s.normalise("wikidata", "q143874")
('391220', 'Q143874')
>>> s.normalise("iso3166", "CN") is None  # listed when shared, never merges by itself
True
>>> s.figure_words["exceeding"], s.figure_words["almost"], s.figure_words["about"]
(('min', True), ('max', True), ('approx', False))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from claimgraph.errors import VocabularyError
from claimgraph.schema.vocab import vocab_text

__all__ = ["CrossCaseSettings", "crosscase_settings"]

_NORMALISERS = {
    "upper": lambda v: v.strip().upper(),
    "lower": lambda v: v.strip().lower(),
    "digits": lambda v: re.sub(r"\D", "", v),
    "exact": lambda v: v.strip(),
}


@dataclass(frozen=True)
class CrossCaseSettings:
    """The compiled settings: ``schemes`` scheme -> (label, normaliser name);
    ``figure_words`` phrase -> (min | max | approx, open?)."""

    schemes: dict[str, tuple[str, str]]
    match_url: bool
    window: int
    near: float
    relative: float
    figure_words: dict[str, tuple[str, bool]]

    def normalise(self, scheme: str, value: str) -> str | None:
        """The comparable form of an identifier, or None when the scheme does not merge."""
        got = self.schemes.get(scheme)
        if got is None:
            return None
        return _NORMALISERS[got[1]](value) or None

    def label(self, scheme: str) -> str:
        return self.schemes.get(scheme, (scheme, ""))[0]


@cache
def crosscase_settings() -> CrossCaseSettings:
    """The bundled settings (cached)."""
    data = yaml.safe_load(vocab_text("crosscase.yaml")) or {}
    schemes: dict[str, tuple[str, str]] = {}
    for i, item in enumerate(data.get("identifiers") or []):
        how = str(item.get("normalise", "exact"))
        if how not in _NORMALISERS or "scheme" not in item:
            raise VocabularyError(f"schema/vocab/crosscase.yaml: identifiers[{i}]: needs a "
                                  f"scheme and normalise one of {sorted(_NORMALISERS)}")
        schemes[str(item["scheme"])] = (str(item.get("label", item["scheme"])), how)
    fw = data.get("figure_words") or {}
    words: dict[str, tuple[str, bool]] = {}
    for kind in ("min", "max"):
        for openness in ("open", "closed"):
            for w in (fw.get(kind) or {}).get(openness) or []:
                words[" ".join(str(w).lower().split())] = (kind, openness == "open")
    for w in fw.get("approx") or []:
        words[" ".join(str(w).lower().split())] = ("approx", False)
    return CrossCaseSettings(
        schemes=schemes, match_url=bool((data.get("sources") or {}).get("match_url", True)),
        window=int(fw.get("window", 4)), near=float(fw.get("near", 0.1)),
        relative=float(fw.get("relative", 0.05)), figure_words=words)
