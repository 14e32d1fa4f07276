"""Draft candidate claims from a new source text, for a human to curate.

``claimgraph extract TEXT --case CASE`` reads a captured text of the case, cuts it into
sentences (:mod:`claimgraph.sources.sentences`), and writes one candidate claim per
sentence whose evidence is that sentence, verbatim — so every quote anchors and the draft
validates with the case as written. For each sentence it guesses, and marks every guess in
a YAML comment:

- the entities mentioned, by name and alias (a multi-pattern Aho-Corasick match over the
  case's entities), and capitalised names the case does not know yet, which become
  candidate entities with a kind guessed from their words;
- subject (the first actor named, not the speaker), object (the next entity), item (a
  commodity or weapon named), and the predicate from cue words (``extract.yaml``) that
  the kinds allow;
- the speaker ("according to X", "X said") as claimant;
- a quantity with its unit ("about 1,300 tons" → ``{value: 1300, unit: t, approx: true}``)
  and a time ("in April 2025" → ``2025-04``);
- hedges (with the ICD 203 likelihood they imply, as ``confidence``) and vague
  attributions, found by :mod:`claimgraph.sources.lint`; words that may make it a denial.

Nothing is fetched and no model is used: the same text and case give the same draft.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "case.yaml").write_text("id: demo\\ntitle: Demo\\n")
>>> _ = (d / "e.yaml").write_text("entities:\\n  - {id: cn, name: China, kind: state}\\n"
...     "  - {id: ru, name: Russia, kind: state}\\n  - {id: nc, name: nitrocellulose, "
...     "kind: commodity}\\n")
>>> _ = (d / "news.txt").write_text("China reportedly exported about 700 tons of "
...     "nitrocellulose to Russia in 2022.\\n")
>>> draft = extract_draft(d / "news.txt", d)
>>> c = draft.batch.claims[0]
>>> c["subject"], c["predicate"], c["object"], c["item"], c["time"], c["quantity"]
('cn', 'supplies', 'ru', 'nc', '2022', {'value': 700, 'unit': 't', 'approx': True})
>>> c["confidence"], c["evidence"][0]["source"]
('roughly_even_chance', 'news')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick

from claimgraph.errors import ClaimgraphError
from claimgraph.schema.caseload import CASE_FILE, load_case_folder
from claimgraph.schema.models import Entity, Label
from claimgraph.schema.validate import case_vocabulary
from claimgraph.schema.vocab import Vocabulary

from ..anchoring import normalise
from ..documents import read_source
from ..lint import lint_text
from ..sentences import split_units
from .records import ImportBatch, slug
from .textscan import Scanner, scanner

__all__ = ["Draft", "extract_draft", "quote_recall"]


@dataclass
class Draft:
    """The candidate records, their YAML, and the quotes they carry."""

    batch: ImportBatch
    source_id: str
    text_path: str
    quotes: list[str] = field(default_factory=list)

    def to_yaml(self) -> str:
        return self.batch.to_yaml(
            f"Draft claims extracted by `claimgraph extract` from {self.text_path}.\n"
            "Every claim quotes one sentence verbatim, so the draft validates as written;\n"
            "its `text` is that sentence: rewrite it as the claim in plain words. A comment\n"
            "marks each guessed value: check it, correct it or delete the claim.")


def _lower(text: str) -> str:
    """Lower case without changing any offset (a character whose lower case is longer
    stays as it is)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass
class _Mention:
    start: int
    end: int
    ids: list[str]
    words: str


