"""Alembic migrations: the head matches the code, and the migrated schema matches the tables."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import kit
from kit import steps
from kit.core import migrate as _migrate
from kit.core.db import SCHEMA_REVISION
from kit.core.schema import metadata
from kit.steps.prepare.rsvp import DayDetails

steps.tables()  # the steps' own tables join the declarations the schema is compared with


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


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """A file database on SQLite, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.sqlite'}"
    return request.getfixturevalue("pg_url")


def test_upgrading_from_the_previous_head_keeps_the_data(db_url):
    """A store at 0006 (actors.notes) opens at the newest schema with every value in place,
    and going back down returns the same values under the old name."""

    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0006")
    db.write(lambda tx: (
        tx.run("INSERT INTO workshops (id, code, title, municipality, date, language, phase, "
               "status, facilitator_key, revision, created_at) VALUES ('w1', 'ABCDEF', "
               "'Gammel', 'Aarhus', '2025-01-01', 'da', 'voting', 'open', 'key', 1, 0)"),
        tx.run("INSERT INTO actors (workshop_id, id, name, kind, sector, contact, notes) "
               "VALUES ('w1', 'a1', 'Moskéen', 'trossamfund', 'civilsamfund', 'imam', "
               "'Fredagsbøn\nhver uge')"),
        tx.run("INSERT INTO themes (workshop_id, id, label, selected, needs, use_each_other, "
               "team, chosen) VALUES ('w1', 't1', 'Bolig', :yes, 'Møbler', 'Lager', "
               "'Røde Kors', :yes)", {"yes": True})))
    db.close()

    store = kit.open_store(db_url)  # upgrades to the newest schema
    assert store.db.schema_revision() == SCHEMA_REVISION
    w = store.workshop("ABCDEF")
    actor = w.prepare.actors()[0]
    assert (actor.name, actor.contact, actor.remarks) == ("Moskéen", "imam",
                                                         "Fredagsbøn\nhver uge")
    theme = w.ideas.themes()[0]
    assert (theme.selected, theme.chosen, theme.needs, theme.use_each_other, theme.team) == (
        True, True, "Møbler", "Lager", "Røde Kors")
    store.close()

    db = _downgrade(db_url, "0006")
    assert db.read("SELECT notes FROM actors WHERE id = 'a1'") == [
        {"notes": "Fredagsbøn\nhver uge"}]
    db.close()


def test_public_codes_are_drawn_for_every_stored_workshop_and_go_again_on_downgrade(db_url):
    """0013: each workshop stored before gets a public code of its own (long, from the
    code alphabet, distinct), every actor starts not listed on the public overview; going
    down to 0012 removes both and keeps the rest."""

    from kit.core.base import CODE_ALPHABET
    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0012")
    db.write(lambda tx: [
        tx.run("INSERT INTO workshops (id, code, title, municipality, date, language, phase, "
               "status, facilitator_key, revision, created_at) VALUES (:i, :c, 'Gammel', "
               "'Aarhus', '2025-01-01', 'da', 'timeline', :s, 'key', 1, 0)",
               {"i": i, "c": c, "s": s})
        for i, c, s in (("w1", "ABCDEF", "open"), ("w2", "GHJKMN", "closed"))] + [
        tx.run("INSERT INTO actors (workshop_id, id, name, kind, sector, contact, remarks) "
               "VALUES ('w1', 'a1', 'Moskéen', 'trossamfund', 'civilsamfund', 'imam', '')")])
    db.close()

    store = kit.open_store(db_url)  # upgrades to the newest schema
    assert store.db.schema_revision() == SCHEMA_REVISION
    codes = {s.id: store.facilitate(s.id).public_code for s in store.workshops()}
    assert set(codes) == {"w1", "w2"} and len(set(codes.values())) == 2
    assert all(len(c) == 12 and set(c) <= set(CODE_ALPHABET) for c in codes.values())
    w = store.public_page_workshop(codes["w1"])  # closed or open, its pages answer
    assert w.id == "w1" and w.public_code == codes["w1"]
    assert store.public_page_workshop(codes["w2"]).id == "w2"
    assert [(a.name, a.contact, a.listed) for a in w.prepare.actors()] == [
        ("Moskéen", "imam", False)]
    new = store.create_workshop("Ny", "Aarhus")
    assert new.public_code not in codes.values() and len(new.public_code) == 12
    store.close()

    db = _downgrade(db_url, "0012")
    rows = db.read("SELECT * FROM workshops WHERE id = 'w1'")
    assert rows[0]["code"] == "ABCDEF" and "public_code" not in rows[0]
    actor = db.read("SELECT * FROM actors WHERE id = 'a1'")[0]
    assert actor["contact"] == "imam" and "listed" not in actor
    db.close()
    again = kit.open_store(db_url)  # and up once more: fresh codes, nothing in the way
    assert all(len(again.facilitate(s.id).public_code) == 12 for s in again.workshops())
    again.close()


