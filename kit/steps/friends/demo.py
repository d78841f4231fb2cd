"""A small, made-up friend programme for the analysts' notebook and its tests: three
municipalities through 2026, households and volunteers signing up each month, a recruiting
campaign in June, the optimal proposals accepted and the pairs meeting a week later, and
some friendships ending each month for one reason or another. The same figures every run
(a seeded generator; the store's ids are random, so pairs that end are picked in an order in
which those that tie are alike). Written through `partnership.friends` like the forms and the
console; no names are made up (every name and contact is "–").
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kit.steps.friends.store import FriendsStore

PLACES = {"Aarhus": "8000", "Randers": "8900", "Silkeborg": "8600"}
REASONS = ("completed", "moved", "no_time", "not_a_match", "household_stopped")
CONSENT = "Samtykke som vist"


def _sign_ups(friends: FriendsStore, rng: random.Random, day: dt.date, households: int,
              volunteers: int) -> None:
    for _ in range(households):
        place = rng.choice(list(PLACES))
        friends.sign_up_household(
            today=day, contact="–", municipality=place, postcode=PLACES[place],
            languages=[rng.choice(["ar", "uk", "ti"])], danish_level="none", adults=2,
            children_ages="", interests=[], help_wanted=["sprog"], availability=["weekend"],
            filled_by="caseworker", consent=True, consent_text=CONSENT)
    for _ in range(volunteers):
        place = rng.choice(list(PLACES))
        friends.sign_up_volunteer(
            today=day, name="–", contact="–", organisation=rng.choice(["Røde Kors", "DFH"]),
            municipality=place, postcode=PLACES[place], languages=["ar", "uk", "ti"],
            danish_level="fluent", kind="person", capacity=1, interests=[],
            availability=["weekend"], consent=True, consent_text=CONSENT)


def demo_programme(friends: FriendsStore, year: int = 2026, months: int = 11,
                   seed: int = 28) -> FriendsStore:
    """Fill `friends` (an empty programme, the tovholder's handle) month by month from
    January of `year`: 8 households and 3 volunteers sign up each month, 20 volunteers in
    June; the proposals are accepted on the 8th, the pairs meet on the 15th, and about one
    active friendship in eight ends on the 28th. Returns `friends`."""
    rng = random.Random(seed)
    for month in range(1, months + 1):
        day = dt.date(year, month, 1)
        _sign_ups(friends, rng, day, 8, 20 if month == 6 else 3)
        for pair in friends.propose(today=day + dt.timedelta(days=7)):
            friends.accept(pair.id, today=day + dt.timedelta(days=7))
            friends.set_status(pair.id, "active", on=day + dt.timedelta(days=14))
        going = sorted(friends.friendships("active"),
                       key=lambda p: (p.active_on, p.municipality))
        for pair in going:
            if rng.random() < 0.12:
                friends.set_status(pair.id, "ended", reason=rng.choice(REASONS),
                                   on=day + dt.timedelta(days=27))
    return friends
