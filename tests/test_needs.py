"""The refugees' needs check: anonymous answers by area, gaps against the timeline's offers,
rounds over time, texts held back until read; on every kind of store."""

from __future__ import annotations

import pytest

import kit
from kit import errors
from kit.exchange import sort_rows
from kit.model import Category
from kit.steps.needs.logic import GAP_NEED, by_area, change, coverage
from kit.steps.needs.model import NeedAnswer, Question
from kit.steps.needs.report import section


def answer(response, question, category=None, text=""):
    return NeedAnswer(f"{response}{question}{category}", response, "2026-11", Question(question),
                      None if category is None else Category(category), text)


def test_need_share_counts_respondents_not_picks():
    answers = [answer("r1", "sværest", "bolig"), answer("r1", "mangler", "bolig"),
               answer("r2", "sværest", "sprog"), answer("r2", "hjælper", "netværk"),
               answer("r3", "hjælper", "bolig"), answer("r3", "sværest", None, "Huslejen")]
    areas = {a.category: a for a in by_area(answers, {Category.SPROG: 4})}
    assert areas[Category.BOLIG].need == pytest.approx(1 / 3)  # r1 once, though twice named
    assert areas[Category.BOLIG].hardest == 1 and areas[Category.BOLIG].helps == 1
    assert areas[Category.BOLIG].gap and areas[Category.BOLIG].need >= GAP_NEED
    assert not areas[Category.SPROG].gap  # named, but four offers reach it
    assert areas[Category.NETVAERK].need == 0 and not areas[Category.NETVAERK].gap


def test_coverage_leaves_retired_offers_out_and_change_compares_rounds():
    offers = coverage([("bolig", False), ("bolig", True), ("sprog", False)])
    assert offers[Category.BOLIG] == 1 and offers[Category.SPROG] == 1
    assert offers[Category.SUNDHED] == 0
    before = by_area([answer("r1", "sværest", "bolig")], offers)
    after = by_area([answer("r2", "sværest", "sprog"), answer("r3", "sværest", "bolig")], offers)
    moved = change(before, after)
    assert moved[Category.BOLIG] == pytest.approx(-0.5)
    assert moved[Category.SPROG] == pytest.approx(0.5)


@pytest.fixture
def room(any_store):
    w = any_store.create_workshop("Behov", "Aarhus")
    anna = w.join("Anna", "kommune")
    w.set_phase("timeline")
    w.timeline.add_card(anna, "Sprogcafé", "Røde Kors", "sprog", 0, 26)
    w.timeline.add_card(anna, "Danskuddannelse", "Sprogcenter", "sprog", 2, 26)
    w.timeline.add_card(anna, "Sprogvenner", "Frivillignet", "sprog", 4, 26)
    return w


def test_answers_are_anonymous_and_work_outside_the_step(room):
    w = room
    visitor = w.store.workshop(w.code)  # no participant, no facilitator key
    response = visitor.needs.answer({"sværest": ["bolig", "bolig", "sprog"],
                                     "hjælper": ["netværk"]},
                                    {"mangler": "  Nogen at tale dansk med  "}, "ar")
    assert response.startswith("n")
    rows = w.rows()["need_answers"]
    assert len(rows) == 4 and {r["response"] for r in rows} == {response}
    assert "participant_id" not in rows[0]
    assert [a.text for a in w.needs.texts(seen=False)] == ["Nogen at tale dansk med"]
    with pytest.raises(errors.NeedsEmpty):
        visitor.needs.answer({}, {"sværest": "   "})
    with pytest.raises(errors.InvalidValue):
        visitor.needs.answer({"sværest": ["mars"]})
    with pytest.raises(errors.InvalidText):
        visitor.needs.answer({}, {"sværest": "x" * 281})
    areas = {a.category: a for a in w.needs.by_area()}
    assert areas[Category.BOLIG].gap and not areas[Category.SPROG].gap


def test_free_texts_wait_for_the_facilitator(room):
    w = room
    w.needs.answer({}, {"mangler": "En læge der taler arabisk"}, "ar")
    text = w.needs.texts()[0]
    assert w.needs.texts(seen=True) == []
    participant = w.store.workshop(w.code)
    with pytest.raises(errors.FacilitatorOnly):
        participant.needs.mark_seen(text.id)
    w.needs.mark_seen(text.id)
    assert [a.text for a in w.needs.texts(seen=True)] == ["En læge der taler arabisk"]
    w.needs.delete_answer(text.id)
    assert w.needs.texts() == []
    with pytest.raises(errors.UnknownAnswer):
        w.needs.mark_seen(text.id)


def test_a_later_round_shows_the_change(room, tmp_path):
    w = room
    w.needs.answer({"sværest": ["bolig"]}, round="2026-11")
    w.needs.answer({"sværest": ["sprog"]}, round="2027-05")
    assert w.needs.rounds() == ["2026-11", "2027-05"]
    blocks = section(w, "en")
    assert [b.text.split(" – ")[0] for b in blocks if b.kind == "table"] == [
        "Round November 2026", "Round May 2027"]
    later = blocks[-1].rows
    assert any(r[0] == "Housing" and r[4] == "-100 %" for r in later), later
    w2 = kit.import_workshop(kit.export_workshop(w, tmp_path / "n.xlsx"),
                             kit.open_store("sqlite://"))
    assert sort_rows("need_answers", w2.rows()["need_answers"]) == \
        sort_rows("need_answers", w.rows()["need_answers"])


def test_a_closed_workshop_takes_no_answers(room):
    room.close()
    with pytest.raises(errors.WorkshopClosed):
        room.needs.answer({"sværest": ["bolig"]})


def test_across_workshops_the_later_needs_check_shows_the_change(store):
    from kit.reports import across

    from helpers import SAMPLE

    ws = [kit.import_workshop(path, store) for path in (SAMPLE, SAMPLE.parent / "workshop-2027")]
    frames = across.combine(ws)
    needs = across.needs_over_time(frames)
    rounds = list(needs.index.get_level_values("round"))
    assert rounds == ["2026-11", "2026-11", "2027-11"]
    assert list(needs.columns) == [c.value for c in Category]
    assert needs.iloc[2]["sundhed"] > needs.iloc[1]["sundhed"]  # mental health: more need now
    rules = across.ground_rules_over_time(frames)
    assert list(rules["open"]) == [1, 0] and list(rules["house_rules"]) == [3, 4]


def test_a_round_reads_as_a_month():
    """Rounds were shown as "Runde 2026-11"; people read a month and a year."""
    from kit.steps.needs.logic import round_name

    assert round_name("2026-11", "da") == "november 2026"
    assert round_name("2027-05", "en") == "May 2027"
    assert round_name("not a round", "da") == "not a round"
