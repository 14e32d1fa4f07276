"""Where each value of a case file was written: a compact map from value paths to
1-based (line, column), filled by the loaders of :mod:`.yamlsrc`.

Examples
--------
>>> locs = Locations("claims.yaml")
>>> locs.put(("claims", 3, "time"), 12, 11)
>>> locs.get(("claims", 3, "time")), locs.get(("claims", 3, "time", "x"))
((12, 11), (12, 11))
"""

from __future__ import annotations

__all__ = ["Locations", "Path_"]

Path_ = tuple[str | int, ...]
"""The path of a value: keys and list indexes from the document's root."""

_BITS = 32
_MASK = (1 << _BITS) - 1


class Locations:
    """Path -> (line, col), both 1-based. Unknown paths fall back to their nearest parent.

    Compact, because a big case has millions of values: a mark is one packed int (value and
    key position together), and paths deeper than ``split`` are kept per record (the first
    ``split`` parts, e.g. ``("claims", 3)``) under a relative path shared by all records
    (``("evidence", 0, "quote")``). A :meth:`sub` view shares everything and only prepends
    its prefix, so taking one per record costs nothing however large the file is.

    >>> locs = Locations("f.yaml")
    >>> locs.put(("claims", 0), 2, 5)
    >>> locs.put(("claims", 0, "evidence", 0, "quote"), 9, 16)
    >>> locs.put_key(("claims", 0, "evidence", 0, "quote"), 9, 9)
    >>> rec = locs.sub(("claims", 0))
    >>> rec.get(("evidence", 0, "quote")), rec.key(("evidence", 0, "quote"))
    ((9, 16), (9, 9))
    >>> rec.get(("text",)), locs.exact(("claims", 0, "text"))
    ((2, 5), None)
    """

    __slots__ = ("_intern", "file", "marks", "prefix", "records", "split")

    def __init__(self, file: str, marks: dict[Path_, tuple[int, int]] | None = None,
                 *, split: int = 2) -> None:
        self.file = file
        self.marks: dict[Path_, int] = {}
        self.records: dict[Path_, dict[Path_, int]] = {}
        self.prefix: Path_ = ()
        self.split = split
        self._intern: dict[Path_, Path_] = {}
        for path, (line, col) in (marks or {}).items():
            self.put(path, line, col)

    def _slot(self, path: Path_, create: bool) -> tuple[dict[Path_, int] | None, Path_]:
        if len(path) <= self.split:
            return self.marks, path
        head = path[:self.split]
        rec = self.records.get(head)
        if rec is None and create:
            rec = self.records[head] = {}
        rel = path[self.split:]
        return rec, self._intern.setdefault(rel, rel) if create else rel

    def _set(self, path: Path_, shift: int, line: int, col: int) -> None:
        store, key = self._slot(path, True)
        assert store is not None
        old = store.get(key, 0) & ~(((1 << 2 * _BITS) - 1) << shift)
        store[key] = old | (((line << _BITS) | col) << shift)

    def put(self, path: Path_, line: int, col: int) -> None:
        """Record where the value at the absolute ``path`` starts."""
        self._set(path, 0, line, col)

    def put_key(self, path: Path_, line: int, col: int) -> None:
        """Record where the key of the absolute ``path`` was written."""
        self._set(path, 2 * _BITS, line, col)

    def _packed(self, path: Path_) -> int:
        store, key = self._slot(path, False)
        return store.get(key, 0) if store is not None else 0

    @staticmethod
    def _unpack(x: int, shift: int) -> tuple[int, int] | None:
        x >>= shift
        line = (x >> _BITS) & _MASK
        return (line, x & _MASK) if line else None

    def exact(self, path: Path_) -> tuple[int, int] | None:
        """Where exactly the value at ``path`` was written (no fallback to a parent)."""
        return self._unpack(self._packed((*self.prefix, *path)), 0)

    def get(self, path: Path_) -> tuple[int, int] | None:
        """Where the value at ``path`` (or its closest known parent) was written."""
        p = (*self.prefix, *path)
        stop = len(self.prefix)
        while True:
            mark = self._unpack(self._packed(p), 0)
            if mark is not None or len(p) <= stop:
                return mark
            p = p[:-1]

    def key(self, path: Path_) -> tuple[int, int] | None:
        """Where the *key* of ``path`` was written (for unknown-field errors)."""
        full = (*self.prefix, *path)
        return self._unpack(self._packed(full), 2 * _BITS) or self.get(path)

    def sub(self, prefix: Path_) -> Locations:
        """The locations below ``prefix``, re-rooted there (a view, not a copy)."""
        view = Locations.__new__(Locations)
        view.file, view.marks, view.records = self.file, self.marks, self.records
        view.split, view._intern = self.split, self._intern
        view.prefix = (*self.prefix, *prefix)
        return view
