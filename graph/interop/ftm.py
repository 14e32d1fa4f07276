"""A case's entities and relations as FollowTheMoney entities (Aleph, OpenSanctions).

The mapping is data (``schema/vocab/ftm.yaml``): an entity becomes the FtM schema of its
kind (PublicBody, Organization, Company, Person, Event; commodities, motives and places
have no FtM counterpart and are left out), a source a document (Article, or Table for
data), an affirmed claim between two exported entities a link (Membership for
``member_of``/``part_of``, Sanction for ``sanctions``, UnknownLink for anything else —
with the predicate and the item in its ``role``, the claim's text as ``description``, its
time as dates and its sources as ``proof``), and every quote a Documentation linking its
source document to the claim's subject and object with the quote as ``summary``. Denied
claims are never links (FtM cannot say "denied"); their quotes still document the
entities. Ids are ``<case>.<kind>.<id>`` made safe for FtM. One JSON object per line, the
format ``ftm`` and Aleph read.

Examples
--------
>>> from claimgraph.schema.models import Case
>>> case = Case.model_validate({"meta": {"id": "demo", "title": "Demo"},
...     "entities": [{"id": "lin", "name": "Lin Jian", "kind": "person"},
...                  {"id": "mfa", "name": "Foreign Ministry", "kind": "government_body"}],
...     "claims": [{"id": "c1", "text": "Lin Jian is a member of the ministry.",
...                 "subject": "lin", "predicate": "member_of", "object": "mfa"}]})
>>> [(e["schema"], e["id"]) for e in ftm_entities(case)]
[('Person', 'demo.entity.lin'), ('PublicBody', 'demo.entity.mfa'), ('Membership', 'demo.claim.c1')]
"""

from __future__ import annotations

import re
from typing import Any

from claimgraph.schema.models import Case, Claim, Entity, Label, Source
from claimgraph.schema.vocab import Vocabulary, load_vocabulary
from claimgraph.sources.interop.mappings import ftm_mapping

__all__ = ["ftm_entities", "ftm_id"]


def ftm_id(case_id: str, kind: str, *parts: str | int) -> str:
    """An FtM entity id (letters, digits, ``.`` and ``-``, starting and ending with a
    letter or digit): ``ftm_id("demo", "entity", "a_b") == "demo.entity.a-b"``."""
    raw = ".".join([case_id, kind, *map(str, parts)])
    return re.sub(r"[^0-9A-Za-z.\-]", "-", raw).strip(".-") or "x"


def _props(**values: list[Any] | None) -> dict[str, list[str]]:
    return {k: sorted({str(v) for v in vs if v not in (None, "")}) for k, vs in values.items()
            if vs and any(v not in (None, "") for v in vs)}


