"""A thin layer over DB-API (stdlib sqlite3 or psycopg 3): connections, transactions, retries.

SQL is written once with `:name` parameters and runs on both SQLite and PostgreSQL. Every write
goes through `Database.write`, which runs a function in one transaction and retries it when
SQLite is locked or PostgreSQL reports a serialisation failure or a dropped connection.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kit.core import errors

SCHEMA_REVISION = "0018b"
"""The head of the core's Alembic branch this code expects; a test pins it to the migrations
folder. A step may keep its own tables' migrations in its folder, as a branch of its own
(`Branch`); the store brings every branch to its head."""


@dataclass(frozen=True)
class Branch:
    """A step's own Alembic branch: the folder of its migrations and the head this code
    expects of it. Its revisions are named `<step>_<n>` (the core's have no underscore, which
    is how `Database.schema_revision` tells the core's row of `alembic_version` apart); its
    first one has the step's name as branch label, no `down_revision` and no `depends_on`
    (a dependency would fold the core's row into the step's), as the store upgrades the
    core's branch first, so the core's tables it points at are there."""

    folder: Path
    head: str


def _core_revision(revisions: Iterable[str]) -> str | None:
    return next((r for r in sorted(revisions) if "_" not in r), None)


BUSY_TIMEOUT_S = 10.0
RETRY_FOR_S = 20.0

T = TypeVar("T")
Row = dict[str, Any]

_PG_TOKEN = re.compile(r"""
      (?<!\w)[eE]'(?:[^'\\]|\\.|'')*'  # an escape-string literal
    | '(?:[^']|'')*'                   # a string literal ('' is a quote inside it)
    | "(?:[^"]|"")*"                   # a quoted identifier
    | (\$\w*\$).*?\1                   # a dollar-quoted literal
    | --[^\n]*                         # a line comment
    | /\*.*?\*/                        # a block comment
    | ::                               # a cast, never a parameter
    | (?<![:\w]):(?P<name>\w+)         # a parameter
    """, re.VERBOSE | re.DOTALL)


def _pyformat_token(match: re.Match[str]) -> str:
    name = match.group("name")
    return f"%({name})s" if name else match.group(0).replace("%", "%%")


def pyformat(sql: str) -> str:
    """`:name` parameters as psycopg's `%(name)s`, except inside literals, quoted names and
    comments, or in a `::` cast; every literal `%` doubled, as psycopg reads `%` anywhere."""
    parts, at = [], 0
    for match in _PG_TOKEN.finditer(sql):
        parts += [sql[at:match.start()].replace("%", "%%"), _pyformat_token(match)]
        at = match.end()
    return "".join([*parts, sql[at:].replace("%", "%%")])


def default_sqlite_path() -> Path:
    """`$KIT_HOME/kit.sqlite`, else `$XDG_DATA_HOME/workshop-kit/kit.sqlite`."""
    home = os.environ.get("KIT_HOME")
    if home:
        return Path(home).expanduser() / "kit.sqlite"
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "workshop-kit" / "kit.sqlite"


def resolve_url(url: str | None) -> str:
    """`None` means `KIT_DATABASE_URL`, else the default SQLite file."""
    url = url or os.environ.get("KIT_DATABASE_URL") or ""
    if not url:
        path = default_sqlite_path()
        # Names of people live here: the folder is the user's alone (0700), the file 0600.
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    return url


class Database:
    """One database, reached by a connection per thread (or one shared in-memory connection)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self._local = threading.local()
        self._shared: Any = None
        self._lock = threading.RLock()
        if self.is_sqlite:
            path = url.split(":///", 1)[1] if ":///" in url else ""
            self.memory = path in ("", ":memory:")
            self.path = None if self.memory else path
            if self.path and not Path(self.path).parent.is_dir():
                raise errors.StoreUnavailable(detail=f"{Path(self.path).parent}: no such folder")
        elif url.split("://", 1)[0] in ("postgresql", "postgres", "postgresql+psycopg"):
            self.memory = False
            self.path = None
            self._pg_dsn = "postgresql://" + url.split("://", 1)[1]
        else:
            raise errors.StoreUnavailable(detail=url.split("://", 1)[0])

    # -- connections -------------------------------------------------------------------
    def _connect(self) -> Any:
        if self.is_sqlite:
            if self.path and not os.path.exists(self.path):
                # Created 0600 before SQLite creates it (0644 under the usual umask); its
                # -wal and -shm files take the same mode from it.
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            conn = sqlite3.connect(self.path or ":memory:", timeout=BUSY_TIMEOUT_S,
                                   isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            if not self.memory:
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=FULL")
            # Deleted rows are overwritten with zeros, not left in free pages (a purge must
            # leave no name behind, whichever process deletes).
            conn.execute("PRAGMA secure_delete=ON")
            return conn
        import psycopg
        from psycopg.rows import dict_row

        try:
            return psycopg.connect(self._pg_dsn, row_factory=dict_row, connect_timeout=10)
        except psycopg.OperationalError as exc:
            raise errors.StoreUnavailable(detail=type(exc).__name__) from exc

    def connection(self) -> Any:
        if self.memory:
            if self._shared is None:
                self._shared = self._connect()
            return self._shared
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(conn, "closed", False):
            conn = self._local.conn = self._connect()
        return conn

    def _drop_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - it is broken already
                pass

    def close(self) -> None:
        self._drop_connection()
        if self._shared is not None:
            self._shared.close()
            self._shared = None

    # -- statements ---------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql if self.is_sqlite else pyformat(sql)

    def _run(self, conn: Any, sql: str, params: Mapping[str, Any] | None) -> Any:
        return conn.execute(self._sql(sql), dict(params or {}))

    def read(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run a query outside any write; PostgreSQL gets a short transaction of its own."""
        def go(conn: Any) -> list[Row]:
            rows = [dict(r) for r in self._run(conn, sql, params).fetchall()]
            if not self.is_sqlite:
                conn.rollback()
            return rows
        return self._with_retry(lambda: go(self.connection()))

    def write(self, work: Callable[[Tx], T]) -> T:
        """Run `work` in one transaction, retrying it whole when the database is busy."""
        def attempt() -> T:
            with self._lock:
                conn = self.connection()
                if self.is_sqlite:
                    # IMMEDIATE takes the write lock up front, so two writers never deadlock
                    # upgrading read locks; the busy timeout makes the second one wait.
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        result = work(Tx(self, conn))
                        conn.execute("COMMIT")
                    except BaseException:
                        # SQLite undoes the transaction itself on some errors (a full disk).
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                        raise
                    return result
                with conn.transaction():
                    return work(Tx(self, conn))
        return self._with_retry(attempt)

    def scrub(self) -> None:
        """After a purge: leave no deleted row anywhere in the database's files.

        SQLite: the rows were zeroed in place (secure_delete), but older copies of their pages
        sit in the -wal file and in free pages: checkpoint the WAL into the file and truncate
        it, rebuild the file (VACUUM), and checkpoint again. PostgreSQL: VACUUM, so the dead
        rows' space is reclaimed (outside a transaction, as VACUUM demands)."""
        with self._lock:
            conn = self.connection()
            if self.is_sqlite:
                if self.memory:
                    return
                def run(sql: str) -> Callable[[], list[Any]]:
                    return lambda: list(conn.execute(sql).fetchall())

                for sql in ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM",
                            "PRAGMA wal_checkpoint(TRUNCATE)"):
                    self._with_retry(run(sql))
                return
            conn.rollback()
            conn.autocommit = True
            try:
                conn.execute("VACUUM")
            finally:
                conn.autocommit = False

    def _with_retry(self, fn: Callable[[], T]) -> T:
        deadline = time.monotonic() + RETRY_FOR_S
        delay = 0.02
        while True:
            try:
                return fn()
            except Exception as exc:  # noqa: BLE001 - sorted below
                if self._disk_full(exc):
                    # Waiting does not free space: say so at once; the transaction is undone.
                    raise errors.StoreFull() from exc
                kind = self._transient(exc)
                if kind is None:
                    raise
                if kind == "connection":
                    self._drop_connection()
                if time.monotonic() > deadline:
                    cls = errors.StoreBusy if kind == "busy" else errors.StoreUnavailable
                    raise cls(detail=type(exc).__name__) from exc
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.5)

    def _disk_full(self, exc: Exception) -> bool:
        if isinstance(exc, sqlite3.OperationalError):
            return "disk is full" in str(exc) or "database or disk is full" in str(exc)
        if not self.is_sqlite:
            import psycopg

            return isinstance(exc, psycopg.errors.DiskFull)
        return False

    def _transient(self, exc: Exception) -> str | None:
        if isinstance(exc, errors.StoreUnavailable):
            return "connection"
        if isinstance(exc, sqlite3.OperationalError):
            text = str(exc)
            if "locked" in text or "busy" in text:
                return "busy"
            if "disk I/O" in text or "unable to open" in text:
                return "connection"
            return None
        if not self.is_sqlite:
            import psycopg

            retryable = psycopg.errors.SerializationFailure | psycopg.errors.DeadlockDetected
            if isinstance(exc, retryable):
                return "busy"
            if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
                return "connection"
        return None

    # -- schema -------------------------------------------------------------------------
    def schema_revisions(self) -> frozenset[str]:
        """Every branch's revision in `alembic_version` (none on a new database)."""
        try:
            rows = self.read("SELECT version_num FROM alembic_version")
        except Exception:  # noqa: BLE001 - no table yet on a new database
            if not self.is_sqlite:
                self.connection().rollback()
            return frozenset()
        return frozenset(r["version_num"] for r in rows)

    def schema_revision(self) -> str | None:
        """The core branch's revision (steps' branches, `<step>_<n>`, are left out)."""
        return _core_revision(self.schema_revisions())

    def _schema_current(self, branches: Iterable[Branch]) -> bool:
        # One read. A branch this kit does not have (a step another kit had) is left as it
        # is: the store opens; only a new core migration would need that step's folder.
        found = self.schema_revisions()
        return _core_revision(found) == SCHEMA_REVISION and {b.head for b in branches} <= found

    def ensure_schema(self, branches: Sequence[Branch] = ()) -> None:
        """Bring the core's schema to `SCHEMA_REVISION` and each step's `branches` to its
        head; only then is SQLAlchemy imported."""
        if self._schema_current(branches):
            return
        from kit.core.migrate import upgrade

        try:
            upgrade(self, folders=tuple(b.folder for b in branches))
        except Exception:
            # Another process may have migrated at the same moment; that is fine.
            if not self._schema_current(branches):
                raise


class Tx:
    """The open transaction handed to a write: statements run in it and commit together."""

    def __init__(self, db: Database, conn: Any) -> None:
        self._db = db
        self._conn = conn

    def run(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        self._db._run(self._conn, sql, params)

    def many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        params = [dict(r) for r in rows]
        if self._db.is_sqlite:
            self._conn.executemany(sql, params)
        else:
            with self._conn.cursor() as cur:
                cur.executemany(self._db._sql(sql), params)

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return [dict(r) for r in self._db._run(self._conn, sql, params).fetchall()]

    def one(self, sql: str, params: Mapping[str, Any] | None = None) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

