"""Issue 27, item 4: the next workshop in a partnership builds on the last. Workshop 1 (the
sample: actors, cards, groups, fora) is run and closed; workshop 2 in the same partnership
starts with its register, its current offers (marked carried), its running groups and its fora
under the same ids; what changed since then is told (`timeline.since_last`)."""

from __future__ import annotations

import pytest

import kit
from kit.core import errors
from kit.steps.groups.model import Group, GroupStatus
from kit.steps.prepare.model import Actor
from kit.steps.timeline.changes import compare
from kit.steps.timeline.model import Card
from tests.helpers import SAMPLE


def _run_workshop_one(store):
    """The sample workshop as a first year: one offer ended after the day, one group closed."""
    w1 = kit.import_workshop(SAMPLE, store)
    ended = w1.timeline.card("c04")
    w1.timeline.retire_card(ended.id)
    w1.groups.update_group("g3", status="closed")
    w1.close()
    return w1, ended


def test_the_next_workshop_starts_with_what_the_last_left(any_store):
    w1, ended = _run_workshop_one(any_store)
    partnership = w1.partnership
    w2 = partnership.create_workshop("Sammen om modtagelsen 2027", "2027-11-22")
    assert w2.state().partnership_id == partnership.id and w2.facilitator_key
    assert w2.previous().id == w1.id and w1.previous() is None

    # the actor register, whole and under the same ids
    assert [(a.id, a.name, a.contact) for a in w2.prepare.actors()] == [
        (a.id, a.name, a.contact) for a in w1.prepare.actors()]

    # the current offers, marked carried; the ended one stays behind; no author link
    current = [c for c in w1.timeline.cards() if not c.retired]
    cards = w2.timeline.cards()
    assert [(c.id, c.title, c.start_week) for c in cards] == [
        (c.id, c.title, c.start_week) for c in current]
    assert ended.id not in {c.id for c in cards} and len(cards) == 29
    assert all(c.carried and c.participant_id is None and not c.retired for c in cards)
    assert not any(c.carried for c in w1.timeline.cards())

    # the running groups with their terms, invited actors and open actions; no members
    groups = {g.id: g for g in w2.groups()}
    assert set(groups) == {"g1", "g2"}  # g3 was closed
    before = {g.id: g for g in w1.groups()}
    for gid, g in groups.items():
        assert g.carried and g.status is GroupStatus.RUNNING and g.theme_id is None
        assert (g.name, g.purpose, g.tasks, g.mandate) == (
            before[gid].name, before[gid].purpose, before[gid].tasks, before[gid].mandate)
        assert g.members == () and g.coordinator_id is None and g.first_meeting == ""
        assert g.invited == before[gid].invited and g.invited
    assert [(x.id, x.group_id) for x in w2.groups.actions()] == [("x1", "g1"), ("x2", "g2")]
    # the groups' names and purposes in the phones' languages come along; last year's first
    # meeting does not
    carried = {(x.item_id, x.field, x.language) for x in w2.translations()}
    assert ("g1", "label", "uk") in carried and ("g1", "purpose", "ar") in carried
    assert not any(f == "first_meeting" or i == "g3" for i, f, _ in carried)

    # the fora keep their ids; only the actors among their members come along
    fora = {f.id: f for f in w2.follow_up.fora()}
    old = {f.id: f for f in w1.follow_up.fora()}
    assert set(fora) == set(old) == {"f1", "f2"}
    for fid, f in fora.items():
        assert f.members == tuple(m for m in old[fid].members if m.startswith("actor:"))
        assert f.purpose == old[fid].purpose
    assert fora["f1"].coordinator is None  # a participant of the day before
    assert fora["f2"].coordinator == "actor:a10"
    assert fora["f2"].members

    # workshop 1 is as it was
    assert len(w1.timeline.cards()) == 30 and len(w1.groups()) == 3


