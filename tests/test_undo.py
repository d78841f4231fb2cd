"""Issue 29 item 2, without a browser: every delete in the console and on the phone waits
beside "Fortryd" (`kit.ui.undo.UndoToast`, one implementation) — gone from the screen at once,
still stored until the toast times out, brought back by "Fortryd", stored once the time is up.
The tests shorten the wait and wait for conditions, never for a fixed time; they run on an
event loop, as the kernel does, so the stored delete runs on the test's own thread (a timer
thread writing to the in-memory store while the test reads it could crash SQLite)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from test_phone_states import URL, joined

from kit.i18n import t
from kit.model import Phase
from kit.ui.facilitator import FacilitatorApp
from kit.ui.undo import UndoToast, gist

SHORT = 0.3   # seconds: the toast's wait once a test lets the time run out
LONG = 600.0  # seconds: "still waiting" for as long as a test looks


async def _until(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    return condition()


def three_ways(*args: object, **kwargs: object) -> None:
    asyncio.run(_three_ways(*args, **kwargs))  # type: ignore[arg-type]


async def _three_ways(toast: UndoToast, delete: Callable[[], None], shown: Callable[[], bool],
               stored: Callable[[], bool], name: str = "", undo: str = "Fortryd") -> None:
    """Delete → hidden but stored, toast with the name and `undo`; Fortryd → back; delete
    again and let the time run out → gone from the store and the screen, toast away."""
    assert shown() and stored()
    toast.seconds = LONG
    delete()
    assert not shown() and stored()
    assert toast.root.layout.display is None and toast.undo.description == undo
    assert name in toast.text.value
    toast.undo.click()
    assert shown() and stored() and toast.root.layout.display == "none"
    toast.seconds = SHORT
    delete()
    assert not shown()
    assert await _until(lambda: not stored())
    assert await _until(lambda: toast.root.layout.display == "none" and not toast.hidden)
    assert not shown()


def test_the_toast_stores_after_its_time_and_an_undone_delete_never(store):
    asyncio.run(_stores_after_its_time())


async def _stores_after_its_time() -> None:
    done: list[str] = []
    redraws: list[int] = []
    toast = UndoToast(after=lambda: redraws.append(1), seconds=LONG)
    toast.delete("a", "Anna", lambda: done.append("a"), "en")
    assert toast.hidden == {"a"} and done == [] and "Deleted: Anna" in toast.text.value
    assert toast.undo.description == "Undo" and redraws
    toast.seconds = SHORT
    toast.cancel()                       # undone: its timer, when it fires, does nothing
    toast.delete("a", "Anna", lambda: done.append("again"), "da")
    toast.delete("b", "Bo", lambda: done.append("b"), "da")    # the next delete stores "a"
    assert done == ["again"] and toast.hidden == {"b"} and toast.pending == "b"
    assert await _until(lambda: done == ["again", "b"])
    assert toast.hidden == set() and toast.stored == {"a", "b"}
    assert toast.removed_elsewhere({"a", "b", "c"}, set()) == {"c"}


def test_a_failed_delete_is_said_and_not_counted_as_stored(store):
    from kit.steps.ideas.errors import UnknownIdea

    said: list[str] = []

    def gone() -> None:
        raise UnknownIdea()

    toast = UndoToast(after=lambda: None, seconds=LONG,
                      failed=lambda exc: said.append(exc.message("uk")))
    toast.delete("x", "", gone, "uk")
    toast.commit()
    assert said and "x" not in toast.stored and toast.hidden == set()


def test_gist_keeps_one_short_line():
    assert gist("  Vi  mangler\ntolke  ") == "Vi mangler tolke"
    long = gist("x" * 500)
    assert len(long) == 60 and long.endswith("…")


def test_a_needs_answer_can_be_undone(sample):
    app = FacilitatorApp(sample.store, URL)
    app.open(sample.id)
    sample.needs.answer({}, {"mangler": "En læge der taler arabisk"}, "ar")
    app.set_phase("needs")
    tools = app.panel("needs").tools
    answer = next(a for a in sample.needs.texts() if a.text == "En læge der taler arabisk")
    three_ways(tools.toast, lambda: tools.texts.rows[answer.id].delete.click(),
               lambda: answer.id in tools.texts.rows
               and tools.texts.rows[answer.id].root in tools.text_box.children,
               lambda: answer.id in {a.id for a in sample.needs.texts()},
               "En læge der taler arabisk")


def _follow_up(sample):
    app = FacilitatorApp(sample.store, URL)
    app.open(sample.id)
    app.set_phase(Phase.FOLLOW_UP)
    return app, app.panel(Phase.FOLLOW_UP)


def test_a_forum_can_be_undone(sample):
    forum = sample.follow_up.add_forum("koordineringsforum", "Fortrydforum")
    app, panel = _follow_up(sample)
    org = panel.organisation

    def delete() -> None:
        org.pick.value = forum.id
        org.delete.click()

    three_ways(org.toast, delete, lambda: forum.id in {v for _, v in org.pick.options},
               lambda: forum.id in {f.id for f in sample.follow_up.fora()}, "Fortrydforum")


def test_a_forum_waiting_to_be_deleted_is_not_offered_for_meetings_either(sample):
    """The forum form hid a deleted forum at once, but the meetings tools' forum picker
    still offered it for the toast's 12 seconds; now both leave it out until "Fortryd"."""
    keep = sample.follow_up.add_forum("koordineringsforum", "Blivforum")
    forum = sample.follow_up.add_forum("koordineringsforum", "Fortrydforum")
    app, panel = _follow_up(sample)
    org, meetings = panel.organisation, panel.meetings

    def offered() -> set[str]:
        return {v for _, v in meetings.pick.options}

    every = offered()
    assert {keep.id, forum.id} <= every
    meetings.pick.value = forum.id
    org.pick.value = forum.id
    org.delete.click()
    assert forum.id in {f.id for f in sample.follow_up.fora()}   # still in the store
    assert offered() == every - {forum.id} and meetings.pick.value != forum.id
    org.toast.undo.click()                                       # "Fortryd": back in both
    assert offered() == every
    assert forum.id in {v for _, v in org.pick.options}
    org.pick.value = forum.id
    org.delete.click()
    org.toast.commit()                                           # the time is up: stored
    assert forum.id not in {f.id for f in sample.follow_up.fora()}
    assert offered() == every - {forum.id}


