"""Preparation in the facilitator app: the actor register (with import, map and findings)
and the co-creation check."""

from __future__ import annotations

import ipywidgets as w

from kit.core.model import Topic
from kit.steps._step import FacilitatorHost
from kit.steps.prepare.views import CheckTools, RegisterTools


class PreparePanel:
    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        self.register = RegisterTools(app.need, after=app.refresh)
        self.check = CheckTools(on_save=self._save_check)
        self.root = w.VBox([self.register.root, self.check.root])

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, L = self.app.need(), self.app.language
        people = [p.sector.value for p in workshop.participants()]
        self.register.render(workshop.prepare.actors(), people, L)
        self.check.render(workshop.prepare.check_answers(), L)

    def _save_check(self, answers: dict[str, str]) -> None:
        self.app.need().prepare.set_check_answers(answers)
        self.app.refresh()
