"""Issue 27 (one voice per organisation): an actor of the register may be a branch of
another actor of the same workshop (`actors.parent_id`, empty for every actor there was, so
each stays an organisation of its own).

Revision ID: 0017b
Revises: 0016e
"""

import sqlalchemy as sa
from alembic import op

revision = "0017b"
down_revision = "0016e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("parent_id", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("parent_id")
