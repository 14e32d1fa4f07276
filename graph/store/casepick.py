"""Which case a command reads: one rule, the same for every command and the Python API.

1. The case named (``--case`` or ``$CLAIMGRAPH_CASE`` on the command line): a case id in
   the store, or a case folder — the id its ``case.yaml`` declares, so
   ``--case cases/my-case/`` works whatever the folder is called.
2. Else the only case in the store (imported RDF files are not cases).
3. Else the one case that holds what the command was given: a claim id (``trace``), an
   entity's id, name or alias (``why``, ``neighbours``, ``timeline --subject``).
4. Else, for a command that lists across cases (``claims``, ``trace``'s word search,
   ``audit``), every case: :func:`choose_case` returns None.
5. Else an error naming the cases and the option to add.

Examples
--------
>>> from claimgraph.graph.store import open_store
>>> choose_case(open_store(":memory:"), None, spans=True) is None
True
>>> choose_case(open_store(":memory:"), "")
Traceback (most recent call last):
...
claimgraph.errors.NotFoundError: an empty case id
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import NotFoundError
from claimgraph.graph.iris import parse_iri
from claimgraph.graph.nquads import lit
from claimgraph.schema.casepaths import folder_case_id

if TYPE_CHECKING:
    from .base import Store

__all__ = ["CASE_ENV", "case_ids", "cases_holding", "choose_case", "named_case"]

CASE_ENV = "CLAIMGRAPH_CASE"
"""The environment variable that names the case when ``--case`` is not given."""


def case_ids(store: Store) -> list[str]:
    """The ids of the built cases in the store (imported RDF files left out), sorted."""
    return sorted(c.id for c in store.cases() if c.kind == "case")


def named_case(ref: str) -> str:
    """The case id ``ref`` names: itself, or the id in ``ref/case.yaml`` when ``ref`` is a
    case folder (a trailing slash, as tab completion adds, is fine)."""
    if not ref.strip():
        raise NotFoundError("an empty case id",
                            hint="name a case id (see `claimgraph cases`) or a case folder")
    looks_like_path = "/" in ref or "\\" in ref or ref in (".", "..")
    if looks_like_path or Path(ref).is_dir():
        found = folder_case_id(ref)
        if found:
            return found
        if looks_like_path:
            raise NotFoundError(f"{ref} is not a case folder (no case.yaml with an id:)",
                                hint="name a case id (see `claimgraph cases`) or the folder "
                                     "holding case.yaml")
    return ref


def cases_holding(store: Store, *, claims: Iterable[str] = (),
                  entities: Iterable[str] = ()) -> list[str]:
    """The cases holding every one of ``claims`` (ids) and ``entities`` (an id, a name or
    an alias, case-insensitive), sorted."""
    from claimgraph.graph.namespace import SPARQL_PREFIXES  # rdflib: only when asked

    found: set[str] | None = None
    for ref in claims:
        rows = store.query(SPARQL_PREFIXES + f"""SELECT DISTINCT ?c WHERE {{
            ?c dcterms:identifier {lit(ref)} ; a cg:Claim }}""")
        found = _narrow(found, rows)
    for ref in entities:
        key = ref.strip().casefold()
        rows = store.query(SPARQL_PREFIXES + f"""SELECT DISTINCT ?c WHERE {{ ?c a cg:Entity .
            {{ ?c dcterms:identifier {lit(ref)} }} UNION {{
               ?c schema:name|skos:altLabel ?l FILTER(LCASE(STR(?l)) = {lit(key)}) }} }}""")
        found = _narrow(found, rows)
    return sorted(found or ())


def _narrow(found: set[str] | None, rows: list[dict[str, str | None]]) -> set[str]:
    cases = {p.case_id for r in rows if (p := parse_iri(r["c"] or "")) is not None}
    return cases if found is None else found & cases


def choose_case(store: Store, case: str | None, *, claims: Iterable[str] = (),
                entities: Iterable[str] = (), spans: bool = False,
                option: str = "--case") -> str | None:
    """The case to read by the rule of this module; None means every case (only when
    ``spans``). ``option`` is how the hint tells to name one (``--case``, ``CASE``)."""
    if case is not None:
        cid = named_case(case)
        ids = case_ids(store)
        if cid not in ids and cid not in {c.id for c in store.cases()}:
            raise NotFoundError(f"no case {cid!r} in the store",
                                hint=f"build it first (claimgraph build CASE_DIR), or use one "
                                     f"of: {', '.join(ids) or '(none)'}")
        return cid
    ids = case_ids(store)
    if len(ids) == 1:
        return ids[0]
    if not ids:
        if spans:
            return None
        raise NotFoundError("the store holds no case",
                            hint="build one first: claimgraph build cases/<case>")
    claims, entities = list(claims), list(entities)
    if claims or entities:
        holding = cases_holding(store, claims=claims, entities=entities)
        if len(holding) == 1:
            return holding[0]
        named = ", ".join(repr(x) for x in (*claims, *entities))
        if len(holding) > 1:
            raise NotFoundError(f"{named} is in {len(holding)} cases: {', '.join(holding)}",
                                hint=f"name one with {option} (or ${CASE_ENV})")
    if spans:
        return None
    raise NotFoundError(f"the store holds {len(ids)} cases; which one?",
                        hint=f"name one with {option} (or ${CASE_ENV}): {', '.join(ids)}")
