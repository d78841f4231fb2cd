"""Issue 27, item 6: a workshop has a purpose, a place and hours (shown in its invitations;
"" while unknown), and the people
invited from the actor register each get an RSVP row: the invitee's language, a long random
token that opens nothing but their own answer, and the answer (yes / no / maybe) with when.

The table is `rsvps`, not `invitations`: that name is the working groups' (actors invited
into a group). Downgrading drops the table and the three columns; nothing else changes.

Revision ID: 0016d
Revises: 0016b
"""

import sqlalchemy as sa
from alembic import op

revision = "0016d"
down_revision = "0016b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        for name in ("purpose", "place", "hours"):
            batch.add_column(sa.Column(name, sa.Text, nullable=False, server_default=""))
    op.create_table(
        "rsvps",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False, server_default="da"),
        sa.Column("token", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False, server_default=""),
        sa.Column("answered_at", sa.Float),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "id"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_rsvps_token", "rsvps", ["token"], unique=True)
    op.create_index("ix_rsvps_actor", "rsvps", ["workshop_id", "actor_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_rsvps_actor", table_name="rsvps")
    op.drop_index("ix_rsvps_token", table_name="rsvps")
    op.drop_table("rsvps")
    with op.batch_alter_table("workshops") as batch:
        for name in ("hours", "place", "purpose"):
            batch.drop_column(name)