def test_the_theme_choice_reason_migrates_up_and_down(db_url):
    """0014 adds `workshops.choice_reason` (empty for every workshop there was), the reason
    written is kept, and going back to 0013 drops only that column."""

    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0013")
    db.write(lambda tx: tx.run(
        "INSERT INTO workshops (id, code, title, municipality, date, language, phase, "
        "status, facilitator_key, revision, created_at) VALUES ('w1', 'ABCDEF', 'Gammel', "
        "'Aarhus', '2025-01-01', 'da', 'voting', 'open', 'key', 1, 0)"))
    db.close()

    store = kit.open_store(db_url)  # upgrades to the newest schema
    assert store.db.schema_revision() == SCHEMA_REVISION
    w = store.facilitate("w1")
    assert w.voting.choice_reason() == ""
    w.voting.set_choice_reason("  Jobcentret har allerede et forløb.\n  ")
    assert w.voting.choice_reason() == "Jobcentret har allerede et forløb."
    store.close()

    db = _downgrade(db_url, "0013")
    assert db.schema_revision() == "0013"
    assert db.read("SELECT title FROM workshops WHERE id = 'w1'") == [{"title": "Gammel"}]
    with pytest.raises(Exception, match="choice_reason"):
        db.read("SELECT choice_reason FROM workshops")
    db.close()


def _downgrade(db_url: str, revision: str):
    """The store at `db_url` taken down to `revision` by Alembic, and opened again."""
    from alembic import command

    from kit.core.db import Database

    db = Database(db_url)
    engine = _migrate.engine_for(db)
    with engine.begin() as conn:
        cfg = _migrate.config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    engine.dispose()
    return db

def _partnership_at_0015(tx, partnership: str, municipality: str, workshops,
                         name: str | None = None) -> None:
    """Rows as a store at 0015 held them: one partnership (named as its municipality unless
    `name`) and its workshops, each given as (id, join code, title, date, phase, status)."""
    tx.run("INSERT INTO partnerships (id, name, municipality, public_code, coordinator_key, "
           "status, created_at) VALUES (:p, :n, :m, 'PUBAAAAAAAAA', 'ck', 'active', 0)",
           {"p": partnership, "n": name or municipality, "m": municipality})
    for workshop_id, code, title, date, phase, status in workshops:
        tx.run("INSERT INTO workshops (id, partnership_id, code, title, municipality, date, "
               "language, phase, status, facilitator_key, revision, created_at) VALUES "
               "(:i, :p, :c, :t, :m, :d, 'da', :ph, :s, 'key', 1, 0)",
               {"i": workshop_id, "p": partnership, "c": code, "t": title, "m": municipality,
                "d": date, "ph": phase, "s": status})



