"""The needs check on the board (needs per area beside the offers, read texts only) and in
the facilitator app (the standalone link, results per round, reading the free texts)."""

from __future__ import annotations

import os

import ipywidgets as w

from kit.core.model import Topic
from kit.i18n import t
from kit.steps._step import BoardHost, FacilitatorHost
from kit.steps.needs.views import NeedsTools, board_html
from kit.ui.next_action import StepConsole, onward


class NeedsBoard:
    def __init__(self, page: BoardHost) -> None:
        self.page = page
        self.view = w.HTML()
        self.root = w.VBox([self.view])

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        self.view.value = board_html(self.page.workshop, self.page.language)


class NeedsPanel:
    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        # the address phones use, where the standalone page answers: the facilitator app's,
        # else the one `kit serve` sets
        public_url = getattr(app, "public_url", "") or os.environ.get("KIT_PUBLIC_URL", "")
        self.tools = NeedsTools(app.need, after=app.refresh, public_url=public_url)
        self.console = StepConsole(app, [self.tools.root], "console.needs_tools")
        self.root = self.console.root

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        self.tools.render(self.app.language)
        self.show_next()

    def show_next(self) -> None:
        workshop, L = self.app.need(), self.app.language
        counts = t("console.needs_counts", L, answers=len(workshop.needs.answers()),
                   people=len(workshop.participants()))
        self.console.show(onward(self.app, "needs", counts, t("console.needs_hint", L),
                                 workshop.state()))
