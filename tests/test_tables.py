"""One declaration per table: the tables (`kit.core.schema`), the model dataclasses the stores
map their rows to (`kit.core.rows.Table`) and the exchange sheets (`kit.core.sheets`, each
step's `sheets.py`) agree column for column.

The stores' INSERTs and row mappers are derived from the models, so a model that agrees with
its table is a store that writes and reads every column. A column added to a table and
forgotten in its model or its sheet fails here, and so does a model field or sheet column no
table stores. Every intended difference is listed below with its reason.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
from enum import Enum
from pathlib import Path

import pytest
from sqlalchemy import Boolean, Integer, Text

import kit
from kit import exchange, steps
from kit.core.rows import Table
from kit.core.schema import metadata, partnership_tables, settings_tables, workshop_tables
from kit.core.sheets import PARTNERSHIP, WORKSHOP
from kit.exchange_partnership import PARTNERSHIP_SHEETS

steps.tables()   # the tables steps declare in their own folders join the declarations
WORKSHOP_TABLES, PARTNERSHIP_TABLES = workshop_tables(), partnership_tables()
SETTINGS_TABLES = settings_tables()

NOT_EXCHANGED = {
    # the revision feed: which pages redraw for what, meaningless in another store
    "changes",
    # the theme board's undo history, of this session only
    "undo",
    # which notes the kit placed and the facilitator has not yet accepted, of this session
    "suggested",
    # the facilitator's verdicts on this store's timeline analysis (the format has never
    # carried them)
    "findings",
    # the partnership's needs rounds (issue 27): each answer's sheet row carries its round's
    # label, and the rounds are made again from the labels (`kit.steps.needs.rounds`)
    "need_rounds",
    # invitations (issue 27): each carries an RSVP token, a key to one person's answer that
    # must not leave this server, and answers given through this server's links; a workshop
    # imported elsewhere invites afresh from its register
    "rsvps",
    # the friend programme (issue 28): a partnership's, not a workshop's; people's contacts
    # never go into a workshop file, analysts get `partnership.friends.frames()`
    "friend_volunteers", "friend_households", "friendships", "friend_checkins",
}
"""Tables that have no exchange sheet."""

FROM_PARTNERSHIP = {"workshops": {"public_code"}}
"""Sheet columns that come from the workshop's partnership, not from its own table."""

IN_WORKSHOP_SHEET = {c.name: t for c in WORKSHOP.columns for t in SETTINGS_TABLES
                     if c.name in metadata.tables[t].c}
"""The steps' settings a workshop file carries (issue 26 moved them out of the `workshops`
row into tables the steps own, one row per workshop): they ride in the `workshop` sheet as
before, so files written before and after read alike. Column → its settings table."""

SECRETS = {"workshops": {"facilitator_key"}, "participants": {"rejoin_code"},
           "partnerships": {"coordinator_key"}}
"""Columns that must never leave the store: the facilitator's key and each participant's
personal code for coming back (an import draws new ones)."""

NOT_EXPORTED = {
    "workshops": {
        *SECRETS["workshops"],
        # this store's bookkeeping: when the row was written, how far the revision feed is
        "created_at", "revision",
        # the live session, which starts afresh in the store a file is imported into:
        # the timer, what the board has in focus
        "timer_ends_at", "board_focus",
        # when this store closed it, for reopening within a grace period; an imported
        # workshop that is closed counts as closed at its import
        "closed_at",
        # the partnership it is imported into, of this store
        "partnership_id",
    },
    # the partnership's (issue 27): its key, this store's bookkeeping (an archived one
    # counts as archived at its import)
    "partnerships": {*SECRETS["partnerships"], "created_at", "archived_at"},
    # when someone joined or wrote an idea orders them; an import keeps the file's order
    "participants": {*SECRETS["participants"], "created_at"},
    "ideas": {"created_at"},
    # orders the theme board's columns as they were made; an import keeps the file's order
    "themes": {"created_at"},
    # orders a forum's meetings planned the same day; an import keeps the file's order
    "forum_meetings": {"created_at"},
    # the steps' live session, which starts afresh as the workshop's does: the review shown
    # on the board, the vote's rules and state, the group sizes and whether they are confirmed
    "timeline_settings": {"review_open"},
    "voting_settings": {"dots_per_participant", "max_dots_per_theme", "results_hidden",
                        "voting_open", "revealed"},
    "group_settings": {"group_min_size", "group_max_size", "groups_confirmed"},
}
"""Table columns (besides `workshop_id`) that a sheet leaves out."""

NOT_IN_MODEL = {
    # the key is compared inside the store and never handed out with a state; created_at
    # orders `Store.workshops()`
    "workshops": {"facilitator_key", "created_at"},
    # the key is compared inside the store, as a workshop's
    "partnerships": {"coordinator_key"},
    # orders participants and ideas; nothing shows it
    "participants": {"created_at"},
    "ideas": {"created_at"},
    "themes": {"created_at"},
    # created_at orders the invitations (issue 27)
    "rsvps": {"created_at"},
}
"""Table columns (besides `workshop_id`) that a model leaves out; its store writes them as
`extra` columns of the INSERT."""

