"""Fora that meet (issue 27): the pure agenda, turnover and warnings on hand-made meetings,
then the store on SQLite and PostgreSQL (a meeting with attendance, minutes, decisions and two
actions; the next meeting's agenda lists the open ones), bad input, rights, and the migration
up and down."""

from __future__ import annotations

import pytest

import kit
from kit import errors
from kit.core.model import Sector
from kit.steps.follow_up import meeting_logic as logic
from kit.steps.follow_up import topics as follow_up_topics
from kit.steps.follow_up.errors import UnknownForum, UnknownMeeting, UnknownMeetingItem
from kit.steps.follow_up.model import Attendee, Forum, ForumAction, ForumKind, Meeting


# -- pure ---------------------------------------------------------------------------------
def meeting(mid: str, date: str, start: str = "", end: str = "", agenda: str = "") -> Meeting:
    return Meeting(mid, "f1", date, start, end, agenda=agenda, created_at=1.0)


def came(mid: str, *people: tuple[str, str]) -> list[Attendee]:
    return [Attendee(f"{mid}-{n}", mid, name, Sector.CIVILSAMFUND, org)
            for n, (name, org) in enumerate(people)]


def test_the_agenda_starts_from_the_standing_items_and_follows_up_earlier_open_actions():
    m1, m3 = meeting("m1", "2027-01-10"), meeting("m3", "2027-03-10")
    m2 = meeting("m2", "2027-02-10", agenda="Sommerfest\n\n  Budget ")
    actions = [ForumAction("a1", "m1", "f1", "Book lokale", "Anna", "2027-02-01"),
               ForumAction("a2", "m1", "f1", "Skriv til skolen", "", ""),
               ForumAction("a3", "m1", "f1", "Lavet", "Bo", "2027-01-20", done=True),
               ForumAction("a4", "m2", "f1", "Efter mødet", "Bo", "2027-01-15")]
    items = logic.agenda(m2, [m3, m2, m1], actions)
    keys = [i.key or i.text for i in items]
    assert keys == ["agenda.approve_agenda", "agenda.approve_minutes", "meeting.agenda_actions",
                    "agenda.round", "agenda.news_kommune", "agenda.status_volunteers",
                    "agenda.groups", "Sommerfest", "Budget", "agenda.any_other",
                    "agenda.next_meeting"]
    follow = items[2]
    # open ones from earlier meetings, the soonest due first; not the done one, not m2's own
    assert [a.id for a in follow.actions] == ["a1", "a2"]
    assert [a.id for a in logic.agenda(m3, [m1, m2, m3], actions)[2].actions] == ["a4", "a1",
                                                                                   "a2"]
    assert logic.agenda(m1, [m1, m2], actions)[2].actions == ()
    assert logic.overdue(actions[0], "2027-02-02") and not logic.overdue(actions[0], "2027-02-01")
    assert not logic.overdue(actions[2], "2030-01-01")   # done
    assert not logic.overdue(actions[1], "2030-01-01")   # no due date
    assert logic.upcoming([m3, m1, m2], "2027-02-10") == m2
    assert logic.upcoming([m1], "2027-02-10") is None
    assert logic.latest_held([m3, m1, m2], "2027-02-10") == m1


def test_turnover_tells_regulars_from_once_and_finds_organisations_that_stopped():
    ms = [meeting(f"m{n}", f"2027-0{n}-01") for n in range(1, 5)]
    attendance = (came("m1", ("Anna", "Røde Kors"), ("Bo", "Kirken"), ("Cai", "Jobcentret"))
                  + came("m2", ("anna ", "Røde  Kors"), ("Bo", "Kirken"), ("Dina", ""))
                  + came("m3", ("Anna", "Røde Kors"), ("Cai", "Jobcentret"))
                  + came("m4", ("Anna", "Røde Kors"), ("Cai", "Jobcentret"), ("Eva", "Skolen")))
    t = logic.turnover(ms, attendance)
    assert t.held == 4 and t.attendance == (3, 3, 2, 3)
    assert t.regulars == ("Anna (Røde Kors)", "Bo (Kirken)", "Cai (Jobcentret)")
    assert t.once == ("Dina", "Eva (Skolen)")
    assert t.stopped == ("Kirken",)          # last came to m2, missed m3 and m4
    assert t.returning == pytest.approx(2 / 3)
    # one missed meeting is not stopping; a planned meeting nobody is recorded at is not held
    t = logic.turnover([*ms[:3], meeting("m9", "2027-09-01")], attendance)
    assert t.held == 3 and t.stopped == () and t.returning == pytest.approx(1.0)
    assert logic.turnover(ms, []) == logic.Turnover(held=0)
    assert logic.turnover(ms[:1], came("m1", ("Anna", "X"))).returning is None


