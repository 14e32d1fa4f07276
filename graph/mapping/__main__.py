"""``python -m claimgraph.graph.mapping [--check]``: rewrite (or check) the files made from the
mapping table: ``schema/shapes.ttl`` and the scheme in ``graph/mapping/__init__.py``."""

from .docs import main

raise SystemExit(main())
