"""Ideas and themes on the board (the anonymous note wall; the themes with their notes) and
in the facilitator app (the theme board: suggest, move, merge, split, rename, undo)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from kit.core.model import Topic
from kit.steps._step import BoardHost, FacilitatorHost
from kit.steps.ideas.views import (
    ThemeTools,
    apply_action,
    board_data,
    ideas_html,
    suggest,
    suggest_rest,
    themes_html,
)


class IdeasBoard:
    def __init__(self, page: BoardHost) -> None:
        self.page = page
        self.ideas = w.HTML()
        self.root = w.VBox([self.ideas])

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        self.ideas.value = ideas_html(self.page.workshop.ideas(), self.page.language)


class ThemesBoard(IdeasBoard):
    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop = self.page.workshop
        data = board_data(workshop.ideas(), workshop.ideas.themes())
        self.ideas.value = themes_html(data, self.page.language)


class ThemesPanel:
    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        self.themes = ThemeTools(
            on_suggest=lambda n: self._then(lambda: suggest(app.need(), n)),
            on_action=lambda m: self._then(lambda: apply_action(app.need(), m)),
            on_undo=lambda: self._then(lambda: app.need().ideas.undo()),
            on_place=lambda: self._then(lambda: app.need().ideas.place_new_ideas()),
            on_accept=lambda: self._then(lambda: app.need().ideas.accept_suggested()),
            on_suggest_rest=lambda n: self._then(lambda: suggest_rest(app.need(), n)))
        self.root = self.themes.root

    def _then(self, action: Callable[[], object]) -> None:
        action()
        self.app.refresh()

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop = self.app.need()
        self.themes.render(workshop.ideas(), workshop.ideas.themes(), self.app.language,
                           workshop.ideas.suggested())
