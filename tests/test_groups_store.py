"""Working groups in the store: preferences, forming, moving, confirming, describing, actions."""

from __future__ import annotations

import pytest

import kit
from kit import errors
from kit.model import ActionStatus, GroupStatus, Phase, Role

from helpers import SAMPLE


@pytest.fixture
def room(any_store):
    """A workshop in the groups step: 3 chosen themes, 9 people of all sectors."""
    w = any_store.create_workshop("Grupper", "Bakkeby")
    themes = [w.add_theme(label) for label in ("Bolig", "Sprog", "Job")]
    for th in themes:
        w.ideas.select_theme(th.id)
    w.voting.choose_themes([th.id for th in themes])
    people = [w.join(f"P{i}", s) for i, s in enumerate(
        ["kommune", "kommune", "kommune", "civilsamfund", "civilsamfund", "civilsamfund",
         "flygtning", "flygtning", "civilsamfund"])]
    w.set_phase(Phase.GROUPS)
    w.groups.configure_groups(2, 4)
    return w, themes, people


def test_preferences_are_checked_and_replaced(room):
    w, themes, people = room
    a, b, c = (th.id for th in themes)
    w.groups.set_preferences(people[0], {a: 1, b: 2, c: 0}, volunteer=True)
    assert w.groups.preferences(people[0]) == {a: 1, b: 2, c: 0}
    assert w.participant(people[0].id).volunteer
    w.groups.set_preferences(people[0], {b: 1})
    assert w.groups.preferences(people[0]) == {b: 1} and w.participant(people[0].id).volunteer
    revision = w.revision()
    for bad, error in (({a: 1, b: 1}, errors.DuplicateRank), ({a: 4}, errors.InvalidValue),
                       ({a: "1"}, errors.InvalidValue), ({"nope": 1}, errors.NotAGroupTheme)):
        with pytest.raises(error):
            w.groups.set_preferences(people[0], bad)
    with pytest.raises(errors.UnknownParticipant):
        w.groups.set_preferences("nobody", {a: 1})
    assert w.revision() == revision and w.groups.preferences(people[0]) == {b: 1}
    assert w.groups.preference_givers() == 1


def test_preferences_only_in_the_groups_step_and_before_confirmation(room):
    w, themes, people = room
    w.set_phase(Phase.VOTING)
    with pytest.raises(errors.StepClosed):
        w.groups.set_preferences(people[1], {themes[0].id: 1})
    w.set_phase(Phase.GROUPS)
    w.groups.form_groups()
    w.groups.confirm_groups()
    with pytest.raises(errors.PreferencesClosed):
        w.groups.set_preferences(people[1], {themes[0].id: 1})
    w.groups.confirm_groups(False)
    w.groups.set_preferences(people[1], {themes[0].id: 1})


def test_participants_cannot_form_or_change_groups(room, any_store):
    w, themes, people = room
    w.groups.form_groups()
    public = any_store.workshop(w.code)
    group = w.groups()[0]
    for action in (lambda: public.groups.form_groups(),
                   lambda: public.groups.configure_groups(1, 3),
                   lambda: public.groups.confirm_groups(),
                   lambda: public.groups.move_member(people[0], group.id),
                   lambda: public.groups.set_coordinator(group.id, None),
                   lambda: public.groups.update_group(group.id, purpose="x"),
                   lambda: public.groups.invite(group.id, []),
                   lambda: public.groups.add_action(group.id, "x"),
                   lambda: public.prepare.add_actor("x", "virksomhed", "civilsamfund")):
        with pytest.raises(errors.FacilitatorOnly):
            action()


def test_form_groups_stores_the_optimal_proposal_with_drafted_terms(room):
    w, themes, people = room
    a, b, c = (th.id for th in themes)
    for p in people:
        w.groups.set_preferences(p, {a: 1, b: 2, c: 3}, volunteer=p.name == "P3")
    result = w.groups.form_groups()
    groups = w.groups()
    assert len(groups) == 3 and {g.theme_id for g in groups} == {a, b, c}
    assert sorted(m for g in groups for m in g.members) == sorted(p.id for p in people)
    assert all(2 <= len(g.members) <= 4 for g in groups)
    assert all(g.purpose and g.mandate and g.meeting_frequency for g in groups)
    assert {g.name for g in groups} == {"Bolig", "Sprog", "Job"}
    assert not w.state().groups_confirmed
    assert w.groups.my_group(people[0]) is None  # not confirmed yet
    assert w.groups.proposal().rank_cost == result.rank_cost
    # terms written by hand survive forming again; the proposal is replaced
    g = groups[0]
    w.groups.update_group(g.id, purpose="Vores eget formål")
    w.groups.set_coordinator(g.id, g.members[0])
    w.groups.form_groups()
    again = w.groups.group(g.id)
    assert again.purpose == "Vores eget formål"
    assert again.coordinator_id in (g.members[0], None)


