"""Invitations (issue 27, item 6): the workshop's purpose, place and hours, invitations drawn
from the actor register with an RSVP token each, the invitees' answers, and the balance check
over whom was invited and who said yes. Store tests run on SQLite (memory and file) and
PostgreSQL; the letter, the text and the RSVP page have tests of their own below."""

from __future__ import annotations

import pytest

import kit
from kit import errors
from kit.core.model import Sector
from kit.steps.prepare.invites import clean_token, find_rsvp
from kit.steps.prepare.rsvp import (
    TOKEN_LENGTH,
    DayDetails,
    Reply,
    invited_overview,
    letter_languages,
)


@pytest.fixture
def register(any_store):
    w = any_store.create_workshop("Velkommen til Assens", "Assens", date="2027-03-04")
    added = {name: w.prepare.add_actor(name, kind, sector, contact) for name, kind, sector,
             contact in (("Jobcentret", "forvaltning", "kommune", "jc@assens.dk"),
                         ("Borgerservice", "forvaltning", "kommune", "bs@assens.dk"),
                         ("Røde Kors Assens", "social forening", "civilsamfund", "Karen"),
                         ("Ukrainsk Forening", "flygtninge", "flygtning", "Olena"),
                         ("Syrisk Netværk", "flygtninge", "flygtning", "Amal"))}
    return w, added


def test_the_day_has_a_purpose_place_and_hours_kept_and_cleaned(register, any_store):
    w, _ = register
    assert w.invites.details() == DayDetails("", "", "")
    w.invites.set_details(purpose="  Vi vil aftale, hvem der gør hvad\n i de første uger. ",
                          place="Rådhuset, sal 2")
    w.invites.set_details(hours="17.00–20.00")  # None keeps the others
    d = w.invites.details()
    assert (d.purpose, d.place, d.hours) == (
        "Vi vil aftale, hvem der gør hvad\n i de første uger.", "Rådhuset, sal 2", "17.00–20.00")
    for bad in ({"purpose": "x" * 5000}, {"place": "x" * 300}, {"hours": 42},
                {"place": "sal\x07 2"}):
        with pytest.raises(errors.KitError):
            w.invites.set_details(**bad)
    assert w.invites.details() == d  # nothing changed by a refusal
    with pytest.raises(errors.FacilitatorOnly):
        any_store.workshop(w.code).invites.set_details(purpose="Overtaget")
    assert w.invites.details().purpose.startswith("Vi vil")


def test_invitations_draw_on_the_register_with_unguessable_tokens(register, any_store):
    w, actors = register
    first = w.invites.invite(actors["Jobcentret"].id)
    olena = w.invites.invite(actors["Ukrainsk Forening"].id, "uk")
    assert (first.language, olena.language, first.answer) == ("da", "uk", "")
    assert len(olena.token) == TOKEN_LENGTH and first.token != olena.token
    # inviting again changes the language only: the link already sent keeps working
    again = w.invites.invite(actors["Ukrainsk Forening"].id, "ar")
    assert (again.id, again.token, again.language) == (olena.id, olena.token, "ar")
    assert [r.actor_id for r in w.invites.rsvps()] == [actors["Jobcentret"].id,
                                                       actors["Ukrainsk Forening"].id]
    for bad in (lambda: w.invites.invite("a-nobody"),
                lambda: w.invites.invite(actors["Jobcentret"].id, "fr")):
        with pytest.raises(errors.KitError):
            bad()
    assert len(w.invites.rsvps()) == 2
    # participants see no tokens, and invite nobody
    phone = any_store.workshop(w.code)
    for act in (phone.invites.rsvps, lambda: phone.invites.invite(actors["Borgerservice"].id)):
        with pytest.raises(errors.FacilitatorOnly):
            act()
    # the token opens this invitation, as typed in any case or with dashes
    found, rsvp = find_rsvp(any_store, "-".join([olena.token[:12].lower(), olena.token[12:]]))
    assert (found.id, rsvp.id, found.facilitator_key) == (w.id, olena.id, None)
    for wrong in ("", olena.token[:-1], olena.token + "A", w.code, w.public_code, w.id,
                  "<script>", "Z" * TOKEN_LENGTH, "\u202e" + olena.token, None):
        with pytest.raises(errors.UnknownWorkshop):
            find_rsvp(any_store, wrong)
    # withdrawn, the link opens nothing
    w.invites.uninvite(actors["Jobcentret"].id)
    with pytest.raises(errors.UnknownWorkshop):
        find_rsvp(any_store, first.token)


