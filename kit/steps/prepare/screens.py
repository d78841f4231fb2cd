"""Preparation in the facilitator app: the actor register (with import, map and findings),
the invitations drawn from it (issue 27) and the co-creation check."""

from __future__ import annotations

import os

import ipywidgets as w

from kit.core.model import Topic
from kit.i18n import t
from kit.steps._step import FacilitatorHost
from kit.steps.prepare.invite_views import InviteTools
from kit.steps.prepare.views import CheckTools, RegisterTools
from kit.ui.console import UndoToast
from kit.ui.next_action import StepConsole, onward
from kit.ui.parts import guarded


class PreparePanel:
    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        self.register = RegisterTools(app.need, after=app.refresh)
        self.check = CheckTools(on_save=self._save_check)
        # Deleting an actor can be undone for a while: the register's own delete button is
        # replaced by one that hides the actor and offers "Fortryd" (`UndoToast`).
        self.toast = UndoToast(after=lambda: self.refresh())
        reg = self.register
        self.delete = w.Button(button_style="danger")
        row = next(c for c in reg.root.children if reg.delete in getattr(c, "children", ()))
        row.children = [self.delete if c is reg.delete else c for c in row.children]
        self.delete.on_click(lambda _: guarded(self.delete_actor, reg.message, app.language))
        public_url = getattr(app, "public_url", "") or os.environ.get("KIT_PUBLIC_URL", "")
        self.invites = InviteTools(app.need, after=app.refresh, public_url=public_url)
        # on the day: people join, then on to the timeline; the register, the invitations
        # and the check (work done days before) are folded under it
        self.console = StepConsole(app, [self.register.root, self.invites.root,
                                         self.check.root], "console.prepare_tools")
        self.root = w.VBox([self.console.root, self.toast.root])

    def delete_actor(self) -> None:
        actor_id = self.register.pick.value
        if not actor_id:
            return
        name = next((a.name for a in self.app.need().prepare.actors() if a.id == actor_id), "")
        self.toast.delete(actor_id, name,
                          lambda: self.app.need().prepare.delete_actor(actor_id),
                          self.app.language)

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, L = self.app.need(), self.app.language
        people = [p.sector.value for p in workshop.participants()]
        actors = [a for a in workshop.prepare.actors() if a.id not in self.toast.hidden]
        self.register.render(actors, people, L)
        self.delete.description = self.register.delete.description
        self.invites.render(workshop, actors, L)
        self.check.render(workshop.prepare.check_answers(), L)
        self.show_next()

    def show_next(self) -> None:
        workshop, L = self.app.need(), self.app.language
        actors = [a for a in workshop.prepare.actors() if a.id not in self.toast.hidden]
        counts = t("console.prepare_counts", L, actors=len(actors),
                   people=len(workshop.participants()))
        self.console.show(onward(self.app, "prepare", counts, t("console.prepare_hint", L),
                                 workshop.state()))

    def _save_check(self, answers: dict[str, str]) -> None:
        self.app.need().prepare.set_check_answers(answers)
        self.app.refresh()
