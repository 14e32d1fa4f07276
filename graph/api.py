"""The Python API for notebooks and scripts: one object over one store, the CLI's verbs.

:func:`open_graph` opens a store (the default embedded one, a folder, ``":memory:"`` or a
SPARQL endpoint) and gives a :class:`Claimgraph`, whose methods are the commands a user
types — ``build``, ``cases``, ``claims``, ``trace``, ``audit``, ``rank``, ``why``,
``neighbours``, ``timeline``, ``view``, ``vocab`` — returning plain Python data (lists of
small dataclasses and dicts, no DataFrame needed; each row has ``to_dict()``), and views
that draw themselves inline in Jupyter. Which case a method reads follows the CLI's rule
(:mod:`claimgraph.graph.store.casepick`): the case named, else the only case, else the one
holding the claim or entities named; the claim list, the word search and the audit span
every case when none is named. (``$CLAIMGRAPH_CASE`` is the command line's; the API does
not read it.)

Examples
--------
A three-claim case, built into a throwaway store:

>>> import tempfile, pathlib
>>> case = pathlib.Path(tempfile.mkdtemp()) / "demo"
>>> (case / "texts").mkdir(parents=True)
>>> _ = (case / "texts" / "a.txt").write_text(
...     "China exported 1,300 tonnes of nitrocellulose to Russia in 2023. "
...     "The ministry denied supplying weapons to Russia.", encoding="utf-8")
>>> _ = (case / "case.yaml").write_text("id: demo\\ntitle: Demo\\n", encoding="utf-8")
>>> _ = (case / "data.yaml").write_text('''
... entities:
...   - {id: china, name: China, kind: state, aliases: [PRC]}
...   - {id: russia, name: Russia, kind: state}
... sources:
...   - {id: a, title: An article, kind: news, text: texts/a.txt}
... claims:
...   - id: nc-2023
...     text: China exported nitrocellulose to Russia in 2023.
...     subject: china
...     predicate: supplies
...     object: russia
...     time: "2023"
...     evidence:
...       - {source: a, quote: "China exported 1,300 tonnes of nitrocellulose to Russia in 2023."}
...   - id: denial
...     text: China denies supplying weapons to Russia.
...     subject: china
...     predicate: supplies
...     object: russia
...     polarity: denied
...     evidence:
...       - {source: a, quote: The ministry denied supplying weapons to Russia.}
... ''', encoding="utf-8")
>>> cg = open_graph(":memory:")
>>> cg.build(case).case_id
'demo'
>>> [r.id for r in cg.claims(search="deny arms")]
['denial']
>>> t = cg.trace("nc-2023")
>>> t["status"], t["evidence"][0]["anchored"]
('contested', True)
>>> [r.node for r in cg.rank(top=2)]
['russia', 'china']
>>> [p.nodes for p in cg.why("PRC", "Russia")]
[['china', 'russia']]
>>> cg.view()._repr_html_().startswith("<iframe")
True
>>> cg.close()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimgraph.graph import analytics as an

if TYPE_CHECKING:
    import networkx as nx

    from claimgraph.graph.build import BuildResult
    from claimgraph.graph.provenance.claimlist import ClaimRow
    from claimgraph.graph.store import CaseInfo, Store
    from claimgraph.graph.views import NetworkView, ViewData
    from claimgraph.schema.models import Case

__all__ = ["Claimgraph", "open_graph"]


def open_graph(location: str | Path | None = None, *, endpoint: str | None = None,
               update_endpoint: str | None = None, read_only: bool = False) -> Claimgraph:
    """Open a store: the default embedded one (``$CLAIMGRAPH_STORE`` or the user data
    folder), a store folder (created when missing), ``":memory:"``, or a SPARQL
    ``endpoint``. ``read_only=True`` reads a snapshot while another process builds."""
    from claimgraph.graph.store import open_store

    if endpoint:
        return Claimgraph(open_store(None, endpoint, update_endpoint))
    if location is not None and str(location) != ":memory:":
        location = Path(location).expanduser()
    return Claimgraph(open_store(location, read_only=read_only) if location is not None
                      else open_store(read_only=read_only))


@dataclass
class Claimgraph:
    """One store and the commands on it (see the module docstring for an example)."""

    store: Store
    _inputs: dict[str, an.Inputs] = field(default_factory=dict, repr=False)

    # -- the store ---------------------------------------------------------------------
    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Claimgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def build(self, folder: str | Path) -> BuildResult:
        """Validate a case folder and load it into the store (``claimgraph build``); a case
        with errors raises :class:`~claimgraph.errors.CaseError` (its ``report`` lists
        them) and changes nothing."""
        from claimgraph.graph.build import build_case

        self._inputs.clear()
        return build_case(folder, self.store)

    def cases(self) -> list[CaseInfo]:
        """The store's catalogue: each case with its title, counts and build time."""
        return self.store.cases()

    def case_id(self, case: str | None = None, *, claims: tuple[str, ...] = (),
                entities: tuple[str | None, ...] = ()) -> str:
        """The case a method reads, by the one rule (an error lists the cases)."""
        from claimgraph.graph.store.casepick import choose_case

        cid = choose_case(self.store, case, claims=claims,
                          entities=[e for e in entities if e], option="case=")
        assert cid is not None
        return cid

    def case(self, case: str | None = None) -> Case:
        """The whole case as models (:class:`~claimgraph.schema.models.Case`)."""
        return self.store.read_case(self.case_id(case))

    # -- claims, provenance ------------------------------------------------------------
    def claims(self, case: str | None = None, *, search: str | None = None,
               subject: str | None = None, object: str | None = None,
               predicate: str | None = None, status: str | None = None,
               rating: str | None = None, tags: tuple[str, ...] = ()) -> list[ClaimRow]:
        """``claimgraph claims``: claims filtered and searched by words in any form (every
        case when none is named and the store holds several)."""
        from claimgraph.graph.provenance.claimlist import list_claims
        from claimgraph.graph.store.casepick import choose_case

        cid = choose_case(self.store, case, spans=True, option="case=")
        return list_claims(self.store, cid, search=search, subject=subject, object=object,
                           predicate=predicate, status=status, rating=rating, tags=tags)

    def trace(self, claim: str, case: str | None = None) -> dict[str, Any]:
        """``claimgraph trace``: where a claim comes from, as plain data. ``claim`` is an id,
        or words that find exactly one claim (else :class:`~claimgraph.errors.NotFoundError`
        naming the matches)."""
        from claimgraph.errors import NotFoundError
        from claimgraph.graph.provenance.trace import find_claims, trace_claim
        from claimgraph.graph.store.casepick import choose_case

        cid = choose_case(self.store, case, spans=True, option="case=")
        matches = find_claims(self.store, claim, case=cid)
        if len(matches) != 1:
            found = ", ".join(f"{m.case}/{m.id}" for m in matches[:10]) or "none"
            raise NotFoundError(f"{len(matches)} claims match {claim!r}: {found}",
                                hint="give a claim id (see .claims(search=...))")
        return trace_claim(self.store, matches[0].case, matches[0].id)

    def audit(self, case: str | None = None) -> dict[str, Any]:
        """``claimgraph audit``: the weak spots and the counts, as plain data."""
        from claimgraph.graph.provenance.audit import audit
        from claimgraph.graph.store.casepick import choose_case

        return audit(self.store, choose_case(self.store, case, spans=True, option="case="))

    # -- analytics ---------------------------------------------------------------------
    def graphs(self, case: str | None = None, filters: an.Filters | None = None, *,
               entities: tuple[str | None, ...] = ()) -> tuple[nx.MultiDiGraph, nx.DiGraph]:
        """The claim graph and its collapsed graph (networkx) under ``filters``."""
        cid = self.case_id(case, entities=entities)
        if cid not in self._inputs:
            self._inputs[cid] = an.load_inputs(self.store, cid)
        inputs = self._inputs[cid]
        return an.project(inputs.case, inputs.statuses, filters or an.Filters())

    def rank(self, case: str | None = None, *, by: str = "pagerank", top: int = 10,
             groups: tuple[str, ...] = (), filters: an.Filters | None = None) -> list[an.RankRow]:
        """``claimgraph rank``: who matters, with the strongest claims behind each score."""
        g, collapsed = self.graphs(case, filters)
        return an.rank(g, collapsed, by=by, top=top, groups=groups)

    def why(self, a: str, b: str, case: str | None = None, *, k: int = 5, max_hops: int = 4,
            undirected: bool = False, filters: an.Filters | None = None) -> list[an.Path]:
        """``claimgraph why``: the best-evidenced paths from ``a`` to ``b`` (ids, names or
        aliases)."""
        g, collapsed = self.graphs(case, filters, entities=(a, b))
        return an.strongest_paths(g, a, b, k=k, max_hops=max_hops, undirected=undirected,
                                  collapsed=collapsed)

    def neighbours(self, entity: str, case: str | None = None, *, depth: int = 1,
                   directed: bool = False,
                   filters: an.Filters | None = None) -> list[an.EgoRow]:
        """``claimgraph neighbours``: the entities within ``depth`` claims of ``entity``."""
        g, _ = self.graphs(case, filters, entities=(entity,))
        return an.ego_rows(g, entity, depth, undirected=not directed)

    def timeline(self, case: str | None = None, *, subject: str | None = None,
                 object: str | None = None, item: str | None = None,
                 quantified_only: bool = False,
                 filters: an.Filters | None = None) -> list[an.TimelineRow]:
        """``claimgraph timeline``: dated (and quantified) claims, oldest first."""
        g, _ = self.graphs(case, filters, entities=(subject, object, item))
        return an.timeline_rows(g, subject=subject, obj=object, item=item,
                                quantified_only=quantified_only)

    # -- views and vocabulary ----------------------------------------------------------
    def view_data(self, case: str | None = None) -> ViewData:
        """Everything the views draw for one case (:class:`~claimgraph.graph.views.ViewData`)."""
        from claimgraph.graph.views import load_view_data

        return load_view_data(self.store, self.case_id(case), timeline=False)

    def view(self, case: str | None = None, *, focus: str | None = None,
             claim: str | None = None, radius: int = 1) -> NetworkView:
        """``claimgraph view``: the network (or one entity's neighbourhood with ``focus``,
        or one claim's provenance with ``claim``); shows itself inline in Jupyter,
        ``.save(path)`` writes the page."""
        from claimgraph.graph import views

        data = self.view_data(self.case_id(case, claims=(claim,) if claim else ()))
        if claim:
            return views.provenance_view(data, claim)
        if focus:
            return views.focus_view(data, focus, radius=radius)
        return views.network_view(data)

    def vocab(self, case: str | None = None) -> dict[str, Any]:
        """``claimgraph vocab``: kinds, predicates, source kinds, statuses, ratings,
        confidence terms and grades as plain data; with ``case`` (an id in the store), that
        case's own kinds and predicates too, marked ``"from": "case"``."""
        from claimgraph.schema.vocab import load_vocabulary
        from claimgraph.schema.vocabdoc import describe_vocabulary

        vocab = load_vocabulary()
        if case is not None:
            vocab = vocab.extend(self.case(case).meta.vocabulary)
        return describe_vocabulary(vocab)
