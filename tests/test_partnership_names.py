"""The partnership's names other code relies on (issue 27, "Names others rely on"), pinned:
`store.create_partnership(name, municipality)`, `partnership.create_workshop(title,
date=None)`, `workshop.partnership`, `partnership.workshops()`, `partnership.public_code`
(at least 10 characters, opening the public pages and nothing else: not the board, not
joining, not the console), `/overview/<public_code>` and `/needs/<public_code>` on the real
participant server still answering after the workshop is closed, `store.create_workshop(...)`
making a partnership of its own, and the coordinator's actions refused without the key."""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request

import pytest

import kit
from kit import errors
from kit.core.base import CODE_ALPHABET
from kit.core.model import Status
from kit.i18n import t
from kit.partnership import Partnership
from kit.ui.board import BoardApp
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp

URL = "http://192.0.2.10:8866/"


def test_create_partnership_gives_the_coordinators_handle(any_store):
    p = any_store.create_partnership("Sammen i Bakkeby", "Bakkeby Kommune")
    assert isinstance(p, Partnership) and p.coordinator_key
    state = p.state()
    assert (state.name, state.municipality, state.status.value) == (
        "Sammen i Bakkeby", "Bakkeby Kommune", "active")
    assert p.workshops() == [] and p.latest() is None
    assert [s.id for s in any_store.partnerships()] == [p.id]


def test_create_workshop_in_a_partnership_and_find_it_both_ways(any_store):
    p = any_store.create_partnership("Sammen i Bakkeby", "Bakkeby Kommune")
    first = p.create_workshop("Workshop 2026", "2026-11-23")
    later = p.create_workshop("Et år efter")  # date=None: today
    assert later.state().date == dt.date.today().isoformat()
    assert later.state().municipality == "Bakkeby Kommune"
    assert first.facilitator_key and first.state().status == Status.OPEN
    assert [w.id for w in p.workshops()] == [first.id, later.id]  # the earliest first
    for w in (first, later):
        assert w.partnership.id == p.id
        assert any_store.workshop(w.code).partnership.id == p.id  # a participant's too
        assert w.public_code == p.public_code
    # the facilitator's handle carries the coordinator's authority, a participant's none
    first.partnership.set_agreement("2026-12-01", "2027-11-30", "2027-06-01")
    with pytest.raises(errors.CoordinatorOnly):
        any_store.workshop(first.code).partnership.rename("Overtaget")
    assert p.state().name == "Sammen i Bakkeby"


def test_create_workshop_on_the_store_makes_a_partnership_of_its_own(any_store):
    a = any_store.create_workshop("Velkomst", "Aarhus Kommune", "2026-05-01")
    b = any_store.create_workshop("Velkomst", "Aarhus Kommune", "2026-05-01")
    assert a.partnership.id != b.partnership.id
    assert a.public_code != b.public_code
    for w in (a, b):
        assert [x.id for x in w.partnership.workshops()] == [w.id]
        assert w.partnership.state().name == "Velkomst"
        assert w.partnership.state().municipality == "Aarhus Kommune"
    assert len(any_store.partnerships()) == 2


def test_coordinator_only_actions_refuse_without_the_key(store):
    p = store.create_partnership("Sammen i Bakkeby", "Bakkeby Kommune")
    before = p.state()
    for handle in (store.partnership(p.id), Partnership(store, p.id, "not-the-key")):
        for act in (lambda h: h.create_workshop("Snyd"), lambda h: h.rename("Snyd"),
                    lambda h: h.set_agreement("2026-01-01"), lambda h: h.archive(),
                    lambda h: h.unarchive()):
            with pytest.raises(errors.CoordinatorOnly) as info:
                act(handle)
            assert info.value.message("en") == "Only the partnership's coordinator can do that."
    with pytest.raises(errors.CoordinatorOnly):
        store.partnership(p.id, "not-the-key")
    assert p.state() == before and p.workshops() == []
    # reading needs no key
    assert store.partnership(p.id).public_code == p.public_code
    assert store.partnership(p.id, p.coordinator_key).coordinator_key == p.coordinator_key


def test_the_public_code_opens_the_public_pages_and_nothing_else(store):
    p = store.create_partnership("Sammen i Bakkeby", "Bakkeby Kommune")
    w = p.create_workshop("Workshop 2026", "2026-11-23")
    code = p.public_code
    assert len(code) >= 10 and set(code) <= set(CODE_ALPHABET) and code != w.code
    assert store.public_page_workshop(code).id == w.id
    # not the board
    with pytest.raises(errors.UnknownWorkshop):
        BoardApp(store, code, URL)
    # not joining: the phone says what a wrong code gets, and nobody joins
    phone = ParticipantApp(store, code="")
    phone.code_input.value = code
    phone.name_input.value = "Anna"
    phone.sector_input.value = "kommune"
    assert not phone.join()
    assert phone.error.value and w.participants() == []
    # not the console (with or without the facilitator key asked for)
    for require_key in (False, True):
        console = FacilitatorApp(store, URL, require_key=require_key)
        with pytest.raises((errors.UnknownWorkshop, errors.WrongKey)):
            console.open(code, key=w.facilitator_key)
        assert console.workshop is None
    # nor any handle by it
    for opens in (store.public_workshop, store.workshop, store.facilitate):
        with pytest.raises(errors.UnknownWorkshop):
            opens(code)


@pytest.fixture(scope="module")
def closed_partnership(server):
    store = kit.open_store(server["url"])
    p = store.create_partnership("Sammen i Bakkeby", "Bakkeby Kommune")
    w = p.create_workshop("Workshop 2026", "2026-11-23")
    w.close()
    return p, w


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_overview_and_needs_still_answer_after_the_workshop_is_closed(server,
                                                                       closed_partnership):
    p, w = closed_partnership
    assert w.state().status == Status.CLOSED
    base = server["public"].rstrip("/")
    status, html = _get(f"{base}/overview/{p.public_code}")
    assert status == 200
    assert t("offers.title", "da", municipality="Bakkeby Kommune") in html
    status, html = _get(f"{base}/needs/{p.public_code}?lang=en")
    assert status == 200 and 'name="_xsrf"' in html and "</button></form>" in html
    # the join code opens neither, closed or not
    assert _get(f"{base}/overview/{w.code}")[0] == 404
    # archived, the partnership's pages stop and say so (410 Gone, not an unknown code)
    p.archive()
    try:
        assert _get(f"{base}/overview/{p.public_code}")[0] == 410
        assert _get(f"{base}/needs/{p.public_code}")[0] == 410
    finally:
        p.unarchive()
    assert _get(f"{base}/needs/{p.public_code}")[0] == 200
