"""A working group's first meeting, pure: its facts checked as the store keeps them
(`clean_meeting`), and as people read it: the stored date, time and place
("tirsdag den 12. januar 2027 kl. 17:00, Biblioteket"), or the free text an older workshop
wrote; and which of the three facts a document still lacks (issue 27, fields instead of
blanks)."""

from __future__ import annotations

import datetime as dt

from kit.core import errors
from kit.core.base import _clean_date
from kit.core.model import MAX_NAME
from kit.core.validate import clean_text
from kit.i18n import t
from kit.steps.groups.model import Group

FACTS = ("date", "time", "place")
"""The first meeting's facts, each stored as `first_meeting_<fact>`."""


def first_meeting_text(group: Group, language: str, phone: bool = False) -> str:
    """The first meeting in words; "" while nothing is known. `phone`: the date in digits
    from the catalog (`blanks.short_date`), since phones load no Babel locale data."""
    stored = group.first_meeting_date
    if not stored:
        try:  # an older workshop's free text may be a plain ISO date: said as a date
            day = dt.date.fromisoformat(group.first_meeting.strip())
        except ValueError:
            return group.first_meeting  # else as it was written
        return _date(day, language, phone)
    when = _date(dt.date.fromisoformat(stored), language, phone)
    if group.first_meeting_time:
        when = t("blanks.at_time", language, date=when, time=group.first_meeting_time)
    if group.first_meeting_place:
        when = t("blanks.at_place", language, when=when, place=group.first_meeting_place)
    return when


def _date(day: dt.date, language: str, phone: bool) -> str:
    if phone:
        return t("blanks.short_date", language, d=day.day, m=day.month, y=day.year)
    from kit.i18n import date

    return date(day, language, "full")


def first_meeting_gaps(group: Group) -> list[str]:
    """The facts of the first meeting not yet stored (of `FACTS`); none for an older
    workshop's free text, which cannot say what it lacks."""
    if group.first_meeting and not group.first_meeting_date:
        return []
    return [f for f in FACTS if not getattr(group, f"first_meeting_{f}")]


def clean_time(value: object) -> str:
    """A time of day as HH:MM ("17", "17.30" and "9:05" are read as 17:00, 17:30, 09:05);
    "" for none."""
    import re

    text = str(value or "").strip()
    if not text:
        return ""
    found = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?", text)
    if found is None or int(found[1]) > 23 or int(found[2] or 0) > 59:
        raise errors.InvalidTime(value=text[:20])
    return f"{int(found[1]):02d}:{found[2] or '00'}"


def clean_meeting(date: str | None = None, time: str | None = None,
                  place: str | None = None) -> dict[str, str]:
    """A first meeting's facts as stored (`first_meeting_<fact>`), those given only;
    raises for a wrong one before anything is written."""
    clean: dict[str, str] = {}
    if date is not None:
        text = str(date).strip()
        if text:
            try:
                clean["first_meeting_date"] = _clean_date(text)
            except errors.InvalidValue:
                raise errors.InvalidValue(field="first_meeting", value=text[:40]) from None
        else:
            clean["first_meeting_date"] = ""
    if time is not None:
        clean["first_meeting_time"] = clean_time(time)
    if place is not None:
        clean["first_meeting_place"] = clean_text(place, field="first_meeting_place",
                                                  max_length=MAX_NAME, required=False)
    return clean


__all__ = ["FACTS", "clean_meeting", "clean_time", "first_meeting_gaps", "first_meeting_text"]
