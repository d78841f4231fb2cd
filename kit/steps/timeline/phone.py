"""The timeline step on a phone: the participant's own cards and the card form."""

from __future__ import annotations

from kit.core.model import Topic
from kit.steps._step import PhoneHost
from kit.steps.timeline.views import CardFields, CardForm


class TimelinePhone:
    def __init__(self, page: PhoneHost) -> None:
        self.page = page
        self.form = CardForm(on_save=self._save, on_delete=self._delete)
        self.root = self.form.root

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, me = self.page.workshop, self.page.participant
        if workshop is None or me is None:
            return
        mine = [c for c in workshop.timeline.cards() if c.participant_id == me.id]
        self.form.render(me, mine, self.page.language)

    def _save(self, card_id: str | None, fields: CardFields) -> None:
        workshop, me = self.page.workshop, self.page.participant
        assert workshop is not None and me is not None  # the form shows only after joining
        if card_id is None:
            workshop.timeline.add_card(me, **fields)
        else:
            workshop.timeline.update_card(card_id, me, **fields)
        self.page.changed()

    def _delete(self, card_id: str) -> None:
        workshop, me = self.page.workshop, self.page.participant
        assert workshop is not None and me is not None
        workshop.timeline.delete_card(card_id, me)
        self.page.changed()
