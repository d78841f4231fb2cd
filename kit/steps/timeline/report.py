"""The reception timeline as a matplotlib figure, for reports and the step notebook."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypedDict

from kit.core.model import FIRST_WEEK, LAST_WEEK, Category, Sector
from kit.i18n import file_name, t

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from matplotlib.typing import LineStyleType

    from kit.reports._blocks import Block
    from kit.workshop import Workshop


class _Style(TypedDict, total=False):
    facecolor: str
    edgecolor: str
    linestyle: LineStyleType
    hatch: str


STYLE: dict[str, _Style] = {  # filled: municipality, outlined: civil society, hatched: refugees
    # a light fill, so a card's title (always black) reads on the bar and beyond it
    Sector.KOMMUNE.value: {"facecolor": "#b9cdeb", "edgecolor": "#2b5fab"},
    Sector.CIVILSAMFUND.value: {"facecolor": "white", "edgecolor": "#2e8b47",
                                "linestyle": "--"},
    Sector.FLYGTNING.value: {"facecolor": "#fff4dd", "edgecolor": "#c98a00", "hatch": ".."},
}
LABEL_PT = 7.0
"""The cards' titles print at this size: the figure is drawn at the text width of an A4 page."""


def timeline_figure(cards: pd.DataFrame, language: str = "da") -> Figure:
    """One lane per category, one bar per card from its start to its end week, its title
    on it. Drawn at the width of an A4 page's text, so the type prints at its size; a card
    gets a row of its own where its title would run into the next card."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from kit.reports._docx import FIGURE_WIDTH_IN

    plot_in = FIGURE_WIDTH_IN - 1.6  # the lanes' names take the rest
    weeks = LAST_WEEK - FIRST_WEEK + 1
    char_weeks = LABEL_PT * 0.55 / 72 * weeks / plot_in  # one character, in weeks
    lanes = [c.value for c in Category]
    rows: list[tuple[float, dict[Hashable, Any]]] = []
    lane_top: dict[str, float] = {}
    y = 0.0
    for lane in lanes:
        lane_top[lane] = y
        ends: list[float] = []
        mine = cards[cards["category"] == lane].sort_values(["start_week", "end_week"])
        for card in mine.to_dict("records"):
            title = str(card["title"])
            reach = max(card["end_week"] + 0.5,
                        card["start_week"] - 0.3 + char_weeks * min(len(title), 42))
            slot = next((i for i, end in enumerate(ends) if end < card["start_week"] - 0.4),
                        None)
            if slot is None:
                ends.append(reach)
                slot = len(ends) - 1
            ends[slot] = reach
            rows.append((y + slot, card))
        y += max(1, len(ends)) + 0.5
    fig = Figure(figsize=(FIGURE_WIDTH_IN, max(3.0, 0.2 * y + 1.0)))
    ax = fig.add_subplot()
    for row, card in rows:
        ax.barh(row, card["end_week"] - card["start_week"] + 1, left=card["start_week"] - 0.5,
                height=0.8, **STYLE.get(card["sector"], {}))
        title = str(card["title"])
        ax.text(card["start_week"] - 0.3, row, title if len(title) <= 42 else title[:41] + "…",
                va="center", fontsize=LABEL_PT, color="black", clip_on=True)
    ax.set_yticks([lane_top[lane] for lane in lanes],
                  [t(f"category.{lane}", language) for lane in lanes], fontsize=8)
    for top in list(lane_top.values())[1:]:
        ax.axhline(top - 0.75, color="#dddddd", linewidth=0.6)
    ax.invert_yaxis()
    ax.set_ylim(y - 0.4, -0.7)
    ax.set_xlim(FIRST_WEEK - 0.5, LAST_WEEK + 0.5)
    ax.tick_params(axis="x", labelsize=7.5)
    ax.axvline(0, color="#555555", linewidth=1.0, zorder=0.5)  # arrival, behind the titles
    ax.set_xlabel(t("card.weeks", language), fontsize=8)
    fig.legend(handles=[Patch(label=t(f"sector.{s}", language), **style)
                        for s, style in STYLE.items()], loc="lower center", ncol=3,
               fontsize=7.5, frameon=False)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def finding_rows(workshop: Workshop, language: str) -> list[tuple[str, str, str]]:
    """The findings not dismissed as rows of one table (kind, what, verdict); synergies are
    summed up per area instead of one row each, since a room can find dozens."""
    from kit.steps.timeline.findings import analysis
    from kit.steps.timeline.model import ReviewVerdict

    L = language
    cards = workshop.timeline.cards()
    by_id = {c.id: c for c in cards}
    verdicts = workshop.timeline.verdicts()
    result = analysis(cards, workshop=workshop.id)
    out: list[tuple[str, str, str]] = []

    def keep(found: Any) -> bool:
        return verdicts.get(found["key"], ReviewVerdict.OPEN) is not ReviewVerdict.DISMISSED

    def verdict(found: Any) -> str:
        v = verdicts.get(found["key"], ReviewVerdict.OPEN)
        return t("review.confirmed" if v is ReviewVerdict.CONFIRMED else "report.open", L)

    for o in filter(keep, result.overload):
        out.append((t("report.finding.overload", L),
                    t("report.row.overload", L, cards=o["cards"], week=o["week"],
                      window_end=o["window_end"]), verdict(o)))
    for g in filter(keep, result.gaps):
        category = t(f"category.{g['category']}", L) if g["category"] else ""
        out.append((t("report.finding.gap", L),
                    t(f"report.row.gap_{g['kind']}", L, category=category,
                      start=g["start_week"], end=g["end_week"]), verdict(g)))
    for d in filter(keep, result.duplicates):
        a, b = by_id[d["card_a"]], by_id[d["card_b"]]
        out.append((t("report.finding.duplicate", L),
                    t("report.row.duplicate", L, a=a.title, owner_a=a.owner, b=b.title,
                      owner_b=b.owner), verdict(d)))
    areas: dict[str, list[str]] = {}
    for r in filter(keep, result.synergies):
        m, c = by_id[r["municipal_card"]], by_id[r["civil_card"]]
        areas.setdefault(r["category"], []).append(f"»{m.title}« + »{c.title}«")
    for category, pairs in areas.items():
        # "…, og 4 flere." rather than "… …." (an ellipsis before the sentence's full stop)
        out.append((t("report.finding.synergy", L),
                    t("report.row.synergy" if len(pairs) <= 3 else "report.row.synergy_more",
                      L, n=len(pairs), category=t(f"category.{category}", L),
                      pairs="; ".join(pairs[:3]), count=len(pairs) - 3), ""))
    return out


def section(workshop: Workshop, language: str) -> list[Block]:
    """The report's part on the timeline: the figure and one table of the findings not
    dismissed."""
    from kit.reports._blocks import Block, png_bytes
    from kit.steps.timeline.findings import cards_frame

    L = language
    cards = workshop.timeline.cards()
    out = [Block("h1", t("report.timeline", L))]
    if not cards:
        return [*out, Block("p", t("doc.none", L))]
    out.append(Block("figure", text=t("report.timeline_caption", L, n=len(cards)),
                     png=png_bytes(timeline_figure(cards_frame(cards), L), dpi=200)))
    rows = finding_rows(workshop, L)
    if rows:
        out.append(Block("p", t("report.findings_intro", L)))
        out.append(Block("table", header=(t("report.finding", L), t("report.what", L),
                                          t("report.verdict", L)), rows=tuple(rows)))
    return out


CHANGE_ROWS = ("offers_new", "offers_carried", "offers_ended", "actors_new", "actors_gone",
               "groups_continued", "groups_ended", "groups_new")
"""The rows of "Siden sidst", in the order the report lists them (`Changes` fields)."""


def since_last(workshop: Workshop, language: str) -> list[Block]:
    """The report's "Siden sidst": what changed since the partnership's workshop before
    (offers, actors, working groups), one row each with how many and which; nothing for a
    partnership's first workshop."""
    from kit.reports._blocks import Block
    from kit.reports._docx import long_date
    from kit.reports.brief import summarised

    L = language
    changes = workshop.timeline.since_last()
    before = workshop.previous()
    if changes is None or before is None:
        return []
    state = before.state()
    rows = []
    for name in CHANGE_ROWS:
        names = list(getattr(changes, name))
        rows.append((t(f"carry.{name}", L), str(len(names)),
                     summarised(names, L, "carry.among", limit=6) if names else "–"))
    return [Block("h1", t("carry.heading", L)),
            Block("p", t("carry.compared", L, title=state.title,
                         date=long_date(state.date, L))),
            Block("table", header=(t("report.what", L), t("report.count", L),
                                   t("carry.which", L)), rows=tuple(rows))]


def documents(workshop: Workshop, language: str, agenda_date: str = "",
              ) -> list[tuple[str, Callable[[], bytes]]]:
    """The overview of activities as a workbook to send (the `documents` hook)."""
    from kit.steps.timeline.findings import overview_xlsx

    def make() -> bytes:
        state = workshop.state()
        return overview_xlsx(workshop.timeline.cards(), language, state.municipality,
                             state.title)

    return [(file_name("overview", language, "", "xlsx"), make)]
