"""SECURITY.md names, for each promise, the test that holds it: every test it names must
exist (a renamed or deleted test fails here), and the README's reliability section links
the file."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).parent.parent
REFERENCE = re.compile(r"`(tests/test_\w+\.py)::(test_\w+)`")


def test_every_test_security_md_names_exists() -> None:
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    named = REFERENCE.findall(text)
    assert len(named) > 60
    missing = [f"{file}::{name}" for file, name in named
               if not (REPO / file).is_file()
               or f"def {name}(" not in (REPO / file).read_text(encoding="utf-8")]
    assert missing == []


def test_the_readme_reliability_section_links_security_md() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reliability and security", 1)
    assert len(section) == 2, "the README has no reliability section"
    assert "(SECURITY.md)" in section[1].split("\n## ", 1)[0]