def test_every_workshop_becomes_a_partnership_of_its_own_and_back(db_url):
    """0015: each workshop stored before becomes the only workshop of a partnership named as
    it, which takes over its public code (printed posters keep working); the data stays.
    Going down to 0014 gives the workshops their codes back and drops the partnerships."""
    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0014")
    db.write(lambda tx: [
        tx.run("INSERT INTO workshops (id, code, title, municipality, date, language, phase, "
               "status, facilitator_key, revision, created_at, public_code) VALUES (:i, :c, "
               ":t, 'Assens', '2025-03-01', 'da', 'timeline', 'closed', 'key', 1, 0, :p)",
               {"i": i, "c": c, "t": t, "p": p})
        for i, c, t, p in (("w1", "ABCDEF", "Forår", "PUBAAAAAAAAA"),
                           ("w2", "GHJKMN", "Efterår", "PUBBBBBBBBBB"))] + [
        tx.run("INSERT INTO actors (workshop_id, id, name, kind, sector, contact, remarks) "
               "VALUES ('w1', 'a1', 'Røde Kors', 'forening', 'civilsamfund', 'x', '')")])
    db.close()

    store = kit.open_store(db_url)
    assert store.db.schema_revision() == SCHEMA_REVISION
    found = {p.name: p for p in store.partnerships()}
    assert set(found) == {"Forår", "Efterår"}
    assert found["Forår"].public_code == "PUBAAAAAAAAA"
    assert found["Forår"].municipality == "Assens" and found["Forår"].status == "active"
    w1 = store.facilitate("w1")
    assert w1.partnership.id == found["Forår"].id and w1.public_code == "PUBAAAAAAAAA"
    assert [s.id for s in w1.partnership.workshops()] == ["w1"]
    assert [a.name for a in w1.prepare.actors()] == ["Røde Kors"]
    # closed before the partnership existed, its public pages answer now
    assert store.public_page_workshop("PUBAAAAAAAAA").id == "w1"
    store.close()

    db = _downgrade(db_url, "0014")
    rows = {r["id"]: r for r in db.read("SELECT * FROM workshops")}
    assert rows["w1"]["public_code"] == "PUBAAAAAAAAA"
    assert rows["w2"]["public_code"] == "PUBBBBBBBBBB" and "partnership_id" not in rows["w1"]
    assert db.read("SELECT name FROM actors WHERE id = 'a1'") == [{"name": "Røde Kors"}]
    db.close()


def test_month_rounds_become_round_rows_of_the_partnership_and_back(db_url):
    """0016a: each month-label round stored so far becomes a round row of the workshop's
    partnership (opened on the month's first day, closed at its end), every answer starts
    "not asked who"; going down to 0015 drops both and every answer keeps its round."""
    from kit.core.db import Database
    from kit.steps.needs.logic import month_span

    db = Database(db_url)
    _migrate.upgrade(db, "0015")
    db.write(lambda tx: [
        _partnership_at_0015(tx, "s1", "Assens", [
            (i, c, "Dag", "2026-01-01", "needs", "closed")
            for i, c in (("w1", "ABCDEF"), ("w2", "GHJKMN"))]),
        *(tx.run("INSERT INTO need_answers (workshop_id, id, response, round, question, "
                 "category, text, language, seen) VALUES (:w, :i, :r, :round, 'sværest', "
                 "'bolig', '', 'da', :no)",
                 {"w": w, "i": i, "r": r, "round": round_, "no": False})
          for w, i, r, round_ in (("w1", "a1", "n1", "2026-11"), ("w1", "a2", "n2", "2026-11"),
                                  ("w2", "a3", "n3", "2026-11"), ("w2", "a4", "n4", "2027-05"))),
    ])
    db.close()

    store = kit.open_store(db_url)  # upgrades to the newest schema
    assert store.db.schema_revision() == SCHEMA_REVISION
    p = store.coordinate("s1")
    rounds = p.needs_rounds()
    assert [(r.label, r.open) for r in rounds] == [("2026-11", False), ("2027-05", False)]
    assert all(r.id for r in rounds)  # real rows, not stand-ins
    assert (rounds[0].opened_at, rounds[0].closed_at) == month_span("2026-11")
    found = p.needs_comparison()
    assert [(r.unsaid, r.refugees) for r in found] == [(3, 0), (1, 0)]
    assert {a.respondent.value for a in store.facilitate("w1").needs.answers()} == {""}
    p.open_needs_round("forår 2027")
    store.close()

    db = _downgrade(db_url, "0015")
    assert db.schema_revision() == "0015"
    assert sorted((r["id"], r["round"]) for r in db.read("SELECT * FROM need_answers")) == [
        ("a1", "2026-11"), ("a2", "2026-11"), ("a3", "2026-11"), ("a4", "2027-05")]
    assert "respondent" not in db.read("SELECT * FROM need_answers")[0]
    with pytest.raises(Exception, match="need_rounds"):
        db.read("SELECT * FROM need_rounds")
    db.close()
    again = kit.open_store(db_url)  # and up once more: the month rounds are made again
    assert [r.label for r in again.coordinate("s1").needs_rounds()] == ["2026-11", "2027-05"]
    again.close()


