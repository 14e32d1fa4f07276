"""The packages list in pyproject.toml must name every sub-package folder (STYLE trap)."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).parent.parent


def test_every_subpackage_is_listed() -> None:
    cfg = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(cfg["packages"])
    mapping = cfg["package-dir"]
    found = set()
    for pkg, folder in mapping.items():
        root = REPO / folder
        for init in root.rglob("__init__.py"):
            rel = init.parent.relative_to(root)
            found.add(".".join([pkg, *rel.parts]) if rel.parts else pkg)
    assert found == listed, f"folders {sorted(found - listed)} missing from packages"


def test_vocabulary_files_are_package_data() -> None:
    cfg = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "vocab/*.yaml" in cfg["package-data"]["claimgraph.schema"]
