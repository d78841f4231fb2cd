"""Cards get an author and a description; findings keep the facilitator's verdicts;
the board learns when the review is open; theme-board changes can be undone.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("review_open", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("cards") as batch:
        batch.add_column(sa.Column("description", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("participant_id", sa.Text, nullable=True))
    op.create_table(
        "undo",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("snapshot", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "seq"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )
    op.create_table(
        "findings",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "key"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("findings")
    op.drop_table("undo")
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("participant_id")
        batch.drop_column("description")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("review_open")
