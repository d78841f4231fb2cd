"""The ideas step on a phone: the participant's own notes and the note form."""

from __future__ import annotations

from kit.core.model import Topic
from kit.steps._step import PhoneHost
from kit.steps.ideas.views import IdeaForm


class IdeasPhone:
    def __init__(self, page: PhoneHost) -> None:
        self.page = page
        self.form = IdeaForm(on_save=self._save, on_delete=self._delete)
        self.root = self.form.root

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, me = self.page.workshop, self.page.participant
        if workshop is None or me is None:
            return
        mine = [i for i in workshop.ideas() if i.participant_id == me.id]
        self.form.render(mine, self.page.language)

    def _save(self, idea_id: str | None, text: str, prompt: str) -> None:
        workshop, me = self.page.workshop, self.page.participant
        assert workshop is not None and me is not None  # the form shows only after joining
        if idea_id is None:
            workshop.add_idea(me, text, prompt)
        else:
            workshop.ideas.update_idea(idea_id, me, text=text, prompt=prompt)
        self.page.changed()

    def _delete(self, idea_id: str) -> None:
        workshop, me = self.page.workshop, self.page.participant
        assert workshop is not None and me is not None
        workshop.ideas.delete_idea(idea_id, me)
        self.page.changed()
