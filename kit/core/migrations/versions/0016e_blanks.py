"""Issue 27 (fields instead of blanks, roles): a working group's first meeting is stored as
a date, a time and a place (`groups.first_meeting_date/_time/_place`, "" while not agreed;
the free text `first_meeting` older workshops wrote stays), and an actor of the register
can be people who came as refugees and now volunteer (`actors.refugee_background`, off for
every actor there was).

Revision ID: 0016e
Revises: 0016g
"""

import sqlalchemy as sa
from alembic import op

revision = "0016e"
down_revision = "0016g"
branch_labels = None
depends_on = None

_MEETING = ("first_meeting_date", "first_meeting_time", "first_meeting_place")


def upgrade() -> None:
    with op.batch_alter_table("groups") as batch:
        for name in _MEETING:
            batch.add_column(sa.Column(name, sa.Text, nullable=False, server_default=""))
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("refugee_background", sa.Boolean, nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("refugee_background")
    with op.batch_alter_table("groups") as batch:
        for name in reversed(_MEETING):
            batch.drop_column(name)