def test_move_member_coordinator_and_confirmation(room):
    w, themes, people = room
    w.groups.form_groups()
    g1, g2 = w.groups()[:2]
    person = g1.members[0]
    w.groups.set_coordinator(g1.id, person)
    assert w.groups.group(g1.id).coordinator_id == person
    roles = {r["participant_id"]: r["role"] for r in w.rows()["memberships"]}
    assert roles[person] == Role.COORDINATOR
    with pytest.raises(errors.NotInGroup):
        w.groups.set_coordinator(g2.id, person)
    w.groups.move_member(person, g2.id)
    assert person in w.groups.group(g2.id).members and person not in w.groups.group(g1.id).members
    assert w.groups.group(g1.id).coordinator_id is None  # a coordinator who leaves is no longer one
    w.groups.move_member(person, g2.id)  # twice is harmless
    assert sum(person in g.members for g in w.groups()) == 1
    with pytest.raises(errors.UnknownGroup):
        w.groups.move_member(person, "nope")
    w.groups.confirm_groups()
    mine = w.groups.my_group(person)
    assert mine is not None and mine.id == g2.id


def test_confirm_needs_groups_and_themes_are_needed(any_store):
    w = any_store.create_workshop("Tom", "Bakkeby")
    with pytest.raises(errors.NoGroups):
        w.groups.confirm_groups()
    with pytest.raises(errors.NoGroupThemes):
        w.groups.form_groups()


def test_update_group_checks_every_field(room):
    w, themes, people = room
    w.groups.form_groups()
    g = w.groups()[0]
    w.groups.update_group(g.id, name="Boliggruppen", tasks="<script>x</script>\nMøbler",
                   composition="Alle", first_meeting="Tirsdag kl. 17", status="running")
    got = w.groups.group(g.id)
    assert got.name == "Boliggruppen" and got.tasks == "<script>x</script>\nMøbler"
    assert got.status is GroupStatus.RUNNING and got.first_meeting == "Tirsdag kl. 17"
    revision = w.revision()
    for bad in ({"name": ""}, {"purpose": "x" * 5000}, {"status": "done"}, {"colour": "red"},
                {"first_meeting": "x" * 200}):
        with pytest.raises(errors.KitError):
            w.groups.update_group(g.id, **bad)
    assert w.revision() == revision and w.groups.group(g.id).name == "Boliggruppen"


def test_invitations_and_actors(room):
    w, themes, people = room
    w.groups.form_groups()
    g = w.groups()[0]
    job = w.prepare.add_actor("Jobcenter", "forvaltning", "kommune", contact="job@example.dk")
    mosque = w.prepare.add_actor("Moskéen", "trossamfund", "civilsamfund")
    w.groups.invite(g.id, [mosque.id, job.id, job.id])
    assert set(w.groups.group(g.id).invited) == {job.id, mosque.id}
    with pytest.raises(errors.UnknownActor):
        w.groups.invite(g.id, ["nobody"])
    assert set(w.groups.group(g.id).invited) == {job.id, mosque.id}
    w.groups.invite(g.id, [])
    assert w.groups.group(g.id).invited == ()
    with pytest.raises(errors.InvalidSector):
        w.prepare.add_actor("X", "virksomhed", "firma")
    assert [a.name for a in w.prepare.actors()] == ["Jobcenter", "Moskéen"]


def test_actions_follow_up(room):
    w, themes, people = room
    w.groups.form_groups()
    g = w.groups()[0]
    x = w.groups.add_action(g.id, "Finde lokale", owner="P1", due="2027-01-15")
    assert w.groups.actions(g.id) == [x] and x.status is ActionStatus.OPEN
    w.groups.update_action(x.id, status="done", due="")
    got = w.groups.actions()[0]
    assert got.status is ActionStatus.DONE and got.due is None and got.title == "Finde lokale"
    for bad in (lambda: w.groups.update_action(x.id, due="31/12"),
                lambda: w.groups.update_action("nope"),
                lambda: w.groups.add_action(g.id, ""), lambda: w.groups.add_action("nope", "x"),
                lambda: w.groups.update_action(x.id, status="half")):
        with pytest.raises(errors.KitError):
            bad()
    w.groups.delete_action(x.id)
    assert w.groups.actions() == []
    w.close()  # follow-up goes on after the workshop is closed
    w.groups.update_group(g.id, status=GroupStatus.CLOSED)
    w.groups.add_action(g.id, "Evaluere")
    assert w.groups.group(g.id).status is GroupStatus.CLOSED and len(w.groups.actions()) == 1