def test_carried_marks_come_and_go_with_the_data(db_url):
    """0016b (issue 27, carrying over): cards and groups get a `carried` mark (false for all
    stored before) and a group may have no theme; going down to 0015 gives a carried group
    an empty theme id and keeps every row."""
    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0015")
    db.write(lambda tx: [
        _partnership_at_0015(tx, "s1", "Assens",
                             [("w1", "ABCDEF", "Forår", "2025-03-01", "timeline", "open")]),
        tx.run("INSERT INTO cards (workshop_id, id, title, owner, sector, category, "
               "start_week, end_week) VALUES ('w1', 'c1', 'Sprogcafé', 'Biblioteket', "
               "'civilsamfund', 'sprog', 2, 26)"),
        tx.run("INSERT INTO groups (workshop_id, id, theme_id, name, purpose, tasks, mandate, "
               "meeting_frequency, status) VALUES ('w1', 'g1', 't1', 'Boliggruppen', 'p', "
               "'t', 'm', 'Månedligt', 'active')")])
    db.close()

    store = kit.open_store(db_url)
    assert store.db.schema_revision() == SCHEMA_REVISION
    w = store.facilitate("w1")
    assert [(c.id, c.carried) for c in w.timeline.cards()] == [("c1", False)]
    assert [(g.id, g.theme_id, g.carried) for g in w.groups()] == [("g1", "t1", False)]
    store.db.write(lambda tx: tx.run(
        "INSERT INTO groups (workshop_id, id, theme_id, name, purpose, tasks, mandate, "
        "meeting_frequency, status, carried) VALUES ('w1', 'g2', NULL, 'Sproggruppen', '', "
        "'', '', '', 'running', :y)", {"y": True}))
    assert w.groups.group("g2").carried and w.groups.group("g2").theme_id is None
    store.close()

    db = _downgrade(db_url, "0015")
    assert db.schema_revision() == "0015"
    assert db.read("SELECT id, theme_id FROM groups ORDER BY id") == [
        {"id": "g1", "theme_id": "t1"}, {"id": "g2", "theme_id": ""}]
    assert db.read("SELECT title FROM cards") == [{"title": "Sprogcafé"}]
    for table in ("cards", "groups"):
        assert "carried" not in db.read(f"SELECT * FROM {table}")[0]
    db.close()
    store = kit.open_store(db_url)  # and up again
    assert [g.id for g in store.facilitate("w1").groups()] == ["g1", "g2"]
    store.close()


def test_invitations_migrate_up_and_down(db_url):
    """0016d adds the day's purpose, place and hours ("" for every workshop there was) and
    the `rsvps` table; what is written there is kept, and going back to 0015 drops only
    those, the workshops and the register intact."""
    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0015")
    db.write(lambda tx: [
        _partnership_at_0015(tx, "s1", "Assens",
                             [("w1", "ABCDEF", "Gammel", "2027-03-04", "prepare", "open")]),
        tx.run("INSERT INTO actors (workshop_id, id, name, kind, sector, contact, remarks) "
               "VALUES ('w1', 'a1', 'Røde Kors', 'social forening', 'civilsamfund', 'x', '')")])
    db.close()

    store = kit.open_store(db_url)
    assert store.db.schema_revision() == SCHEMA_REVISION
    w = store.facilitate("w1")
    assert (w.invites.details().purpose, w.invites.rsvps()) == ("", [])
    w.invites.set_details(purpose="Sammen om modtagelsen", place="Rådhuset")
    rsvp = w.invites.invite("a1", "uk")
    w.invites.answer(rsvp.token, "yes")
    store.close()
    store = kit.open_store(db_url)  # reopened: all there
    again = store.facilitate("w1")
    assert again.invites.details().place == "Rådhuset"
    assert [(r.actor_id, r.language, r.answer) for r in again.invites.rsvps()] == [
        ("a1", "uk", "yes")]
    store.close()

    db = _downgrade(db_url, "0015")
    assert db.schema_revision() == "0015"
    assert db.read("SELECT title FROM workshops WHERE id = 'w1'") == [{"title": "Gammel"}]
    assert db.read("SELECT name FROM actors WHERE id = 'a1'") == [{"name": "Røde Kors"}]
    row = db.read("SELECT * FROM workshops WHERE id = 'w1'")[0]
    assert not {"purpose", "place", "hours"} & set(row) and row["code"] == "ABCDEF"
    with pytest.raises(Exception, match="rsvps"):
        db.read("SELECT token FROM rsvps")
    db.close()
    assert kit.open_store(db_url).facilitate("w1").invites.rsvps() == []  # and up again


