"""Run the docstring examples of every claimgraph module (STYLE: examples are tests)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import claimgraph

MODULES = sorted(
    ["claimgraph"]
    + [m.name for m in pkgutil.walk_packages(claimgraph.__path__, "claimgraph.")
       if not m.name.endswith("__main__")]
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_public_modules_have_examples() -> None:
    """Every module of the schema and sources layers shows at least one example."""
    missing = []
    for name in MODULES:
        if name.startswith(("claimgraph.schema.", "claimgraph.sources.")):
            module = importlib.import_module(name)
            finder = doctest.DocTestFinder()
            if not any(t.examples for t in finder.find(module)):
                missing.append(name)
    assert not missing, f"modules without a runnable example: {missing}"
