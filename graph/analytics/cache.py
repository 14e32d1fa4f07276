"""Instant repeats: analytics answers kept beside the store, keyed by the case's build id.

Reading 100,000 claims from the store, projecting them and ranking takes ~15-20 s on this
project's machine, and gives the same answer every time until the case is built again. So
``rank``, ``why`` and ``neighbours`` keep what they computed in an :class:`AnswerCache`:

* **where**: an on-disk store keeps it in its own folder, ``<store>/.claimgraph-cache/``
  (beside the reader snapshots); an endpoint in the user's cache folder
  (``~/.cache/claimgraph/endpoints/<sha256 of the URL>``, private to the user); an
  in-memory store keeps nothing. ``CLAIMGRAPH_ANALYTICS_CACHE=off`` turns it off.
* **key**: the case id and its **build id** (from the catalogue: every build or patch
  gives a new one), the command, its parameters (filters, options) and the claimgraph
  version with the cache format. A new build changes the key, so an answer about an older
  build is never returned; writing the first answer of a new build removes the files of
  the case's older builds.
* **format**: one JSON file per answer, holding the whole key next to the value and
  checked on every read — no pickle, nothing in a cache file is ever executed, and a file
  renamed or edited to answer for another key is a miss. A file that cannot be read,
  parsed or matched (truncated, corrupted, another format) is ignored, removed and
  recomputed. Writes go to a temporary file in the same folder and are renamed into
  place (atomic), so a reader sees an old answer or a whole new one, never half a file.

Examples
--------
>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> cache = AnswerCache(root, "demo", "b1")
>>> cache.get("rank", {"top": 5}) is None
True
>>> cache.put("rank", {"top": 5}, {"rows": ["cn", "ru"]})
>>> cache.get("rank", {"top": 5})
{'rows': ['cn', 'ru']}
>>> AnswerCache(root, "demo", "b2").get("rank", {"top": 5}) is None   # rebuilt: a miss
True
>>> path = cache.path("rank", {"top": 5})
>>> _ = path.write_bytes(b'{"truncat')                                # corrupted: a miss
>>> cache.get("rank", {"top": 5}) is None, path.exists()
(True, False)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import claimgraph
from claimgraph.graph.store.base import Store

__all__ = ["CACHE_ENV", "FORMAT", "AnswerCache", "cached"]

FORMAT = 1
"""Bumped when what is cached changes shape: older files then miss."""

CACHE_ENV = "CLAIMGRAPH_ANALYTICS_CACHE"
"""``off`` (or ``0``, ``no``) turns the analytics cache off."""

MAX_BYTES = 1 << 30
"""A cache file bigger than this is not read (a miss)."""

_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}")
T = TypeVar("T")


def _part(text: str) -> str:
    """A file-name-safe form of an id (ids usually are; anything else is hashed)."""
    if _SAFE.fullmatch(text) and text not in (".", ".."):
        return text
    return "h-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot key the cache on {type(value).__name__}")


def enabled() -> bool:
    """False when ``CLAIMGRAPH_ANALYTICS_CACHE`` says off."""
    return os.environ.get(CACHE_ENV, "").strip().lower() not in ("off", "0", "no", "false")


class AnswerCache:
    """Answers about one build of one case, as JSON files under ``root`` (``None``: a
    cache that keeps nothing)."""

    def __init__(self, root: Path | None, case_id: str, build_id: str) -> None:
        self.root = root
        self.case_id = case_id
        self.build_id = build_id
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_store(cls, store: Store, case_id: str) -> AnswerCache:
        """The cache of ``case_id``'s current build in ``store`` (nothing kept for an
        in-memory store, or when ``CLAIMGRAPH_ANALYTICS_CACHE=off``)."""
        info = store.case_info(case_id)
        root = store.cache_folder() if enabled() else None
        return cls(root / "analytics" if root else None, case_id, info.build)

    def _key(self, kind: str, params: Mapping[str, Any]) -> dict[str, Any]:
        return {"format": FORMAT, "version": claimgraph.__version__, "case": self.case_id,
                "build": self.build_id, "kind": kind, "params": json.loads(_canonical(params))}

    def path(self, kind: str, params: Mapping[str, Any]) -> Path:
        """The file of one answer."""
        if self.root is None:
            raise ValueError("this cache keeps nothing")
        digest = hashlib.sha256(_canonical(self._key(kind, params)).encode()).hexdigest()
        return (self.root / _part(self.case_id) / _part(self.build_id)
                / f"{_part(kind)}-{digest[:40]}.json")

    def get(self, kind: str, params: Mapping[str, Any]) -> Any | None:
        """The cached answer, or ``None`` (missing, unreadable, or not for this key)."""
        if self.root is None:
            return None
        path = self.path(kind, params)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ValueError("too big")
            doc = json.loads(path.read_bytes())
            if not isinstance(doc, dict) or doc.get("key") != self._key(kind, params) \
                    or "value" not in doc:
                raise ValueError("not this key")
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, RecursionError):  # corrupted or foreign: recompute
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return None
        self.hits += 1
        return doc["value"]

    def put(self, kind: str, params: Mapping[str, Any], value: Any) -> None:
        """Keep ``value`` (plain JSON data) for this key, atomically; forget the case's
        other builds. A cache that cannot be written is silently skipped."""
        if self.root is None:
            return
        path = self.path(kind, params)
        body = json.dumps({"key": self._key(kind, params), "value": value},
                          ensure_ascii=False, separators=(",", ":")).encode()
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._forget_other_builds(path.parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(body)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return

    def _forget_other_builds(self, mine: Path) -> None:
        import shutil

        for other in mine.parent.iterdir():
            if other != mine and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)


def cached(cache: AnswerCache, kind: str, params: Mapping[str, Any],
           compute: Callable[[], T]) -> T:
    """``cache.get(kind, params)``, else ``compute()`` kept in the cache (its value must
    be plain JSON data: what comes back from the cache is what ``json`` gives)."""
    hit = cache.get(kind, params)
    if hit is not None:
        return hit
    value = compute()
    cache.put(kind, params, value)
    return value