def test_what_changed_since_last_time(any_store):
    w1, ended = _run_workshop_one(any_store)
    w2 = w1.partnership.create_workshop("Næste år", "2027-11-22")
    first = w2.timeline.since_last()
    assert first is not None
    assert first.offers_new == () and len(first.offers_carried) == 29
    assert first.offers_ended == (ended.title,)
    assert first.actors_new == () and first.actors_gone == ()
    assert set(first.groups_continued) == {"Boliggruppen", "Sproggruppen"}
    assert first.groups_ended == ("Koordineringsgruppen",)

    gone = w2.timeline.cards()[0]
    w2.timeline.retire_card(gone.id)
    w2.timeline.add_card(None, "Cykelværksted", "Genbrugsværkstedet", "netværk", 2, 20,
                         sector="civilsamfund")
    w2.prepare.add_actor("Genbrugsværkstedet", "social forening", "civilsamfund")
    w2.groups.update_group("g2", status="closed")
    now = w2.timeline.since_last()
    assert now.offers_new == ("Cykelværksted",)
    assert len(now.offers_carried) == 28 and gone.title not in now.offers_carried
    assert set(now.offers_ended) == {ended.title, gone.title}
    assert now.actors_new == ("Genbrugsværkstedet",)
    assert now.groups_continued == ("Boliggruppen",)
    assert set(now.groups_ended) == {"Koordineringsgruppen", "Sproggruppen"}
    assert w1.timeline.since_last() is None


def test_a_third_workshop_builds_on_the_second_and_forum_ids_stay(store):
    w1, _ = _run_workshop_one(store)
    partnership = w1.partnership
    w2 = partnership.create_workshop("Andet år", "2027-11-22")
    forum = w2.follow_up.add_forum("arbejdsgruppe", "Lektiecafé-netværket")
    w2.close()
    w3 = partnership.create_workshop("Tredje år", "2028-11-20")
    assert w3.previous().id == w2.id
    assert {f.id for f in w3.follow_up.fora()} == {"f1", "f2", forum.id}
    assert [s.id for s in partnership.workshops()] == [w1.id, w2.id, w3.id]


def test_a_workshop_of_its_own_carries_nothing_and_only_the_coordinator_may_add(store):
    w1, _ = _run_workshop_one(store)
    alone = store.create_workshop("Ny start", "Bakkeby Kommune")
    assert alone.timeline.cards() == [] and alone.prepare.actors() == []
    assert alone.groups() == [] and alone.follow_up.fora() == []
    assert alone.timeline.since_last() is None
    reader = store.partnership(w1.partnership.id)  # no coordinator key
    with pytest.raises(errors.CoordinatorOnly):
        reader.create_workshop("Uden lov")
    assert len(reader.workshops()) == 1


def test_carried_groups_stay_when_groups_are_formed_anew_and_export_round_trips(store,
                                                                                tmp_path):
    w1, _ = _run_workshop_one(store)
    w2 = w1.partnership.create_workshop("Næste år", "2027-11-22")
    people, _prefs, membership, themes = w2.groups.grouping_inputs()
    assert themes == [] and membership == {}  # carried groups are outside the forming
    anna = w2.join("Anna Holm", "kommune", "Jobcentret")
    w2.groups.move_member(anna, "g1")  # a carried group is manned by hand
    assert w2.groups.group("g1").members == (anna.id,)
    path = kit.export_workshop(w2, tmp_path / "w2.xlsx")
    other = kit.open_store("sqlite://")
    again = kit.import_workshop(path, other)
    assert {(g.id, g.carried, g.theme_id) for g in again.groups()} == {
        ("g1", True, None), ("g2", True, None)}
    assert all(c.carried for c in again.timeline.cards())
    other.close()


