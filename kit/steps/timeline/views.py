"""The participant's card form for the timeline step, and their own cards with edit/delete.

A view in the solara sense: it gets data (the participant, their cards, the language) and
`on_*` callbacks; the participant app owns the state and the store calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

import ipywidgets as w

from kit.core.model import (
    FIRST_WEEK,
    LAST_WEEK,
    MAX_DESCRIPTION,
    MAX_TITLE,
    Category,
    Participant,
)
from kit.i18n import t
from kit.steps.timeline.model import Card, week_label
from kit.ui.parts import (
    Counter,
    Fields,
    ItemRow,
    Rows,
    esc,
    guarded,
    html_text,
    sector_options,
    set_html_text,
    set_options,
)


class CardFields(TypedDict):
    """What the card form submits: `TimelineStore.add_card`'s keyword arguments."""

    title: str
    owner: str
    sector: str | None  # none chosen: a participant's card takes their own sector
    category: str
    start_week: int
    end_week: int
    description: str


def category_options(language: str) -> list[tuple[str, str]]:
    return [(t(f"category.{c.value}", language), c.value) for c in Category]


def _card_html(card: Card, language: str) -> str:
    weeks = t("card.week_span", language, start=week_label(card.start_week),
              end=week_label(card.end_week))
    return (f"<b>{esc(card.title)}</b> · {esc(t(f'category.{card.category.value}', language))}"
            f" · {esc(weeks)}")


class CardForm:
    """Add a card, or edit one of your own (the facilitator: anyone's).

    The form is a draft for a new card, or the card being edited; a redraw for someone
    else's card shows stored changes only in fields nobody has touched here."""

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
        self.none = html_text("", "kit-muted")
        self.shown: dict[str, Card] = {}
        self.rows: Rows[str, ItemRow] = Rows(
            self.mine, lambda key: ItemRow(key, ("card.edit", "card.delete"), _card_html,
                                           lambda k: self.edit(self.shown[k]), self._delete),
            self.none)
        self.form = Fields(title=self.title, owner=self.owner, sector=self.sector,
                           category=self.category, weeks=self.weeks,
                           description=self.description)
        L = self.labels
        self.root = w.VBox([L["card.title"], self.title, Counter(MAX_TITLE),
                            L["card.owner"], self.owner, Counter(MAX_TITLE),
                            L["card.sector"], self.sector, L["card.category"], self.category,
                            L["card.weeks"], self.weeks, self.weeks_hint,
                            L["card.description"], self.description, Counter(MAX_DESCRIPTION),
                            self.save, self.cancel,
                            self.message, self.mine_title, self.mine])
        self.save.on_click(lambda _: self.submit())
        self.cancel.on_click(lambda _: self.reset())
        self._participant: Participant | None = None

    def _blank(self) -> dict[str, object]:
        """A new card: the participant's own organisation and sector to start from."""
        p = self._participant
        return {"title": "", "owner": p.organisation if p else "",
                "sector": p.sector.value if p else "kommune",
                "category": Category.KOORDINERING.value, "weeks": (0, 4), "description": ""}

    def _show(self, card: Card | None) -> None:
        """Load the card being edited, or a new card's draft, as `Fields` allows."""
        if card is None:
            who = self._participant.id if self._participant else ""
            self.form.load(self._blank(), subject=("new", who))
            return
        self.form.load({"title": card.title, "owner": card.owner, "sector": card.sector.value,
                        "category": card.category.value,
                        "weeks": (card.start_week, card.end_week),
                        "description": card.description}, subject=card.id)

    def render(self, participant: Participant | None, cards: list[Card], language: str) -> None:
        """Show `cards` as the editable list; `participant` None is the facilitator."""
        self._participant = participant
        self.language = L = language
        for key, label in self.labels.items():
            label.value = t(key, L)
        self.title.placeholder = t("card.title_placeholder", L)
        self.owner.placeholder = t("card.owner_placeholder", L)
        set_html_text(self.weeks_hint, t("card.weeks_hint", L), "kit-muted")
        set_options(self.sector, sector_options(L))
        set_options(self.category, category_options(L))
        editing = next((c for c in cards if c.id == self.editing), None)
        if self.editing is None or editing is not None:
            self._show(editing)
        self.save.description = t("card.save" if self.editing else "card.add", L)
        self.cancel.description = t("card.cancel", L)
        set_html_text(self.mine_title, t("card.mine", L), "kit-phase")
        set_html_text(self.none, t("card.none", L), "kit-muted")
        self.shown = {c.id: c for c in cards}
        self.rows.show(((c.id, c) for c in cards), L)

    def _delete(self, card_id: str) -> None:
        guarded(lambda: self.on_delete(card_id), self.message, self.language)

    def fields(self) -> CardFields:
        start, end = self.weeks.value
        return {"title": self.title.value, "owner": self.owner.value,
                "sector": self.sector.value, "category": self.category.value,
                "start_week": start, "end_week": end, "description": self.description.value}

    def submit(self) -> bool:
        ok = guarded(lambda: self.on_save(self.editing, self.fields()), self.message,
                     self.language)
        if ok:
            # Saved: the next card starts empty, with the same owner, sector and category.
            self.form.saved("title", "description")
            self.reset(keep_owner=True)
            set_html_text(self.message, t("card.added", self.language), "kit-muted")
        return ok

    def edit(self, card: Card) -> None:
        self.editing = card.id
        self._show(card)
        self.save.description = t("card.save", self.language)
        self.cancel.layout.display = None

    def reset(self, keep_owner: bool = True) -> None:
        """Back to a new card (after a save, or cancelling an edit)."""
        self.editing = None
        if not keep_owner:
            self.form.saved("owner")
        self._show(None)
        self.save.description = t("card.add", self.language)
        self.cancel.layout.display = "none"
