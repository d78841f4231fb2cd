"""Issue 28: the friend programme's tables, each a partnership's: volunteers' and refugee
households' sign-ups, the proposed pairs and friendships, and the check-ins at one, three and
six months. New tables only: nothing stored before changes, and going down drops just these.

Revision ID: 0016g
Revises: 0016d
"""

import sqlalchemy as sa
from alembic import op

revision = "0016g"
down_revision = "0016d"
branch_labels = None
depends_on = None


def _owner() -> list[sa.Column[str]]:
    return [sa.Column("partnership_id", sa.Text, nullable=False)]


def _fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["partnership_id"], ["partnerships.id"], ondelete="CASCADE")


def _texts(*names: str, default: bool = False) -> list[sa.Column[str]]:
    return [sa.Column(n, sa.Text, nullable=False, server_default="" if default else None)
            for n in names]


def upgrade() -> None:
    op.create_table(
        "friend_volunteers", *_owner(),
        sa.Column("id", sa.Text, nullable=False),
        *_texts("organisation", "municipality", "postcode", "languages", "danish_level",
                "kind"),
        sa.Column("capacity", sa.Integer, nullable=False),
        *_texts("interests", "availability", "name", "contact", "consent_text",
                "consent_date"),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("withdrawn_at", sa.Float),
        sa.PrimaryKeyConstraint("partnership_id", "id"), _fk())
    op.create_table(
        "friend_households", *_owner(),
        sa.Column("id", sa.Text, nullable=False),
        *_texts("municipality", "postcode", "languages", "danish_level"),
        sa.Column("adults", sa.Integer, nullable=False),
        *_texts("children_ages", "interests", "help_wanted", "availability", "filled_by",
                "contact", "consent_text", "consent_date", "waiting_since"),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("withdrawn_at", sa.Float),
        sa.PrimaryKeyConstraint("partnership_id", "id"), _fk())
    op.create_table(
        "friendships", *_owner(),
        sa.Column("id", sa.Text, nullable=False),
        *_texts("refugee_id", "volunteer_id", "municipality", "status"),
        sa.Column("score", sa.Integer, nullable=False, server_default="0"),
        *_texts("reasons", "proposed_on", "introduced_on", "first_meeting", "active_on",
                "ended_on", "end_reason", default=True),
        sa.PrimaryKeyConstraint("partnership_id", "id"), _fk())
    op.create_index("ix_friendships_pair", "friendships",
                    ["partnership_id", "refugee_id", "volunteer_id"])
    op.create_table(
        "friend_checkins", *_owner(),
        sa.Column("friendship_id", sa.Text, nullable=False),
        sa.Column("month", sa.Integer, nullable=False),
        sa.Column("due", sa.Text, nullable=False),
        *_texts("done_on", "household_going", "household_words", "volunteer_going",
                "volunteer_words", default=True),
        sa.PrimaryKeyConstraint("partnership_id", "friendship_id", "month"), _fk())


def downgrade() -> None:
    op.drop_table("friend_checkins")
    op.drop_index("ix_friendships_pair", table_name="friendships")
    op.drop_table("friendships")
    op.drop_table("friend_households")
    op.drop_table("friend_volunteers")
