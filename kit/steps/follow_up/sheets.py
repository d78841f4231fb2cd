"""The local organisation's sheets of the exchange format: the fora and their members."""

from __future__ import annotations

from kit.core.sheets import MAX_ID, Column, Rows, Sheet, bad, choice, ident, long_text
from kit.steps.follow_up.model import AGREEMENT, ForumKind
from kit.steps.groups.model import TERMS


def _members_are_known(rows: Rows) -> None:
    """A forum member or coordinator is "participant:<id>" or "actor:<id>" of this workshop
    (a key into one of two sheets, so not a plain reference)."""
    known = {f"participant:{r['id']}" for r in rows["participants"]}
    known |= {f"actor:{r['id']}" for r in rows["actors"]}
    for sheet, column in (("forum_members", "member"), ("fora", "coordinator")):
        for n, row in enumerate(rows[sheet], start=2):
            if row[column] is not None and row[column] not in known:
                raise bad(sheet, n, column, row[column])


FORA = Sheet("fora", (
    ident(), choice("kind", ForumKind), Column("name"),
    Column("coordinator", nullable=True, max_length=2 * MAX_ID),
    *(long_text(c) for c in TERMS + AGREEMENT),
), optional=True)

FORUM_MEMBERS = Sheet("forum_members", (
    ident("forum_id"), Column("member", max_length=2 * MAX_ID),
), key=("forum_id", "member"), references=(("forum_id", "fora"),), optional=True,
   check=_members_are_known)
