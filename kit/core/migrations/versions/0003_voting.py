"""Voting: the rules and state of the vote, the discussion of the guiding questions on
themes, chosen themes.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("dots_per_participant", sa.Integer, nullable=False,
                                   server_default="3"))
        batch.add_column(sa.Column("max_dots_per_theme", sa.Integer, nullable=True))
        batch.add_column(sa.Column("results_hidden", sa.Boolean, nullable=False,
                                   server_default=sa.true()))
        batch.add_column(sa.Column("voting_open", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("revealed", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("themes") as batch:
        for name in ("needs", "use_each_other", "team"):
            batch.add_column(sa.Column(name, sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("chosen", sa.Boolean, nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("themes") as batch:
        for name in ("chosen", "team", "use_each_other", "needs"):
            batch.drop_column(name)
    with op.batch_alter_table("workshops") as batch:
        for name in ("revealed", "voting_open", "results_hidden", "max_dots_per_theme",
                     "dots_per_participant"):
            batch.drop_column(name)