def test_answers_are_recorded_changed_and_closed_with_the_workshop(register, any_store):
    w, actors = register
    amal = w.invites.invite(actors["Syrisk Netværk"].id, "ar")
    karen = w.invites.invite(actors["Røde Kors Assens"].id)
    handle, _ = find_rsvp(any_store, amal.token)
    revision = w.state().revision
    assert handle.invites.answer(amal.token, "maybe").answer == Reply.MAYBE
    assert w.state().revision > revision  # the console learns of it
    answered = handle.invites.answer(amal.token, Reply.YES)
    assert answered.answer == Reply.YES and answered.answered_at
    by_actor = {r.actor_id: r for r in w.invites.rsvps()}
    assert by_actor[amal.actor_id].answer == Reply.YES  # changed, not added
    assert by_actor[karen.actor_id].answer == ""        # someone else's is untouched
    with pytest.raises(errors.KitError):
        handle.invites.answer(amal.token, "ja; DROP TABLE rsvps")
    with pytest.raises(errors.UnknownWorkshop):  # a token of this workshop only
        handle.invites.answer("Z" * TOKEN_LENGTH, "yes")
    other = any_store.create_workshop("Andet", "Odense")
    with pytest.raises(errors.UnknownWorkshop):  # another workshop's handle opens nothing
        other.invites.answer(amal.token, "no")
    assert {r.actor_id: r.answer for r in w.invites.rsvps()}[amal.actor_id] == Reply.YES
    w.close()
    with pytest.raises(errors.WorkshopClosed):
        handle.invites.answer(amal.token, "no")
    # deleting the actor from the register drops their invitation's count
    assert invited_overview(w.prepare.actors(), w.invites.rsvps()).counts["yes"] == 1


def test_the_balance_check_applies_to_the_invited_and_to_the_yeses(register):
    w, actors = register
    for name in ("Jobcentret", "Borgerservice", "Syrisk Netværk", "Ukrainsk Forening"):
        w.invites.invite(actors[name].id)
    overview = invited_overview(w.prepare.actors(), w.invites.rsvps())
    assert len(overview.invited) == 4 and overview.counts == {
        "yes": 0, "no": 0, "maybe": 0, "": 4}
    # the municipality and refugees only: the check says civil society is missing
    assert "register.municipal_heavy" in {f.key for f in overview.balance.findings}
    w.invites.invite(actors["Røde Kors Assens"].id)
    overview = invited_overview(w.prepare.actors(), w.invites.rsvps())
    assert "register.municipal_heavy" not in {f.key for f in overview.balance.findings}
    tokens = {r.actor_id: r.token for r in w.invites.rsvps()}
    for name, reply in (("Jobcentret", "yes"), ("Borgerservice", "yes"),
                        ("Syrisk Netværk", "no"), ("Ukrainsk Forening", "maybe")):
        w.invites.answer(tokens[actors[name].id], reply)
    overview = invited_overview(w.prepare.actors(), w.invites.rsvps())
    assert overview.counts == {"yes": 2, "no": 1, "maybe": 1, "": 1}
    yes = {f.key for f in overview.yes_balance.findings}
    # only the municipality said yes: no civil society, no refugees in the room so far
    assert {"register.no_refugees", "register.municipal_heavy"} <= yes
    assert overview.yes_balance.by_sector == {Sector.KOMMUNE: 2}
    w.invites.answer(tokens[actors["Ukrainsk Forening"].id], "yes")
    after = invited_overview(w.prepare.actors(), w.invites.rsvps())
    assert "register.no_refugees" not in {f.key for f in after.yes_balance.findings}
    # an actor deleted from the register goes from the invited list with its invitation,
    # whose link then opens nothing
    w.prepare.delete_actor(actors["Jobcentret"].id)
    assert len(invited_overview(w.prepare.actors(), w.invites.rsvps()).invited) == 4
    assert actors["Jobcentret"].id not in {r.actor_id for r in w.invites.rsvps()}
    with pytest.raises(errors.UnknownWorkshop):
        find_rsvp(w.store, tokens[actors["Jobcentret"].id])


def test_tokens_are_checked_before_any_lookup():
    assert clean_token("abcd") == ""
    assert clean_token("I" * TOKEN_LENGTH) == ""  # a look-alike the alphabet leaves out
    token = "A" * TOKEN_LENGTH
    assert clean_token(token.lower()) == token and clean_token("x" * 10_000) == ""
    assert letter_languages("da") == ("da",) and letter_languages("ar") == ("da", "ar")
    assert letter_languages("xx") == ("da",)


def test_purging_a_workshop_takes_its_invitations(register, any_store):
    w, actors = register
    rsvp = w.invites.invite(actors["Jobcentret"].id)
    w.invites.set_details(purpose="Samarbejde")
    any_store.purge(w.id)
    with pytest.raises(errors.UnknownWorkshop):
        find_rsvp(any_store, rsvp.token)
    assert any_store.db.read("SELECT COUNT(*) AS n FROM rsvps")[0]["n"] == 0


def test_export_and_import_keep_the_purpose_and_leave_the_tokens(register, tmp_path):
    from kit.exchange import export_workshop, import_workshop

    w, actors = register
    w.invites.set_details(purpose="Vi aftaler\nhvem der gør hvad.", place="Biblioteket",
                          hours="10–14")
    w.invites.invite(actors["Jobcentret"].id)
    again = import_workshop(export_workshop(w, tmp_path / "w.xlsx"), kit.open_store("sqlite://"))
    assert again.invites.details() == w.invites.details()
    assert again.invites.rsvps() == []  # the tokens are this server's keys: never exported
