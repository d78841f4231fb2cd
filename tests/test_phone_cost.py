"""A phone's cost stays flat through a whole workshop: 150 others writing notes, cards and
dots add no widget to Anna's phone and wake none of its views; her own writes update her
rows in place (a row per note or card, closed when she deletes it), so the kernel holds as
many widgets at the end as it did once each step's screen was first drawn.

Counted in `ipywidgets.Widget.widgets`, the kernel's registry of live widgets (each one
is also a model in the phone's browser)."""

from __future__ import annotations

import ipywidgets as w

from kit.model import Phase
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp

URL = "http://192.0.2.10:8866/"
OTHERS = 150


def live_widgets() -> int:
    return len(w.Widget.widgets)


def test_a_phone_keeps_its_widgets_flat_while_150_others_write(store):
    fac = FacilitatorApp(store, URL)
    workshop = fac.create("Hele salen", "Bakkeby")
    phone = ParticipantApp(store, code=workshop.code)
    phone.name_input.value, phone.sector_input.value = "Anna", "kommune"
    assert phone.join()
    anna = phone.participant
    assert anna is not None
    others = [workshop.join(f"Deltager {n}", ("kommune", "civilsamfund", "flygtning")[n % 3])
              for n in range(OTHERS)]
    woken: list[str] = []
    for name in ("timeline", "ideas", "voting"):
        screen = phone.screen(name)
        assert screen is not None
        original = screen.refresh
        screen.refresh = (lambda topics=frozenset(), name=name, original=original:  # type: ignore[method-assign]
                          (woken.append(name), original(topics))[1])

    def others_write(step: str) -> None:
        for n, p in enumerate(others):
            if step == "timeline":
                workshop.timeline.add_card(p, f"Opgave {n}", f"Forening {n}", category="sprog",
                                           start_week=n % 10, end_week=n % 10 + 2)
            elif step == "ideas":
                workshop.add_idea(p, f"Idé nummer {n}", "behov")
            elif step == "voting":
                workshop.vote(p, themes[n % 2].id)
            if n % 25 == 0:
                phone.live.poll()
        phone.live.poll()

    # -- timeline: Anna writes two cards, edits one; 150 others write one each
    fac.set_phase(Phase.TIMELINE)
    phone.live.poll()
    form = phone.screen("timeline").form
    for title in ("Sprogcafé", "Lektiehjælp"):
        form.title.value, form.owner.value = title, "Bakkeby Kommune"
        assert form.submit(), form.message.value
    phone.live.poll()   # her own writes heard
    start = live_widgets()
    woken.clear()
    others_write("timeline")
    assert live_widgets() == start and woken == []
    first = workshop.timeline.cards()[0]
    form.edit(next(c for c in workshop.timeline.cards() if c.participant_id == anna.id))
    form.title.value = "Sprogcafé hver tirsdag"
    assert form.submit(), form.message.value
    assert live_widgets() == start
    assert first.id  # the room's cards are all stored
    assert len(workshop.timeline.cards()) == OTHERS + 2

    # -- ideas: the same with notes, then Anna deletes one: its row's widgets are closed
    fac.set_phase(Phase.IDEAS)
    phone.live.poll()
    ideas = phone.screen("ideas").form
    for text in ("Tolk ved lægebesøg", "Mentorordning"):
        ideas.text.value = text
        assert ideas.submit()
    phone.live.poll()   # her own writes heard
    start = live_widgets()
    woken.clear()
    others_write("ideas")
    assert live_widgets() == start and woken == []
    row = ideas.rows.rows[next(iter(ideas.rows.rows))]
    row.delete.click()
    assert len(ideas.mine.children) == 1
    assert live_widgets() < start        # the deleted note's row is gone from the kernel too
    assert row.root.comm is None and row.edit.layout.comm is None
    phone.screen("ideas").undo.commit()  # Undo's seconds are up: the store deletes it
    assert len([i for i in workshop.ideas() if i.participant_id == anna.id]) == 1

    # -- voting: her dots update her rows in place; others' dots do not wake her phone
    fac.set_phase(Phase.THEMES)
    themes = [workshop.add_theme("Bolig"), workshop.add_theme("Sprog")]
    for th in themes:
        workshop.ideas.select_theme(th.id)
    fac.set_phase(Phase.VOTING)
    workshop.voting.open_voting()
    phone.live.poll()
    view = phone.screen("voting").view
    buttons = [r.children[2].children[0] for r in view.rows.children]
    start = live_widgets()
    buttons[0].click()
    buttons[1].click()
    assert live_widgets() == start
    assert [r.children[2].children[0] for r in view.rows.children] == buttons  # same buttons
    woken.clear()
    others_write("voting")
    assert live_widgets() == start and woken == []
    assert sum(workshop.voting.votes(anna).values()) == 2


def test_a_phone_redraws_once_per_own_write(store):
    """Her own note redraws her list at once, and the next poll finds nothing left to do
    (before, the write redrew the list and the poll that heard it redrew it again)."""
    fac = FacilitatorApp(store, URL)
    workshop = fac.create("Én gang", "Bakkeby")
    phone = ParticipantApp(store, code=workshop.code)
    phone.name_input.value, phone.sector_input.value = "Anna", "kommune"
    assert phone.join()
    fac.set_phase(Phase.IDEAS)
    phone.live.poll()
    screen = phone.screen("ideas")
    assert screen is not None
    drawn: list[frozenset] = []
    original = screen.refresh
    screen.refresh = (lambda topics=frozenset(): (drawn.append(topics), original(topics))[1])  # type: ignore[method-assign]
    form = screen.form
    form.text.value = "Tolk ved lægebesøg"
    assert form.submit(), form.message.value
    assert len(drawn) == 1
    assert [i.text for i in workshop.ideas() if i.participant_id == phone.participant.id] == [
        "Tolk ved lægebesøg"]
    phone.live.poll()
    assert len(drawn) == 1


def test_the_activity_overview_is_built_only_when_the_cards_change(store, monkeypatch):
    """The facilitator's timeline panel offers the activity overview as a download; opening
    the review or settling a finding redraws the panel but must not rebuild the workbook."""
    import kit.steps.timeline.facilitator as panel

    built: list[int] = []
    real = panel.overview_xlsx

    def counted(cards, language):
        built.append(len(cards))
        return real(cards, language)

    monkeypatch.setattr(panel, "overview_xlsx", counted)
    fac = FacilitatorApp(store, URL)
    workshop = fac.create("Oversigt", "Bakkeby")
    fac.set_phase(Phase.TIMELINE)
    workshop.timeline.add_card(None, "Sprogcafé", "Røde Kors", category="sprog",
                               start_week=1, end_week=4, sector="civilsamfund")
    fac.refresh()
    fac.refresh()
    workshop.timeline.set_review_open(True)
    fac.refresh()
    assert built == [1]
    workshop.timeline.add_card(None, "Lektiehjælp", "Bibliotek", category="familie",
                               start_week=2, end_week=8, sector="kommune")
    fac.refresh()
    assert built == [1, 2]
    assert "aktivitetsoversigt.xlsx" in fac.panel("timeline").review.download.value
