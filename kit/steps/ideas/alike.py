"""Near-identical notes: which of a room's notes say practically the same thing, so the board
shows them once with ×N.

Pure Python (no numpy: the board's kernel folds notes on every change and stays light), and
exactly what comparing every note with every other gave, without doing so each time:

- what was learnt about a text is kept (`Folding`: which other texts it is alike), so a new
  note is compared with the others once, and a refresh with no note changed costs nothing;
- many new texts at once (the first fold in a kernel, a pasted batch) are compared through a
  text index that pairs only notes sharing a rare word part (`kit.core.text.alike_pairs`).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from kit.core.text import alike_pairs, similarity

NEAR_IDENTICAL = 0.8
"""Similarity (0–1) from which two notes are taken to say the same thing."""

BATCH = 32
"""From this many new texts on, they are paired through the index instead of one by one."""


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


class Folding:
    """Which texts seen so far are alike (the same text, case and spacing aside, or
    `similarity` at least `threshold`); one per kernel and threshold."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.alike: dict[str, set[str]] = {}
        self.last: tuple[tuple[str, ...], list[list[int]]] | None = None

    def _link(self, a: str, b: str) -> None:
        self.alike[a].add(b)
        self.alike[b].add(a)

    def _learn(self, texts: list[str]) -> None:
        """Know every text in `texts` (distinct) and how it pairs with the others."""
        new = [x for x in texts if x not in self.alike]
        if not new:
            return
        if len(new) >= BATCH or len(self.alike) > 2 * len(texts) + BATCH:
            # Many new texts, or many gone: start again from these, through the index.
            self.alike = {x: set() for x in texts}
            by_normal: dict[str, str] = {}
            for x in texts:
                same = by_normal.setdefault(_normal(x), x)
                if same != x:
                    self._link(same, x)
            for i, j in alike_pairs(texts, self.threshold):
                if similarity(texts[i], texts[j]) >= self.threshold:
                    self._link(texts[i], texts[j])
            return
        # Every two texts known have been compared: a new one is compared with all known,
        # not only with this call's (two notes first seen in different calls, then shown
        # together, were never compared, and the board missed that they are alike).
        for x in new:
            self.alike[x] = set()
        fresh = set(new)
        for x in new:
            fresh.discard(x)  # each new pair once
            nx = _normal(x)
            for y in list(self.alike):
                if y is x or y == x or y in fresh:
                    continue
                if _normal(y) == nx or similarity(x, y) >= self.threshold:
                    self._link(x, y)

    def groups(self, texts: Sequence[str]) -> list[list[int]]:
        key = tuple(texts)
        if self.last is not None and self.last[0] == key:
            return [list(g) for g in self.last[1]]
        first: dict[str, int] = {}
        for i, x in enumerate(key):
            first.setdefault(x, i)
        self._learn(list(first))
        parent = list(range(len(key)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, x in enumerate(key):
            parent[root(i)] = root(first[x])
            for y in self.alike[x]:
                if y in first:
                    parent[root(first[y])] = root(first[x])
        grouped: dict[int, list[int]] = {}
        for i in range(len(key)):
            grouped.setdefault(root(i), []).append(i)
        found = [g for g in grouped.values() if len(g) > 1]
        self.last = (key, found)
        return [list(g) for g in found]


_foldings: dict[float, Folding] = {}
_lock = threading.Lock()


def near_identical(texts: Sequence[str], threshold: float = NEAR_IDENTICAL) -> list[list[int]]:
    """Groups (of two or more) of notes that say practically the same thing: the same text
    (case and spacing aside) or `similarity` at least `threshold`, and what that links
    (a ~ b ~ c is one group). Each group in note order, groups by their first note."""
    with _lock:
        folding = _foldings.setdefault(threshold, Folding(threshold))
        return folding.groups([str(x) for x in texts])
