"""Optional packages: what needs them, and the exact command that installs them.

``pip install claimgraph`` installs what the main job needs: validate, build, trace,
audit, the analytics, the network view, the casebook site and the timeline chart. Two
features pull in more and are *extras*:

- ``claimgraph[pdf]`` — pypdf, to read PDF source texts;
- ``claimgraph[shacl]`` — pyshacl (with owlrl), for ``claimgraph check``;
- ``claimgraph[all]`` — both (the development install has them too).

:func:`require` imports such a package or raises :class:`~claimgraph.errors.MissingExtraError`
whose hint is the ``pip install`` command, so a command that needs a missing extra ends with
a one-line message, never a traceback.

Examples
--------
>>> require("json", "pdf").__name__
'json'
>>> require("no_such_module_here", "pdf")
Traceback (most recent call last):
...
claimgraph.errors.MissingExtraError: reading PDF sources needs the optional package no_such_module_here, which is not installed
>>> EXTRAS["shacl"].pip
"pip install 'claimgraph[shacl]'"
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from .errors import MissingExtraError

__all__ = ["EXTRAS", "Extra", "require"]


@dataclass(frozen=True)
class Extra:
    """An optional feature: the extra's name and what it is for."""

    name: str
    purpose: str

    @property
    def pip(self) -> str:
        """The command that installs it."""
        return f"pip install 'claimgraph[{self.name}]'"


EXTRAS = {e.name: e for e in (
    Extra("pdf", "reading PDF sources"),
    Extra("shacl", "checking RDF against the SHACL shapes (claimgraph check)"),
)}
"""The extras, by name (``all`` installs every one)."""


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, which the extra ``extra`` installs; a clear error if it is missing."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:  # the package, or one it needs
        e = EXTRAS[extra]
        raise MissingExtraError(
            f"{e.purpose} needs the optional package {exc.name or module}, which is not "
            "installed", hint=e.pip) from None