def test_the_friend_programme_tables_migrate_up_and_down(db_url):
    """0016g adds the friend programme's four tables (a partnership's, empty); sign-ups,
    friendships and check-ins are kept in them; going back to 0015 drops just these, the
    partnership and its workshop stay."""
    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0015")
    db.write(lambda tx: _partnership_at_0015(
        tx, "s1", "Aarhus", [("w1", "ABCDEF", "Forår", "2025-03-01", "timeline", "open")],
        name="Venskaber"))
    db.close()

    store = kit.open_store(db_url)
    assert store.db.schema_revision() == SCHEMA_REVISION
    friends = store.coordinate("s1").friends
    assert friends.households() == [] and friends.volunteers() == []
    common = dict(municipality="Aarhus", postcode="8000", languages=["ar"],
                  availability=["weekend"], interests=["music"], consent=True,
                  consent_text="Som vist")
    friends.sign_up_volunteer(name="Karen", contact="k@example.dk", organisation="Røde Kors",
                              danish_level="fluent", kind="person", capacity=1, **common)
    friends.sign_up_household(contact="+45 12", danish_level="none", adults=1,
                              children_ages="", help_wanted=["sprog"],
                              filled_by="household", **common)
    [pair] = friends.propose()
    friends.accept(pair.id)
    friends.set_status(pair.id, "active")
    assert len(friends.checkins()) == 3
    store.close()

    db = _downgrade(db_url, "0015")
    assert db.schema_revision() == "0015"
    for table in ("friend_volunteers", "friend_households", "friendships", "friend_checkins"):
        with pytest.raises(Exception, match=table):
            db.read(f"SELECT * FROM {table}")
        if not db.is_sqlite:
            db.connection().rollback()
    assert db.read("SELECT name FROM partnerships") == [{"name": "Venskaber"}]
    assert db.read("SELECT code FROM workshops") == [{"code": "ABCDEF"}]
    db.close()
    again = kit.open_store(db_url)   # and up once more, empty
    assert again.coordinate("s1").friends.households() == []
    again.close()


def test_first_meetings_and_the_refugee_volunteer_role_migrate_up_and_down(db_url):
    """0016e adds a group's first meeting as date, time and place (empty for every group
    there was, its free text kept) and the actors' `refugee_background` (off for all);
    going back to 0015 drops only those columns."""
    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0015")
    db.write(lambda tx: [
        _partnership_at_0015(tx, "p1", "Assens",
                             [("w1", "ABCDEF", "Forår", "2025-03-01", "groups", "open")]),
        tx.run("INSERT INTO themes (workshop_id, id, label, selected) VALUES ('w1', 't1', "
               "'Bolig', true)"),
        tx.run("INSERT INTO groups (workshop_id, id, theme_id, name, purpose, tasks, mandate, "
               "meeting_frequency, status, first_meeting) VALUES ('w1', 'g1', 't1', "
               "'Boliggruppen', '', '', '', '', 'active', 'Tirsdag kl. 17')"),
        tx.run("INSERT INTO actors (workshop_id, id, name, kind, sector, contact, remarks) "
               "VALUES ('w1', 'a1', 'Røde Kors', 'social forening', 'civilsamfund', 'x', '')")])
    db.close()

    store = kit.open_store(db_url)
    assert store.db.schema_revision() == SCHEMA_REVISION
    w = store.facilitate("w1")
    g = w.groups.group("g1")
    assert g.first_meeting == "Tirsdag kl. 17"
    assert (g.first_meeting_date, g.first_meeting_time, g.first_meeting_place) == ("", "", "")
    assert [a.refugee_background for a in w.prepare.actors()] == [False]
    w.groups.set_first_meeting("g1", "2025-04-01", "17:00", "Rådhuset")
    w.prepare.update_actor("a1", refugee_background=True)
    store.close()

    db = _downgrade(db_url, "0015")
    assert db.schema_revision() == "0015"
    assert db.read("SELECT name FROM groups WHERE id = 'g1'") == [{"name": "Boliggruppen"}]
    assert db.read("SELECT name FROM actors WHERE id = 'a1'") == [{"name": "Røde Kors"}]
    import sqlalchemy as sa

    engine = _migrate.engine_for(db)
    columns = {table: {c["name"] for c in sa.inspect(engine).get_columns(table)}
               for table in ("groups", "actors")}
    engine.dispose()
    assert "first_meeting" in columns["groups"] and "listed" in columns["actors"]
    assert not {"first_meeting_date", "first_meeting_time", "first_meeting_place"} & \
        columns["groups"]
    assert "refugee_background" not in columns["actors"]
    db.close()
    again = kit.open_store(db_url)     # and up again: the columns come back empty
    assert again.facilitate("w1").groups.group("g1").first_meeting_date == ""
    again.close()


