"""The first schema: every table of the exchange format, the workshops and the change feed.

Revision ID: 0001
Revises:
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _child(name: str, *columns: sa.Column[Any],
           pk: tuple[str, ...] = ("workshop_id", "id")) -> None:
    op.create_table(
        name,
        sa.Column("workshop_id", sa.Text, nullable=False),
        *columns,
        sa.PrimaryKeyConstraint(*pk),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )


def _text(name: str, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.Text, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.Text, primary_key=True),
        *(_text(c) for c in ("code", "title", "municipality", "date", "language", "phase",
                             "status", "facilitator_key")),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("timer_ends_at", sa.Float),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("ix_workshops_open_code", "workshops", ["code"], unique=True,
                    sqlite_where=sa.text("status = 'open'"),
                    postgresql_where=sa.text("status = 'open'"))
    _child("participants", *(_text(c) for c in ("id", "name", "sector", "organisation",
                                                  "language", "rejoin_code")),
           sa.Column("created_at", sa.Float, nullable=False))
    op.create_index("ix_participants_rejoin", "participants", ["workshop_id", "rejoin_code"],
                    unique=True)
    _child("actors", *(_text(c) for c in ("id", "name", "kind", "sector", "contact", "notes")))
    _child("cards", *(_text(c) for c in ("id", "title", "owner", "sector", "category")),
           sa.Column("start_week", sa.Integer, nullable=False),
           sa.Column("end_week", sa.Integer, nullable=False))
    _child("themes", _text("id"), _text("label"), sa.Column("selected", sa.Boolean, nullable=False))
    _child("ideas", *(_text(c) for c in ("id", "participant_id", "prompt", "text")),
           _text("theme_id", nullable=True), sa.Column("created_at", sa.Float, nullable=False))
    _child("votes", _text("participant_id"), _text("theme_id"),
           sa.Column("dots", sa.Integer, nullable=False),
           pk=("workshop_id", "participant_id", "theme_id"))
    _child("preferences", _text("participant_id"), _text("theme_id"),
           sa.Column("rank", sa.Integer, nullable=False),
           pk=("workshop_id", "participant_id", "theme_id"))
    _child("groups", _text("id"), _text("theme_id"), _text("name"),
           _text("coordinator_id", nullable=True),
           *(_text(c) for c in ("purpose", "tasks", "mandate", "meeting_frequency", "status")))
    _child("memberships", _text("group_id"), _text("participant_id"), _text("role"),
           pk=("workshop_id", "group_id", "participant_id"))
    _child("actions", *(_text(c) for c in ("id", "group_id", "title", "owner")),
           _text("due", nullable=True), _text("status"))
    _child("changes", sa.Column("revision", sa.Integer, nullable=False), _text("topic"),
           pk=("workshop_id", "revision", "topic"))


def downgrade() -> None:
    for name in ("changes", "actions", "memberships", "groups", "preferences", "votes", "ideas",
                 "themes", "cards", "actors", "participants", "workshops"):
        op.drop_table(name)
