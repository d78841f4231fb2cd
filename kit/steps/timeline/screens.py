"""The timeline step on the board (the live timeline, and the findings once the review is
open) and in the facilitator app (bulk paste, review with verdicts, the card editor)."""

from __future__ import annotations

import ipywidgets as w

from kit.core.model import Topic
from kit.i18n import t
from kit.steps._step import BoardHost, FacilitatorHost
from kit.steps.timeline.board import since_html, timeline_html
from kit.steps.timeline.facilitator import ReviewTools
from kit.steps.timeline.model import ReviewVerdict
from kit.steps.timeline.views import CardFields, CardForm
from kit.ui.console import UndoToast
from kit.ui.next_action import Moment, StepConsole, closed_or, onward
from kit.ui.parts import esc


class TimelineBoard:
    def __init__(self, page: BoardHost) -> None:
        self.page = page
        L = page.language
        self.lanes = w.ToggleButtons(options=[(t("timeline.by_category", L), "category"),
                                              (t("timeline.by_sector", L), "sector")],
                                     value="category")
        self.lanes.add_class("kit-toggle-lanes")
        self.timeline = w.HTML()
        self.findings = w.HTML()
        # what changed since the partnership's workshop before (empty for its first)
        self.since = w.HTML(layout=w.Layout(margin="0 0 0 1em", flex="1 1 auto",
                                            min_width="0"))
        # beside the lanes' toggle, so the timeline keeps its height on a 720p wall
        head = w.HBox([self.lanes, self.since], layout=w.Layout(align_items="center"))
        head.add_class("kit-tl-head")
        self.root = w.VBox([head, self.timeline, self.findings])
        self.lanes.observe(lambda _: self.refresh(), "value")

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, L = self.page.workshop, self.page.language
        cards = workshop.timeline.cards()
        card_marks: dict[str, str] = {}
        windows: list[tuple[int, int]] = []
        shown = []
        if workshop.state().review_open and cards:
            from kit.steps.timeline.findings import marks, review_items

            found = review_items(cards, workshop.timeline.verdicts(), L, workshop=workshop.id)
            card_marks, windows = marks(found)
            shown = [f for f in found if f.verdict is not ReviewVerdict.DISMISSED]
        self.timeline.value = timeline_html(cards, L, self.lanes.value, card_marks, windows)
        self.since.value = since_html(workshop.timeline.since_last(), L)
        self.findings.value = '<ul class="kit-findings kit-pages">' + "".join(
            f'<li class="kit-finding {esc(f.kind)}" dir="auto">{esc(f.text)}</li>'
            for f in shown) + "</ul>"


class TimelinePanel:
    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        self.review = ReviewTools(on_bulk=lambda rows: len(app.need().timeline.add_cards(rows)),
                                  on_review=self._review, on_verdict=self._verdict)
        self.card_editor = CardForm(on_save=self._save_card, on_delete=self.delete_card)
        # a participant's card deleted here can be brought back for a while ("Fortryd")
        self.toast = UndoToast(after=lambda: self.refresh())
        # the next action (show the findings → on to needs) first; the review's verdicts,
        # the cards and the bulk paste are folded under it
        self.console = StepConsole(app, [self.review.root, self.card_editor.root],
                                   "console.timeline_tools")
        self.root = w.VBox([self.console.root, self.toast.root])

    def delete_card(self, card_id: str) -> None:
        card = self.card_editor.shown.get(card_id)
        self.toast.delete(card_id, card.title if card else "",
                          lambda: self.app.need().timeline.delete_card(card_id),
                          self.app.language)

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop = self.app.need()
        cards = [c for c in workshop.timeline.cards() if c.id not in self.toast.hidden]
        self.review.render(cards, workshop.timeline.verdicts(), workshop.state().review_open,
                           self.app.language, workshop.id)
        self.card_editor.render(None, cards, self.app.language)
        self.show_next()

    def show_next(self) -> None:
        """Before the review: show the findings on the board; then on to the next step."""
        workshop, L = self.app.need(), self.app.language
        state = workshop.state()
        cards = [c for c in workshop.timeline.cards() if c.id not in self.toast.hidden]
        counts = t("console.timeline_counts", L, cards=len(cards),
                   people=len(workshop.participants()))
        if state.review_open:
            moment = onward(self.app, "timeline", counts, t("console.timeline_hint_review", L),
                            state)
        else:
            def review() -> str:
                self.app.need().timeline.set_review_open(True)
                return t("console.timeline_review_opened", L)

            moment = closed_or(state, Moment(
                t("console.timeline_review", L), counts,
                t("console.timeline_hint_collect" if cards else "console.timeline_hint_empty",
                  L), review, enabled=bool(cards)), L)
        self.console.show(moment)

    def _review(self, review_open: bool) -> None:
        self.app.need().timeline.set_review_open(review_open)
        self.app.refresh()

    def _verdict(self, key: str, verdict: ReviewVerdict) -> None:
        self.app.need().timeline.set_verdict(key, verdict)
        self.app.refresh()

    def _save_card(self, card_id: str | None, fields: CardFields) -> None:
        if card_id is None:
            self.app.need().timeline.add_card(None, **fields)
        else:
            self.app.need().timeline.update_card(card_id, None, **fields)
        self.app.refresh()
