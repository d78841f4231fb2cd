"""The friend programme's tables (issue 28), declared with the others on one `metadata`: they
belong to a partnership and outlive its workshops. The programme is the partnership's, not a
step of a workshop, so the registry does not load them: the core does, as `kit.core.schema`
loads this module. (The needs rounds and the fora's meetings, also a partnership's, are
declared by their steps, each in its own folder.)"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    Text,
)

from kit.core.schema_parts import _partner

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
