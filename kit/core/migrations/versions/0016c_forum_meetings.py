"""Issue 27, fora that meet: a forum's meetings (date, time, place, added agenda items,
minutes), who came to each, the decisions taken and the follow-up actions with owner, due
date and whether they are done. All four belong to the partnership (a forum keeps its id
when a later workshop carries it over). Downgrading drops them.

Revision ID: 0016c
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016c"
down_revision = "0015"
branch_labels = None
depends_on = None


def _partner(name: str, *columns: sa.Column) -> None:  # type: ignore[type-arg]
    op.create_table(
        name,
        sa.Column("partnership_id", sa.Text, nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("partnership_id", "id"),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnerships.id"], ondelete="CASCADE"),
    )


def upgrade() -> None:
    _partner(
        "forum_meetings",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("forum_id", sa.Text, nullable=False),
        sa.Column("date", sa.Text, nullable=False),
        sa.Column("start_time", sa.Text, nullable=False, server_default=""),
        sa.Column("end_time", sa.Text, nullable=False, server_default=""),
        sa.Column("place", sa.Text, nullable=False, server_default=""),
        sa.Column("agenda", sa.Text, nullable=False, server_default=""),
        sa.Column("minutes", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("ix_forum_meetings_forum", "forum_meetings",
                    ["partnership_id", "forum_id"])
    _partner(
        "meeting_attendance",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("meeting_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("organisation", sa.Text, nullable=False, server_default=""),
        sa.Column("sector", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False, server_default=""),
    )
    _partner(
        "meeting_decisions",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("meeting_id", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    _partner(
        "forum_actions",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("meeting_id", sa.Text, nullable=False),
        sa.Column("forum_id", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("owner", sa.Text, nullable=False, server_default=""),
        sa.Column("due", sa.Text, nullable=False, server_default=""),
        sa.Column("done", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_table("forum_actions")
    op.drop_table("meeting_decisions")
    op.drop_table("meeting_attendance")
    op.drop_index("ix_forum_meetings_forum", table_name="forum_meetings")
    op.drop_table("forum_meetings")
