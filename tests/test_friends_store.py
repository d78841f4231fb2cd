"""The friend programme in the store (`partnership.friends`), on SQLite and PostgreSQL:
sign-ups checked (bad input refused in the reader's language, nothing stored), proposals
from the optimal matching that never repeat a rejected pair nor exceed a volunteer's free
places, accept/reject/swap, the course of a friendship and its check-ins, the six-month
share, tables without names, the tovholder's key, and the purge that leaves no trace."""

from __future__ import annotations

import datetime as dt

import pytest

import kit
from kit.errors import (
    CoordinatorOnly,
    FriendsInvalidField,
    FriendsNoConsent,
    FriendsPairRefused,
    FriendsWrongStatus,
    PartnershipArchived,
)

TODAY = dt.date(2027, 1, 11)   # a Monday


def volunteer(friends, name="Karen Holm", **over):
    fields = dict(name=name, contact="karen@example.dk", organisation="Røde Kors",
                  municipality="Aarhus", postcode="8000", languages=["ar"],
                  danish_level="fluent", kind="person", capacity=1, interests=["cooking"],
                  availability=["weekend"], consent=True, consent_text="Samtykket som vist")
    fields.update(over)
    return friends.sign_up_volunteer(today=TODAY, **fields)


def household(friends, contact="+45 11 22 33 44", **over):
    fields = dict(contact=contact, municipality="Aarhus", postcode="8210", languages=["ar"],
                  danish_level="none", adults=2, children_ages="4, 9", interests=["cooking"],
                  help_wanted=["bolig", "sprog"], availability=["weekend"],
                  filled_by="caseworker", consent=True, consent_text="Samtykket som vist",
                  waiting_since="2026-12-01")
    fields.update(over)
    return friends.sign_up_household(today=TODAY, **fields)


@pytest.fixture
def programme(any_store):
    return any_store.create_partnership("Venskaber i Aarhus", "Aarhus")


@pytest.fixture
def local(store):
    """One programme in memory: for the many checks of single fields."""
    return store.create_partnership("Venskaber i Aarhus", "Aarhus")


def test_sign_ups_are_stored_as_given_with_consent_and_date(programme):
    f = programme.friends
    v = volunteer(f, languages=["uk", "ar"], interests=["music", "cooking"],
                  availability=["weekend", "weekday_evening"])
    h = household(f)
    [vol] = f.volunteers()
    assert (vol.id, vol.name, vol.languages, vol.interests, vol.availability) == (
        v, "Karen Holm", "ar,uk", "cooking,music", "weekday_evening,weekend")
    assert (vol.consent_text, vol.consent_date, vol.withdrawn_at) == (
        "Samtykket som vist", "2027-01-11", None)
    [hh] = f.households()
    assert (hh.id, hh.children_ages, hh.children, hh.help_wanted, hh.filled_by.value,
            hh.waiting_since) == (h, "4,9", 2, "bolig,sprog", "caseworker", "2026-12-01")
    assert [x.id for x in f.waiting()] == [h]


@pytest.mark.parametrize(("field", "value"), [
    ("postcode", "80000"), ("postcode", "=1+1"), ("municipality", "Gotham"),
    ("languages", ["xx"]), ("adults", "0"), ("adults", "two"), ("children_ages", "4, 19"),
    ("children_ages", "<script>"), ("help_wanted", ["weapons"]), ("availability", []),
    ("filled_by", "robot"), ("contact", ""), ("contact", "x" * 500),
    ("contact", "Anna\u202egnp.exe"), ("danish_level", "native"), ("interests", ["x" * 40]),
    ("waiting_since", "2099-01-01")])
def test_a_bad_household_field_is_named_in_the_readers_language_and_nothing_is_stored(
        local, field, value):
    f = local.friends
    with pytest.raises(FriendsInvalidField) as caught:
        household(f, **{field: value})
    assert caught.value.params["field"] == field
    label = {"da": kit.i18n.t(f"friends.field.{field}", "da"),
             "ar": kit.i18n.t(f"friends.field.{field}", "ar")}
    assert label["da"] in str(caught.value) and label["ar"] in caught.value.message("ar")
    assert f.households() == []


@pytest.mark.parametrize(("field", "value"), [
    ("name", ""), ("name", "Anna\u202egnp.exe"), ("capacity", "0"), ("capacity", "9"),
    ("capacity", True), ("kind", "robot"), ("organisation", " ")])
def test_a_bad_volunteer_field_is_refused(local, field, value):
    with pytest.raises(FriendsInvalidField):
        volunteer(local.friends, **{field: value})
    assert local.friends.volunteers() == []


