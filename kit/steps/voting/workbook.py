"""The vote's sheets of the report's workbook: the raw and the sector-balanced ranking
(the room's totals per sector, never a person's dots)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._xlsx import Sheet, heads, sector_word

if TYPE_CHECKING:
    from kit.core.sheets import Rows
    from kit.workshop import Workshop


def workbook_sheets(workshop: Workshop, rows: Rows, language: str) -> list[Sheet]:
    L = language
    themes = {th["id"]: th["label"] for th in rows["themes"]}
    ranked = workshop.voting.rankings()
    sectors = ("kommune", "civilsamfund", "flygtning")
    return [Sheet(t(f"xl.{key}", L),
                  [*heads(L, "rank", "theme", "score"), *(sector_word(s, L) for s in sectors)],
                  [[int(r["rank"]), themes.get(r["theme_id"], ""), round(float(r["score"]), 1),
                    *(int(r[s]) for s in sectors)] for r in ranked[weighting]])
            for key, weighting in (("tally_raw", "none"), ("tally_sector", "sector"))]
