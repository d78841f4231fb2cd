"""Issue 21: the ground rules (tasks sorted between volunteers, professionals, both or not
the municipality; the room's votes; the house rules), the anonymous needs check, and
retiring an offer from the living overview.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _child(name: str, *columns: "sa.Column[object]",
           pk: tuple[str, ...] = ("workshop_id", "id")) -> None:
    op.create_table(
        name,
        sa.Column("workshop_id", sa.Text, nullable=False),
        *columns,
        sa.PrimaryKeyConstraint(*pk),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )


def upgrade() -> None:
    with op.batch_alter_table("cards") as batch:
        batch.add_column(sa.Column("retired", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
    _child("rule_tasks",
           sa.Column("id", sa.Text, nullable=False),
           sa.Column("title", sa.Text, nullable=False),
           sa.Column("category", sa.Text),
           sa.Column("card_id", sa.Text),
           sa.Column("settled", sa.Text, nullable=False, server_default=""))
    _child("rule_votes",
           sa.Column("participant_id", sa.Text, nullable=False),
           sa.Column("task_id", sa.Text, nullable=False),
           sa.Column("division", sa.Text, nullable=False),
           pk=("workshop_id", "participant_id", "task_id"))
    _child("house_rules",
           sa.Column("id", sa.Text, nullable=False),
           sa.Column("kind", sa.Text, nullable=False),
           sa.Column("text", sa.Text, nullable=False),
           sa.Column("agreed", sa.Boolean, nullable=False, server_default=sa.false()))
    _child("need_answers",
           sa.Column("id", sa.Text, nullable=False),
           sa.Column("response", sa.Text, nullable=False),
           sa.Column("round", sa.Text, nullable=False),
           sa.Column("question", sa.Text, nullable=False),
           sa.Column("category", sa.Text),
           sa.Column("text", sa.Text, nullable=False, server_default=""),
           sa.Column("language", sa.Text, nullable=False),
           sa.Column("seen", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    for name in ("need_answers", "house_rules", "rule_votes", "rule_tasks"):
        op.drop_table(name)
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("retired")