def test_no_consent_no_sign_up_and_an_archived_programme_takes_none(programme):
    f = programme.friends
    with pytest.raises(FriendsNoConsent):
        household(f, consent=False)
    with pytest.raises(FriendsNoConsent):
        volunteer(f, consent="yes")   # only a ticked box (True) is consent
    programme.archive()
    with pytest.raises(PartnershipArchived):
        household(f)
    assert f.households(withdrawn=True) == [] and f.volunteers(withdrawn=True) == []


def test_danish_counts_as_a_shared_language_from_some_danish_up(programme):
    f = programme.friends
    h = household(f, languages=["so"], danish_level="some")
    v = volunteer(f, languages=[], danish_level="fluent")
    household(f, contact="other", languages=["ti"], danish_level="none")
    [pair] = f.propose(today=TODAY)
    assert (pair.refugee_id, pair.volunteer_id) == (h, v)
    assert "dansk" in pair.reasons


def test_proposals_replace_undecided_ones_never_repeat_a_rejection_and_respect_places(
        programme):
    f = programme.friends
    first = household(f, waiting_since="2026-10-01")
    second = household(f, contact="+45 99", waiting_since="2026-12-20")
    v = volunteer(f, capacity=1)
    [pair] = f.propose(today=TODAY)
    assert pair.refugee_id == first   # the longest wait first
    [pair] = f.propose(today=TODAY)   # proposed anew: the undecided one is replaced
    assert pair.refugee_id == first and f.proposals() == [pair]
    f.reject(pair.id)
    [again] = f.propose(today=TODAY)
    assert (again.refugee_id, again.volunteer_id) == (second, v)
    f.accept(again.id, "Lørdag kl. 14 på biblioteket", today=TODAY)
    assert f.propose(today=TODAY) == []   # the only place is taken, the pair rejected
    assert [x.id for x in f.waiting()] == [first]
    with pytest.raises(FriendsWrongStatus):
        f.reject(again.id)   # accepted is decided


def test_swap_keeps_every_rule(programme):
    f = programme.friends
    h = household(f)
    a = volunteer(f, name="A")
    b = volunteer(f, name="B", interests=[])
    elsewhere = volunteer(f, name="C", municipality="Odense", postcode="5000")
    no_arabic = volunteer(f, name="D", languages=["uk"], danish_level="none")
    [pair] = f.propose(today=TODAY)
    other = b if pair.volunteer_id == a else a
    swapped = f.swap(pair.id, other, today=TODAY)
    assert swapped.volunteer_id == other and swapped.refugee_id == h
    assert swapped.status.value == "proposed" and "arabisk" in swapped.reasons
    for refused in (elsewhere, no_arabic, "v-nobody"):
        with pytest.raises(FriendsPairRefused):
            f.swap(pair.id, refused, today=TODAY)
    f.reject(pair.id)
    assert all(p.volunteer_id != other for p in f.propose(today=TODAY))


def test_a_friendship_runs_its_course_with_check_ins_and_the_six_month_share(programme):
    f = programme.friends
    household(f)
    volunteer(f)
    [pair] = f.propose(today=TODAY)
    f.accept(pair.id, today=TODAY)
    f.set_status(pair.id, "active", on="2027-01-31")
    assert [(c.month, c.due) for c in f.checkins(pair.id)] == [
        (1, "2027-02-28"), (3, "2027-04-30"), (6, "2027-07-31")]
    assert f.due_checkins("2027-W07") == []   # that week ends 21 February
    assert [c.month for c in f.due_checkins("2027-03-01")] == [1]   # its week ends 7 March
    f.record_checkin(pair.id, 1, household_going="well", volunteer_going="mixed",
                     household_words="Vi laver mad sammen", on="2027-03-02")
    assert [c.month for c in f.due_checkins("2027-W30")] == [3, 6]
    share = f.six_month_share(today=dt.date(2027, 6, 1))
    assert share[["started", "decided", "reached"]].values.tolist() == [[1, 0, 0]]
    share = f.six_month_share(today=dt.date(2027, 8, 1))
    assert share.to_dict("records") == [{"municipality": "Aarhus", "quarter": "2027-Q1",
                                         "started": 1, "decided": 1, "reached": 1,
                                         "share": 1.0}]
    with pytest.raises(kit.KitError):
        f.set_status(pair.id, "ended", reason="tired of it")
    f.set_status(pair.id, "ended", reason="moved", on="2027-05-01")
    assert f.friendship(pair.id).end_reason == "moved"
    share = f.six_month_share(today=dt.date(2027, 8, 1))
    assert share[["decided", "reached"]].values.tolist() == [[1, 0]]
    assert f.due_checkins("2027-W30") == []   # an ended friendship is asked nothing
    with pytest.raises(FriendsWrongStatus):
        f.set_status(pair.id, "active")


