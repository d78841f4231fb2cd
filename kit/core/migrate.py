"""Alembic migrations, run programmatically on the store's own connection.

The core's migrations are in `kit/core/migrations/versions`; a step that owns tables keeps
theirs in its own folder, as a branch of its own (`kit.core.db.Branch`), given here as
further version locations: an upgrade brings every branch to its head."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from kit.core.db import Database

MIGRATIONS = Path(__file__).parent / "migrations"


def config(folders: Sequence[Path] = ()) -> Config:
    """The core's migrations, and those in the steps' `folders` as further branches."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if folders:
        # one folder a line: a path may hold spaces, commas or colons, never a newline
        cfg.set_main_option("path_separator", "newline")
        cfg.set_main_option("version_locations", "\n".join(
            str(f) for f in (MIGRATIONS / "versions", *folders)))
    return cfg


def engine_for(db: Database) -> Engine:
    """A SQLAlchemy engine on the same database (the same connection when it is in memory)."""
    if db.memory:
        return create_engine("sqlite://", creator=db.connection, poolclass=StaticPool)
    if db.is_sqlite:
        return create_engine(f"sqlite:///{db.path}")
    return create_engine("postgresql+psycopg://" + db.url.split("://", 1)[1])


def upgrade(db: Database, revision: str = "heads", folders: Sequence[Path] = ()) -> None:
    """Upgrade to `revision` (by default every branch's head), the steps' migrations in
    `folders` included: the core's branch first, to the head this code expects, then the
    steps' (each its own base, not tied to a core revision, so `alembic_version` keeps one
    row per branch and the core's row stays readable without Alembic)."""
    from kit.core.db import SCHEMA_REVISION

    engine = engine_for(db)
    try:
        with engine.begin() as conn:
            cfg = config(folders)
            cfg.attributes["connection"] = conn
            if folders and revision == "heads":
                command.upgrade(cfg, SCHEMA_REVISION)   # the core's tables the steps point at
            command.upgrade(cfg, revision)
    finally:
        if not db.memory:
            engine.dispose()
