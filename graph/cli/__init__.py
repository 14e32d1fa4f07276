"""The ``claimgraph`` command line. ``main`` is the console-script entry point.

Every command's ``--help`` ends with an example; a test fails when one does not. Exit codes:
0 done, 1 failed (a library error, printed with its hint), 2 a usage error. With
``--format json`` stdout holds exactly one JSON document whatever happens — the answer, or
``{"error": {...}}`` (:func:`~claimgraph.graph.cli.common.error_document`) — and a failure
prints nothing else.
"""

from __future__ import annotations

import sys
from typing import Protocol, cast

import typer

from claimgraph.errors import ClaimgraphError

from . import (  # noqa: F401  (each module registers its commands on the app)
    analytics_cmd,
    check_cmd,
    claims_cmd,
    compare_cmd,
    interop_cmd,
    prov_cmd,
    store_cmd,
    validate_cmd,
    view_cmd,
    vocab_cmd,
    xcase_cmd,
)
from .app import app
from .common import report_error
from .options import wants_json

__all__ = ["app", "main"]


class _UsageError(Protocol):
    exit_code: int

    def format_message(self) -> str: ...


# The base of Typer's usage errors (ClickException, vendored since Typer 0.26, click's own
# before), reached through the public typer.BadParameter rather than a private module.
_USAGE_ERRORS: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI on ``argv`` (default: the process's arguments); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = wants_json(args)
    try:
        if not as_json:  # Typer prints usage errors and help its own way
            app(args=args, prog_name="claimgraph", standalone_mode=True)
            return 0
        code = app(args=args, prog_name="claimgraph", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except ClaimgraphError as exc:
        return report_error(exc, as_json=as_json)
    except _USAGE_ERRORS as exc:  # a usage error, when JSON was asked for
        usage = cast(_UsageError, exc)
        return report_error(ClaimgraphError(usage.format_message(),
                                            hint="see `claimgraph COMMAND --help`"),
                            as_json=True, exit_code=usage.exit_code, kind="usage")
    except typer.Abort:  # Ctrl-C or end of input, when JSON was asked for
        return report_error(ClaimgraphError("aborted"), as_json=True, kind="aborted")
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
