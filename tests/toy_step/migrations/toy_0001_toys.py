"""The toy's table, on an Alembic branch of its own (the store upgrades the core's first).

Revision ID: toy_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "toy_0001"
down_revision = None
branch_labels = ("toy",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "toys",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("participant_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "id"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["workshop_id", "participant_id"],
                                ["participants.workshop_id", "participants.id"],
                                ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("toys")