def test_branches_of_an_organisation_migrate_up_and_down(db_url):
    """0017b adds the actors' `parent_id` (empty for every actor there was: each an
    organisation of its own); going back to 0016e drops only that column, the actors kept."""
    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0016e")
    db.write(lambda tx: [
        _partnership_at_0015(tx, "p1", "Assens",
                             [("w1", "ABCDEF", "Forår", "2025-03-01", "timeline", "open")])] + [
        tx.run("INSERT INTO actors (workshop_id, id, name, kind, sector, contact, remarks, "
               "refugee_background) VALUES ('w1', :i, :n, 'social forening', 'civilsamfund', "
               ":c, '', :r)", {"i": i, "n": n, "c": c, "r": r})
        for i, n, c, r in (("a1", "Røde Kors", "Eva", False),
                           ("a2", "Røde Kors Assens", "Ole", True),
                           ("a3", "Røde Kors Glamsbjerg", "", False))])
    db.close()

    store = kit.open_store(db_url)
    assert store.db.schema_revision() == SCHEMA_REVISION
    w = store.facilitate("w1")
    assert [(a.name, a.parent_id) for a in w.prepare.actors()] == [
        ("Røde Kors", None), ("Røde Kors Assens", None), ("Røde Kors Glamsbjerg", None)]
    w.prepare.set_branch_of("a2", "a1")
    w.prepare.set_branch_of("a3", "a1")
    assert {a.id: a.parent_id for a in w.prepare.actors()} == {
        "a1": None, "a2": "a1", "a3": "a1"}
    store.close()

    db = _downgrade(db_url, "0016e")
    assert db.schema_revision() == "0016e"
    assert db.read("SELECT id, name, contact FROM actors ORDER BY id") == [
        {"id": "a1", "name": "Røde Kors", "contact": "Eva"},
        {"id": "a2", "name": "Røde Kors Assens", "contact": "Ole"},
        {"id": "a3", "name": "Røde Kors Glamsbjerg", "contact": ""}]
    import sqlalchemy as sa

    engine = _migrate.engine_for(db)
    columns = {c["name"] for c in sa.inspect(engine).get_columns("actors")}
    engine.dispose()
    assert "parent_id" not in columns and "refugee_background" in columns
    db.close()
    again = kit.open_store(db_url)     # and up again: every actor its own organisation
    assert [a.parent_id for a in again.facilitate("w1").prepare.actors()] == [None] * 3
    again.close()


