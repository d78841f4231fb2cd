"""The themes in the workshop report: each theme with how many ideas it holds and what the
room said it needs, who can use each other, and who should be on its team."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t

if TYPE_CHECKING:
    from kit.reports._blocks import Block
    from kit.workshop import Workshop


def section(workshop: Workshop, language: str) -> list[Block]:
    """Each theme with its notes, whether it went to the vote and on to a group, and the
    room's answers to the three guiding questions."""
    from kit.reports._blocks import Block

    L = language
    ideas = workshop.ideas()
    themes = workshop.ideas.themes()
    out = [Block("h1", t("report.themes", L))]
    for th in themes:
        mine = [i.text for i in ideas if i.theme_id == th.id]
        marks = [t("xl.chosen", L) if th.chosen else "",
                 t("xl.candidate", L) if th.selected and not th.chosen else ""]
        out.append(Block("h2", f"{th.label} ({t('report.ideas', L, n=len(mine))})"))
        if any(marks):
            out.append(Block("p", ", ".join(m for m in marks if m) + "."))
        fields = tuple((t(f"xl.{part}", L), getattr(th, part))
                       for part in ("needs", "use_each_other", "team") if getattr(th, part))
        if fields:
            out.append(Block("fields", rows=fields))
        out += [Block("bullet", text) for text in mine]
    loose = [i.text for i in ideas if not i.theme_id]
    if loose:
        out.append(Block("h2", f"{t('report.no_theme', L)} ({t('report.ideas', L, n=len(loose))})"))
        out += [Block("bullet", text) for text in loose]
    if not themes:
        out.append(Block("p", t("doc.none", L)))
    return out
