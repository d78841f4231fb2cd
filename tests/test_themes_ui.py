"""Ideas and themes in the apps, without a browser."""

from __future__ import annotations

import html

from kit.model import Phase
from kit.ui.board import BoardApp
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp

URL = "http://192.0.2.10:8866/"
IDEAS = ["Flere sprogvenner til voksne", "Sprogcafé om aftenen", "Tolk ved de første møder",
         "Møbler til nye lejligheder", "Hjælp til indflytning", "Husorden er svær",
         "Fælles kalender over tilbud", "Nyhedsbrev til frivillige", "flere sprogvenner til voksne",
         "<img src=x onerror=alert(1)>"]


def setup(store):
    fac = FacilitatorApp(store, URL)
    w = fac.create("Idéer", "Aarhus")
    phone = ParticipantApp(store, code=w.code)
    phone.name_input.value, phone.sector_input.value = "Anna", "civilsamfund"
    phone.join_button.click()
    return fac, w, phone


def test_phone_ideas_reach_the_board_anonymously(store):
    fac, w, phone = setup(store)
    board = BoardApp(store, w.code, URL)
    fac.set_phase(Phase.IDEAS)
    phone.live.poll()
    form = phone.screen("ideas").form
    assert form.root in phone.step_area.children
    for text in IDEAS:
        form.text.value = text
        form.save.click()
    form.text.value = "x" * 281
    form.save.click()
    assert "280" in form.message.value and len(w.ideas()) == len(IDEAS)
    assert len(form.mine.children) == len(IDEAS)
    form.edit(w.ideas()[0])
    form.text.value = "Flere sprogvenner til voksne og unge"
    form.save.click()
    assert w.ideas()[0].text.endswith("og unge") and len(w.ideas()) == len(IDEAS)
    board.live.poll()
    assert "Anna" not in board.screen(board.phase_now).ideas.value   # notes are anonymous on screen
    view = board.screen(board.phase_now).ideas
    assert html.escape(IDEAS[-1]) in view.value and IDEAS[-1] not in view.value
    fac.set_phase(Phase.THEMES)
    phone.live.poll()
    assert form.root not in phone.step_area.children


def test_suggest_drag_merge_split_rename_select_undo(store):
    fac, w, phone = setup(store)
    fac.set_phase(Phase.IDEAS)
    for text in IDEAS:
        w.add_idea(phone.participant, text, "behov")
    fac.set_phase(Phase.THEMES)
    tools = fac.panel("themes").themes
    assert tools.root in fac.panel("themes").console.fold.body.children
    assert fac.panel("themes").root in fac.step_tools.children
    tools.count.value = 3
    tools.suggest.click()
    assert len(w.ideas.themes()) == 3 and all(i.theme_id for i in w.ideas())
    data = tools.board.board
    assert len(data["themes"]) == 3 and data["unassigned"] == []
    alike = [n for th in data["themes"] for n in th["ideas"] if n["same"] == 2]
    assert len(alike) == 2   # the two "sprogvenner" notes are shown as alike
    first, second = data["themes"][0], data["themes"][1]
    idea = second["ideas"][0]["id"]
    tools.board.move(idea, first["id"])             # what a drop sends
    assert w.ideas()[[i.id for i in w.ideas()].index(idea)].theme_id == first["id"]
    tools.board.handle({"action": "rename", "theme": first["id"], "label": "Sprog"})
    tools.board.handle({"action": "select", "theme": first["id"], "selected": True})
    assert {(t.label, t.selected) for t in w.ideas.themes()} >= {("Sprog", True)}
    tools.board.handle({"action": "merge", "into": first["id"], "from": second["id"]})
    assert len(w.ideas.themes()) == 2
    inside = [i.id for i in w.ideas() if i.theme_id == first["id"]][:2]
    tools.board.handle({"action": "split", "theme": first["id"], "ideas": inside})
    assert len(w.ideas.themes()) == 3
    tools.new_label.value = "Tomt"
    tools.new.click()
    empty = next(t for t in w.ideas.themes() if t.label == "Tomt")
    tools.board.handle({"action": "delete", "theme": empty.id})
    assert "Tomt" not in {t.label for t in w.ideas.themes()}
    tools.board.handle({"action": "delete", "theme": first["id"]})
    assert "Flyt" in tools.message.value                # not empty: refused with a message
    tools.undo.click()
    assert "Tomt" in {t.label for t in w.ideas.themes()}
    board = BoardApp(store, w.code, URL)
    view = board.screen(board.phase_now).ideas
    assert "Sprog" in view.value and "kit-theme-box selected" in view.value
    shown = board.screen(board.phase_now).ideas.value
    assert "<img" not in shown            # a theme shows its first notes; none as markup
    from kit.steps.ideas.views import ideas_html
    assert html.escape(IDEAS[-1]) in ideas_html(w.ideas(), "da")


