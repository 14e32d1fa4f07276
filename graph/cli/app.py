"""The ``claimgraph`` Typer application and its global options.

Each command lives in its own module (``*_cmd.py``) and registers itself on :data:`app`;
``claimgraph.graph.cli.main`` imports them all. Library code raises
:class:`~claimgraph.errors.ClaimgraphError`; only :func:`claimgraph.graph.cli.main` turns it
into a message with a hint (or a JSON document) and an exit code (1 for failures, 2 for
usage errors).
"""

from __future__ import annotations

from dataclasses import dataclass

import typer

from claimgraph import version
from claimgraph.paths import STORE_ENV, default_store_path

__all__ = ["Settings", "app", "settings"]

ENDPOINT_ENV = "CLAIMGRAPH_ENDPOINT"
UPDATE_ENDPOINT_ENV = "CLAIMGRAPH_UPDATE_ENDPOINT"
TIMEOUT_ENV = "CLAIMGRAPH_TIMEOUT"
QUIET_ENV = "CLAIMGRAPH_QUIET"


@dataclass
class Settings:
    """Where the commands read and write: an embedded store path or a SPARQL endpoint."""

    store: str | None = None
    endpoint: str | None = None
    update_endpoint: str | None = None
    timeout: float | None = None
    quiet: bool = False
    """No progress display (:mod:`.progress`)."""

    def store_location(self) -> str:
        return self.store or str(default_store_path())


settings = Settings()

app = typer.Typer(
    name="claimgraph",
    help=(
        "A claims-and-evidence knowledge graph: load cases of claims, sources and quotes "
        "into an RDF store, trace and audit them, analyse and view the actor network."
    ),
    epilog=(
        "Example: claimgraph validate cases/china-russia-nitrocellulose  ·  "
        "claimgraph build cases/china-russia-nitrocellulose"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"claimgraph {version()}")
        raise typer.Exit()


@app.callback()
def _global(
    store: str = typer.Option(
        None, "--store", envvar=STORE_ENV, metavar="PATH",
        help=f"Embedded Oxigraph store folder (default {default_store_path()}); ':memory:' "
        "for a throwaway in-memory store.",
    ),
    endpoint: str = typer.Option(
        None, "--endpoint", envvar=ENDPOINT_ENV, metavar="URL",
        help="Use a SPARQL 1.1 endpoint instead of the embedded store (query URL).",
    ),
    update_endpoint: str = typer.Option(
        None, "--update-endpoint", envvar=UPDATE_ENDPOINT_ENV, metavar="URL",
        help="SPARQL update URL when it differs from --endpoint.",
    ),
    timeout: float = typer.Option(
        None, "--timeout", envvar=TIMEOUT_ENV, metavar="SECONDS", min=0.1,
        help="How long an endpoint may take to answer (default 300).",
    ),
    quiet: bool = typer.Option(
        False, "--quiet", envvar=QUIET_ENV,
        help="No progress display (it is drawn on stderr only when that is a terminal).",
    ),
    _version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    settings.store = store
    settings.endpoint = endpoint
    settings.update_endpoint = update_endpoint
    settings.timeout = timeout
    settings.quiet = quiet
