"""Working groups: size rules, coordinator volunteers, preferences closed on confirmation, the
composition and first meeting of a group, and the actors a group invites.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("group_min_size", sa.Integer, nullable=False,
                                   server_default="3"))
        batch.add_column(sa.Column("group_max_size", sa.Integer, nullable=False,
                                   server_default="8"))
        batch.add_column(sa.Column("groups_confirmed", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("volunteer", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("groups") as batch:
        batch.add_column(sa.Column("composition", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("first_meeting", sa.Text, nullable=False,
                                   server_default=""))
    op.create_table(
        "invitations",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("group_id", sa.Text, nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "group_id", "actor_id"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("invitations")
    with op.batch_alter_table("groups") as batch:
        batch.drop_column("first_meeting")
        batch.drop_column("composition")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("volunteer")
    with op.batch_alter_table("workshops") as batch:
        for name in ("groups_confirmed", "group_max_size", "group_min_size"):
            batch.drop_column(name)
