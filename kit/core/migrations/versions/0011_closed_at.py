"""When a workshop was closed: the facilitator may reopen it within a grace period
(`kit.workshop.REOPEN_DAYS`), so closing is not irreversible by one click; and when a
theme was made, so the theme board keeps its columns in the order they were made (themes
made before have none and come first, by label).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("closed_at", sa.Float))
    with op.batch_alter_table("themes") as batch:
        batch.add_column(sa.Column("created_at", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("themes") as batch:
        batch.drop_column("created_at")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("closed_at")
