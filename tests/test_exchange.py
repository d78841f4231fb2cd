"""The exchange format: lossless round trips; bad files name the place and write nothing."""

from __future__ import annotations

import csv
import shutil
import string
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit import errors, exchange
from kit.model import Category, Prompt, Sector

from helpers import SAMPLE, edited_copy, set_cell


def read_dir(path):
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def workshops_in(store):
    return len(store.workshops())


def test_csv_round_trip_is_byte_identical(store, tmp_path):
    w = kit.import_workshop(SAMPLE, store)
    kit.export_workshop(w, tmp_path / "a")
    again = kit.import_workshop(tmp_path / "a", kit.open_store("sqlite://"))
    kit.export_workshop(again, tmp_path / "b")
    assert read_dir(tmp_path / "a") == read_dir(tmp_path / "b")
    assert read_dir(tmp_path / "a") == read_dir(SAMPLE)


def test_xlsx_round_trip_keeps_every_value(store, tmp_path):
    w = kit.import_workshop(SAMPLE, store)
    kit.export_workshop(w, tmp_path / "a.xlsx")
    other = kit.open_store("sqlite://")
    again = kit.import_workshop(tmp_path / "a.xlsx", other)
    kit.export_workshop(again, tmp_path / "b.xlsx")
    assert exchange.read(tmp_path / "a.xlsx") == exchange.read(tmp_path / "b.xlsx")
    assert exchange.read(tmp_path / "a.xlsx") == exchange.read(SAMPLE)


