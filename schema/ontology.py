"""Generate the ontology files from the vocabulary data (STYLE: generate, don't copy).

One source, ``schema/vocab/ontology.yaml`` (own classes and properties, reused terms) plus
the controlled vocabularies (``entity_kinds.yaml``, ``predicates.yaml`` ...), gives:

- ``schema/claimgraph.ttl``: the OWL classes and properties of the ``cg:`` namespace and one
  SKOS concept scheme per vocabulary (concept IRIs from :mod:`claimgraph.graph.iris`);
- ``schema/context.jsonld``: a JSON-LD context for the same terms.

The term lists of the closed namespaces in ``graph/namespace.py`` are generated from the same
spec by :mod:`claimgraph.graph.namespace_gen`, in the layer that owns that file.

Regenerate after editing the data (``make generate`` runs every generator in order)::

    .venv/bin/python -m claimgraph.schema.ontology          # writes the two files
    .venv/bin/python -m claimgraph.schema.ontology --check  # exit 1 if one is stale

Examples
--------
>>> spec = load_spec()
>>> spec["namespace"]
'https://w3id.org/claimgraph/ns#'
>>> "Claim" in term_names(spec)
True
>>> "cg:Claim a owl:Class" in render_turtle().replace("\\n    ", " ")
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from claimgraph.errors import VocabularyError
from claimgraph.generated import run, stale, write

from .vocab import Vocabulary, load_vocabulary, vocab_text

__all__ = [
    "CONTEXT_FILE",
    "ONTOLOGY_FILE",
    "generated_files",
    "load_spec",
    "main",
    "render_context",
    "render_turtle",
    "stale_files",
    "term_names",
    "write_all",
]

ONTOLOGY_FILE = "claimgraph.ttl"
CONTEXT_FILE = "context.jsonld"
_HERE = Path(__file__).resolve().parent
# concept IRIs (mirrors claimgraph.graph.iris; a test checks they agree)
_VOCAB_BASE = "https://w3id.org/claimgraph/vocab/"


def load_spec() -> dict[str, Any]:
    """The parsed ``ontology.yaml``, checked for duplicate and undeclared terms."""
    spec: dict[str, Any] = yaml.safe_load(vocab_text("ontology.yaml"))
    names = [c["id"] for c in spec["classes"]] + [p["id"] for p in spec["properties"]]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise VocabularyError(f"ontology.yaml: terms defined twice: {', '.join(dupes)}",
                              hint="give every class and property its own id")
    prefixes = spec["prefixes"]
    for entry in spec["classes"] + spec["properties"] + spec.get("reused", []):
        for key in ("subClassOf", "subPropertyOf", "equivalent", "domain", "range", "term"):
            values = entry.get(key) or []
            for curie in [values] if isinstance(values, str) else values:
                prefix = curie.split(":", 1)[0]
                if prefix not in prefixes:
                    raise VocabularyError(f"ontology.yaml: {entry.get('id', entry)}: unknown "
                                          f"prefix in {curie!r}", hint="add it under prefixes:")
                if prefix == spec["prefix"] and curie.split(":", 1)[1] not in names:
                    raise VocabularyError(f"ontology.yaml: {curie} is used but not defined",
                                          hint="add it under classes: or properties:")
    return spec


def term_names(spec: dict[str, Any] | None = None) -> list[str]:
    """All own terms (classes and properties), sorted."""
    spec = spec or load_spec()
    return sorted([c["id"] for c in spec["classes"]] + [p["id"] for p in spec["properties"]])


def _expand(spec: dict[str, Any], curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    return URIRef(spec["prefixes"][prefix] + local)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _concept(g: Graph, cg: Namespace, scheme: str, cid: str, cls: str, label: str) -> URIRef:
    node = URIRef(f"{_VOCAB_BASE}{scheme}/{cid}")
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, RDF.type, cg[cls]))
    g.add((node, SKOS.inScheme, URIRef(_VOCAB_BASE + scheme)))
    g.add((node, DCTERMS.identifier, Literal(cid)))
    g.add((node, SKOS.prefLabel, Literal(label, lang="en")))
    return node


def _list(g: Graph, subject: URIRef, prop: URIRef, values: tuple[str, ...]) -> None:
    head = BNode()
    Collection(g, head, [Literal(v) for v in values])
    g.add((subject, prop, head if values else RDF.nil))


def _schemes(g: Graph, cg: Namespace, vocab: Vocabulary) -> None:
    titles = {"kind": "Entity kinds", "predicate": "Claim predicates",
              "source-kind": "Source kinds", "reliability": "Source reliability (Admiralty)",
              "likelihood": "Likelihood (ICD 203)", "rating": "Verdict ratings"}
    for scheme, title in titles.items():
        node = URIRef(_VOCAB_BASE + scheme)
        g.add((node, RDF.type, SKOS.ConceptScheme))
        g.add((node, SKOS.prefLabel, Literal(title, lang="en")))
    for k in vocab.entity_kinds.values():
        c = _concept(g, cg, "kind", k.id, "EntityKind", k.label)
        if k.parent:
            g.add((c, SKOS.broader, URIRef(f"{_VOCAB_BASE}kind/{k.parent}")))
        else:
            g.add((c, SKOS.topConceptOf, URIRef(_VOCAB_BASE + "kind")))
        g.add((c, cg.abstract, Literal(k.abstract)))
        if k.description:
            g.add((c, SKOS.definition, Literal(k.description, lang="en")))
        _list(g, c, cg.rdfTypes, k.rdf_types)
        g.add((c, cg.color, Literal(k.style.color)))
        g.add((c, cg.shape, Literal(k.style.shape)))
    for p in vocab.predicates.values():
        c = _concept(g, cg, "predicate", p.id, "Predicate", p.label)
        g.add((c, cg.inverseLabel, Literal(p.inverse_label, lang="en")))
        if p.denied_label:
            g.add((c, cg.deniedLabel, Literal(p.denied_label, lang="en")))
        if p.stance:
            g.add((c, cg.stance, Literal(p.stance)))
        if p.description:
            g.add((c, SKOS.definition, Literal(p.description, lang="en")))
        _list(g, c, cg.subjectKinds, p.subject_kinds)
        _list(g, c, cg.objectKinds, p.object_kinds)
        g.add((c, cg.symmetric, Literal(p.symmetric)))
        g.add((c, cg.color, Literal(p.style.color)))
    for s in vocab.source_kinds.values():
        c = _concept(g, cg, "source-kind", s.id, "SourceKind", s.label)
        g.add((c, cg.primary, Literal(s.primary)))
        if s.description:
            g.add((c, SKOS.definition, Literal(s.description, lang="en")))
        _list(g, c, cg.rdfTypes, s.rdf_types)
    for r in vocab.reliability.values():
        c = _concept(g, cg, "reliability", r.id, "ReliabilityGrade", r.label)
        g.add((c, SKOS.notation, Literal(r.id)))
        g.add((c, SKOS.definition, Literal(r.description, lang="en")))
        g.add((c, cg.weak, Literal(r.weak)))
    for t in vocab.likelihood.values():
        c = _concept(g, cg, "likelihood", t.id, "LikelihoodTerm", t.label)
        g.add((c, SKOS.altLabel, Literal(t.alt_label, lang="en")))
        g.add((c, cg.probabilityMin, Literal(t.range[0])))
        g.add((c, cg.probabilityMax, Literal(t.range[1])))
    schema = Namespace("http://schema.org/")
    for rating in vocab.ratings.values():
        c = _concept(g, cg, "rating", rating.id, "Rating", rating.label)
        if rating.value is not None:
            g.add((c, schema.ratingValue, Literal(rating.value)))


def build_graph(spec: dict[str, Any] | None = None, vocab: Vocabulary | None = None) -> Graph:
    """The ontology and the concept schemes as an rdflib graph."""
    spec = spec or load_spec()
    vocab = vocab or load_vocabulary()
    g = Graph()
    for prefix, ns in spec["prefixes"].items():
        g.bind(prefix, Namespace(ns), override=True, replace=True)
    cg = Namespace(spec["namespace"])
    onto = URIRef(spec["namespace"].rstrip("#/"))
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, DCTERMS.title, Literal(spec["title"], lang="en")))
    g.add((onto, DCTERMS.description, Literal(spec["description"], lang="en")))
    g.add((onto, OWL.versionInfo, Literal(str(spec["version"]))))
    for c in spec["classes"]:
        node = cg[c["id"]]
        g.add((node, RDF.type, OWL.Class))
        g.add((node, RDFS.label, Literal(c["label"], lang="en")))
        g.add((node, RDFS.comment, Literal(c["comment"].strip(), lang="en")))
        g.add((node, RDFS.isDefinedBy, onto))
        for sup in _as_list(c.get("subClassOf")):
            g.add((node, RDFS.subClassOf, _expand(spec, sup)))
        for eq in _as_list(c.get("equivalent")):
            g.add((node, OWL.equivalentClass, _expand(spec, eq)))
    for p in spec["properties"]:
        node = cg[p["id"]]
        kind = OWL.ObjectProperty if p.get("kind") == "object" else OWL.DatatypeProperty
        g.add((node, RDF.type, kind))
        g.add((node, RDFS.label, Literal(p["label"], lang="en")))
        g.add((node, RDFS.comment, Literal(p["comment"].strip(), lang="en")))
        g.add((node, RDFS.isDefinedBy, onto))
        for key, prop in (("domain", RDFS.domain), ("range", RDFS.range),
                          ("subPropertyOf", RDFS.subPropertyOf),
                          ("equivalent", OWL.equivalentProperty)):
            for curie in _as_list(p.get(key)):
                g.add((node, prop, _expand(spec, curie)))
    _schemes(g, cg, vocab)
    return g


def render_turtle(spec: dict[str, Any] | None = None) -> str:
    """``schema/claimgraph.ttl``: deterministic Turtle of :func:`build_graph`."""
    text = build_graph(spec).serialize(format="turtle")
    header = ("# GENERATED from schema/vocab/*.yaml by `python -m claimgraph.schema.ontology`;"
              " do not edit.\n")
    return header + text


def render_context(spec: dict[str, Any] | None = None) -> str:
    """``schema/context.jsonld``: prefixes, every own term and the reused terms by name."""
    spec = spec or load_spec()
    ctx: dict[str, Any] = dict(sorted(spec["prefixes"].items()))
    for c in spec["classes"]:
        ctx[c["id"]] = f"{spec['prefix']}:{c['id']}"
    for p in spec["properties"]:
        entry: dict[str, str] = {"@id": f"{spec['prefix']}:{p['id']}"}
        rng = p.get("range")
        if p.get("kind") == "object":
            entry["@type"] = "@id"
        elif rng and rng.startswith("xsd:") and rng != "xsd:string":
            entry["@type"] = rng
        ctx[p["id"]] = entry
    taken = set(ctx)
    reused = [r for r in spec.get("reused", []) if r["term"] != "rdf:type"]  # JSON-LD: @type
    locals_ = [r["term"].split(":", 1)[1] for r in reused]
    for r in reused:
        local = r["term"].split(":", 1)[1]
        if local in taken or locals_.count(local) > 1:
            continue  # ambiguous short name: use the CURIE
        if r.get("kind") == "object":
            ctx[local] = {"@id": r["term"], "@type": "@id"}
        elif r.get("range"):
            ctx[local] = {"@id": r["term"], "@type": r["range"]}
        else:
            ctx[local] = r["term"]
    return json.dumps({"@context": ctx}, indent=2, ensure_ascii=False) + "\n"


def generated_files() -> dict[Path, str]:
    """Each generated file's path and the text it should hold now."""
    spec = load_spec()
    return {
        _HERE / ONTOLOGY_FILE: render_turtle(spec),
        _HERE / CONTEXT_FILE: render_context(spec),
    }


def stale_files() -> list[Path]:
    """Generated files whose content differs from what the data gives."""
    return stale(generated_files())


def write_all() -> list[Path]:
    """Write every stale generated file; return the ones written."""
    return write(generated_files())


def main(argv: list[str] | None = None) -> int:
    return run(generated_files, "claimgraph.schema.ontology", argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
