"""Issue 29 without a browser: every step's console panel has the one large next action
(`kit.ui.next_action`), with the room's counts beside it; each press does what it says and
says what it did; a button that cannot act is disabled with the sentence saying why; the
last action of a step really moves the workshop on. (Chromium:
tests/test_browser_console_steps.py.)"""

from __future__ import annotations

import time

from test_console_room import FacilitatorApp, _stop_live_threads  # noqa: F401  (a fixture)

from kit.core.model import Status
from kit.steps import names
from kit.ui.next_action import Moment, NextAction, StepConsole, following, onward_label

URL = "http://192.0.2.10:8866/"


def _room(store, people=3):
    app = FacilitatorApp(store, URL)
    w = app.create("Rummet", "Aarhus")
    joined = [w.join(f"P{n}", ("kommune", "civilsamfund", "flygtning")[n % 3])
              for n in range(people)]
    app.refresh()
    # the app's polling thread may have taken the joins first: wait for its redraw
    assert _until(lambda: f"{people} deltagere er med" in _next(app)[1].counts.value)
    return app, w, joined


def _until(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def _next(app):
    panel = app.panel(app.phase_now)
    return panel, (panel.console.next if hasattr(panel.console, "fold") else panel.console.action)


def test_every_step_has_one_next_action_first_with_counts_and_a_sentence(store):
    app, w, _ = _room(store)
    for step in names():
        app.set_phase(step)
        panel, action = _next(app)
        first = panel.root.children[0]  # first in the panel
        assert action.root in (first, *getattr(first, "children", ())[:1]), step
        assert action.button.description, step
        assert "kit-next-action" in action.button._dom_classes
        assert action.counts.value.count(">") >= 2 and "</div>" in action.counts.value
        assert action.hint.value != '<div class="kit-muted kit-next-hint"></div>', step
        if action.button.disabled:  # says why
            assert len(action.hint.value) > 40, step
        if isinstance(panel.console, StepConsole):  # the rest folded away
            assert panel.console.fold.body.layout.display == "none", step


def test_videre_moves_on_through_the_steps_and_says_where(store):
    app, w, _ = _room(store)
    _, action = _next(app)
    assert action.button.description == "Videre til modtagelsen på en tidslinje"
    assert "0 aktører i registret · 3 deltagere er med" in action.counts.value
    action.button.click()
    assert w.state().phase == "timeline"
    assert "nu i trinnet »Modtagelsen på en tidslinje«" in action.done.value
    app.set_phase("needs")
    _, action = _next(app)
    assert action.button.description == "Videre til idéer"
    action.button.click()
    assert w.state().phase == "ideas"
    _, action = _next(app)
    assert "0 noter skrevet · 3 deltagere er med" in action.counts.value
    action.button.click()
    assert w.state().phase == "themes"


def test_the_counts_follow_who_joins(store):
    app, w, _ = _room(store)
    app.set_phase("ideas")
    _, action = _next(app)
    w.join("Sent", "kommune")
    app.refresh()  # the participants' topic: the count beside the button follows
    assert _until(lambda: "4 deltagere er med" in action.counts.value)


def test_timeline_shows_the_findings_then_moves_on(store):
    app, w, people = _room(store)
    app.set_phase("timeline")
    _, action = _next(app)
    assert action.button.description == "Vis fundene på tavlen"
    assert action.button.disabled and "ingen kort endnu" in action.hint.value
    w.timeline.add_card(people[0], "Velkomstpakke", "Bakkeby IF", "koordinering", 1, 3)
    app.refresh()
    assert not action.button.disabled
    assert "1 kort på tidslinjen · 3 deltagere er med" in action.counts.value
    action.button.click()
    assert w.state().review_open and "Fundene vises nu på tavlen" in action.done.value
    assert action.button.description == "Videre til behov"
    action.button.click()
    assert w.state().phase == "needs"


def test_themes_suggest_then_wait_for_the_marks_then_on_to_the_vote(store):
    app, w, people = _room(store)
    app.set_phase("ideas")
    for text in ("Lektiehjælp til børn", "Lektiehjælp efter skole", "Job og praktik",
                 "Praktikpladser i virksomheder"):
        w.add_idea(people[0], text)
    app.set_phase("themes")
    _, action = _next(app)
    assert action.button.description == "Foreslå temaer" and not action.button.disabled
    assert "0 temaer · 4 noter uden tema" in action.counts.value
    action.button.click()
    themes = w.ideas.themes()
    assert themes and "foreslået" in action.done.value
    # nothing marked for the vote: the button waits and says why
    assert action.button.description == "Videre til prioritering" and action.button.disabled
    assert "Markér de temaer" in action.hint.value
    action.press()  # pressed anyway (a stale page): it says why, changes nothing
    assert "Markér de temaer" in action.done.value and w.state().phase == "themes"
    w.ideas.select_theme(themes[0].id, True)
    app.refresh()
    assert not action.button.disabled
    action.button.click()
    assert w.state().phase == "voting"


def test_groups_form_confirm_then_on(store):
    app, w, people = _room(store, people=6)
    app.set_phase("ideas")
    w.add_idea(people[0], "En idé")
    a, b = w.add_theme("Bolig"), w.add_theme("Sprog")
    for th in (a, b):
        w.ideas.select_theme(th.id, True)
    w.voting.choose_themes([a.id, b.id])
    app.set_phase("groups")
    _, action = _next(app)
    assert action.button.description == "Dan grupperne"
    assert "0 af 6 har givet ønsker · 0 grupper" in action.counts.value
    action.button.click()
    assert len(w.groups()) == 2 and "Grupperne er dannet" in action.done.value
    assert action.button.description == "Bekræft grupperne"
    action.button.click()
    assert w.state().groups_confirmed
    assert action.button.description == "Videre til spilleregler"
    action.button.click()
    assert w.state().phase == "ground_rules"


def test_groups_without_chosen_themes_wait_and_say_why(store):
    app, w, _ = _room(store)
    app.set_phase("groups")
    _, action = _next(app)
    assert action.button.disabled and "Prioritering" in action.hint.value


def test_ground_rules_fetch_the_tasks_then_move_on(store):
    app, w, people = _room(store)
    w.timeline.add_card(people[0], "Velkomstpakke", "Bakkeby IF", "koordinering", 1, 3)
    w.timeline.add_card(people[1], "Sprogcafé", "Biblioteket", "sprog", 2, 8)
    app.set_phase("ground_rules")
    _, action = _next(app)
    assert action.button.description == "Hent opgaverne fra tidslinjen"
    action.button.click()
    assert len(w.ground_rules.tasks()) == 2
    assert "2 opgaver er hentet" in action.done.value
    assert "0 af 2 opgaver afgjort" in action.counts.value
    assert action.button.description == "Videre til opfølgning"
    action.button.click()
    assert w.state().phase == "follow_up"


def test_the_last_step_ends_the_workshop_on_the_second_press(store):
    app, w, _ = _room(store)
    app.set_phase("follow_up")
    _, action = _next(app)
    assert following("follow_up") is None
    assert action.button.description == "Afslut workshoppen"
    action.button.click()  # asks first
    assert w.state().status == Status.OPEN
    assert action.button.description == "Ja, afslut workshoppen"
    assert "Tryk igen" in action.done.value
    action.button.click()
    assert w.state().status == Status.CLOSED
    assert app.closed_banner.layout.display is None  # the banner at the top says so


def test_a_closed_workshop_disables_the_next_action_and_says_why(store):
    app, w, people = _room(store)
    w.timeline.add_card(people[0], "Velkomstpakke", "Bakkeby IF", "koordinering", 1, 3)
    app.set_phase("timeline")
    _, action = _next(app)
    assert not action.button.disabled
    app.close_workshop()
    assert action.button.disabled and "afsluttet" in action.hint.value
    assert action.button.description == "Vis fundene på tavlen"
    action.press()
    assert not w.state().review_open  # nothing happened


def test_next_action_says_what_went_wrong_and_changes_nothing():
    from kit.core.errors import WorkshopClosed

    drawn = []
    action = NextAction(lambda: drawn.append(1), lambda: "en")

    def fails() -> str:
        raise WorkshopClosed()

    action.show(Moment("Go", "1 of 2", "Why not", fails))
    action.button.click()
    assert "kit-error" in action.done.value and action.done.value != '<div class="kit-error"></div>'
    assert drawn == []  # nothing happened, nothing redrawn
    action.show(Moment("Go", "1 of 2", "Nothing to do yet", None))
    assert action.button.disabled
    action.press()
    assert "Nothing to do yet" in action.done.value


def test_onward_names_the_next_step_in_both_languages():
    assert onward_label("groups", "da") == "Videre til spilleregler"
    assert onward_label("groups", "en") == "On to ground rules"
    assert onward_label("follow_up", "da") == "Det sidste trin"


def test_tools_open_at_first_with_the_address_flag(store):
    app = FacilitatorApp(store, URL, unfold_tools=True)
    app.create("Skrivebord", "Aarhus")
    panel = app.panel("prepare")
    assert panel.console.fold.body.layout.display is None


def test_the_rail_greys_what_has_no_step_to_go_to(store):
    app, w, _ = _room(store)
    assert app.previous_button.disabled and not app.next_button.disabled
    app.set_phase("follow_up")
    assert app.next_button.disabled and not app.previous_button.disabled


def test_what_a_press_did_is_cleared_once_the_moment_moves_on_otherwise():
    action = NextAction(lambda: None, lambda: "da")
    action.show(Moment("Go", "", "", lambda: "Done it"))
    action.button.click()
    assert "Done it" in action.done.value
    action.show(Moment("Go", "1", "", lambda: "Done it"))  # a redraw: kept
    assert "Done it" in action.done.value
    action.show(Moment("Next", "1", "", None))  # moved on elsewhere: old news
    assert "Done it" not in action.done.value
