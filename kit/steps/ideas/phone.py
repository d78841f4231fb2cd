"""The ideas step on a phone: the participant's own notes and the note form.

A participant's delete waits a few seconds with an "Undo" beside it before it reaches the
store (one stray tap lost a note for good); a note the facilitator removed does not just
vanish: the phone says so in its language."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from kit.core.errors import KitError
from kit.core.model import Topic
from kit.i18n import t
from kit.steps._step import PhoneHost
from kit.steps.ideas.views import IdeaForm
from kit.ui._common import isolate, set_html_text

UNDO_SECONDS = 8.0
"""How long a deleted note can be brought back before the delete is stored."""


def later(seconds: float, action: Callable[[], None]) -> None:
    """Run `action` after `seconds`: on the kernel's event loop, where widgets may be touched
    (a thread's widget messages can be lost under ipykernel 7); without a loop (unit tests)
    on a timer thread."""
    try:
        asyncio.get_running_loop().call_later(seconds, action)
    except RuntimeError:
        timer = threading.Timer(seconds, action)
        timer.daemon = True
        timer.start()


class IdeasPhone:
    undo_seconds = UNDO_SECONDS

    def __init__(self, page: PhoneHost) -> None:
        self.page = page
        self.form = IdeaForm(on_save=self._save, on_delete=self._delete, on_undo=self.undo)
        self.root = self.form.root
        self.pending: str | None = None    # the note deleted here, until Undo's time is up
        self.shown: dict[str, str] = {}    # the notes shown last time: id → text
        self.deleted_here: set[str] = set()

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, me = self.page.workshop, self.page.participant
        if workshop is None or me is None:
            return
        L = self.page.language
        stored = [i for i in workshop.ideas() if i.participant_id == me.id]
        ids = {i.id for i in stored}
        removed = [text for key, text in self.shown.items()
                   if key not in ids and key not in self.deleted_here and key != self.pending]
        if self.form.editing is not None and self.form.editing not in ids:
            self.form.reset()  # the note being edited is gone
        mine = [i for i in stored if i.id != self.pending]
        self.shown = {i.id: i.text for i in stored}
        self.form.render(mine, L)
        self.form.undo_bar.layout.display = None if self.pending in ids else "none"
        if removed:
            texts = t("common.separator", L).join(isolate(x) for x in removed)
            set_html_text(self.form.message, t("idea.removed", L, count=len(removed),
                                               titles=texts), "kit-error")

    def _save(self, idea_id: str | None, text: str, prompt: str) -> None:
        workshop, me = self.page.workshop, self.page.participant
        assert workshop is not None and me is not None  # the form shows only after joining
        if idea_id is None:
            workshop.add_idea(me, text, prompt)
        else:
            workshop.ideas.update_idea(idea_id, me, text=text, prompt=prompt)
        self.page.changed()

    def _delete(self, idea_id: str) -> None:
        """Hide the note and offer Undo; the store deletes it when the time is up (or when
        another note is deleted meanwhile: one Undo at a time)."""
        if self.pending is not None:
            self.commit()
        if self.form.editing == idea_id:
            self.form.reset()
        self.pending = idea_id
        set_html_text(self.form.message, "", "kit-error")
        self.refresh()
        later(self.undo_seconds, lambda: self.commit(idea_id))

    def undo(self) -> None:
        """Bring the note back: nothing was deleted."""
        self.pending = None
        self.refresh()

    def commit(self, idea_id: str | None = None) -> None:
        """Store the pending delete (if `idea_id` is given: only if that one still waits)."""
        waiting = self.pending
        if waiting is None or (idea_id is not None and idea_id != waiting):
            return
        workshop, me = self.page.workshop, self.page.participant
        self.pending = None
        if workshop is None or me is None:
            return
        self.deleted_here.add(waiting)
        try:
            workshop.ideas.delete_idea(waiting, me)
        except KitError as exc:  # the step closed meanwhile: the note stays, and says why
            set_html_text(self.form.message, exc.message(self.page.language), "kit-error")
        self.refresh()
        self.page.changed()