def test_a_group_and_a_follow_up_action_can_be_undone(sample):
    app = FacilitatorApp(sample.store, URL)
    app.open(sample.id)
    app.set_phase("groups")
    editor = app.panel("groups").group_tools.editor
    group = sample.groups()[0]
    action = sample.groups.add_action(group.id, "Book lokale", "Bo", None, "open")
    app.refresh()

    def delete_action() -> None:
        editor.pick.value = group.id
        editor.action_pick.value = action.id
        editor.action_delete.click()

    three_ways(editor.toast, delete_action,
               lambda: action.id in {v for _, v in editor.action_pick.options},
               lambda: action.id in {x.id for x in sample.groups.actions(group.id)},
               "Book lokale")

    def delete_group() -> None:
        editor.pick.value = group.id
        editor.delete_group.click()

    three_ways(editor.toast, delete_group, lambda: group.id in {v for _, v in
                                                               editor.pick.options},
               lambda: group.id in {g.id for g in sample.groups()}, group.name)


def test_a_guest_taken_off_a_meeting_can_be_undone(sample):
    forum = sample.follow_up.add_forum("koordineringsforum", "Mødeforum")
    fora = sample.partnership.fora
    meeting = fora.plan_meeting(forum.id, "2026-01-10", "17:00", "19:00", "Biblioteket")
    guest = fora.add_attendee(meeting.id, "Jonas Holm", "civilsamfund", "Bakkeby IF", "træner")
    app, panel = _follow_up(sample)
    tools = panel.meetings
    tools.pick.value = forum.id
    tools.meeting.value = meeting.id
    assert guest.id in tools.people.rows, tools.meeting.options
    three_ways(tools.toast, lambda: tools.people.rows[guest.id].remove.click(),
               lambda: guest.id in tools.people.rows
               and tools.people.rows[guest.id].root in tools.people_box.children,
               lambda: guest.id in {a.id for a in fora.attendance(meeting.id)}, "Jonas Holm")


def test_a_participants_own_note_and_card_wait_then_go(store):
    facilitator = FacilitatorApp(store, URL)
    w = facilitator.create("Telefon", "Aarhus")
    phone = joined(store, w.code, "Олена", "flygtning", "uk")
    facilitator.set_phase(Phase.IDEAS)
    phone.live.poll()
    notes = phone.screens["ideas"]
    notes.form.text.value = "Tolk ved lægebesøg"
    assert notes.form.submit()
    phone.live.poll()
    note = w.ideas()[0]
    three_ways(notes.undo, lambda: notes.form.rows.rows[note.id].delete.click(),
               lambda: notes.form.mine.children != (notes.form.none,),
               lambda: bool(w.ideas()), undo=t("common.undo", "uk"))
    assert t("idea.deleted", "uk") in notes.undo.text.value
    phone.live.poll()   # its own delete: no "the facilitator removed" notice
    assert notes.notice.value.endswith("></div>")

    phone.language_picker.value = "ar"
    facilitator.set_phase(Phase.TIMELINE)
    phone.live.poll()
    cards = phone.screens["timeline"]
    cards.form.title.value, cards.form.owner.value = "مقهى اللغة", "الصليب الأحمر"
    assert cards.form.submit()
    phone.live.poll()
    card = w.timeline.cards()[0]
    three_ways(cards.undo, lambda: cards.form.rows.rows[card.id].delete.click(),
               lambda: cards.form.mine.children != (cards.form.none,),
               lambda: bool(w.timeline.cards()), undo=t("common.undo", "ar"))
    assert t("card.deleted", "ar") in cards.undo.text.value
