"""Backoff after wrong codes: join codes, personal codes and facilitator keys.

Why: six letters are few, and a page (or a script posing as many pages) could try about 80
codes a second. After a few free mistakes, each further wrong code doubles the wait before
the next try, up to a ceiling; mistakes older than the window are forgotten, so a typo in the
morning costs nothing in the afternoon.

Two scopes: the page (in memory, `Backoff`) and the client address, shared by every kernel of
a `kit serve` through a small SQLite file in the server's private run folder (`Throttle`),
since each page is its own process. Without a run folder (a notebook, a test) only the page
counts. Nothing about workshops goes into that file: keys are hashed.

The page waits first. A whole room may share one address (a municipal NAT, a carrier's, a
proxy nobody told `kit serve` to trust), so an address waits for join and personal codes only
far above what a room of 150 typing produces (`FREE_PER_ROOM`): one phone's typos, or one
client hammering from one page, never hold up the others. Facilitator keys, typed by one
person, keep the small allowance of `FREE_PER_ADDRESS`.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

FREE_PER_PAGE = 3       # a phone's own typos
FREE_PER_ADDRESS = 10   # facilitator keys: a few people behind one address typo too
ROOM = 150              # the phones of a big workshop, all possibly behind one address
FREE_PER_ROOM = 3 * ROOM  # join and personal codes: three typos for each of them
WINDOW_S = 600.0        # mistakes older than this are forgotten
MAX_WAIT_S = 60.0


def wait_after(failures: int, free: int) -> float:
    """Seconds to wait after `failures` recent mistakes of which `free` cost nothing."""
    if failures < free:
        return 0.0
    return float(min(MAX_WAIT_S, 2.0 ** (failures - free)))


class Backoff:
    """Mistakes of one page, in memory."""

    def __init__(self, free: int = FREE_PER_PAGE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.clock = free, clock
        self.failures = 0
        self.last = 0.0

    def wait(self) -> float:
        now = self.clock()
        if now - self.last > WINDOW_S:
            self.failures = 0
        return max(0.0, self.last + wait_after(self.failures, self.free) - now)

    def failed(self) -> None:
        self.wait()  # forgets stale mistakes first
        self.failures += 1
        self.last = self.clock()


class Throttle:
    """Mistakes per key (a client address and what it tried), shared through a file."""

    def __init__(self, path: Path | str | None, free: int = FREE_PER_ADDRESS,
                 clock: Callable[[], float] = time.time) -> None:
        self.path = None if path is None else Path(path)
        self.free, self.clock = free, clock

    def allowing(self, free: int) -> Throttle:
        """The same shared file with another allowance (kept if it is larger already)."""
        return Throttle(self.path, max(free, self.free), self.clock)

    @classmethod
    def for_server(cls) -> Throttle:
        """The throttle of the `kit serve` this kernel runs under (`KIT_RUN_DIR`), if any."""
        run = os.environ.get("KIT_RUN_DIR")
        return cls(Path(run) / "throttle.sqlite" if run else None)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path or ":memory:", timeout=5, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS mistakes "
                     "(key TEXT PRIMARY KEY, failures INTEGER, last REAL)")
        return conn

    @staticmethod
    def _key(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()

    def wait(self, key: str) -> float:
        """Seconds before `key` may try again (0 = now)."""
        if self.path is None:
            return 0.0
        try:
            with closing(self._connect()) as conn:
                row = conn.execute("SELECT failures, last FROM mistakes WHERE key = ?",
                                   (self._key(key),)).fetchone()
        except sqlite3.Error:
            return 0.0  # a broken throttle file must not lock everyone out
        if row is None:
            return 0.0
        failures, last = int(row[0]), float(row[1])
        now = self.clock()
        if now - last > WINDOW_S:
            return 0.0
        return max(0.0, last + wait_after(failures, self.free) - now)

    def failed(self, key: str) -> None:
        now = self.clock()
        if self.path is None:
            return
        try:
            with closing(self._connect()) as conn:
                conn.execute(
                    "INSERT INTO mistakes (key, failures, last) VALUES (?, 1, ?) "
                    "ON CONFLICT (key) DO UPDATE SET last = excluded.last, failures = "
                    "CASE WHEN excluded.last - mistakes.last > ? THEN 1 "
                    "ELSE mistakes.failures + 1 END",
                    (self._key(key), now, WINDOW_S))
        except sqlite3.Error:
            pass


def client_address() -> str:
    """The address of the browser whose page this kernel serves ("" when unknown).

    `kit serve` puts it in a request header only its own servers set (`X-Kit-Client`), which
    Voilà hands to the kernel as this variable."""
    return os.environ.get("HTTP_X_KIT_CLIENT", "")
