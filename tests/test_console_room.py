"""Issue 29: the console that runs the room, without a browser (Chromium:
tests/test_browser_console_room.py). The workshop's state beside the title and a closed
workshop's banner at the top; the vote run from one button; "Placér de nye idéer" says what
it did; deleting an actor or a card can be undone for a while."""

from __future__ import annotations

import asyncio
import time

import pytest

from kit.core.model import Status
from kit.i18n import t
from kit.ui import facilitator

URL = "http://192.0.2.10:8866/"
_made: list[facilitator.FacilitatorApp] = []


def FacilitatorApp(*args, **kwargs):  # noqa: N802 - stands in for the class
    app = facilitator.FacilitatorApp(*args, **kwargs)
    _made.append(app)
    return app


@pytest.fixture(autouse=True)
def _stop_live_threads():
    """The apps' polling threads end with the test, before its store is dropped."""
    yield
    while _made:
        app = _made.pop()
        if app.live is not None:
            app.live.stop()


async def _until_on_loop(condition, timeout=20.0):
    """Wait for `condition` on the running event loop, as the kernel runs: the toast's
    stored delete then runs on this thread, never beside a read of the in-memory store."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return condition()


def test_the_state_is_beside_the_title_and_a_closed_workshop_says_so_at_the_top(store):
    app = FacilitatorApp(store, URL)
    w = app.create("Velkomst", "Aarhus")
    assert app.header.children[:2] == (app.heading, app.pill)
    assert "Åben" in app.pill.value and "kit-state-open" in app.pill.value
    assert app.closed_banner.layout.display == "none"
    app.close_button.click()
    app.closing.yes.click()
    assert w.state().status == Status.CLOSED
    assert "Afsluttet" in app.pill.value and "kit-state-closed" in app.pill.value
    # the banner with "Genåbn" comes first under the title, before the way in and the steps
    assert app.closed_banner.layout.display is None
    assert app.running.children.index(app.closed_banner) < app.running.children.index(
        app.join_box)
    assert app.reopen_button in app.closed_banner.children
    assert "afsluttet" in app.closed_text.value and "Genåbn" in app.reopen_button.description
    # and what still runs: the partnership's public overview and the needs form
    assert t("facilitator.closed_continues", "da") in app.closed_more.value
    assert "overblik" in app.closed_more.value and "behovsskema" in app.closed_more.value
    app.reopen_button.click()
    assert "Åben" in app.pill.value and app.closed_banner.layout.display == "none"
    app.rehearse_button.click()
    assert "Øvelse" in app.pill.value
    app.end_rehearsal_button.click()
    assert "Åben" in app.pill.value
    app.language_picker.value = "en"
    assert "Open" in app.pill.value


def _voting_room(store):
    app = FacilitatorApp(store, URL)
    w = app.create("Afstemning", "Aarhus")
    people = [w.join(f"P{n}", "kommune") for n in range(4)]
    w.set_phase("ideas")
    w.add_idea(people[0], "En idé")
    themes = [w.add_theme(label) for label in ("Bolig", "Sprog", "Job")]
    for th in themes:
        w.ideas.select_theme(th.id, True)
    app.set_phase("voting")
    return app, w, people, themes


def test_the_vote_runs_from_one_button_to_working_groups(store):
    app, w, people, themes = _voting_room(store)
    console = app.panel("voting").console
    assert console.next.description == "Åbn afstemningen"
    assert console.choice.layout.display == "none"
    assert "0 af 4 har stemt" in console.counts.value
    console.next.click()
    assert w.state().voting_open and console.next.description == "Luk afstemningen"
    w.vote(people[0], themes[2].id)
    w.vote(people[1], themes[0].id)
    app.refresh()
    assert "2 af 4 har stemt" in console.counts.value
    console.next.click()
    state = w.state()
    assert not state.voting_open and not state.results_visible
    assert console.next.description == "Vis resultatet"
    console.next.click()
    assert w.state().revealed and console.next.description == "Videre til arbejdsgrupper"
    assert console.choice.layout.display is None
    # the themes are ticked, one box per theme on the ballot
    # each with its dots and balanced rank (the full result is folded away)
    assert [b.description.split(" · ")[0] for b in console._boxes.values()] == [
        "Bolig", "Sprog", "Job"]
    assert console._boxes[themes[2].id].description == "Job · prikker: 1, nr. 1 afvejet"
    console.next.click()  # nothing ticked: it says so and stays
    assert "flueben" in console.tools.message.value and w.state().phase == "voting"
    console._boxes[themes[0].id].value = True
    console._boxes[themes[2].id].value = True
    assert set(console.tools.choose.value) == {themes[0].id, themes[2].id}
    console.next.click()
    assert {th.id for th in w.ideas.themes() if th.chosen} == {themes[0].id, themes[2].id}
    assert w.state().phase == "groups"  # it moves on, as it says


def test_saving_the_choice_alone_stays_and_ticks_follow_the_store(store):
    app, w, people, themes = _voting_room(store)
    console = app.panel("voting").console
    w.voting.choose_themes([themes[1].id])
    app.refresh()
    assert [b.value for b in console._boxes.values()] == [False, True, False]
    console._boxes[themes[0].id].value = True
    console.tools.choose_button.click()
    assert console.tools.choose_button.description == "Gem valget"
    assert {th.id for th in w.ideas.themes() if th.chosen} == {themes[0].id, themes[1].id}
    assert w.state().phase == "voting"


def test_placing_new_ideas_says_what_it_did(sample):
    """Every theme of the sample has votes or wishes: the press places nothing, and now
    says so (it said nothing)."""
    app = FacilitatorApp(sample.store, URL)
    app.open(sample.id)
    sample.set_phase("ideas")
    someone = sample.participants()[0]
    sample.add_idea(someone, "Flere lektiecaféer på biblioteket om aftenen")
    app.set_phase("themes")
    panel = app.panel("themes")
    panel.themes.place.click()
    assert "Ingen idé blev placeret" in panel.placing.value
    assert "kit-error" in panel.placing.value


def test_placing_new_ideas_names_how_many_it_placed(store):
    app = FacilitatorApp(store, URL)
    w = app.create("Placering", "Aarhus")
    p = w.join("Ida", "kommune")
    w.set_phase("ideas")
    texts = ["Lektiehjælp til børn i skolen", "Lektiehjælp og skole for børnene",
             "Praktik i virksomheder og job", "Job og praktikpladser hos virksomheder"]
    ideas = [w.add_idea(p, x) for x in texts]
    late = w.add_idea(p, "Lektiehjælp for børn efter skole")
    school, work = w.add_theme("Skole"), w.add_theme("Job")
    for idea in ideas[:2]:
        w.ideas.assign_idea(idea.id, school.id)
    for idea in ideas[2:]:
        w.ideas.assign_idea(idea.id, work.id)
    app.set_phase("themes")
    panel = app.panel("themes")
    panel.themes.place.click()
    assert {i.id: i.theme_id for i in w.ideas()}[late.id] == school.id
    assert "1 ny idé er placeret" in panel.placing.value, panel.placing.value
    assert "kit-error" not in panel.placing.value


def test_deleting_an_actor_can_be_undone_and_otherwise_happens(sample):
    app = FacilitatorApp(sample.store, URL)
    app.open(sample.id)
    app.set_phase("prepare")
    panel = app.panel("prepare")
    actor = sample.prepare.actors()[0]
    panel.toast.seconds = 600
    panel.register.pick.value = actor.id
    panel.delete.click()
    # gone from the console at once, still in the store, a toast offers "Fortryd"
    assert actor.id not in [v for _, v in panel.register.pick.options]
    assert actor.id in {a.id for a in sample.prepare.actors()}
    assert panel.toast.root.layout.display is None
    assert actor.name in panel.toast.text.value and panel.toast.undo.description == "Fortryd"
    panel.toast.undo.click()
    assert actor.id in [v for _, v in panel.register.pick.options]
    assert panel.toast.root.layout.display == "none"
    assert actor.id in {a.id for a in sample.prepare.actors()}
    panel.toast.seconds = 0.2

    async def time_runs_out() -> None:  # on an event loop, as in the kernel (see test_undo)
        panel.register.pick.value = actor.id
        panel.delete.click()
        assert await _until_on_loop(
            lambda: actor.id not in {a.id for a in sample.prepare.actors()})
        assert await _until_on_loop(lambda: panel.toast.root.layout.display == "none")

    asyncio.run(time_runs_out())
    assert actor.id not in [v for _, v in panel.register.pick.options]


def test_deleting_a_participants_card_can_be_undone(sample):
    app = FacilitatorApp(sample.store, URL)
    app.open(sample.id)
    app.set_phase("timeline")
    panel = app.panel("timeline")
    card = next(c for c in sample.timeline.cards() if c.participant_id)
    panel.toast.seconds = 600
    panel.delete_card(card.id)
    assert card.id not in panel.card_editor.shown
    assert card.id in {c.id for c in sample.timeline.cards()}
    panel.toast.undo.click()
    assert card.id in panel.card_editor.shown
    # a second delete commits the first at once (one toast at a time)
    other = next(c for c in sample.timeline.cards() if c.id != card.id)
    panel.delete_card(card.id)
    panel.delete_card(other.id)
    assert card.id not in {c.id for c in sample.timeline.cards()}
    assert other.id in {c.id for c in sample.timeline.cards()}
    panel.toast.undo.click()
    assert other.id in {c.id for c in sample.timeline.cards()}
    assert other.id in panel.card_editor.shown


def test_a_closed_workshop_offers_no_vote_action_and_guidance_opens_once(store):
    app, w, people, themes = _voting_room(store)
    console = app.panel("voting").console
    assert "<details open" in app.guidance.value
    w.voting.open_voting()
    app.refresh()
    assert not console.next.disabled
    app.close_workshop()
    assert console.next.disabled and console.tools.choose_button.disabled
    assert all(b.disabled for b in console._boxes.values())
    app.reopen_workshop()
    assert not console.next.disabled
    # back on a step already read, its guidance starts folded; in another language, open
    app.set_phase("groups")
    app.set_phase("voting")
    assert "<details class" in app.guidance.value
    app.language_picker.value = "en"
    assert "<details open" in app.guidance.value and "Prioritising" in app.guidance.value


def test_with_no_theme_on_the_ballot_the_button_is_off_and_says_why(store):
    app = FacilitatorApp(store, URL)
    app.create("Tom", "Aarhus")
    app.set_phase("voting")
    console = app.panel("voting").console
    assert console.next.disabled
    assert "Ingen temaer er markeret til afstemning" in console.hint.value


def test_deleting_a_ground_rule_task_or_house_rule_can_be_undone(sample):
    """Issue 29 item 2: the ground rules' deletes wait beside "Fortryd" too."""
    app = FacilitatorApp(sample.store, URL)
    app.open(sample.id)
    app.set_phase("ground_rules")
    tools = app.panel("ground_rules").tools
    rules = sample.ground_rules
    task = rules.add_task("Følge til tandlægen")
    rule = rules.add_house_rule("Vi mødes en gang om måneden", agreed=True)
    app.refresh()
    tools.toast.seconds = 600
    tools.tasks.rows[task.id].delete.click()
    assert task.id not in tools.tasks.rows  # gone from the console at once
    assert task.id in {x.id for x in rules.tasks()}  # not yet stored
    assert "Følge til tandlægen" in tools.toast.text.value
    tools.toast.undo.click()
    assert tools.tasks.rows[task.id].root in tools.task_box.children
    assert task.id in {x.id for x in rules.tasks()}
    tools.toast.seconds = 0.2

    async def time_runs_out() -> None:
        tools.rules.rows[rule.id].delete.click()
        assert await _until_on_loop(lambda: rule.id not in {r.id for r in rules.house_rules()})
        assert await _until_on_loop(lambda: rule.id not in tools.rules.rows)

    asyncio.run(time_runs_out())
    assert tools.toast.root.layout.display == "none"
