"""The needs check's sheet of the report's workbook: each of the partnership's rounds with
its needs per area beside the offers, and who answered it (anonymous answers, counted)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._xlsx import Sheet

if TYPE_CHECKING:
    from kit.core.sheets import Rows
    from kit.workshop import Workshop


def workbook_sheets(workshop: Workshop, rows: Rows, language: str) -> list[Sheet]:
    """One row per round of the partnership and area: how many refugees named it hardest
    or missing (share), how many said it helps, the offers on the timeline, whether it is
    uncovered, and who answered the round (refugees apart from staff and volunteers)."""
    from kit.core.areas import area_name
    from kit.steps.needs.logic import round_name

    L = language
    held = [r for r in workshop.needs.comparison() if r.respondents]
    body = [[round_name(r.round.label, L), area_name(a.category, L), round(100 * a.need),
             a.helps, a.offers, t("needs.gap_short", L) if a.gap else "",
             r.refugees + r.unsaid, r.staff, r.volunteers]
            for r in held for a in sorted(r.areas, key=lambda x: -x.need)]
    return [Sheet(t("xl.needs_check", L),
                  [t("xl.round", L), t("needs.area", L), t("xl.need_percent", L),
                   t("needs.helps", L), t("needs.offers", L), t("needs.gap_head", L),
                   t("rounds.head.refugees", L), t("rounds.head.staff", L),
                   t("rounds.head.volunteers", L)], body)]
