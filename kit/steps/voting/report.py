"""The vote in the workshop report: the raw and the sector-balanced tally as tables, and
both side by side as one figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.model import Sector
from kit.i18n import t

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from kit.core.workshop import Workshop
    from kit.reports._blocks import Block


def section(workshop: Workshop, language: str) -> list[Block]:
    import pandas as pd

    from kit.reports._blocks import Block, png_bytes
    from kit.steps.voting.logic import tally

    L = language
    votes = pd.DataFrame(workshop.voting.votes(), columns=["participant_id", "theme_id", "dots"])
    people = pd.DataFrame([{"id": p.id, "sector": p.sector.value}
                           for p in workshop.participants()], columns=["id", "sector"])
    labels = {th.id: th.label for th in workshop.ideas.themes()}
    out = [Block("h1", t("report.votes", L))]
    if not len(votes):
        return [*out, Block("p", t("doc.none", L))]
    raw, balanced = tally(votes, people), tally(votes, people, weighting="sector")
    for title, result in (("vote.raw", raw), ("vote.balanced", balanced)):
        out.append(Block("table", text=t(title, L),
                         header=(t("vote.rank", L), t("doc.theme", L), t("vote.score", L),
                                 *(t(f"sector.{s.value}", L) for s in Sector)),
                         rows=tuple((str(r["rank"]), labels.get(r["theme_id"], ""),
                                     f"{r['score']:g}", *(str(r[s.value]) for s in Sector))
                                    for r in result.to_dict("records"))))
    out.append(Block("figure", png=png_bytes(vote_figure(raw, balanced, labels, L))))
    return out


def vote_figure(raw: pd.DataFrame, balanced: pd.DataFrame, labels: dict[str, str],
                language: str) -> Figure:
    """Raw and sector-balanced scores side by side, one bar pair per theme."""
    from matplotlib.figure import Figure

    order = list(raw["theme_id"])
    fig = Figure(figsize=(8, 0.5 * len(order) + 1.5))
    ax = fig.subplots()
    y = range(len(order))
    b = balanced.set_index("theme_id")["score"]
    ax.barh([i - 0.2 for i in y], list(raw["score"]), height=0.4, color="#2b5fab",
            label=t("vote.raw", language))
    ax.barh([i + 0.2 for i in y], [float(b.get(x, 0)) for x in order], height=0.4,
            color="#c98a00", label=t("vote.balanced", language))
    ax.set_yticks(list(y), [labels.get(x, x) for x in order])
    ax.invert_yaxis()
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