def test_place_the_new_ideas_from_the_theme_tools(store):
    """Issue 20: late ideas go into the room's themes, marked (and why on hover) until
    accepted; one click undoes the placing."""
    fac, w, phone = setup(store)
    fac.set_phase(Phase.IDEAS)
    for text in IDEAS[:8]:
        w.add_idea(phone.participant, text, "behov")
    fac.set_phase(Phase.THEMES)
    tools = fac.panel("themes").themes
    tools.count.value = 3
    tools.suggest.click()
    fac.set_phase(Phase.IDEAS)
    late = w.add_idea(phone.participant, "Flere sprogvenner og en sprogcafé", "behov")
    fac.set_phase(Phase.THEMES)
    assert tools.accept.disabled
    tools.place.click()
    placed = {i.id: i.theme_id for i in w.ideas()}[late.id]
    assert placed is not None and set(w.ideas.suggested()) == {late.id}
    shown = [n for th in tools.board.board["themes"] for n in th["ideas"] if n["id"] == late.id]
    assert shown[0]["why"].startswith("Foreslået af kittet") and not tools.accept.disabled
    tools.accept.click()
    assert w.ideas.suggested() == {} and tools.accept.disabled
    tools.undo.click()                                   # the acceptance
    tools.undo.click()                                   # the placing
    assert {i.id: i.theme_id for i in w.ideas()}[late.id] is None


def test_while_notes_are_written_the_facilitator_sees_them_and_deletes_one_in_two_presses(store):
    """The ideas step's console: how many notes per question, every note newest first, and a
    delete that asks on the first press; the board loses the note at once."""
    fac = FacilitatorApp(store, "http://192.0.2.10:8866/")
    w = fac.create("Noter", "Aarhus")
    fac.set_phase(Phase.IDEAS)
    anna = w.join("Anna", "kommune")
    w.add_idea(anna, "Tolk til lægen", "behov")
    rude = w.add_idea(anna, "<b>noget grimt</b>", "udfordring")
    fac.refresh()
    panel = fac.panel("ideas")
    assert fac.step_tools.children == (panel.root,)
    assert "2 noter" in panel.summary.value and "1 note" in panel.summary.value
    rows = panel.idea_rows.rows
    assert list(rows) == [rude.id, next(i.id for i in w.ideas() if i.id != rude.id)]
    assert "&lt;b&gt;noget grimt" in rows[rude.id].text.value
    board = BoardApp(store, w.code, "http://192.0.2.10:8866/")
    assert "noget grimt" in board.screen(board.phase_now).ideas.value
    rows[rude.id].delete.click()                 # the first press only asks, plainly
    asking = rows[rude.id].asking
    assert rude.id in {i.id for i in w.ideas()} and asking.asking
    assert "kan ikke fortrydes" in asking.question.value and "telefon" in asking.question.value
    assert asking.yes.description == "Ja, slet noten" and asking.no.description == "Annullér"
    asking.no.click()                            # backs out: nothing deleted
    assert not asking.asking and rude.id in {i.id for i in w.ideas()}
    rows[rude.id].delete.click()
    asking.yes.click()
    assert rude.id not in {i.id for i in w.ideas()}
    assert rude.id not in panel.idea_rows.rows and "1 note" in panel.summary.value
    board.live.poll()
    assert "noget grimt" not in board.screen(board.phase_now).ideas.value
