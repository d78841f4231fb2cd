"""Fora that meet, in the store (issue 27): a forum's meetings, who came, the minutes, the
decisions and the follow-up actions. They belong to the partnership, not to a workshop: a
forum carried over to the next workshop keeps its id, so everything here is keyed by
(partnership, forum) and outlives the workshop the forum was made in.

Reached as `partnership.fora` (from a facilitator's workshop: `workshop.partnership.fora`).
Anyone's handle reads; changing needs the coordinator's (one transaction each, which also
tells every workshop of the partnership that its fora changed, so open consoles redraw).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from kit.core import errors
from kit.core.base import bump, new_id
from kit.core.db import Tx
from kit.core.model import MAX_NAME, MAX_ORGANISATION, MAX_TERMS, MAX_TITLE
from kit.core.rows import Table, assignments
from kit.core.validate import clean_sector, clean_text
from kit.steps.follow_up import meeting_logic as logic
from kit.steps.follow_up import topics
from kit.steps.follow_up.errors import UnknownForum, UnknownMeeting, UnknownMeetingItem
from kit.steps.follow_up.model import (
    AgendaItem,
    Attendee,
    Decision,
    ForumAction,
    Meeting,
    Turnover,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from kit.partnership import Partnership

T = TypeVar("T")
M = TypeVar("M", bound="DataclassInstance")

MEETINGS: Table[Meeting] = Table("forum_meetings", Meeting, owner="partnership_id")
ATTENDANCE: Table[Attendee] = Table("meeting_attendance", Attendee, owner="partnership_id")
DECISIONS: Table[Decision] = Table("meeting_decisions", Decision, owner="partnership_id")
ACTIONS: Table[ForumAction] = Table("forum_actions", ForumAction, owner="partnership_id")

MAX_PLACE = MAX_TITLE
MAX_AGENDA = MAX_TERMS
MAX_MINUTES = 4 * MAX_TERMS
MAX_DECISION = MAX_TERMS // 4
MAX_ACTION = MAX_TITLE


def clean_time(value: object, field: str) -> str:
    """A time of day as "HH:MM" ("" for none): "9", "9.30", "09:30" and "0930" are read
    as people write them in Denmark."""
    text = str(value or "").strip().replace(".", ":")
    if not text:
        return ""
    if text.isdigit() and len(text) in (3, 4):
        text = f"{text[:-2]}:{text[-2:]}"
    elif text.isdigit() and len(text) <= 2:
        text += ":00"
    hours, _, minutes = text.partition(":")
    if (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2
            and int(hours) < 24 and int(minutes) < 60):
        return f"{int(hours):02d}:{minutes}"
    raise errors.InvalidValue(field=field, value=str(value)[:40])


def clean_day(value: object, field: str = "date", required: bool = True) -> str:
    """An ISO date (a `datetime.date` or "YYYY-MM-DD"); "" only when not `required`."""
    import datetime as dt

    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value or "").strip()
    if not text and not required:
        return ""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise errors.InvalidValue(field=field, value=text[:40]) from None


class ForumMeetings:
    """The meetings of a partnership's fora (`partnership.fora`)."""

    def __init__(self, partnership: Partnership) -> None:
        self.partnership = partnership

    def __repr__(self) -> str:
        return f"<ForumMeetings of {self.partnership.id}>"

    def _read(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        return self.partnership.store.db.read(sql, {"p": self.partnership.id, **(params or {})})

    # -- reading --------------------------------------------------------------------------
    def meetings(self, forum_id: str | None = None) -> list[Meeting]:
        """The meetings (of one forum, or of every forum), the earliest first."""
        where = " AND forum_id = :f" if forum_id is not None else ""
        rows = self._read(f"SELECT * FROM forum_meetings WHERE partnership_id = :p{where}",
                          {"f": str(forum_id)})
        return logic.in_order(MEETINGS.load(r) for r in rows)

    def meeting(self, meeting_id: str) -> Meeting:
        rows = self._read("SELECT * FROM forum_meetings WHERE partnership_id = :p AND id = :m",
                          {"m": str(meeting_id)})
        if not rows:
            raise UnknownMeeting()
        return MEETINGS.load(rows[0])

    def attendance(self, meeting_id: str | None = None,
                   forum_id: str | None = None) -> list[Attendee]:
        """Who came (to one meeting, to one forum's meetings, or to any), by name."""
        sql, q = self._of("meeting_attendance", meeting_id, forum_id)
        found = [ATTENDANCE.load(r) for r in self._read(sql, q)]
        return sorted(found, key=lambda a: (a.name.casefold(), a.organisation, a.id))

    def decisions(self, meeting_id: str | None = None,
                  forum_id: str | None = None) -> list[Decision]:
        sql, q = self._of("meeting_decisions", meeting_id, forum_id)
        return sorted((DECISIONS.load(r) for r in self._read(sql, q)),
                      key=lambda d: (d.meeting_id, d.id))

    def actions(self, forum_id: str | None = None, meeting_id: str | None = None,
                open_only: bool = False) -> list[ForumAction]:
        """Follow-up actions, the soonest due first; `open_only`: those not done."""
        sql, q = self._of("forum_actions", meeting_id, forum_id)
        found = [ACTIONS.load(r) for r in self._read(sql, q)]
        if open_only:
            return logic.open_actions(found, self.meetings(forum_id))
        return sorted(found, key=lambda a: (a.done, a.due or "9999", a.text.casefold(), a.id))

    def _of(self, table: str, meeting_id: str | None,
            forum_id: str | None) -> tuple[str, dict[str, str]]:
        sql = f"SELECT x.* FROM {table} x WHERE x.partnership_id = :p"
        q: dict[str, str] = {}
        if meeting_id is not None:
            sql += " AND x.meeting_id = :m"
            q["m"] = str(meeting_id)
        if forum_id is not None:
            sql += (" AND x.meeting_id IN (SELECT id FROM forum_meetings WHERE "
                    "partnership_id = :p AND forum_id = :f)")
            q["f"] = str(forum_id)
        return sql, q

    def agenda(self, meeting_id: str) -> list[AgendaItem]:
        """The meeting's agenda: the standing items, the actions still open from the forum's
        earlier meetings, what was added for this one (`meeting_logic.agenda`)."""
        meeting = self.meeting(meeting_id)
        return logic.agenda(meeting, self.meetings(meeting.forum_id),
                            self.actions(meeting.forum_id))

    def turnover(self, forum_id: str) -> Turnover:
        return logic.turnover(self.meetings(forum_id), self.attendance(forum_id=forum_id))

    # -- meetings -------------------------------------------------------------------------
    def plan_meeting(self, forum_id: str, date: object, start_time: str = "",
                     end_time: str = "", place: str = "", agenda: str = "") -> Meeting:
        """A new meeting of the forum on `date` (ISO), from `start_time` to `end_time`
        ("HH:MM"), at `place`; `agenda`: items added to the standing ones, one per line."""
        meeting = Meeting(new_id("m"), str(forum_id), clean_day(date),
                          **self._when(start_time, end_time), place=_place(place),
                          agenda=_agenda(agenda), created_at=time.time())

        def work(tx: Tx) -> Meeting:
            self._forum_check(tx, meeting.forum_id)
            tx.run(MEETINGS.insert(), MEETINGS.values(meeting, self.partnership.id))
            return meeting

        return self._write(work)

    def update_meeting(self, meeting_id: str, date: object = None,
                       start_time: str | None = None, end_time: str | None = None,
                       place: str | None = None, agenda: str | None = None) -> Meeting:
        """Change when, where or the added items (None keeps a value)."""
        old = self.meeting(meeting_id)
        values = {"date": clean_day(date) if date is not None else old.date,
                  **self._when(old.start_time if start_time is None else start_time,
                               old.end_time if end_time is None else end_time),
                  "place": _place(place) if place is not None else old.place,
                  "agenda": _agenda(agenda) if agenda is not None else old.agenda}
        self._change("forum_meetings", meeting_id, values, UnknownMeeting)
        return self.meeting(meeting_id)

    def set_minutes(self, meeting_id: str, minutes: str) -> None:
        self._change("forum_meetings", meeting_id, {"minutes": clean_text(
            minutes, field="meeting_minutes", max_length=MAX_MINUTES, required=False,
            multiline=True)}, UnknownMeeting)

    def delete_meeting(self, meeting_id: str) -> None:
        """A meeting and everything recorded at it (who came, decisions, actions)."""
        def work(tx: Tx) -> None:
            self._row(tx, "forum_meetings", meeting_id, UnknownMeeting)
            q = {"p": self.partnership.id, "m": str(meeting_id)}
            for table in (ATTENDANCE, DECISIONS, ACTIONS):  # what hangs on the meeting
                tx.run(f"DELETE FROM {table.name} WHERE partnership_id = :p AND meeting_id = :m", q)
            tx.run("DELETE FROM forum_meetings WHERE partnership_id = :p AND id = :m", q)

        self._write(work)

    @staticmethod
    def _when(start_time: str, end_time: str) -> dict[str, str]:
        start = clean_time(start_time, "meeting_start")
        end = clean_time(end_time, "meeting_end")
        if start and end and end <= start:
            raise errors.InvalidValue(field="meeting_end", value=end)
        return {"start_time": start, "end_time": end}

    # -- what happened at a meeting -------------------------------------------------------
    def add_attendee(self, meeting_id: str, name: str, sector: object,
                     organisation: str = "", role: str = "") -> Attendee:
        """Someone who came, with their organisation and sector (nothing else is asked)."""
        person = Attendee(new_id("a"), str(meeting_id),
                          clean_text(name, field="name", max_length=MAX_NAME,
                                     refuse_format=True),
                          clean_sector(sector),
                          clean_text(organisation, field="organisation",
                                     max_length=MAX_ORGANISATION, required=False),
                          clean_text(role, field="meeting_role", max_length=MAX_NAME,
                                     required=False))
        return self._add(ATTENDANCE, person.meeting_id, person)

    def remove_attendee(self, attendee_id: str) -> None:
        self._remove("meeting_attendance", attendee_id, UnknownMeetingItem)

    def add_decision(self, meeting_id: str, text: str) -> Decision:
        decision = Decision(new_id("d"), str(meeting_id), clean_text(
            text, field="text", max_length=MAX_DECISION, multiline=True))
        return self._add(DECISIONS, decision.meeting_id, decision)

    def remove_decision(self, decision_id: str) -> None:
        self._remove("meeting_decisions", decision_id, UnknownMeetingItem)

    def add_action(self, meeting_id: str, text: str, owner: str = "",
                   due: object = "") -> ForumAction:
        """A follow-up action agreed at the meeting: what, who (`owner`) and by when (`due`,
        ISO). It is on every later agenda of the forum until it is marked done."""
        meeting = self.meeting(meeting_id)
        action = ForumAction(new_id("x"), meeting.id, meeting.forum_id,
                             clean_text(text, field="text", max_length=MAX_ACTION),
                             clean_text(owner, field="owner", max_length=MAX_NAME,
                                        required=False),
                             clean_day(due, "meeting_due", required=False))
        return self._add(ACTIONS, action.meeting_id, action)

    def set_action_done(self, action_id: str, done: bool = True) -> None:
        self._change("forum_actions", action_id, {"done": bool(done)}, UnknownMeetingItem)

    def remove_action(self, action_id: str) -> None:
        self._remove("forum_actions", action_id, UnknownMeetingItem)

    # -- writing --------------------------------------------------------------------------
    def _write(self, work: Callable[[Tx], T]) -> T:
        """A coordinator's change: key and status checked, `work`, and every workshop of
        the partnership told that its fora changed, in one transaction."""
        def run(tx: Tx) -> T:
            self.partnership.check_key(tx)
            row = tx.one("SELECT status FROM partnerships WHERE id = :p",
                         {"p": self.partnership.id})
            if row is not None and row["status"] != "active":
                raise errors.PartnershipArchived()
            result = work(tx)
            for w in tx.rows("SELECT id FROM workshops WHERE partnership_id = :p",
                             {"p": self.partnership.id}):
                bump(tx, w["id"], topics.FORA)
            return result

        return self.partnership.store.db.write(run)

    def _forum_check(self, tx: Tx, forum_id: str) -> None:
        """The forum is one of the partnership's (in any of its workshops)."""
        if tx.one("SELECT 1 AS x FROM fora f JOIN workshops w ON w.id = f.workshop_id "
                  "WHERE w.partnership_id = :p AND f.id = :f",
                  {"p": self.partnership.id, "f": str(forum_id)}) is None:
            raise UnknownForum()

    def _row(self, tx: Tx, table: str, item_id: str,
             missing: type[errors.KitError]) -> dict[str, Any]:
        row = tx.one(f"SELECT * FROM {table} WHERE partnership_id = :p AND id = :i",
                     {"p": self.partnership.id, "i": str(item_id)})
        if row is None:
            raise missing()
        return dict(row)

    def _add(self, table: Table[M], meeting_id: str, item: M) -> M:
        def work(tx: Tx) -> M:
            self._row(tx, "forum_meetings", meeting_id, UnknownMeeting)
            tx.run(table.insert(), table.values(item, self.partnership.id))
            return item

        return self._write(work)

    def _change(self, table: str, item_id: str, values: dict[str, Any],
                missing: type[errors.KitError]) -> None:
        def work(tx: Tx) -> None:
            self._row(tx, table, item_id, missing)
            tx.run(f"UPDATE {table} SET {assignments(values)} WHERE partnership_id = :p "
                   "AND id = :i", {**values, "p": self.partnership.id, "i": str(item_id)})

        self._write(work)

    def _remove(self, table: str, item_id: str, missing: type[errors.KitError]) -> None:
        def work(tx: Tx) -> None:
            self._row(tx, table, item_id, missing)
            tx.run(f"DELETE FROM {table} WHERE partnership_id = :p AND id = :i",
                   {"p": self.partnership.id, "i": str(item_id)})

        self._write(work)


def _place(value: object) -> str:
    return clean_text(value, field="meeting_place", max_length=MAX_PLACE, required=False)


def _agenda(value: object) -> str:
    return clean_text(value, field="meeting_agenda", max_length=MAX_AGENDA, required=False,
                      multiline=True)
