"""The timeline's lines in the report's one-page summary (`kit.reports.workshop.summary_blocks`):
how many cards and owners, and the findings the facilitator kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._blocks import Block

if TYPE_CHECKING:
    from kit.workshop import Workshop


def summary(workshop: Workshop, language: str) -> list[Block]:
    from kit.steps.timeline.findings import analysis
    from kit.steps.timeline.model import ReviewVerdict

    L = language
    out: list[Block] = []
    cards = workshop.timeline.cards()
    if cards:
        verdicts = workshop.timeline.verdicts()
        found = analysis(cards, workshop=workshop.id)

        def kept(frame: Sequence[Mapping[str, object]]) -> int:
            return sum(verdicts.get(str(f["key"])) is not ReviewVerdict.DISMISSED
                       for f in frame)

        out.append(Block("p", t("report.sum.timeline", L, cards=len(cards),
                                owners=len({c.owner for c in cards}),
                                overload=kept(found.overload), gaps=kept(found.gaps),
                                duplicates=kept(found.duplicates),
                                synergies=kept(found.synergies))))
    return out
