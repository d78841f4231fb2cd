"""Issue 27, item 4: the next workshop in a partnership builds on the last. A card carried
over from the workshop before is marked (`cards.carried`; the board tags it "fra sidst"), and
so is a working group that runs on (`groups.carried`); a carried group has no theme in the
new workshop (its theme was the workshop before's), so `groups.theme_id` may be NULL.

Nothing is carried by the migration itself: each workshop stored before is the only one of
its partnership (0015), so there is nothing to carry from. Downgrading gives a carried group
an empty theme id (the column is NOT NULL again) and drops the marks.

Revision ID: 0016b
Revises: 0016a
"""

import sqlalchemy as sa
from alembic import op

revision = "0016b"
down_revision = "0016a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cards") as batch:
        batch.add_column(sa.Column("carried", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("groups") as batch:
        batch.add_column(sa.Column("carried", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
        batch.alter_column("theme_id", existing_type=sa.Text, nullable=True)


def downgrade() -> None:
    op.execute("UPDATE groups SET theme_id = '' WHERE theme_id IS NULL")
    with op.batch_alter_table("groups") as batch:
        batch.alter_column("theme_id", existing_type=sa.Text, nullable=False)
        batch.drop_column("carried")
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("carried")
