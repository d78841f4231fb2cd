"""The ground rules on the board (the room's split per task, the house rules) and in the
facilitator app (tasks, settling, house rules)."""

from __future__ import annotations

import ipywidgets as w

from kit.core.model import Topic
from kit.steps._step import BoardHost, FacilitatorHost
from kit.steps.ground_rules.views import RulesTools, board_html


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
        self.root = self.tools.root

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        self.tools.render(self.app.language)
