"""The actor register's sheet of the report's workbook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._xlsx import Sheet, heads, sector_word

if TYPE_CHECKING:
    from kit.core.sheets import Rows
    from kit.workshop import Workshop


def workbook_sheets(workshop: Workshop, rows: Rows, language: str) -> list[Sheet]:
    """The register: each actor with its kind, sector, contact and remarks."""
    from kit.steps.prepare.logic import kind_label

    L = language
    return [Sheet(t("xl.actors", L), heads(L, "name", "kind", "sector", "contact", "remarks"),
                  [[a["name"], kind_label(str(a["kind"]), L), sector_word(a["sector"], L),
                    a["contact"], a["remarks"]] for a in rows["actors"]])]
