"""A whole partnership's file (issue 27, `kit.exchange_partnership`): export → import gives
back the partnership's row and every sheet of every workshop, on SQLite and PostgreSQL; old
workshop files still import; bad files name the place, in the reader's language, and write
nothing; a table a partnership owns is carried by declaring its sheet once."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import Column, Text

import kit
from kit import errors, exchange
from kit import exchange_partnership as pex
from kit.core.sheets import Column as SheetColumn
from kit.core.sheets import Sheet, ident

from helpers import SAMPLE, edited_copy, set_cell

LATER = SAMPLE.parent / "workshop-2027"


def two_workshops(store):
    """The sample partnership: the 2026 workshop (closed), the 2027 one a year later (open),
    an agreement with its period and review date; the coordinator's handle."""
    first = kit.import_workshop(SAMPLE, store)
    partnership = first.partnership
    store.import_rows(exchange.read(LATER), partnership=partnership)
    partnership.set_agreement("2026-12-01", "2028-11-30", "2027-11-01")
    partnership.rename("Sammen i Bakkeby")
    first.close()
    return partnership


def counts(store):
    return len(store.partnerships()), len(store.workshops())


@pytest.mark.parametrize("suffix", [".xlsx", ""], ids=["xlsx", "csv"])
def test_a_partnership_round_trips_whole(any_store, tmp_path, suffix):
    source = kit.open_store("sqlite://")
    partnership = two_workshops(source)
    before = partnership.rows()
    assert [w["workshop"][0]["id"] for w in before.workshops] == [
        "w-bakkeby-2026", "w-bakkeby-2027"]
    path = exchange.export_partnership(partnership, tmp_path / f"p{suffix}")

    again = exchange.import_partnership(any_store, path)
    after = again.rows()
    assert after.partnership == before.partnership  # name, public code, status, agreement
    assert after.partnership["agreement_review"] == "2027-11-01"
    assert after.partnership["public_code"] == "BKYPUBAKK26X"
    assert len(after.workshops) == 2
    for old, new in zip(before.workshops, after.workshops, strict=True):
        assert set(new) == set(exchange.SHEETS)
        for sheet in exchange.SHEETS:
            assert exchange.sort_rows(sheet, new[sheet]) == \
                exchange.sort_rows(sheet, old[sheet]), sheet
    # every sheet of the samples has rows: the comparison compared something
    assert all(before.workshops[0][sheet] for sheet in exchange.SHEETS)
    assert after.owned == before.owned
    # the new store's coordinator may act on it; the old key opens nothing there
    again.set_agreement(review="2028-01-15")
    with pytest.raises(errors.CoordinatorOnly):
        any_store.partnership(again.id, partnership.coordinator_key)
    assert [w.status for w in again.workshops()] == ["closed", "open"]
    # and it goes out again as it came in
    exchange.export_partnership(any_store.partnership(partnership.id), tmp_path / "b")


