"""The living overview in the facilitator app: where it answers (the page and its poster)
and, per card, whether the offer still runs. Retiring an offer that has ended keeps the card
in the workshop's record and takes it off `/overview/<CODE>` (see `kit.pages`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.i18n import t
from kit.steps.timeline.model import Card
from kit.ui.parts import Rows, esc, guarded, html_text

if TYPE_CHECKING:
    from kit.workshop import Workshop


class OfferTools:
    """The overview's address and poster, and an "ended" / "current again" button per card
    (for the coordinator after the workshop, beside editing the cards themselves)."""

    def __init__(self, workshop_getter: Callable[[], Workshop], after: Callable[[], None],
                 public_url: str = "") -> None:
        self._w, self.after, self.public_url = workshop_getter, after, public_url
        self.language = "da"
        self.title = w.HTML()
        self.link = w.HTML()
        self.message = html_text("", "kit-error")
        self.box = w.VBox()
        self.cards: Rows[str, _OfferRow] = Rows(self.box, lambda key: _OfferRow(self, key))
        self.root = w.VBox([self.title, self.link, self.message, self.box])

    def retire(self, card_id: str, retired: bool) -> None:
        if guarded(lambda: self._w().timeline.retire_card(card_id, retired), self.message,
                   self.language):
            self.after()

    def render(self, language: str) -> None:
        self.language = L = language
        workshop = self._w()
        # the public code, never the join code: this address goes on posters
        url = f"{self.public_url.rstrip('/')}/overview/{workshop.public_code}"
        self.title.value = f"<h3>{esc(t('offers.link', L))}</h3>"
        self.link.value = (f'<a href="{esc(url)}" target="_blank">{esc(url)}</a> · '
                           f'<a href="{esc(url)}?poster=1" target="_blank">'
                           f"{esc(t('offers.poster', L))}</a>"
                           f'<br><span class="kit-muted">{esc(t("pages.public_hint", L))}</span>')
        self.cards.show(((c.id, c) for c in workshop.timeline.cards()), L)


class _OfferRow:
    def __init__(self, tools: OfferTools, card_id: str) -> None:
        self.text = w.HTML()
        self.retired = False
        self.toggle = w.Button(layout=w.Layout(width="auto"))
        self.toggle.on_click(lambda _: tools.retire(card_id, not self.retired))
        self.root = w.HBox([self.toggle, self.text])

    def update(self, card: Card, language: str) -> None:
        self.retired = card.retired
        muted = f' <span class="kit-muted">({esc(t("offers.retired", language))})</span>' \
            if card.retired else ""
        if card.carried:  # carried over from the partnership's workshop before
            muted += f' <span class="kit-muted">({esc(t("carry.tag", language))})</span>'

        self.text.value = (f'<span dir="auto">{esc(card.title)}</span> · '
                           f'<span class="kit-muted" dir="auto">{esc(card.owner)}</span>{muted}')
        self.toggle.description = t("offers.restore" if card.retired else "offers.retire",
                                    language)
