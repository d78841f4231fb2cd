"""Late notes the kit placed into a theme (`IdeasStore.place_new_notes`) stay marked as
suggested, with the words that explain the suggestion, until the facilitator accepts them or
moves the note.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggested",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("idea_id", sa.Text, nullable=False),
        sa.Column("words", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "idea_id"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("suggested")
