"""Why the chosen themes are not simply the vote's first ones: a text the facilitator writes
when the choice departs from the order of the vote, shown in the report and the management
brief instead of a blank line (issue 30).

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("choice_reason", sa.Text, nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("choice_reason")
