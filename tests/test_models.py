"""The case models are strict: unknown fields and wrong types are errors, not guesses."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from claimgraph.schema.models import (
    Case,
    CaseMeta,
    Claim,
    Entity,
    Evidence,
    Label,
    Quantity,
    Source,
    Unclaimed,
    Verdict,
)

MINIMAL: dict[type[BaseModel], dict[str, Any]] = {
    Entity: {"id": "china", "name": "China", "kind": "state"},
    Source: {"id": "article", "title": "An article", "kind": "analysis"},
    Claim: {"id": "c1", "text": "China supplies Russia.", "subject": "china",
            "predicate": "supplies", "object": "russia"},
    Evidence: {"source": "article", "quote": "exports doubled"},
    Quantity: {"value": 1300, "unit": "t"},
    Verdict: {"rating": "mostly_true"},
    Label: {"text": "中国", "lang": "zh"},
    Unclaimed: {"source": "article", "text": "a passage", "reason": "opinion"},
    CaseMeta: {"id": "my-case", "title": "My case"},
}


@pytest.mark.parametrize("model", list(MINIMAL), ids=lambda m: m.__name__)
def test_minimal_records_validate(model: type[BaseModel]) -> None:
    model.model_validate(MINIMAL[model])


@pytest.mark.parametrize("model", list(MINIMAL), ids=lambda m: m.__name__)
@given(name=st.text(min_size=1, max_size=15))
@settings(max_examples=30, deadline=None)
def test_unknown_fields_are_rejected(model: type[BaseModel], name: str) -> None:
    if name in model.model_fields:
        return
    with pytest.raises(ValidationError) as info:
        model.model_validate({**MINIMAL[model], name: "x"})
    assert [e["type"] for e in info.value.errors()] == ["extra_forbidden"]


@pytest.mark.parametrize("model,field", [
    (m, f) for m, d in MINIMAL.items() for f in d if m.model_fields[f].is_required()])
def test_required_fields(model: type[BaseModel], field: str) -> None:
    data = {k: v for k, v in MINIMAL[model].items() if k != field}
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("missing", (field,))]


@pytest.mark.parametrize("model,field,value", [
    (Quantity, "value", "1300"),          # text is not a number
    (Quantity, "approx", "yes"),          # text is not a boolean
    (Quantity, "approx", 1),
    (Quantity, "bound", "about"),
    (Entity, "id", True),                 # YAML `yes`/`true` is no id
    (Entity, "id", "has space"),
    (Entity, "ids", {"hs": 3912.2}),      # unquoted HS code became a float
    (Entity, "part_of", "china"),         # a list, even for one
    (Source, "published", "2025-13"),
    (Source, "published", "April 2025"),
    (Source, "reliability", "G1"),
    (Source, "url", "www.example.org"),
    (Claim, "polarity", "negative"),
    (Claim, "time", "2021/2015"),
    (Claim, "time", "../.."),
    (Evidence, "relation", "proves"),
    (Evidence, "page", 0),
    (CaseMeta, "id", "My Case"),
])
def test_wrong_values_are_rejected(model: type[BaseModel], field: str, value: Any) -> None:
    with pytest.raises(ValidationError):
        model.model_validate({**MINIMAL[model], field: value})


def test_natural_yaml_values_are_accepted() -> None:
    c = Claim.model_validate({**MINIMAL[Claim], "time": 2023,
                              "quantity": {"value": 1.5, "unit": "t", "approx": True}})
    assert c.time == "2023"
    s = Source.model_validate({**MINIMAL[Source], "published": 2025})
    assert s.published == "2025"


def test_sets_are_sorted_and_unique_lists_keep_order() -> None:
    e = Entity.model_validate({**MINIMAL[Entity], "aliases": ["Beijing", "China", "Beijing",
                                                              {"text": "中国", "lang": "zh"}],
                               "part_of": ["b", "a", "b"]})
    assert e.part_of == ["a", "b"]
    assert e.aliases[:2] == ["Beijing", "China"] and len(e.aliases) == 3
    s = Source.model_validate({**MINIMAL[Source], "authors": ["Zed", "Abe"], "cites": ["z", "a"]})
    assert s.authors == ["Zed", "Abe"] and s.cites == ["a", "z"]


def test_effective_claimant() -> None:
    c = Claim.model_validate({**MINIMAL[Claim], "evidence": [MINIMAL[Evidence]]})
    assert c.effective_claimant() == "article"
    assert Claim.model_validate({**MINIMAL[Claim], "claimant": "mfa"}).effective_claimant() \
        == "mfa"
    assert Claim.model_validate(MINIMAL[Claim]).effective_claimant() is None


def test_case_canonical_sorts_records() -> None:
    case = Case(meta=CaseMeta.model_validate(MINIMAL[CaseMeta]),
                entities=[Entity.model_validate({**MINIMAL[Entity], "id": i}) for i in "cab"])
    assert [e.id for e in case.canonical().entities] == ["a", "b", "c"]
    assert [e.id for e in case.entities] == ["c", "a", "b"]
