"""The participant's card form for the timeline step, and their own cards with edit/delete.

A view in the solara sense: it gets data (the participant, their cards, the language) and
`on_*` callbacks; the participant app owns the state and the store calls.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from kit.core.model import FIRST_WEEK, LAST_WEEK, Category, Participant
from kit.i18n import t
from kit.steps.timeline.model import Card
from kit.ui._common import esc, guarded, html_text, sector_options, set_html_text

CardFields = dict[str, object]


def category_options(language: str) -> list[tuple[str, str]]:
    return [(t(f"category.{c.value}", language), c.value) for c in Category]


class CardForm:
    """Add a card, or edit one of your own."""

    def __init__(self, on_save: Callable[[str | None, CardFields], None],
                 on_delete: Callable[[str], None]) -> None:
        self.on_save = on_save
        self.on_delete = on_delete
        self.editing: str | None = None
        self.language = "da"
        full = w.Layout(width="100%")
        self.labels = {k: w.Label() for k in ("card.title", "card.owner", "card.sector",
                                              "card.category", "card.weeks",
                                              "card.description")}
        self.title = w.Text(layout=full)
        self.owner = w.Text(layout=full)
        self.sector = w.Dropdown(layout=full)
        self.category = w.Dropdown(layout=full)
        self.weeks = w.IntRangeSlider(min=FIRST_WEEK, max=LAST_WEEK, value=(0, 4),
                                      layout=full, continuous_update=False)
        self.weeks_hint = html_text("", "kit-muted")
        self.description = w.Textarea(layout=w.Layout(width="100%", height="4rem"))
        self.save = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.cancel = w.Button(layout=w.Layout(width="auto", display="none"))
        self.message = html_text("", "kit-error")
        self.mine_title = html_text("", "kit-phase")
        self.mine = w.VBox()
        L = self.labels
        self.root = w.VBox([L["card.title"], self.title, L["card.owner"], self.owner,
                            L["card.sector"], self.sector, L["card.category"], self.category,
                            L["card.weeks"], self.weeks, self.weeks_hint,
                            L["card.description"], self.description, self.save, self.cancel,
                            self.message, self.mine_title, self.mine])
        self.save.on_click(lambda _: self.submit())
        self.cancel.on_click(lambda _: self.reset())
        self._participant: Participant | None = None
        self._rendered_for: str | None = None

    def render(self, participant: Participant | None, cards: list[Card], language: str) -> None:
        """Show `cards` as the editable list; `participant` None is the facilitator."""
        first = self._rendered_for != (participant.id if participant else "")
        self._rendered_for = participant.id if participant else ""
        self._participant = participant
        self.language = L = language
        for key, label in self.labels.items():
            label.value = t(key, L)
        self.title.placeholder = t("card.title_placeholder", L)
        self.owner.placeholder = t("card.owner_placeholder", L)
        set_html_text(self.weeks_hint, t("card.weeks_hint", L), "kit-muted")
        keep_sector, keep_category = self.sector.value, self.category.value
        self.sector.options = sector_options(L)
        self.category.options = category_options(L)
        default_sector = participant.sector.value if participant else "kommune"
        self.sector.value = keep_sector or default_sector
        self.category.value = keep_category or Category.KOORDINERING.value
        if first:
            self.owner.value = participant.organisation if participant else ""
        self.save.description = t("card.save" if self.editing else "card.add", L)
        self.cancel.description = t("card.cancel", L)
        set_html_text(self.mine_title, t("card.mine", L), "kit-phase")
        self.mine.children = [self._row(c) for c in cards] or [html_text(t("card.none", L),
                                                                         "kit-muted")]

    def _row(self, card: Card) -> w.Widget:
        L = self.language
        text = w.HTML(f"<b>{esc(card.title)}</b> · {esc(t(f'category.{card.category.value}', L))}"
                      f" · {esc(t('card.week_span', L, start=card.start_week, end=card.end_week))}")
        edit = w.Button(description=t("card.edit", L), layout=w.Layout(width="auto"))
        delete = w.Button(description=t("card.delete", L), button_style="danger",
                          layout=w.Layout(width="auto"))
        edit.on_click(lambda _: self.edit(card))
        delete.on_click(lambda _: guarded(lambda: self.on_delete(card.id), self.message, L))
        return w.VBox([text, w.HBox([edit, delete])])

    def fields(self) -> CardFields:
        start, end = self.weeks.value
        return {"title": self.title.value, "owner": self.owner.value,
                "sector": self.sector.value, "category": self.category.value,
                "start_week": start, "end_week": end, "description": self.description.value}

    def submit(self) -> bool:
        ok = guarded(lambda: self.on_save(self.editing, self.fields()), self.message,
                     self.language)
        if ok:
            self.reset(keep_owner=True)
            set_html_text(self.message, t("card.added", self.language), "kit-muted")
        return ok

    def edit(self, card: Card) -> None:
        self.editing = card.id
        self.title.value, self.owner.value = card.title, card.owner
        self.sector.value, self.category.value = card.sector.value, card.category.value
        self.weeks.value = (card.start_week, card.end_week)
        self.description.value = card.description
        self.save.description = t("card.save", self.language)
        self.cancel.layout.display = None

    def reset(self, keep_owner: bool = True) -> None:
        self.editing = None
        self.title.value = self.description.value = ""
        if not keep_owner and self._participant is not None:
            self.owner.value = self._participant.organisation
        self.save.description = t("card.add", self.language)
        self.cancel.layout.display = "none"