def test_a_forum_without_someone_who_can_decide_gets_a_gentle_warning():
    forum = Forum("f1", ForumKind.KOORDINERINGSFORUM, "KF", members=("participant:a",))
    keys = [f.key for f in logic.forum_warnings(forum, ["civilsamfund"])]
    assert keys == ["meeting.warn_no_coordinator", "meeting.warn_no_municipality"]
    led = Forum("f1", ForumKind.KOORDINERINGSFORUM, "KF", coordinator="participant:a")
    assert logic.forum_warnings(led, ["civilsamfund", "kommune"]) == []
    network = Forum("f2", ForumKind.NETVAERKSGRUPPE, "NG", coordinator="actor:b")
    assert logic.forum_warnings(network, ["civilsamfund"]) == []    # it need not steer


@pytest.mark.parametrize(("date", "start", "end", "warned"), [
    ("2027-03-10", "10:00", "12:00", True),     # a Wednesday morning
    ("2027-03-10", "15:30", "17:00", True),     # still overlaps working hours
    ("2027-03-10", "07:00", "08:00", False),    # before work
    ("2027-03-10", "16:00", "18:00", False),    # after work
    ("2027-03-10", "17:00", "", False),
    ("2027-03-10", "13:00", "", True),          # no end: from 13 is in working hours
    ("2027-03-13", "10:00", "12:00", False),    # a Saturday
    ("2027-03-14", "10:00", "12:00", False),    # a Sunday
    ("2027-03-10", "", "", False),              # no time yet: nothing to say
])
def test_a_meeting_in_weekday_working_hours_is_warned_about(date, start, end, warned):
    m = meeting("m1", date, start, end)
    found = logic.meeting_warnings(m, ["civilsamfund", "kommune"])
    assert bool(found) is warned
    if warned:
        assert found[0].key == "meeting.warn_working_hours" and found[0].params == {"time": start}
    # a forum of municipal staff only meets in their working hours: no warning
    assert logic.meeting_warnings(m, ["kommune", "kommune"]) == []


# -- the store ----------------------------------------------------------------------------
@pytest.fixture
def forum(any_store):
    """A partnership with a workshop and a coordination forum of two members."""
    partnership = any_store.create_partnership("Samarbejdet i Assens", "Assens")
    w = partnership.create_workshop("Velkomst 2027", "2027-01-15")
    anna = w.join("Anna", "kommune", "Jobcentret")
    bo = w.join("Bo", "civilsamfund", "Røde Kors")
    f = w.follow_up.add_forum("koordineringsforum", "Koordineringsforum",
                              members=[f"participant:{anna.id}", f"participant:{bo.id}"],
                              coordinator=f"participant:{anna.id}")
    return any_store, partnership, w, f


