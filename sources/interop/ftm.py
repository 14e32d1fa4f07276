"""Read FollowTheMoney JSON lines (an OpenSanctions or Aleph extract) as case entities.

One FtM entity per line (``{"id", "schema", "properties", …}``). People and organisations
become entities: the kind from the FtM schema, refined by OpenSanctions ``topics``
(``gov.soe`` → state-owned enterprise, ``mil`` → military body …; ``schema/vocab/ftm.yaml``),
the name (``caption``, else the first ``name``), the other names and aliases, a
description, and the identifiers: the FtM id under ``ids.<id_key>`` (``opensanctions`` by
default) and ``wikidataId``, ``leiCode``, ``innCode``, … under their own keys. A
``Membership`` between two imported entities becomes the member's ``part_of``. Other lines
(addresses, sanctions, other links) are reported and left out: a claim needs a quote from
a source, which an extract does not give. Every kind is marked in a comment for the
curator to check.

Examples
--------
>>> batch = read_ftm('{"id": "Q7747", "schema": "Person", "properties": '
...                  '{"name": ["Vladimir Putin"], "wikidataId": ["Q7747"]}}', "x.jsonl")
>>> batch.entities
[{'id': 'vladimir-putin', 'name': 'Vladimir Putin', 'kind': 'person', 'ids': {'opensanctions': 'Q7747', 'wikidata': 'Q7747'}}]
"""

from __future__ import annotations

import json
from typing import Any

from claimgraph.errors import Problem, Severity
from claimgraph.problemcodes import ProblemCode

from .mappings import ftm_mapping
from .records import ImportBatch, slug

__all__ = ["read_ftm"]

_MEMBERSHIP = "Membership"


def _strings(props: dict[str, Any], name: str) -> list[str]:
    values = props.get(name)
    if not isinstance(values, list):
        return []
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def read_ftm(text: str, file: str, *, id_key: str = "opensanctions") -> ImportBatch:
    """Every person and organisation of FtM JSON lines, as case entities; never raises."""
    m = ftm_mapping()
    batch = ImportBatch(file)
    ids: dict[str, str] = {}  # FtM id -> entity id
    members: list[tuple[str, str]] = []

    def problem(severity: Severity, code: ProblemCode, message: str, line: int, col: int = 1,
                hint: str | None = None) -> None:
        batch.problems.append(Problem(severity, code, message, file, line, col,
                                      hint))

    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            problem("error", ProblemCode.JSON_SYNTAX, exc.msg, n, exc.colno,
                    "each line must be one complete JSON object")
            continue
        except RecursionError:
            problem("error", ProblemCode.TOO_DEEP, "values are nested too deeply", n)
            continue
        if not (isinstance(data, dict) and isinstance(data.get("schema"), str)
                and isinstance(data.get("id"), str) and data["id"]
                and isinstance(data.get("properties", {}), dict)):
            problem("error", ProblemCode.FTM_SHAPE, "not an FtM entity", n,
                    hint='each line is {"id": …, "schema": …, "properties": {…}}')
            continue
        schema, fid, props = data["schema"], data["id"], data.get("properties", {})
        if schema == _MEMBERSHIP:
            member, org = _strings(props, "member"), _strings(props, "organization")
            if member and org:
                members.append((member[0], org[0]))
            continue
        if schema not in m.import_kinds:
            problem("info", ProblemCode.IMPORT_SKIPPED, f"{schema} {fid!r} is not an entity claimgraph "
                    "imports", n, hint="only people and organisations are imported")
            continue
        caption = data.get("caption")
        names = _strings(props, "name")
        name = caption.strip() if isinstance(caption, str) and caption.strip() else (
            names[0] if names else None)
        if name is None:
            problem("warning", ProblemCode.IMPORT_INCOMPLETE, f"{schema} {fid!r} has no name: left out", n)
            continue
        topics = _strings(props, "topics")
        kind = m.import_kinds[schema]
        if schema != "Person":
            kind = next((k for t, k in m.topic_kinds.items() if t in topics), kind)
        aliases = sorted({a for a in names + _strings(props, "alias")
                          + _strings(props, "previousName") if a != name})
        record: dict[str, Any] = {"name": name, "kind": kind}
        if aliases:
            record["aliases"] = aliases
        described = (_strings(props, "description") or _strings(props, "notes")
                     or _strings(props, "summary"))
        if described:
            record["description"] = described[0]
        ext = {id_key: fid}
        for prop, key in m.identifier_properties.items():
            if values := _strings(props, prop):
                ext[key] = values[0]
        record["ids"] = ext
        eid = batch.add_entity(record, slug(name, fallback="entity"))
        ids[fid] = eid
        where = f"FtM schema {schema}" + (f", topics {', '.join(topics)}" if topics else "")
        countries = _strings(props, "country") + _strings(props, "nationality")
        if countries:
            where += f"; countries {', '.join(sorted(set(countries)))}"
        batch.note("entities", eid, "kind", f"from {where}: check it")
    by_id = {e["id"]: e for e in batch.entities}
    for member_id, org_id in members:
        if member_id in ids and org_id in ids and ids[member_id] != ids[org_id]:
            entity = by_id[ids[member_id]]
            entity["part_of"] = sorted({*entity.get("part_of", []), ids[org_id]})
    return batch
