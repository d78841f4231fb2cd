"""The needs check's sheet of the report's workbook: each round's needs per area, beside
the offers (anonymous answers, counted)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._xlsx import Sheet

if TYPE_CHECKING:
    from kit.core.sheets import Rows
    from kit.workshop import Workshop


def workbook_sheets(workshop: Workshop, rows: Rows, language: str) -> list[Sheet]:
    """One row per round and area: how many named it hardest or missing (share), how many
    said it helps, the offers on the timeline, and whether it is uncovered."""
    from kit.core.areas import area_name
    from kit.steps.needs.logic import round_name

    L = language
    store = workshop.needs
    body = [[round_name(r, L), area_name(a.category, L), round(100 * a.need), a.helps,
             a.offers, t("needs.gap_short", L) if a.gap else ""]
            for r in store.rounds() for a in sorted(store.by_area(r), key=lambda x: -x.need)]
    return [Sheet(t("xl.needs_check", L),
                  [t("xl.round", L), t("needs.area", L), t("xl.need_percent", L),
                   t("needs.helps", L), t("needs.offers", L), t("needs.gap_head", L)], body)]
