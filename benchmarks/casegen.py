"""Generate large, valid, realistic-looking claimgraph cases for benchmarks.

The generated case validates with 0 errors: every id exists, every predicate accepts its
subject and object kinds, ``part_of`` and ``cites`` point only backwards (no cycles), and
every evidence quote occurs exactly once in its captured source text (a few are line-wrapped
in the text, so the whitespace-normalised path is exercised too). Output is deterministic
for a given seed.

Use from another benchmark script (``benchmarks/`` is not a package)::

    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from casegen import generate_case

    case_dir = generate_case(tmp / "case", n_claims=10_000, n_entities=1_000,
                             n_sources=200, fmt="yaml", seed=0)

or from the shell::

    python benchmarks/casegen.py /tmp/case --claims 10000 --entities 1000 --sources 200

Examples
--------
>>> import tempfile
>>> root = generate_case(Path(tempfile.mkdtemp()) / "c", n_claims=20, n_entities=30,
...                      n_sources=5, fmt="yaml")
>>> sorted(p.name for p in root.iterdir())
['case.yaml', 'claims-001.yaml', 'entities.yaml', 'sources.yaml', 'texts']
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from claimgraph.schema.yamlout import record_yaml

__all__ = ["CaseStats", "add_size_arguments", "generate_case", "main"]

Fmt = Literal["yaml", "jsonl"]

# --- vocabulary of the fake world (names are built from these parts) --------------------
_STATES = ["Arvania", "Belmora", "Corvland", "Dastria", "Elbonia", "Fenmark", "Galdor",
           "Hestia", "Ilyria", "Jorvik", "Kestrel", "Lumaria", "Mordavia", "Norland"]
_ACTOR_KINDS = ["government_body", "military_body", "party_body", "soe", "company", "group",
                "person", "media_outlet", "think_tank", "facility"]
_ACTOR_WORDS = {
    "government_body": ("Ministry of", ["Commerce", "Defence", "Foreign Affairs", "Industry",
                                        "Finance", "Trade"]),
    "military_body": ("", ["Army", "Navy", "Air Force", "Logistics Command",
                           "Armaments Department"]),
    "party_body": ("", ["Central Committee", "Politburo", "Military Commission"]),
    "soe": ("", ["Chemical Group", "Ordnance Corp.", "Shipbuilding Co.", "Energy Holding"]),
    "company": ("", ["Trading Ltd", "Logistics LLC", "Components GmbH", "Precision Tools",
                     "Export House"]),
    "group": ("", ["hawks", "hardliners", "reformers", "security camp"]),
    "person": ("", ["Ivanov", "Petrova", "Zhang", "Li", "Novak", "Horvat", "Kowalski"]),
    "media_outlet": ("", ["Daily", "Herald", "Times", "News Agency"]),
    "think_tank": ("", ["Institute", "Centre for Strategy", "Policy Forum"]),
    "facility": ("", ["Plant No.", "Depot", "Shipyard", "Arsenal"]),
}
_COMMODITIES = [("nitrocellulose", "3912.20"), ("machine tools", "8457.10"),
                ("ball bearings", "8482.10"), ("microchips", "8542.31"),
                ("drone engines", "8407.10"), ("optics", "9013.80"), ("cotton pulp", "4706.10"),
                ("gunpowder", "3601.00"), ("trucks", "8704.22"), ("radios", "8525.60")]
_MOTIVES = ["economic gain", "strategic rivalry", "regime security", "energy access",
            "prestige", "ideological affinity", "access to technology"]
_POLICIES = ["neutrality doctrine", "export control regime", "sanctions policy",
             "dual-use licensing"]
_SOURCE_KINDS = ["news", "analysis", "expert_analysis", "official_statement", "customs_data",
                 "intelligence_report", "wire_report", "academic", "dataset", "interview"]
_PUBLISHERS = ["The Observer Review", "Global Affairs Weekly", "Northern Wire",
               "Institute for Security Studies", "Customs Administration", "Trade Monitor"]
_UNITS = ["t", "USD", "units", "EUR", "containers"]
_LIKELIHOOD = ["likely", "very_likely", "roughly_even_chance", "almost_certain", "unlikely"]
_RATINGS = ["true", "mostly_true", "mixed", "unproven", "misleading"]
_FILLER = [
    "The figures were compiled from several public registers and cross-checked by staff.",
    "Officials declined to comment on the record when asked about the shipments.",
    "Trade volumes fluctuated sharply over the period, according to the same data.",
    "Analysts cautioned that the records capture only declared consignments.",
    "The report was updated after publication to correct a unit conversion.",
]

# predicate -> (subject pool, object pool, item?) ; pools: actor, state, thing, commodity,
# place, motive, policy, any
_PREDICATES: list[tuple[str, str, str, bool, str]] = [
    ("supplies", "actor", "actor", True, "supplied {item} to"),
    ("supplies", "state", "state", True, "exported {item} to"),
    ("supports", "actor", "any", False, "supports"),
    ("cooperates_with", "actor", "actor", False, "cooperates with"),
    ("produces", "actor", "commodity", False, "produces"),
    ("sanctions", "state", "actor", False, "imposed sanctions on"),
    ("motivated_by", "actor", "motive", False, "is driven by"),
    ("opposes", "actor", "policy", False, "opposes"),
    ("transits_through", "commodity", "place", False, "moves through"),
    ("member_of", "actor", "actor", False, "is a member of"),
]


@dataclass
class CaseStats:
    """What was written: record counts, quotes, bytes and seconds taken."""

    claims: int = 0
    entities: int = 0
    sources: int = 0
    captured: int = 0
    quotes: int = 0
    files: list[str] = field(default_factory=list)
    bytes: int = 0
    seconds: float = 0.0


# --- the world --------------------------------------------------------------------------
def _entities(rng: random.Random, n: int) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """Entities and pools of ids by role. At least one of each needed role exists."""
    pools: dict[str, list[str]] = {k: [] for k in
                                   ("state", "actor", "commodity", "place", "motive", "policy")}
    names: dict[str, str] = {}
    out: list[dict[str, Any]] = []
    # shares of each role; the first entities cover every role once
    plan = ["state", "actor", "commodity", "place", "motive", "policy", "state"]
    weights = [("state", 4), ("actor", 60), ("commodity", 12), ("place", 10), ("motive", 8),
               ("policy", 6)]
    roles = [r for r, _ in weights]
    cum = [w for _, w in weights]
    n = max(n, len(plan))
    chosen = plan + rng.choices(roles, weights=cum, k=n - len(plan))
    for i, role in enumerate(chosen):
        rec: dict[str, Any]
        if role == "state":
            base = _STATES[i % len(_STATES)]
            name = base if i < len(_STATES) else f"{base} {i}"
            eid = f"state-{i}"
            rec = {"id": eid, "name": name, "kind": "state",
                   "aliases": [f"Republic of {name}", {"text": f"{name}国", "lang": "zh"}]}
            if i % 3 == 0:
                rec["ids"] = {"wikidata": f"Q{1000 + i}"}
        elif role == "actor":
            kind = _ACTOR_KINDS[rng.randrange(len(_ACTOR_KINDS))]
            prefix, words = _ACTOR_WORDS[kind]
            word = words[rng.randrange(len(words))]
            country = pools["state"][rng.randrange(len(pools["state"]))] if pools["state"] \
                else None
            cname = names.get(country or "", "Arvania")
            name = f"{prefix} {word} {i}".strip() if prefix else f"{cname} {word} {i}"
            eid = f"{kind.replace('_', '-')}-{i}"
            rec = {"id": eid, "name": name, "kind": kind}
            if country:
                rec["country"] = country
            if pools["actor"] and rng.random() < 0.1:
                rec["part_of"] = [pools["actor"][rng.randrange(len(pools["actor"]))]]
            if rng.random() < 0.05:
                rec["ids"] = {"opensanctions": f"NK-{rng.randrange(10**8):08d}"}
            if rng.random() < 0.2:
                rec["description"] = f"A {kind.replace('_', ' ')} based in {cname}."
        elif role == "commodity":
            base, hs = _COMMODITIES[i % len(_COMMODITIES)]
            name = base if i < len(_COMMODITIES) else f"{base} grade {i}"
            eid = f"commodity-{i}"
            rec = {"id": eid, "name": name, "kind": "commodity", "ids": {"hs": hs}}
        elif role == "place":
            eid = f"place-{i}"
            name = f"Port of {_STATES[rng.randrange(len(_STATES))]} {i}"
            rec = {"id": eid, "name": name, "kind": "place"}
        elif role == "motive":
            eid = f"motive-{i}"
            name = f"{_MOTIVES[i % len(_MOTIVES)]} ({i})"
            rec = {"id": eid, "name": name, "kind": "motive"}
        else:
            eid = f"policy-{i}"
            name = f"{_POLICIES[i % len(_POLICIES)]} {i}"
            rec = {"id": eid, "name": name, "kind": "policy"}
        names[eid] = rec["name"]
        pools[role].append(eid)
        out.append(rec)
    pools["actor_all"] = pools["actor"] + pools["state"]
    pools["any"] = [e["id"] for e in out]
    pools["_names"] = [names[e["id"]] for e in out]  # aligned with "any"
    return out, pools


def _sources(rng: random.Random, n: int) -> tuple[list[dict[str, Any]], list[str]]:
    out: list[dict[str, Any]] = []
    captured: list[str] = []
    n = max(n, 1)
    for i in range(n):
        sid = f"src-{i:05d}"
        kind = _SOURCE_KINDS[i % len(_SOURCE_KINDS)]
        year = 2015 + rng.randrange(11)
        published = str(year) if i % 7 == 0 else f"{year}-{1 + rng.randrange(12):02d}"
        if i % 5 == 1 and i % 7 != 0:
            published += f"-{1 + rng.randrange(28):02d}"
        rec: dict[str, Any] = {
            "id": sid,
            "title": f"{kind.replace('_', ' ').capitalize()} on regional supply chains #{i}",
            "kind": kind,
            "publisher": _PUBLISHERS[i % len(_PUBLISHERS)],
            "published": published,
            "reliability": "ABCDEF"[rng.randrange(6)],
        }
        if i % 4 != 3:
            rec["authors"] = [f"Author {i % 97}"]
            rec["url"] = f"https://example.org/{kind}/{i}"
            rec["language"] = "en"
        # every 5th source (never the first) is only referred to, not captured
        if i == 0 or i % 5 != 4:
            rec["text"] = f"texts/{sid}.txt"
            captured.append(sid)
        if i > 0 and rng.random() < 0.3:
            rec["cites"] = sorted({f"src-{rng.randrange(i):05d}"
                                   for _ in range(1 + rng.randrange(2))})
        out.append(rec)
    return out, captured


def _time(rng: random.Random) -> str:
    y = 2014 + rng.randrange(12)
    r = rng.random()
    if r < 0.5:
        return str(y)
    if r < 0.8:
        return f"{y}-{1 + rng.randrange(12):02d}"
    if r < 0.95:
        return f"{y}/{y + 1 + rng.randrange(4)}"
    return f"{y}/.."


def _claims(rng: random.Random, n: int, pools: dict[str, list[str]], captured: list[str],
            quotes_per_claim: int, texts: dict[str, list[str]]) -> list[dict[str, Any]]:
    names = dict(zip(pools["any"], pools["_names"], strict=True))
    speakers = pools["actor_all"]
    out: list[dict[str, Any]] = []
    k = min(quotes_per_claim, len(captured))
    for i in range(n):
        denied = i % 29 == 7
        # a denial (after the first ten claims) denies an earlier claim: the same
        # proposition at the same time, so that its `contradicts:` is in scope
        target = i - 1 - rng.randrange(min(i, 10)) if denied and i > 10 else None
        pred, spool, opool, has_item, verb = _PREDICATES[
            (i if target is None else target) % len(_PREDICATES)]
        if spool == "actor":
            spool = "actor_all"
        if opool == "actor":
            opool = "actor_all"
        subj_pool, obj_pool = pools[spool], pools[opool]
        subject = subj_pool[rng.randrange(len(subj_pool))]
        obj = obj_pool[rng.randrange(len(obj_pool))]
        if obj == subject and len(obj_pool) > 1:
            obj = obj_pool[(obj_pool.index(obj) + 1) % len(obj_pool)]
        cid = f"c-{i:06d}"
        rec: dict[str, Any] = {"id": cid}
        item = None
        if has_item:
            item = pools["commodity"][rng.randrange(len(pools["commodity"]))]
        when = _time(rng)
        if target is not None:
            earlier = out[target]
            subject, obj, item = earlier["subject"], earlier["object"], earlier.get("item")
            when = earlier["time"]
        v = verb.format(item=names[item] if item else "")
        sentence = f"{names[subject]} {v} {names[obj]}"
        qty = None
        if has_item and rng.random() < 0.7:
            value = rng.randrange(5, 5000) * (10 if rng.random() < 0.3 else 1)
            qty = {"value": value, "unit": _UNITS[rng.randrange(len(_UNITS))]}
            if rng.random() < 0.4:
                qty["approx"] = True
            if rng.random() < 0.1:
                qty["bound"] = "min"
            sentence += f" ({'about ' if qty.get('approx') else ''}{value} {qty['unit']})"
        sentence += f" in {when.replace('/..', ' onwards').replace('/', '-')}"
        rec["text"] = (f"{sentence}." if not denied
                       else f"It is denied that {sentence[0].lower()}{sentence[1:]}.")
        rec.update({"subject": subject, "predicate": pred, "object": obj})
        if item:
            rec["item"] = item
        if qty:
            rec["quantity"] = qty
        rec["time"] = when
        if rng.random() < 0.05 and pools["place"]:
            rec["place"] = pools["place"][rng.randrange(len(pools["place"]))]
        if has_item and rng.random() < 0.1:
            rec["via"] = [pools["state"][rng.randrange(len(pools["state"]))]]
        if denied:
            rec["polarity"] = "denied"
            rec["claimant"] = speakers[rng.randrange(len(speakers))]
        elif rng.random() < 0.05:
            rec["claimant"] = speakers[rng.randrange(len(speakers))]
        if rng.random() < 0.2:
            rec["confidence"] = _LIKELIHOOD[rng.randrange(len(_LIKELIHOOD))]
        if i > 0 and rng.random() < 0.08:
            rec["motives"] = [pools["motive"][rng.randrange(len(pools["motive"]))]]
        if i > 10 and rng.random() < 0.05:
            rec["supports"] = [f"c-{rng.randrange(i):06d}"]
        if target is not None:
            rec["contradicts"] = [f"c-{target:06d}"]
        if rng.random() < 0.01:
            rec["verdict"] = {"rating": _RATINGS[rng.randrange(len(_RATINGS))],
                              "rationale": "Checked against the customs records.",
                              "reviewed_by": "Desk editor", "date": "2025-05"}
        evidence = []
        first = rng.randrange(len(captured))
        for j in range(k):
            src = captured[(first + j * 7919) % len(captured)] if j else captured[first]
            if any(e["source"] == src for e in evidence):
                src = captured[(first + j) % len(captured)]
            quote = (f"{'Officials denied that ' if denied else 'Records show that '}"
                     f"{sentence} (ref. {cid}/{j})")
            ev: dict[str, Any] = {"source": src, "quote": quote}
            if denied:
                ev["relation"] = "supports"
            elif j and rng.random() < 0.2:
                ev["relation"] = "mentions"
            if rng.random() < 0.1:
                ev["page"] = 1 + rng.randrange(40)
            evidence.append(ev)
            # every 500th quote is line-wrapped in the text (whitespace-normalised match)
            in_text = quote.replace(" ", "\n", 1) if (i * k + j) % 500 == 3 else quote
            texts[src].append(in_text + ".")
        rec["evidence"] = evidence
        out.append(rec)
    return out


def add_size_arguments(ap: argparse.ArgumentParser, *, claims: int = 100_000,
                       entities: int = 5_000, sources: int = 10_000) -> None:
    """The size options every store benchmark shares (defaults: the 100k-claim store)."""
    ap.add_argument("--claims", type=int, default=claims)
    ap.add_argument("--entities", type=int, default=entities)
    ap.add_argument("--sources", type=int, default=sources)


def generate_case(
    root: Path,
    *,
    n_claims: int,
    n_entities: int,
    n_sources: int,
    fmt: Fmt = "yaml",
    seed: int = 0,
    quotes_per_claim: int = 1,
    claims_per_file: int = 5_000,
    stats: CaseStats | None = None,
) -> Path:
    """Write a valid case folder at ``root`` (created; must be empty or absent).

    Parameters
    ----------
    root : Path
        The case folder to write.
    n_claims, n_entities, n_sources : int
        How many records of each type (at least 7 entities and 1 source are written).
    fmt : "yaml" or "jsonl"
        Record files as YAML (claims split into files of ``claims_per_file``) or as
        JSON Lines (``entities.jsonl``, ``sources.jsonl``, ``claims.jsonl``).
    seed : int
        Same seed, same bytes.
    quotes_per_claim : int
        Evidence items per claim, each from a different captured source where possible.
    stats : CaseStats, optional
        Filled with counts and timing when given.

    Returns
    -------
    Path
        ``root``.
    """
    t0 = time.perf_counter()
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    (root / "texts").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    entities, pools = _entities(rng, n_entities)
    sources, captured = _sources(rng, n_sources)
    texts: dict[str, list[str]] = {s: [] for s in captured}
    claims = _claims(rng, n_claims, pools, captured, max(1, quotes_per_claim), texts)

    st = stats if stats is not None else CaseStats()
    written: list[Path] = []

    def write(name: str, text: str) -> None:
        p = root / name
        p.write_text(text, encoding="utf-8")
        written.append(p)
        st.bytes += len(text.encode("utf-8"))

    write("case.yaml", (
        f"# Generated by benchmarks/casegen.py (seed {seed}); do not edit.\n"
        f"id: generated-{seed}\n"
        f"title: Generated case ({n_claims} claims, seed {seed})\n"
        "description: A synthetic case for benchmarks; every quote is in its source text.\n"
        "curators: [casegen]\n"
        "license: CC0-1.0\n"
    ))
    if fmt == "yaml":
        write("entities.yaml", "entities:\n" + "".join(record_yaml(e, block_keys=()) for e in entities))
        write("sources.yaml", "sources:\n" + "".join(record_yaml(s, block_keys=()) for s in sources))
        step = max(1, claims_per_file)
        for f, start in enumerate(range(0, max(len(claims), 1), step), start=1):
            chunk = claims[start:start + step]
            write(f"claims-{f:03d}.yaml", "claims:\n" + "".join(
                record_yaml(c, block_keys=("evidence",)) for c in chunk))
    elif fmt == "jsonl":
        for name, recs in (("entities", entities), ("sources", sources), ("claims", claims)):
            write(f"{name}.jsonl", "".join(
                json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in recs))
    else:
        raise ValueError(f"fmt must be 'yaml' or 'jsonl', not {fmt!r}")

    titles = {s["id"]: s["title"] for s in sources}
    for n, sid in enumerate(captured):
        paras = texts[sid]
        body = []
        for j, q in enumerate(paras):
            body.append(q)
            if j % 3 == 2:
                body.append(_FILLER[(n + j) % len(_FILLER)])
        write(f"texts/{sid}.txt", titles[sid] + "\n\n" + "\n\n".join(
            " ".join(body[k:k + 3]) for k in range(0, len(body), 3)) + "\n")

    st.claims, st.entities, st.sources = len(claims), len(entities), len(sources)
    st.captured = len(captured)
    st.quotes = sum(len(c["evidence"]) for c in claims)
    st.files = sorted(p.relative_to(root).as_posix() for p in written)
    st.seconds = time.perf_counter() - t0
    return root


def main(argv: list[str] | None = None) -> int:
    """``python benchmarks/casegen.py OUT --claims N [--entities N] [--sources N] ...``"""
    ap = argparse.ArgumentParser(
        description="Generate a valid synthetic claimgraph case.",
        epilog="Example: python benchmarks/casegen.py /tmp/case10k --claims 10000",
    )
    ap.add_argument("out", type=Path, help="case folder to create (must be empty or absent)")
    ap.add_argument("--claims", type=int, default=1000)
    ap.add_argument("--entities", type=int, default=None, help="default: claims / 10")
    ap.add_argument("--sources", type=int, default=None, help="default: claims / 50")
    ap.add_argument("--format", choices=["yaml", "jsonl"], default="yaml")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quotes-per-claim", type=int, default=1)
    args = ap.parse_args(argv)
    st = CaseStats()
    generate_case(
        args.out, n_claims=args.claims,
        n_entities=args.entities if args.entities is not None else max(10, args.claims // 10),
        n_sources=args.sources if args.sources is not None else max(2, args.claims // 50),
        fmt=args.format, seed=args.seed, quotes_per_claim=args.quotes_per_claim, stats=st,
    )
    print(f"wrote {args.out}: {st.claims} claims, {st.entities} entities, {st.sources} sources "
          f"({st.captured} captured), {st.quotes} quotes, {len(st.files)} files, "
          f"{st.bytes / 1e6:.1f} MB in {st.seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
