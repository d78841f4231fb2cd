"""The preparation step's sheet of the exchange format: the actor register."""

from __future__ import annotations

from kit.core.model import MAX_NAME, MAX_TITLE, Sector
from kit.core.sheets import MAX_ID, Column, Rows, Sheet, bad, choice, ident, long_text


def _refugee_volunteers_are_civil_society(rows: Rows) -> None:
    """Former refugees who volunteer are civil society (`RefugeeVolunteerSector`)."""
    for n, actor in enumerate(rows["actors"], start=2):
        if actor.get("refugee_background") and actor["sector"] != Sector.CIVILSAMFUND.value:
            raise bad("actors", n, "sector", actor["sector"])


def _branches_one_level(rows: Rows) -> None:
    """An actor is a branch of another actor, itself no branch, never of itself
    (`kit.steps.prepare.store.branch_problem`)."""
    parents = {a["id"]: a.get("parent_id") for a in rows["actors"]}
    for n, actor in enumerate(rows["actors"], start=2):
        parent = actor.get("parent_id")
        if parent and (parent == actor["id"] or parents.get(parent)):
            raise bad("actors", n, "parent_id", parent)


def _check(rows: Rows) -> None:
    _refugee_volunteers_are_civil_society(rows)
    _branches_one_level(rows)


ACTORS = Sheet("actors", (
    ident(), Column("name", max_length=MAX_TITLE), Column("kind", max_length=MAX_NAME),
    choice("sector", Sector), Column("contact", required=False), long_text("remarks"),
    Column("listed", "bool", optional=True),  # schema 0013: older files list nobody
    Column("refugee_background", "bool", optional=True),  # schema 0016e
    Column("parent_id", nullable=True, max_length=MAX_ID, optional=True),  # schema 0017b
), renamed=(("notes", "remarks"),),  # schema 0007: files written before call it `notes`
   references=(("parent_id", "actors"),), check=_check)
