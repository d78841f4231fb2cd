"""A working group's first meeting as people read it, pure: the stored date, time and place
("tirsdag den 12. januar 2027 kl. 17:00, Biblioteket"), or the free text an older workshop
wrote; and which of the three facts a document still lacks (issue 27, fields instead of
blanks)."""

from __future__ import annotations

import datetime as dt

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


__all__ = ["FACTS", "first_meeting_gaps", "first_meeting_text"]
