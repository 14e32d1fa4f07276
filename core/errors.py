"""Exceptions and located problems.

The library raises these small domain exceptions; only the CLI turns them into messages
and exit codes. Validation does not raise per problem: it collects :class:`Problem` rows
into a :class:`Report` (see :mod:`claimgraph.schema.validate`); each problem has a
:class:`~claimgraph.problemcodes.ProblemCode`.

Examples
--------
>>> p = Problem("error", ProblemCode.DANGLING_REF, "unknown entity 'rusia'",
...             file="claims.yaml", line=4, col=14, hint="did you mean 'russia'?")
>>> p.location()
'claims.yaml:4:14'
>>> print(p.format())
claims.yaml:4:14: error[dangling-ref]: unknown entity 'rusia' (hint: did you mean 'russia'?)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from .problemcodes import ProblemCode

__all__ = [
    "AnalysisError",
    "BuildError",
    "CaseError",
    "ClaimgraphError",
    "LimitError",
    "MappingError",
    "MissingExtraError",
    "NotFoundError",
    "Problem",
    "ProblemCode",
    "QueryError",
    "RdfFormatError",
    "Report",
    "Severity",
    "SiteError",
    "SourceReadError",
    "StoreError",
    "UnsafeInputError",
    "VocabularyError",
]

Severity = Literal["error", "warning", "info"]


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises on purpose.

    ``hint`` says how to fix it; the CLI prints it after the message.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class CaseError(ClaimgraphError):
    """Raised when a case does not validate; carries the full :class:`Report`."""

    def __init__(self, report: Report, message: str | None = None) -> None:
        super().__init__(message or report.summary(), hint="run `claimgraph validate` on the case")
        self.report = report


class VocabularyError(ClaimgraphError):
    """Raised when a vocabulary data file (or a case's extension of it) is inconsistent."""


class StoreError(ClaimgraphError):
    """Raised when the RDF store cannot be opened, read or written."""


class BuildError(StoreError):
    """Raised when loading a case into the store fails; the store is left as it was."""


class LimitError(ClaimgraphError):
    """Raised when an input is bigger than a limit of :mod:`claimgraph.limits` allows (file
    size, string length, records, nesting depth), or a limit is set to nonsense; the hint
    names the environment variable that raises it."""


class MappingError(ClaimgraphError):
    """Raised when RDF cannot be read back into a case (no case node, or a broken record)."""


class NotFoundError(ClaimgraphError):
    """Raised when a case, claim, entity or source asked for is not in the store."""


class QueryError(StoreError):
    """Raised when a SPARQL query or update is rejected by the store."""


class AnalysisError(ClaimgraphError):
    """Raised when a network analysis cannot run as asked: an unknown evidence status,
    predicate or kind in a filter, a bad date, or an export format that is not known."""


class SiteError(ClaimgraphError):
    """Raised when the casebook cannot be written where asked (e.g. a folder that is not one)."""


class UnsafeInputError(ClaimgraphError):
    """Raised when an input asks for something claimgraph never does: expand XML entities
    (a DOCTYPE), fetch a remote JSON-LD context, read a file outside the case folder."""


class SourceReadError(ClaimgraphError):
    """Raised when a source document cannot be read (unknown type, unreadable file)."""


class RdfFormatError(ClaimgraphError):
    """Raised when the RDF syntax of a file cannot be told from its name, or a syntax name
    is not one claimgraph reads or writes."""


class MissingExtraError(ClaimgraphError):
    """Raised when a feature needs an optional package that is not installed; the hint is
    the exact ``pip install`` command (see :func:`claimgraph.extras.require`)."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a case, located in the file that holds it."""

    severity: Severity
    code: ProblemCode
    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        # a plain string is accepted only when it is a declared code (ValueError otherwise)
        object.__setattr__(self, "code", ProblemCode.of(self.code))

    def location(self) -> str:
        """``file:line:col`` (or as much of it as is known)."""
        parts = [self.file or "<case>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def format(self) -> str:
        """One line: ``file:line:col: severity[code]: message (hint: ...)``."""
        text = f"{self.location()}: {self.severity}[{self.code}]: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain data (the code as its string), as ``--format json`` prints it."""
        return {**asdict(self), "code": self.code.value}


@dataclass
class Report:
    """Problems collected over a whole run, in the order they were found.

    >>> r = Report()
    >>> r.add(Problem("warning", ProblemCode.NO_EVIDENCE, "claim 'c1': has no evidence"))
    >>> r.ok, r.summary()
    (True, '0 errors, 1 warning')
    """

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings do not count)."""
        return not self.errors

    def sorted(self) -> list[Problem]:
        """Problems ordered by file, line and column, so output is stable."""
        return sorted(
            self.problems,
            key=lambda p: (p.file or "", p.line or 0, p.col or 0, p.code, p.message),
        )

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
