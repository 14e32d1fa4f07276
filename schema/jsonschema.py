"""JSON Schema of case files, generated from the pydantic models.

Point an editor's YAML language server at it (see the README) to get completion and
checks while typing. The schema accepts what ``claimgraph validate`` accepts on its own
(an unquoted year such as ``time: 2023`` is fine); cross-references and vocabularies are
only checked by ``claimgraph validate``.

>>> s = case_file_schema()
>>> sorted(s["properties"])[:4]
['claims', 'curators', 'description', 'entities']
>>> s["$defs"]["Claim"]["additionalProperties"]
False
>>> [alt.get("type") for alt in s["$defs"]["Source"]["properties"]["published"]["anyOf"]]
['string', 'integer', 'null']
"""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel, Field, create_model
from pydantic.fields import FieldInfo

from .dates import PARTIAL_DATE_PATTERN, TIME_PATTERN
from .models import CaseMeta, Claim, Entity, Source, Verdict

__all__ = ["case_file_schema"]

_YEAR = {"type": "integer", "minimum": 1, "maximum": 9999, "description": "a year"}


def _date_descriptions() -> dict[str, str]:
    """Description -> pattern of the partial-date and time fields (pydantic drops their
    pattern from the JSON Schema because a before-validator turns a bare year into text)."""
    out: dict[str, str] = {}
    models: list[type[BaseModel]] = [Source, Claim, Verdict]
    for model in models:
        for info in model.model_fields.values():
            for arg in (info.annotation, *get_args(info.annotation)):
                for meta in getattr(arg, "__metadata__", ()):
                    if isinstance(meta, FieldInfo) and meta.description:
                        pattern = next((getattr(m, "pattern", None) for m in meta.metadata), None)
                        if pattern in (PARTIAL_DATE_PATTERN, TIME_PATTERN):
                            out[meta.description] = pattern
    return out


def _fix_dates(node: Any, dates: dict[str, str]) -> Any:
    if isinstance(node, list):
        return [_fix_dates(x, dates) for x in node]
    if not isinstance(node, dict):
        return node
    desc = node.get("description")
    if node.get("type") == "string" and desc in dates:
        return {"anyOf": [{"type": "string", "pattern": dates[desc]}, _YEAR],
                "description": desc}
    out = {k: _fix_dates(v, dates) for k, v in node.items()}
    alts = out.get("anyOf")
    if isinstance(alts, list):  # flatten anyOf [anyOf [...], null]
        flat: list[Any] = []
        for alt in alts:
            if isinstance(alt, dict) and set(alt) == {"anyOf", "description"}:
                flat.extend(alt["anyOf"])
                out.setdefault("description", alt["description"])
            else:
                flat.append(alt)
        out["anyOf"] = flat
    return out


def case_file_schema() -> dict[str, Any]:
    """A schema that accepts case.yaml and every other data file of a case."""
    fields: dict[str, Any] = {
        name: (info.annotation, Field(None, description=info.description))
        for name, info in CaseMeta.model_fields.items()
    }
    fields["entities"] = (list[Entity] | None, None)
    fields["sources"] = (list[Source] | None, None)
    fields["claims"] = (list[Claim] | None, None)
    model = create_model("CaseFile", __config__=CaseMeta.model_config, **fields)
    schema: dict[str, Any] = _fix_dates(model.model_json_schema(), _date_descriptions())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "claimgraph case file"
    schema["description"] = (
        "case.yaml (id, title, ... ) or a data file holding entities:, sources:, claims:"
    )
    return schema
