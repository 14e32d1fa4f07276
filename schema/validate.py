"""Cross-checks of a loaded case: ids, references, vocabulary, kinds and cycles.

Every problem is located (file:line:col of the offending value) and carries a hint.
Quote checks against source texts live in :mod:`claimgraph.sources`, which runs these
checks first; use :func:`claimgraph.sources.validation.validate_case` for the whole thing.

Examples
--------
>>> import tempfile, pathlib
>>> from claimgraph.schema.caseload import load_case_folder
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "case.yaml").write_text("id: demo\\ntitle: Demo\\n")
>>> _ = (d / "data.yaml").write_text('''entities:
...   - {id: china, name: China, kind: state}
...   - {id: russia, name: Russia, kind: state}
... claims:
...   - {id: c1, text: China supplies Russia., subject: china, predicate: supplies,
...      object: rusia}
... ''')
>>> for p in check_case(load_case_folder(d)): print(p.format())
data.yaml:6:14: error[dangling-ref]: claim 'c1': object 'rusia' is not an entity of this case (hint: did you mean 'russia'?)
data.yaml:5:5: warning[no-evidence]: claim 'c1': has no evidence (hint: add `evidence:` with a quote from a source, or it will count as unsourced)
"""

from __future__ import annotations

from collections.abc import Mapping

from claimgraph.errors import Problem, ProblemCode, Severity, VocabularyError

from .caseload import CASE_FILE, LoadedCase, RecordOrigin
from .casepaths import OutsideCase, inside_case, special_kind
from .conflict import contradiction_scope_problems
from .suggest import SUGGEST_BUDGET, Suggester, did_you_mean
from .vocab import Vocabulary, VocabularyExtension, load_vocabulary

__all__ = ["case_vocabulary", "check_case", "did_you_mean"]


def case_vocabulary(loaded: LoadedCase, problems: list[Problem]) -> Vocabulary:
    """The bundled vocabulary extended by the case's own (problems go to ``problems``).

    Entry by entry: a kind or predicate that does not fit (an unknown parent or subject
    kind, a clash with a bundled one) is reported at its own entry and left out; the
    others are kept."""
    base = load_vocabulary()
    if loaded.meta is None:
        return base
    ext = loaded.meta.vocabulary
    try:
        return base.extend(ext)
    except VocabularyError:
        pass
    vocab = base
    pending = list(ext.entity_kinds)
    while pending:  # a kind's parent may be a case kind declared after it
        left = []
        for kind in pending:
            try:
                vocab = vocab.extend(VocabularyExtension(entity_kinds=(kind,)))
            except VocabularyError:
                left.append(kind)
        if len(left) == len(pending):
            break
        pending = left
    failed: list[tuple[str, str, VocabularyError]] = []
    for kind in pending:
        failed.append(("kind", kind.id, _extend_error(vocab, VocabularyExtension(
            entity_kinds=(kind,)))))
    for pred in ext.predicates:
        try:
            vocab = vocab.extend(VocabularyExtension(predicates=(pred,)))
        except VocabularyError as bad:
            failed.append(("predicate", pred.id, bad))
    try:
        vocab = vocab.extend(VocabularyExtension(language=ext.language))
    except VocabularyError as bad:
        failed.append(("language", "", bad))
    for what, rid, exc in failed:
        line, col = loaded.declared_vocab.get((what, rid)) or (
            loaded.meta_origin.at("vocabulary")[1:] if loaded.meta_origin else (None, None))
        label = "entity kind" if what == "kind" else what
        message = (f"case: {label} '{rid}': {exc.message} (it is left out; the case's other "
                   "kinds and predicates count)") if rid else exc.message
        problems.append(Problem("error", ProblemCode.VOCABULARY, message, CASE_FILE, line, col,
                                hint=exc.hint))
    return vocab


def _extend_error(vocab: Vocabulary, ext: VocabularyExtension) -> VocabularyError:
    try:
        vocab.extend(ext)
    except VocabularyError as exc:
        return exc
    return VocabularyError("its parent chain does not reach a known kind")


