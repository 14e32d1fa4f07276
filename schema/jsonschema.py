"""JSON Schema of case files, generated from the pydantic models.

Point an editor's YAML language server at it (see the README) to get completion and
checks while typing.

>>> s = case_file_schema()
>>> sorted(s["properties"])[:4]
['claims', 'curators', 'description', 'entities']
>>> s["$defs"]["Claim"]["additionalProperties"]
False
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, create_model

from .models import CaseMeta, Claim, Entity, Source

__all__ = ["case_file_schema"]


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
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "claimgraph case file"
    schema["description"] = (
        "case.yaml (id, title, ... ) or a data file holding entities:, sources:, claims:"
    )
    return schema
