"""Find quantities, times, speakers, predicate cues and capitalised names in a sentence.

The words are data (``schema/vocab/extract.yaml``); these are deterministic regular
expressions built from them, for :mod:`.extract`. Every finding is a guess for a human to
check, never a fact.

Examples
--------
>>> scan = scanner()
>>> scan.quantity("In 2023, exports more than doubled to about 1,300 tons.")
({'value': 1300, 'unit': 't', 'approx': True}, 'about 1,300 tons')
>>> scan.quantity("Sales reached $1.5 billion.")
({'value': 1500000000.0, 'unit': 'USD'}, '$1.5 billion')
>>> scan.time("In early 2024 alone, China supplied 110 tons."), scan.time("in April 2025")
(('2024', 'early 2024', 'early'), ('2025-04', 'April 2025', None))
>>> scan.time("from 2015 to 2021"), scan.time("since 2022")
(('2015/2021', 'from 2015 to 2021', None), ('2022/..', 'since 2022', None))
>>> [(n, k) for _, _, n, k in scan.names("Data from the Ministry of Commerce and NORINCO.")]
[('Ministry of Commerce', 'government_body'), ('NORINCO', 'group')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from claimgraph.errors import VocabularyError
from claimgraph.schema.vocab import load_vocabulary, vocab_text

__all__ = ["ExtractVocab", "Scanner", "extract_vocab", "scanner"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cue(_Strict):
    predicate: str
    words: tuple[str, ...]


class KindCue(_Strict):
    kind: str
    words: tuple[str, ...]


class Placeholder(_Strict):
    id: str
    name: str
    kind: str


class ExtractVocab(_Strict):
    """``schema/vocab/extract.yaml``."""

    version: int
    predicates: tuple[Cue, ...]
    fallback_predicates: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    negation_words: tuple[str, ...]
    scales: dict[str, int]
    units: dict[str, tuple[str, ...]]
    prefix_units: dict[str, str]
    approx_words: tuple[str, ...]
    min_words: tuple[str, ...]
    max_words: tuple[str, ...]
    months: tuple[str, ...]
    vague_time_words: tuple[str, ...]
    connectors: tuple[str, ...]
    not_entities: tuple[str, ...]
    kind_cues: tuple[KindCue, ...]
    default_kind: str
    placeholder: Placeholder


@cache
def extract_vocab() -> ExtractVocab:
    """The extractor's words, checked against the bundled vocabulary."""
    try:
        v = ExtractVocab.model_validate(yaml.safe_load(vocab_text("extract.yaml")))
    except ValidationError as exc:
        raise VocabularyError(f"schema/vocab/extract.yaml: {exc}") from exc
    vocab = load_vocabulary()
    bad = [p for p in [c.predicate for c in v.predicates] + list(v.fallback_predicates)
           if p not in vocab.predicates]
    bad += [k for k in [c.kind for c in v.kind_cues] + [v.default_kind, v.placeholder.kind]
            if k not in vocab.entity_kinds]
    if bad:
        raise VocabularyError(f"schema/vocab/extract.yaml names unknown terms: {bad}")
    return v


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of words (``*`` = any word ending), longest first."""
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        stem = w.rstrip("*")
        body = r"\s+".join(re.escape(p) for p in stem.split())
        parts.append(body + (r"\w*" if w.endswith("*") else ""))
    return "|".join(parts)


def _words(words: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)", re.IGNORECASE)


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_YEAR = r"(?:19|20)\d{2}"


@dataclass(frozen=True)
class Scanner:
    """The compiled patterns of an :class:`ExtractVocab`."""

    v: ExtractVocab
    quantity_re: re.Pattern[str]
    unit_of: dict[str, str]
    time_res: tuple[tuple[str, re.Pattern[str]], ...]
    cue_res: tuple[tuple[str, re.Pattern[str]], ...]
    speech_re: re.Pattern[str]
    negation_re: re.Pattern[str]
    name_re: re.Pattern[str]
    kind_res: tuple[tuple[str, re.Pattern[str]], ...]

    # -- quantities ----------------------------------------------------------------------
    def quantity(self, text: str) -> tuple[dict[str, Any], str] | None:
        """The first number with a known unit: ``({value, unit, approx?, bound?}, words)``."""
        v = self.v
        for m in self.quantity_re.finditer(text):
            unit_word = (m.group("unit") or m.group("prefix") or "").lower()
            unit = self.unit_of.get(" ".join(unit_word.split()))
            if unit is None:
                continue
            raw = m.group("num").replace(",", "")
            value: int | float = int(raw) if raw.isdigit() else float(raw)
            scale = (m.group("scale") or "").lower()
            if scale:
                value = value * v.scales[scale]
                if isinstance(value, float) and value.is_integer() and "." not in raw:
                    value = int(value)
            out: dict[str, Any] = {"value": value, "unit": unit}
            mod = (m.group("mod") or "").lower()
            mod = " ".join(mod.split())
            if mod in v.approx_words:
                out["approx"] = True
            elif mod in v.min_words:
                out["bound"] = "min"
            elif mod in v.max_words:
                out["bound"] = "max"
            return out, m.group(0).strip()
        return None

    # -- times ---------------------------------------------------------------------------
    def time(self, text: str) -> tuple[str, str, str | None] | None:
        """The first date or interval: ``(ISO partial date or interval, words, vague word)``."""
        best: tuple[int, str, str, str | None] | None = None
        for shape, rx in self.time_res:
            m = rx.search(text)
            if m is None or (best is not None and m.start() >= best[0]):
                continue
            g = m.groupdict()
            vague = (g.get("vague") or "").lower() or None
            if shape == "interval":
                value = f"{g['y1']}/{g['y2']}" if g["y1"] <= g["y2"] else None
            elif shape == "since":
                value = f"{g['y1']}/.."
            elif shape == "day":
                month = self.v.months.index(g["month"].lower()) + 1
                value = f"{g['y1']}-{month:02d}-{int(g['day']):02d}"
            elif shape == "month":
                month = self.v.months.index(g["month"].lower()) + 1
                value = f"{g['y1']}-{month:02d}"
            elif shape == "iso":
                value = m.group("iso")
            else:
                value = g["y1"]
            if value is not None:
                best = (m.start(), value, m.group(0).strip(), vague)
        return None if best is None else best[1:]

    # -- words ---------------------------------------------------------------------------
    def cues(self, text: str) -> list[tuple[int, str, str]]:
        """Every predicate cue: ``(position, predicate, words)``, by position."""
        out = [(m.start(), pred, m.group(0)) for pred, rx in self.cue_res
               for m in rx.finditer(text)]
        return sorted(out)

    def negations(self, text: str) -> list[str]:
        return [m.group(0) for m in self.negation_re.finditer(text)]

    def _title_case(self, text: str) -> bool:
        words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", text)
                 if w.lower() not in self.v.connectors]
        return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)

    def names(self, text: str) -> list[tuple[int, int, str, str]]:
        """Capitalised phrases that may name an entity: ``(start, end, name, kind)``."""
        out: list[tuple[int, int, str, str]] = []
        skip = set(self.v.not_entities)
        if self._title_case(text) and not text.rstrip().endswith((".", "!", "?", "”", '"')):
            return out  # a heading in title case: its capitals name nothing
        colon = text.find(":")
        label_end = colon if colon > 0 and self._title_case(text[:colon]) else -1
        for m in self.name_re.finditer(text):
            if m.start() < label_end:
                continue  # a title-case label before a colon ("Strategic Rivalry: ...")
            name = m.group(0)
            parts = name.split()
            while parts and (parts[-1].lower() in self.v.connectors or parts[-1] in skip):
                parts.pop()
            while parts and (parts[0] in skip or parts[0].lower() in self.v.connectors):
                parts.pop(0)
            if not parts:
                continue
            name = " ".join(parts)
            if len(parts) == 1 and not (name.isupper() and len(name) >= 2):
                before = text[:m.start()].rstrip()
                if not before or before[-1] in ".!?:;|(—–-\"“" or "-" in name[1:]:
                    continue  # a sentence's (or cell's) first word, or a compound adjective
            start = text.find(name, m.start())
            kind = next((k for k, rx in self.kind_res if rx.search(name)), self.v.default_kind)
            out.append((start, start + len(name), name, kind))
        return out


@cache
def scanner() -> Scanner:
    """The scanner built from ``extract.yaml`` (cached)."""
    v = extract_vocab()
    unit_of = {" ".join(w.lower().split()): unit for unit, words in v.units.items()
               for w in words}
    unit_of.update({k: u for k, u in v.prefix_units.items()})
    mods = _alternation([*v.approx_words, *v.min_words, *v.max_words])
    units = _alternation([w for words in v.units.values() for w in words])
    prefixes = "|".join(re.escape(p) for p in v.prefix_units)
    quantity_re = re.compile(
        rf"(?:(?P<mod>{mods})\s+)?(?P<prefix>{prefixes})?(?P<num>{_NUMBER})"
        rf"(?:\s*(?P<scale>{'|'.join(v.scales)})\b)?"
        rf"(?:\s*(?P<unit>{units})(?!\w))?", re.IGNORECASE)
    months = "|".join(v.months)
    vague = _alternation(list(v.vague_time_words))
    pre = rf"(?:(?P<vague>{vague})[\s-]+)?"
    time_res = (
        ("interval", re.compile(rf"(?:from|between)\s+(?P<y1>{_YEAR})\s+(?:to|and|until)\s+"
                                rf"(?P<y2>{_YEAR})\b", re.IGNORECASE)),
        ("interval", re.compile(rf"\b(?P<y1>{_YEAR})\s*[-–/]\s*(?P<y2>{_YEAR})\b")),
        ("since", re.compile(rf"\bsince\s+(?P<y1>{_YEAR})\b", re.IGNORECASE)),
        ("iso", re.compile(rf"\b(?P<iso>{_YEAR}-\d{{2}}-\d{{2}})\b")),
        ("day", re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{months})\s+(?P<y1>{_YEAR})\b",
                           re.IGNORECASE)),
        ("month", re.compile(rf"{pre}\b(?P<month>{months})\s+(?P<y1>{_YEAR})\b", re.IGNORECASE)),
        ("year", re.compile(rf"{pre}(?<![\d,.])\b(?P<y1>{_YEAR})\b(?![\d,.]\d)", re.IGNORECASE)),
    )
    cue_res = tuple((c.predicate, _words(c.words)) for c in v.predicates)
    cap = r"(?:[A-Z][\w'’\-]*|[A-Z]{2,})"
    connectors = "|".join(re.escape(c) for c in v.connectors)
    name_re = re.compile(rf"{cap}(?:\s+(?:(?:{connectors})\s+)*{cap})*")
    kind_res = tuple((k.kind, _words(k.words)) for k in v.kind_cues)
    return Scanner(v, quantity_re, unit_of, time_res, cue_res, _words(v.speech_verbs),
                   _words(v.negation_words), name_re, kind_res)