def test_compare_is_pure_and_reads_ids_not_titles():
    a = Card("c1", "Sprogcafé", "Biblioteket", "civilsamfund", "sprog", 1, 5)
    renamed = Card("c1", "Sprogcafé om aftenen", "Biblioteket", "civilsamfund", "sprog", 1, 5,
                   carried=True)
    g = Group("g1", None, "Boliggruppen")
    changes = compare([a], [renamed], [Actor("a1", "Røde Kors", "social forening",
                                             "civilsamfund")], [], [g], [g])
    assert changes.offers_carried == ("Sprogcafé om aftenen",) and changes.offers_new == ()
    assert changes.actors_gone == ("Røde Kors",) and changes.groups_continued == ("Boliggruppen",)
    assert compare([], [], [], [], [], []).empty and not changes.empty


# -- what people see: the board, the report, the console -----------------------------------
URL = "http://192.0.2.10:8866/"


def test_the_board_tags_carried_cards_and_counts_what_changed(store):
    from kit.ui.board import BoardApp

    w1, ended = _run_workshop_one(store)
    w2 = w1.partnership.create_workshop("Næste år", "2027-11-22")
    w2.set_phase("timeline")
    w2.timeline.add_card(None, "Cykelværksted", "Genbrugsværkstedet", "netværk", 2, 20,
                         sector="civilsamfund")
    board = BoardApp(store, w2.code, URL)
    board.live.poll()
    screen = board.screen("timeline")
    html = screen.timeline.value
    assert html.count(" kit-tl-carried") == 29  # every carried card, the new one not
    new_card = html.split("Cykelværksted")[0].rsplit("<div", 1)[1]
    assert "kit-tl-carried" not in new_card
    since = screen.since.value
    assert "Siden sidst" in since and since.count('class="kit-tl-from"') == 1  # the legend
    assert 'data-since="offers_new">Nye tilbud: 1<' in since
    assert 'data-since="offers_carried"><span class="kit-tl-from"></span>Tilbud fra sidst: 29<' \
        in since
    assert 'data-since="offers_ended">Ophørte tilbud: 1<' in since
    assert 'data-since="groups_ended">Grupper afsluttet: 1<' in since
    assert ended.title not in since  # counts on the wall; names are in the report
    w2.prepare.add_actor("Genbrugsværkstedet", "social forening", "civilsamfund")
    w2.groups.update_group("g1", status="closed")
    board.live.poll()  # the line follows the register and the groups, not only the cards
    assert 'data-since="actors_new">Nye aktører: 1<' in screen.since.value
    assert 'data-since="groups_ended">Grupper afsluttet: 2<' in screen.since.value
    alone = store.create_workshop("Alene", "Aarhus")  # a partnership's first: no line
    alone.set_phase("timeline")
    first = BoardApp(store, alone.code, URL)
    first.live.poll()
    assert first.screen("timeline").since.value == ""
    assert " kit-tl-carried" not in first.screen("timeline").timeline.value


def test_the_report_says_what_changed_since_last_time(store):
    from kit.reports.workshop import report_blocks, report_html

    w1, ended = _run_workshop_one(store)
    w2 = w1.partnership.create_workshop("Næste år", "2027-11-22")
    w2.prepare.add_actor("Genbrugsværkstedet", "social forening", "civilsamfund")
    blocks = report_blocks(w2, "da")
    at = [b.text for b in blocks].index("Siden sidst")
    assert blocks[at].kind == "h1" and "Sammen om modtagelsen" in blocks[at + 1].text
    rows = {r[0]: r for r in blocks[at + 2].rows}
    assert rows["Ophørte tilbud"][1:] == ("1", ended.title)
    assert rows["Nye aktører"][1:] == ("1", "Genbrugsværkstedet")
    assert rows["Grupper afsluttet"][1:] == ("1", "Koordineringsgruppen")
    assert rows["Tilbud fra sidst"][1] == "29"
    assert rows["Tilbud fra sidst"][2].startswith("29 i alt, bl.a. ")
    assert rows["Nye tilbud"][1:] == ("0", "–")
    assert "Since last time" in report_html(report_blocks(w2, "en"), "en")
    assert "Siden sidst" not in [b.text for b in report_blocks(w1, "da")]


