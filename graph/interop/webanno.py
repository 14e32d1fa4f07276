"""Every quote as a W3C Web Annotation, so annotation tools can show it on the source page.

Each evidence item of a validated case becomes one ``Annotation`` whose target is its
source — the source's URL when it has one, else the source's claimgraph IRI — selected by
a ``TextQuoteSelector`` (``exact`` with 32 characters of ``prefix`` and ``suffix``) and, for
a captured source, a ``TextPositionSelector`` (code-point offsets into the captured text,
which may differ from the live page's: tools re-anchor by the quote). The body describes
the claim: its text, the relation (``supports``, ``refutes``, ``mentions``) as a tag, and a
link to the claim's IRI. :func:`annotation_collection` wraps them in an
``AnnotationCollection`` as the Web Annotation Protocol pages them.

The W3C context ``http://www.w3.org/ns/anno.jsonld`` is kept in this package
(``anno.jsonld``, W3C Software and Document License, see ``NOTICE-anno.jsonld.txt``):
:func:`inline_context` replaces the reference by it, so the export parses as JSON-LD with
no network.

Examples
--------
>>> sorted(anno_context()["@context"])[:3]
['Annotation', 'AnnotationCollection', 'AnnotationPage']
>>> inline_context({"@context": ANNO_CONTEXT, "type": "Annotation"})["@context"]["oa"]
'http://www.w3.org/ns/oa#'
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.sources.validation import ValidationResult

from .. import iris

__all__ = [
    "ANNO_CONTEXT",
    "anno_context",
    "annotation_collection",
    "inline_context",
    "quote_annotations",
]

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_GENERATOR = {"id": iris.BASE, "type": "Software", "name": "claimgraph"}


@cache
def _context_text() -> str:
    return resources.files("claimgraph.graph.interop").joinpath("anno.jsonld").read_text("utf-8")


def anno_context() -> dict[str, Any]:
    """The W3C Web Annotation JSON-LD context document (a fresh copy)."""
    return dict(json.loads(_context_text()))


def inline_context(doc: Any) -> Any:
    """``doc`` with every reference to the W3C context replaced by the context itself;
    any other remote context is refused (nothing is ever fetched)."""
    doc = copy.deepcopy(doc)
    ctx = anno_context()["@context"]
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "@context" in node:
                refs = node["@context"] if isinstance(node["@context"], list) else [
                    node["@context"]]
                for r in refs:
                    if isinstance(r, str) and r != ANNO_CONTEXT:
                        raise ClaimgraphError(f"a remote @context ({r}) is never fetched",
                                              hint="in-line the context in the document")
                node["@context"] = [ctx if r == ANNO_CONTEXT else r for r in refs] \
                    if isinstance(node["@context"], list) else ctx
            stack.extend(v for k, v in node.items() if k != "@context")
    return doc


def quote_annotations(result: ValidationResult) -> list[dict[str, Any]]:
    """One annotation per evidence item, in claim-id then evidence order (no @context)."""
    case = result.case
    if case is None:
        return []
    cid = case.meta.id
    sources = {s.id: s for s in case.sources}
    out = []
    for claim in sorted(case.claims, key=lambda c: c.id):
        for i, ev in enumerate(claim.evidence):
            src = sources.get(ev.source)
            if src is None:
                continue
            a = result.anchors.get((claim.id, i))
            quote: dict[str, Any] = {"type": "TextQuoteSelector",
                                     "exact": a.exact if a and a.anchored else ev.quote}
            selectors: list[dict[str, Any]] = [quote]
            if a is not None and a.anchored:
                if a.prefix:
                    quote["prefix"] = a.prefix
                if a.suffix:
                    quote["suffix"] = a.suffix
                selectors.append({"type": "TextPositionSelector", "start": a.start,
                                  "end": a.end})
            body: list[Any] = [
                {"type": "TextualBody", "purpose": "describing", "format": "text/plain",
                 "value": claim.text},
                {"type": "TextualBody", "purpose": "tagging", "value": ev.relation},
                iris.claim_iri(cid, claim.id),
            ]
            if case.meta.language:
                body[0]["language"] = case.meta.language
            target: dict[str, Any] = {
                "type": "SpecificResource",
                "source": src.url or iris.source_iri(cid, src.id),
                "selector": selectors}
            out.append({"id": iris.evidence_iri(cid, claim.id, i), "type": "Annotation",
                        "motivation": "describing", "generator": _GENERATOR,
                        "body": body, "target": target})
    return out


def annotation_collection(result: ValidationResult) -> dict[str, Any]:
    """The annotations of a case as one ``AnnotationCollection`` with a single page."""
    case = result.case
    items = quote_annotations(result)
    cid = case.meta.id if case else "case"
    base = iris.case_iri(cid) + "/annotations"
    return {"@context": ANNO_CONTEXT, "id": base, "type": "AnnotationCollection",
            "label": f"Quotes of {case.meta.title if case else cid}", "total": len(items),
            "first": {"id": base + "/page/1", "type": "AnnotationPage", "startIndex": 0,
                      "items": items}}
