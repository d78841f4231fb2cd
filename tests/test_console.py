"""Issue 16, the facilitator console: nothing irreversible by one click, nothing typed lost.

Each test here failed on the code before the issue was worked on."""

from __future__ import annotations

import time

import pytest

from kit.core import errors
from kit.core.model import Status
from kit.core.workshop import REOPEN_DAYS
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp

URL = "http://192.0.2.10:8866/"


# -- closing asks first, and can be undone ---------------------------------------------------
def test_closing_the_workshop_asks_first_and_cancel_keeps_it_open(store):
    app = FacilitatorApp(store, URL)
    w = app.create("Velkomst", "Aarhus")
    app.close_button.click()
    assert w.state().status == Status.OPEN
    assert app.closing.asking and "genåbne" in app.closing.question.value
    app.closing.no.click()
    assert not app.closing.asking and w.state().status == Status.OPEN
    app.close_button.click()
    app.closing.yes.click()
    assert w.state().status == Status.CLOSED


def test_a_closed_workshop_is_reopened_by_the_facilitator(store):
    app = FacilitatorApp(store, URL)
    w = app.create("Velkomst", "Aarhus")
    code = w.code
    app.close_button.click()
    app.closing.yes.click()
    assert app.reopen_button.layout.display != "none"
    assert app.close_button.layout.display == "none"
    assert "genåbne den indtil" in app.reopen_hint.value
    app.reopen_button.click()
    state = w.state()
    assert state.status == Status.OPEN and state.closed_at is None and state.code == code
    assert not app.next_button.disabled and app.reopen_button.layout.display == "none"
    phone = ParticipantApp(store, code=code)
    phone.name_input.value = "Anna"
    phone.sector_input.value = "kommune"
    phone.join_button.click()
    assert phone.participant is not None


def test_reopening_draws_a_new_code_when_another_workshop_took_the_old_one(store):
    w = store.create_workshop("Velkomst", "Aarhus")
    w.close()
    other = store.create_workshop("Anden", "Aarhus")
    store.db.write(lambda tx: tx.run("UPDATE workshops SET code = :c WHERE id = :w",
                                     {"c": w.code, "w": other.id}))
    old = w.code
    new = w.reopen()
    assert new != old and w.state().code == new and w.code == new
    assert store.workshop(new).id == w.id


def test_reopening_is_refused_after_the_grace_period_and_needs_the_key(store):
    w = store.create_workshop("Velkomst", "Aarhus")
    w.close()
    with pytest.raises(errors.FacilitatorOnly):
        store.workshop(w.code).reopen()
    store.db.write(lambda tx: tx.run("UPDATE workshops SET closed_at = :t WHERE id = :w",
                                     {"t": time.time() - (REOPEN_DAYS + 1) * 86400, "w": w.id}))
    with pytest.raises(errors.ReopenTooLate):
        w.reopen()
    assert w.state().status == Status.CLOSED


def test_closed_workshops_are_listed_and_marked_under_open_a_workshop(store):
    w = store.create_workshop("Gammel", "Aarhus")
    open_one = store.create_workshop("Ny", "Aarhus")
    w.close()
    app = FacilitatorApp(store, URL)
    labels = dict((v, k) for k, v in app.existing.options)
    assert "afsluttet" in labels[w.id] and "afsluttet" not in labels[open_one.id]
    assert [v for _, v in app.existing.options][0] == open_one.id  # open ones first
    app.language_picker.value = "en"
    assert "ended" in dict((v, k) for k, v in app.existing.options)[w.id]
    app.existing.value = w.id
    app.open_button.click()
    assert app.workshop is not None and app.workshop.id == w.id
    assert app.reopen_button.layout.display != "none"
