"""The phone's states that a room meets after the first minutes, driven by `.click()` without a
browser (their looks are measured in Chromium by `test_browser_phone`): the ground rules one
task at a time, a note deleted with a moment to undo it, a card or note the facilitator
removed, and a group's name, purpose and members in the phone's language."""

from __future__ import annotations

from kit.i18n import t
from kit.model import Phase
from kit.steps.groups.views import my_group_html
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp
from kit.ui.parts import isolate

URL = "http://192.0.2.10:8866/"


def joined(store, code, name, sector, language="da"):
    phone = ParticipantApp(store, code=code, public_url=URL, language=language)
    phone.name_input.value, phone.sector_input.value = name, sector
    phone.join_button.click()
    assert phone.participant is not None, phone.error.value
    return phone


def test_the_ground_rules_phone_says_its_question_once(store):
    """The page's step hint and the rules' own intro both asked "who should take care of
    ...?" one above the other: now one sentence says the question and how to vote; the own
    intro speaks only when no task waits."""
    facilitator = FacilitatorApp(store, URL)
    w = facilitator.create("Spilleregler", "Aarhus")
    phones = {L: joined(store, w.code, f"Bo {L}", "civilsamfund", language=L)
              for L in ("da", "en", "uk", "ar")}
    facilitator.set_phase("ground_rules")
    w.ground_rules.add_task("Opgave 1")
    for L, phone in phones.items():
        phone.live.poll()
        view = phone.screens["ground_rules"].view
        hint = phone.phase_hint.value
        assert t("rules.phone_intro", L) in hint, (L, hint)
        assert t("phase_hint.ground_rules", L) not in hint
        assert t("rules.phone_intro", L) not in view.intro.value
    for task in w.ground_rules.tasks():
        w.ground_rules.delete_task(task.id)
    phone = phones["uk"]
    phone.live.poll()
    assert t("rules.phone_none", "uk") in phone.screens["ground_rules"].view.intro.value
    assert t("phase_hint.ground_rules", "da") not in phones["da"].phase_hint.value
    facilitator.set_phase("ideas")                 # other steps keep the general hint
    phones["da"].live.poll()
    assert t("phase_hint.ideas", "da") in phones["da"].phase_hint.value


def test_ground_rules_show_one_task_at_a_time_and_move_on_after_a_vote(store):
    facilitator = FacilitatorApp(store, URL)
    w = facilitator.create("Spilleregler", "Aarhus")
    phone = joined(store, w.code, "Bo", "civilsamfund")
    facilitator.set_phase("ground_rules")
    for n in range(26):
        w.ground_rules.add_task(f"Opgave {n}")
    tasks = w.ground_rules.tasks()  # in the order the phone shows them
    phone.live.poll()
    view = phone.screens["ground_rules"].view
    assert view.current == tasks[0].id and "Opgave 0" in view.card.label.value
    assert "Opgave 1 af 26 · du har svaret på 0" in view.progress.value
    assert view.previous.disabled and not view.next.disabled
    # a vote is stored and the phone moves on to the next task
    view.card.buttons[next(iter(view.card.buttons))].click()
    assert list(w.ground_rules.votes(phone.participant).values()) == ["frivillige"]
    assert view.current == tasks[1].id
    assert "Opgave 2 af 26 · du har svaret på 1" in view.progress.value
    # back to the first: its choice is marked (and aria-pressed follows kit-chosen)
    view.previous.click()
    chosen = [b for b in view.card.buttons.values() if "kit-chosen" in b._dom_classes]
    assert [b.description for b in chosen] == ["✓ " + t("rules.division.frivillige", "da")]
    # tapping the chosen one again takes the vote back, and the phone stays
    chosen[0].click()
    assert w.ground_rules.votes(phone.participant) == {}
    assert view.current == tasks[0].id
    # after the last one there is no "next", and the phone speaks its language
    for _ in range(30):
        view.next.click()
    assert view.current == tasks[-1].id and view.next.disabled
    phone.language_picker.value = "uk"
    assert "Завдання 26 з 26" in view.progress.value
    assert view.next.description == t("rules.next", "uk")
    # a vote for the last task, when the others are answered, says all are answered
    for task in tasks:
        w.ground_rules.vote(phone.participant, task.id, "sammen")
    phone.live.poll()
    assert t("rules.all_answered", "uk") in view.progress.value


