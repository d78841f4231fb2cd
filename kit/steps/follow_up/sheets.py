"""The local organisation's sheets of the exchange format: the fora and their members."""

from __future__ import annotations

from kit.core.model import MAX_NAME, MAX_ORGANISATION, Sector
from kit.core.sheets import MAX_ID, MAX_LONG, Column, Rows, Sheet, bad, choice, ident, long_text
from kit.model import TERMS
from kit.steps.follow_up.model import AGREEMENT, ForumKind


def _members_are_known(rows: Rows) -> None:
    """A forum member or coordinator is "participant:<id>" or "actor:<id>" of this workshop
    (a key into one of two sheets, so not a plain reference)."""
    known = {f"participant:{r['id']}" for r in rows["participants"]}
    known |= {f"actor:{r['id']}" for r in rows["actors"]}
    for sheet, column in (("forum_members", "member"), ("fora", "coordinator")):
        for n, row in enumerate(rows[sheet], start=2):
            if row[column] is not None and row[column] not in known:
                raise bad(sheet, n, column, row[column])


FORA = Sheet("fora", (
    ident(), choice("kind", ForumKind), Column("name"),
    Column("coordinator", nullable=True, max_length=2 * MAX_ID),
    *(long_text(c) for c in TERMS + AGREEMENT),
), optional=True)

FORUM_MEMBERS = Sheet("forum_members", (
    ident("forum_id"), Column("member", max_length=2 * MAX_ID),
), key=("forum_id", "member"), references=(("forum_id", "fora"),), optional=True,
   check=_members_are_known)


# -- the fora's meetings (issue 27): the partnership's, in a partnership's file -------------
# (`kit.exchange_partnership.PARTNERSHIP_SHEETS`; a forum keeps its id from one workshop to
# the next, so `forum_id` names a forum of the partnership's workshops, not a sheet here)
FORUM_MEETINGS = Sheet("forum_meetings", (
    ident(), ident("forum_id"), Column("date", max_length=10, date=True),
    Column("start_time", max_length=5, required=False),
    Column("end_time", max_length=5, required=False),
    Column("place", required=False), long_text("agenda"),
    Column("minutes", max_length=4 * MAX_LONG, multiline=True, required=False),
), optional=True)

MEETING_ATTENDANCE = Sheet("meeting_attendance", (
    ident(), ident("meeting_id"), Column("name", max_length=MAX_NAME),
    Column("organisation", max_length=MAX_ORGANISATION, required=False),
    choice("sector", Sector), Column("role", required=False),
), references=(("meeting_id", "forum_meetings"),), optional=True)

MEETING_DECISIONS = Sheet("meeting_decisions", (
    ident(), ident("meeting_id"), long_text("text"),
), references=(("meeting_id", "forum_meetings"),), optional=True)

FORUM_ACTIONS = Sheet("forum_actions", (
    ident(), ident("meeting_id"), ident("forum_id"), Column("text"),
    Column("owner", required=False), Column("due", max_length=10, required=False),
    Column("done", "bool"),
), references=(("meeting_id", "forum_meetings"),), optional=True)

MEETING_SHEETS = (FORUM_MEETINGS, MEETING_ATTENDANCE, MEETING_DECISIONS, FORUM_ACTIONS)
"""The fora's meetings in a partnership's file, parents first."""
