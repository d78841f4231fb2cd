"""The friend programme's records, as frozen dataclasses and enums with no I/O: a volunteer
friend's sign-up, a refugee household's sign-up, a friendship (from proposal to its end) and
its check-ins at one, three and six months. The store (`store.py`) maps table rows to these;
the sign-up forms and the console speak in these names.

A sign-up holds only what matching and reaching the person need: languages, where they live,
the household's size, interests, help wanted, availability, one contact line (and a
volunteer's name), and the consent: the text shown and the date it was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MAX_CONTACT = 120     # a phone number or an e-mail address, or both
MAX_ORGANISATION = 80
MAX_INTERESTS = 8     # interests one person ticks or types
MAX_INTEREST = 40     # characters of one interest
MAX_LANGUAGES = 6
MAX_CONSENT = 2000    # the consent text shown, stored as it was shown
MAX_ANSWER = 280      # one side's few words at a check-in
MAX_CHILDREN = 12
MAX_ADULTS = 12
CHECKIN_MONTHS = (1, 3, 6)
"""When a friendship is asked how it goes: months after it became active."""
SIX_MONTHS = 6
PURGE_AFTER_MONTHS = 6
"""Personal data is deleted this many months after a friendship ended or a sign-up was
withdrawn (`FriendsStore.purge`, `kit purge --friends`), unless told otherwise."""


class Kind(StrEnum):
    """Who volunteers: one person, or a family (which suits a family with children)."""

    PERSON = "person"
    FAMILY = "family"


class DanishLevel(StrEnum):
    """How much Danish someone speaks; from `SOME` up, Danish counts as a shared language."""

    NONE = "none"
    SOME = "some"
    GOOD = "good"
    FLUENT = "fluent"


class FilledBy(StrEnum):
    """Who filled in a household's sign-up, with the household."""

    HOUSEHOLD = "household"
    CASEWORKER = "caseworker"
    LANGUAGE_SCHOOL = "language_school"


class Availability(StrEnum):
    """When someone can meet."""

    WEEKDAY_DAYTIME = "weekday_daytime"
    WEEKDAY_EVENING = "weekday_evening"
    WEEKEND = "weekend"


class FriendStatus(StrEnum):
    """A friendship's course: proposed by the matching, introduced once the tovholder
    accepts (a first meeting is arranged), active once they have met, ended with a reason.
    A rejected proposal is kept, so the pair is never proposed again."""

    PROPOSED = "proposed"
    INTRODUCED = "introduced"
    ACTIVE = "active"
    ENDED = "ended"
    REJECTED = "rejected"


OPEN_STATUSES = (FriendStatus.PROPOSED, FriendStatus.INTRODUCED, FriendStatus.ACTIVE)
BUSY_STATUSES = (FriendStatus.INTRODUCED, FriendStatus.ACTIVE)
"""A volunteer's place is taken by these; a proposal takes one only until it is decided."""


class EndReason(StrEnum):
    """Why a friendship ended: a fixed list, so no free text about a person is kept."""

    COMPLETED = "completed"          # it ran its course
    MOVED = "moved"                  # one side moved away
    NO_TIME = "no_time"              # the volunteer had no more time
    NOT_A_MATCH = "not_a_match"      # it did not work between them
    HOUSEHOLD_STOPPED = "household_stopped"
    OTHER = "other"


class Going(StrEnum):
    """One side's answer at a check-in: how the friendship goes."""

    WELL = "well"
    MIXED = "mixed"
    BADLY = "badly"


@dataclass(frozen=True)
class Volunteer:
    id: str
    organisation: str
    municipality: str
    postcode: str
    languages: str            # comma-separated codes, e.g. "da,en"
    danish_level: DanishLevel
    kind: Kind
    capacity: int
    interests: str            # comma-separated, lower case
    availability: str         # comma-separated `Availability` values
    name: str
    contact: str
    consent_text: str
    consent_date: str         # ISO date
    created_at: float = 0.0
    withdrawn_at: float | None = None


@dataclass(frozen=True)
class Household:
    id: str
    municipality: str
    postcode: str
    languages: str
    danish_level: DanishLevel
    adults: int
    children_ages: str        # comma-separated whole years, e.g. "4,9"
    interests: str
    help_wanted: str          # comma-separated `Category` values (the kit's areas)
    availability: str
    filled_by: FilledBy
    contact: str
    consent_text: str
    consent_date: str
    waiting_since: str        # ISO date
    created_at: float = 0.0
    withdrawn_at: float | None = None

    @property
    def children(self) -> int:
        return len([x for x in self.children_ages.split(",") if x.strip()])


@dataclass(frozen=True)
class Friendship:
    """A proposed pair and, once accepted, the friendship. `municipality` is the household's,
    kept here so the counts per municipality outlive the purge of the people's data."""

    id: str
    refugee_id: str
    volunteer_id: str
    municipality: str
    status: FriendStatus
    score: int
    reasons: str
    proposed_on: str
    introduced_on: str = ""
    first_meeting: str = ""
    active_on: str = ""
    ended_on: str = ""
    end_reason: str = ""


@dataclass(frozen=True)
class CheckIn:
    """The check-in `month` months after a friendship became active, due on `due`; each side
    answers how it goes and a few words; `done_on` once the tovholder has heard both."""

    friendship_id: str
    month: int
    due: str
    done_on: str = ""
    household_going: str = ""
    household_words: str = ""
    volunteer_going: str = ""
    volunteer_words: str = ""
