"""The timeline step's sheet of the exchange format: the cards."""

from __future__ import annotations

from kit.core.model import FIRST_WEEK, LAST_WEEK, MAX_DESCRIPTION, MAX_TITLE, Category, Sector
from kit.core.sheets import MAX_ID, Column, Rows, Sheet, bad, choice, ident


def _weeks_in_order(rows: Rows) -> None:
    """A card ends no earlier than it starts."""
    for n, card in enumerate(rows["cards"], start=2):
        if card["end_week"] < card["start_week"]:
            raise bad("cards", n, "end_week", card["end_week"])


CARDS = Sheet("cards", (
    ident(), Column("title"), Column("owner", max_length=MAX_TITLE), choice("sector", Sector),
    choice("category", Category),
    Column("start_week", "int", bounds=(FIRST_WEEK, LAST_WEEK)),
    Column("end_week", "int", bounds=(FIRST_WEEK, LAST_WEEK)),
    Column("description", max_length=MAX_DESCRIPTION, required=False, optional=True),
    Column("participant_id", nullable=True, max_length=MAX_ID, optional=True),
    Column("retired", "bool", optional=True),
    Column("carried", "bool", optional=True),
), references=(("participant_id", "participants"),), check=_weeks_in_order)
