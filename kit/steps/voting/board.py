"""The revealed vote drawn for the projector (the board's vote screen and its focus view).

The two rankings side by side, each theme a row of its own: rank and label on top, below it
a bar as wide as the column allows (the top score fills it), the score, and the dots from
each sector as a marker and a number (the room's totals per sector, never a person's dots).
The markers are explained once, above both rankings. Each ranking is a `.kit-pages` list, so
the board's pager turns the pages when twelve long themes do not fit the screen.

The facilitator's console keeps its own compact table (`views.results_html`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kit.i18n import number, t
from kit.steps.voting.views import RANKINGS
from kit.ui.areas import title_html
from kit.ui.parts import esc

if TYPE_CHECKING:
    from kit.workshop import Workshop


def sector_dots_html(row: dict[str, Any], language: str) -> str:
    """A theme's dots per sector: each sector's marker and its total (the marker's name is
    the tooltip and what a screen reader says)."""
    from kit.steps.voting.logic import SECTORS

    return '<span class="kit-vote-sectors">' + "".join(
        f'<span class="kit-vote-sector" title="{esc(t(f"sector.{s}", language))}">'
        f'<i class="kit-swatch {s}" aria-label="{esc(t(f"sector.{s}", language))}"></i>'
        f'{esc(number(row[s], language))}</span>' for s in SECTORS) + "</span>"


def legend_html(language: str) -> str:
    """What the sector markers of the rows stand for, said once."""
    from kit.steps.voting.logic import SECTORS

    return (f'<div class="kit-vote-legend"><span>{esc(t("vote.per_sector", language))}'
            "</span>" + "".join(
                f'<span class="kit-vote-sector"><i class="kit-swatch {s}"></i>'
                f'{esc(t(f"sector.{s}", language))}</span>' for s in SECTORS) + "</div>")


def board_results_html(workshop: Workshop, language: str) -> str:
    """Both rankings for the projector; scores in the viewer's number format (the balanced
    one with one decimal)."""
    labels = {th.id: title_html(th.label, th.area, language) for th in workshop.ideas.themes()}
    columns = []
    for (weighting, heading), result in zip(RANKINGS, workshop.voting.rankings().values(),
                                            strict=True):
        top = max((r["score"] for r in result), default=0)
        decimals = 1 if weighting == "sector" else 0
        rows = []
        for r in result:
            width = 100 * r["score"] / top if top else 0
            rows.append(
                f'<li class="kit-vote-row"><span class="kit-vote-rank">{r["rank"]}.</span>'
                f'<div class="kit-vote-title">'
                f'{labels.get(r["theme_id"]) or esc(r["theme_id"])}</div>'
                f'<div class="kit-vote-line"><span class="kit-vote-track">'
                f'<span class="kit-bar" style="width:{width:.1f}%"></span></span>'
                f'<b class="kit-vote-score">{esc(number(r["score"], language, decimals))}</b>'
                f"{sector_dots_html(r, language)}</div></li>")
        columns.append(f'<div class="kit-vote-col kit-vote-by-{weighting}">'
                       f'<h3>{esc(t(heading, language))}</h3>'
                       f'<ol class="kit-vote-list kit-pages">{"".join(rows)}</ol></div>')
    return (f'<div class="kit-vote-board">{legend_html(language)}'
            f'<div class="kit-vote-cols">{"".join(columns)}</div></div>')
