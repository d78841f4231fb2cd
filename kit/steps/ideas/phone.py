"""The ideas step on a phone: the participant's own notes and the note form.

A participant's delete waits a few seconds beside "Fortryd" before it reaches the store
(`kit.ui.undo`); a note the facilitator removed does not just vanish: the phone says so in
its language."""

from __future__ import annotations

from kit.core.model import Topic
from kit.i18n import t
from kit.steps._step import PhoneHost
from kit.steps.ideas.views import IdeaForm
from kit.ui.parts import html_text, isolate, set_html_text
from kit.ui.undo import PHONE_UNDO_SECONDS, UndoToast


class IdeasPhone:
    def __init__(self, page: PhoneHost) -> None:
        self.page = page
        self.form = IdeaForm(on_save=self._save, on_delete=self._delete)
        self.root = self.form.root
        self.undo = UndoToast(
            self.refresh, PHONE_UNDO_SECONDS, words="idea.deleted", undo_words="common.undo",
            look="phone", failed=lambda exc: set_html_text(
                self.form.message, exc.message(self.page.language), "kit-error"))
        self.undo.place(self.form.root, self.form.mine)
        # "the facilitator removed your note" at the top, where the phone opens (as the
        # timeline step's phone does for a card)
        self.notice = html_text("", "kit-removed")
        self.form.root.children = (self.notice, *self.form.root.children)
        self.shown: dict[str, str] = {}    # the notes shown last time: id → text

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, me = self.page.workshop, self.page.participant
        if workshop is None or me is None:
            return
        L = self.page.language
        stored = [i for i in workshop.ideas() if i.participant_id == me.id]
        ids = {i.id for i in stored}
        removed = self.undo.removed_elsewhere(set(self.shown), ids)
        if self.form.editing is not None and self.form.editing not in ids:
            self.form.reset()  # the note being edited is gone
        texts = [self.shown[k] for k in self.shown if k in removed]
        self.shown = {i.id: i.text for i in stored}
        self.form.render([i for i in stored if i.id != self.undo.pending], L)
        self.undo.render(L, ids)
        if texts:
            said = t("common.separator", L).join(isolate(x) for x in texts)
            set_html_text(self.form.message, "", "kit-error")  # no stale "added"
            set_html_text(self.notice, t("idea.removed", L, count=len(texts), titles=said),
                          "kit-removed")

    def _save(self, idea_id: str | None, text: str, prompt: str) -> None:
        workshop, me = self.page.workshop, self.page.participant
        assert workshop is not None and me is not None  # the form shows only after joining
        set_html_text(self.notice, "", "kit-removed")
        if idea_id is None:
            workshop.ideas.add_idea(me, text, prompt)
        else:
            workshop.ideas.update_idea(idea_id, me, text=text, prompt=prompt)
        self.page.changed()

    def _delete(self, idea_id: str) -> None:
        if self.form.editing == idea_id:
            self.form.reset()
        set_html_text(self.form.message, "", "kit-error")
        set_html_text(self.notice, "", "kit-removed")
        self.undo.delete(idea_id, "", lambda: self._store_delete(idea_id), self.page.language)

    def _store_delete(self, idea_id: str) -> None:
        workshop, me = self.page.workshop, self.page.participant
        if workshop is None or me is None:  # left the workshop meanwhile ("not you?")
            return
        workshop.ideas.delete_idea(idea_id, me)
        self.page.changed()