def test_the_steps_settings_move_to_their_tables_and_back(db_url):
    """0018a (issue 26): the steps' settings leave the `workshops` row for tables the steps
    own, every workshop's values copied; going down to 0017b copies them back (a workshop
    made since, with no row of a step, gets that step's defaults), the tables go, and up
    again they come back whole."""
    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0017b")
    db.write(lambda tx: [
        _partnership_at_0015(tx, "p1", "Assens",
                             [("w1", "ABCDEF", "Forår", "2025-03-01", "voting", "open"),
                              ("w2", "GHJKMN", "Efterår", "2025-09-01", "prepare", "closed")]),
        tx.run("UPDATE workshops SET review_open = :t, dots_per_participant = 5, "
               "max_dots_per_theme = 2, results_hidden = :f, voting_open = :t, revealed = :t, "
               "group_min_size = 4, group_max_size = 6, groups_confirmed = :t, "
               "check_answers = '{\"balance\": \"yes\"}', board_focus = 'timer', "
               "choice_reason = 'Sprog først', purpose = 'Sammen om modtagelsen', "
               "place = 'Rådhuset', hours = '17-20' WHERE id = 'w1'", {"t": True, "f": False})])
    db.close()

    store = kit.open_store(db_url)
    assert store.db.schema_revision() == SCHEMA_REVISION
    w1, w2 = store.facilitate("w1"), store.facilitate("w2")
    s1, s2 = w1.state(), w2.state()
    assert (s1.review_open, s1.dots_per_participant, s1.max_dots_per_theme, s1.results_hidden,
            s1.voting_open, s1.revealed, s1.group_min_size, s1.group_max_size,
            s1.groups_confirmed, s1.board_focus) == (True, 5, 2, False, True, True, 4, 6, True,
                                                     "timer")
    assert w1.prepare.check_answers() == {"balance": "yes"}
    assert w1.voting.choice_reason() == "Sprog først"
    assert w1.invites.details() == DayDetails("Sammen om modtagelsen", "Rådhuset", "17-20")
    assert (s2.dots_per_participant, s2.max_dots_per_theme, s2.results_hidden,
            s2.group_min_size, s2.groups_confirmed, s2.status) == (3, None, True, 3, False,
                                                                    "closed")
    assert w2.invites.details() == DayDetails() and w2.voting.choice_reason() == ""
    assert {s.id: s.dots_per_participant for s in store.workshops()} == {"w1": 5, "w2": 3}
    assert [s.group_max_size for s in w1.partnership.workshops()] == [6, 8]
    # changed after the move, and a workshop made since, which no step has been set in
    w1.voting.configure_voting(7, None, hidden=True)
    w1.groups.configure_groups(2, 9)
    w3 = w1.partnership.create_workshop("Vinter", "2026-01-10")
    assert store.db.read("SELECT COUNT(*) AS n FROM voting_settings WHERE workshop_id = :w",
                         {"w": w3.id}) == [{"n": 0}]
    assert w3.state().dots_per_participant == 3
    store.close()

    db = _downgrade(db_url, "0017b")
    assert db.schema_revision() == "0017b"
    rows = {r["id"]: r for r in db.read("SELECT * FROM workshops")}
    assert {k: rows["w1"][k] for k in (
        "dots_per_participant", "max_dots_per_theme", "group_min_size", "group_max_size",
        "check_answers", "choice_reason", "purpose", "place", "hours", "board_focus")} == {
        "dots_per_participant": 7, "max_dots_per_theme": None, "group_min_size": 2,
        "group_max_size": 9, "check_answers": '{"balance": "yes"}',
        "choice_reason": "Sprog først", "purpose": "Sammen om modtagelsen",
        "place": "Rådhuset", "hours": "17-20", "board_focus": "timer"}
    assert [bool(rows["w1"][k]) for k in ("review_open", "results_hidden", "voting_open",
                                          "revealed", "groups_confirmed")] == [
        True, True, True, True, True]
    assert {k: rows[w3.id][k] for k in ("dots_per_participant", "max_dots_per_theme",
                                         "group_min_size", "group_max_size", "purpose")} == {
        "dots_per_participant": 3, "max_dots_per_theme": None, "group_min_size": 3,
        "group_max_size": 8, "purpose": ""}
    assert [bool(rows[w3.id][k]) for k in ("results_hidden", "voting_open", "revealed",
                                           "groups_confirmed", "review_open")] == [
        True, False, False, False, False]
    import sqlalchemy as sa

    engine = _migrate.engine_for(db)
    tables = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    assert not tables & {"voting_settings", "group_settings", "timeline_settings",
                         "prepare_settings", "invitation_details"}
    db.close()

    again = kit.open_store(db_url)     # and up again: the values move once more
    w1 = again.facilitate("w1")
    assert (w1.state().dots_per_participant, w1.state().group_max_size,
            w1.invites.details().place, w1.voting.choice_reason()) == (7, 9, "Rådhuset",
                                                                       "Sprog først")
    again.close()


