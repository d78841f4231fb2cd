"""The console's "Ny workshop i dette samarbejde" (issue 27, item 4): the facilitator of a
workshop creates the partnership's next one with a title and a date. It starts with what this
one leaves (`kit.carry`); the console then shows its code, the participants' link and the
new facilitator key (folded, as the console's own), and can switch to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.i18n import t
from kit.ui.parts import esc, guarded, html_text, participant_link, set_html_text

if TYPE_CHECKING:
    from kit.workshop import Workshop


class NextWorkshop:
    """Title, date and a button; after creating, what the new workshop took over and how to
    reach it."""

    def __init__(self, need: Callable[[], Workshop], public_url: str,
                 on_open: Callable[[Workshop], None]) -> None:
        self.need = need
        self.public_url = public_url
        self.on_open = on_open
        self.language = "da"
        self.made: Workshop | None = None
        self.heading = html_text("", "kit-phase")
        self.explain = html_text("", "kit-muted")
        self.title = w.Text(layout=w.Layout(width="28rem"),
                            style={"description_width": "initial"})
        self.date = w.DatePicker(value=None, style={"description_width": "initial"})
        self.create_button = w.Button(button_style="success", icon="plus",
                                      layout=w.Layout(width="auto"))
        self.message = html_text("", "kit-error")
        self.result = w.HTML()
        self.open_button = w.Button(icon="folder-open", layout=w.Layout(width="auto"))
        self.open_button.layout.display = "none"
        self.root = w.VBox([self.heading, self.explain, self.title, self.date,
                            self.create_button, self.message, self.result, self.open_button])
        self.root.add_class("kit-next-workshop")
        self.create_button.on_click(lambda _: self._create_from_form())
        self.open_button.on_click(lambda _: self._open())

    def render(self, language: str) -> None:
        self.language = L = language
        set_html_text(self.heading, t("carry.new_workshop", L), "kit-phase")
        set_html_text(self.explain, t("carry.explain", L), "kit-muted")
        self.title.description = t("carry.title", L)
        self.date.description = t("carry.date", L)
        self.create_button.description = t("carry.create", L)
        self.open_button.description = t("carry.open_it", L)
        self._show_made()

    def _create_from_form(self) -> None:
        day = self.date.value
        guarded(lambda: self.create(self.title.value,
                                    day.isoformat() if isinstance(day, dt.date) else None),
                self.message, self.language)

    def create(self, title: str, date: str | None = None) -> Workshop:
        """The partnership's next workshop (in this workshop's language); raises, with
        nothing created, on a bad title or date or without the facilitator key."""
        current = self.need()
        made = current.partnership.create_workshop(title, date, current.state().language)
        self.made = made
        self.title.value = ""
        self._show_made()
        return made

    def _show_made(self) -> None:
        made, L = self.made, self.language
        if made is None:
            self.result.value = ""
            return
        state = made.state()
        link = participant_link(self.public_url, made.code)
        created = t("carry.created", L, title=state.title, code=made.code)
        self.result.value = (
            f'<p class="kit-ok" dir="auto">{esc(created)}</p>'
            f'<details class="kit-muted kit-key"><summary>{esc(t("facilitator.show_key", L))}'
            f'</summary>{esc(t("facilitator.your_key", L, key=made.facilitator_key))}</details>'
            f'<p>{esc(t("facilitator.participant_link", L))}: <a target="_blank" '
            f'href="{esc(link)}">{esc(link)}</a></p>'
            f'<p class="kit-muted">{esc(t("carry.carried", L, **self._counts(made)))}</p>')
        self.open_button.layout.display = None

    @staticmethod
    def _counts(made: Workshop) -> dict[str, int]:
        return {"actors": len(made.prepare.actors()),
                "offers": sum(c.carried for c in made.timeline.cards()),
                "groups": sum(g.carried for g in made.groups()),
                "fora": len(made.follow_up.fora())}

    def _open(self) -> None:
        if self.made is not None:
            self.on_open(self.made)