def test_a_csv_partnership_file_is_written_byte_identically_again(tmp_path):
    partnership = two_workshops(kit.open_store("sqlite://"))
    exchange.export_partnership(partnership, tmp_path / "a")
    again = exchange.import_partnership(kit.open_store("sqlite://"), tmp_path / "a")
    exchange.export_partnership(again, tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(f"{s}.csv" for s in pex.sheet_names())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    with (tmp_path / "a" / "participants.csv").open(encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    assert header[0] == "workshop_id"
    assert {r[0] for r in rows} == {"w-bakkeby-2026", "w-bakkeby-2027"}


def test_the_coordinator_key_never_leaves_the_store(tmp_path):
    partnership = two_workshops(kit.open_store("sqlite://"))
    exchange.export_partnership(partnership, tmp_path / "a")
    text = "".join(p.read_text("utf-8") for p in (tmp_path / "a").iterdir())
    assert partnership.coordinator_key and partnership.coordinator_key not in text
    assert "coordinator_key" not in text and "facilitator_key" not in text


def test_an_archived_partnership_and_an_empty_one_round_trip(store, tmp_path):
    empty = store.create_partnership("Netværket <Øst>", "Aarhus Kommune")
    empty.archive()
    path = exchange.export_partnership(empty, tmp_path / "e.xlsx")
    other = kit.open_store("sqlite://")
    again = exchange.import_partnership(other, path)
    assert again.rows() == empty.rows() and again.workshops() == []
    assert again.archived
    with pytest.raises(errors.UnknownWorkshop):  # its public pages stay off
        other.public_partnership(again.public_code)


def test_an_old_workshop_file_imports_into_a_partnership_of_its_own(store, tmp_path):
    partnership = exchange.import_partnership(store, SAMPLE)
    state = partnership.state()
    assert (state.name, state.municipality, state.public_code) == (
        "Sammen om modtagelsen", "Bakkeby Kommune", "BKYPUBAKK26X")
    assert [w.id for w in partnership.workshops()] == ["w-bakkeby-2026"]
    partnership.rename("Bakkeby")  # the handle is the coordinator's
    # the same through the workbook, as `kit import` has always read it
    kit.export_workshop(store.workshop("w-bakkeby-2026"), tmp_path / "w.xlsx")
    other = kit.open_store("sqlite://")
    assert exchange.import_partnership(other, tmp_path / "w.xlsx").workshops()[0].id == \
        "w-bakkeby-2026"


def test_importing_a_partnership_that_is_here_is_refused_and_writes_nothing(store, tmp_path):
    partnership = two_workshops(kit.open_store("sqlite://"))
    path = exchange.export_partnership(partnership, tmp_path / "p.xlsx")
    exchange.import_partnership(store, path)
    with pytest.raises(errors.PartnershipExists) as info:
        exchange.import_partnership(store, path)
    assert partnership.id in info.value.message("en") and "samarbejde" in str(info.value)
    assert counts(store) == (1, 2)
    # one of its workshops already here (imported on its own): nothing of the file goes in
    other = kit.open_store("sqlite://")
    kit.import_workshop(LATER, other)
    with pytest.raises(errors.WorkshopExists):
        exchange.import_partnership(other, path)
    assert counts(other) == (1, 1)


def _broken(tmp_path, sheet, edit):
    source = tmp_path / "good"
    if not source.exists():
        exchange.export_partnership(two_workshops(kit.open_store("sqlite://")), source)
    return edited_copy(source, tmp_path / "broken", sheet, edit)


_set = set_cell


def _last(column, value):
    """The last row of the sheet: a row of the second workshop."""
    def edit(rows):
        rows[-1][rows[0].index(column)] = value
        return rows
    return edit


def _drop_column(column):
    def edit(rows):
        at = rows[0].index(column)
        return [r[:at] + r[at + 1:] for r in rows]
    return edit


@pytest.mark.parametrize("sheet,edit,error,where", [
    ("partnership", lambda rows: None, errors.ImportMissingSheet, ["partnership"]),
    ("partnership", _drop_column("name"), errors.ImportMissingColumn, ["partnership", "name"]),
    ("partnership", _set(1, "status", "paused"), errors.ImportBadValue,
     ["partnership", "2", "status"]),
    ("partnership", _set(1, "agreement_end", "2028-02-31"), errors.ImportBadValue,
     ["partnership", "2", "agreement_end"]),
    ("partnership", _set(1, "name", "x" * 300), errors.ImportBadValue,
     ["partnership", "2", "name"]),
    ("partnership", lambda rows: rows + [rows[1]], errors.ImportBadValue,
     ["partnership", "id"]),
    ("partnership", lambda rows: rows[:1], errors.ImportBadValue, ["partnership", "id"]),
    ("workshop", lambda rows: rows + [rows[1]], errors.ImportBadValue, ["workshop", "4", "id"]),
    ("participants", _drop_column("workshop_id"), errors.ImportMissingColumn,
     ["participants", "workshop_id"]),
    ("participants", _set(3, "workshop_id", "w-elsewhere"), errors.ImportBadValue,
     ["participants", "4", "workshop_id"]),
    # the second workshop's rows are checked as its own file's are, at the file's row
    ("participants", _last("sector", "borger"), errors.ImportBadValue,
     ["participants", "sector"]),
    ("ideas", _last("participant_id", "p99"), errors.ImportBadValue,
     ["ideas", "participant_id"]),
    ("cards", _set(2, "start_week", "tre"), errors.ImportBadValue, ["cards", "3", "start_week"]),
    ("votes", lambda rows: None, errors.ImportMissingSheet, ["votes"]),
])
def test_bad_partnership_files_name_the_place_and_write_nothing(store, tmp_path, sheet, edit,
                                                                error, where):
    broken = _broken(tmp_path, sheet, edit)
    with pytest.raises(error) as info:
        exchange.import_partnership(store, broken)
    for part in where:
        assert part in info.value.message("da") and part in info.value.message("en")
    assert counts(store) == (0, 0)


def test_a_bad_cell_of_the_second_workshop_is_named_at_its_row_in_the_file(store, tmp_path):
    broken = _broken(tmp_path, "participants", _last("sector", "borger"))
    with (broken / "participants.csv").open(encoding="utf-8") as f:
        last_row = len(list(csv.reader(f)))
    with pytest.raises(errors.ImportBadValue) as info:
        exchange.import_partnership(store, broken)
    assert info.value.params["row"] == last_row and info.value.params["value"] == "borger"


def test_wrong_files_are_refused(store, tmp_path):
    (tmp_path / "fake.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    for path in (tmp_path / "fake.xlsx", tmp_path / "missing.xlsx", tmp_path / "x.txt"):
        with pytest.raises(errors.ImportBadFile):
            exchange.import_partnership(store, path)
    assert counts(store) == (0, 0)


@pytest.fixture
def toy_register(monkeypatch):
    """A table the partnership owns, declared as another branch would declare one: its
    table in the schema, its sheet appended to `PARTNERSHIP_SHEETS`; nothing else."""
    from kit.core.schema_parts import _partner, metadata

    table = _partner("toy_register", Column("id", Text, nullable=False),
                     Column("name", Text, nullable=False),
                     Column("workshop_ref", Text))
    sheet = Sheet("toy_register", (ident(), SheetColumn("name"),
                                   ident("workshop_ref", nullable=True)),
                  references=(("workshop_ref", "workshop"),), optional=True)
    monkeypatch.setattr(pex, "PARTNERSHIP_SHEETS", (*pex.PARTNERSHIP_SHEETS, sheet))
    yield table
    metadata.remove(table)


def test_a_table_the_partnership_owns_is_carried_by_declaring_its_sheet(toy_register,
                                                                         tmp_path):
    def store_with_table():
        s = kit.open_store("sqlite://")
        s.db.write(lambda tx: tx.run("CREATE TABLE toy_register (partnership_id TEXT NOT NULL, "
                                     "id TEXT NOT NULL, name TEXT NOT NULL, workshop_ref TEXT, "
                                     "PRIMARY KEY (partnership_id, id))", {}))
        return s

    store = store_with_table()
    partnership = two_workshops(store)
    store.db.write(lambda tx: tx.many(
        "INSERT INTO toy_register VALUES (:p, :i, :n, :w)",
        [{"p": partnership.id, "i": "a1", "n": "Røde Kors", "w": "w-bakkeby-2026"},
         {"p": partnership.id, "i": "a2", "n": "=SUM(1)", "w": None}]))
    path = exchange.export_partnership(partnership, tmp_path / "p.xlsx")
    other = store_with_table()
    again = exchange.import_partnership(other, path)
    assert {"toy_register": again.rows().owned["toy_register"]} == {"toy_register": [
        {"id": "a1", "name": "Røde Kors", "workshop_ref": "w-bakkeby-2026"},
        {"id": "a2", "name": "=SUM(1)", "workshop_ref": None}]}
    # its references are checked like any other sheet's: a workshop that is not in the file
    exchange.export_partnership(partnership, tmp_path / "c")
    _set_cell = _set(1, "workshop_ref", "w-nowhere")
    with (tmp_path / "c" / "toy_register.csv").open(encoding="utf-8") as f:
        rows = _set_cell(list(csv.reader(f)))
    with (tmp_path / "c" / "toy_register.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    third = store_with_table()
    with pytest.raises(errors.ImportBadValue) as info:
        exchange.import_partnership(third, tmp_path / "c")
    assert "toy_register" in info.value.message("en")
    assert counts(third) == (0, 0)
    # a partnership file written before the table existed still imports
    (tmp_path / "c" / "toy_register.csv").unlink()
    assert exchange.import_partnership(third, tmp_path / "c").rows().owned[
        "toy_register"] == []


def test_a_partnership_file_read_as_one_workshops_says_what_it_is(store, tmp_path):
    partnership = two_workshops(kit.open_store("sqlite://"))
    for name in ("p.xlsx", "p"):
        path = exchange.export_partnership(partnership, tmp_path / name)
        with pytest.raises(errors.ImportPartnershipFile) as info:
            kit.import_workshop(path, store)
        assert name in info.value.message("en") and "samarbejde" in info.value.message("da")
    assert counts(store) == (0, 0)


def test_a_public_code_held_here_is_replaced_and_the_copy_is_its_own(store):
    """A copy of a partnership under other ids (a second import of an edited file) gets a
    public code of its own: the first one's posters keep opening the first one."""
    import dataclasses

    first = two_workshops(store)
    rows = first.rows()
    renamed = tuple({sheet: [{**r, "id": r["id"] + "-kopi"} if sheet == "workshop" else r
                             for r in found] for sheet, found in w.items()}
                    for w in rows.workshops)
    copy = store.import_partnership(dataclasses.replace(
        rows, partnership={**rows.partnership, "id": "s-kopi"}, workshops=renamed))
    assert copy.public_code != first.public_code and len(copy.public_code) == 12
    assert store.public_page_workshop(first.public_code).id == "w-bakkeby-2027"
    assert store.public_page_workshop(copy.public_code).id == "w-bakkeby-2027-kopi"
    assert [w.partnership_id for w in copy.workshops()] == ["s-kopi", "s-kopi"]
