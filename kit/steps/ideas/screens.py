"""Ideas and themes on the board (the anonymous note wall; the themes with their notes) and
in the facilitator app (while notes are written: how many, and each note to delete if it does
not belong on the board; then the theme board: suggest, move, merge, split, rename, undo)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from kit.core.model import Prompt, Topic
from kit.i18n import t
from kit.steps._step import BoardHost, FacilitatorHost
from kit.steps.ideas.model import Idea
from kit.steps.ideas.views import (
    ThemeTools,
    apply_action,
    board_data,
    ideas_html,
    suggest,
    suggest_rest,
    themes_html,
)
from kit.ui.next_action import Moment, StepConsole, closed_or, onward
from kit.ui.parts import Confirm, Rows, esc, guarded, html_text, set_html_text


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


class _IdeaRow:
    """One note in the facilitator's list: its text, and a delete that asks on the first
    press. Deliberately no undo window here: a rude note must leave the projector at once, so
    the question says plainly what "yes" does (gone from the board and the writer's phone,
    for good), and "Annullér" backs out."""

    def __init__(self, panel: IdeasPanel, idea_id: str) -> None:
        self.text = w.HTML()
        self.delete = w.Button(icon="trash", layout=w.Layout(width="auto"))
        self.asking = Confirm(self.delete, lambda: panel.delete(idea_id))
        self.asking.yes.icon = "trash"
        self.text.layout.flex = "1"
        line = w.HBox([self.text, self.delete], layout=w.Layout(align_items="center"))
        self.root = w.VBox([line, self.asking.ask])
        self.root.add_class("kit-idea-row")

    def update(self, idea: Idea, language: str) -> None:
        self.text.value = f'<span dir="auto">{esc(idea.text)}</span>'
        self.delete.description = t("idea.delete", language)
        self.asking.render(t("ideas.delete_question", language), t("ideas.delete_sure", language),
                           language)


class IdeasPanel:
    """While the room writes: how many notes there are, and every note, newest first."""

    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        self.summary = w.HTML()
        self.hint = html_text("", "kit-muted")
        self.message = html_text("", "kit-error")
        self.list = w.VBox([])
        self.none = html_text("", "kit-muted")
        self.idea_rows: Rows[str, _IdeaRow] = Rows(self.list, lambda key: _IdeaRow(self, key),
                                                empty=self.none)
        # the next action (on to themes) with the count of notes; the notes folded under it
        self.console = StepConsole(app, [self.summary, self.hint, self.list],
                                   "console.ideas_tools", watch=[self.message])
        self.root = self.console.root

    def delete(self, idea_id: str) -> None:
        if guarded(lambda: self.app.need().ideas.delete_idea(idea_id, None), self.message,
                   self.app.language):
            set_html_text(self.message, "", "kit-error")
            self.app.refresh()

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        L = self.app.language
        ideas = self.app.need().ideas()
        self.summary.value = (
            f'<div class="kit-state">{esc(t("idea.count", L, count=len(ideas)))}</div>'
            + "".join(f'<div class="kit-muted">{esc(t(f"idea.{p}", L))} '
                      f'{esc(t("idea.count", L, count=sum(i.prompt == p for i in ideas)))}</div>'
                      for p in Prompt))
        set_html_text(self.hint, t("ideas.moderate_hint", L), "kit-muted")
        set_html_text(self.none, t("ideas.none_yet", L), "kit-muted")
        self.idea_rows.show(((i.id, i) for i in reversed(ideas)), L)
        self.show_next()

    def show_next(self) -> None:
        workshop, L = self.app.need(), self.app.language
        counts = t("console.ideas_counts", L, ideas=len(workshop.ideas()),
                   people=len(workshop.participants()))
        self.console.show(onward(self.app, "ideas", counts, t("console.ideas_hint", L),
                                 workshop.state()))


class ThemesPanel:
    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        self.themes = ThemeTools(
            on_suggest=lambda n: self._then(lambda: suggest(app.need(), n)),
            on_action=lambda m: self._then(lambda: apply_action(app.need(), m)),
            on_undo=lambda: self._then(lambda: app.need().ideas.undo()),
            on_place=lambda: self._then(self.place_new_ideas),
            on_accept=lambda: self._then(lambda: app.need().ideas.accept_suggested()),
            on_suggest_rest=lambda n: self._then(lambda: suggest_rest(app.need(), n)))
        # what the last "place the new ideas" did, under its button (the panel's message
        # line is emptied by every successful press)
        self.placing = html_text("", "kit-state")
        rows = list(self.themes.root.children)
        self.themes.root.children = [*rows[:2], self.placing, *rows[2:]]
        # suggest → mark for the vote → on to the vote; the theme board folded under it
        self.console = StepConsole(app, [self.themes.root], "console.themes_tools")
        self.root = self.console.root

    def _then(self, action: Callable[[], object]) -> None:
        action()
        self.app.refresh()

    def place_new_ideas(self) -> None:
        """Place the late notes and say what came of it: a press that placed nothing (every
        theme has votes, wishes or a group; nothing fits) used to say nothing at all."""
        L = self.app.language
        done = self.app.need().ideas.place_new_ideas()
        placed = sum(theme is not None for theme in done.values())
        if placed:
            left = len(done) - placed
            text = t("themes.placed", L, count=placed) + (
                " " + t("themes.left_to_sort", L, count=left) if left else "")
        else:
            text = t("themes.placed_none", L, count=len(done))
        set_html_text(self.placing, text, "kit-state" if placed else "kit-error")

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop = self.app.need()
        self.themes.render(workshop.ideas(), workshop.ideas.themes(), self.app.language,
                           workshop.ideas.suggested())
        self.show_next()

    def show_next(self) -> None:
        """No themes: suggest them from the notes; none marked for the vote: say so (the
        button waits); else on to the vote."""
        workshop, L = self.app.need(), self.app.language
        state = workshop.state()
        ideas, themes = workshop.ideas(), workshop.ideas.themes()
        counts = t("console.themes_counts", L, themes=len(themes),
                   loose=sum(i.theme_id is None for i in ideas))
        if not themes:
            def suggest_now() -> str:
                suggest(self.app.need(), None)
                self.console.fold.toggle.value = True  # the suggestion is to be worked on
                return t("console.themes_suggested", L)

            self.console.show(closed_or(state, Moment(
                t("console.themes_suggest", L), counts,
                t("console.themes_hint_suggest" if ideas else "console.themes_hint_none", L),
                suggest_now, enabled=bool(ideas)), L))
            return
        marked = any(th.selected for th in themes)
        moment = onward(self.app, "themes", counts, t(
            "console.themes_hint_ready" if marked else "console.themes_hint_mark", L), state)
        if not marked and moment.enabled:
            moment = Moment(moment.label, moment.counts, moment.hint, moment.action, False)
        self.console.show(moment)
