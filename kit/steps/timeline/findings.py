"""The timeline review in words: each finding of `kit.timeline.analyse` as a sentence in the
reader's language with the facilitator's verdict, the board's highlights, and the activity
overview as a workbook. Used by the apps and the workshop report; no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kit.i18n import t
from kit.steps.timeline.model import Card, ReviewVerdict

if TYPE_CHECKING:
    import pandas as pd

    from kit.steps.timeline.logic import Analysis


@dataclass(frozen=True)
class ReviewItem:
    """One finding of the analysis on the facilitator's review list: its stable `key` (what
    a verdict is stored under), `text` already in the reader's language (from catalog keys
    `review.*`, never parsed back), the cards it is about, the verdict and, for an overload,
    its weeks. The typed finding of the other steps is `kit.core.model.Finding`."""

    key: str
    kind: str  # overload | gap | duplicate | synergy
    text: str
    cards: tuple[str, ...]
    verdict: ReviewVerdict
    weeks: tuple[int, int] | None = None


def cards_frame(cards: list[Card]) -> pd.DataFrame:
    """Cards as the DataFrame the timeline functions take (pandas imported on demand)."""
    import pandas as pd

    from kit.steps.timeline.logic import CARD_COLUMNS

    return pd.DataFrame([{**c.__dict__, "sector": c.sector.value,
                          "category": c.category.value} for c in cards],
                        columns=[*CARD_COLUMNS, "description", "participant_id"])


def analyse(cards: list[Card]) -> Analysis:
    from kit.steps.timeline import logic as timeline

    return timeline.analyse(cards_frame(cards))


SHOWN_PER_KIND = 25
"""A room cannot discuss more; with hundreds of cards the strongest of each kind come first."""


def review_items(cards: list[Card], verdicts: dict[str, ReviewVerdict], language: str,
             per_kind: int = SHOWN_PER_KIND) -> list[ReviewItem]:
    """The findings as sentences in `language`, with the facilitator's verdict; at most
    `per_kind` of each kind (the analysis orders them strongest first)."""
    result = analyse(cards)
    result = type(result)(**{k: getattr(result, k).head(per_kind)
                             for k in ("overload", "gaps", "duplicates", "synergies")},
                          options=result.options)
    by_id = {c.id: c for c in cards}
    L = language
    out = []

    def add(key: str, kind: str, text: str, ids: tuple[str, ...],
            weeks: tuple[int, int] | None = None) -> None:
        out.append(ReviewItem(key, kind, text, ids, verdicts.get(key, ReviewVerdict.OPEN), weeks))

    for r in result.overload.to_dict("records"):
        add(r["key"], "overload", t("review.overload", L, cards=r["cards"], week=r["week"],
                                    window_end=r["window_end"]), tuple(r["card_ids"].split(",")),
            (int(r["week"]), int(r["window_end"])))
    for r in result.gaps.to_dict("records"):
        category = t(f"category.{r['category']}", L) if r["category"] else ""
        add(r["key"], "gap", t(f"review.gap_{r['kind']}", L, category=category,
                               start=r["start_week"], end=r["end_week"]), ())
    for r in result.duplicates.to_dict("records"):
        a, b = by_id[r["card_a"]], by_id[r["card_b"]]
        add(r["key"], "duplicate", t("review.duplicate", L, a=a.title, owner_a=a.owner,
                                     b=b.title, owner_b=b.owner,
                                     similarity=f"{r['similarity']:.2f}"), (a.id, b.id))
    for r in result.synergies.to_dict("records"):
        m, c = by_id[r["municipal_card"]], by_id[r["civil_card"]]
        add(r["key"], "synergy", t("review.synergy", L, a=m.title, b=c.title,
                                   category=t(f"category.{r['category']}", L),
                                   weeks=r["overlap_weeks"]), (m.id, c.id))
    return out


def marks(found: list[ReviewItem]) -> tuple[dict[str, str], list[tuple[int, int]]]:
    """Card highlights and overload windows for the board, leaving out dismissed findings."""
    card_marks: dict[str, str] = {}
    windows = []
    for f in found:
        if f.verdict is ReviewVerdict.DISMISSED:
            continue
        if f.kind in ("duplicate", "synergy"):
            for card_id in f.cards:
                card_marks.setdefault(card_id, f.kind)
        if f.weeks is not None:
            windows.append(f.weeks)
    return card_marks, windows


def overview_xlsx(cards: list[Card], language: str) -> bytes:
    """The activity overview as an xlsx workbook (labels in `language`)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    from kit.steps.timeline import logic as timeline

    overview = timeline.activity_overview(cards_frame(cards))
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = "overview"
    ws.append([t("overview.title", language)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([t("timeline.week", language), t("card.category", language),
               t("card.title", language), t("card.owner", language), t("card.sector", language),
               "start_week", "end_week"])
    for r in overview.to_dict("records"):
        ws.append([t(f"overview.phase.{r['phase']}", language),
                   t(f"category.{r['category']}", language), r["title"], r["owner"],
                   t(f"sector.{r['sector']}", language), r["start_week"], r["end_week"]])
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


