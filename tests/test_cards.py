"""Cards on the reception timeline, in the store: who may add, change and delete what."""

from __future__ import annotations

import pytest

from kit import errors
from kit.model import Category, ReviewVerdict, Sector


@pytest.fixture
def room(any_store):
    w = any_store.create_workshop("Modtagelse", "Aarhus")
    return w, w.join("Anna", "kommune", "Jobcenter"), w.join("Bo", "civilsamfund", "Røde Kors")


def test_participant_adds_a_card_with_their_sector(room):
    w, anna, _ = room
    card = w.timeline.add_card(anna, "Modtagesamtale", "Jobcenter", "koordinering", 0, 1)
    assert card.sector is Sector.KOMMUNE and card.participant_id == anna.id
    assert card.category is Category.KOORDINERING
    assert w.timeline.cards() == [card]
    other = w.timeline.add_card(anna, "Sprogcafé", "Biblioteket", "sprog", 2, 26,
                                sector="civilsamfund", description="Tirsdag og torsdag")
    assert other.sector is Sector.CIVILSAMFUND and other.description == "Tirsdag og torsdag"


@pytest.mark.parametrize("fields,error", [
    (dict(title="", owner="X", category="sprog", start_week=0, end_week=1), errors.InvalidText),
    (dict(title="T", owner="X", category="sprog", start_week=5, end_week=1), errors.InvalidWeeks),
    (dict(title="T", owner="X", category="sprog", start_week=-9, end_week=1), errors.InvalidWeeks),
    (dict(title="T", owner="X", category="sprog", start_week=0, end_week=27), errors.InvalidWeeks),
    (dict(title="T", owner="X", category="mad", start_week=0, end_week=1), errors.InvalidValue),
    (dict(title="T" * 201, owner="X", category="sprog", start_week=0, end_week=1),
     errors.InvalidText),
    (dict(title="T", owner="X", category="sprog", start_week="en", end_week=1),
     errors.InvalidValue),
    (dict(title="T", owner="X", category="sprog", start_week=0, end_week=1,
          description="d" * 501), errors.InvalidText),
])
def test_bad_cards_are_refused_and_nothing_is_written(room, fields, error):
    w, anna, _ = room
    before = w.revision()
    with pytest.raises(error):
        w.timeline.add_card(anna, **fields)
    assert w.timeline.cards() == [] and w.revision() == before


def test_only_the_author_or_the_facilitator_changes_a_card(room, any_store):
    w, anna, bo = room
    card = w.timeline.add_card(anna, "Modtagesamtale", "Jobcenter", "koordinering", 0, 1)
    as_participant = any_store.workshop(w.code)
    with pytest.raises(errors.NotYours):
        as_participant.timeline.update_card(card.id, bo, title="Min nu")
    with pytest.raises(errors.NotYours):
        as_participant.timeline.delete_card(card.id, bo)
    with pytest.raises(errors.FacilitatorOnly):
        as_participant.timeline.update_card(card.id, None, title="Uden nøgle")
    changed = as_participant.timeline.update_card(card.id, anna, end_week=4)
    assert changed.end_week == 4 and changed.title == "Modtagesamtale"
    with pytest.raises(errors.InvalidWeeks):
        as_participant.timeline.update_card(card.id, anna, start_week=10)
    assert w.timeline.card(card.id).start_week == 0
    w.timeline.update_card(card.id, None, title="Rettet af facilitator")
    assert w.timeline.card(card.id).title == "Rettet af facilitator"
    as_participant.timeline.delete_card(card.id, anna)
    assert w.timeline.cards() == []
    with pytest.raises(errors.UnknownCard):
        w.timeline.delete_card(card.id)


def test_bulk_cards_are_all_or_nothing(room, any_store):
    w, _, _ = room
    good = {"title": "Bolig", "owner": "Boligteam", "sector": "kommune", "category": "bolig",
            "start_week": -8, "end_week": -2}
    with pytest.raises(errors.BadRow) as info:
        w.timeline.add_cards([good, {**good, "category": "mad"}])
    assert "2" in info.value.message("da")
    assert w.timeline.cards() == []
    with pytest.raises(errors.FacilitatorOnly):
        any_store.workshop(w.code).timeline.add_cards([good])
    assert len(w.timeline.add_cards([good, {**good, "title": "Nøgler"}])) == 2


def test_verdicts_are_kept_per_finding(room, any_store):
    w, _, _ = room
    w.timeline.set_verdict("duplicate:c1:c2", "confirmed")
    w.timeline.set_verdict("gap:period:3", ReviewVerdict.DISMISSED)
    assert w.timeline.verdicts() == {"duplicate:c1:c2": ReviewVerdict.CONFIRMED,
                            "gap:period:3": ReviewVerdict.DISMISSED}
    w.timeline.set_verdict("gap:period:3", "open")
    assert w.timeline.verdicts() == {"duplicate:c1:c2": ReviewVerdict.CONFIRMED}
    with pytest.raises(errors.FacilitatorOnly):
        any_store.workshop(w.code).timeline.set_verdict("x", "confirmed")
    with pytest.raises(errors.InvalidValue):
        w.timeline.set_verdict("x", "maybe")