def test_a_meeting_is_recorded_and_the_next_agenda_lists_its_open_actions(forum):
    store, partnership, w, f = forum
    fora = w.partnership.fora           # the facilitator's workshop gives the coordinator's
    first = fora.plan_meeting(f.id, "2027-02-03", "17:00", "19.00", "Medborgerhuset",
                              agenda="Sommerfest")
    assert (first.start_time, first.end_time, first.place) == ("17:00", "19:00",
                                                               "Medborgerhuset")
    fora.add_attendee(first.id, "Anna", "kommune", "Jobcentret", "leder")
    fora.add_attendee(first.id, "Bo", Sector.CIVILSAMFUND, "Røde Kors")
    fora.add_attendee(first.id, "Fatima", "flygtning", "", "frivillig")
    fora.set_minutes(first.id, "Vi talte om sommerfesten.\nAlle var enige.")
    fora.add_decision(first.id, "Sommerfesten holdes i juni.")
    one = fora.add_action(first.id, "Book Medborgerhuset", "Bo", "2027-03-01")
    two = fora.add_action(first.id, "Spørg skolen om lokaler", "Anna", "2027-02-20")
    done = fora.add_action(first.id, "Send referatet", "Anna")
    fora.set_action_done(done.id)

    # read back by a handle that does not carry the key: the partnership's own
    reader = store.partnership(partnership.id).fora
    again = reader.meeting(first.id)
    assert again.minutes == "Vi talte om sommerfesten.\nAlle var enige."
    assert again.added_items == ("Sommerfest",)
    assert [(a.name, a.organisation, a.sector, a.role)
            for a in reader.attendance(first.id)] == [
        ("Anna", "Jobcentret", Sector.KOMMUNE, "leder"),
        ("Bo", "Røde Kors", Sector.CIVILSAMFUND, ""),
        ("Fatima", "", Sector.FLYGTNING, "frivillig")]
    assert [d.text for d in reader.decisions(forum_id=f.id)] == ["Sommerfesten holdes i juni."]
    assert [a.text for a in reader.actions(f.id, open_only=True)] == [
        "Spørg skolen om lokaler", "Book Medborgerhuset"]
    assert [a.done for a in reader.actions(f.id) if a.id == done.id] == [True]

    second = fora.plan_meeting(f.id, "2027-03-03", "17:00", "19:00", "Biblioteket")
    items = fora.agenda(second.id)
    follow = next(i for i in items if i.key == "meeting.agenda_actions")
    assert [a.id for a in follow.actions] == [two.id, one.id]
    assert [i.key for i in items][:2] == ["agenda.approve_agenda", "agenda.approve_minutes"]
    fora.set_action_done(two.id)
    follow = next(i for i in fora.agenda(second.id) if i.key == "meeting.agenda_actions")
    assert [a.id for a in follow.actions] == [one.id]
    assert [m.id for m in fora.meetings(f.id)] == [first.id, second.id]
    assert fora.turnover(f.id).held == 1 and fora.turnover(f.id).once == (
        "Anna (Jobcentret)", "Bo (Røde Kors)", "Fatima")

    # a later workshop in the partnership sees the same meetings (keyed by the forum's id)
    later = partnership.create_workshop("Velkomst 2028", "2028-01-15")
    assert [m.id for m in later.partnership.fora.meetings(f.id)] == [first.id, second.id]

    moved = fora.update_meeting(second.id, start_time="18", place="Rådhuset")
    assert (moved.date, moved.start_time, moved.end_time, moved.place) == (
        "2027-03-03", "18:00", "19:00", "Rådhuset")
    fora.delete_meeting(first.id)
    assert fora.attendance(first.id) == [] and fora.actions(f.id) == []
    assert fora.decisions(forum_id=f.id) == []


