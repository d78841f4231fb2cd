"""The reception timeline as a matplotlib figure, for reports and the step notebook."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, TypedDict

from kit.core.model import FIRST_WEEK, LAST_WEEK, Category, Sector
from kit.i18n import t

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from matplotlib.typing import LineStyleType

    from kit.core.workshop import Workshop
    from kit.reports._blocks import Block


class _Style(TypedDict, total=False):
    facecolor: str
    edgecolor: str
    linestyle: LineStyleType
    hatch: str


STYLE: dict[str, _Style] = {  # filled: municipality, outlined: civil society, hatched: refugees
    Sector.KOMMUNE.value: {"facecolor": "#2b5fab", "edgecolor": "#2b5fab"},
    Sector.CIVILSAMFUND.value: {"facecolor": "white", "edgecolor": "#2e8b47",
                                "linestyle": "--"},
    Sector.FLYGTNING.value: {"facecolor": "#fff4dd", "edgecolor": "#c98a00", "hatch": ".."},
}


def timeline_figure(cards: pd.DataFrame, language: str = "da") -> Figure:
    """One lane per category, one bar per card from its start to its end week."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    lanes = [c.value for c in Category]
    rows: list[tuple[int, dict[Hashable, Any]]] = []
    lane_top: dict[str, int] = {}
    y = 0
    for lane in lanes:
        lane_top[lane] = y
        ends: list[int] = []
        mine = cards[cards["category"] == lane].sort_values(["start_week", "end_week"])
        for card in mine.to_dict("records"):
            slot = next((i for i, end in enumerate(ends) if end < card["start_week"]), None)
            if slot is None:
                ends.append(card["end_week"])
                slot = len(ends) - 1
            ends[slot] = card["end_week"]
            rows.append((y + slot, card))
        y += max(1, len(ends)) + 1
    fig = Figure(figsize=(12, max(4, 0.32 * y + 1)))
    ax = fig.add_subplot()
    for row, card in rows:
        ax.barh(row, card["end_week"] - card["start_week"] + 1, left=card["start_week"] - 0.5,
                height=0.8, **STYLE.get(card["sector"], {}))
        colour = "white" if card["sector"] == Sector.KOMMUNE.value else "black"
        ax.text(card["start_week"] - 0.3, row, str(card["title"])[:40], va="center",
                fontsize=7, color=colour, clip_on=True)
    ax.set_yticks([lane_top[lane] for lane in lanes],
                  [t(f"category.{lane}", language) for lane in lanes], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(FIRST_WEEK - 0.5, LAST_WEEK + 0.5)
    ax.axvline(0, color="black", linewidth=1.5)
    ax.set_xlabel(t("card.weeks", language))
    ax.legend(handles=[Patch(label=t(f"sector.{s}", language), **style)
                       for s, style in STYLE.items()], loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def section(workshop: Workshop, language: str) -> list[Block]:
    """The report's part on the timeline: the figure and the findings not dismissed."""
    from kit.reports._blocks import Block, png_bytes
    from kit.steps.timeline.findings import cards_frame, review_items
    from kit.steps.timeline.model import ReviewVerdict

    L = language
    cards = workshop.timeline.cards()
    out = [Block("h1", t("report.timeline", L))]
    if not cards:
        return [*out, Block("p", t("doc.none", L))]
    out.append(Block("figure", png=png_bytes(timeline_figure(cards_frame(cards), L))))
    shown = [f for f in review_items(cards, workshop.timeline.verdicts(), L, workshop=workshop.id)
             if f.verdict is not ReviewVerdict.DISMISSED]
    return out + [Block("p", f"{t(f'report.finding.{f.kind}', L)}: {f.text}") for f in shown]
