"""Shared fixtures. Fixture cases live in tests/fixtures/cases/<name>/."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # plugin modules below live next to this file
pytest_plugins = ["store_fixtures",  # `store` (both backends), `oxigraph_server`, `reopen`
                  "bigstore"]  # a generated case of thousands of claims, stores holding it

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture
def fixture_case(tmp_path: Path):
    """Copy a fixture case into a temporary folder and return its path: ``fixture_case("x")``."""

    def make(name: str) -> Path:
        dst = tmp_path / name
        shutil.copytree(FIXTURES / "cases" / name, dst)
        return dst

    return make
