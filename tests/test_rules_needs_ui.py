"""The ground rules and the needs check in the three apps, driven by `.click()` without a
browser: phones vote and answer, the board shows the split and only read texts, the
facilitator settles, drafts house rules and reads the texts."""

from __future__ import annotations

from kit.model import Category
from kit.steps.needs.model import Respondent
from kit.ui.board import BoardApp
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp

URL = "http://192.0.2.10:8866/"
XSS = "<img src=x onerror=alert(1)>"


def joined(store, code, name, sector):
    phone = ParticipantApp(store, code=code, public_url=URL)
    phone.name_input.value, phone.sector_input.value = name, sector
    phone.join_button.click()
    return phone


def test_ground_rules_from_phone_to_board_to_settlement(store):
    facilitator = FacilitatorApp(store, URL)
    w = facilitator.create("Spilleregler", "Aarhus")
    anna = w.join("Anna", "kommune")
    w.set_phase("timeline")
    w.timeline.add_card(anna, XSS, "Røde Kors", "sprog", 0, 26)
    phone = joined(store, w.code, "Bo", "civilsamfund")
    board = BoardApp(store, w.code, URL)
    facilitator.set_phase("ground_rules")
    panel = facilitator.panel("ground_rules")
    panel.tools.import_cards.click()
    assert len(w.ground_rules.tasks()) == 1
    panel.tools.draft.click()
    assert len(w.ground_rules.house_rules()) == 3

    phone.live.poll()
    screen = phone.screens["ground_rules"]
    row = screen.view.card  # one task at a time: the only open task is shown
    assert XSS not in row.label.value and "&lt;img" in row.label.value
    row.buttons[next(iter(row.buttons))].click()
    assert list(w.ground_rules.votes(phone.participant).values()) == ["frivillige"]
    board.live.poll()
    view = board.screens["ground_rules"].view.value
    assert 'title="Frivillige kan klare det">1</span>' in view and XSS not in view

    facilitator.refresh()
    settle = next(iter(panel.tools.tasks.rows.values())).settle
    settle.value = "sammen"
    assert w.ground_rules.tasks()[0].settled == "sammen"
    rule = next(iter(panel.tools.rules.rows.values()))
    rule.text.value = "Én kontakt pr. sag."
    rule.agreed.value = True
    rule.save.click()
    assert w.ground_rules.settled().house_rules == ("Én kontakt pr. sag.",)
    phone.live.poll()
    assert "Én kontakt pr. sag." in screen.view.rules.value
    # settled: nothing left to vote on, and the phone says so
    assert screen.view.current is None and screen.view.card.root.layout.display == "none"
    assert "Ingen opgaver" in screen.view.intro.value


def test_needs_from_phone_to_board_after_reading(store):
    facilitator = FacilitatorApp(store, URL)
    w = facilitator.create("Behov", "Aarhus")
    phone = joined(store, w.code, "Farah", "flygtning")
    board = BoardApp(store, w.code, URL)
    facilitator.set_phase("needs")
    phone.live.poll()
    form = phone.screens["needs"].form
    form.picks[next(iter(form.picks))][Category.BOLIG].value = True
    form.texts[next(iter(form.texts))].value = XSS
    form.send.click()  # who is answering is asked first: nothing is sent without it
    assert form.root.children == (form.form,) and w.needs.answers() == []
    assert "Vælg først, hvem der svarer" in form.message.value
    form.who[Respondent.STAFF].value = True
    form.who[Respondent.REFUGEE].value = True  # one of three: the other lets go
    assert not form.who[Respondent.STAFF].value
    form.send.click()
    assert form.root.children == (form.done,)
    assert {a.respondent for a in w.needs.answers()} == {Respondent.REFUGEE}
    assert {a.response for a in w.needs.answers()} and not any(
        a.text == XSS and a.seen for a in w.needs.answers())
    form.again.click()
    assert form.root.children == (form.form,) and form.texts[next(iter(form.texts))].value == ""
    assert form.respondent() == ""  # the next person says it again

    board.live.poll()
    view = board.screens["needs"].view.value
    assert "1 har svaret" in view and XSS not in view and "&lt;img" not in view
    facilitator.refresh()
    panel = facilitator.panel("needs")
    # the public code, never the join code: the link is handed out beyond the room
    assert f"/needs/{w.public_code}" in panel.tools.link.value
    assert f"/{w.code}" not in panel.tools.link.value
    text_row = next(iter(panel.tools.texts.rows.values()))
    assert "&lt;img" in text_row.text.value
    text_row.show.click()
    board.live.poll()
    assert "&lt;img" in board.screens["needs"].view.value  # read: now it may be shown


def test_the_coordinator_retires_an_offer_after_the_workshop(store):
    from kit import pages

    facilitator = FacilitatorApp(store, URL)
    w = facilitator.create("Overblik", "Aarhus")
    card = w.timeline.add_card(None, "Sommerlejr", "Spejderne", "familie", 4, 8, "civilsamfund")
    facilitator.set_phase("follow_up")
    offers = facilitator.panel("follow_up").offers
    assert f"{URL.rstrip('/')}/overview/{w.public_code}?poster=1" in offers.link.value
    assert f"/{w.code}" not in offers.link.value
    offers.cards.rows[card.id].toggle.click()
    assert w.timeline.card(card.id).retired
    assert "Sommerlejr" not in pages.overview_html(w, "da", "/x")
    facilitator.refresh()
    assert offers.cards.rows[card.id].toggle.description == "Aktuelt igen"
