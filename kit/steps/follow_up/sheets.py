"""The local organisation's sheets of the exchange format: the fora and their members."""

from __future__ import annotations

from collections.abc import Sequence

from kit.core.model import MAX_NAME, MAX_ORGANISATION, Sector
from kit.core.sheets import (
    MAX_LONG,
    Column,
    RawSheet,
    RawTables,
    Rows,
    Sheet,
    bad,
    choice,
    ident,
    long_text,
)
from kit.model import TERMS
from kit.steps.follow_up.model import AGREEMENT, ForumKind


def _one_member_each(rows: Rows) -> None:
    """A member row names exactly one participant or actor, and a forum has at most one
    coordinator."""
    coordinated: set[str] = set()
    for n, row in enumerate(rows["forum_members"], start=2):
        if (row["participant_id"] is None) == (row["actor_id"] is None):
            raise bad("forum_members", n, "actor_id", row["actor_id"] or "")
        if row["coordinator"]:
            if row["forum_id"] in coordinated:
                raise bad("forum_members", n, "coordinator", row["coordinator"])
            coordinated.add(row["forum_id"])


_KINDS = {"participant": "participant_id", "actor": "actor_id"}


def _from_member_keys(tables: RawTables) -> RawSheet | None:
    """A forum_members sheet as files before schema 0018b wrote it, in today's columns: its
    `member` ("participant:<id>" / "actor:<id>") split into the two references, the fora
    sheet's `coordinator` (the same kind of key) a mark on its member's row (added as a
    member when the file did not list it as one). None for a sheet in today's columns."""
    if "forum_members" not in tables:
        return None
    header = [str(h).strip() if h is not None else "" for h in tables["forum_members"][0]]
    if "member" not in header or {"participant_id", "actor_id"} & set(header):
        return None
    at_forum, at_member = (header.index("forum_id") if "forum_id" in header else None,
                           header.index("member"))

    def cell(raw: Sequence[object], at: int | None) -> str:
        value = raw[at] if at is not None and at < len(raw) else None
        return "" if value is None else str(value).strip()

    coordinators: dict[str, str] = {}
    if "fora" in tables:
        fora = [str(h).strip() if h is not None else "" for h in tables["fora"][0]]
        if "id" in fora and "coordinator" in fora:
            for raw in tables["fora"][1]:
                if cell(raw, fora.index("coordinator")):
                    coordinators[cell(raw, fora.index("id"))] = cell(
                        raw, fora.index("coordinator"))
    pairs: list[tuple[int, str, str]] = []
    for n, raw in enumerate(tables["forum_members"][1], start=2):
        if all(v is None or str(v).strip() == "" for v in raw):
            continue
        pairs.append((n, cell(raw, at_forum), cell(raw, at_member)))
    listed = {(f, m) for _, f, m in pairs}
    pairs += [(len(pairs) + 2, f, m) for f, m in coordinators.items() if (f, m) not in listed]
    rows: list[list[object]] = []
    for n, forum, member in pairs:
        kind, _, ident_ = member.partition(":")
        if kind not in _KINDS or not ident_:
            raise bad("forum_members", n, "member", member)
        rows.append([forum, ident_ if kind == "participant" else None,
                     ident_ if kind == "actor" else None,
                     "true" if coordinators.get(forum) == member else "false"])
    return ["forum_id", "participant_id", "actor_id", "coordinator"], rows


FORA = Sheet("fora", (
    ident(), choice("kind", ForumKind), Column("name"),
    *(long_text(c) for c in TERMS + AGREEMENT),
), optional=True)

FORUM_MEMBERS = Sheet("forum_members", (
    # a participant or an actor of the register (exactly one), since schema 0018b; older
    # files name them by one `member` key, read by `_from_member_keys`
    ident("forum_id"), ident("participant_id", nullable=True),
    ident("actor_id", nullable=True), Column("coordinator", "bool", optional=True),
), key=("forum_id", "participant_id", "actor_id"),
   references=(("forum_id", "fora"), ("participant_id", "participants"),
               ("actor_id", "actors")), optional=True,
   check=_one_member_each, old_format=_from_member_keys)


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
