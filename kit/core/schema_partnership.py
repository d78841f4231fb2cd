"""The partnership's own tables (issue 27), declared with the others on one `metadata`: the
needs rounds, the fora's meetings with their attendance, decisions and actions, and the friend
programme. They belong to a partnership and outlive its workshops; `kit.core.schema` names
them too, as every table."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    Text,
    false,
)

from kit.core.schema_parts import _partner

# -- needs rounds (issue 27, rounds) --
need_rounds = _partner(
    "need_rounds",
    Column("id", Text, nullable=False),
    # what the coordinator called it ("forår 2027"); the answers carry it (`need_answers.round`)
    Column("label", Text, nullable=False),
    Column("opened_at", Float, nullable=False),
    # NULL while the round is open (at most one per partnership is)
    Column("closed_at", Float),
)
Index("ix_need_rounds_label", need_rounds.c.partnership_id, need_rounds.c.label, unique=True)


# -- fora that meet (issue 27, fora) ----------------------------------------------------------
# A forum's meetings, who came, what was decided and the follow-up actions belong to the
# partnership: they outlive the workshop the forum was made in, and a forum carried over to
# a later workshop keeps its id, so they are keyed by (partnership_id, forum_id).
forum_meetings = _partner(
    "forum_meetings",
    Column("id", Text, nullable=False),
    Column("forum_id", Text, nullable=False),
    Column("date", Text, nullable=False),
    # "HH:MM", "" while not agreed
    Column("start_time", Text, nullable=False, server_default=""),
    Column("end_time", Text, nullable=False, server_default=""),
    Column("place", Text, nullable=False, server_default=""),
    # the items added to the forum's standing ones, one per line
    Column("agenda", Text, nullable=False, server_default=""),
    Column("minutes", Text, nullable=False, server_default=""),
    Column("created_at", Float, nullable=False),
)
Index("ix_forum_meetings_forum", forum_meetings.c.partnership_id, forum_meetings.c.forum_id)

meeting_attendance = _partner(
    "meeting_attendance",
    Column("id", Text, nullable=False),
    Column("meeting_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("organisation", Text, nullable=False, server_default=""),
    Column("sector", Text, nullable=False),
    Column("role", Text, nullable=False, server_default=""),
)

meeting_decisions = _partner(
    "meeting_decisions",
    Column("id", Text, nullable=False),
    Column("meeting_id", Text, nullable=False),
    Column("text", Text, nullable=False),
)

forum_actions = _partner(
    "forum_actions",
    Column("id", Text, nullable=False),
    Column("meeting_id", Text, nullable=False),
    Column("forum_id", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("owner", Text, nullable=False, server_default=""),
    # ISO date, "" for none
    Column("due", Text, nullable=False, server_default=""),
    Column("done", Boolean, nullable=False, server_default=false()),
)


# -- the friend programme (issue 27/28, friends) ---------------------------------------------
# sign-ups, proposals and friendships, check-ins: a partnership's (a national programme is a
# partnership whose municipality is the country); what is personal goes `PURGE_AFTER_MONTHS`
# after a friendship ends or a sign-up is withdrawn
friend_volunteers = _partner(
    "friend_volunteers",
    Column("id", Text, nullable=False),
    *(Column(c, Text, nullable=False) for c in (
        "organisation", "municipality", "postcode", "languages", "danish_level", "kind")),
    Column("capacity", Integer, nullable=False),
    *(Column(c, Text, nullable=False) for c in (
        "interests", "availability", "name", "contact", "consent_text", "consent_date")),
    Column("created_at", Float, nullable=False),
    Column("withdrawn_at", Float),
)

friend_households = _partner(
    "friend_households",
    Column("id", Text, nullable=False),
    *(Column(c, Text, nullable=False) for c in (
        "municipality", "postcode", "languages", "danish_level")),
    Column("adults", Integer, nullable=False),
    *(Column(c, Text, nullable=False) for c in (
        "children_ages", "interests", "help_wanted", "availability", "filled_by", "contact",
        "consent_text", "consent_date", "waiting_since")),
    Column("created_at", Float, nullable=False),
    Column("withdrawn_at", Float),
)

friendships = _partner(
    "friendships",
    Column("id", Text, nullable=False),
    Column("refugee_id", Text, nullable=False),
    Column("volunteer_id", Text, nullable=False),
    Column("municipality", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("score", Integer, nullable=False, server_default="0"),
    *(Column(c, Text, nullable=False, server_default="") for c in (
        "reasons", "proposed_on", "introduced_on", "first_meeting", "active_on", "ended_on",
        "end_reason")),
)
Index("ix_friendships_pair", friendships.c.partnership_id, friendships.c.refugee_id,
      friendships.c.volunteer_id)

friend_checkins = _partner(
    "friend_checkins",
    Column("friendship_id", Text, nullable=False),
    Column("month", Integer, nullable=False),
    Column("due", Text, nullable=False),
    *(Column(c, Text, nullable=False, server_default="") for c in (
        "done_on", "household_going", "household_words", "volunteer_going",
        "volunteer_words")),
    pk=("partnership_id", "friendship_id", "month"),
)