class _Drafter:
    def __init__(self, root: Path, text_path: Path) -> None:
        self.root = root
        self.loaded = load_case_folder(root)
        self.vocab: Vocabulary = case_vocabulary(self.loaded, [])
        self.scan: Scanner = scanner()
        self.entities: dict[str, Entity] = {e.id: e for e in self.loaded.entities}
        self.kinds: dict[str, str] = {e.id: e.kind for e in self.loaded.entities}
        self.batch = ImportBatch(str(text_path))
        self.batch.taken = {e.id for e in self.loaded.entities} | {
            s.id for s in self.loaded.sources} | {c.id for c in self.loaded.claims}
        self.automaton = ahocorasick.Automaton()
        names: dict[str, list[str]] = {}
        for e in self.loaded.entities:
            for name in [e.name, *(a.text if isinstance(a, Label) else a for a in e.aliases)]:
                key = _lower(name.strip())
                if len(key) >= 2 and e.id not in names.setdefault(key, []):
                    names[key].append(e.id)
        for key, ids in names.items():
            self.automaton.add_word(key, (len(key), ids))
        if names:
            self.automaton.make_automaton()
        self.has_names = bool(names)
        self.new_names: dict[str, str] = {}  # lower-case candidate name -> entity id

    # -- mentions -------------------------------------------------------------------------
    def mentions(self, sentence: str) -> list[_Mention]:
        lowered = _lower(sentence)
        found: list[_Mention] = []
        if self.has_names:
            for end, (n, ids) in self.automaton.iter(lowered):
                start = end - n + 1
                before = lowered[start - 1] if start else " "
                after = lowered[end + 1] if end + 1 < len(lowered) else " "
                if before.isalnum() or after.isalnum():
                    continue
                found.append(_Mention(start, end + 1, list(ids), sentence[start:end + 1]))
        for start, end, name, kind in self.scan.names(sentence):
            if any(m.start < end and start < m.end for m in found):
                continue
            key = _lower(name)
            if key not in self.new_names:
                eid = self.batch.add_entity({"name": name, "kind": kind},
                                            slug(name, fallback="entity"))
                self.new_names[key] = eid
                self.kinds[eid] = kind
                self.batch.note("entities", eid, "kind", f"guessed from the name {name!r}")
                self.batch.note("entities", eid, "name", "a candidate new entity: keep, merge "
                                "into a known one, or delete it")
            found.append(_Mention(start, end, [self.new_names[key]], name))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[_Mention] = []
        for m in found:
            if not chosen or m.start >= chosen[-1].end:
                chosen.append(m)
        return chosen

    def placeholder(self) -> str:
        p = self.scan.v.placeholder
        eid = self.batch.add_entity({"name": p.name, "kind": p.kind}, p.id)
        self.kinds[eid] = p.kind
        return eid

    # -- one sentence ---------------------------------------------------------------------
    def is_actor(self, eid: str) -> bool:
        kind = self.kinds.get(eid)
        return kind is not None and kind in self.vocab.entity_kinds and self.vocab.is_actor(kind)

    def is_item(self, eid: str) -> bool:
        kind = self.kinds.get(eid, "")
        return any(kind in self.vocab.descendants(k) for k in ("commodity", "weapon_system")
                   if k in self.vocab.entity_kinds)

    def speaker(self, sentence: str, mentions: list[_Mention]) -> _Mention | None:
        low = sentence.lower()
        for m in mentions:
            if not self.is_actor(m.ids[0]):
                continue
            if low[:m.start].rstrip().endswith("according to"):
                return m
            verb = self.scan.speech_re.match(low, m.end + 1) if m.end < len(low) else None
            if verb is not None and low[m.end:m.end + 1].isspace():
                return m
        return None

    def predicate(self, sentence: str, subject: str, obj: str,
                  after: int) -> tuple[str, str | None]:
        """The predicate of the first cue word (those after the subject first) whose
        predicate takes the subject's and object's kinds, else the first fallback that
        does."""
        ks, ko = self.kinds.get(subject, ""), self.kinds.get(obj, "")
        cues = sorted(self.scan.cues(sentence), key=lambda c: (c[0] < after, c[0]))
        for _, pred_id, words in cues:
            pred = self.vocab.predicates.get(pred_id)
            if pred and self.vocab.kind_allowed(ks, pred.subject_kinds) and \
                    self.vocab.kind_allowed(ko, pred.object_kinds):
                return pred_id, words
        for pred_id in self.scan.v.fallback_predicates:
            pred = self.vocab.predicates[pred_id]
            if self.vocab.kind_allowed(ks, pred.subject_kinds) and \
                    self.vocab.kind_allowed(ko, pred.object_kinds):
                return pred_id, None
        return self.scan.v.fallback_predicates[-1], None

    def claim(self, n: int, sentence: str, source_id: str, occurrence: int) -> None:
        mentions = self.mentions(sentence)
        notes: dict[str, str] = {}
        speaker = self.speaker(sentence, mentions)
        rest = [m for m in mentions if m is not speaker]
        actors = [m for m in rest if self.is_actor(m.ids[0])]
        subject_m = actors[0] if actors else (rest[0] if rest else None)
        used = {id(subject_m)}
        item_m = next((m for m in rest if id(m) not in used and self.is_item(m.ids[0])), None)
        used.add(id(item_m))
        object_m = next((m for m in rest if id(m) not in used and m.ids[0] != (
            subject_m.ids[0] if subject_m else None)), None)
        record: dict[str, Any] = {"text": sentence}
        for role, m in (("subject", subject_m), ("object", object_m)):
            if m is None:
                record[role] = self.placeholder()
                notes[role] = "nothing found: choose one"
            else:
                record[role] = m.ids[0]
                also = f"; also named so: {', '.join(m.ids[1:])}" if len(m.ids) > 1 else ""
                notes[role] = f"guessed from {m.words!r}{also}"
        pred, cue = self.predicate(sentence, record["subject"], record["object"],
                                   subject_m.end if subject_m else 0)
        record["predicate"] = pred
        notes["predicate"] = f"guessed from {cue!r}" if cue else "guessed: no cue word fits"
        negations = self.scan.negations(sentence)
        if negations:
            notes["predicate"] += f"; check the polarity ({', '.join(negations)})"
        if item_m is not None:
            record["item"] = item_m.ids[0]
            notes["item"] = f"guessed from {item_m.words!r}"
        if (q := self.scan.quantity(sentence)) is not None:
            record["quantity"], notes["quantity"] = q[0], f"guessed from {q[1]!r}"
        if (t := self.scan.time(sentence)) is not None:
            record["time"] = t[0]
            notes["time"] = f"guessed from {t[1]!r}" + (
                f" ({t[2]}: narrow it if you can)" if t[2] else "")
        if speaker is not None:
            record["claimant"] = speaker.ids[0]
            notes["claimant"] = f"guessed: {speaker.words!r} says it"
        hits = lint_text(sentence, self.vocab)
        hedges = [h for h in hits if h.kind == "hedge" and h.implies]
        if hedges:
            record["confidence"] = hedges[0].implies
            notes["confidence"] = f"from the hedge {hedges[0].matched!r}"
        vague = [h.matched for h in hits if h.kind == "vague"]
        ev: dict[str, Any] = {"source": source_id, "quote": sentence}
        if occurrence > 1:
            ev["occurrence"] = occurrence
        record["evidence"] = [ev]
        if vague:
            notes["evidence"] = f"vague attribution: {', '.join(map(repr, vague))} — who says it?"
        rid = self.batch.add_claim(record, f"{source_id}-{n:03d}", sentence)
        for name, note in notes.items():
            self.batch.note("claims", rid, name, note)

    # -- the text -------------------------------------------------------------------------
    def source_id(self, text_path: Path, title: str) -> str:
        rel = text_path.relative_to(self.root.resolve()).as_posix()
        for s in self.loaded.sources:
            if s.text and (self.root / s.text).resolve() == text_path:
                return s.id
        sid = self.batch.add_source({"title": title, "kind": "other", "text": rel},
                                    slug(text_path.stem, fallback="source"))
        self.batch.note("sources", sid, "title", "guessed: the text's first line")
        self.batch.note("sources", sid, "kind", "guessed: say what kind of source it is")
        return sid


