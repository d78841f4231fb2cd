"""The timeline review: findings in plain words, the facilitator's verdicts, bulk cards,
and the activity overview download. Used by the facilitator app; the board reuses
`findings` and `marks` to highlight what is still on the table.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as w

from ..i18n import t
from ..model import Card, Verdict
from ._common import esc, guarded, html_text, set_html_text


@dataclass(frozen=True)
class Finding:
    key: str
    kind: str  # overload | gap | duplicate | synergy
    text: str
    cards: tuple[str, ...]
    verdict: Verdict
    weeks: tuple[int, int] | None = None


def cards_frame(cards: list[Card]):
    """Cards as the DataFrame the timeline functions take (pandas imported on demand)."""
    import pandas as pd

    from ..timeline import CARD_COLUMNS

    return pd.DataFrame([{**c.__dict__, "sector": c.sector.value,
                          "category": c.category.value} for c in cards],
                        columns=[*CARD_COLUMNS, "description", "participant_id"])


def analyse(cards: list[Card]):
    from .. import timeline

    return timeline.analyse(cards_frame(cards))


SHOWN_PER_KIND = 25
"""A room cannot discuss more; with hundreds of cards the strongest of each kind come first."""


def findings(cards: list[Card], verdicts: dict[str, Verdict], language: str,
             per_kind: int = SHOWN_PER_KIND) -> list[Finding]:
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
        out.append(Finding(key, kind, text, ids, verdicts.get(key, Verdict.OPEN), weeks))

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


def marks(found: list[Finding]) -> tuple[dict[str, str], list[tuple[int, int]]]:
    """Card highlights and overload windows for the board, leaving out dismissed findings."""
    card_marks: dict[str, str] = {}
    windows = []
    for f in found:
        if f.verdict is Verdict.DISMISSED:
            continue
        if f.kind in ("duplicate", "synergy"):
            for card_id in f.cards:
                card_marks.setdefault(card_id, f.kind)
        if f.weeks is not None:
            windows.append(f.weeks)
    return card_marks, windows


def parse_bulk(text: str) -> list[dict[str, object]]:
    """Rows pasted from a spreadsheet (tab or semicolon): title, owner, sector, category,
    start week, end week[, description]. Blank lines are skipped."""
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        cells = [c.strip() for c in (line.split("\t") if "\t" in line else line.split(";"))]
        cells += [""] * (7 - len(cells))
        rows.append(dict(zip(("title", "owner", "sector", "category", "start_week", "end_week",
                              "description"), cells[:7], strict=True)))
    return rows


def overview_xlsx(cards: list[Card], language: str) -> bytes:
    """The activity overview as an xlsx workbook (labels in `language`)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from .. import timeline

    overview = timeline.activity_overview(cards_frame(cards))
    wb = Workbook()
    ws = wb.active
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


class ReviewTools:
    """The facilitator's timeline panel."""

    def __init__(self, on_bulk: Callable[[list[dict]], int], on_review: Callable[[bool], None],
                 on_verdict: Callable[[str, Verdict], None]) -> None:
        self.on_bulk, self.on_review, self.on_verdict = on_bulk, on_review, on_verdict
        self.language = "da"
        self.bulk_title = html_text("", "kit-phase")
        self.bulk_hint = html_text("", "kit-muted")
        self.bulk = w.Textarea(layout=w.Layout(width="100%", height="6rem"))
        self.bulk_button = w.Button()
        self.message = html_text("", "kit-error")
        self.review_title = html_text("", "kit-phase")
        self.review_button = w.Button(button_style="primary")
        self.findings = w.VBox()
        self.download = w.HTML()
        self.root = w.VBox([self.review_title, self.review_button, self.findings, self.download,
                            self.bulk_title, self.bulk_hint, self.bulk, self.bulk_button,
                            self.message])
        self.bulk_button.on_click(lambda _: self.add_bulk())
        self.review_button.on_click(lambda _: guarded(lambda: self.on_review(True),
                                                      self.message, self.language))

    def add_bulk(self) -> bool:
        added: list[int] = []
        if not guarded(lambda: added.append(self.on_bulk(parse_bulk(self.bulk.value))),
                       self.message, self.language):
            return False
        self.bulk.value = ""
        set_html_text(self.message, t("bulk.added", self.language, count=added[0]), "kit-muted")
        return True

    def render(self, cards: list[Card], verdicts: dict[str, Verdict], review_open: bool,
               language: str) -> list[Finding]:
        self.language = L = language
        set_html_text(self.bulk_title, t("bulk.title", L), "kit-phase")
        set_html_text(self.bulk_hint, t("bulk.hint", L), "kit-muted")
        self.bulk_button.description = t("bulk.add", L)
        set_html_text(self.review_title, t("review.title", L), "kit-phase")
        self.review_button.description = t("review.run", L)
        found = findings(cards, verdicts, L) if review_open and cards else []
        rows = [self._row(f) for f in found]
        if review_open and not found:
            rows = [html_text(t("review.none", L), "kit-muted")]
        self.findings.children = rows
        if cards:
            data = base64.b64encode(overview_xlsx(cards, L)).decode()
            self.download.value = (
                f'<a download="aktivitetsoversigt.xlsx" href="data:application/vnd.openxmlformats-'
                f'officedocument.spreadsheetml.sheet;base64,{data}">'
                f'{esc(t("overview.download", L))}</a>')
        else:
            self.download.value = ""
        return found

    def _row(self, f: Finding) -> w.Widget:
        L = self.language
        state = {Verdict.CONFIRMED: f" ({t('review.confirmed', L)})",
                 Verdict.DISMISSED: f" ({t('review.dismissed', L)})"}.get(f.verdict, "")
        text = w.HTML(f'<div class="kit-finding {esc(f.kind)}">{esc(f.text)}'
                      f"<i>{esc(state)}</i></div>")
        confirm = w.Button(description=t("review.confirm", L), layout=w.Layout(width="auto"))
        dismiss = w.Button(description=t("review.dismiss", L), layout=w.Layout(width="auto"))
        reopen = w.Button(description=t("review.reopen", L), layout=w.Layout(width="auto"))
        for button, verdict in ((confirm, Verdict.CONFIRMED), (dismiss, Verdict.DISMISSED),
                                (reopen, Verdict.OPEN)):
            button.on_click(lambda _, v=verdict: guarded(lambda: self.on_verdict(f.key, v),
                                                         self.message, L))
        buttons = [reopen] if f.verdict is not Verdict.OPEN else [confirm, dismiss]
        return w.VBox([text, w.HBox(buttons)])
