"""The timeline step on a phone: the participant's own cards and the card form.

A participant's delete waits a few seconds beside "Fortryd" before it reaches the store
(`kit.ui.undo`); a card the facilitator removed does not just vanish: the phone says so in
its language (it used to show "no cards yet" under a stale "the card is on the timeline")."""

from __future__ import annotations

from kit.core.errors import KitError
from kit.core.model import Topic
from kit.i18n import t
from kit.steps._step import PhoneHost
from kit.steps.timeline.views import CardFields, CardForm
from kit.ui.parts import html_text, isolate, set_html_text
from kit.ui.undo import PHONE_UNDO_SECONDS, UndoToast


class MissingField(KitError):
    """A card's required field left empty on a phone: said with the question the phone asks
    ("Hvem står for det?"), not the store's general rule about length and control
    characters under another name for the field."""

    key = "card.missing"

    def message(self, language: str | None = None) -> str:
        return t(self.key, language, field=t(f"card.{self.params['field']}", language))


class TimelinePhone:
    def __init__(self, page: PhoneHost) -> None:
        self.page = page
        self.form = CardForm(on_save=self._save, on_delete=self._delete)
        self.root = self.form.root
        self.undo = UndoToast(
            self.refresh, PHONE_UNDO_SECONDS, words="card.deleted", undo_words="common.undo",
            look="phone", failed=lambda exc: set_html_text(
                self.form.message, exc.message(self.page.language), "kit-error"))
        self.undo.place(self.form.root, self.form.mine)
        # "the facilitator removed your card" at the top, where the phone opens, not under
        # the form; it stays until the participant's next save or delete
        self.notice = html_text("", "kit-removed")
        self.form.root.children = (self.notice, *self.form.root.children)
        self.shown: dict[str, str] = {}   # the cards shown last time: id → title

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, me = self.page.workshop, self.page.participant
        if workshop is None or me is None:
            return
        mine = [c for c in workshop.timeline.cards() if c.participant_id == me.id]
        L = self.page.language
        ids = {c.id for c in mine}
        gone = self.undo.removed_elsewhere(set(self.shown), ids)
        removed = [title for key, title in self.shown.items() if key in gone]
        if self.form.editing is not None and self.form.editing not in ids:
            self.form.reset()  # the card being edited is gone: back to a new card
        self.shown = {c.id: c.title for c in mine}
        self.form.render(me, [c for c in mine if c.id != self.undo.pending], L)
        self.undo.render(L, ids)
        if removed:
            titles = t("common.separator", L).join(isolate(x) for x in removed)
            set_html_text(self.form.message, "", "kit-error")  # no stale "added"
            set_html_text(self.notice, t("card.removed", L, count=len(removed),
                                         titles=titles), "kit-removed")

    def _save(self, card_id: str | None, fields: CardFields) -> None:
        workshop, me = self.page.workshop, self.page.participant
        assert workshop is not None and me is not None  # the form shows only after joining
        set_html_text(self.notice, "", "kit-removed")
        for field in ("title", "owner"):
            if not str(fields[field]).strip():
                raise MissingField(field=field)
        if card_id is None:
            workshop.timeline.add_card(me, **fields)
        else:
            workshop.timeline.update_card(card_id, me, **fields)
        self.page.changed()

    def _delete(self, card_id: str) -> None:
        if self.form.editing == card_id:
            self.form.reset()
        set_html_text(self.form.message, "", "kit-error")
        set_html_text(self.notice, "", "kit-removed")
        self.undo.delete(card_id, "", lambda: self._store_delete(card_id), self.page.language)

    def _store_delete(self, card_id: str) -> None:
        workshop, me = self.page.workshop, self.page.participant
        if workshop is None or me is None:  # left the workshop meanwhile ("not you?")
            return
        workshop.timeline.delete_card(card_id, me)
        self.page.changed()
