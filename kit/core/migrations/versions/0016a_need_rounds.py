"""Issue 27, item 3: needs rounds belong to the partnership, and who answered is asked.

A round is a row of its partnership (`need_rounds`: a label the coordinator chose, when it
was opened and closed); each answer keeps the round's label in `need_answers.round`, as
before. Every month-label round stored so far ("2026-11") becomes a round row of the
workshop's partnership, opened on the month's first day and closed at its end.
`need_answers.respondent` (refugee, staff, volunteer) starts "" (not asked) for every answer
there was. Downgrading drops both; the answers keep their round labels, so nothing is lost.

Revision ID: 0016a
Revises: 0016c
"""

import datetime as dt
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0016a"
down_revision = "0016c"
branch_labels = None
depends_on = None

# as `kit.core.base`; copied, since a migration must not change when the code does
_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _month(label: str) -> tuple[float, float] | None:
    """A month label's first instant and the next month's, as UTC timestamps."""
    try:
        year, month = (int(x) for x in label.split("-"))
        start = dt.datetime(year, month, 1, tzinfo=dt.UTC)
    except ValueError:
        return None
    end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=dt.UTC)
    return start.timestamp(), end.timestamp()


def upgrade() -> None:
    op.create_table(
        "need_rounds",
        sa.Column("partnership_id", sa.Text, nullable=False),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("opened_at", sa.Float, nullable=False),
        sa.Column("closed_at", sa.Float),
        sa.PrimaryKeyConstraint("partnership_id", "id"),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnerships.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_need_rounds_label", "need_rounds", ["partnership_id", "label"],
                    unique=True)
    with op.batch_alter_table("need_answers") as batch:
        batch.add_column(sa.Column("respondent", sa.Text, nullable=False, server_default=""))
    conn = op.get_bind()
    found = conn.execute(sa.text(
        "SELECT DISTINCT w.partnership_id, a.round FROM need_answers a JOIN workshops w "
        "ON w.id = a.workshop_id ORDER BY w.partnership_id, a.round"))
    for partnership_id, label in list(found):
        # a label that is no month (written by a script) sorts before the months
        opened, closed = _month(label) or (0.0, 0.0)
        conn.execute(sa.text(
            "INSERT INTO need_rounds (partnership_id, id, label, opened_at, closed_at) "
            "VALUES (:p, :i, :l, :o, :c)"),
            {"p": partnership_id, "l": label, "o": opened, "c": closed,
             "i": "r" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))})


def downgrade() -> None:
    with op.batch_alter_table("need_answers") as batch:
        batch.drop_column("respondent")
    op.drop_index("ix_need_rounds_label", table_name="need_rounds")
    op.drop_table("need_rounds")
