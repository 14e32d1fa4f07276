"""W3C Web Annotation export: one annotation per quote, parsed as JSON-LD with the W3C
context held in the package (no network), selectors that find the quote again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, XSD

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.interop.webanno import (
    ANNO_CONTEXT,
    annotation_collection,
    inline_context,
    quote_annotations,
)
from claimgraph.sources.validation import validate_case

OA = rdflib.Namespace("http://www.w3.org/ns/oa#")  # open: the export uses more terms
REPO = Path(__file__).resolve().parent.parent
VERDICTS = Path(__file__).parent / "fixtures" / "cases" / "verdicts"
BUNDLED = REPO / "cases" / "china-russia-nitrocellulose"


def _graph(doc: object) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json.dumps(inline_context(doc)), format="json-ld")


def test_every_quote_is_an_annotation_that_parses_as_json_ld() -> None:
    result = validate_case(BUNDLED)
    collection = annotation_collection(result)
    assert collection["@context"] == ANNO_CONTEXT
    items = collection["first"]["items"]
    quotes = sum(len(c.evidence) for c in result.case.claims)  # type: ignore[union-attr]
    assert collection["total"] == len(items) == quotes == 206  # the bundled case (206 quotes)
    g = _graph(collection)
    annos = set(g.subjects(RDF.type, OA.Annotation))
    assert len(annos) == quotes
    text = result.texts["article"].text
    for anno in annos:
        target = g.value(anno, OA.hasTarget)
        selectors = list(g.objects(target, OA.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
        pos = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
        start, end = g.value(pos, OA.start), g.value(pos, OA.end)
        assert start.datatype == XSD.nonNegativeInteger
        exact = str(g.value(quote, OA.exact))
        assert text[int(start):int(end)] == exact  # the position selects the quote
        prefix = str(g.value(quote, OA.prefix) or "")
        assert text[:int(start)].endswith(prefix)
        assert (anno, OA.motivatedBy, OA.describing) in g


def test_target_is_the_source_url_else_its_iri() -> None:
    items = quote_annotations(validate_case(VERDICTS))
    by_source = {a["target"]["source"] for a in items}
    assert "https://review.example.org/china-neutrality" in by_source
    assert "https://mfa.example.gov.cn/briefing/2025-04" in by_source
    referred = next(a for a in items
                    if a["target"]["source"] == "https://mfa.example.gov.cn/briefing/2025-04")
    # a source nobody captured: the quote only, no position
    assert referred["target"]["selector"] == [
        {"type": "TextQuoteSelector", "exact": "has never provided lethal weapons"}]
    first = items[0]
    assert first["body"][1] == {"type": "TextualBody", "purpose": "tagging",
                                "value": "supports"}
    assert first["body"][2].startswith("https://w3id.org/claimgraph/case/verdicts/claim/")


def test_the_local_context_is_the_w3c_one_with_its_notice() -> None:
    from importlib import resources
    folder = resources.files("claimgraph.graph.interop")
    notice = folder.joinpath("NOTICE-anno.jsonld.txt").read_text("utf-8")
    assert "W3C Software and Document Notice and License" in notice
    ctx = json.loads(folder.joinpath("anno.jsonld").read_text("utf-8"))["@context"]
    assert ctx["TextQuoteSelector"] == "oa:TextQuoteSelector"
    assert ctx["start"] == {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"}


def test_other_remote_contexts_are_refused() -> None:
    with pytest.raises(ClaimgraphError, match="never fetched"):
        inline_context({"@context": "https://example.org/other.jsonld"})
