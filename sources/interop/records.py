"""Records read from another format, before they join a case: ids, merging, YAML.

An importer fills an :class:`ImportBatch` with records in case-file shape (plain dicts,
exactly the fields of the YAML format), one comment per field where a value was guessed,
and located problems. :meth:`ImportBatch.merge_into` then fits the batch to an existing
case: an entity the case already has (same external id, or the same name or alias) and a
source it already has (same URL) are reused rather than added, new ids that clash with the
case's are renamed, and a claim whose id the case already holds is left out with a warning.
:meth:`ImportBatch.to_yaml` writes the result as one case data file.

Examples
--------
>>> b = ImportBatch("reviews.json")
>>> b.add_entity({"name": "Square World Society", "kind": "group"})
'square-world-society'
>>> b.add_entity({"name": "square world society", "kind": "group"})  # the same one
'square-world-society'
>>> slug("Le Monde — Les Décodeurs!"), slug("***", fallback="x")
('le-monde-les-decodeurs', 'x')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from claimgraph.errors import Problem
from claimgraph.problemcodes import ProblemCode
from claimgraph.schema.caseload import LoadedCase
from claimgraph.schema.models import ID_PATTERN, Claim, Entity, Label, Source
from claimgraph.schema.yamlout import records_yaml

__all__ = ["ImportBatch", "is_id", "slug"]

_ID = re.compile(ID_PATTERN)
_ENTITY_REFS = ("part_of", "country", "same_as")
_CLAIM_REFS = ("subject", "object", "item", "place", "via", "motives", "claimant")
_SECTIONS = ("entities", "sources", "claims")


def is_id(value: Any) -> bool:
    """True for a string that is a valid record id."""
    return isinstance(value, str) and len(value) <= 200 and bool(_ID.match(value))


def slug(text: str, *, fallback: str = "record", limit: int = 48) -> str:
    """A readable id from a name: ASCII letters and digits joined by ``-``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:limit].strip("-")
    return out or fallback


def _names(record: dict[str, Any]) -> set[str]:
    names = {str(record.get("name", "")).casefold()}
    for a in record.get("aliases") or []:
        names.add((a.text if isinstance(a, Label) else a["text"] if isinstance(a, dict)
                   else str(a)).casefold())
    return {n for n in names if n}


