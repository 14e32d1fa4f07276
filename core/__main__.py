"""``python -m claimgraph``: the same as the ``claimgraph`` command."""

from __future__ import annotations

import sys

from claimgraph.graph.cli import main

if __name__ == "__main__":
    sys.exit(main())
