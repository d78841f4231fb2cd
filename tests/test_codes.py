"""Join codes and personal codes as a guesser on the venue Wi-Fi would try them (issue 19,
items 4 and 6): one message for every wrong code, backoff per page and per address, codes that
end with the workshop, ids that never work as join codes, and a closed workshop's board and
phones that show only that it is closed.
"""

from __future__ import annotations

import pytest

import kit
from kit.core import throttle
from kit.core.errors import UnknownWorkshop, WorkshopClosed
from kit.core.throttle import Backoff, Throttle
from kit.i18n import t
from kit.ui.board import BoardApp
from kit.ui.participant import ParticipantApp

from helpers import SAMPLE


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def join(app, code, name="Anna"):
    app.code_input.value = code
    app.name_input.value = name
    app.sector_input.value = "kommune"
    return app.join()


def phone(store, clock=None, shared=None, client="", **kw):
    app = ParticipantApp(store, throttle=shared, client=client, **kw)
    if clock is not None:
        app.backoff = Backoff(clock=clock)
    return app


def test_a_wrong_join_code_and_a_wrong_personal_code_read_the_same(store):
    w = store.create_workshop("Velkomst", "Aarhus")
    wrong_workshop = phone(store)
    assert not join(wrong_workshop, "QQQQQQ")
    right_workshop = phone(store)
    right_workshop.code_input.value = w.code
    assert not right_workshop.rejoin("ZZZZZZZZ")
    wrong_both = phone(store)
    wrong_both.code_input.value = "QQQQQQ"
    assert not wrong_both.rejoin("ZZZZZZZZ")
    texts = {a.error.value for a in (wrong_workshop, right_workshop, wrong_both)}
    assert texts == {right_workshop.error.value}
    assert t("error.wrong_code", "da") in right_workshop.error.value


def test_wrong_codes_on_one_page_back_off_even_for_a_right_code(store):
    w = store.create_workshop("Velkomst", "Aarhus")
    clock = Clock()
    app = phone(store, clock)
    for _ in range(throttle.FREE_PER_PAGE):
        assert not join(app, "QQQQQQ")
        assert t("error.wrong_code", "da") in app.error.value
    assert not join(app, "QQQQQQ")  # the first one that costs time
    assert not join(app, w.code)      # refused without looking: the page must wait
    assert "sekunder" in app.error.value and w.participants() == []
    clock.now += throttle.MAX_WAIT_S
    assert join(app, w.code) and len(w.participants()) == 1


def test_wrong_codes_from_one_address_back_off_across_pages(store, tmp_path):
    """Per address only far beyond a room's typos: a script posing as many pages (no page
    backoff of its own) is slowed after FREE_PER_ROOM wrong codes, another address is not."""
    w = store.create_workshop("Velkomst", "Aarhus")
    clock = Clock()
    shared = Throttle(tmp_path / "throttle.sqlite", clock=clock)
    script = phone(store, shared=shared, client="192.0.2.7")
    script.backoff = Backoff(free=10_000)
    for n in range(throttle.FREE_PER_ROOM):
        assert not join(script, f"Q{n:05d}") and "sekunder" not in script.error.value
    assert not join(script, "QQQQQQ") and "sekunder" in script.error.value
    blocked = phone(store, shared=shared, client="192.0.2.7")
    assert not join(blocked, w.code) and "sekunder" in blocked.error.value
    neighbour = phone(store, shared=shared, client="192.0.2.8")  # another phone is not held up
    assert join(neighbour, w.code)
    neighbour.live.stop()
    clock.now += throttle.WINDOW_S + 1  # forgotten after the window
    back = phone(store, shared=shared, client="192.0.2.7")
    assert join(back, w.code, name="Bo")
    back.live.stop()


def test_a_room_behind_one_address_joins_while_one_page_hammers(store, tmp_path):
    """150 phones behind one NAT, each with a typo first, join while one page keeps trying
    wrong codes: the hammering page waits, nobody else does."""
    w = store.create_workshop("Velkomst", "Aarhus")
    clock = Clock()
    shared = Throttle(tmp_path / "throttle.sqlite", clock=clock)
    hammer = phone(store, clock, shared=shared, client="192.0.2.7")
    tries = 0
    for n in range(throttle.ROOM):
        if n % 5 == 0:  # every few phones the hammer tries again, as soon as it may
            wait = hammer.backoff.wait()
            if not join(hammer, f"Q{n:05d}") and "sekunder" not in hammer.error.value:
                tries += 1
            assert hammer.participant is None and (wait == 0 or "sekunder" in
                                                   hammer.error.value)
            clock.now += 2.0
        room_phone = phone(store, shared=shared, client="192.0.2.7")
        assert not join(room_phone, "QQQQQQ") and t("error.wrong_code", "da") in \
            room_phone.error.value
        assert join(room_phone, w.code, name=f"Deltager {n}"), room_phone.error.value
        room_phone.live.stop()
    assert len(w.participants()) == throttle.ROOM
    assert throttle.FREE_PER_PAGE < tries < throttle.ROOM  # the hammer was slowed