def test_the_console_creates_the_next_workshop_in_the_partnership(store):
    from kit.ui.facilitator import FacilitatorApp

    w1 = kit.import_workshop(SAMPLE, store)
    app = FacilitatorApp(store, URL)
    app.open(w1.id)
    panel = app.next_workshop
    assert panel.root in app.more.body.children
    assert "Ny workshop i dette samarbejde" in panel.heading.value
    # bad input: a clear message, nothing created
    panel.title.value = "   "
    panel.create_button.click()
    assert "kit-error" in panel.message.value and panel.message.value.count(">") > 1
    assert len(w1.partnership.workshops()) == 1 and panel.made is None
    panel.title.value = "<script>alert(1)</script> 2027"
    import datetime as dt

    panel.date.value = dt.date(2027, 11, 22)
    panel.create_button.click()
    made = panel.made
    assert made is not None and panel.message.value.endswith("></div>")
    assert [s.id for s in w1.partnership.workshops()] == [w1.id, made.id]
    assert made.state().date == "2027-11-22" and made.state().title.startswith("<script>")
    result = panel.result.value
    assert made.code in result and made.facilitator_key in result
    assert "<script>" not in result and "&lt;script&gt;" in result
    assert "25 aktører, 30 tilbud, 3 grupper, 2 fora" in result
    assert panel.open_button.layout.display is None
    panel.open_button.click()
    assert app.workshop is not None and app.workshop.id == made.id
    assert app.workshop.facilitator_key == made.facilitator_key
    # during a rehearsal the next workshop is built on the real one, not the scratch copy
    app.rehearse()
    third = panel.create("Tredje år")
    assert third.previous().id == made.id
    assert third.state().partnership_id == made.state().partnership_id
    app.end_rehearsal()


def test_a_participant_handle_cannot_create_the_next_workshop(store):
    w1 = kit.import_workshop(SAMPLE, store)
    participant_view = store.workshop(w1.code)  # no facilitator key
    with pytest.raises(errors.CoordinatorOnly):
        participant_view.partnership.create_workshop("Uden lov")


def test_kit_new_makes_the_next_workshop_from_the_shell(tmp_path, capsys):
    from kit.cli import main

    db = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    assert main(["import", str(SAMPLE), "--database-url", db]) == 0
    capsys.readouterr()
    # named by a workshop's code (a coordinator knows that one), then by the partnership id
    assert main(["new", "Sammen om modtagelsen 2027", "--partnership", "BKY4MT",
                 "--date", "2027-11-22", "--database-url", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    code, workshop_id = lines[0].split()
    assert lines[1].startswith("Facilitator key: ")
    assert lines[2] == "Carried over: 25 actors, 30 offers, 3 groups, 2 fora"
    store = kit.open_store(db)
    second = store.facilitate(workshop_id)
    assert second.code == code and second.previous().id == "w-bakkeby-2026"
    assert main(["new", "Tredje", "--partnership", second.state().partnership_id,
                 "--database-url", db]) == 0
    assert len(second.partnership.workshops()) == 3
    capsys.readouterr()
    assert main(["new", "X", "--partnership", "NOPE00", "--database-url", db]) == 2
    assert "NOPE00" in capsys.readouterr().err
    assert main(["new", "", "--partnership", code, "--database-url", db]) == 2
    assert len(second.partnership.workshops()) == 3
    store.close()


def test_the_coordinators_offer_list_marks_what_came_from_last_time(store):
    from kit.ui.facilitator import FacilitatorApp

    w1, _ = _run_workshop_one(store)
    w2 = w1.partnership.create_workshop("Næste år", "2027-11-22")
    fresh = w2.timeline.add_card(None, "Cykelværksted", "Genbrugsværkstedet", "netværk", 2,
                                 20, sector="civilsamfund")
    app = FacilitatorApp(store, URL)
    app.open(w2.id)
    app.set_phase("follow_up")
    rows = app.panel("follow_up").offers.cards.rows
    assert "(fra sidst)" in rows["c01"].text.value
    assert "(fra sidst)" not in rows[fresh.id].text.value
