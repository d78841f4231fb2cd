"""The ideas and themes steps' sheets of the report's workbook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._xlsx import Sheet, heads

if TYPE_CHECKING:
    from kit.core.sheets import Rows
    from kit.workshop import Workshop


def idea_sheets(workshop: Workshop, rows: Rows, language: str) -> list[Sheet]:
    """Every note with its question and theme (not who wrote it)."""
    L = language
    themes = {th["id"]: th["label"] for th in rows["themes"]}
    return [Sheet(t("xl.ideas", L), heads(L, "idea", "question", "theme"),
                  [[i["text"], t(f"idea.{i['prompt']}", L), themes.get(i["theme_id"], "")]
                   for i in rows["ideas"]])]


def theme_sheets(workshop: Workshop, rows: Rows, language: str) -> list[Sheet]:
    """Every theme with its number of notes, whether it stood for the vote and went on,
    and the room's answers to the three guiding questions."""
    from kit.reports._xlsx import yes_no

    L = language
    per_theme: dict[object, int] = {}
    for i in rows["ideas"]:
        per_theme[i["theme_id"]] = per_theme.get(i["theme_id"], 0) + 1
    return [Sheet(t("xl.themes", L),
                  heads(L, "theme", "idea_count", "candidate", "chosen", "needs",
                        "use_each_other", "team"),
                  [[th["label"], per_theme.get(th["id"], 0), yes_no(th["selected"], L),
                    yes_no(th["chosen"], L), th["needs"], th["use_each_other"], th["team"]]
                   for th in rows["themes"]])]
