"""The vote in the apps, without a browser."""

from __future__ import annotations

import re

from kit.model import Phase
from kit.ui.board import BoardApp
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp

URL = "http://192.0.2.10:8866/"


def test_vote_on_phones_hidden_then_revealed(store):
    fac = FacilitatorApp(store, URL)
    w = fac.create("Prioritering", "Aarhus")
    phones = []
    for name, sector in (("Anna", "kommune"), ("Bo", "civilsamfund"), ("Olena", "flygtning")):
        app = ParticipantApp(store, code=w.code)
        app.name_input.value, app.sector_input.value = name, sector
        app.join_button.click()
        phones.append(app)
    fac.set_phase(Phase.THEMES)
    bolig, sprog = w.add_theme("Bolig"), w.add_theme("<b>Sprog</b>")
    w.ideas.select_theme(bolig.id)
    w.ideas.select_theme(sprog.id)
    fac.set_phase(Phase.VOTING)
    board = BoardApp(store, w.code, URL)
    tools = fac.panel("voting").voting
    # the notes' theme picker starts on a theme, and the state is said in words
    assert tools.theme.value == bolig.id and tools.theme.description == "Noter til temaet"
    assert "Afstemningen er lukket" in tools.state_line.value
    tools.theme.value = bolig.id
    tools.discussion["needs"].value = "Møbler mangler"
    tools.save_discussion.click()
    board.live.poll()
    view = board.screen(board.phase_now).discussion
    assert "Møbler mangler" in view.value and "&lt;b&gt;Sprog" in view.value
    for p in phones:
        p.live.poll()
        assert "åbner" in p.screen("voting").view.left.value
    tools.dots.value, tools.cap.value = 2, 0
    tools.save.click()
    tools.open.click()
    assert "Afstemningen er åben · 0 af 3 har stemt" in tools.state_line.value
    for p in phones:
        p.live.poll()
    anna = phones[0].screen("voting").view
    assert "2 af 2" in anna.left.value
    def plus(view, label):
        row = next(r for r in view.rows.children if label in r.children[0].value)
        return row.children[2].children[0]

    plus(anna, "Bolig").click()
    plus(anna, "Bolig").click()
    assert "0 af 2" in anna.left.value
    plus(anna, "Sprog").click()    # a third dot: refused, said under the theme tapped
    sprog_row = next(r for r in anna.rows.children if "Sprog" in r.children[0].value)
    assert "alle dine 2 prikker" in sprog_row.children[3].value
    assert plus(anna, "Sprog").disabled               # and + is off with no dot left
    for p in phones[1:]:
        plus(p.screen("voting").view, "Sprog").click()
    board.live.poll()
    assert "3 af 3 har stemt" in board.screen(board.phase_now).vote_status.value
    view = board.screen(board.phase_now).results
    assert "kit-bar" not in view.value             # hidden until revealed
    tools.reveal.click()
    board.live.poll()
    assert "kit-bar" in board.screen(board.phase_now).results.value
    assert "Hver sektor vejer lige meget" in board.screen(board.phase_now).results.value
    assert w.voting.votes(phones[0].participant) == {bolig.id: 2}
    # a reload sees the same dots and budget
    again = ParticipantApp(store, code=w.code, rejoin=phones[0].participant.rejoin_code)
    assert "0 af 2" in again.screen("voting").view.left.value
    tools.close.click()
    tools.choose.value = (sprog.id,)
    tools.choose_button.click()
    assert {t.id for t in w.ideas.themes() if t.chosen} == {sprog.id}
    phones[1].live.poll()
    assert "lukket" in phones[1].screen("voting").view.left.value


def test_results_list_every_candidate_with_danish_numbers(store):
    from kit.steps.voting.views import results_html

    w = store.create_workshop("Tal", "Bakkeby")
    people = [w.join(n, s) for n, s in (("A", "kommune"), ("B", "kommune"), ("C", "kommune"),
                                        ("D", "flygtning"))]
    w.set_phase(Phase.THEMES)
    bolig, sprog, tomt = (w.add_theme(x) for x in ("Bolig", "Sprog", "Ingen prikker"))
    for th in (bolig, sprog, tomt):
        w.ideas.select_theme(th.id)
    w.set_phase(Phase.VOTING)
    w.voting.open_voting()
    for p in people[:3]:
        w.vote(p, bolig.id)
    w.vote(people[3], sprog.id, 2)
    shown = results_html(w, "da")
    assert "Ingen prikker" in shown               # a candidate without dots is listed, with 0
    # balanced: kommune's 3 dots and the refugees' 2 each weigh as a sector of the room
    assert re.search(r">\d+,\d<", shown)          # one decimal, decimal comma
    assert not re.search(r">\d+\.\d{2,}<", shown)  # never "24.7333"
    assert re.search(r">\d+\.\d<", results_html(w, "en"))


def test_a_phone_without_dots_is_told_a_closed_vote_is_over_not_that_it_opens(store):
    """Issue 29's state walk: once the room has voted and the vote is closed, a phone that
    gave no dots said "the vote opens shortly"; now it says the vote is closed, in its
    language, and says "opens shortly" only before anyone has voted."""
    from kit.i18n import t

    fac = FacilitatorApp(store, URL)
    w = fac.create("Prioritering", "Aarhus")
    phones = {}
    for name, language in (("Anna", "da"), ("Олена", "uk"), ("فاطمة", "ar")):
        app = ParticipantApp(store, code=w.code, language=language)
        app.name_input.value, app.sector_input.value = name, "flygtning"
        app.join_button.click()
        phones[language] = app
    fac.set_phase(Phase.THEMES)
    w.ideas.select_theme(w.add_theme("Bolig").id)
    fac.set_phase(Phase.VOTING)
    for language, app in phones.items():
        app.live.poll()
        assert t("vote.waiting", language) in app.screen("voting").view.left.value
    w.voting.open_voting()
    w.vote(phones["da"].participant, w.ideas.themes()[0].id)
    w.voting.close_voting()
    for language, app in phones.items():
        app.live.poll()
        said = app.screen("voting").view.left.value
        key = "vote.closed" if language == "da" else "vote.over"   # Anna gave a dot
        assert t(key, language) in said and t("vote.waiting", language) not in said
