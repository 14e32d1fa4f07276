"""Where claimgraph keeps things on disk when the user does not say.

The default embedded store lives in the user's data folder as the platform defines it
(``platformdirs``): ``~/.local/share/claimgraph/store`` on Linux (``$XDG_DATA_HOME``
respected), ``~/Library/Application Support/claimgraph/store`` on macOS,
``%LOCALAPPDATA%\\claimgraph\\store`` on Windows. ``$CLAIMGRAPH_STORE`` overrides it.

Examples
--------
>>> import os
>>> os.environ["CLAIMGRAPH_STORE"] = "/tmp/my-store"
>>> str(default_store_path())
'/tmp/my-store'
>>> del os.environ["CLAIMGRAPH_STORE"]
>>> default_store_path().name
'store'
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_data_path

__all__ = ["STORE_ENV", "default_store_path", "user_cache_dir", "user_data_dir"]

STORE_ENV = "CLAIMGRAPH_STORE"
"""The environment variable naming the default embedded store folder."""


def user_data_dir() -> Path:
    """claimgraph's folder in the user's data directory (not created)."""
    return user_data_path("claimgraph", appauthor=False, ensure_exists=False)


def user_cache_dir() -> Path:
    """claimgraph's folder in the user's cache directory (``~/.cache/claimgraph``; not
    created): what can be recomputed, such as analytics answers about an endpoint."""
    return user_cache_path("claimgraph", appauthor=False, ensure_exists=False)


def default_store_path() -> Path:
    """``$CLAIMGRAPH_STORE``, else ``store`` in :func:`user_data_dir`."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    return user_data_dir() / "store"
