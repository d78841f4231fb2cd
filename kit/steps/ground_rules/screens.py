"""The ground rules on the board (the room's split per task, the house rules) and in the
facilitator app (tasks, settling, house rules)."""

from __future__ import annotations

import ipywidgets as w

from kit.core.model import Topic
from kit.i18n import t
from kit.steps._step import BoardHost, FacilitatorHost
from kit.steps.ground_rules.views import RulesTools, board_html
from kit.ui.next_action import Moment, StepConsole, closed_or, onward


class GroundRulesBoard:
    def __init__(self, page: BoardHost) -> None:
        self.page = page
        self.view = w.HTML()
        self.root = w.VBox([self.view])

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        store = self.page.workshop.ground_rules
        tasks = store.tasks()
        self.view.value = board_html(tasks, store.tally(tasks), store.house_rules(),
                                     self.page.language)


class GroundRulesPanel:
    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        self.tools = RulesTools(app.need, after=app.refresh)
        self.console = StepConsole(app, [self.tools.root], "console.rules_tools")
        self.root = self.console.root

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        self.tools.render(self.app.language)
        self.show_next()

    def show_next(self) -> None:
        """No tasks yet: fetch them from the timeline's cards; then on to the next step."""
        workshop, L = self.app.need(), self.app.language
        state = workshop.state()
        tasks = workshop.ground_rules.tasks()
        counts = t("console.rules_counts", L, settled=sum(bool(x.settled) for x in tasks),
                   tasks=len(tasks), people=len(workshop.participants()))
        if tasks:
            self.console.show(onward(self.app, "ground_rules", counts,
                                     t("console.rules_hint", L), state))
            return
        cards = bool(workshop.timeline.cards())

        def fetch() -> str:
            made = self.app.need().ground_rules.import_cards()
            return t("console.rules_imported", L, tasks=len(made))

        self.console.show(closed_or(state, Moment(
            t("console.rules_import", L), counts,
            t("console.rules_hint_import" if cards else "console.rules_hint_empty", L),
            fetch, enabled=cards), L))
