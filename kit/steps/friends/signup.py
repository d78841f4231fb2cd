"""The friend programme's sign-ups checked, as pure functions: what a volunteer or a household
(or a caseworker or language school with them) sends becomes a `Volunteer` or a `Household`,
or a `FriendsInvalidField` naming the first field that is not as asked. The choices the forms
offer are here too: languages, interests, availability, the kit's areas for help wanted.

Interests are codes from a fixed list, never free words: a household writing in Ukrainian and
a volunteer writing in Danish must still meet on "cooking". Pure: no widgets, no SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from kit.core import errors
from kit.core.model import MAX_NAME, Category
from kit.core.validate import clean_text
from kit.steps.friends.errors import FriendsInvalidField, FriendsNoConsent
from kit.steps.friends.model import (
    MAX_ADULTS,
    MAX_CHILDREN,
    MAX_CONSENT,
    MAX_CONTACT,
    MAX_ORGANISATION,
    Availability,
    DanishLevel,
    FilledBy,
    Household,
    Kind,
    Volunteer,
)

SPOKEN = ("ar", "uk", "ru", "ti", "fa", "ps", "so", "ku", "tr", "ur", "am", "en", "de",
          "fr", "es", "pl")
"""The languages a form offers besides Danish (whose level is asked on its own): those of
people who came to Denmark in recent years, and those volunteers often add."""
INTERESTS = ("cooking", "sport", "football", "music", "nature", "crafts", "reading",
             "games", "cycling", "culture", "gardening", "computers")
"""Interests as codes (`friends.interest.<code>` names each in four languages)."""
MAX_CAPACITY = 5
"""Households one volunteer friend can take at once through a form."""
POSTCODE = re.compile(r"^[1-9]\d{3}$")


def _fail(field: str) -> FriendsInvalidField:
    return FriendsInvalidField(field=field)


def _choices(values: Iterable[Any] | str, allowed: Iterable[str], field: str, *,
             required: bool, most: int) -> str:
    """Picked values (a list, or one comma-separated text) as a comma-separated text in
    the order of `allowed`; anything else refused."""
    if isinstance(values, str):
        values = values.split(",")
    picked = {str(v).strip() for v in values if str(v).strip()}
    allowed = tuple(allowed)
    if picked - set(allowed) or len(picked) > most or (required and not picked):
        raise _fail(field)
    return ",".join(x for x in allowed if x in picked)


def _whole(value: object, field: str, low: int, high: int) -> int:
    text = str(value).strip() if not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{1,3}", text) or not low <= int(text) <= high:
        raise _fail(field)
    return int(text)


def _text(value: object, field: str, most: int, *, name: bool = False) -> str:
    try:
        return clean_text(value, field=field, max_length=most, refuse_format=name)
    except errors.InvalidText:
        raise _fail(field) from None


def _municipality(value: object, known: Iterable[str]) -> str:
    text = _text(value, "municipality", MAX_NAME)
    names = {x.casefold(): x for x in known}
    if text.casefold() not in names:
        raise _fail("municipality")
    return names[text.casefold()]


def _postcode(value: object) -> str:
    text = str(value or "").strip()
    if not POSTCODE.match(text):
        raise _fail("postcode")
    return text


def _level(value: object) -> DanishLevel:
    try:
        return DanishLevel(str(value))
    except ValueError:
        raise _fail("danish_level") from None


def _consent(given: object, text: object, today: dt.date) -> tuple[str, str]:
    if given is not True:
        raise FriendsNoConsent()
    shown = clean_text(text, field="consent", max_length=MAX_CONSENT, multiline=True)
    return shown, today.isoformat()


def municipality_names() -> tuple[str, ...]:
    from kit.steps.friends.map import municipalities

    return tuple(municipalities()["name"])


def clean_volunteer(*, name: object, contact: object, organisation: object,
                    municipality: object, postcode: object, languages: Iterable[Any] | str,
                    danish_level: object, kind: object, capacity: object,
                    interests: Iterable[Any] | str, availability: Iterable[Any] | str,
                    consent: object, consent_text: object, today: dt.date,
                    known_municipalities: Iterable[str] | None = None) -> Volunteer:
    """A volunteer friend's sign-up checked field by field, in the form's order."""
    known = known_municipalities or municipality_names()
    clean_name = _text(name, "name", MAX_NAME, name=True)
    clean_contact = _text(contact, "contact", MAX_CONTACT, name=True)
    clean_org = _text(organisation, "organisation", MAX_ORGANISATION)
    place = _municipality(municipality, known)
    code = _postcode(postcode)
    level = _level(danish_level)
    spoken = _choices(languages, SPOKEN, "languages", required=level == DanishLevel.NONE,
                      most=len(SPOKEN))
    try:
        who = Kind(str(kind))
    except ValueError:
        raise _fail("kind") from None
    places = _whole(capacity, "capacity", 1, MAX_CAPACITY)
    likes = _choices(interests, INTERESTS, "interests", required=False, most=len(INTERESTS))
    when = _choices(availability, [a.value for a in Availability], "availability",
                    required=True, most=len(Availability))
    shown, date = _consent(consent, consent_text, today)
    return Volunteer("", clean_org, place, code, spoken, level, who, places, likes, when,
                     clean_name, clean_contact, shown, date)


def clean_household(*, contact: object, municipality: object, postcode: object,
                    languages: Iterable[Any] | str, danish_level: object, adults: object,
                    children_ages: Iterable[Any] | str, interests: Iterable[Any] | str,
                    help_wanted: Iterable[Any] | str, availability: Iterable[Any] | str,
                    filled_by: object, consent: object, consent_text: object,
                    today: dt.date, waiting_since: object = None,
                    known_municipalities: Iterable[str] | None = None) -> Household:
    """A refugee household's sign-up checked field by field, in the form's order."""
    known = known_municipalities or municipality_names()
    try:
        by = FilledBy(str(filled_by))
    except ValueError:
        raise _fail("filled_by") from None
    clean_contact = _text(contact, "contact", MAX_CONTACT, name=True)
    place = _municipality(municipality, known)
    code = _postcode(postcode)
    level = _level(danish_level)
    spoken = _choices(languages, SPOKEN, "languages", required=level == DanishLevel.NONE,
                      most=len(SPOKEN))
    grown = _whole(adults, "adults", 1, MAX_ADULTS)
    ages = children_ages.split(",") if isinstance(children_ages, str) else children_ages
    young = [_whole(a, "children_ages", 0, 17) for a in ages if str(a).strip()]
    if len(young) > MAX_CHILDREN:
        raise _fail("children_ages")
    likes = _choices(interests, INTERESTS, "interests", required=False, most=len(INTERESTS))
    wanted = _choices(help_wanted, [c.value for c in Category], "help_wanted",
                      required=False, most=len(Category))
    when = _choices(availability, [a.value for a in Availability], "availability",
                    required=True, most=len(Availability))
    since = today.isoformat()
    if waiting_since not in (None, ""):
        try:
            day = dt.date.fromisoformat(str(waiting_since).strip())
        except ValueError:
            raise _fail("waiting_since") from None
        if day > today:
            raise _fail("waiting_since")
        since = day.isoformat()
    shown, date = _consent(consent, consent_text, today)
    return Household("", place, code, spoken, level, grown, ",".join(map(str, young)), likes,
                     wanted, when, by, clean_contact, shown, date, since)


def matching_languages(languages: str, level: DanishLevel | str) -> str:
    """The languages matching counts: those ticked, and Danish from `SOME` up."""
    codes = [x for x in languages.split(",") if x]
    if DanishLevel(level) != DanishLevel.NONE:
        codes.append("da")
    return ",".join(sorted(set(codes)))