def test_bad_input_changes_nothing_and_only_the_coordinator_writes(forum):
    store, partnership, w, f = forum
    fora = w.partnership.fora
    m = fora.plan_meeting(f.id, "2027-02-03")
    before = (fora.meetings(), fora.attendance(), fora.actions())
    for call, field in [
        (lambda: fora.plan_meeting(f.id, "3. februar"), "date"),
        (lambda: fora.plan_meeting(f.id, "2027-02-03", "25:00"), "meeting_start"),
        (lambda: fora.plan_meeting(f.id, "2027-02-03", "19:00", "17:00"), "meeting_end"),
        (lambda: fora.plan_meeting(f.id, "2027-02-03", place="x" * 5000), "meeting_place"),
        (lambda: fora.add_attendee(m.id, "", "kommune"), "name"),
        (lambda: fora.add_attendee(m.id, "Ann\u202ea", "kommune"), "name"),
        (lambda: fora.add_attendee(m.id, "Anna", "firma"), None),   # InvalidSector
        (lambda: fora.add_action(m.id, "Gør noget", "Bo", "i morgen"), "meeting_due"),
        (lambda: fora.add_action(m.id, "   ", "Bo"), "text"),
        (lambda: fora.set_minutes(m.id, "\x1b[31m"), "meeting_minutes"),
    ]:
        with pytest.raises(errors.KitError) as caught:
            call()
        assert caught.value.params.get("field") == field, field
        assert caught.value.message("da")          # said in the user's language
    with pytest.raises(UnknownForum):
        fora.plan_meeting("f-nope", "2027-02-03")
    with pytest.raises(UnknownMeeting):
        fora.add_attendee("m-nope", "Anna", "kommune")
    with pytest.raises(UnknownMeetingItem):
        fora.set_action_done("x-nope")
    # markup is kept as text, to be escaped where shown
    a = fora.add_attendee(m.id, "<b>Anna</b>", "kommune", "=HYPERLINK(1)")
    assert a.name == "<b>Anna</b>"
    fora.remove_attendee(a.id)
    assert (fora.meetings(), fora.attendance(), fora.actions()) == before

    reader = store.partnership(partnership.id).fora      # no key
    with pytest.raises(errors.CoordinatorOnly):
        reader.add_attendee(m.id, "Anna", "kommune")
    participant = store.workshop(w.code)                  # a participant's handle
    with pytest.raises(errors.CoordinatorOnly):
        participant.partnership.fora.plan_meeting(f.id, "2027-02-03")
    partnership.archive()
    with pytest.raises(errors.PartnershipArchived):
        fora.add_decision(m.id, "Noget")
    partnership.unarchive()
    assert fora.add_decision(m.id, "Noget").text == "Noget"


def test_a_write_tells_every_workshop_of_the_partnership_that_its_fora_changed(forum):

    _, partnership, w, f = forum
    other = partnership.create_workshop("Næste år", "2028-01-15")
    revisions = (w.revision(), other.revision())
    w.partnership.fora.plan_meeting(f.id, "2027-02-03")
    assert follow_up_topics.FORA in w.changes_since(revisions[0]).topics
    assert follow_up_topics.FORA in other.changes_since(revisions[1]).topics


def test_a_closed_workshop_leaves_its_fora_meeting(forum):
    """Closing the day ends the day, not the collaboration: the forum keeps meeting."""
    _, partnership, w, f = forum
    w.close()
    m = w.partnership.fora.plan_meeting(f.id, "2027-05-05", "17:00", "19:00", "Biblioteket")
    w.partnership.fora.add_attendee(m.id, "Anna", "kommune", "Jobcentret")
    assert [a.name for a in partnership.fora.attendance(forum_id=f.id)] == ["Anna"]


def test_purging_the_partnership_removes_its_meetings(store):
    partnership = store.create_partnership("Kort", "Faaborg")
    w = partnership.create_workshop("Eneste", "2027-01-01")
    f = w.follow_up.add_forum("netværksgruppe", "Netværket")
    m = w.partnership.fora.plan_meeting(f.id, "2027-02-01")
    w.partnership.fora.add_action(m.id, "Noget", "Bo")
    store.purge_partnership(partnership.id)
    for table in ("forum_meetings", "forum_actions"):
        assert store.db.read(f"SELECT * FROM {table}") == []


# -- the migration ------------------------------------------------------------------------
@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.sqlite'}"
    return request.getfixturevalue("pg_url")


