"""The needs check in the report: each of the partnership's rounds with its needs per area
beside the offers, the gaps and the change since the round before (the refugees' own
answers; who answered counted apart), and the texts the facilitator has read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.areas import area_name
from kit.core.model import Category
from kit.i18n import t
from kit.steps.needs.logic import counts_text, round_name

if TYPE_CHECKING:
    from collections.abc import Mapping

    from kit.reports._blocks import Block
    from kit.workshop import Workshop


def section(workshop: Workshop, language: str) -> list[Block]:
    from kit.reports._blocks import Block

    L = language
    store = workshop.needs
    # the partnership's rounds with answers, from all its workshops and its page
    held = [r for r in store.comparison() if r.respondents]
    out = [Block("h1", t("needs.report", L))]
    if not held:
        return [*out, Block("p", t("needs.no_answers", L))]
    out.append(Block("p", t("rounds.refugees_only", L)))
    for found in held:
        moved: Mapping[Category, float] = found.moved
        out.append(Block("table", text=t("needs.round", L, round=round_name(
                             found.round.label, L)) + " – " + counts_text(found, L),
                         header=(t("needs.area", L), t("needs.need", L), t("needs.helps", L),
                                 t("needs.offers", L), t("needs.change", L),
                                 t("needs.gap_head", L)),
                         rows=tuple((area_name(a.category, L), f"{round(100 * a.need)} %",
                                     str(a.helps), str(a.offers),
                                     f"{100 * moved[a.category]:+.0f} %" if moved else "",
                                     t("needs.gap_short", L) if a.gap else "")
                                    for a in sorted(found.areas, key=lambda x: -x.need))))
    seen = store.texts(seen=True)
    if seen:
        out.append(Block("table", text=t("needs.voices", L),
                         header=(t("needs.round", L, round=""), t("needs.question", L),
                                 t("needs.text", L)),
                         rows=tuple((round_name(a.round, L), t(a.question.key, L), a.text)
                                    for a in seen)))
    return out
