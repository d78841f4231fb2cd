"""The board's focus view: one thing large for the whole room, switched on by the facilitator
(`Workshop.set_board_focus`): the timer, the vote's results, or the theme under discussion
with its notes and the room's answers to the guiding questions. It replaces the step's own
screen on the board until the facilitator switches it off."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.i18n import t
from kit.ui.areas import language_mark, title_html
from kit.ui.parts import Countdown, esc

if TYPE_CHECKING:
    from kit.core.model import WorkshopState
    from kit.workshop import Workshop


class FocusView:
    def __init__(self, workshop: Workshop, language: str) -> None:
        self.workshop, self.language = workshop, language
        self.timer = Countdown("")
        self.timer.add_class("kit-focus-timer")
        self.body = w.HTML()
        self.root = w.VBox([self.timer, self.body])
        self.root.add_class("kit-focus")

    def show(self, state: WorkshopState) -> None:
        L, focus = self.language, state.board_focus
        self.timer.show(state.timer_ends_at if focus == "timer" else None, time.time())
        if focus == "timer":
            self.body.value = ("" if state.timer_ends_at else
                               f'<p class="kit-muted">{esc(t("focus.no_timer", L))}</p>')
        elif focus == "results":
            if state.results_visible:
                from kit.steps.voting.board import board_results_html

                self.body.value = board_results_html(self.workshop, L)
            else:
                self.body.value = f'<p class="kit-focus-message">{esc(t("vote.hidden", L))}</p>'
        elif focus.startswith("theme:"):
            self.body.value = self._theme(focus.removeprefix("theme:"))
        else:
            self.body.value = ""

    def _theme(self, theme_id: str) -> str:
        from kit.steps.voting.views import discussion_items

        L = self.language
        theme = next((th for th in self.workshop.ideas.themes() if th.id == theme_id), None)
        if theme is None:
            return ""
        ideas = [i for i in self.workshop.ideas() if i.theme_id == theme_id]
        answers = discussion_items(theme, L)
        wall = "".join(f'<div class="kit-idea {esc(i.prompt.value)}" dir="auto"'
                       f'{language_mark(i.text, L)[0]}>{language_mark(i.text, L)[1]}'
                       f'{esc(i.text)}</div>' for i in ideas)
        return (f'<h2 class="kit-focus-title">{title_html(theme.label, theme.area, L)}</h2>'
                + (f'<ul class="kit-focus-answers">{answers}</ul>' if answers else "")
                + f'<div class="kit-wall kit-pages">{wall}</div>')