def test_sample_groups_import_and_export(store):
    w = kit.import_workshop(SAMPLE, store)
    groups = w.groups()
    assert len(groups) == 3 and all(g.coordinator_id in g.members for g in groups)
    assert sum(len(g.members) for g in groups) == 24
    assert any(g.invited for g in groups) and len(w.groups.actions()) == 3
    assert sum(p.volunteer for p in w.participants()) == 6
    # the sample's groups are the kit's own optimal proposal for its preferences
    w = store.facilitate(w.id)
    w.groups.configure_groups(6, 9)
    assert w.groups.proposal().rank_cost == w.groups.form_groups().rank_cost


def test_word_document_holds_every_field(store):
    import io

    from docx import Document

    from kit.reports import group_document

    w = store.facilitate(kit.import_workshop(SAMPLE, store).id)
    g = w.groups()[0]
    w.groups.update_group(g.id, mandate="Må selv <b>beslutte</b> små udgifter\nResten: forum")
    w.groups.add_action(g.id, "Skrive til boligforeningen", owner="Hanne", due="2027-02-01")
    g = w.groups.group(g.id)
    text = []
    doc = Document(io.BytesIO(group_document(w, g.id, "da")))
    text += [p.text for p in doc.paragraphs]
    text += [c.text for table in doc.tables for row in table.rows for c in row.cells]
    whole = "\n".join(text)
    for field in ("purpose", "tasks", "mandate", "composition", "meeting_frequency"):
        for line in getattr(g, field).splitlines():
            assert line in whole, field
    assert "Må selv <b>beslutte</b> små udgifter" in whole  # text stays text
    people = {p.id: p for p in w.participants()}
    assert all(people[m].name in whole for m in g.members)
    assert f"Tovholder: {people[g.coordinator_id].name}" in whole
    assert g.first_meeting in whole and "Kommissorium: Boliggruppen" in whole
    actors = {a.id: a.name for a in w.prepare.actors()}
    assert all(actors[a] in whole for a in g.invited)
    assert "Skrive til boligforeningen" in whole and "1. februar 2027" in whole
    english = Document(io.BytesIO(group_document(w, g.id, "en")))
    assert english.paragraphs[0].text == "Terms of reference: Boliggruppen"


def test_workbook_of_all_groups_reads_back(store):
    import io

    import pandas as pd

    from kit.reports import groups_workbook

    w = kit.import_workshop(SAMPLE, store)
    sheets = pd.read_excel(io.BytesIO(groups_workbook(w, "da")), sheet_name=None)
    assert list(sheets) == ["Grupper", "Medlemmer", "Inviterede", "Handlinger"]
    groups = sheets["Grupper"]
    assert list(groups["Navn"]) == [g.name for g in w.groups()]
    assert {"Formål", "Opgaver", "Beslutningsmandat", "Sammensætning", "Mødefrekvens",
            "Tovholder", "Første møde"} <= set(groups.columns)
    assert len(sheets["Medlemmer"]) == 24
    assert (sheets["Medlemmer"]["Rolle"] == "Tovholder").sum() == 3
    assert len(sheets["Inviterede"]) == 6 and len(sheets["Handlinger"]) == 3
    empty = store.create_workshop("Tom", "Bakkeby")
    blank = pd.read_excel(io.BytesIO(groups_workbook(empty, "en")), sheet_name=None)
    assert list(blank["Groups"].columns)[:2] == ["Name", "Theme"] and blank["Groups"].empty


def test_documents_for_every_group_are_written_to_a_folder(store, tmp_path):
    from kit.reports import write_group_documents

    w = kit.import_workshop(SAMPLE, store)
    w = store.facilitate(w.id)
    w.groups.update_group(w.groups()[0].id, name="Bolig/Møbler: <ny>")
    names = sorted(p.name for p in write_group_documents(w, tmp_path / "ud"))
    assert names == ["arbejdsgrupper.xlsx", "kommissorium-Bolig-Møbler-ny.docx",
                     "kommissorium-Koordineringsgruppen.docx", "kommissorium-Sproggruppen.docx"]
    assert all((tmp_path / "ud" / n).stat().st_size > 3000 for n in names)
