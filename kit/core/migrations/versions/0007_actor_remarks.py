"""One name per concept: the actor register's free text is `remarks` (it was `notes`, a word
the participants' ideas and the answers to the guiding questions also went by).

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.alter_column("notes", new_column_name="remarks")


def downgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.alter_column("remarks", new_column_name="notes")
