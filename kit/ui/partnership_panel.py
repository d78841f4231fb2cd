"""The console's part of the partnership (issue 27): what closing a workshop stops and what
goes on (the close dialog's question), and a folded "Samarbejde" section that archives the
partnership (asking first, naming what stops) or brings it back.

Closing a workshop ends the day: joining with its code, the phones and the board stop. The
partnership goes on: its overview page and needs form answer under its public code until
the partnership itself is archived, which only shuts those pages (workshops and data stay).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.i18n import t
from kit.ui.console import Fold
from kit.ui.parts import Confirm, esc, guarded, html_text, isolate, set_html_text

if TYPE_CHECKING:
    from kit.workshop import Workshop


def close_question_html(code: str, name: str, days: int, language: str) -> str:
    """The close dialog's question: what stops, what continues, and for how long it can be
    undone, each on a line of its own so it is read before "yes"."""
    L = language
    lines = (t("rounds.close_stops", L, code=code), t("rounds.close_continues", L, name=name),
             t("rounds.close_reopen", L, days=days))
    return (f'<div class="kit-confirm-question"><b>{esc(t("rounds.close_title", L))}</b>'
            + "".join(f"<div>{esc(line)}</div>" for line in lines) + "</div>")


def render_close(closing: Confirm, workshop: Workshop | None, days: int,
                 language: str) -> None:
    """Word the close dialog for `workshop` (its join code and its partnership's name)."""
    closing.render("", t("facilitator.close_yes", language), language)
    if workshop is None:
        closing.question.value = close_question_html("", "", days, language)
        return
    closing.question.value = close_question_html(workshop.code, workshop.partnership.name,
                                                 days, language)


class PartnershipPanel:
    """A folded section: the partnership's name and state, "archive" (asks first, names
    what stops) and, once archived, "bring it back"."""

    def __init__(self, workshop_getter: Callable[[], Workshop], after: Callable[[], None]) -> None:
        self._w, self.after = workshop_getter, after
        self.language = "da"
        self.state = html_text("", "kit-muted")
        self.archive_button = w.Button(button_style="danger", icon="archive",
                                       layout=w.Layout(width="auto"))
        self.archiving = Confirm(self.archive_button, lambda: self._act(
            lambda: self._w().partnership.archive()))
        self.unarchive_button = w.Button(button_style="warning", icon="undo",
                                         layout=w.Layout(width="auto"))
        self.unarchive_button.on_click(lambda _: self._act(
            lambda: self._w().partnership.unarchive()))
        self.message = html_text("", "kit-error")
        self.fold = Fold([self.state, self.archiving.root, self.unarchive_button, self.message])
        self.root = self.fold.root
        self.root.add_class("kit-partnership")

    def _act(self, action: Callable[[], object]) -> None:
        if guarded(action, self.message, self.language):
            self.after()

    def render(self, language: str) -> None:
        self.language = L = language
        partnership = self._w().partnership
        name, archived = partnership.name, partnership.archived
        self.fold.render(t("rounds.partnership", L, name=isolate(name)))
        set_html_text(self.state, t("rounds.partnership_archived" if archived
                                    else "rounds.partnership_active", L), "kit-muted")
        self.archive_button.description = t("rounds.archive", L)
        self.unarchive_button.description = t("rounds.unarchive", L)
        self.archiving.render(t("rounds.archive_question", L, name=isolate(name)),
                              t("rounds.archive_yes", L), L)
        self.archiving.root.layout.display = "none" if archived else None
        self.unarchive_button.layout.display = None if archived else "none"
        if archived:
            self.archiving.cancel()
