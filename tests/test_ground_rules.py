"""Ground rules: tasks from the timeline, the room's votes and the facilitator's settlement,
house rules, and what the partnership agreement takes over; on every kind of store."""

from __future__ import annotations

import re

import pytest

import kit
from kit import errors
from kit.exchange import sort_rows
from kit.steps.ground_rules.logic import AGREED_FROM, duties, ground_rules, tally
from kit.steps.ground_rules.model import Division, HouseRule, HouseRuleKind, RuleTask
from kit.steps.ground_rules.report import agreement_texts, section


def test_tally_tells_agreement_from_disagreement():
    tasks = [RuleTask("a", "Følge til lægen"), RuleTask("b", "Lektiehjælp"),
             RuleTask("c", "Ingen stemmer")]
    votes = [("a", "fagperson")] * 4 + [("a", "frivillige")] + \
            [("b", "frivillige"), ("b", "sammen"), ("b", "uden_kommune")] + \
            [("x", "frivillige"), ("a", "nonsense")]
    result = tally(tasks, votes)
    assert result["a"].top == Division.FAGPERSON and result["a"].share == 0.8
    assert not result["a"].disputed and result["a"].share >= AGREED_FROM
    assert result["b"].disputed and result["b"].total == 3
    assert result["b"].top == Division.FRIVILLIGE  # a tie goes to the division listed first
    assert result["c"].total == 0 and result["c"].top is None and not result["c"].disputed


def test_settled_tasks_become_the_agreement_duties():
    tasks = [RuleTask("a", "Bolig", settled="fagperson"), RuleTask("b", "Cykler",
             settled="frivillige"), RuleTask("c", "Sprog", settled="sammen"),
             RuleTask("d", "Fodbold", settled="uden_kommune"), RuleTask("e", "Åben")]
    rules = ground_rules(tasks, [HouseRule("h", HouseRuleKind.FORTROLIGHED, "Tavshed", True),
                                 HouseRule("i", HouseRuleKind.ANDET, "Udkast", False)])
    assert rules.house_rules == ("Tavshed",)
    assert duties(rules) == {"duties_kommune": ("Bolig", "Sprog"),
                             "duties_civilsamfund": ("Cykler", "Sprog", "Fodbold")}


@pytest.fixture
def room(any_store):
    w = any_store.create_workshop("Spilleregler", "Aarhus")
    anna, bo = w.join("Anna", "kommune"), w.join("Bo", "civilsamfund")
    w.set_phase("timeline")
    w.timeline.add_card(anna, "Sprogcafé", "Røde Kors", "sprog", 0, 26)
    w.timeline.add_card(bo, "Følge til lægen", "Frivillignet", "sundhed", 2, 8)
    return w, anna, bo


def test_tasks_votes_settlement_and_house_rules(room):
    w, anna, bo = room
    made = w.ground_rules.import_cards()
    assert sorted(x.title for x in made) == ["Følge til lægen", "Sprogcafé"]
    assert w.ground_rules.import_cards() == []  # nothing doubled
    extra = w.ground_rules.add_task("Tolkning ved samtaler", "sprog")
    assert len(w.ground_rules.tasks()) == 3

    doctor = next(x for x in w.ground_rules.tasks() if x.title == "Følge til lægen")
    with pytest.raises(errors.StepClosed):  # phones vote only in the step
        w.ground_rules.vote(anna, doctor.id, "fagperson")
    w.set_phase("ground_rules")
    w.ground_rules.vote(anna, doctor.id, "fagperson")
    w.ground_rules.vote(bo, doctor.id, "frivillige")
    w.ground_rules.vote(bo, doctor.id, "sammen")  # a new vote replaces the last
    assert w.ground_rules.votes(bo) == {doctor.id: "sammen"}
    assert w.ground_rules.tally()[doctor.id].disputed
    w.ground_rules.vote(bo, doctor.id, None)
    assert w.ground_rules.votes(bo) == {}
    with pytest.raises(errors.InvalidValue):
        w.ground_rules.vote(bo, doctor.id, "maybe")
    with pytest.raises(errors.UnknownTask):
        w.ground_rules.vote(bo, "nope", "sammen")

    w.ground_rules.settle(doctor.id, "sammen")
    with pytest.raises(errors.TaskSettled):
        w.ground_rules.vote(bo, doctor.id, "frivillige")
    drafts = w.ground_rules.draft_house_rules("en")
    assert [r.kind for r in drafts] == [HouseRuleKind.KONTAKTPUNKT, HouseRuleKind.FORTROLIGHED,
                                        HouseRuleKind.VIDEREGIVELSE]
    assert w.ground_rules.draft_house_rules("en") == []  # one draft per kind
    w.ground_rules.update_house_rule(drafts[0].id, "Én kontakt pr. sag: sagsbehandleren.",
                                     agreed=True)
    w.ground_rules.delete_house_rule(drafts[2].id)
    w.ground_rules.delete_task(extra.id)
    rules = w.ground_rules.settled()
    assert rules.tasks[Division.SAMMEN] == ("Følge til lægen",)
    assert rules.house_rules == ("Én kontakt pr. sag: sagsbehandleren.",)
    texts = agreement_texts(w, "da")
    assert texts["shared"] == "- Følge til lægen" and texts["duties_kommune"] == ""
    assert "sagsbehandleren" in texts["house_rules"]
    blocks = section(w, "en")
    assert blocks[0].text == "Ground rules" and any(b.kind == "table" for b in blocks)


