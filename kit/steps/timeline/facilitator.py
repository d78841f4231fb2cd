"""The timeline review on screen: the facilitator's verdicts on the findings, bulk cards,
and the activity overview download. The findings themselves, in words, are
`kit.reports.review` (the board and the workshop report use them too).
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from kit.i18n import file_name, t
from kit.steps.timeline.findings import ReviewItem, overview_xlsx, review_items
from kit.steps.timeline.model import Card, ReviewVerdict
from kit.ui.parts import (
    XLSX,
    Fields,
    Rebuilt,
    download_link,
    esc,
    guarded,
    html_text,
    set_html_text,
)


def parse_bulk(text: str) -> list[dict[str, object]]:
    """Rows pasted from a spreadsheet (tab or semicolon): title, owner, sector, category,
    start week, end week[, description]. Blank lines are skipped."""
    rows: list[dict[str, object]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        cells = [c.strip() for c in (line.split("\t") if "\t" in line else line.split(";"))]
        cells += [""] * (7 - len(cells))
        rows.append(dict(zip(("title", "owner", "sector", "category", "start_week", "end_week",
                              "description"), cells[:7], strict=True)))
    return rows


class ReviewTools:
    """The facilitator's timeline panel."""

    def __init__(self, on_bulk: Callable[[list[dict[str, object]]], int],
                 on_review: Callable[[bool], None],
                 on_verdict: Callable[[str, ReviewVerdict], None]) -> None:
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
        # the workbook is rebuilt only when the cards or the language change, not on every
        # refresh of the panel (a verdict, a phase change)
        self._overview = Rebuilt()
        self.root = w.VBox([self.review_title, self.review_button, self.findings, self.download,
                            self.bulk_title, self.bulk_hint, self.bulk, self.bulk_button,
                            self.message])
        # Pasted rows are a draft: nothing stored to show, emptied once they are added.
        self.form = Fields(bulk=self.bulk)
        self.bulk_button.on_click(lambda _: self.add_bulk())
        self.review_button.on_click(lambda _: guarded(lambda: self.on_review(True),
                                                      self.message, self.language))

    def add_bulk(self) -> bool:
        added: list[int] = []
        if not guarded(lambda: added.append(self.on_bulk(parse_bulk(self.bulk.value))),
                       self.message, self.language):
            return False
        self.form.saved()
        self.form.load({"bulk": ""})
        set_html_text(self.message, t("bulk.added", self.language, count=added[0]), "kit-muted")
        return True

    def render(self, cards: list[Card], verdicts: dict[str, ReviewVerdict], review_open: bool,
               language: str, workshop: str = "") -> list[ReviewItem]:
        """Draw the panel; the findings only while the review is open (`workshop`, its id,
        names the analysis the board shares)."""
        self.language = L = language
        set_html_text(self.bulk_title, t("bulk.title", L), "kit-phase")
        set_html_text(self.bulk_hint, t("bulk.hint", L), "kit-muted")
        self.form.load({"bulk": ""})
        self.bulk_button.description = t("bulk.add", L)
        set_html_text(self.review_title, t("review.title", L), "kit-phase")
        self.review_button.description = t("review.run", L)
        found = review_items(cards, verdicts, L, workshop=workshop) if review_open and cards else []
        rows = [self._row(f) for f in found]
        if review_open and not found:
            rows = [html_text(t("review.none", L), "kit-muted")]
        self.findings.children = rows
        self.download.value = str(self._overview.get((tuple(cards), L), lambda: download_link(
            overview_xlsx(cards, L), file_name("overview", L, "", "xlsx"), XLSX,
            t("overview.download", L)) if cards else ""))
        return found

    def _row(self, f: ReviewItem) -> w.Widget:
        L = self.language
        state = {ReviewVerdict.CONFIRMED: f" ({t('review.confirmed', L)})",
                 ReviewVerdict.DISMISSED: f" ({t('review.dismissed', L)})"}.get(f.verdict, "")
        text = w.HTML(f'<div class="kit-finding {esc(f.kind)}" dir="auto">{esc(f.text)}'
                      f"<i>{esc(state)}</i></div>")
        confirm = w.Button(description=t("review.confirm", L), layout=w.Layout(width="auto"))
        dismiss = w.Button(description=t("review.dismiss", L), layout=w.Layout(width="auto"))
        reopen = w.Button(description=t("review.reopen", L), layout=w.Layout(width="auto"))
        for button, verdict in ((confirm, ReviewVerdict.CONFIRMED),
                                (dismiss, ReviewVerdict.DISMISSED), (reopen, ReviewVerdict.OPEN)):
            button.on_click(lambda _, v=verdict: guarded(lambda: self.on_verdict(f.key, v),
                                                         self.message, L))
        buttons = [reopen] if f.verdict is not ReviewVerdict.OPEN else [confirm, dismiss]
        return w.VBox([text, w.HBox(buttons)])
