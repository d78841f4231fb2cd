"""Issue 31: the public pages (the living overview, its poster, the needs check) get a
read-only code of their own, which opens nothing but those pages (the join code opens the
board and lets one join, so it must not hang on a poster); and an actor is listed with its
contact on the public overview only when it agreed to be (`actors.listed`, not listed by
default).

Every workshop stored before gets a fresh public code as it is upgraded.

Revision ID: 0013
Revises: 0012
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# as `kit.core.base`; copied, since a migration must not change when the code does
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_LENGTH = 12


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("public_code", sa.Text, nullable=False,
                                   server_default=""))
    conn = op.get_bind()
    ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM workshops"))]
    for workshop_id in ids:
        code = "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
        conn.execute(sa.text("UPDATE workshops SET public_code = :c WHERE id = :w"),
                     {"c": code, "w": workshop_id})
    op.create_index("ix_workshops_public_code", "workshops", ["public_code"], unique=True)
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("listed", sa.Boolean, nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("listed")
    op.drop_index("ix_workshops_public_code", table_name="workshops")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("public_code")
