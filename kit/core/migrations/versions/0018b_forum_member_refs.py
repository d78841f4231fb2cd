"""Issue 26 (step boundaries): a forum's members become references. `forum_members.member`
("participant:<id>" / "actor:<id>", no foreign key) becomes two nullable foreign keys,
`participant_id` and `actor_id` (exactly one set), and the forum's coordinator, until now
the same kind of string in `fora.coordinator`, becomes a mark on its member row; an actor
struck from the register now leaves its invitations to groups by a foreign key too
(`invitations` → `actors`, ON DELETE CASCADE), so the prepare step deletes no other step's
rows. Rows that named no one still in the workshop are dropped (the store never kept such).

Revision ID: 0018b
Revises: 0017b
"""

import sqlalchemy as sa
from alembic import op

revision = "0018b"
down_revision = "0018a"
branch_labels = None
depends_on = None

_PARTICIPANT, _ACTOR = "participant:", "actor:"


def _new_members() -> None:
    op.create_table(
        "forum_members",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("forum_id", sa.Text, nullable=False),
        sa.Column("participant_id", sa.Text),
        sa.Column("actor_id", sa.Text),
        sa.Column("coordinator", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.CheckConstraint("(participant_id IS NULL) <> (actor_id IS NULL)",
                           name="ck_forum_members_one_member"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE",
                                name="fk_forum_members_workshop"),
        sa.ForeignKeyConstraint(["workshop_id", "forum_id"], ["fora.workshop_id", "fora.id"],
                                ondelete="CASCADE", name="fk_forum_members_forum"),
        sa.ForeignKeyConstraint(["workshop_id", "participant_id"],
                                ["participants.workshop_id", "participants.id"],
                                ondelete="CASCADE", name="fk_forum_members_participant"),
        sa.ForeignKeyConstraint(["workshop_id", "actor_id"], ["actors.workshop_id", "actors.id"],
                                ondelete="CASCADE", name="fk_forum_members_actor"),
    )
    op.create_index("ix_forum_members_participant", "forum_members",
                    ["workshop_id", "forum_id", "participant_id"], unique=True)
    op.create_index("ix_forum_members_actor", "forum_members",
                    ["workshop_id", "forum_id", "actor_id"], unique=True)
    op.create_index("ix_forum_members_coordinator", "forum_members",
                    ["workshop_id", "forum_id"], unique=True,
                    sqlite_where=sa.text("coordinator"), postgresql_where=sa.text("coordinator"))


def upgrade() -> None:
    conn = op.get_bind()
    members = [tuple(r) for r in conn.execute(sa.text(
        "SELECT workshop_id, forum_id, member FROM forum_members"))]
    coordinators = {(r[0], r[1]): r[2] for r in conn.execute(sa.text(
        "SELECT workshop_id, id, coordinator FROM fora WHERE coordinator IS NOT NULL"))}
    participants = {tuple(r) for r in conn.execute(sa.text(
        "SELECT workshop_id, id FROM participants"))}
    actors = {tuple(r) for r in conn.execute(sa.text("SELECT workshop_id, id FROM actors"))}
    # a coordinator is one of the forum's members (the store has always kept it so)
    for (w, f), m in coordinators.items():
        if (w, f, m) not in members:
            members.append((w, f, m))
    rows = []
    for w, f, m in members:
        ref = {"participant_id": None, "actor_id": None}
        if m.startswith(_PARTICIPANT) and (w, m[len(_PARTICIPANT):]) in participants:
            ref["participant_id"] = m[len(_PARTICIPANT):]
        elif m.startswith(_ACTOR) and (w, m[len(_ACTOR):]) in actors:
            ref["actor_id"] = m[len(_ACTOR):]
        else:
            continue  # names no one of the workshop: a foreign key would refuse it
        rows.append({"workshop_id": w, "forum_id": f, **ref,
                     "coordinator": coordinators.get((w, f)) == m})
    # invitations of actors no longer in the register (none the store kept) would refuse
    # the foreign key
    conn.execute(sa.text(
        "DELETE FROM invitations WHERE NOT EXISTS (SELECT 1 FROM actors a WHERE "
        "a.workshop_id = invitations.workshop_id AND a.id = invitations.actor_id)"))
    # the old members table goes before `fora` is rebuilt (SQLite rebuilds it whole)
    op.drop_table("forum_members")
    with op.batch_alter_table("fora") as batch:
        batch.drop_column("coordinator")
    with op.batch_alter_table("invitations") as batch:
        batch.create_foreign_key("fk_invitations_actor", "actors", ["workshop_id", "actor_id"],
                                 ["workshop_id", "id"], ondelete="CASCADE")
    _new_members()
    if rows:
        table = sa.table("forum_members", *(sa.column(c) for c in (
            "workshop_id", "forum_id", "participant_id", "actor_id", "coordinator")))
        op.bulk_insert(table, rows)


def downgrade() -> None:
    conn = op.get_bind()
    found = [dict(r._mapping) for r in conn.execute(sa.text(
        "SELECT workshop_id, forum_id, participant_id, actor_id, coordinator "
        "FROM forum_members"))]
    rows, coordinators = [], []
    for r in found:
        member = (_PARTICIPANT + r["participant_id"] if r["participant_id"] is not None
                  else _ACTOR + r["actor_id"])
        rows.append({"workshop_id": r["workshop_id"], "forum_id": r["forum_id"],
                     "member": member})
        if r["coordinator"]:
            coordinators.append({"w": r["workshop_id"], "f": r["forum_id"], "c": member})
    op.drop_table("forum_members")
    with op.batch_alter_table("invitations") as batch:
        batch.drop_constraint("fk_invitations_actor", type_="foreignkey")
    with op.batch_alter_table("fora") as batch:
        batch.add_column(sa.Column("coordinator", sa.Text))
    for c in coordinators:
        conn.execute(sa.text("UPDATE fora SET coordinator = :c WHERE workshop_id = :w AND "
                             "id = :f"), c)
    op.create_table(
        "forum_members",
        sa.Column("workshop_id", sa.Text, nullable=False),
        sa.Column("forum_id", sa.Text, nullable=False),
        sa.Column("member", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "forum_id", "member"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )
    if rows:
        table = sa.table("forum_members", *(sa.column(c) for c in (
            "workshop_id", "forum_id", "member")))
        op.bulk_insert(table, rows)