def test_frames_for_analysts_carry_no_names_and_the_two_organisations_filter(programme):
    f = programme.friends
    household(f)
    volunteer(f, name="Karen Holm", organisation="Røde Kors")
    volunteer(f, name="Ib Berg", organisation="Venligboerne", contact="ib@example.dk")
    f.propose(today=TODAY)
    frames = f.frames()
    text = "".join(frame.to_csv() for frame in frames.values())
    for personal in ("Karen", "Ib Berg", "example.dk", "+45", "Samtykket"):
        assert personal not in text
    assert sorted(frames["volunteers"]["organisation"]) == ["Røde Kors", "Venligboerne"]
    assert [v.name for v in f.volunteers(organisation="Venligboerne")] == ["Ib Berg"]
    gap = f.gap(today=TODAY)
    assert gap.iloc[0]["municipality"] == "Aarhus" and gap.iloc[0]["waiting"] == 1


def test_people_are_the_tovholders_only(programme):
    f = programme.friends
    household(f)
    public = programme.store.public_partnership(programme.public_code).friends
    household(public, contact="+45 22")   # the public form signs up without a key
    for read in (public.households, public.volunteers, public.friendships, public.frames):
        with pytest.raises(CoordinatorOnly):
            read()
    with pytest.raises(CoordinatorOnly):
        public.propose()
    assert len(f.households()) == 2


def test_withdrawn_and_ended_are_purged_after_the_months_and_counts_stay(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.sqlite'}"
    store = kit.open_store(url)
    p = store.create_partnership("Venskaber", "Aarhus")
    f = p.friends
    ended_h = household(f, contact="Zainab +45 70 70 70 70")
    v = volunteer(f, name="Gunhild Vestergaard")
    gone_v = volunteer(f, name="Bodil Quist", languages=["uk"])
    stays = household(f, contact="Olena +45 80 80 80 80", languages=["uk"])
    [pair] = [x for x in f.propose(today=TODAY) if x.refugee_id == ended_h]
    f.accept(pair.id, today=TODAY)
    f.set_status(pair.id, "active", on=TODAY)
    f.record_checkin(pair.id, 1, household_going="well", volunteer_going="well",
                     household_words="Hyggeligt med Gunhild", on=TODAY)
    f.set_status(pair.id, "ended", reason="completed", on="2027-08-01")
    f.withdraw(gone_v, on="2027-07-01")
    assert f.proposals() == []   # the withdrawn volunteer's proposal went at once
    assert f.purge(6, today=dt.date(2027, 12, 1)) == {"volunteers": 0, "households": 0}
    counts = f.purge(6, today=dt.date(2028, 3, 1))
    assert counts == {"volunteers": 1, "households": 1}
    assert [h.id for h in f.households()] == [stays]
    assert [x.id for x in f.volunteers(withdrawn=True)] == [v]
    [kept] = f.friendships()
    assert (kept.refugee_id, kept.reasons, kept.status.value, kept.municipality,
            kept.active_on) == ("", "", "ended", "Aarhus", TODAY.isoformat())
    assert f.checkins() == []
    assert len(f.six_month_share(today=dt.date(2028, 3, 1))) == 1
    store.close()
    raw = b"".join(x.read_bytes() for x in tmp_path.iterdir() if x.is_file())
    for gone in ("Zainab", "Bodil Quist", "Hyggeligt"):
        assert gone.encode() not in raw
    assert b"Olena" in raw   # still waiting: kept


def test_kit_purge_friends_runs_over_every_partnership(tmp_path, capsys):
    from kit.cli import main

    url = f"sqlite:///{tmp_path / 'k.sqlite'}"
    store = kit.open_store(url)
    for town in ("Aarhus", "Odense"):
        p = store.create_partnership(f"Venskaber {town}", town)
        p.friends.withdraw(volunteer(p.friends, name=f"Frivillig {town}", municipality=town,
                                     postcode="8000"))
    store.close()
    assert main(["purge", "--friends", "0", "--database-url", url]) == 0
    assert "2 volunteer(s), 0 household(s)" in capsys.readouterr().out
    again = kit.open_store(url)
    assert all(again.coordinate(s.id).friends.volunteers(withdrawn=True) == []
               for s in again.partnerships())
    assert main(["purge", "--friends", "--older-than", "3", "--database-url", url]) == 2