def test_only_the_facilitator_settles_and_drafts(room):
    w, anna, _ = room
    task = w.ground_rules.add_task("Lektiehjælp")
    participant = w.store.workshop(w.code)
    for action in (lambda: participant.ground_rules.settle(task.id, "sammen"),
                   lambda: participant.ground_rules.add_task("X"),
                   lambda: participant.ground_rules.import_cards(),
                   lambda: participant.ground_rules.draft_house_rules(),
                   lambda: participant.ground_rules.add_house_rule("X")):
        with pytest.raises(errors.FacilitatorOnly):
            action()


def test_ground_rules_round_trip_the_exchange_format(room, tmp_path):
    w, anna, bo = room
    w.ground_rules.import_cards()
    w.set_phase("ground_rules")
    task = w.ground_rules.tasks()[0]
    w.ground_rules.vote(anna, task.id, "frivillige")
    w.ground_rules.settle(task.id, "frivillige")
    w.ground_rules.add_house_rule("Vi svarer inden for to dage.", agreed=True)
    first = kit.export_workshop(w, tmp_path / "a.xlsx")
    w2 = kit.import_workshop(first, kit.open_store("sqlite://"))
    assert w2.ground_rules.settled() == w.ground_rules.settled()
    before, after = w.rows(), w2.rows()
    for sheet in ("rule_tasks", "rule_votes", "house_rules"):
        assert sort_rows(sheet, after[sheet]) == sort_rows(sheet, before[sheet]) != []


def test_the_partnership_agreement_shows_the_ground_rules(store):
    import io

    from docx import Document

    from kit.steps.follow_up.report import forum_document

    w = store.create_workshop("Spilleregler", "Aarhus")
    forum = w.follow_up.add_forum("koordineringsforum", "Koordineringsforum",
                                  duties_kommune="Indkalder til møderne.")
    empty = Document(io.BytesIO(forum_document(w, forum.id, "agreement")))
    assert "Spilleregler fra workshoppen" not in [p.text for p in empty.paragraphs]
    w.ground_rules.settle(w.ground_rules.add_task("Bolig anvises").id, "fagperson")
    w.ground_rules.settle(w.ground_rules.add_task("Fodboldhold").id, "uden_kommune")
    w.ground_rules.add_house_rule("Én kontakt pr. sag.", "kontaktpunkt", agreed=True)
    doc = Document(io.BytesIO(forum_document(w, forum.id, "agreement")))
    text = [p.text for p in doc.paragraphs]
    # a numbered section of the agreement ("4. Spilleregler fra workshoppen")
    assert any(re.fullmatch(r"\d+\. Spilleregler fra workshoppen", x) for x in text)
    assert "Indkalder til møderne." in text and "Bolig anvises" in text
    assert "Én kontakt pr. sag." in text
    assert "Kommunen blander sig ikke i: Fodboldhold." in text
    terms = Document(io.BytesIO(forum_document(w, forum.id, "terms")))
    assert "Spilleregler fra workshoppen" not in [p.text for p in terms.paragraphs]
