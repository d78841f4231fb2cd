"""The toy's one table, on the kit's shared declarations: a purge and an import find it."""

from sqlalchemy import Column, ForeignKeyConstraint, PrimaryKeyConstraint, Table, Text

from kit.core.schema import metadata

TOYS = Table(
    "toys", metadata,
    Column("workshop_id", Text, nullable=False),
    Column("id", Text, nullable=False),
    Column("participant_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    PrimaryKeyConstraint("workshop_id", "id"),
    ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    ForeignKeyConstraint(["workshop_id", "participant_id"],
                         ["participants.workshop_id", "participants.id"], ondelete="CASCADE"),
)
