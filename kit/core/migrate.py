"""Alembic migrations, run programmatically on the store's own connection."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from kit.core.db import Database

MIGRATIONS = Path(__file__).parent / "migrations"


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def engine_for(db: Database) -> Engine:
    """A SQLAlchemy engine on the same database (the same connection when it is in memory)."""
    if db.memory:
        return create_engine("sqlite://", creator=db.connection, poolclass=StaticPool)
    if db.is_sqlite:
        return create_engine(f"sqlite:///{db.path}")
    return create_engine("postgresql+psycopg://" + db.url.split("://", 1)[1])


def upgrade(db: Database, revision: str = "head") -> None:
    engine = engine_for(db)
    try:
        with engine.begin() as conn:
            cfg = config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        if not db.memory:
            engine.dispose()
