"""The ``claimgraph`` command line. ``main`` is the console-script entry point.

Every command's ``--help`` ends with an example; a test fails when one does not.
"""

from __future__ import annotations

import sys

from claimgraph.errors import ClaimgraphError

from . import validate_cmd  # noqa: F401  (registers its commands)
from .app import app
from .common import fail

__all__ = ["app", "main"]

# Commands of later capabilities register themselves the same way when their module exists.
for _name in ("store_cmd", "check_cmd", "prov_cmd", "analytics_cmd", "view_cmd", "interop_cmd"):
    try:
        __import__(f"{__name__}.{_name}")
    except ModuleNotFoundError as _exc:  # pragma: no cover - only while a module is absent
        if _exc.name != f"{__name__}.{_name}":
            raise


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; library errors become a message with a hint and exit code 1."""
    try:
        app(args=argv if argv is not None else sys.argv[1:], standalone_mode=True)
    except ClaimgraphError as exc:
        return fail(exc).exit_code  # message and hint already on stderr; no traceback
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0
