"""The friend programme's panel in the facilitator console (widgets, no browser): the
summary, the form links by the public code, proposals with their reasons, accept, reject
and swap as the store keeps them, the check-ins due, refusals in the console's language."""

from __future__ import annotations

import datetime as dt

from test_friends_store import household, volunteer

from kit.i18n import t
from kit.ui.facilitator import FacilitatorApp

URL = "http://192.0.2.10:8866/"


def opened(store):
    app = FacilitatorApp(store, URL)
    w = app.create("Velkomst", "Aarhus")
    return app, w.partnership.friends, w


def buttons(row):
    accept, reject, other, swap = row.children[1].children
    return accept, reject, other, swap


def test_proposals_are_shown_with_reasons_and_accepted_in_the_store(store):
    app, friends, w = opened(store)
    household(friends)
    volunteer(friends, name="Karen Holm")
    app.friends_fold.toggle.value = True
    panel = app.friends
    assert "1" in panel.summary.value and f"/friends/{w.public_code}/household" in \
        panel.links.value
    assert t("friends.console.no_proposals", "da") in panel.proposals.children[0].value
    panel.propose_button.click()
    [pair] = friends.proposals()
    [row] = panel.proposals.children
    assert "Karen Holm" in row.children[0].value and "arabisk" in row.children[0].value
    buttons(row)[0].click()
    assert friends.friendship(pair.id).status.value == "introduced"
    assert t("friends.console.no_proposals", "da") in panel.proposals.children[0].value
    [introduced] = panel.introduced.children
    head, met = introduced.children
    assert 'download="introduktionsbrev-' in head.value and "Karen Holm" in head.value
    assert 'download="venskaber-status-Aarhus-' in panel.workbooks.value
    met.click()
    assert friends.friendship(pair.id).status.value == "active"
    assert len(friends.checkins(pair.id)) == 3


def test_reject_and_swap_from_the_console(store):
    app, friends, _ = opened(store)
    household(friends)
    volunteer(friends, name="Karen Holm")
    app.friends_fold.toggle.value = True
    app.friends.propose_button.click()
    [pair] = friends.proposals()
    accept, reject, other, swap = buttons(app.friends.proposals.children[0])
    assert swap.disabled   # nobody else has a place
    volunteer(friends, name="Ib Berg")
    app.friends.render("da")
    accept, reject, other, swap = buttons(app.friends.proposals.children[0])
    ib = next(v for v in friends.volunteers() if v.name == "Ib Berg")
    other.value = ib.id
    swap.click()
    assert friends.friendship(pair.id).volunteer_id == ib.id
    buttons(app.friends.proposals.children[0])[1].click()
    assert friends.friendship(pair.id).status.value == "rejected"


def test_check_ins_due_are_listed_and_a_refusal_is_said(store):
    app, friends, _ = opened(store)
    household(friends, contact="Zainab +45 70")
    volunteer(friends, name="Karen Holm")
    [pair] = friends.propose()
    friends.accept(pair.id)
    friends.set_status(pair.id, "active", on=dt.date.today() - dt.timedelta(days=40))
    app.set_language("en")
    app.friends_fold.toggle.value = True
    [row] = app.friends.due.children
    due = row.children[0].value
    assert "Karen Holm" in due and "Zainab +45 70" in due and "1-month check-in" in due
    hg, hw, vg, vw, save = row.children[1].children
    hg.value, hw.value, vg.value = "mixed", "Vi ses hver lørdag", "badly"
    save.click()
    [done] = [c for c in friends.checkins(pair.id) if c.month == 1]
    assert (done.household_going, done.household_words, done.volunteer_going,
            done.done_on) == ("mixed", "Vi ses hver lørdag", "badly", dt.date.today().isoformat())
    assert t("friends.console.none_due", "en") in app.friends.due.children[0].value
    # the pair is decided: a stale row's button is refused, said in English
    app.friends.proposals.children = [app.friends._row(pair, {}, {}, {}, [pair])]
    buttons(app.friends.proposals.children[0])[1].click()
    assert "cannot become" in app.friends.message.value
