"""Dates of the friend programme, as pure functions: months added as people count them,
the week a check-in falls due in, the quarter a friendship began in. Pure: no widgets, no SQL.
"""

from __future__ import annotations

import calendar
import datetime as dt

from kit.core import errors


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months, on the month's last day where it is shorter (31 Jan + 1:
    28 or 29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def day_of(value: object, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise errors.InvalidValue(field=field, value=str(value)[:40]) from None


def week_end(week: object) -> dt.date:
    """The Sunday ending a week given as an ISO week ("2027-W05") or any date in it."""
    text = str(week).strip() if not isinstance(week, dt.date) else ""
    if text and "W" in text.upper():
        try:
            year, number = text.upper().split("-W")
            return dt.date.fromisocalendar(int(year), int(number), 7)
        except ValueError:
            raise errors.InvalidValue(field="week", value=text[:20]) from None
    day = day_of(week, "week")
    return day + dt.timedelta(days=6 - day.weekday())


def quarter(day: str) -> str:
    """"2027-Q1" for a date in January to March 2027."""
    d = dt.date.fromisoformat(day)
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