class _Writer:
    def __init__(self, case: Case, vocab: Vocabulary) -> None:
        self.case = case
        self.vocab = vocab
        self.map = ftm_mapping()
        self.cid = case.meta.id
        self.entities = {e.id: e for e in case.entities}
        self.schema: dict[str, str] = {e.id: self.map.entity_schemata[e.kind]
                                       for e in case.entities
                                       if e.kind in self.map.entity_schemata}
        self.out: list[dict[str, Any]] = []
        self.id_props = {v: k for k, v in self.map.identifier_properties.items()}

    def add(self, schema: str, eid: str, props: dict[str, list[str]]) -> None:
        self.out.append({"id": eid, "schema": schema, "properties": props})

    def entity(self, e: Entity) -> None:
        props = _props(name=[e.name],
                       alias=[a.text if isinstance(a, Label) else a for a in e.aliases],
                       description=[e.description], notes=[e.note])
        for key, value in e.ids.items():
            if key in self.id_props:
                props[self.id_props[key]] = [value]
        self.add(self.schema[e.id], ftm_id(self.cid, "entity", e.id), props)

    def source(self, s: Source) -> None:
        schema = self.map.source_schemata.get(s.kind, self.map.default_source_schema)
        self.add(schema, ftm_id(self.cid, "source", s.id),
                 _props(title=[s.title], name=[s.title], publisher=[s.publisher],
                        author=list(s.authors), publishedAt=[s.published],
                        sourceUrl=[s.url], description=[s.description]))

    def link(self, link_id: str, predicate: str, subject: str, obj: str,
             extra: dict[str, list[str]]) -> None:
        """A link between two exported entities (the mapping says which schema)."""
        schema = self.map.predicate_schemata.get(predicate, self.map.default_link_schema)
        roles = self.map.link_roles[schema]
        if roles.to_schemata is not None and self.schema[obj] not in roles.to_schemata:
            schema = self.map.default_link_schema
            roles = self.map.link_roles[schema]
        props = dict(extra)
        if roles.from_ is not None:
            props[roles.from_] = [ftm_id(self.cid, "entity", subject)]
        if roles.from_name is not None:
            props[roles.from_name] = [self.entities[subject].name]
        props[roles.to] = [ftm_id(self.cid, "entity", obj)]
        label = props.pop("label", None)
        if label:
            props[roles.label] = label
        self.add(schema, link_id, dict(sorted(props.items())))

    def claim(self, c: Claim) -> None:
        exported = c.subject in self.schema and c.object in self.schema
        docs = sorted({ftm_id(self.cid, "source", e.source) for e in c.evidence
                       if e.relation != "refutes"})
        if exported and c.polarity == "affirmed" and c.subject != c.object:
            pred = self.vocab.predicates.get(c.predicate)
            label = pred.label if pred else c.predicate
            if c.item and c.item in self.entities:
                label += f" {self.entities[c.item].name}"
            start = end = date = None
            if c.time and "/" in c.time:
                a, b = c.time.split("/")
                start, end = (None if a == ".." else a), (None if b == ".." else b)
            elif c.time:
                date = c.time
            urls = sorted({s.url for s in self.case.sources if s.url and any(
                e.source == s.id for e in c.evidence)})
            self.link(ftm_id(self.cid, "claim", c.id), c.predicate, c.subject, c.object,
                      {**_props(description=[c.text], recordId=[c.id], startDate=[start],
                                endDate=[end], date=[date], proof=docs, sourceUrl=urls),
                       "label": [label]})
        for i, ev in enumerate(c.evidence):
            for role, eid in (("subject", c.subject), ("object", c.object)):
                if eid not in self.schema or (role == "object" and c.object == c.subject):
                    continue
                what = f"{ev.relation} claim {c.id}" + (" (a denial)" if c.polarity == "denied"
                                                        else "")
                self.add("Documentation", ftm_id(self.cid, "documentation", c.id, i, role),
                         _props(document=[ftm_id(self.cid, "source", ev.source)],
                                entity=[ftm_id(self.cid, "entity", eid)],
                                role=[what], summary=[ev.quote]))

    def run(self) -> list[dict[str, Any]]:
        for e in sorted(self.case.entities, key=lambda e: e.id):
            if e.id in self.schema:
                self.entity(e)
        for s in sorted(self.case.sources, key=lambda s: s.id):
            self.source(s)
        for c in sorted(self.case.claims, key=lambda c: c.id):
            self.claim(c)
        for e in sorted(self.case.entities, key=lambda e: e.id):
            for parent in e.part_of:
                if e.id in self.schema and parent in self.schema:
                    self.link(ftm_id(self.cid, "part-of", e.id, parent), "part_of", e.id,
                              parent, {"label": ["part of"]})
        return self.out


def ftm_entities(case: Case, vocab: Vocabulary | None = None) -> list[dict[str, Any]]:
    """The case as FtM entity dicts (``id``, ``schema``, ``properties``), deterministic."""
    return _Writer(case, vocab or load_vocabulary().extend(case.meta.vocabulary)).run()

