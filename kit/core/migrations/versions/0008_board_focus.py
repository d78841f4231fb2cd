"""What the board puts in focus: nothing (the step's own screen), the timer, the vote's
results, or one theme under discussion ("theme:<id>"), switched by the facilitator.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("board_focus", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("board_focus")
