"""The ``claimgraph`` command line. ``main`` is the console-script entry point.

Every command's ``--help`` ends with an example; a test fails when one does not. Exit codes:
0 done, 1 failed (a library error, printed with its hint), 2 a usage error. With
``--format json`` stdout holds exactly one JSON document whatever happens — the answer, or
``{"error": {...}}`` (:func:`~claimgraph.graph.cli.common.error_document`) — and a failure
prints nothing else.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any, Protocol, cast

import typer

from claimgraph.errors import ClaimgraphError

from . import app as _app
from .common import report_error
from .options import wants_json

if TYPE_CHECKING:
    from .app import app

__all__ = ["app", "lean", "load_commands", "main"]

COMMAND_MODULES = ("analytics_cmd", "check_cmd", "claims_cmd", "compare_cmd", "interop_cmd",
                   "prov_cmd", "store_cmd", "validate_cmd", "view_cmd", "vocab_cmd", "xcase_cmd")
"""The modules that register the commands on the app (each imported once, when needed)."""

_ALONE = {"rank": "analytics_cmd", "why": "analytics_cmd", "neighbours": "analytics_cmd"}
"""Commands often answered from the analytics cache in a fraction of a second: run alone,
they load only their own module, not every command's imports (networkx, rdflib, the
views: ~1.5 s of CPU before any work)."""
_VALUED = {"--store", "--endpoint", "--update-endpoint", "--timeout"}
"""Global options that take a value (skipped when looking for the command name)."""


_LEAN = [False]


def lean() -> bool:
    """True while commands are being registered only to run one (no help will be shown)."""
    return _LEAN[0]


def load_commands(args: list[str] | None = None) -> typer.Typer:
    """Register the commands on the app and return it: all of them, or, when ``args``
    name one of :data:`_ALONE`, only its module (``--help`` and everything else: all)."""
    modules: tuple[str, ...] = COMMAND_MODULES
    command = next((a for i, a in enumerate(args or ())
                    if not a.startswith("-") and (i == 0 or (args or [])[i - 1] not in _VALUED)),
                   None)
    if args is not None and command in _ALONE and "--help" not in args and "-h" not in args:
        modules = (_ALONE[command],)
    _LEAN[0] = len(modules) == 1
    try:
        for name in modules:
            importlib.import_module(f"{__name__}.{name}")
    finally:
        _LEAN[0] = False
    return _app.app


def __getattr__(name: str) -> Any:
    if name == "app":  # the whole app, every command registered
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


del app  # the submodule's name: `from claimgraph.graph.cli import app` gives the Typer app


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
    app = load_commands(args)
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
