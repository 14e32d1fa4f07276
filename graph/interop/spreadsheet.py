"""Claims and evidence as a CSV spreadsheet, one row per evidence item.

The columns and the reading side are :mod:`claimgraph.schema.csvsrc`: a file written here
and saved as ``claims.csv`` (any name ending so) in a case folder is read back by the case
loader into the same claims. Claim columns are repeated on every row of a claim, so the
sheet can be sorted and filtered; text cells that a spreadsheet would run as a formula
are neutralised with a leading ``'`` (numbers are written as numbers).

Examples
--------
>>> from claimgraph.schema.models import Claim
>>> c = Claim.model_validate({"id": "c1", "text": "=HYPERLINK(\\"x\\")", "subject": "a",
...     "predicate": "supplies", "object": "b", "quantity": {"value": -5, "unit": "t"},
...     "evidence": [{"source": "s", "quote": "one"}, {"source": "s", "quote": "two"}]})
>>> text = claims_to_csv([c])
>>> print(text.splitlines()[1][:40])
c1,"'=HYPERLINK(""x"")",a,supplies,b,,-5
>>> from claimgraph.schema.csvsrc import read_claims_csv
>>> Claim.model_validate(read_claims_csv(text, "claims.csv").records[0]) == c
True
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from claimgraph.schema.csvsrc import claim_columns, neutralise
from claimgraph.schema.models import Claim

__all__ = ["claims_to_csv"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return neutralise("; ".join(str(v) for v in value))
    return neutralise(str(value))


def _at(data: dict[str, Any] | None, path: tuple[str, ...]) -> Any:
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def claims_to_csv(claims: Iterable[Claim]) -> str:
    """The spreadsheet text (header row first; ``\\r\\n`` line ends as RFC 4180 says)."""
    cols = claim_columns()
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([c.name for c in cols])
    for claim in claims:
        data = claim.model_dump(mode="python", exclude_none=True)
        items = data.pop("evidence", None) or [None]
        for item in items:
            writer.writerow([_cell(_at(item, c.path[1:]) if c.evidence else _at(data, c.path))
                             for c in cols])
    return out.getvalue()
