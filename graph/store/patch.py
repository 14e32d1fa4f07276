"""Rebuild in place: when a rebuild changes few quads, apply the difference in one update.

Replacing a case through fresh graphs costs a bulk load of everything *plus* deleting the
superseded graphs, and deleting is Oxigraph's slowest write (a transactional delete per
quad: measured ~2-3x the bulk load of the same quads). A curator who fixes one quote and
rebuilds changes a handful of quads. So a rebuild first writes the new graphs under the
*current* graph names and compares them, line by line, with what the store holds; if the
difference is small (and has no blank nodes, which cannot be matched by text), one SPARQL
update deletes the old quads, inserts the new ones and flips the catalogue entry — one
transaction, atomic like the fresh-graph path. Otherwise the caller takes the fresh path.

Examples
--------
>>> old = b'<urn:s> <urn:p> "1" <urn:g> .\\n<urn:s> <urn:q> "x" <urn:g> .\\n'
>>> new = b'<urn:s> <urn:p> "2" <urn:g> .\\n<urn:s> <urn:q> "x" <urn:g> .\\n'
>>> d = diff_graph("urn:g", old, new)
>>> d.deletes, d.inserts
([b'<urn:s> <urn:p> "1" .'], [b'<urn:s> <urn:p> "2" .'])
>>> print(patch_update([d]))
DELETE DATA { GRAPH <urn:g> {
<urn:s> <urn:p> "1" .
} } ;
INSERT DATA { GRAPH <urn:g> {
<urn:s> <urn:p> "2" .
} }
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_CHANGES", "GraphDiff", "diff_graph", "has_blank_nodes", "patch_update"]

DEFAULT_MAX_CHANGES = 200_000
"""Above this many changed quads a rebuild loads fresh graphs instead (a bigger update
transaction holds every change in memory and is slower than a bulk load)."""


@dataclass
class GraphDiff:
    """The triples to delete from and insert into one named graph (N-Triples lines)."""

    graph: str
    deletes: list[bytes]
    inserts: list[bytes]

    @property
    def size(self) -> int:
        return len(self.deletes) + len(self.inserts)


def has_blank_nodes(nquads: bytes) -> bool:
    """True when a quad may hold a blank node (they cannot be matched by their text)."""
    return nquads.startswith(b"_:") or b"\n_:" in nquads or b" _:" in nquads


def diff_graph(graph: str, old: bytes, new: bytes) -> GraphDiff:
    """What turns graph ``graph`` holding ``old`` into ``new`` (both N-Quads in ``graph``).

    Whole lines are compared as bytes (C speed: 5 M quads in seconds); only the changed
    lines are turned into triples. A line that is not a quad of ``graph`` makes the
    difference total."""
    suffix = f" <{graph}> .".encode()
    before = set(old.split(b"\n"))
    after = set(new.split(b"\n"))
    before.discard(b"")
    after.discard(b"")
    gone, added = before - after, after - before
    if not all(line.endswith(suffix) for line in (*gone, *added)):
        gone, added = before, after
    cut = len(suffix)

    def triples(lines: set[bytes]) -> list[bytes]:
        return sorted(line[:-cut] + b" ." for line in lines)

    return GraphDiff(graph, triples(gone), triples(added))


def patch_update(diffs: Sequence[GraphDiff], flip: str = "") -> str:
    """One SPARQL update applying ``diffs`` and then ``flip`` (a catalogue update)."""
    ops = []
    for d in diffs:
        if d.deletes:
            ops.append(f"DELETE DATA {{ GRAPH <{d.graph}> {{\n"
                       + b"\n".join(d.deletes).decode() + "\n} }")
    for d in diffs:
        if d.inserts:
            ops.append(f"INSERT DATA {{ GRAPH <{d.graph}> {{\n"
                       + b"\n".join(d.inserts).decode() + "\n} }")
    if flip:
        ops.append(flip)
    return " ;\n".join(ops)