def test_forum_members_become_references_and_back(db_url):
    """0018b turns a forum's "participant:<id>" / "actor:<id>" members into two foreign keys
    and the forum's coordinator into a mark on its member row (a coordinator the rows did
    not list becomes a member; a member naming no one is dropped), and ties invitations to
    the register; going back to 0017b gives the same strings again."""
    from kit.core.db import Database

    db = Database(db_url)
    _migrate.upgrade(db, "0017b")
    db.write(lambda tx: [
        _partnership_at_0015(tx, "p1", "Assens",
                             [("w1", "ABCDEF", "Forår", "2025-03-01", "follow_up", "open")]),
        tx.run("INSERT INTO participants (workshop_id, id, name, sector, organisation, "
               "language, rejoin_code, created_at) VALUES ('w1', 'p1', 'Anna', 'kommune', "
               "'Jobcenter', 'da', 'RJ1', 0)"),
        *(tx.run("INSERT INTO actors (workshop_id, id, name, kind, sector, contact, remarks) "
                 "VALUES ('w1', :i, :n, 'social forening', 'civilsamfund', '', '')",
                 {"i": i, "n": n}) for i, n in (("a1", "Røde Kors"), ("a2", "DFH"))),
        tx.run("INSERT INTO fora (workshop_id, id, kind, name, coordinator) VALUES "
               "('w1', 'f1', 'koordineringsforum', 'Forum', 'actor:a2'), "
               "('w1', 'f2', 'netværksgruppe', 'Netværk', NULL)"),
        tx.run("INSERT INTO forum_members (workshop_id, forum_id, member) VALUES "
               "('w1', 'f1', 'participant:p1'), ('w1', 'f1', 'actor:a1'), "
               "('w1', 'f2', 'actor:a1'), ('w1', 'f2', 'actor:gone')"),
        tx.run("INSERT INTO groups (workshop_id, id, theme_id, name, purpose, tasks, mandate, "
               "meeting_frequency, status) VALUES ('w1', 'g1', NULL, 'Bolig', '', '', '', '', "
               "'active')"),
        tx.run("INSERT INTO invitations (workshop_id, group_id, actor_id) VALUES "
               "('w1', 'g1', 'a1'), ('w1', 'g1', 'gone')")])
    db.close()

    store = kit.open_store(db_url)
    assert store.db.schema_revision() == SCHEMA_REVISION
    w = store.facilitate("w1")
    fora = {f.id: (f.members, f.coordinator) for f in w.follow_up.fora()}
    assert fora == {"f1": (("actor:a1", "actor:a2", "participant:p1"), "actor:a2"),
                    "f2": (("actor:a1",), None)}
    assert w.groups.group("g1").invited == ("a1",)
    rows = store.db.read("SELECT forum_id, participant_id, actor_id, coordinator FROM "
                         "forum_members")
    found = sorted(((r["forum_id"], r["participant_id"], r["actor_id"], bool(r["coordinator"]))
                    for r in rows), key=str)
    assert found == [("f1", "p1", None, False), ("f1", None, "a1", False),
                     ("f1", None, "a2", True), ("f2", None, "a1", False)]
    store.close()

    db = _downgrade(db_url, "0017b")
    assert db.schema_revision() == "0017b"
    assert db.read("SELECT forum_id, member FROM forum_members ORDER BY forum_id, member") == [
        {"forum_id": "f1", "member": "actor:a1"}, {"forum_id": "f1", "member": "actor:a2"},
        {"forum_id": "f1", "member": "participant:p1"}, {"forum_id": "f2", "member": "actor:a1"}]
    assert db.read("SELECT id, coordinator FROM fora ORDER BY id") == [
        {"id": "f1", "coordinator": "actor:a2"}, {"id": "f2", "coordinator": None}]
    assert db.read("SELECT actor_id FROM invitations") == [{"actor_id": "a1"}]
    db.close()
    again = kit.open_store(db_url)     # and up again, the same members
    assert [(f.members, f.coordinator) for f in again.facilitate("w1").follow_up.fora()] == [
        (("actor:a1", "actor:a2", "participant:p1"), "actor:a2"), (("actor:a1",), None)]
    again.close()


def test_an_actor_struck_from_the_register_leaves_by_its_foreign_keys(db_url):
    """Deleting an actor takes its forum seat (and the coordinator's mark), and its group
    invitations with it, by the foreign keys alone: the prepare step writes only its own
    tables."""
    store = kit.open_store(db_url)
    w = store.create_workshop("Forår", "Assens")
    anna = w.join("Anna", "kommune")
    a1, a2 = w.prepare.add_actors([{"name": "Røde Kors", "kind": "forening",
                                    "sector": "civilsamfund"},
                                   {"name": "DFH", "kind": "forening",
                                    "sector": "civilsamfund"}])
    forum = w.follow_up.add_forum("koordineringsforum", "Forum",
                                  [f"participant:{anna.id}", f"actor:{a1.id}",
                                   f"actor:{a2.id}"], coordinator=f"actor:{a1.id}")
    w.prepare.delete_actor(a1.id)
    assert w.follow_up.forum(forum.id).members == tuple(sorted(
        [f"participant:{anna.id}", f"actor:{a2.id}"]))
    assert w.follow_up.forum(forum.id).coordinator is None
    w.follow_up.delete_forum(forum.id)
    assert store.db.read("SELECT * FROM forum_members") == []
    store.close()
