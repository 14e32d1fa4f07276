"""The RDF syntaxes claimgraph reads and writes: one registry, on top of pyoxigraph's.

:class:`RdfSyntax` names each syntax the way the command line spells it (``--format``,
``--rdf-format``); pyoxigraph's :class:`pyoxigraph.RdfFormat` holds the rest — media type,
usual file extension, whether it keeps named graphs — and tells a syntax from a file
extension (``RdfFormat.from_extension``) or a media type. Only three extensions it does not
know are added here (``.turtle``, ``.nquads``, ``.owl``). rdflib (used by ``claimgraph
check``) registers its parsers under the same media types, so the one registry serves both
libraries. Import and ``check`` read every syntax; export writes :data:`EXPORT_SYNTAXES`.

Examples
--------
>>> syntax_for_path("dump.trig"), syntax_for_path("ONTOLOGY.OWL")
(<RdfSyntax.trig: 'trig'>, <RdfSyntax.rdfxml: 'rdfxml'>)
>>> RdfSyntax.jsonld.media_type, RdfSyntax.jsonld.keeps_graphs
('application/ld+json', True)
>>> syntax_for_path("notes.docx")
Traceback (most recent call last):
...
claimgraph.errors.RdfFormatError: cannot tell the RDF format of notes.docx
>>> RdfSyntax.parse("n3")
Traceback (most recent call last):
...
claimgraph.errors.RdfFormatError: unknown RDF format 'n3'
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox

from claimgraph.errors import RdfFormatError

__all__ = ["EXPORT_SYNTAXES", "RdfSyntax", "syntax_for_path"]


class RdfSyntax(StrEnum):
    """An RDF syntax, by the name the command line uses."""

    nquads = "nquads"
    trig = "trig"
    turtle = "turtle"
    jsonld = "jsonld"
    ntriples = "ntriples"
    rdfxml = "rdfxml"

    @property
    def ox(self) -> ox.RdfFormat:
        """pyoxigraph's format object."""
        return _OX[self]

    @property
    def media_type(self) -> str:
        """The IANA media type (also the name of rdflib's parser for it)."""
        return self.ox.media_type

    @property
    def keeps_graphs(self) -> bool:
        """True when the syntax holds named graphs (a store exports and imports whole)."""
        return self.ox.supports_datasets

    @classmethod
    def parse(cls, name: str) -> RdfSyntax:
        """The syntax called ``name``; :class:`RdfFormatError` naming the known ones if none."""
        try:
            return cls(name)
        except ValueError:
            raise RdfFormatError(f"unknown RDF format '{name}'",
                                 hint="use one of: " + ", ".join(cls)) from None


_OX = {
    RdfSyntax.nquads: ox.RdfFormat.N_QUADS,
    RdfSyntax.trig: ox.RdfFormat.TRIG,
    RdfSyntax.turtle: ox.RdfFormat.TURTLE,
    RdfSyntax.jsonld: ox.RdfFormat.JSON_LD,
    RdfSyntax.ntriples: ox.RdfFormat.N_TRIPLES,
    RdfSyntax.rdfxml: ox.RdfFormat.RDF_XML,
}
_BY_OX = {f: s for s, f in _OX.items()}
_MORE_EXTENSIONS = {"turtle": RdfSyntax.turtle, "nquads": RdfSyntax.nquads,
                    "owl": RdfSyntax.rdfxml}

EXPORT_SYNTAXES = (RdfSyntax.turtle, RdfSyntax.trig, RdfSyntax.nquads, RdfSyntax.jsonld)
"""What ``claimgraph export`` writes (sorted, deterministic)."""


def syntax_for_path(path: str | Path) -> RdfSyntax:
    """The syntax of a file, from its extension; :class:`RdfFormatError` if it does not say."""
    ext = Path(path).suffix.lower().removeprefix(".")
    found = _MORE_EXTENSIONS.get(ext)
    if found is None and ext:
        by_ox = ox.RdfFormat.from_extension(ext)
        found = _BY_OX.get(by_ox) if by_ox is not None else None
    if found is None:
        known = sorted({f.file_extension for f in _OX.values()} | {"json", "xml",
                                                                   *_MORE_EXTENSIONS})
        raise RdfFormatError(f"cannot tell the RDF format of {path}",
                             hint="name the file with one of ." + ", .".join(known)
                             + ", or give --rdf-format")
    return found