def _declared_but_faulty(loaded: LoadedCase, what: str, rid: str) -> str | None:
    """The message tail for a kind or predicate case.yaml declares but that did not load
    (its declaration's own error is reported at it); None when it is not declared."""
    mark = loaded.declared_vocab.get((what, rid))
    if mark is None:
        return None
    return f"declared at {CASE_FILE}:{mark[0]}, but that declaration has an error (reported there)"


class _Checker:
    def __init__(self, loaded: LoadedCase, vocab: Vocabulary) -> None:
        self.loaded = loaded
        self.vocab = vocab
        self.out: list[Problem] = []
        self.entities = {e.id: e for e in loaded.entities}
        self.sources = {s.id: s for s in loaded.sources}
        self.claims = {c.id: c for c in loaded.claims}
        self.claimants: dict[str, object] = {**self.sources, **self.entities}
        self._suggesters: dict[int, Suggester] = {}
        self._budget = [SUGGEST_BUDGET]
        self._upstream: dict[str, set[str]] = {}
        self.tags = {t.id: t for t in loaded.meta.tags} if loaded.meta else {}

    def suggest(self, value: str, namespace: Mapping[str, object]) -> str | None:
        """A ``did you mean`` hint for an unknown id (None when nothing is close)."""
        sug = self._suggesters.get(id(namespace))
        if sug is None:
            sug = self._suggesters[id(namespace)] = Suggester(namespace)
        return sug.suggest(value, self._budget)

    def at(self, kind: str, rid: str, *path: str | int) -> tuple[str, int | None, int | None]:
        origin: RecordOrigin | None = self.loaded.origin(kind, rid)
        if origin is None:
            return "<case>", None, None
        return origin.at(*path)

    def problem(self, severity: Severity, code: ProblemCode, kind: str, rid: str,
                path: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        file, line, col = self.at(kind, rid, *path)
        self.out.append(Problem(severity, code, f"{kind} '{rid}': {message}",
                                file, line, col, hint))

    def ref(self, kind: str, rid: str, path: tuple[str | int, ...], value: str | None,
            namespace: Mapping[str, object], what: str, label: str) -> bool:
        """Check that ``value`` names a record in ``namespace``; report it if not."""
        if value is None or value in namespace:
            return True
        if value in self.loaded.rejected_ids:
            return False  # its own schema error was reported already
        self.problem("error", ProblemCode.DANGLING_REF, kind, rid, path,
                     f"{label} '{value}' is not {what} of this case",
                     self.suggest(value, namespace) or f"define it under `{_section(what)}:`")
        return False

    def cross_case(self, kind: str, rid: str, i: int, value: str) -> None:
        """A ``CASE:ID`` link: only its form can be checked here (the other case is checked
        where both are in one store: ``claimgraph links``); naming this very case is
        an error, since a plain id says it."""
        case_id, _, other = value.partition(":")
        if self.loaded.meta is not None and case_id == self.loaded.meta.id:
            self.problem("error", ProblemCode.SELF_REF, kind, rid, ("same_as", i),
                         f"same_as '{value}' names this case ('{case_id}')",
                         f"write the plain id: '{other}'")

    # -- ids -------------------------------------------------------------------------
    def duplicates(self) -> None:
        for kind, rid, origin in self.loaded.duplicate_origins:
            first = self.loaded.origin(kind, rid)
            where = f"{first.file}:{first.line}" if first else "?"
            self.out.append(Problem("error", ProblemCode.DUPLICATE_ID,
                                    f"{kind} id '{rid}' is defined twice (first at {where})",
                                    origin.file, origin.line, origin.col,
                                    "give each record its own id"))
            if first:
                self.out.append(Problem("error", ProblemCode.DUPLICATE_ID,
                                        f"{kind} id '{rid}' is defined again at "
                                        f"{origin.file}:{origin.line}",
                                        first.file, first.line, first.col,
                                        "give each record its own id"))
        owners: dict[str, str] = {}
        hint = "ids are shared by entities, sources and claims: rename one"
        for kind, rid in self.loaded.origins:
            first_kind = owners.setdefault(rid, kind)
            if first_kind != kind:
                here = self.at(kind, rid, "id")
                there = self.at(first_kind, rid, "id")
                self.problem("error", ProblemCode.DUPLICATE_ID, kind, rid, ("id",),
                             f"id is also used by {_ARTICLE[first_kind]} {first_kind} "
                             f"(at {there[0]}:{there[1]})", hint)
                self.problem("error", ProblemCode.DUPLICATE_ID, first_kind, rid, ("id",),
                             f"id is also used by {_ARTICLE[kind]} {kind} "
                             f"(at {here[0]}:{here[1]})", hint)

    # -- entities ------------------------------------------------------------------
    def entity(self, e_id: str) -> None:
        e = self.entities[e_id]
        kinds = self.vocab.entity_kinds
        if e.kind not in kinds:
            faulty = _declared_but_faulty(self.loaded, "kind", e.kind)
            self.problem("error", ProblemCode.UNKNOWN_KIND, "entity", e.id, ("kind",),
                         f"kind '{e.kind}' is {faulty}" if faulty
                         else f"unknown kind '{e.kind}'",
                         "fix the kind's declaration in case.yaml" if faulty
                         else did_you_mean(e.kind, self.vocab.concrete_kinds())
                         or "add it under `vocabulary: entity_kinds:` in case.yaml")
        elif kinds[e.kind].abstract:
            self.problem("error", ProblemCode.ABSTRACT_KIND, "entity", e.id, ("kind",),
                         f"kind '{e.kind}' only groups other kinds",
                         "use one of: " + ", ".join(
                             sorted(k for k in self.vocab.descendants(e.kind)
                                    if not kinds[k].abstract)))
        for i, p in enumerate(e.part_of):
            if p == e.id:
                self.problem("error", ProblemCode.CYCLE, "entity", e.id, ("part_of", i),
                             "is part of itself")
            self.ref("entity", e.id, ("part_of", i), p, self.entities, "an entity", "part_of")
        for field in ("same_as", "broader", "overlaps"):
            for i, other in enumerate(getattr(e, field)):
                if other == e.id and field == "broader":
                    self.problem("error", ProblemCode.CYCLE, "entity", e.id, (field, i),
                                 "broader than itself")
                elif other == e.id:
                    self.problem("error", ProblemCode.SELF_REF, "entity", e.id, (field, i),
                                 f"{field} itself")
                elif field == "same_as" and ":" in other:
                    self.cross_case("entity", e.id, i, other)
                else:
                    self.ref("entity", e.id, (field, i), other, self.entities, "an entity",
                             field)
        for i, other in enumerate(e.overlaps):
            peer = self.entities.get(other)
            if other in e.same_as or (peer is not None and e.id in peer.same_as):
                self.problem("error", ProblemCode.IDENTITY_OVERLAP, "entity", e.id,
                             ("overlaps", i),
                             f"'{other}' is both the same as this entity (same_as) and only "
                             "overlapping (overlaps)",
                             "keep same_as for one real-world thing under two ids, overlaps "
                             "for groups that share members")
        if self.ref("entity", e.id, ("country",), e.country, self.entities, "an entity",
                    "country") and e.country:
            ck = self.entities[e.country].kind
            if ck in kinds and not self.vocab.kind_allowed(ck, ["state"]):
                self.problem("warning", ProblemCode.KIND_MISMATCH, "entity", e.id, ("country",),
                             f"country '{e.country}' is {_a(ck)} {ck}, not a state")

    def entity_cycles(self) -> None:
        for field, hint in (("part_of", "an entity cannot be (indirectly) part of itself"),
                            ("broader", "an entity cannot be (indirectly) broader than itself")):
            self.cycles(field, hint)

    def cycles(self, field: str, hint: str) -> None:
        graph = {e.id: [p for p in getattr(e, field) if p in self.entities and p != e.id]
                 for e in self.entities.values()}
        state: dict[str, int] = {}
        reported: set[frozenset[str]] = set()

        def visit(node: str, stack: list[str]) -> None:
            state[node] = 1
            stack.append(node)
            for nxt in graph[node]:
                if state.get(nxt) == 1:
                    cycle = stack[stack.index(nxt):]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        first = min(cycle)
                        path = " -> ".join([*cycle[cycle.index(first):],
                                            *cycle[:cycle.index(first)], first])
                        self.problem("error", ProblemCode.CYCLE, "entity", first, (field,),
                                     f"{field} goes round in a circle: {path}", hint)
                elif nxt not in state:
                    visit(nxt, stack)
            stack.pop()
            state[node] = 2

        for node in sorted(graph):
            if node not in state:
                visit(node, [])

    # -- sources -------------------------------------------------------------------
    def source(self, s_id: str) -> None:
        s = self.sources[s_id]
        if s.kind not in self.vocab.source_kinds:
            self.problem("error", ProblemCode.UNKNOWN_KIND, "source", s.id, ("kind",),
                         f"unknown source kind '{s.kind}'",
                         did_you_mean(s.kind, self.vocab.source_kinds)
                         or "known kinds: " + ", ".join(sorted(self.vocab.source_kinds)))
        if s.reliability and s.reliability not in self.vocab.reliability:
            self.problem("error", ProblemCode.UNKNOWN_GRADE, "source", s.id, ("reliability",),
                         f"unknown reliability grade '{s.reliability}'", "use A-F")
        for i, c in enumerate(s.cites):
            if c == s.id:
                self.problem("error", ProblemCode.CYCLE, "source", s.id, ("cites", i), "cites itself")
            self.ref("source", s.id, ("cites", i), c, self.sources, "a source", "cites")
        for i, other in enumerate(s.same_as):
            if other == s.id:
                self.problem("error", ProblemCode.SELF_REF, "source", s.id, ("same_as", i),
                             "same_as itself")
            elif ":" in other:
                self.cross_case("source", s.id, i, other)
            else:
                self.ref("source", s.id, ("same_as", i), other, self.sources, "a source",
                         "same_as")
        if s.text is not None:
            self.text_path(s.id, s.text, absent_ok=s.quote_only)

    def text_path(self, s_id: str, text: str, absent_ok: bool = False) -> None:
        try:
            full = inside_case(self.loaded.root, text)
        except OutsideCase as exc:
            self.problem("error", ProblemCode.PATH_OUTSIDE, "source", s_id, ("text",),
                         f"text path '{text}' {exc}",
                         "keep source texts inside the case, e.g. texts/article.txt"
                         if "link" not in str(exc) else "copy the text into the case folder")
            return
        kind = special_kind(full)
        if kind == "a folder":
            self.problem("error", ProblemCode.NOT_A_FILE, "source", s_id, ("text",),
                         f"text path '{text}' is a folder, not a file",
                         "name the text file inside it, e.g. texts/article.txt")
        elif kind is not None:
            self.problem("error", ProblemCode.NOT_A_FILE, "source", s_id, ("text",),
                         f"text path '{text}' is not a regular file ({kind})",
                         "save the source text as an ordinary file")
        elif not full.is_file() and not absent_ok:  # a quote-only text may be absent
            self.problem("error", ProblemCode.MISSING_FILE, "source", s_id, ("text",),
                         f"text file '{text}' does not exist",
                         "save the source text there, or remove `text:` if it was not captured")

    # -- claims --------------------------------------------------------------------
    def claim(self, c_id: str) -> None:
        c = self.claims[c_id]
        v = self.vocab
        ok_s = self.ref("claim", c.id, ("subject",), c.subject, self.entities, "an entity",
                        "subject")
        ok_o = self.ref("claim", c.id, ("object",), c.object, self.entities, "an entity",
                        "object")
        pred = v.predicates.get(c.predicate)
        if pred is None:
            faulty = _declared_but_faulty(self.loaded, "predicate", c.predicate)
            self.problem("error", ProblemCode.UNKNOWN_PREDICATE, "claim", c.id, ("predicate",),
                         f"predicate '{c.predicate}' is {faulty}" if faulty
                         else f"unknown predicate '{c.predicate}'",
                         "fix the predicate's declaration in case.yaml" if faulty
                         else did_you_mean(c.predicate, v.predicates)
                         or "add it under `vocabulary: predicates:` in case.yaml")
        else:
            for ok, role, ent_id, allowed in ((ok_s, "subject", c.subject, pred.subject_kinds),
                                              (ok_o, "object", c.object, pred.object_kinds)):
                kind = self.entities[ent_id].kind if ok else None
                if kind and kind in v.entity_kinds and not v.kind_allowed(kind, allowed):
                    self.problem("error", ProblemCode.KIND_NOT_ALLOWED, "claim", c.id, (role,),
                                 f"'{c.predicate}' does not take {_a(kind)} {kind} as {role} "
                                 f"('{ent_id}')",
                                 f"allowed {role} kinds: {', '.join(allowed)}")
        self.ref("claim", c.id, ("item",), c.item, self.entities, "an entity", "item")
        self.ref("claim", c.id, ("place",), c.place, self.entities, "an entity", "place")
        for i, x in enumerate(c.via):
            self.ref("claim", c.id, ("via", i), x, self.entities, "an entity", "via")
        for i, m in enumerate(c.motives):
            if self.ref("claim", c.id, ("motives", i), m, self.entities, "an entity", "motive"):
                mk = self.entities[m].kind
                if mk in v.entity_kinds and not v.kind_allowed(mk, ["motive"]):
                    self.problem("warning", ProblemCode.KIND_MISMATCH, "claim", c.id, ("motives", i),
                                 f"motive '{m}' is {_a(mk)} {mk}, not a motive")
        if c.claimant is not None and c.claimant not in self.entities:
            self.ref("claim", c.id, ("claimant",), c.claimant, self.claimants,
                     "an entity or a source", "claimant")
        if c.confidence and v.likelihood_term(c.confidence) is None:
            self.problem("error", ProblemCode.UNKNOWN_TERM, "claim", c.id, ("confidence",),
                         f"'{c.confidence}' is not an ICD 203 likelihood term",
                         did_you_mean(c.confidence, v.likelihood)
                         or "use one of: " + ", ".join(v.likelihood))
        for field in ("supports", "contradicts", "challenges"):
            for i, other in enumerate(getattr(c, field)):
                if other == c.id:
                    self.problem("error", ProblemCode.SELF_REF, "claim", c.id, (field, i),
                                 f"{field} itself")
                else:
                    self.ref("claim", c.id, (field, i), other, self.claims, "a claim", field)
        if c.verdict and c.verdict.rating not in v.ratings:
            self.problem("error", ProblemCode.UNKNOWN_RATING, "claim", c.id, ("verdict", "rating"),
                         f"unknown verdict rating '{c.verdict.rating}'",
                         "use one of: " + ", ".join(v.ratings))
        if c.first_appearance is not None:
            self.ref("claim", c.id, ("first_appearance",), c.first_appearance,
                     self.sources, "a source", "first_appearance")
        if self.tags:
            for i, tag in enumerate(c.tags):
                if tag not in self.tags:
                    self.problem("warning", ProblemCode.UNKNOWN_TAG, "claim", c.id, ("tags", i),
                                 f"tag '{tag}' is not declared in case.yaml",
                                 self.suggest(tag, self.tags)
                                 or "declare it under `tags:` in case.yaml, with its label")
        if not c.evidence and c.id not in self.loaded.partial_ids:
            self.problem("warning", ProblemCode.NO_EVIDENCE, "claim", c.id, (),
                         "has no evidence",
                         "add `evidence:` with a quote from a source, or it will count as "
                         "unsourced")
        for i, ev in enumerate(c.evidence):
            self.ref("claim", c.id, ("evidence", i, "source"), ev.source, self.sources,
                     "a source", "evidence source")
            self.ref("claim", c.id, ("evidence", i, "attributed_to"), ev.attributed_to,
                     self.claimants, "an entity or a source", "attributed_to")
            if self.ref("claim", c.id, ("evidence", i, "relays"), ev.relays, self.sources,
                        "a source", "relays") and ev.relays is not None \
                    and ev.source in self.sources and ev.relays not in self.upstream(ev.source):
                self.problem("warning", ProblemCode.RELAYS_NOT_CITED, "claim", c.id,
                             ("evidence", i, "relays"),
                             f"evidence #{i + 1} relays '{ev.relays}', which its source "
                             f"'{ev.source}' does not cite",
                             f"add '{ev.relays}' to the `cites:` of source '{ev.source}'")

    def upstream(self, source: str) -> set[str]:
        """The sources ``source`` cites, directly or not (memoised)."""
        known = self._upstream.get(source)
        if known is not None:
            return known
        seen: set[str] = set()
        todo = list(self.sources[source].cites) if source in self.sources else []
        while todo:
            s = todo.pop()
            if s not in seen:
                seen.add(s)
                todo.extend(self.sources[s].cites if s in self.sources else ())
        self._upstream[source] = seen
        return seen

    def unclaimed(self) -> None:
        meta = self.loaded.meta
        if meta is None or self.loaded.meta_origin is None:
            return
        for i, u in enumerate(meta.unclaimed):
            if u.source not in self.sources:
                file, line, col = self.loaded.meta_origin.at("unclaimed", i, "source")
                self.out.append(Problem(
                    "error", ProblemCode.DANGLING_REF,
                    f"unclaimed passage #{i + 1}: source '{u.source}' is not a source of "
                    "this case", file, line, col, self.suggest(u.source, self.sources)))

    def run(self) -> list[Problem]:
        self.duplicates()
        for e_id in self.entities:
            self.entity(e_id)
        self.entity_cycles()
        for s_id in self.sources:
            self.source(s_id)
        for c_id in self.claims:
            self.claim(c_id)
        self.unclaimed()
        self.shared_labels()
        return self.out

    def shared_labels(self) -> None:
        """An alias two entities share, or one entity's alias that is another's name, makes
        the name find both: a warning on each alias, unless same_as links them."""
        group = {e: e for e in self.entities}

        def root(e: str) -> str:
            while group[e] != e:
                group[e] = group[group[e]]
                e = group[e]
            return e

        for e in self.entities.values():
            for other in e.same_as:
                if other in group:
                    group[root(e.id)] = root(other)
        # label -> entity id -> the label as that entity writes it, None for its name
        owners: dict[str, dict[str, str | None]] = {}
        for e in self.entities.values():
            owners.setdefault(e.name.strip().casefold(), {})[e.id] = None
            for a in e.aliases:
                text = a if isinstance(a, str) else a.text
                owners.setdefault(text.strip().casefold(), {}).setdefault(e.id, text)
        for by in owners.values():
            if len(by) < 2 or len({root(e) for e in by}) < 2:
                continue
            for eid, alias in sorted(by.items()):
                if alias is None:
                    continue
                others = ", ".join(repr(o) for o in sorted(by) if o != eid)
                self.problem("warning", ProblemCode.SHARED_ALIAS, "entity", eid, ("aliases",),
                             f"alias '{alias}' also names {others}",
                             "a name should find one entity: drop the alias from one of them, "
                             "or link them with same_as if they are the same")


_ARTICLE = {"entity": "an", "source": "a", "claim": "a"}


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _section(what: str) -> str:
    return {"an entity": "entities", "a source": "sources", "a claim": "claims"}.get(
        what, "entities or sources")


def check_case(loaded: LoadedCase, vocab: Vocabulary | None = None) -> list[Problem]:
    """All cross-check problems of a loaded case (schema problems are already in it)."""
    problems: list[Problem] = []
    if vocab is None:
        vocab = case_vocabulary(loaded, problems)
    problems.extend(_Checker(loaded, vocab).run())
    problems.extend(contradiction_scope_problems(loaded, vocab))
    return problems
