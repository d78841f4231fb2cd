"""The forum meeting screen of the facilitator app's follow-up, without a browser: plan a
meeting, record who came, minutes, a decision and two actions, plan the next one and see its
agenda list the open actions; mark one done; warnings; bad input; the Word documents."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re

import pytest

import kit
from kit.model import Phase
from kit.ui.facilitator import FacilitatorApp

from helpers import SAMPLE

URL = "http://192.0.2.10:8866/"


def links(html: str) -> dict[str, bytes]:
    return {name: base64.b64decode(data) for name, data in
            re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', html)}


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture
def screen(store):
    fac = FacilitatorApp(store, URL)
    w = kit.import_workshop(SAMPLE, store)
    fac.open(w.id)
    fac.set_phase(Phase.FOLLOW_UP)
    m = fac.panel("follow_up").meetings
    return fac, fac.workshop, m


def test_a_forum_meeting_is_planned_recorded_and_followed_up(screen):
    fac, w, m = screen
    days = iter([dt.date(2027, 1, 20)])
    m.today = lambda: next(days, dt.date(2027, 2, 4))   # before the meeting, then after
    m.pick.value = "f1"
    forum = w.follow_up.forum("f1")
    assert m.pick.options[0] == ("Koordineringsforum Bakkeby", "f1")
    assert "Intet møde er planlagt" in m.next.value
    assert m.record.layout.display == "none"             # nothing held, nothing to record

    m.date.value, m.start.value, m.end.value = dt.date(2027, 2, 3), "10", "12.00"
    m.place.value, m.added.value = "<b>Rådhuset</b>", "Sommerfest"
    m.plan_button.click()
    first = w.partnership.fora.meetings("f1")[0]
    assert (first.date, first.start_time, first.end_time, first.place) == (
        "2027-02-03", "10:00", "12:00", "<b>Rådhuset</b>")
    # a Wednesday at ten: the gentle working-hours warning; the place is text, not markup
    m.today = lambda: dt.date(2027, 1, 20)
    m.render("da")
    assert "hverdag kl. 10:00" in m.warnings.value
    assert "&lt;b&gt;Rådhuset&lt;/b&gt;" in m.next.value and "<b>Rådhuset" not in m.next.value
    assert "Sommerfest" in m.next.value and "onsdag den 3. februar 2027" in m.next.value

    # the day after: record the meeting
    m.today = lambda: dt.date(2027, 2, 4)
    m.render("da")
    assert m.meeting.value == first.id and m.record.layout.display is None
    names = {t.description: t for t in m.members.children}
    assert len(names) == len(forum.members)
    ticked = next(iter(names.values()))
    ticked.value = True                                    # a member came
    m.guest_name.value, m.guest_org.value, m.guest_role.value = "Fatima", "Sprogcaféen", "frivillig"
    m.guest_sector.value = "flygtning"
    m.guest_add.click()
    came = w.partnership.fora.attendance(first.id)
    assert sorted(a.name for a in came) == sorted(["Fatima", ticked.description.split(" (")[0]])
    assert "Fatima" in m.people_box.children[0].children[0].value
    assert "2 kom" in m.came_head.value
    m.minutes.value = "Vi aftalte sommerfesten."
    m.minutes_save.click()
    m.decision_text.value = "Sommerfesten holdes i juni."
    m.decision_add.click()
    for text, owner, due in (("Book lokale", "Bo", dt.date(2027, 2, 20)),
                             ("Skriv til skolen", "", None)):
        m.action_text.value, m.action_owner.value, m.action_due.value = text, owner, due
        m.action_add.click()
    fora = w.partnership.fora
    assert fora.meeting(first.id).minutes == "Vi aftalte sommerfesten."
    assert [d.text for d in fora.decisions(first.id)] == ["Sommerfesten holdes i juni."]
    assert "Sommerfesten holdes i juni." in m.decisions.value
    assert [a.text for a in fora.actions("f1", open_only=True)] == ["Book lokale",
                                                                   "Skriv til skolen"]
    # unticking takes the member off the list again
    ticked.value = False
    assert [a.name for a in fora.attendance(first.id)] == ["Fatima"]
    ticked.value = True

    # plan the next meeting in the evening: its agenda lists the open actions
    m.date.value, m.start.value, m.end.value = dt.date(2027, 3, 3), "17:00", "19:00"
    m.place.value, m.added.value = "Biblioteket", ""
    m.plan_button.click()
    assert "hverdag" not in m.warnings.value
    assert "Biblioteket" in m.next.value
    agenda = m.next.value
    assert agenda.index("Book lokale") < agenda.index("Skriv til skolen") < agenda.index(
        "Runden om bordet")
    assert "ingen ansvarlig" in agenda and "ingen frist" in agenda
    assert [r for r in m.open_rows.rows] == [a.id for a in fora.actions("f1", open_only=True)]
    m.agenda_button.click()
    files = links(m.agenda_link.value)
    assert list(files) == ["dagsorden-Koordineringsforum-Bakkeby-2027-03-03.docx"]
    text = docx_text(files["dagsorden-Koordineringsforum-Bakkeby-2027-03-03.docx"])
    assert "Sted: Biblioteket" in text and "Tidspunkt: 17:00–19:00" in text
    assert "3. marts 2027" in text and "Book lokale" in text and "Skriv til skolen" in text
    # mark "Book lokale" done: off the open list and off the agenda
    book = next(a for a in fora.actions("f1") if a.text == "Book lokale")
    m.open_rows.rows[book.id].done.click()
    assert fora.actions("f1", open_only=True)[0].text == "Skriv til skolen"
    assert "Book lokale" not in m.next.value and book.id not in m.open_rows.rows
    m.minutes_button.click()
    minutes = docx_text(next(iter(links(m.minutes_link.value).values())))
    assert "Vi aftalte sommerfesten." in minutes and "Fatima" in minutes
    assert "Sommerfesten holdes i juni." in minutes and "Sprogcaféen" in minutes
    # who keeps coming: one meeting held so far
    assert "Fremmøde ved de 1 møder: 2" in m.turnover.value
    # English
    m.render("en")
    assert "Open actions" in m.open_head.value and "Who came" in m.came_head.value


def test_bad_input_gets_a_message_and_changes_nothing(screen):
    fac, w, m = screen
    m.today = lambda: dt.date(2027, 1, 20)
    m.pick.value = "f1"
    m.date.value, m.start.value = dt.date(2027, 2, 3), "kl. fem"
    m.plan_button.click()
    assert "kit-error" in m.message.value and "»Fra kl.«" in m.message.value
    m.date.value, m.start.value = None, "17"
    m.plan_button.click()
    assert "»Dato«" in m.message.value
    assert w.partnership.fora.meetings() == []
    m.date.value, m.start.value, m.end.value = dt.date(2027, 2, 3), "17", "16"
    m.plan_button.click()
    assert "»Til kl.«" in m.message.value and w.partnership.fora.meetings() == []


def test_a_forum_without_a_coordinator_is_warned_about(screen):
    fac, w, m = screen
    lonely = w.follow_up.add_forum("netværksgruppe", "Netværket uden tovholder")
    m.render("da")
    m.pick.value = lonely.id
    assert "ingen tovholder" in m.warnings.value
    m.pick.value = "f1"
    assert "ingen tovholder" not in m.warnings.value
