"""Generate the term lists of the closed namespaces in ``graph/namespace.py``.

The terms come from ``schema/vocab/ontology.yaml`` (:func:`claimgraph.schema.ontology.load_spec`):
the project's own classes and properties for ``CG``, the reused terms with the ``schema``,
``oa`` and ``cito`` prefixes for ``SCHEMA``, ``OA`` and ``CITO``, and the ``PREFIXES`` table.
The blocks between the ``BEGIN GENERATED`` / ``END GENERATED`` markers are rewritten; the
rest of the file is hand-written. This module imports nothing of ``graph`` but the path of
that file, so it runs even while a new term is missing from the namespace::

    .venv/bin/python -m claimgraph.graph.namespace_gen          # rewrite graph/namespace.py
    .venv/bin/python -m claimgraph.graph.namespace_gen --check  # exit 1 if it is stale

Examples
--------
>>> text = render_namespace(namespace_path().read_text("utf-8"))
>>> "    subject: URIRef\\n" in text and '    "cg": "https://w3id.org/claimgraph/ns#",\\n' in text
True
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from typing import Any

from claimgraph.generated import replace_block, run, stale, write
from claimgraph.schema.ontology import load_spec, term_names

__all__ = ["generated_files", "main", "namespace_path", "render_namespace", "stale_files",
           "write_all"]

_BEGIN = "    # BEGIN GENERATED {}: terms from schema/vocab/ontology.yaml by claimgraph.graph.namespace_gen\n"
_END = "    # END GENERATED\n"
_BEGIN_PREFIXES = ("    # BEGIN GENERATED prefixes from schema/vocab/ontology.yaml by "
                   "claimgraph.graph.namespace_gen\n")
_END_PREFIXES = "    # END GENERATED prefixes\n"
_NAMESPACE = "graph/namespace.py"


def render_namespace(current: str, spec: dict[str, Any] | None = None) -> str:
    """``graph/namespace.py`` with its generated blocks rewritten from the spec: the terms of
    ``CG`` (own classes and properties), of ``SCHEMA``, ``OA`` and ``CITO`` (the ``reused``
    terms with those prefixes) and the ``PREFIXES`` table."""
    spec = spec or load_spec()
    reused = [r["term"].split(":", 1) for r in spec.get("reused", [])]
    for prefix in ("cg", "schema", "oa", "cito"):
        names = term_names(spec) if prefix == spec["prefix"] else sorted(
            {local for p, local in reused if p == prefix})
        body = "".join(f"    {name}: URIRef\n" for name in names)
        current = replace_block(current, _BEGIN.format(prefix), _END, body, _NAMESPACE)
    body = "".join(f'    "{p}": "{ns}",\n' for p, ns in spec["prefixes"].items())
    return replace_block(current, _BEGIN_PREFIXES, _END_PREFIXES, body, _NAMESPACE)


def namespace_path() -> Path:
    """Where ``graph/namespace.py`` is (found without importing it)."""
    spec = find_spec("claimgraph.graph.namespace")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).resolve()


def generated_files() -> dict[Path, str]:
    """The namespace file's path and the text it should hold now."""
    path = namespace_path()
    return {path: render_namespace(path.read_text("utf-8"))}


def stale_files() -> list[Path]:
    """The namespace file, when its generated blocks differ from what the data gives."""
    return stale(generated_files())


def write_all() -> list[Path]:
    """Rewrite the namespace file when stale; return what was written."""
    return write(generated_files())


def main(argv: list[str] | None = None) -> int:
    return run(generated_files, "claimgraph.graph.namespace_gen", argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
