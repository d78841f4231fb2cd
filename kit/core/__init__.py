"""The durable, shared workshop store (SQLite by default, PostgreSQL by URL).

Every kernel (each participant page, the board, the facilitator app) reaches the same
workshops through here; see `_store.py` for the facade and `_db.py` for transactions.
"""

from __future__ import annotations

from kit.core.base import normalise_code
from kit.core.db import Database, default_sqlite_path, resolve_url
from kit.core.workshop import Store, Workshop


def open_store(url: str | None = None) -> Store:
    """Open (and if needed create or upgrade) the store at `url`.

    `None` means the `KIT_DATABASE_URL` environment variable, else the default SQLite file
    (`$KIT_HOME/kit.sqlite`, else `~/.local/share/workshop-kit/kit.sqlite`); `sqlite://` is a
    private in-memory store.
    """
    db = Database(resolve_url(url))
    db.ensure_schema()
    return Store(db)


__all__ = ["Store", "Workshop", "default_sqlite_path", "normalise_code", "open_store"]
