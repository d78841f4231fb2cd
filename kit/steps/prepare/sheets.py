"""The preparation step's sheet of the exchange format: the actor register."""

from __future__ import annotations

from kit.core.model import MAX_NAME, MAX_TITLE, Sector
from kit.core.sheets import Column, Rows, Sheet, bad, choice, ident, long_text


def _refugee_volunteers_are_civil_society(rows: Rows) -> None:
    """Former refugees who volunteer are civil society (`RefugeeVolunteerSector`)."""
    for n, actor in enumerate(rows["actors"], start=2):
        if actor.get("refugee_background") and actor["sector"] != Sector.CIVILSAMFUND.value:
            raise bad("actors", n, "sector", actor["sector"])


ACTORS = Sheet("actors", (
    ident(), Column("name", max_length=MAX_TITLE), Column("kind", max_length=MAX_NAME),
    choice("sector", Sector), Column("contact", required=False), long_text("remarks"),
    Column("listed", "bool", optional=True),  # schema 0013: older files list nobody
    Column("refugee_background", "bool", optional=True),  # schema 0016e
), renamed=(("notes", "remarks"),),  # schema 0007: files written before call it `notes`
   check=_refugee_volunteers_are_civil_society)
