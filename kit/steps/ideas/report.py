"""The themes in the workshop report: each theme with how many ideas it holds and what the
room said it needs, who can use each other, and who should be on its team."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t

if TYPE_CHECKING:
    from kit.core.workshop import Workshop
    from kit.reports._blocks import Block


def section(workshop: Workshop, language: str) -> list[Block]:
    from kit.reports._blocks import Block

    L = language
    ideas = workshop.ideas()
    themes = workshop.ideas.themes()
    out = [Block("h1", t("report.themes", L))]
    for th in themes:
        mine = [i.text for i in ideas if i.theme_id == th.id]
        out.append(Block("p", f"{th.label} ({t('report.ideas', L, n=len(mine))})"))
        for part in ("needs", "use_each_other", "team"):
            if getattr(th, part):
                out.append(Block("p", f"{t(f'vote.{part}', L)} {getattr(th, part)}"))
    if not themes:
        out.append(Block("p", t("doc.none", L)))
    return out