NOT_A_COLUMN = {"groups": ("members", "invited"), "fora": ("members", "coordinator")}
"""Model fields gathered from other tables (memberships, invitations, forum_members: a
forum's coordinator is a mark on its member's row since schema 0018b)."""

NO_MODEL = {
    # pairs and counts, read as plain rows or folded into another model (Group.members ...)
    "votes", "preferences", "memberships", "invitations", "forum_members", "rule_votes",
    # the review verdicts: {finding key: ReviewVerdict}
    "findings",
    # the store's own machinery
    "changes", "undo",
    # a mark on a note (idea id → the words explaining where the kit placed it)
    "suggested",
}
"""Tables whose rows no model dataclass stands for."""

SQL_KIND = {"text": Text, "int": Integer, "bool": Boolean}


def declared_mappers() -> dict[str, Table]:
    """Every `Table` a module of the core, of a step or the workshop handle declares, by
    table name."""
    import kit.partnership
    import kit.workshop

    found: dict[str, Table] = {}
    modules = [kit.workshop, kit.partnership] + [
        importlib.import_module(info.name) for package in (kit.core, kit.steps)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        if ".migrations" not in info.name]
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, Table) and found.setdefault(value.name, value) is not value:
                raise AssertionError(f"{value.name} is mapped twice")
    return found


MAPPERS = declared_mappers()


def stored(table: str) -> set[str]:
    return {c.name for c in metadata.tables[table].columns} - {"workshop_id", "partnership_id"} \
        if table != "workshops" else \
        {c.name for c in metadata.tables[table].columns} - {"workshop_id"}


ALL_SHEETS = (*exchange.DECLARED, PARTNERSHIP, *PARTNERSHIP_SHEETS)
"""A workshop's sheets, then a partnership file's own (issue 27)."""
SHEETS = {sheet.table_name: sheet for sheet in ALL_SHEETS}


def test_every_table_has_a_sheet_or_a_reason():
    assert len(SHEETS) == len(ALL_SHEETS)           # one sheet per table
    assert len({s.name for s in ALL_SHEETS}) == len(ALL_SHEETS)   # and one name per sheet
    # a partnership's own tables are in its file, a workshop's in the workshop's
    assert {s.table_name for s in PARTNERSHIP_SHEETS} <= set(PARTNERSHIP_TABLES)
    assert set(SHEETS).isdisjoint(NOT_EXCHANGED)
    # a step's settings ride in the workshop sheet (`IN_WORKSHOP_SHEET`)
    assert set(SHEETS).isdisjoint(SETTINGS_TABLES) and NOT_EXCHANGED.isdisjoint(SETTINGS_TABLES)
    assert set(SHEETS) | NOT_EXCHANGED | set(SETTINGS_TABLES) == set(metadata.tables)


def test_the_steps_settings_are_one_row_per_workshop_and_ride_in_the_workshop_sheet():
    """Each settings table (issue 26) is keyed by the workshop alone and goes with it; its
    columns are in the workshop sheet or listed as live state; none shares a name with a
    column of `workshops` or of another settings table (the state reads them in one query),
    and the store's list of them is the schema's."""
    from kit.steps import settings

    SETTINGS = settings()

    assert sorted(SETTINGS_TABLES) == sorted(t.name for t in SETTINGS) == [
        "group_settings", "invitation_details", "prepare_settings", "timeline_settings",
        "voting_settings"]
    names = [c.name for c in metadata.tables["workshops"].columns]
    for table in SETTINGS_TABLES:
        columns = metadata.tables[table]
        assert [fk.target_fullname for fk in columns.foreign_keys] == ["workshops.id"]
        assert [fk.ondelete for fk in columns.foreign_keys] == ["CASCADE"]
        carried = {c for c, t in IN_WORKSHOP_SHEET.items() if t == table}
        assert carried | NOT_EXPORTED.get(table, set()) == stored(table), table
        assert not carried & NOT_EXPORTED.get(table, set()), table
        names += list(stored(table))
    assert len(names) == len(set(names))
    assert set(IN_WORKSHOP_SHEET) == {"check_answers", "choice_reason", "purpose", "place",
                                      "hours"}


def test_the_workshop_state_shows_the_steps_settings_with_their_defaults():
    """`WorkshopState` keeps showing the apps the steps' settings they read (the vote's
    rules, the group sizes, ...): each field not stored in `workshops` is a column of one
    settings table, and its default is that table's model's."""
    from kit.core.model import WorkshopState
    from kit.workshop import WORKSHOPS

    shown = set(WORKSHOPS.not_stored)
    assert shown == {"review_open", "dots_per_participant", "max_dots_per_theme",
                     "results_hidden", "voting_open", "revealed", "group_min_size",
                     "group_max_size", "groups_confirmed"}
    state_defaults = {f.name: f.default for f in dataclasses.fields(WorkshopState)}
    for name in shown:
        owners = [t for t in SETTINGS_TABLES if name in metadata.tables[t].c]
        assert len(owners) == 1, name
        assert getattr(MAPPERS[owners[0]].defaults, name) == state_defaults[name], name