def test_a_deleted_note_or_card_can_be_undone_and_otherwise_is_deleted(store):
    facilitator = FacilitatorApp(store, URL)
    w = facilitator.create("Idéer", "Aarhus")
    phone = joined(store, w.code, "Anna", "kommune")
    facilitator.set_phase(Phase.IDEAS)
    phone.live.poll()
    screen = phone.screens["ideas"]
    screen.undo.seconds = 3600  # the test says when the time is up
    form, undo = screen.form, screen.undo
    for text in ("Tolk ved lægebesøg", "Mentorordning"):
        form.text.value = text
        assert form.submit()
    phone.live.poll()
    first = next(iter(form.rows.rows.values()))
    first.delete.click()
    # hidden at once, with Undo beside "deleted" just above the list; the store still has it
    assert len(form.mine.children) == 1 and undo.root.layout.display is None
    assert form.root.children.index(undo.root) == form.root.children.index(form.mine) - 1
    assert t("idea.deleted", "da") in undo.text.value and undo.undo.description == "Fortryd"
    assert len(w.ideas()) == 2
    undo.undo.click()
    assert len(form.mine.children) == 2 and undo.root.layout.display == "none"
    assert len(w.ideas()) == 2
    # deleted again, and the time is up: the store deletes it, and the phone does not
    # mistake its own delete for the facilitator's
    next(iter(form.rows.rows.values())).delete.click()
    undo.commit()
    phone.live.poll()
    assert len(w.ideas()) == 1 and len(form.mine.children) == 1
    assert undo.root.layout.display == "none"
    assert "Facilitatoren" not in screen.notice.value
    # a second delete while one waits: the first is stored at once, the second waits
    form.text.value = "Lektiehjælp"
    assert form.submit()
    phone.live.poll()
    rows = list(form.rows.rows.values())
    rows[0].delete.click()
    rows[1].delete.click()
    assert len(w.ideas()) == 1 and form.mine.children == (form.none,)
    undo.undo.click()
    assert len(form.mine.children) == 1

    # the same for a card, in Ukrainian
    phone.language_picker.value = "uk"
    facilitator.set_phase(Phase.TIMELINE)
    phone.live.poll()
    cards = phone.screens["timeline"]
    cards.undo.seconds = 3600
    cards.form.title.value, cards.form.owner.value = "Мовне кафе", "Червоний Хрест"
    assert cards.form.submit()
    phone.live.poll()
    next(iter(cards.form.rows.rows.values())).delete.click()
    assert cards.form.mine.children == (cards.form.none,)
    assert cards.undo.undo.description == t("common.undo", "uk")
    assert t("card.deleted", "uk") in cards.undo.text.value and len(w.timeline.cards()) == 1
    cards.undo.undo.click()
    assert len(cards.form.mine.children) == 1
    next(iter(cards.form.rows.rows.values())).delete.click()
    cards.undo.commit()
    assert w.timeline.cards() == [] and "Фасилітатор" not in cards.notice.value


def test_a_phone_says_when_the_facilitator_removed_its_note_or_card(store):
    facilitator = FacilitatorApp(store, URL)
    w = facilitator.create("Fjernet", "Aarhus")
    phone = joined(store, w.code, "فاطمة", "flygtning", language="ar")
    facilitator.set_phase(Phase.TIMELINE)
    phone.live.poll()
    cards = phone.screens["timeline"].form
    cards.title.value, cards.owner.value = "Sprogcafé", "Røde Kors"
    assert cards.submit()
    phone.live.poll()
    card = w.timeline.cards()[0]
    cards.edit(card)  # she is editing it when it goes
    w.timeline.delete_card(card.id)
    phone.live.poll()
    said = t("card.removed", "ar", count=1, titles=isolate("Sprogcafé"))
    notice = phone.screens["timeline"].notice
    assert notice.value.endswith(f">{said}</div>") and "الميسّر" in said
    assert cards.root.children[0] is notice   # at the top, where the phone opens
    assert cards.editing is None and cards.save.description == t("card.add", "ar")
    assert t("card.added", "ar") not in cards.message.value   # the stale "added" is gone

    facilitator.set_phase(Phase.IDEAS)
    phone.live.poll()
    notes = phone.screens["ideas"].form
    notes.text.value = "Tolk <b>ved</b> lægen"
    assert notes.submit()
    phone.live.poll()
    w.ideas.delete_idea(w.ideas()[0].id, None)
    phone.live.poll()
    notice = phone.screens["ideas"].notice.value
    assert t("idea.removed", "ar", count=1, titles="").split(":")[0] in notice
    assert "&lt;b&gt;ved" in notice and "<b>" not in notice
    assert notes.mine.children == (notes.none,)
    notes.text.value = "Lektiehjælp"     # her next note: the notice has been read
    assert notes.submit()
    assert phone.screens["ideas"].notice.value.endswith("></div>")