def test_formula_like_names_stay_text_in_xlsx(store, tmp_path):
    w = store.create_workshop("Velkomst", "Aarhus")
    w.join('=HYPERLINK("http://x","klik")', "kommune")
    kit.export_workshop(w, tmp_path / "w.xlsx")
    from openpyxl import load_workbook

    cell = load_workbook(tmp_path / "w.xlsx")["participants"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_importing_the_same_workshop_twice_is_refused(store):
    kit.import_workshop(SAMPLE, store)
    with pytest.raises(errors.WorkshopExists):
        kit.import_workshop(SAMPLE, store)
    assert workshops_in(store) == 1


def _broken_copy(tmp_path, sheet, edit):
    return edited_copy(SAMPLE, tmp_path / "broken", sheet, edit)


_set = set_cell


@pytest.mark.parametrize("sheet,edit,error,where", [
    ("votes", lambda rows: None, errors.ImportMissingSheet, ["votes"]),
    ("participants", lambda rows: [r[:2] + r[3:] for r in rows], errors.ImportMissingColumn,
     ["participants", "sector"]),
    ("cards", _set(3, "start_week", "tre"), errors.ImportBadValue, ["cards", "4", "start_week"]),
    ("cards", _set(2, "end_week", "40"), errors.ImportBadValue, ["cards", "3", "end_week"]),
    ("participants", _set(5, "sector", "borger"), errors.ImportBadValue,
     ["participants", "6", "sector"]),
    ("ideas", _set(7, "participant_id", "p99"), errors.ImportBadValue,
     ["ideas", "8", "participant_id"]),
    ("ideas", _set(2, "text", "x" * 300), errors.ImportBadValue, ["ideas", "3", "text"]),
    ("themes", _set(1, "selected", "måske"), errors.ImportBadValue, ["themes", "2", "selected"]),
    ("votes", _set(1, "dots", "-1"), errors.ImportBadValue, ["votes", "2", "dots"]),
    ("participants", _set(2, "id", "p01"), errors.ImportBadValue, ["participants", "3", "id"]),
])
def test_bad_files_name_sheet_row_column_and_write_nothing(store, tmp_path, sheet, edit,
                                                           error, where):
    with pytest.raises(error) as info:
        kit.import_workshop(_broken_copy(tmp_path, sheet, edit), store)
    for part in where:
        assert part in info.value.message("da") and part in info.value.message("en")
    assert workshops_in(store) == 0


def test_wrong_files_are_refused(store, tmp_path):
    (tmp_path / "notes.txt").write_text("hej")
    (tmp_path / "fake.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    for path in (tmp_path / "notes.txt", tmp_path / "fake.xlsx", tmp_path / "missing.xlsx"):
        with pytest.raises(errors.ImportBadFile):
            kit.import_workshop(path, store)
    (tmp_path / "latin1").mkdir()
    (tmp_path / "latin1" / "workshop.csv").write_bytes("id,title\nw,Sø\n".encode("latin-1"))
    with pytest.raises(errors.ImportFailed):
        kit.import_workshop(tmp_path / "latin1", store)
    assert workshops_in(store) == 0


# -- the steps' settings the workshop sheet carries (issue 26) ----------------------------------
def test_the_workshop_sheets_settings_land_in_the_steps_tables_and_older_files_import(
        store, tmp_path):
    """The check's answers, the day's purpose, place and hours and the reason for the choice
    ride in the `workshop` sheet as ever; imported, they are the steps' rows (and the live
    state, which no file carries, starts at its defaults). A file from before those columns
    (schema 0013: none of them) imports with them empty, and exports as today's format."""
    w = kit.import_workshop(SAMPLE, store)
    assert w.prepare.check_answers()["room_to_try"] == "unsure"
    assert w.invites.details().place == "Bakkeby Rådhus, mødesal 2"
    assert w.voting.choice_reason() == ""
    state = w.state()
    assert (state.voting_open, state.dots_per_participant, state.groups_confirmed,
            state.review_open) == (False, 3, False, False)
    for table, n in (("prepare_settings", 1), ("invitation_details", 1),
                     ("voting_settings", 0), ("group_settings", 0)):
        assert store.db.read(f"SELECT COUNT(*) AS n FROM {table} WHERE workshop_id = :w",
                             {"w": w.id}) == [{"n": n}], table

    old = tmp_path / "old"
    shutil.copytree(SAMPLE, old)
    with (old / "workshop.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    dropped = ("check_answers", "choice_reason", "purpose", "place", "hours")
    with (old / "workshop.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, [c for c in rows[0] if c not in dropped])
        writer.writeheader()
        writer.writerows([{k: v for k, v in r.items() if k not in dropped} for r in rows])
    other = kit.open_store("sqlite://")
    again = kit.import_workshop(old, other)
    assert again.prepare.check_answers() == {} and again.invites.details().purpose == ""
    assert other.db.read("SELECT COUNT(*) AS n FROM invitation_details") == [{"n": 0}]
    again.voting.set_choice_reason("Sprog først")    # and the steps' rows are made as set
    kit.export_workshop(again, tmp_path / "new")
    with (tmp_path / "new" / "workshop.csv").open(encoding="utf-8", newline="") as f:
        head = next(csv.DictReader(f))
    assert (head["choice_reason"], head["purpose"], head["check_answers"]) == (
        "Sprog først", "", "")


# -- files written before a column was renamed ------------------------------------------------
OLD_ACTORS = Path(__file__).with_name("data") / "actors-before-0007.csv"
"""`actors.csv` of the sample workshops as the kit wrote it until `actors.notes` became
`actors.remarks` (schema 0007); the other sheets of those files are unchanged."""


def _as_before_0007(sample, target):
    shutil.copytree(sample, target)
    shutil.copy(OLD_ACTORS, target / "actors.csv")
    return target


@pytest.mark.parametrize("sample", [SAMPLE, SAMPLE.parent / "workshop-2027"],
                         ids=["workshop", "workshop-2027"])
def test_the_sample_files_as_written_before_the_rename_still_import(tmp_path, sample):
    old = _as_before_0007(sample, tmp_path / "old")
    assert "notes" in (old / "actors.csv").read_text("utf-8").splitlines()[0].split(",")
    w = kit.import_workshop(old, kit.open_store("sqlite://"))
    kit.export_workshop(w, tmp_path / "new")
    assert read_dir(tmp_path / "new") == read_dir(sample)   # today's names, nothing lost


def test_an_old_notes_column_is_read_as_remarks_from_csv_and_xlsx(tmp_path):
    from openpyxl import load_workbook

    old = _as_before_0007(SAMPLE, tmp_path / "old")
    with (old / "actors.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("notes")] = "Fredagsbøn\nhver uge"
    with (old / "actors.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    w = kit.import_workshop(old, kit.open_store("sqlite://"))
    remarks = {a.id: a.remarks for a in w.prepare.actors()}
    assert remarks[rows[1][0]] == "Fredagsbøn\nhver uge"
    assert list(w.frames()["actors"].columns) == ["id", "name", "kind", "sector", "contact",
                                                  "remarks", "listed", "refugee_background",
                                                  "parent_id"]

    # a hand-made workbook in the old style: the same header renamed back
    kit.export_workshop(w, tmp_path / "new.xlsx")
    wb = load_workbook(tmp_path / "new.xlsx")
    header = [c.value for c in wb["actors"][1]]
    wb["actors"].cell(row=1, column=header.index("remarks") + 1, value="notes")
    wb.save(tmp_path / "old.xlsx")
    assert exchange.read(tmp_path / "old.xlsx") == exchange.read(tmp_path / "new.xlsx")
    again = kit.import_workshop(tmp_path / "old.xlsx", kit.open_store("sqlite://"))
    assert {a.id: a.remarks for a in again.prepare.actors()} == remarks

    # a file with both names: today's column counts, the old one is an extra column
    both = exchange.read_table("a.csv", b"name,kind,sector,notes,remarks\nX,y,kommune,gammel,ny"
, "actors", ("name", "kind", "sector"))
    assert both[0]["remarks"] == "ny"
    wb["actors"].insert_cols(len(header) + 1)
    wb["actors"].cell(row=1, column=len(header) + 1, value="remarks")
    wb.save(tmp_path / "both.xlsx")
    assert exchange.read(tmp_path / "both.xlsx")["actors"][0]["remarks"] == ""


# -- property: export → import → export is identical for generated workshops ----------------
# Format characters (Cf) are stripped or refused on the way in (issue 19), so the store never
# holds any and nothing exported has them.
_text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"),
                                       blacklist_characters="\ufffe\uffff"),
                min_size=1, max_size=40).map(
    # the store keeps text as NFC, so anything it exports is NFC too
    lambda s: unicodedata.normalize("NFC", " ".join(s.split()))).filter(bool)
_ids = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)


@st.composite
def workshops(draw):
    pids = draw(st.lists(_ids, min_size=1, max_size=6, unique=True))
    tids = draw(st.lists(_ids, min_size=0, max_size=4, unique=True))
    sectors = st.sampled_from([s.value for s in Sector])
    participants = [{"id": p, "name": draw(_text), "sector": draw(sectors),
                     "organisation": draw(st.one_of(st.just(""), _text)),
                     "language": draw(st.sampled_from(["da", "en", "uk", "ar"])),
                     "volunteer": draw(st.booleans())} for p in pids]
    themes = [{"id": t, "label": draw(_text), "selected": draw(st.booleans()),
               "needs": draw(st.one_of(st.just(""), _text)), "use_each_other": "", "team": "",
               "chosen": draw(st.booleans())} for t in tids]
    ideas = [{"id": f"i{n}", "participant_id": draw(st.sampled_from(pids)),
              "prompt": draw(st.sampled_from(list(Prompt))).value, "text": draw(_text),
              "theme_id": draw(st.one_of(st.none(), st.sampled_from(tids))) if tids else None}
             for n in range(draw(st.integers(0, 5)))]
    cards = []
    for n in range(draw(st.integers(0, 4))):
        a = draw(st.integers(-8, 26))
        cards.append({"id": f"c{n}", "title": draw(_text), "owner": draw(_text),
                      "sector": draw(st.sampled_from(list(Sector))).value,
                      "category": draw(st.sampled_from(list(Category))).value,
                      "start_week": a, "end_week": draw(st.integers(a, 26)),
                      "retired": draw(st.booleans()), "carried": draw(st.booleans())})
    votes = [{"participant_id": p, "theme_id": t, "dots": draw(st.integers(1, 5))}
             for p in pids for t in tids if draw(st.booleans())]
    actors = []
    for n in range(draw(st.integers(0, 3))):
        # former refugees who volunteer are civil society (issue 27)
        refugee = draw(st.booleans())
        actors.append({"id": f"a{n}", "name": draw(_text), "kind": draw(_text),
                       "sector": "civilsamfund" if refugee else draw(sectors), "contact": "",
                       "remarks": draw(st.one_of(st.just(""), _text)),
                       "listed": draw(st.booleans()), "refugee_background": refugee})
    groups, memberships, invitations, actions = [], [], [], []
    for n, theme in enumerate(tids[:2]):
        gid = f"g{n}"
        members = draw(st.lists(st.sampled_from(pids), unique=True, max_size=3))
        groups.append({"id": gid, "theme_id": theme, "name": draw(_text),
                       "coordinator_id": members[0] if members else None,
                       "purpose": draw(_text), "tasks": "", "mandate": draw(_text),
                       "meeting_frequency": "", "status": draw(st.sampled_from(
                           ["active", "running", "closed"])),
                       "composition": draw(st.one_of(st.just(""), _text)),
                       "first_meeting": "", "carried": False,
                       "first_meeting_date": draw(st.sampled_from(["", "2027-01-19"])),
                       "first_meeting_time": draw(st.sampled_from(["", "09:30", "17:00"])),
                       "first_meeting_place": draw(st.one_of(st.just(""), _text))})
        memberships += [{"group_id": gid, "participant_id": p,
                         "role": "coordinator" if k == 0 else "member"}
                        for k, p in enumerate(members)]
        invitations += [{"group_id": gid, "actor_id": a["id"]} for a in actors
                        if draw(st.booleans())]
        actions += [{"id": f"x{n}", "group_id": gid, "title": draw(_text), "owner": "",
                     "due": draw(st.one_of(st.none(), st.just("2027-01-31"))),
                     "status": draw(st.sampled_from(["open", "doing", "done"]))}]
    if draw(st.booleans()):  # a group carried over from the workshop before: no theme here
        groups.append({"id": "g9", "theme_id": None, "name": draw(_text),
                       "coordinator_id": None, "purpose": draw(_text), "tasks": "",
                       "mandate": "", "meeting_frequency": "", "status": "running",
                       "composition": "", "first_meeting": "", "carried": True})
    prefs = [{"participant_id": p, "theme_id": t, "rank": draw(st.integers(0, 3))}
             for p in pids for t in tids if draw(st.booleans())]
    return {
        "workshop": [{"id": draw(_ids), "title": draw(_text), "municipality": draw(_text),
                      "date": "2026-11-23", "language": "da", "phase": "ideas",
                      "code": "ABCDEF", "status": "open",
                      "public_code": draw(st.text("ABCDEFGHJKMNPQRSTUVWXYZ23456789",
                                                  min_size=12, max_size=12))}],
        "participants": participants, "actors": actors, "cards": cards, "ideas": ideas,
        "themes": themes, "votes": votes, "preferences": prefs, "groups": groups,
        "memberships": memberships, "actions": actions, "invitations": invitations,
        **draw(ground_rules_and_needs(pids, [c["id"] for c in cards]))}


@st.composite
def ground_rules_and_needs(draw, pids, card_ids):
    """The sheets of issue 21: tasks, the room's votes on them, house rules, needs answers."""
    divisions = st.sampled_from(["frivillige", "fagperson", "sammen", "uden_kommune"])
    tasks = [{"id": f"r{n}", "title": draw(_text),
              "category": draw(st.one_of(st.none(), st.sampled_from(list(Category)).map(
                  lambda c: c.value))),
              "card_id": draw(st.one_of(st.none(), st.sampled_from(card_ids)))
              if card_ids else None,
              "settled": draw(st.one_of(st.just(""), divisions))}
             for n in range(draw(st.integers(0, 3)))]
    votes = [{"participant_id": p, "task_id": x["id"], "division": draw(divisions)}
             for p in pids for x in tasks if draw(st.booleans())]
    rules = [{"id": f"h{n}", "kind": draw(st.sampled_from(
        ["kontaktpunkt", "fortrolighed", "videregivelse", "andet"])), "text": draw(_text),
              "agreed": draw(st.booleans())} for n in range(draw(st.integers(0, 2)))]
    answers = [{"id": f"n{n}", "response": f"s{n % 2}", "round": "2026-11",
                "question": draw(st.sampled_from(["sværest", "hjælper", "mangler"])),
                "category": draw(st.sampled_from(list(Category))).value if n % 3 else None,
                "text": "" if n % 3 else draw(_text),
                "language": draw(st.sampled_from(["da", "en", "uk", "ar"])),
                "seen": draw(st.booleans())} for n in range(draw(st.integers(0, 4)))]
    return {"rule_tasks": tasks, "rule_votes": votes, "house_rules": rules,
            "need_answers": answers}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=workshops(), fmt=st.sampled_from(["csv", "xlsx"]))
def test_round_trip_property(tmp_path_factory, rows, fmt):
    base = tmp_path_factory.mktemp("rt")
    first = base / ("a.xlsx" if fmt == "xlsx" else "a")
    exchange.write(rows, first)
    w = kit.import_workshop(first, kit.open_store("sqlite://"))
    second = base / ("b.xlsx" if fmt == "xlsx" else "b")
    kit.export_workshop(w, second)
    assert exchange.read(first) == exchange.read(second)
    if fmt == "csv":
        assert read_dir(first) == read_dir(second)


def test_the_sheets_keep_the_formats_order():
    """Gathered from the registry, the sheets come in the order files have always had."""
    assert list(exchange.SHEETS) == [
        "workshop", "participants", "actors", "cards", "need_answers", "ideas", "themes",
        "votes", "preferences", "groups", "memberships", "actions", "invitations",
        "rule_tasks", "rule_votes", "house_rules", "fora", "forum_members", "translations"]
