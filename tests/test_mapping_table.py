"""The mapping table is the one place the RDF mapping is written: every model field has a row,
every row is a field, every term is declared, the generated files are fresh, and the fields
issue 11 adds fit the table without new code."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from pydantic import Field as ModelField

from claimgraph.errors import MappingError
from claimgraph.graph.mapping import CaseGraph, parse_nquads
from claimgraph.graph.mapping import docs as mapping_docs
from claimgraph.graph.mapping.shapes import render_shapes
from claimgraph.graph.mapping.sparql import queries
from claimgraph.graph.mapping.spec import (
    Flat,
    Node,
    Part,
)
from claimgraph.graph.mapping.table import (
    ANCHOR,
    CASE_SHAPE,
    CLAIM_SHAPE,
    ENTITY_SHAPE,
    EVIDENCE,
    RECORDS,
    SOURCE_SHAPE,
    all_shapes,
    missing_rows,
)
from claimgraph.graph.mapping.write import NQuadsWriter
from claimgraph.graph.namespace import CG, PREFIXES, compact_iri
from claimgraph.schema import ontology
from claimgraph.schema.models import (
    CaseMeta,
    Claim,
    Entity,
    Evidence,
    Id,
    Quantity,
    Source,
    Unclaimed,
    Verdict,
)
from claimgraph.sources.anchoring import Anchor

TABLE = "graph/mapping/table.py"


@pytest.mark.parametrize("model", [CaseMeta, Entity, Source, Claim, Evidence, Quantity, Verdict,
                                   Unclaimed])
def test_every_model_field_has_a_row(model: type) -> None:
    assert any(s.model is model for s in all_shapes()), f"{model.__name__}: no shape in {TABLE}"
    assert [m for m in missing_rows() if m.startswith(f"{model.__name__}.")] == []


def test_every_type_in_the_table_is_covered() -> None:
    assert missing_rows() == []


def test_a_field_without_a_row_is_named_with_the_file_to_edit() -> None:
    class Claim2(Claim):
        first_reported: list[Id] = ModelField(default_factory=list)

    shapes = [dataclasses.replace(s, model=Claim2) if s is CLAIM_SHAPE else s
              for s in all_shapes()]
    assert missing_rows(shapes) == [
        "Claim2.first_reported has no row in graph/mapping/table.py: add Field('first_reported', "
        "<predicate>, <kind>, <card>) to Claim (or list it in its unmapped=), then run "
        "`python -m claimgraph.graph.mapping`"]


def _attributes(model: type) -> set[str]:
    fields = getattr(model, "model_fields", None)
    if fields is not None:
        return set(fields)
    if dataclasses.is_dataclass(model):
        return {f.name for f in dataclasses.fields(model)}
    return set(getattr(model, "_fields", ()))  # NamedTuple


def test_every_row_names_an_attribute() -> None:
    for shape in all_shapes():
        attrs = _attributes(shape.model)
        for row in shape.fields:
            if row.link is None and row.attached is None and not isinstance(row.value, Part):
                assert row.name in attrs, f"{shape.name}.{row.name} is not a field of " \
                                          f"{shape.model.__name__}"
        assert set(shape.unmapped) <= attrs


def test_the_table_uses_only_declared_terms() -> None:
    spec = ontology.load_spec()
    declared = {f"cg:{n}" for n in ontology.term_names(spec)}
    declared |= {r["term"] for r in spec["reused"]}
    used = set()
    for shape in all_shapes():
        used |= {compact_iri(t) for t in shape.types}
        for row in shape.fields:
            for iri in (row.predicate, row.rdf_list and row.rdf_list.predicate,
                        row.inferred and row.inferred.flag,
                        *(d.predicate for d in row.derived)):
                if iri:
                    used.add(compact_iri(iri))
    assert all(":" in u and u.split(":")[0] in PREFIXES for u in used), used
    assert used <= declared, (f"terms used by {TABLE} but not declared in "
                              f"schema/vocab/ontology.yaml: {sorted(used - declared)}")


def test_generated_files_are_fresh() -> None:
    stale = mapping_docs.stale_files()
    assert not stale, (f"stale: {[str(p) for p in stale]}; "
                       "run `.venv/bin/python -m claimgraph.graph.mapping`")
    assert mapping_docs.main(["--check"]) == 0


def test_shapes_parse_and_have_one_node_shape_per_node() -> None:
    g = rdflib.Graph().parse(data=render_shapes(), format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    names = {str(s).rsplit("#", 1)[1] for s in g.subjects(rdflib.RDF.type, sh.NodeShape)}
    flat = {f.value.shape.name for o in all_shapes() for f in o.fields
            if isinstance(f.value, Flat)}
    expected = {f"{s.name}Shape" for s in all_shapes() if s.name not in flat}
    assert names == expected


def test_the_scheme_in_the_docstring_names_every_row() -> None:
    import claimgraph.graph.mapping as pkg

    doc = pkg.__doc__ or ""
    for shape in all_shapes():
        assert f"**{shape.name}**" in doc
        for row in shape.fields:
            assert f"``{row.name}``" in doc


# --- issue 11's fields: rows of the table only (the model, one row each, the docs) -----------
def test_issue_11_fields_round_trip_through_the_table_alone() -> None:
    meta = CaseMeta(id="demo", title="Demo")
    entities = [Entity(id="drones", name="Drones", kind="commodity"),
                Entity(id="shahed", name="Shahed-136", kind="commodity", broader=["drones"]),
                Entity(id="hawks", name="PLA hawks", kind="group", overlaps=["hardliners"]),
                Entity(id="hardliners", name="CCP hardliners", kind="group")]
    sources = [Source(id="art", title="Article", kind="analysis", cites=["bloomberg"]),
               Source(id="bloomberg", title="Bloomberg interview", kind="news")]
    claim = Claim.model_validate({
        "id": "c1", "text": "Enough for 200,000 shells.", "subject": "hawks",
        "predicate": "supplies", "object": "hardliners", "challenges": ["c0"],
        "quantity": {"value": 200000, "unit": "shells", "bound": "min", "capacity": True},
        "evidence": [{"source": "art", "quote": "drones", "attributed_to": "hawks",
                      "relays": "bloomberg"}]})
    writer = NQuadsWriter(meta, "urn:g", source_ids={"art", "bloomberg"})
    text = writer.write([meta, *entities, *sources, claim])
    graph = CaseGraph.from_quads(parse_nquads(text))
    back = [Entity.model_validate(graph.read(ENTITY_SHAPE, n))
            for n in graph.typed(str(CG.Entity))]
    assert sorted(back, key=lambda e: e.id) == sorted(entities, key=lambda e: e.id)
    (node,) = graph.typed(CLAIM_SHAPE.types[0])
    assert Claim.model_validate(graph.read(CLAIM_SHAPE, node)) == claim
    assert "<http://www.w3.org/2004/02/skos/core#relatedMatch>" in text  # overlap, never sameAs
    assert "<http://www.w3.org/2002/07/owl#sameAs>" not in text
    # the shapes and the analytics queries follow the same rows
    shapes = render_shapes(RECORDS)
    assert "every skos:broader of an entity is an entity" in shapes
    assert "evidence has at most one cg:attributedTo, an entity or a source" in shapes
    assert "every cg:challengesClaim of a claim is a claim" in shapes
    (grouped, *_rest) = queries(CLAIM_SHAPE, ("id", "challenges"), "urn:g")
    assert 'cg:challengesClaim ?v BIND("challenges" AS ?k)' in grouped


def test_the_writer_takes_records_one_at_a_time_or_in_batches() -> None:
    meta = CaseMeta(id="demo", title="Demo")
    records: list[Any] = [meta, Entity(id="a", name="A", kind="state"),
                          Source(id="s", title="S", kind="news"),
                          Claim(id="c", text="t", subject="a", predicate="supplies", object="a",
                                evidence=[Evidence(source="s", quote="q")])]
    whole = NQuadsWriter(meta, "urn:g", source_ids={"s"}).write(records)
    one_by_one = NQuadsWriter(meta, "urn:g", source_ids={"s"})
    pieces = "".join(one_by_one.write([r]) for r in records)
    assert pieces == whole
    store = ox.Store()
    store.load(whole.encode(), format=ox.RdfFormat.N_QUADS)
    assert len(store) == whole.count("\n")
    with pytest.raises(TypeError, match="not a record the mapping writes: Label"):
        from claimgraph.schema.models import Label

        NQuadsWriter(meta, "urn:g").write([Label(text="x", lang="en")])


def test_a_shape_names_the_graph_its_rows_go_to() -> None:
    anchor = dataclasses.replace(ANCHOR, graph="derived")
    evidence = dataclasses.replace(EVIDENCE, fields=tuple(
        dataclasses.replace(f, value=Flat(anchor)) if f.name == "anchor" else f
        for f in EVIDENCE.fields))
    claim_shape = dataclasses.replace(CLAIM_SHAPE, fields=tuple(
        dataclasses.replace(f, value=Node(evidence, "evidence")) if f.name == "evidence" else f
        for f in CLAIM_SHAPE.fields))
    records = (CASE_SHAPE, ENTITY_SHAPE, SOURCE_SHAPE, claim_shape)
    meta = CaseMeta(id="demo", title="Demo")
    claim = Claim(id="c", text="t", subject="a", predicate="supplies", object="a",
                  evidence=[Evidence(source="s", quote="q")])
    anchors = {"anchors": {("c", 0): Anchor("exact", 0, 1, "q", "", "")}}
    writer = NQuadsWriter(meta, "urn:data", records=records, attachments=anchors,
                          graphs={"derived": "urn:derived"})
    lines = writer.write([claim]).splitlines()
    derived = {line for line in lines if line.endswith("<urn:derived> .")}
    assert any("#anchorStatus>" in line for line in derived)
    assert any("oa#exact>" in line for line in derived)  # the anchor's parts follow it
    assert not any("#quote>" in line for line in derived)  # the evidence stays in data
    assert all(line.endswith("<urn:data> .") for line in set(lines) - derived)
    with pytest.raises(MappingError, match="the rows of Anchor go to the 'derived' graph"):
        NQuadsWriter(meta, "urn:data", records=records)


def test_records_are_all_there() -> None:
    assert [s.record for s in RECORDS] == ["case", "entity", "source", "claim"]
    assert re.match(r"^[A-Za-z]+$", "".join(s.name for s in all_shapes()))
