"""Pieces of the facilitator console that run the room: the workshop's state in the header,
the closed banner, folds for guidance and rare tools, and deletes that can be undone.

A facilitator glances at the console between sentences, so the state (open, closed,
rehearsal) is one coloured word beside the title, and a closed workshop says so at the top
with the way back ("Genåbn") beside it. Deletes are held back by `UndoToast` (kit.ui.undo, the
one implementation the phones use too): the row goes at once, a toast offers "Fortryd", and only
when the toast times out (or the next delete comes) does the store forget it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from kit.i18n import t
from kit.ui.parts import (
    board_link,
    esc,
    isolate,
    markdownish,
    participant_link,
)
from kit.ui.undo import UNDO_SECONDS, UndoToast

if TYPE_CHECKING:
    from kit.model import Theme

__all__ = ["UNDO_SECONDS", "Fold", "UndoToast", "focus_options", "guidance_html", "join_links_html",
           "state_pill"]


def state_pill(closed: bool, rehearsal: bool, language: str) -> str:
    """The workshop's state as one coloured word (HTML built of escaped parts)."""
    key = "rehearsal" if rehearsal else "closed" if closed else "open"
    return (f'<span class="kit-state-pill kit-state-{key}" role="status">'
            f'{esc(t(f"console.state_{key}", language))}</span>')


def focus_options(themes: list[Theme], language: str) -> list[tuple[str, str]]:
    """What the board can put in focus: nothing, the timer, the results, a voted theme."""
    L = language
    return ([(t("focus.none", L), ""), (t("focus.timer", L), "timer"),
             (t("focus.results", L), "results")] +
            [(t("focus.theme", L, theme=isolate(th.label)), f"theme:{th.id}")
             for th in themes if th.selected])


def guidance_html(phase: str, language: str, unfold: bool) -> str:
    """The step's guidance as a <details> whose summary line is its heading."""
    text = t(f"guidance.{phase}", language)
    heading = t(f"phase.{phase}", language)
    if text.startswith("**"):  # its own heading goes into the summary line
        first, _, text = text.partition("\n")
        heading = first.strip("*")
    return (f'<details{" open" if unfold else ""} class="kit-guidance"><summary>'
            f'{esc(t("facilitator.guidance", language))}: {esc(heading)}</summary>'
            f'{markdownish(text)}</details>')


class Fold:
    """A toggle that shows or hides a box: settings and rare tools out of the common path.
    The toggle keeps its state across redraws (it is a widget, not markup)."""

    def __init__(self, children: list[w.Widget], opened: bool = False) -> None:
        self.toggle = w.ToggleButton(value=opened, layout=w.Layout(width="auto"))
        self.toggle.add_class("kit-fold-toggle")
        self.body = w.VBox(children)
        self.body.add_class("kit-fold-body")
        self.root = w.VBox([self.toggle, self.body])
        self.root.add_class("kit-fold")
        self.toggle.observe(lambda _: self._show(), "value")
        self._label = ""
        self._show()

    def render(self, label: str) -> None:
        self._label = label
        self._show()

    def _show(self) -> None:
        opened = bool(self.toggle.value)
        self.body.layout.display = None if opened else "none"
        self.toggle.description = ("▾ " if opened else "▸ ") + self._label
        self.toggle.tooltip = self._label


def join_links_html(public_url: str, code: str, key: str | None,
                    language: str) -> tuple[str, str]:
    """The way in (the phones' and the board's links) and the facilitator key's line."""
    L = language
    links = "".join(
        f'<p>{esc(t(label, L))}: <a target="_blank" href="{esc(url)}">{esc(url)}</a></p>'
        for label, url in (("facilitator.participant_link", participant_link(public_url, code)),
                           ("facilitator.board_link", board_link(public_url, code))))
    # open while people join; folded afterwards (CSS picks by the join box's size), so a
    # later step's own tools start near the top of a laptop's screen
    both = (f'<div class="kit-links-open">{links}</div><details class="kit-links-fold">'
            f'<summary>{esc(t("facilitator.show_links", L))}</summary>{links}</details>')
    # Shown once it is known (created here, or opened by the store's owner): without it the
    # workshop cannot be opened again from another machine. Folded: a projected or shared
    # screen must not show it to the room.
    line = (f'<details class="kit-muted kit-key"><summary>{esc(t("facilitator.show_key", L))}'
            f'</summary>{esc(t("facilitator.your_key", L, key=key))}</details>' if key else "")
    return both, line
