"""Issue 27: the partnership (a municipality's local collaboration) is the top of the store,
and a workshop is an event in one.

Every workshop stored before becomes the only workshop of a partnership of its own, named as
the workshop, which takes over the workshop's public code (printed posters keep working) and
gets a coordinator key of its own. Downgrading gives each workshop its partnership's public
code back (a fresh one to every workshop but the first, where a partnership held several).

Revision ID: 0015
Revises: 0014
"""

import secrets
import time

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# as `kit.core.base`; copied, since a migration must not change when the code does
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_LENGTH = 12


def upgrade() -> None:
    op.create_table(
        "partnerships",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("municipality", sa.Text, nullable=False),
        sa.Column("public_code", sa.Text, nullable=False),
        sa.Column("coordinator_key", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default="active"),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("archived_at", sa.Float),
        sa.Column("agreement_start", sa.Text, nullable=False, server_default=""),
        sa.Column("agreement_end", sa.Text, nullable=False, server_default=""),
        sa.Column("agreement_review", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_partnerships_public_code", "partnerships", ["public_code"],
                    unique=True)
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("partnership_id", sa.Text, nullable=False,
                                   server_default=""))
    conn = op.get_bind()
    rows = list(conn.execute(sa.text(
        "SELECT id, title, municipality, public_code, created_at FROM workshops")))
    used: set[str] = set()
    for workshop_id, title, municipality, public_code, created_at in rows:
        partnership_id = "s" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
        code = public_code
        while not code or code in used:
            code = "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
        used.add(code)
        conn.execute(sa.text(
            "INSERT INTO partnerships (id, name, municipality, public_code, coordinator_key, "
            "status, created_at) VALUES (:i, :n, :m, :c, :k, 'active', :t)"),
            {"i": partnership_id, "n": title, "m": municipality, "c": code,
             "k": secrets.token_urlsafe(16), "t": created_at or time.time()})
        conn.execute(sa.text("UPDATE workshops SET partnership_id = :p WHERE id = :w"),
                     {"p": partnership_id, "w": workshop_id})
    op.drop_index("ix_workshops_public_code", table_name="workshops")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("public_code")
        batch.alter_column("partnership_id", server_default=None)
        batch.create_foreign_key("fk_workshops_partnership", "partnerships",
                                 ["partnership_id"], ["id"], ondelete="CASCADE")
    op.create_index("ix_workshops_partnership", "workshops", ["partnership_id"])


def downgrade() -> None:
    op.drop_index("ix_workshops_partnership", table_name="workshops")
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("public_code", sa.Text, nullable=False,
                                   server_default=""))
    conn = op.get_bind()
    rows = list(conn.execute(sa.text(
        "SELECT w.id, p.public_code FROM workshops w JOIN partnerships p "
        "ON p.id = w.partnership_id ORDER BY w.created_at")))
    used: set[str] = set()
    for workshop_id, code in rows:
        while not code or code in used:
            code = "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
        used.add(code)
        conn.execute(sa.text("UPDATE workshops SET public_code = :c WHERE id = :w"),
                     {"c": code, "w": workshop_id})
    with op.batch_alter_table("workshops") as batch:
        batch.drop_constraint("fk_workshops_partnership", type_="foreignkey")
        batch.drop_column("partnership_id")
    op.create_index("ix_workshops_public_code", "workshops", ["public_code"], unique=True)
    op.drop_index("ix_partnerships_public_code", table_name="partnerships")
    op.drop_table("partnerships")