def test_the_meeting_tables_migrate_up_and_down_with_the_data_intact(db_url):
    import sqlalchemy as sa
    from test_migrations import _downgrade

    from kit.core import migrate
    from kit.core.db import SCHEMA_REVISION, Database

    db = Database(db_url)
    migrate.upgrade(db, "0015")
    assert db.schema_revision() == "0015"
    db.close()
    store = kit.open_store(db_url)                      # up to the head
    assert store.db.schema_revision() == SCHEMA_REVISION  # through 0016c
    partnership = store.create_partnership("Samarbejdet", "Assens")
    w = partnership.create_workshop("Velkomst", "2027-01-15")
    f = w.follow_up.add_forum("koordineringsforum", "KF")
    m = w.partnership.fora.plan_meeting(f.id, "2027-02-03", "17:00", "19:00", "Biblioteket")
    w.partnership.fora.add_action(m.id, "Book lokale", "Bo", "2027-03-01")
    store.close()

    db = _downgrade(db_url, "0015")
    assert db.schema_revision() == "0015"
    assert db.read("SELECT name FROM fora") == [{"name": "KF"}]
    engine = migrate.engine_for(db)
    tables = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    assert "fora" in tables and tables.isdisjoint(
        {"forum_meetings", "meeting_attendance", "meeting_decisions", "forum_actions"})
    db.close()
    again = kit.open_store(db_url)                      # and up again: empty, working
    assert again.partnership(partnership.id).fora.meetings() == []
    again.close()


# -- the documents ------------------------------------------------------------------------
def docx_text(data: bytes) -> str:
    import io

    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_agenda_prints_the_planned_meeting_and_its_open_actions_no_blanks(sample):
    import datetime as dt

    from kit.reports._missing import collecting
    from kit.steps.follow_up.meeting_report import minutes_document
    from kit.steps.follow_up.report import agenda_document

    fora = sample.partnership.fora
    soon = dt.date.today() + dt.timedelta(days=20)
    held = fora.plan_meeting("f1", dt.date.today() - dt.timedelta(days=10), "17:00",
                             "19:00", "Biblioteket")
    fora.add_attendee(held.id, "Fatima", "flygtning", "Sprogcaféen")
    fora.set_minutes(held.id, "Vi talte om lokaler.")
    fora.add_action(held.id, "Book lokale", "Bo", soon - dt.timedelta(days=5))
    fora.add_action(held.id, "Skriv til skolen", "Anna")
    coming = fora.plan_meeting("f1", soon, "17:30", "19:30", "Rådhuset, lokale 1.12",
                               agenda="Sommerfest")
    with collecting() as missing:
        # no date asked for: the forum's next meeting, as `kit report` writes it
        text = docx_text(agenda_document(sample, "f1", "", "da"))
    assert "Tidspunkt: 17:30–19:30" in text and "Sted: Rådhuset, lokale 1.12" in text
    assert f"Dato: {soon.day}. " in text
    forum = sample.follow_up.forum("f1").name
    assert {f"{forum}: dato", f"{forum}: tidspunkt", f"{forum}: sted"}.isdisjoint(missing)
    assert "Næste møde: dato" in missing          # none planned after it: still asked for
    assert "Book lokale" in text and "Skriv til skolen" in text and "Sommerfest" in text
    assert "Opfølgning på opgaver fra tidligere møder" in text
    # the held meeting's agenda (asked for by its id) follows up nothing earlier, and names
    # the next meeting's date and place
    earlier = docx_text(agenda_document(sample, "f1", "", "da", meeting_id=held.id))
    assert "Ingen åbne opgaver." in earlier and "Rådhuset, lokale 1.12" in earlier
    assert "Sommerfest" not in earlier
    minutes = docx_text(minutes_document(sample, held.id, "da"))
    assert "Vi talte om lokaler." in minutes and "Fatima" in minutes and "Book lokale" in minutes
    assert coming.id != held.id
    # the report says it in totals, naming no one who came
    from kit.steps.follow_up.report import section

    texts = [b.text for b in section(sample, "da")]
    line = next(x for x in texts if x.startswith("– Møder holdt"))
    assert line.startswith("– Møder holdt: 1 (fremmøde 1); åbne opgaver: 2; næste møde: ")
    assert str(soon.year) in line and not any("Fatima" in x for x in texts)