def test_my_group_in_the_phones_language_with_each_member_isolated(store):
    facilitator = FacilitatorApp(store, URL)
    w = facilitator.create("Grupper", "Aarhus")
    olena = joined(store, w.code, "Олена", "flygtning", language="uk")
    fatima = joined(store, w.code, "فاطمة أحمد", "flygtning", language="ar")
    anna = joined(store, w.code, "Anna Hansen", "kommune")
    theme = w.add_theme("Bolig")
    w.ideas.select_theme(theme.id)
    w.voting.choose_themes([theme.id])
    w.set_translation(theme.id, "uk", "Житло")
    w.set_phase(Phase.GROUPS)
    for phone in (olena, fatima, anna):
        w.groups.set_preferences(phone.participant, {theme.id: 1})
    w.groups.form_groups(time_limit=5)
    w.groups.confirm_groups()
    group = w.groups()[0]
    assert group.name == "Bolig" and group.purpose.startswith("Gruppen arbejder")
    people = {p.id: p for p in w.participants()}
    uk = my_group_html(group, people, True, "uk", w.translated("uk"), theme=theme)
    # the untouched name and the kit's own sentence follow the theme's translation
    assert "<bdi>Житло</bdi>" in uk and "«Житло»" in uk and "Gruppen arbejder" not in uk
    # without a translation into Arabic: the Danish name, the kit's sentence in Danish
    ar = my_group_html(group, people, True, "ar", w.translated("ar"), theme=theme)
    assert "<bdi>Bolig</bdi>" in ar and "Gruppen arbejder" in ar
    # every member a chip of their own, isolated
    assert ar.count("<li><bdi>") == 3 and "<li><bdi>فاطمة أحمد</bdi></li>" in ar
    # once the theme is translated into Arabic, the name and the kit's sentence are Arabic too
    w.set_translation(theme.id, "ar", "السكن")
    ar = my_group_html(group, people, True, "ar", w.translated("ar"), theme=theme)
    assert "<bdi>السكن</bdi>" in ar and "Gruppen arbejder" not in ar and "Bolig" not in ar
    # a name the facilitator wrote wins over the theme's translation
    w.groups.update_group(group.id, name="Boliggruppen")
    renamed = my_group_html(w.groups()[0], people, True, "uk", w.translated("uk"), theme=theme)
    assert "<bdi>Boliggruppen</bdi>" in renamed
    # and the phone itself shows it
    olena.live.poll()
    shown = olena.screens["groups"].my_group.value
    assert "Boliggruppen" in shown and "«Житло»" in shown


def test_an_empty_field_on_the_card_form_is_named_as_the_phone_asks_it(store):
    facilitator = FacilitatorApp(store, URL)
    w = facilitator.create("Tomt felt", "Aarhus")
    phone = joined(store, w.code, "Олена", "flygtning", language="uk")
    facilitator.set_phase(Phase.TIMELINE)
    phone.live.poll()
    form = phone.screens["timeline"].form
    form.title.value, form.owner.value = "Мовне кафе", "   "
    assert not form.submit()
    said = form.message.value
    assert t("card.owner", "uk") in said and "керівних" not in said   # no "control characters"
    assert w.timeline.cards() == []
    form.owner.value = "Червоний Хрест"
    assert form.submit() and len(w.timeline.cards()) == 1
