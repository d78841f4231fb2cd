"""The timeline's sheets of the report's workbook: the cards and the activity overview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._xlsx import Sheet, heads, sector_word

if TYPE_CHECKING:
    from kit.core.sheets import Rows
    from kit.workshop import Workshop


def workbook_sheets(workshop: Workshop, rows: Rows, language: str) -> list[Sheet]:
    """Every card (who offers it, never who typed it in), then the overview people pin up."""
    from kit.steps.timeline.findings import overview_sheet

    L = language
    cards = Sheet(t("xl.cards", L),
                  heads(L, "activity", "owner", "sector", "category", "from_week", "to_week",
                        "description"),
                  [[c["title"], c["owner"], sector_word(c["sector"], L),
                    t(f"category.{c['category']}", L), c["start_week"], c["end_week"],
                    c["description"]] for c in rows["cards"]])
    return [cards, overview_sheet(workshop.timeline.cards(), L)]
