"""The vote in the workshop report: the raw and the sector-balanced tally as tables, and
both side by side as one figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.model import Sector
from kit.i18n import t

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from kit.reports._blocks import Block
    from kit.workshop import Workshop


def section(workshop: Workshop, language: str) -> list[Block]:
    from kit.i18n import number
    from kit.reports._blocks import Block, png_bytes

    L = language
    raw, balanced = tallies(workshop)
    labels = {th.id: th.label for th in workshop.ideas.themes()}
    chosen = {th.id for th in workshop.ideas.themes() if th.chosen}
    out = [Block("h1", t("report.votes", L))]
    if not len(raw):
        return [*out, Block("p", t("doc.none", L))]
    for title, result, decimals in (("vote.raw", raw, 0), ("vote.balanced", balanced, 1)):
        out.append(Block("table", text=t(title, L),
                         header=(t("report.rank", L), t("doc.theme", L), t("xl.score", L),
                                 *(t(f"sector.{s.value}", L) for s in Sector),
                                 t("report.chosen", L)),
                         rows=tuple((f"{r['rank']}.", labels.get(r["theme_id"], ""),
                                     number(float(r["score"]), L, decimals),
                                     *(number(float(r[s.value]), L) for s in Sector),
                                     t("xl.yes" if r["theme_id"] in chosen else "xl.no", L))
                                    for r in result.to_dict("records"))))
    out.append(Block("figure", text=t("report.vote_caption", L),
                     png=png_bytes(vote_figure(raw, balanced, labels, L), dpi=200)))
    return out


def tallies(workshop: Workshop) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The raw and the sector-balanced tally of the workshop's vote."""
    import pandas as pd

    from kit.steps.voting.logic import tally

    votes = pd.DataFrame(workshop.voting.votes(), columns=["participant_id", "theme_id", "dots"])
    people = pd.DataFrame([{"id": p.id, "sector": p.sector.value}
                           for p in workshop.participants()], columns=["id", "sector"])
    return tally(votes, people), tally(votes, people, weighting="sector")


def vote_figure(raw: pd.DataFrame, balanced: pd.DataFrame, labels: dict[str, str],
                language: str) -> Figure:
    """Raw and sector-balanced scores side by side, one bar pair per theme."""
    from matplotlib.figure import Figure

    order = list(raw["theme_id"])
    from kit.reports._docx import FIGURE_WIDTH_IN

    fig = Figure(figsize=(FIGURE_WIDTH_IN, 0.38 * len(order) + 1.0))
    ax = fig.subplots()
    y = range(len(order))
    b = balanced.set_index("theme_id")["score"]
    ax.barh([i - 0.2 for i in y], list(raw["score"]), height=0.4, color="#2b5fab",
            label=t("vote.raw", language))
    ax.barh([i + 0.2 for i in y], [float(b.get(x, 0)) for x in order], height=0.4,
            color="#c98a00", label=t("vote.balanced", language))
    ax.set_yticks(list(y), [labels.get(x, x) for x in order], fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.invert_yaxis()
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig
