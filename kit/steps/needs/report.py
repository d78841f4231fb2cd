"""The needs check in the report: each round's needs per area beside the offers, the gaps,
and the texts the facilitator has read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.areas import area_name
from kit.core.model import Category
from kit.i18n import t
from kit.steps.needs.logic import change, respondents, round_name

if TYPE_CHECKING:
    from kit.reports._blocks import Block
    from kit.workshop import Workshop


def section(workshop: Workshop, language: str) -> list[Block]:
    from kit.reports._blocks import Block

    L = language
    store = workshop.needs
    rounds = store.rounds()
    out = [Block("h1", t("needs.report", L))]
    if not rounds:
        return [*out, Block("p", t("needs.no_answers", L))]
    before = None
    for r in rounds:
        areas = store.by_area(r)
        moved: dict[Category, float] = change(before, areas) if before else {}
        out.append(Block("table", text=t("needs.round", L, round=round_name(r, L)) + " – "
                         + t("needs.respondents", L, n=respondents(store.answers(r))),
                         header=(t("needs.area", L), t("needs.need", L), t("needs.helps", L),
                                 t("needs.offers", L), t("needs.change", L),
                                 t("needs.gap_head", L)),
                         rows=tuple((area_name(a.category, L), f"{round(100 * a.need)} %",
                                     str(a.helps), str(a.offers),
                                     f"{100 * moved[a.category]:+.0f} %" if moved else "",
                                     t("needs.gap_short", L) if a.gap else "")
                                    for a in sorted(areas, key=lambda x: -x.need))))
        before = areas
    seen = store.texts(seen=True)
    if seen:
        out.append(Block("table", text=t("needs.voices", L),
                         header=(t("needs.round", L, round=""), t("needs.question", L),
                                 t("needs.text", L)),
                         rows=tuple((round_name(a.round, L), t(a.question.key, L), a.text)
                                    for a in seen)))
    return out
