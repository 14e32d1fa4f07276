"""The ontology is data: generated files are fresh, the closed namespace matches the data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SKOS

from claimgraph.errors import VocabularyError
from claimgraph.graph import iris, namespace_gen
from claimgraph.graph.namespace import CG, CG_NS, OA, PREFIXES, SCHEMA, compact_iri, expand_curie
from claimgraph.schema import ontology
from claimgraph.schema.vocab import load_vocabulary

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


def _cg_annotations() -> set[str]:
    return {name for name in CG.__annotations__ if not name.startswith("_")}


def test_generated_files_are_not_stale() -> None:
    stale = ontology.stale_files() + namespace_gen.stale_files()
    assert not stale, (f"stale generated files: {[str(p) for p in stale]}; "
                       "run `make generate`")


def test_check_mode_reports_fresh_files() -> None:
    assert ontology.main(["--check"]) == 0


def test_closed_namespace_matches_the_data() -> None:
    assert _cg_annotations() == set(ontology.term_names())
    with pytest.raises(AttributeError):
        _ = CG.claimant  # a typo is an error, not a new IRI
    assert str(CG.quote) == CG_NS + "quote"


def test_turtle_defines_every_term_and_nothing_else() -> None:
    g = rdflib.Graph().parse(SCHEMA_DIR / "claimgraph.ttl", format="turtle")
    defined = {str(s)[len(CG_NS):] for s in g.subjects(RDF.type, None)
               if str(s).startswith(CG_NS)}
    assert defined == _cg_annotations()
    for cls in ontology.load_spec()["classes"]:
        assert (CG[cls["id"]], RDF.type, OWL.Class) in g
    assert (CG.Claim, rdflib.RDFS.subClassOf, SCHEMA.Claim) in g
    assert (CG.Evidence, rdflib.RDFS.subClassOf, OA.Annotation) in g


def test_concept_schemes_cover_every_vocabulary_entry_with_mapping_iris() -> None:
    g = rdflib.Graph().parse(SCHEMA_DIR / "claimgraph.ttl", format="turtle")
    v = load_vocabulary()
    expected: dict[tuple[str, rdflib.URIRef], dict[str, Any]] = {
        ("kind", CG.EntityKind): v.entity_kinds, ("predicate", CG.Predicate): v.predicates,
        ("source-kind", CG.SourceKind): v.source_kinds,
        ("reliability", CG.ReliabilityGrade): v.reliability,
        ("likelihood", CG.LikelihoodTerm): v.likelihood, ("rating", CG.Rating): v.ratings,
    }
    for (scheme, cls), entries in expected.items():
        scheme_iri = rdflib.URIRef(iris.scheme_iri(scheme))
        assert (scheme_iri, RDF.type, SKOS.ConceptScheme) in g
        members = {str(s) for s in g.subjects(SKOS.inScheme, scheme_iri)}
        assert members == {iris.concept_iri(scheme, cid) for cid in entries}, scheme
        for cid in entries:
            node = rdflib.URIRef(iris.concept_iri(scheme, cid))
            assert (node, RDF.type, cls) in g
            assert g.value(node, SKOS.prefLabel) is not None
    supplies = rdflib.URIRef(iris.concept_iri("predicate", "supplies"))
    assert str(g.value(supplies, CG.inverseLabel)) == "is supplied by"
    state = rdflib.URIRef(iris.concept_iri("kind", "state"))
    assert g.value(state, SKOS.broader) == rdflib.URIRef(iris.concept_iri("kind", "organization"))


def test_turtle_output_is_deterministic() -> None:
    assert ontology.render_turtle() == ontology.render_turtle()


def test_context_maps_every_own_term() -> None:
    ctx = json.loads((SCHEMA_DIR / "context.jsonld").read_text("utf-8"))["@context"]
    for name in _cg_annotations():
        entry = ctx[name]
        assert (entry if isinstance(entry, str) else entry["@id"]) == f"cg:{name}"
    assert ctx["subject"]["@type"] == "@id"
    assert ctx["timeStart"]["@type"] == "xsd:date"
    assert ctx["schema"] == "http://schema.org/"
    assert ctx["wasQuotedFrom"] == {"@id": "prov:wasQuotedFrom", "@type": "@id"}
    assert "type" not in ctx  # JSON-LD has @type
    doc = {"@context": ctx, "@id": "urn:x:c", "@type": "Claim", "subject": "urn:x:e",
           "text": "hello"}
    g = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    assert (rdflib.URIRef("urn:x:c"), CG.subject, rdflib.URIRef("urn:x:e")) in g
    assert (rdflib.URIRef("urn:x:c"), SCHEMA.text, rdflib.Literal("hello")) in g


def test_shapes_and_mapping_use_only_defined_terms() -> None:
    used = set()
    for path in ("shapes.ttl",):
        used |= set(re.findall(r"\bcg:([A-Za-z0-9]+)", (SCHEMA_DIR / path).read_text("utf-8")))
    assert used <= _cg_annotations(), used - _cg_annotations()


def test_curies() -> None:
    assert expand_curie("prov:wasQuotedFrom") == "http://www.w3.org/ns/prov#wasQuotedFrom"
    assert expand_curie("nope:x") is None
    assert expand_curie("no-colon") is None
    assert compact_iri(CG_NS + "Claim") == "cg:Claim"
    assert compact_iri("urn:x") == "urn:x"
    assert set(ontology.load_spec()["prefixes"]) <= set(PREFIXES)
    for prefix, ns in ontology.load_spec()["prefixes"].items():
        assert PREFIXES[prefix] == ns


def test_spec_errors_name_the_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ontology.vocab_text("ontology.yaml")
    monkeypatch.setattr(ontology, "vocab_text", lambda name: real.replace(
        "domain: cg:Claim, range: cg:Entity,", "domain: cg:Claimm, range: cg:Entity,", 1))
    with pytest.raises(VocabularyError, match="cg:Claimm is used but not defined"):
        ontology.load_spec()
    monkeypatch.setattr(ontology, "vocab_text", lambda name: real.replace(
        "  - {id: subject,", "  - {id: object,", 1))
    with pytest.raises(VocabularyError, match="terms defined twice: object"):
        ontology.load_spec()


def test_namespace_block_markers_are_required() -> None:
    with pytest.raises(VocabularyError, match="markers"):
        namespace_gen.render_namespace("class CG: pass\n")