@pytest.mark.parametrize("table", sorted(SHEETS))
def test_a_sheet_has_its_tables_columns(table):
    sheet = SHEETS[table]
    names = [c.name for c in sheet.columns]
    assert len(names) == len(set(names))
    assert set(names) - FROM_PARTNERSHIP.get(table, set()) - set(
        IN_WORKSHOP_SHEET if table == "workshops" else ()) == \
        stored(table) - NOT_EXPORTED.get(table, set())
    assert set(sheet.key) <= set(names)
    for column, target in sheet.references:
        assert column in names and target in {s.name for s in ALL_SHEETS}
    for old, new in sheet.renamed:
        assert new in names and old not in names


@pytest.mark.parametrize("table", sorted(SHEETS))
def test_a_sheets_cells_are_what_its_table_holds(table):
    """Kind and nullability: an imported cell is what the table column takes."""
    columns = metadata.tables[table].columns
    for col in SHEETS[table].columns:
        if col.name in FROM_PARTNERSHIP.get(table, set()):
            columns = metadata.tables["partnerships"].columns
        elif table == "workshops" and col.name in IN_WORKSHOP_SHEET:
            columns = metadata.tables[IN_WORKSHOP_SHEET[col.name]].columns
        else:
            columns = metadata.tables[table].columns
        assert isinstance(columns[col.name].type, SQL_KIND[col.kind]), (table, col.name)
        assert col.nullable == columns[col.name].nullable, (table, col.name)


def test_secrets_are_never_exported():
    for table, secret in SECRETS.items():
        assert secret <= stored(table)
        assert not secret & {c.name for c in SHEETS[table].columns}


def test_every_table_has_a_model_or_a_reason():
    assert set(MAPPERS).isdisjoint(NO_MODEL)
    assert set(MAPPERS) | NO_MODEL == set(metadata.tables)


@pytest.mark.parametrize("table", sorted(set(metadata.tables) - NO_MODEL))
def test_a_model_has_its_tables_columns(table):
    mapper = MAPPERS[table]
    fields = {f.name for f in dataclasses.fields(mapper.model)}
    # the workshop's state shows the steps' settings (the test above)
    assert mapper.not_stored == NOT_A_COLUMN.get(table, ()) or table == "workshops"
    assert fields - set(mapper.not_stored) == stored(table) - NOT_IN_MODEL.get(table, set())
    owner = "partnership_id" if table != "workshops" and "partnership_id" in \
        metadata.tables[table].c else "workshop_id"
    assert mapper.owned == (owner in metadata.tables[table].c)
    assert not mapper.owned or mapper.owner == owner


def _sql_default(value: object) -> str:
    return str(value.value if isinstance(value, Enum) else value).lower()


@pytest.mark.parametrize("table", sorted(set(metadata.tables) - NO_MODEL))
def test_a_models_defaults_are_its_tables(table):
    """A store writes a new row from a model with its defaults; they must be the defaults a
    migration gives the column (a row written either way is the same row)."""
    mapper = MAPPERS[table]
    columns = metadata.tables[table].columns
    for field in dataclasses.fields(mapper.model):
        if field.name in mapper.not_stored or field.default is dataclasses.MISSING:
            continue
        default = columns[field.name].server_default
        if default is not None:   # else there is no other default to disagree with
            arg = getattr(default, "arg", None)
            expected = arg if isinstance(arg, str) else str(arg)   # false() / true()
            assert _sql_default(field.default) == expected.lower(), (table, field.name)


def test_a_mapper_reads_back_what_it_writes():
    """Rows → models through the derived mapper: enums from their values, bools from 0/1."""
    from kit.steps.groups.model import Group, GroupStatus
    from kit.steps.ideas.model import Theme

    themes = MAPPERS["themes"]
    assert themes.load({**themes.values(Theme("t1", "Bolig", True), "w1"), "selected": 1,
                        "chosen": 0}) == Theme("t1", "Bolig", True)
    groups = MAPPERS["groups"]
    group = Group("g1", "t1", "Bolig", status=GroupStatus.RUNNING, members=("p1",))
    values = groups.values(group, "w1")
    assert values["status"] == "running" and "members" not in values
    assert groups.load(values, members=("p1",)) == group
    assert groups.insert().startswith("INSERT INTO groups (workshop_id, id, theme_id, name")


def test_purge_empties_the_declared_tables_and_no_list_of_tables_is_kept_by_hand():
    """Purge deletes from every table of a workshop, found from the declarations; nowhere
    else in the kit lists tables by hand (a tuple or list of three or more table names)."""
    assert set(WORKSHOP_TABLES) == {t.name for t in metadata.tables.values()
                                    if "workshop_id" in t.c}
    names = set(metadata.tables)
    kit_dir = Path(kit.__file__).parent
    for path in kit_dir.rglob("*.py"):
        if "migrations" in path.parts or path.name == "schema.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                strings = [e.value for e in node.elts if isinstance(e, ast.Constant)]
                assert len([s for s in strings if s in names]) < 3, (path, node.lineno)
