"""Issue 26 (a step is one folder): the steps' settings move out of the `workshops` row into
tables the steps own, one row per workshop: the co-creation check's answers
(`prepare_settings`), what the invitations say of the day (`invitation_details`), whether
the board shows the timeline's review (`timeline_settings`), the vote's rules and state and
the reason for the choice of themes (`voting_settings`), the groups' sizes and whether they
are confirmed (`group_settings`). Every workshop's values are copied; going down copies them
back (a workshop without a row gets the defaults) and drops the tables.

Revision ID: 0018a
Revises: 0017b
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0018a"
down_revision = "0017b"
branch_labels = None
depends_on = None


def _columns() -> dict[str, list[sa.Column[Any]]]:
    """Each new table's columns (as `kit.core.schema` declares them today; written out, since
    a migration must not change when the code does)."""
    def text(name: str) -> sa.Column[Any]:
        return sa.Column(name, sa.Text, nullable=False, server_default="")

    def flag(name: str, default: bool = False) -> sa.Column[Any]:
        return sa.Column(name, sa.Boolean, nullable=False,
                         server_default=sa.true() if default else sa.false())

    def number(name: str, default: str) -> sa.Column[Any]:
        return sa.Column(name, sa.Integer, nullable=False, server_default=default)

    return {
        "prepare_settings": [text("check_answers")],
        "invitation_details": [text("purpose"), text("place"), text("hours")],
        "timeline_settings": [flag("review_open")],
        "voting_settings": [number("dots_per_participant", "3"),
                            sa.Column("max_dots_per_theme", sa.Integer),
                            flag("results_hidden", True), flag("voting_open"), flag("revealed"),
                            text("choice_reason")],
        "group_settings": [number("group_min_size", "3"), number("group_max_size", "8"),
                           flag("groups_confirmed")],
    }


def upgrade() -> None:
    conn = op.get_bind()
    for table, columns in _columns().items():
        names = [c.name for c in columns]
        op.create_table(
            table,
            sa.Column("workshop_id", sa.Text, nullable=False),
            *columns,
            sa.PrimaryKeyConstraint("workshop_id"),
            sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        )
        conn.execute(sa.text(
            f"INSERT INTO {table} (workshop_id, {', '.join(names)}) "
            f"SELECT id, {', '.join(names)} FROM workshops"))
    with op.batch_alter_table("workshops") as batch:
        for columns in _columns().values():
            for column in columns:
                batch.drop_column(column.name)


def downgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("workshops") as batch:
        for columns in _columns().values():
            for column in columns:
                batch.add_column(column)
    for table, columns in _columns().items():
        # a workshop without a row of this step keeps the defaults the columns came back with
        names = [c.name for c in columns]
        conn.execute(sa.text(
            f"UPDATE workshops SET ({', '.join(names)}) = (SELECT {', '.join(names)} "
            f"FROM {table} s WHERE s.workshop_id = workshops.id) WHERE EXISTS "
            f"(SELECT 1 FROM {table} s WHERE s.workshop_id = workshops.id)"))
        op.drop_table(table)