def extract_draft(text_path: Path | str, case_dir: Path | str) -> Draft:
    """The draft for a text inside the case folder ``case_dir``."""
    root = Path(case_dir)
    if not (root / CASE_FILE).is_file():
        raise ClaimgraphError(f"no {CASE_FILE} in {root}", hint="give the case folder (--case)")
    path = Path(text_path).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ClaimgraphError(f"{text_path} is not inside the case folder {root}",
                              hint=f"copy it into the case first, e.g. to {root / 'texts'}/")
    if not path.is_file():
        raise ClaimgraphError(f"{text_path} is not a file", hint="give the path of a text")
    text = read_source(path).text
    drafter = _Drafter(root, path)
    units = split_units(text)
    title = text[units[0][0]:units[0][1]][:200] if units else path.stem
    sid = drafter.source_id(path, title)
    draft = Draft(drafter.batch, sid, path.relative_to(root.resolve()).as_posix())
    for n, (a, b) in enumerate(units, start=1):
        sentence = text[a:b]
        occurrence = text.count(sentence, 0, a) + 1 if text.count(sentence) > 1 else 1
        drafter.claim(n, sentence, sid, occurrence)
        draft.quotes.append(sentence)
    return draft


def quote_recall(candidates: list[str], curated: set[str]) -> tuple[int, int]:
    """How many curated quotes lie inside a candidate quote (whitespace, quotes and dashes
    normalised), out of how many.

    >>> quote_recall(["In 2022, about 700 tons were exported."], {"about 700 tons", "zz"})
    (1, 2)
    """
    cands = [normalise(c) for c in candidates]
    return sum(any(normalise(q) in c for c in cands) for q in curated), len(curated)
