"""Issue 27 in Chromium: the forum meeting screen of the facilitator app's follow-up at
1440×900 (and 1280×800), as a coordinator uses it after two meetings held and one planned:
the agenda of the next meeting with the open actions, the gentle warnings, who keeps coming;
the minutes typed and saved in the browser, an action marked done with its button. No label
is cut off and nothing scrolls sideways (screenshots to look at: `KIT_SCREENS_DIR`)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_browser_console import CLIPPED_JS

import kit

from helpers import SAMPLE

pytestmark = pytest.mark.browser

LOAD_MS = 60_000
FOLLOW_MS = 20_000


def _weekday_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _meetings(w) -> dict[str, str]:
    """Two meetings held (a month apart, before today) and one planned on a weekday
    afternoon, with attendance, minutes, decisions and actions; their ids."""
    fora = w.partnership.fora
    today = dt.date.today()
    first = fora.plan_meeting("f1", _weekday_after(today - dt.timedelta(days=70), 1),
                              "17:00", "19:00", "Biblioteket, mødelokale 2")
    second = fora.plan_meeting("f1", _weekday_after(today - dt.timedelta(days=35), 1),
                               "17:00", "19:00", "Medborgerhuset")
    coming = fora.plan_meeting("f1", _weekday_after(today + dt.timedelta(days=10), 2),
                               "14:00", "16:00", "Rådhuset, lokale 1.12",
                               agenda="Sommerfesten i Bakkeby\nNye frivillige i lektiecaféen")
    members = {p.name: p for p in w.participants()}
    for meeting, people in (
            (first, ("Mette Lauridsen", "Karen Møller", "Rania Haddad", "Ole Thomsen")),
            (second, ("Mette Lauridsen", "Karen Møller", "Rania Haddad", "Søren Kjær"))):
        for name in people:
            p = members[name]
            fora.add_attendee(meeting.id, p.name, p.sector, p.organisation)
    fora.add_attendee(second.id, "Jonas Holm", "civilsamfund", "Bakkeby IF", "træner")
    fora.set_minutes(first.id, "Vi gennemgik aftalen og fordelte opgaverne.")
    fora.add_decision(first.id, "Lektiecaféen flytter til biblioteket.")
    fora.add_action(first.id, "Finde lokale til møbellageret", "Karen Møller",
                    today - dt.timedelta(days=5))
    fora.add_action(second.id, "Invitere idrætsforeningen til næste møde", "Jonas Holm",
                    today + dt.timedelta(days=7))
    fora.add_action(second.id, "Oversætte velkomstfolderen til ukrainsk", "")
    return {"first": first.id, "second": second.id, "coming": coming.id}


def test_the_forum_meeting_screen_in_the_console(browser, server, shots):
    store = kit.open_store(server["url"])
    w = kit.import_workshop(SAMPLE, store)
    ids = _meetings(w)
    w.set_phase("follow_up")
    fac = browser.new_page(viewport={"width": 1440, "height": 900}, locale="da-DK")
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    screen = fac.locator(".kit-meetings").first
    screen.wait_for()
    fac.locator(".kit-meeting-next").get_by_text("Nye frivillige i lektiecaféen").wait_for()
    # the screen's top, then what happened at the last meeting, as the coordinator scrolls
    screen.evaluate("e => e.scrollIntoView({block: 'start'})")
    fac.screenshot(path=str(shots / "console-forum-meetings-1440x900.png"))
    record = fac.locator(".kit-meeting-record").first
    record.evaluate("e => e.scrollIntoView({block: 'start'})")
    fac.screenshot(path=str(shots / "console-forum-meetings-record-1440x900.png"))
    text = screen.inner_text()
    # the agenda follows up the open actions; the weekday afternoon is warned about
    assert "Finde lokale til møbellageret" in text and "overskredet" in text
    assert "hverdag kl. 14:00" in text and "Rådhuset, lokale 1.12" in text
    assert "Kom flere gange: Karen Møller (Røde Kors Bakkeby)" in text
    measured = fac.evaluate(CLIPPED_JS)
    assert measured["clipped"] == [] and measured["sideways"] <= 1

    # the minutes of the last meeting, typed and saved in the browser
    minutes = fac.locator(".kit-meeting-minutes textarea").first
    minutes.fill("Idrætsforeningen vil gerne være med.")
    fac.get_by_role("button", name="Gem referatet").click()
    fora = w.partnership.fora
    deadline = dt.datetime.now() + dt.timedelta(milliseconds=FOLLOW_MS)
    while fora.meeting(ids["second"]).minutes != "Idrætsforeningen vil gerne være med.":
        assert dt.datetime.now() < deadline, "the minutes were not saved"
        fac.wait_for_timeout(100)
    # an action marked done leaves the open list (and the agenda)
    row = fac.locator(".kit-meeting-action-row").filter(has_text="Finde lokale til møbellageret")
    row.get_by_role("button", name="Udført").click()
    row.wait_for(state="detached", timeout=FOLLOW_MS)
    fac.wait_for_function(
        "() => !document.querySelector('.kit-meeting-next').innerText"
        ".includes('Finde lokale til møbellageret')", timeout=FOLLOW_MS)
    assert [a.text for a in fora.actions("f1") if a.done] == ["Finde lokale til møbellageret"]
    screen.evaluate("e => e.scrollIntoView({block: 'start'})")
    fac.screenshot(path=str(shots / "console-forum-meetings-after-1440x900.png"))
    fac.close()

    # a smaller laptop: the same screen, nothing cut off
    small = browser.new_page(viewport={"width": 1280, "height": 800}, locale="da-DK")
    small.set_default_timeout(LOAD_MS)
    small.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    small.locator(".kit-meeting-next").get_by_text("Nye frivillige i lektiecaféen").wait_for()
    small.locator(".kit-meetings").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    small.screenshot(path=str(shots / "console-forum-meetings-1280x800.png"))
    small.locator(".kit-meeting-record").first.evaluate(
        "e => e.scrollIntoView({block: 'start'})")
    small.screenshot(path=str(shots / "console-forum-meetings-record-1280x800.png"))
    measured = small.evaluate(CLIPPED_JS)
    assert measured["clipped"] == [] and measured["sideways"] <= 1
    small.close()


def test_a_forum_deleted_in_the_forum_form_leaves_the_meetings_picker_at_once(
        browser, server, shots):
    """Issue 29: during the 12 s of "Fortryd" a deleted forum was gone from the forum form
    but still offered in the meetings' forum picker; now it leaves both, and comes back to
    both with "Fortryd"."""
    store = kit.open_store(server["url"])
    w = store.create_workshop("Fora til sletning", "Aarhus")   # beside the sample's
    w.set_phase("follow_up")
    w.follow_up.add_forum("koordineringsforum", "Koordineringsforum Nord")
    forum = w.follow_up.add_forum("netværksgruppe", "Netværket der slettes")
    fac = browser.new_page(viewport={"width": 1440, "height": 900}, locale="da-DK")
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    # (ipywidgets writes an option's spaces as no-break spaces)
    offered = ("(name) => [...document.querySelectorAll('.kit-meeting-forum select option')]"
               ".some(o => o.textContent.replace(/\\u00a0/g, ' ') === name)")
    fac.wait_for_function(offered, arg=forum.name)
    fac.locator(".kit-forum-pick select").select_option(label=forum.name.replace(" ", "\xa0"))
    fac.get_by_role("button", name="Slet forummet").click()
    fac.get_by_role("button", name="Fortryd").wait_for()
    fac.wait_for_function(f"(name) => !({offered})(name)", arg=forum.name,
                          timeout=FOLLOW_MS)
    assert forum.id in {f.id for f in w.follow_up.fora()}   # the store waits for the toast
    fac.locator(".kit-meetings").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    fac.screenshot(path=str(shots / "console-forum-deleted-meetings-1440x900.png"))
    fac.get_by_role("button", name="Fortryd").click()
    fac.wait_for_function(offered, arg=forum.name, timeout=FOLLOW_MS)
    fac.close()
