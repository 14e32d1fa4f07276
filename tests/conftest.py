"""Shared fixtures. Fixture cases live in tests/fixtures/cases/<name>/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