def _ordered(record: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """The record's fields in the model's order (as a person would write them)."""
    order = {name: i for i, name in enumerate(model.model_fields)}
    return dict(sorted(record.items(), key=lambda kv: order.get(kv[0], len(order))))


def _remap(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, list):
        return [mapping.get(v, v) if isinstance(v, str) else v for v in value]
    return mapping.get(value, value) if isinstance(value, str) else value


@dataclass
class ImportBatch:
    """Entities, sources and claims read from ``file``, with comments and problems."""

    file: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    comments: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)

    def unique(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3`` … when taken; the id is then taken."""
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate

    def note(self, section: str, record_id: str, field_name: str, text: str) -> None:
        """A comment on one field of a record (shown in the YAML file)."""
        self.comments.setdefault((section, record_id), {})[field_name] = text

    def add_entity(self, record: dict[str, Any], preferred_id: str | None = None) -> str:
        """Add an entity (or find the one with the same name and kind); its id."""
        names = _names(record)
        for e in self.entities:
            if e["kind"] == record["kind"] and names & _names(e):
                return str(e["id"])
        base = preferred_id if is_id(preferred_id) else slug(record["name"], fallback="entity")
        rid = self.unique(str(base))
        self.entities.append(_ordered({**record, "id": rid}, Entity))
        return rid

    def add_source(self, record: dict[str, Any], preferred_id: str | None = None) -> str:
        """Add a source (or find the one with the same URL, else the same title); its id."""
        for s in self.sources:
            if (record.get("url") and s.get("url") == record.get("url")) or (
                    not record.get("url") and not s.get("url")
                    and s.get("title") == record.get("title")):
                return str(s["id"])
        url = re.sub(r"^https?://(www\.)?", "", str(record.get("url") or ""))
        title = record.get("title")
        base = preferred_id if is_id(preferred_id) else slug(
            title if title and title != record.get("url") else url, fallback="source")
        rid = self.unique(str(base))
        self.sources.append(_ordered({**record, "id": rid}, Source))
        return rid

    def add_claim(self, record: dict[str, Any], preferred_id: str | None,
                  text_for_id: str) -> str:
        base = preferred_id if is_id(preferred_id) else slug(text_for_id, fallback="claim",
                                                              limit=40)
        rid = self.unique(str(base))
        self.claims.append(_ordered({**record, "id": rid}, Claim))
        return rid

    # -- joining a case -------------------------------------------------------------------
    def merge_into(self, loaded: LoadedCase) -> None:
        """Fit the batch to an existing case (see the module docstring)."""
        mapping: dict[str, str] = {}
        by_ext: dict[tuple[str, str], str] = {}
        by_name: dict[str, str] = {}
        for ent in loaded.entities:
            for key, value in ent.ids.items():
                by_ext.setdefault((key, value), ent.id)
            for n in _names(ent.model_dump()):
                by_name.setdefault(n, ent.id)
        by_url = {src.url: src.id for src in loaded.sources if src.url}
        by_title = {src.title.casefold(): src.id for src in loaded.sources}
        existing = {r.id for r in loaded.entities} | {r.id for r in loaded.sources} | {
            r.id for r in loaded.claims}
        kept_entities = []
        for e in self.entities:
            hit = next((by_ext[(k, v)] for k, v in (e.get("ids") or {}).items()
                        if (k, v) in by_ext), None) or next(
                (by_name[n] for n in sorted(_names(e)) if n in by_name), None)
            if hit is not None:
                mapping[e["id"]] = hit
            else:
                kept_entities.append(e)
        kept_sources = []
        for s in self.sources:
            if s.get("url") in by_url:
                mapping[s["id"]] = by_url[s["url"]]
            elif not s.get("url") and str(s.get("title", "")).casefold() in by_title:
                mapping[s["id"]] = by_title[str(s["title"]).casefold()]
            else:
                kept_sources.append(s)
        kept_claims = []
        claim_ids = {cl.id for cl in loaded.claims}
        for c in self.claims:
            if c["id"] in claim_ids:
                self.problems.append(Problem(
                    "warning", ProblemCode.IMPORT_SKIPPED, f"claim '{c['id']}' is already in the case: "
                    "not imported (the case's own record is kept)", self.file,
                    hint="edit the case's record if the review changed"))
            else:
                kept_claims.append(c)
        self.taken = set(existing)
        kept = {"entities": kept_entities, "sources": kept_sources, "claims": kept_claims}
        for section, records in kept.items():
            for r in records:
                if r["id"] not in existing:
                    self.taken.add(r["id"])
                    continue
                new = self.unique(r["id"])
                mapping[r["id"]] = new
                notes = self.comments.pop((section, r["id"]), None)
                if notes:
                    self.comments[(section, new)] = notes
                r["id"] = new
        for e in kept_entities:
            for f in _ENTITY_REFS:
                if f in e:
                    e[f] = _remap(e[f], mapping)
        for c in kept_claims:
            for f in _CLAIM_REFS:
                if f in c:
                    c[f] = _remap(c[f], mapping)
            for ev in c.get("evidence") or []:
                ev["source"] = _remap(ev["source"], mapping)
            if "first_appearance" in c:
                c["first_appearance"] = _remap(c["first_appearance"], mapping)
        self.entities, self.sources, self.claims = kept_entities, kept_sources, kept_claims

    def counts(self) -> dict[str, int]:
        return {s: len(getattr(self, s)) for s in _SECTIONS}

    def to_yaml(self, header: str) -> str:
        """The batch as one case data file, ``header`` as its opening comment lines."""
        head = "".join(f"#{' ' + line if line else ''}\n" for line in header.splitlines())
        parts = []
        for section in _SECTIONS:
            records = getattr(self, section)
            if records:
                parts.append(records_yaml(section, records, comments=[
                    self.comments.get((section, r["id"]), {}) for r in records]))
        return head + "".join(parts)
