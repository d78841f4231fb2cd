"""Alembic migrations: the head matches the code, and the migrated schema matches the tables."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import kit
from kit.core import migrate as _migrate
from kit.core.db import SCHEMA_REVISION
from kit.core.schema import metadata


def test_code_expects_the_newest_migration():
    heads = ScriptDirectory.from_config(_migrate.config()).get_heads()
    assert heads == [SCHEMA_REVISION]


def _diff(store):
    engine = _migrate.engine_for(store.db)
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), metadata)


def test_migrated_sqlite_schema_equals_declared_tables(tmp_path):
    store = kit.open_store(f"sqlite:///{tmp_path / 'k.sqlite'}")
    assert store.db.schema_revision() == SCHEMA_REVISION
    assert _diff(store) == []


def test_migrated_postgres_schema_equals_declared_tables(pg_url):
    store = kit.open_store(pg_url)
    assert _diff(store) == []


def test_reopening_keeps_data(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.sqlite'}"
    w = kit.open_store(url).create_workshop("Velkomst", "Aarhus")
    w.join("Anna", "kommune")
    again = kit.open_store(url).workshop(w.code)
    assert [p.name for p in again.participants()] == ["Anna"]


def test_upgrading_from_the_first_schema_keeps_the_data(tmp_path):
    from kit.core.db import Database

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    db = Database(url)
    _migrate.upgrade(db, "0001")
    db.write(lambda tx: (
        tx.run("INSERT INTO workshops VALUES ('w1', 'ABCDEF', 'Gammel', 'Aarhus', '2025-01-01', "
               "'da', 'timeline', 'open', 'key', 1, NULL, 0)"),
        tx.run("INSERT INTO cards (workshop_id, id, title, owner, sector, category, start_week, "
               "end_week) VALUES ('w1', 'c1', 'Sprogcafé', 'Biblioteket', 'civilsamfund', "
               "'sprog', 2, 26)")))
    db.close()
    store = kit.open_store(url)  # upgrades to the newest schema
    assert store.db.schema_revision() == SCHEMA_REVISION
    card = store.workshop("ABCDEF").timeline.card("c1")
    assert (card.title, card.description, card.participant_id) == ("Sprogcafé", "", None)
