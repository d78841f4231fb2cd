"""Fora that meet, pure: the agenda of a forum's next meeting (its standing items, what was
added for it, and every action still open from earlier meetings), who keeps coming and who
stopped (turnover: the method catalogue names unstable meetings as the usual way a forum
fails), and the gentle warnings a coordinator sees. No SQL, no widgets: the store hands in
meetings, attendance and actions as model dataclasses; findings are catalog keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from kit.core.model import Finding, Sector
from kit.steps.follow_up.model import (
    STANDING_ITEMS,
    AgendaItem,
    Attendee,
    Forum,
    ForumAction,
    ForumKind,
    Meeting,
    Turnover,
)

STOPPED_AFTER = 2
"""An organisation that came before and then missed this many meetings in a row (the latest
ones) has stopped coming; one missed meeting is ordinary."""

WORKING_HOURS = (dt.time(8, 0), dt.time(16, 0))
"""Weekday hours in which volunteers (and refugees in work, school or language classes)
can rarely come: a meeting that overlaps them is warned about."""


def in_order(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Meetings the earliest first: by date, start time, then when they were planned."""
    return sorted(meetings, key=lambda m: (m.date, m.start_time or "99", m.created_at, m.id))


def open_actions(actions: Iterable[ForumAction], meetings: Iterable[Meeting],
                 before: Meeting | None = None) -> list[ForumAction]:
    """The actions not yet done, those due soonest first (no due date last); with `before`,
    only those agreed at meetings earlier than it (what its agenda follows up)."""
    order = {m.id: n for n, m in enumerate(in_order(meetings))}
    limit = order.get(before.id, len(order)) if before is not None else len(order) + 1
    found = [a for a in actions if not a.done and order.get(a.meeting_id, -1) < limit]
    return sorted(found, key=lambda a: (a.due or "9999-99-99", order.get(a.meeting_id, -1),
                                        a.text.casefold(), a.id))


def overdue(action: ForumAction, today: str) -> bool:
    return bool(action.due) and not action.done and action.due < today


def agenda(meeting: Meeting, meetings: Iterable[Meeting],
           actions: Iterable[ForumAction]) -> list[AgendaItem]:
    """A meeting's agenda: approval of the agenda and of the last minutes, then the follow-up
    of every action still open from earlier meetings (an empty item when none is), the other
    standing items, what was added for this meeting, any other business and the next
    meeting."""
    meetings = list(meetings)
    follow = AgendaItem(key="meeting.agenda_actions",
                        actions=tuple(open_actions(actions, meetings, before=meeting)))
    first, rest = STANDING_ITEMS[:2], STANDING_ITEMS[2:]
    return [*(AgendaItem(key=k) for k in first), follow, *(AgendaItem(key=k) for k in rest),
            *(AgendaItem(text=x) for x in meeting.added_items),
            AgendaItem(key="agenda.any_other"), AgendaItem(key="agenda.next_meeting")]


def upcoming(meetings: Iterable[Meeting], today: str) -> Meeting | None:
    """The forum's next meeting: the earliest on `today` or later (None: none planned)."""
    return next((m for m in in_order(meetings) if m.date >= today), None)


def latest_held(meetings: Iterable[Meeting], today: str) -> Meeting | None:
    """The last meeting before `today` (the one whose minutes are taken now)."""
    past = [m for m in in_order(meetings) if m.date < today]
    return past[-1] if past else None


def _person(a: Attendee) -> tuple[str, str]:
    return (" ".join(a.name.split()).casefold(), " ".join(a.organisation.split()).casefold())


def turnover(meetings: Iterable[Meeting], attendance: Iterable[Attendee]) -> Turnover:
    """Who came to several of the forum's meetings and who once, which organisations
    stopped coming, and how many of the latest meeting's people had come before. A meeting
    counts as held when someone's attendance is recorded for it."""
    came: dict[str, list[Attendee]] = {}
    for a in attendance:
        came.setdefault(a.meeting_id, []).append(a)
    held = [m for m in in_order(meetings) if came.get(m.id)]
    if not held:
        return Turnover(held=0)
    seen: dict[tuple[str, str], tuple[str, int]] = {}   # person → (label, meetings)
    last_seen: dict[str, tuple[str, int]] = {}          # organisation → (label, index)
    for n, m in enumerate(held):
        for person, a in {_person(a): a for a in came[m.id]}.items():
            label = f"{a.name} ({a.organisation})" if a.organisation else a.name
            seen[person] = (label, seen.get(person, ("", 0))[1] + 1)
            if a.organisation.strip():
                last_seen[person[1]] = (" ".join(a.organisation.split()), n)
    regulars = sorted((label for label, k in seen.values() if k >= 2), key=str.casefold)
    once = sorted((label for label, k in seen.values() if k == 1), key=str.casefold)
    stopped = sorted((label for label, n in last_seen.values()
                      if n < len(held) - STOPPED_AFTER), key=str.casefold)
    returning = None
    if len(held) > 1:
        before = {_person(a) for m in held[:-1] for a in came[m.id]}
        latest = {_person(a) for a in came[held[-1].id]}
        returning = len(latest & before) / len(latest)
    return Turnover(held=len(held), regulars=tuple(regulars), once=tuple(once),
                    stopped=tuple(stopped), returning=returning,
                    attendance=tuple(len({_person(a) for a in came[m.id]}) for m in held))


# -- gentle warnings ------------------------------------------------------------------------
def forum_warnings(forum: Forum, sectors: Sequence[str]) -> list[Finding]:
    """Whether the forum can decide. The rule: someone leads it (its coordinator, who
    convenes and follows decisions up), and a coordination forum, which steers, has a member
    from the municipality who can commit the municipality's part. `sectors`: one per member."""
    out = []
    if not forum.coordinator:
        out.append(Finding("meeting.warn_no_coordinator", refs=(forum.id,)))
    if forum.kind is ForumKind.KOORDINERINGSFORUM and Sector.KOMMUNE.value not in sectors:
        out.append(Finding("meeting.warn_no_municipality", refs=(forum.id,)))
    return out


def _clock(value: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(value) if value else None
    except ValueError:
        return None


def meeting_warnings(meeting: Meeting, sectors: Sequence[str]) -> list[Finding]:
    """A meeting on a weekday (Monday to Friday) that overlaps working hours (08–16), in a
    forum with members from civil society or refugees (or none listed yet): volunteers can
    rarely come then. `sectors`: one per member of the forum."""
    start, end = _clock(meeting.start_time), _clock(meeting.end_time)
    try:
        day = dt.date.fromisoformat(meeting.date)
    except ValueError:
        return []
    if start is None or day.weekday() >= 5:
        return []
    if sectors and all(s == Sector.KOMMUNE.value for s in sectors):
        return []  # only municipal staff, who meet in their working hours
    if start < WORKING_HOURS[1] and (end is None or end > WORKING_HOURS[0]):
        return [Finding("meeting.warn_working_hours", {"time": meeting.start_time},
                        refs=(meeting.id,))]
    return []
