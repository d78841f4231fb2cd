"""One voice per organisation (issue 27; Assens: six branches of one organisation spoke as
one): an actor of the register may be a branch of another; every composition check counts
an organisation with its branches once. Pure checks, the store (cycles refused, branches
kept through the exchange file and into the next workshop) and the facilitator's register,
without a browser."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

import kit
from kit import errors
from kit.core.model import Sector
from kit.steps.follow_up.logic import check_forum
from kit.steps.groups.logic import suggest_invites
from kit.steps.prepare.errors import BranchCycle, BranchHasBranches, BranchOfItself, BranchTooDeep
from kit.steps.prepare.logic import grouped, one_voice, register_overview, voices
from kit.steps.prepare.model import Actor, ActorKind
from kit.ui.facilitator import FacilitatorApp

from helpers import edited_copy, set_cell

URL = "http://192.0.2.10:8866/"
FORENING = ActorKind.SOCIAL_FORENING.value
ORG = Actor("r", "Røde Kors", FORENING, Sector.CIVILSAMFUND, contact="Eva")
BRANCHES = [Actor(f"r{i}", f"Røde Kors {town}", FORENING, Sector.CIVILSAMFUND,
                  contact=f"Kontakt {i}", parent_id="r")
            for i, town in enumerate(("Assens", "Glamsbjerg", "Haarby", "Tommerup", "Vissenbjerg",
                                      "Aarup"))]
DEPARTMENTS = [Actor(f"k{i}", name, ActorKind.FORVALTNING.value, Sector.KOMMUNE)
               for i, name in enumerate(("Jobcentret", "Borgerservice", "Skoleforvaltningen"))]


def keys(findings):
    return [f.key for f in findings]


# -- pure ------------------------------------------------------------------------------------
def test_six_branches_of_one_organisation_are_one_voice_in_the_balance():
    flat = [Actor(b.id, b.name, b.kind, b.sector) for b in BRANCHES] + [ORG]
    # flat: seven civil-society voices against three municipal ones -> civil-heavy
    assert register_overview(flat + DEPARTMENTS).by_sector[Sector.CIVILSAMFUND] == 7
    assert "register.civil_heavy" in keys(register_overview(flat + DEPARTMENTS).findings)
    grouped_register = [ORG, *BRANCHES, *DEPARTMENTS]
    overview = register_overview(grouped_register)
    assert overview.by_sector[Sector.CIVILSAMFUND] == 1
    assert overview.by_kind[FORENING] == 1
    assert overview.municipal_share == 0.75
    assert "register.municipal_heavy" in keys(overview.findings)
    # the organisation speaks, whichever of its branches come first
    assert [a.id for a in voices(BRANCHES[::-1] + [ORG])] == ["r"]
    # a branch marked as former refugees who volunteer keeps the organisation's voice marked
    marked = [ORG, replace(BRANCHES[0], refugee_background=True)]
    assert register_overview(marked).refugee_volunteers == 1


def test_branches_in_a_forum_and_in_invitations_add_no_voice():
    members = ["actor:r0", "actor:r1", "actor:r2", "actor:k0", "participant:p1"]
    assert one_voice(members, [ORG, *BRANCHES, *DEPARTMENTS]) == [
        "actor:r0", "actor:k0", "participant:p1"]
    # a coordination forum of three branches and one department is equal as one voice each
    assert "forum.unequal" in keys(check_forum("koordineringsforum",
                                               ["civilsamfund"] * 3 + ["kommune"]))
    assert "forum.unequal" not in keys(check_forum("koordineringsforum",
                                                   ["civilsamfund", "kommune"]))
    # suggestions: one actor per organisation, none of an organisation already invited
    register = [ORG, *BRANCHES, *DEPARTMENTS]
    suggested = [a.id for a in suggest_invites(["kommune"], [], register)]
    assert suggested.count("r") == 1 and not {b.id for b in BRANCHES} & set(suggested)
    assert not {"r", *(b.id for b in BRANCHES)} & {
        a.id for a in suggest_invites(["kommune"], ["r3"], register)}


def test_grouped_shows_branches_under_their_organisation():
    groups = grouped([BRANCHES[1], DEPARTMENTS[0], ORG, BRANCHES[0]])
    assert [(o.id, [b.id for b in bs]) for o, bs in groups] == [
        ("k0", []), ("r", ["r1", "r0"])]
    # a branch whose organisation is not in the list stands alone
    assert [(o.id, bs) for o, bs in grouped([BRANCHES[0]])] == [("r0", [])]


# -- the store -------------------------------------------------------------------------------
@pytest.fixture
def register(store):
    w = store.create_workshop("Velkomst", "Assens")
    org = w.prepare.add_actor("Røde Kors", FORENING, "civilsamfund", contact="Eva")
    branches = [w.prepare.add_actors([{"name": f"Røde Kors {n}", "kind": FORENING,
                                       "sector": "civilsamfund", "contact": f"Kontakt {n}",
                                       "parent_id": org.id}])[0] for n in range(6)]
    for d in DEPARTMENTS:
        w.prepare.add_actor(d.name, d.kind, "kommune")
    return w, org, branches


def test_the_store_keeps_branches_and_counts_them_once(register):
    w, org, branches = register
    assert {a.parent_id for a in w.prepare.actors() if a.name.startswith("Røde Kors ")} == {
        org.id}
    overview = register_overview(w.prepare.actors())
    assert overview.by_sector[Sector.CIVILSAMFUND] == 1
    assert overview.by_sector[Sector.KOMMUNE] == 3
    # a forum seating the organisation and two branches counts one civil-society voice
    forum = w.follow_up.add_forum("koordineringsforum", name="Forum", members=[
        f"actor:{org.id}", f"actor:{branches[0].id}", f"actor:{branches[1].id}",
        f"actor:{w.prepare.actors()[0].id}"])
    assert len(w.follow_up.voices(list(forum.members))) == 2
    # deleting the organisation leaves its branches, each its own organisation
    w.prepare.delete_actor(org.id)
    assert all(a.parent_id is None for a in w.prepare.actors())
    assert register_overview(w.prepare.actors()).by_sector[Sector.CIVILSAMFUND] == 6


def test_cycles_self_and_deep_branches_are_refused_and_change_nothing(register):
    w, org, branches = register
    before = w.prepare.actors()
    with pytest.raises(BranchOfItself) as caught:
        w.prepare.set_branch_of(org.id, org.id)
    assert "sig selv" in caught.value.message("da") and "itself" in caught.value.message("en")
    with pytest.raises(BranchCycle) as cycle:
        w.prepare.set_branch_of(org.id, branches[0].id)
    assert cycle.value.message("en") == (
        "Røde Kors 0 is already a branch of Røde Kors. Two actors cannot be branches of "
        "each other.")
    with pytest.raises(BranchTooDeep):
        w.prepare.set_branch_of(branches[1].id, branches[0].id)
    other = w.prepare.add_actor("Dansk Flygtningehjælp", FORENING, "civilsamfund")
    with pytest.raises(BranchHasBranches):
        w.prepare.set_branch_of(org.id, other.id)
    with pytest.raises(errors.UnknownActor):
        w.prepare.set_branch_of(other.id, "a-none")
    with pytest.raises(errors.BadRow):   # an import row naming a branch as its organisation
        w.prepare.add_actors([{"name": "X", "kind": FORENING, "sector": "civilsamfund",
                               "parent_id": branches[0].id}])
    assert set(w.prepare.actors()) == {*before, other}
    w.prepare.set_branch_of(branches[0].id, None)     # back to an organisation of its own
    assert next(a for a in w.prepare.actors() if a.id == branches[0].id).parent_id is None


def test_export_import_and_the_next_workshop_keep_the_grouping(register, tmp_path):
    w, org, branches = register
    before = [(o.name, [b.name for b in bs]) for o, bs in grouped(w.prepare.actors())]
    for name in ("ud.xlsx", "ud"):
        path = kit.export_workshop(w, tmp_path / name)
        again = kit.import_workshop(path, kit.open_store("sqlite://"))
        assert [(o.name, [b.name for b in bs]) for o, bs in grouped(again.prepare.actors())
                ] == before
        red_cross = next(bs for o, bs in grouped(again.prepare.actors()) if o.name == org.name)
        assert [b.contact for b in red_cross] == [
            f"Kontakt {n}" for n in range(6)]
    nxt = w.partnership.create_workshop("Næste år")
    assert [(o.name, [b.name for b in bs]) for o, bs in grouped(nxt.prepare.actors())] == before


@pytest.mark.parametrize("parent", ["itself", "a branch", "nobody"])
def test_an_exchange_file_with_a_bad_branch_is_refused(register, tmp_path, parent):
    w, org, branches = register
    kit.export_workshop(w, tmp_path / "ud")

    def edit(rows):
        # the organisation's row made a branch of itself, of its branch, or of no actor
        at = next(n for n, r in enumerate(rows) if r[0] == org.id)
        value = {"itself": org.id, "a branch": branches[0].id, "nobody": "a-none"}[parent]
        return set_cell(at, "parent_id", value)(rows)

    edited_copy(tmp_path / "ud", tmp_path / "bad", "actors", edit)
    other = kit.open_store("sqlite://")
    with pytest.raises(errors.KitError) as caught:
        kit.import_workshop(tmp_path / "bad", other)
    assert "actors" in caught.value.message("en")
    assert other.workshops() == []


# -- the facilitator's register ----------------------------------------------------------------
def test_the_console_groups_branches_and_sets_them(store):
    fac = FacilitatorApp(store, URL)
    w = store.create_workshop("Velkomst", "Assens")
    fac.open(w.id)
    w = fac.workshop
    r = fac.panel("prepare").register
    org = w.prepare.add_actor("Røde Kors", FORENING, "civilsamfund", contact="Eva")
    a = w.prepare.add_actor("Røde Kors Assens", FORENING, "civilsamfund", contact="Ole")
    b = w.prepare.add_actor("Røde Kors Haarby", FORENING, "civilsamfund", contact="Mia")
    r.after()
    for actor in (a, b):
        r.pick.value = actor.id
        assert r.parent.value == ""
        r.parent.value = org.id
        r.branch.click()
    assert re.sub("<[^>]*>", "", r.message.value) == ""      # no error said
    assert {x.parent_id for x in w.prepare.actors() if x.id != org.id} == {org.id}
    # grouped: the organisation, then its branches indented, each with its contact person
    table = r.table.value
    assert table.index("Røde Kors <span") < table.index("Røde Kors Assens") < table.index(
        "Røde Kors Haarby")
    assert table.count('<tr class="kit-branch') == 2 and table.count("kit-branch-last") == 1
    assert "2 afdelinger" in table and "Ole" in table
    assert "3 aktører i 1 organisationer" in r.findings.value
    assert [label for label, _ in r.pick.options] == [
        "Røde Kors", "↳ Røde Kors Assens", "↳ Røde Kors Haarby"]
    # the organisation cannot become a branch of its branch: said, nothing changes
    r.pick.value = org.id
    assert org.id not in [v for _, v in r.parent.options]
    assert a.id not in [v for _, v in r.parent.options]   # a branch is no organisation
    other = w.prepare.add_actor("Dansk Flygtningehjælp", FORENING, "civilsamfund")
    r.after()
    r.pick.value = org.id
    r.parent.value = other.id
    r.branch.click()
    assert "har selv afdelinger" in r.message.value
    assert next(x for x in w.prepare.actors() if x.id == org.id).parent_id is None


def test_a_whole_partnership_round_trips_with_its_branches(register, tmp_path):
    from kit import exchange

    w, org, branches = register
    before = [(o.name, [b.name for b in bs]) for o, bs in grouped(w.prepare.actors())]
    path = exchange.export_partnership(w.partnership, tmp_path / "p")
    other = kit.open_store("sqlite://")
    again = exchange.import_partnership(other, path)
    (state,) = again.workshops()
    copy = other.facilitate(state.id)
    assert [(o.name, [b.name for b in bs]) for o, bs in grouped(copy.prepare.actors())
            ] == before
