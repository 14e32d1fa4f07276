"""A generated case of a few thousand claims and stores holding it (a pytest plugin,
registered in conftest.py), for the crash and concurrency tests of issue 16.

* ``big_case`` — a valid generated case (``benchmarks/casegen.py``, JSON Lines,
  :data:`BIG_CLAIMS` claims), written once per session; ``big_case_edited`` the same with
  one claim text changed (a rebuild that changes little).
* ``alpha_store`` / ``full_store`` — template store folders, built once per session: the
  small ``store-alpha`` fixture case, and that plus the big case. Tests copy them
  (:func:`copy_store`) and never write to the templates.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest

from claimgraph.graph.build import build_case
from claimgraph.graph.store import Store, open_store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from casegen import generate_case

__all__ = ["BIG_CLAIMS", "BIG_ID", "alpha_store", "big_case", "big_case_edited", "copy_store",
           "fingerprint", "full_store"]

BIG_CLAIMS = 2000
BIG_ID = "generated-16"
ALPHA = Path(__file__).parent / "fixtures" / "cases" / "store-alpha"


@pytest.fixture(scope="session")
def big_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / "case"
    generate_case(root, n_claims=BIG_CLAIMS, n_entities=300, n_sources=60, fmt="jsonl",
                  seed=16)
    assert f"id: {BIG_ID}" in (root / "case.yaml").read_text(encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def big_case_edited(big_case: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big-edited") / "case"
    shutil.copytree(big_case, root)
    claims = root / "claims.jsonl"
    first, rest = claims.read_text(encoding="utf-8").split("\n", 1)
    record = json.loads(first)
    record["text"] += " (edited)"
    claims.write_text(json.dumps(record) + "\n" + rest, encoding="utf-8")
    return root


def copy_store(template: Path, dst: Path) -> Path:
    """A private copy of a (closed) template store folder."""
    shutil.copytree(template, dst)
    return dst


@pytest.fixture(scope="session")
def alpha_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("alpha-store") / "store"
    with open_store(path) as store:
        build_case(ALPHA, store)
    return path


@pytest.fixture(scope="session")
def full_store(alpha_store: Path, big_case: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = copy_store(alpha_store, tmp_path_factory.mktemp("full-store") / "store")
    with open_store(path) as store:
        build_case(big_case, store)
        assert [c.id for c in store.cases()] == [BIG_ID, "store-alpha"]
    return path


def fingerprint(store: Store) -> str:
    """SHA-256 of the sorted N-Quads of the whole raw store (every graph, current or not)."""
    return hashlib.sha256(store.dump()).hexdigest()
