"""Around the workshop: the answers to the co-creation check, and the fora of the local
organisation with their members.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

FORUM_TEXT = ("purpose", "tasks", "mandate", "composition", "meeting_frequency",
              "duties_kommune", "duties_civilsamfund", "contact_kommune",
              "contact_civilsamfund", "response_time", "contact_how", "influence")


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("check_answers", sa.Text, nullable=False,
                                   server_default=""))
    op.create_table(
        "fora",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("coordinator", sa.Text),
        *(sa.Column(c, sa.Text, nullable=False, server_default="") for c in FORUM_TEXT),
        sa.PrimaryKeyConstraint("workshop_id", "id"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )
    op.create_table(
        "forum_members",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("forum_id", sa.Text, nullable=False),
        sa.Column("member", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "forum_id", "member"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("forum_members")
    op.drop_table("fora")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("check_answers")
