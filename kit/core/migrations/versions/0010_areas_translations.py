"""Every participant can follow (issue 17): each theme carries its area of the integration
field (`kit.model.Category`, "" while none is known), and texts the facilitator writes
(theme labels, group names, a group's purpose and first meeting) get translations per
participant language.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("themes") as batch:
        batch.add_column(sa.Column("area", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "translations",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("item_id", sa.Text, nullable=False),
        sa.Column("field", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "item_id", "field", "language"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("translations")
    with op.batch_alter_table("themes") as batch:
        batch.drop_column("area")