def test_backoff_grows_and_is_capped():
    assert throttle.wait_after(0, 3) == 0 and throttle.wait_after(2, 3) == 0
    assert throttle.wait_after(3, 3) == 1 and throttle.wait_after(5, 3) == 4
    assert throttle.wait_after(50, 3) == throttle.MAX_WAIT_S


def test_workshop_ids_never_open_a_workshop(store):
    w = kit.import_workshop(SAMPLE, store)
    assert store.public_workshop(w.code).id == w.id
    with pytest.raises(UnknownWorkshop):
        store.public_workshop(w.id)
    app = phone(store, code=w.id)
    assert app.workshop is None
    assert not join(app, w.id) and w.id not in app.error.value
    with pytest.raises(UnknownWorkshop):
        BoardApp(store, w.id, "http://x/")


def test_a_closed_workshop_s_codes_stop_working(store):
    w = store.create_workshop("Velkomst", "Aarhus")
    anna = w.join("Anna", "kommune")
    w.close()
    with pytest.raises(WorkshopClosed):
        w.rejoin(anna.rejoin_code)
    by_link = phone(store, code=w.code, rejoin=anna.rejoin_code)
    assert by_link.participant is None
    assert t("participant.closed", "da") in by_link.error.value
    assert not join(phone(store), w.code, name="Bo")
    assert [p.name for p in w.participants()] == ["Anna"]


def test_a_closed_workshop_s_board_and_phones_show_only_that(store):

    w = store.create_workshop("Velkomst", "Aarhus")
    w.join("Anna Hansen", "kommune")
    board = BoardApp(store, w.code, "http://x/")
    joined = phone(store, code=w.code)
    assert join(joined, w.code, name="Bo Berg")
    board.live.poll()
    assert "Anna Hansen" in board.names.value
    w.close()
    board.live.poll()
    joined.live.poll()
    shown = board.names.value + board.count.value + board.sectors.value + str(
        [c for c in board.step.children])
    assert "Anna Hansen" not in shown and "Bo Berg" not in shown
    assert t("participant.closed", "da") in board.phase.value
    assert t("participant.closed", "da") in joined.phase_title.value
    assert list(joined.step_area.children) == [joined.phase_hint]
    board.live.stop()
    joined.live.stop()


def test_a_closed_workshop_s_board_page_names_nobody(monkeypatch, tmp_path):
    from kit import ui

    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    s = kit.open_store(url)
    w = s.create_workshop("Velkomst", "Aarhus")
    w.join("Anna Hansen", "kommune")
    w.close()
    monkeypatch.setenv("KIT_DATABASE_URL", url)
    monkeypatch.setenv("QUERY_STRING", f"code={w.code}")
    page = ui.board_app()
    assert page.value == t("participant.closed", "da")


def test_a_remembered_code_is_kept_through_a_wait_and_forgotten_only_when_wrong(store,
                                                                               tmp_path):
    w = store.create_workshop("Velkomst", "Aarhus")
    anna = w.join("Anna", "kommune")
    clock = Clock()
    shared = Throttle(tmp_path / "throttle.sqlite", clock=clock)
    for _ in range(throttle.FREE_PER_ROOM + 2):  # the address must wait a few seconds
        shared.failed("code:192.0.2.7")
    app = phone(store, shared=shared, client="192.0.2.7", code=w.code)
    app.remember.value = f"{w.code}:{anna.rejoin_code}"
    app.remember.loaded = True  # what the browser does once it has read its storage
    assert app.participant is None and app.refused == "wait"
    assert app.remember.value == f"{w.code}:{anna.rejoin_code}"  # kept
    assert t("participant.rejoin_wait", "da", seconds=4) in app.error.value
    clock.now += throttle.MAX_WAIT_S
    app._remembered()  # what the timer does after the wait
    assert app.participant is not None and app.participant.id == anna.id
    app.live.stop()
    # a code that is wrong for good (no such participant) is forgotten
    other = phone(store, code=w.code)
    other.remember.value = f"{w.code}:ZZZZZZZZ"
    other.remember.loaded = True
    assert other.refused == "wrong" and other.remember.value == ""


def test_a_personal_link_is_written_back_to_the_browser(store):
    w = store.create_workshop("Velkomst", "Aarhus")
    anna = w.join("Anna", "kommune")
    app = phone(store, code=w.code, rejoin=anna.rejoin_code)
    assert app.participant is not None
    app.remember.value = ""  # the browser answers with what it had stored: nothing
    app.remember.loaded = True
    assert app.remember.value == f"{w.code}:{anna.rejoin_code}"
    app.live.stop()
