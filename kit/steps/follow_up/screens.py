"""Follow-up in the facilitator app: the working groups' status and actions, and the fora
of the local organisation."""

from __future__ import annotations

import ipywidgets as w

from kit.core.model import Topic
from kit.steps._step import FacilitatorHost
from kit.steps.follow_up.views import OrganisationTools
from kit.steps.groups.screens import GroupsPanel


class FollowUpPanel(GroupsPanel):
    def __init__(self, app: FacilitatorHost) -> None:
        super().__init__(app)
        self.organisation = OrganisationTools(app.need, after=app.refresh)
        self.root = w.VBox([self.group_tools.root, self.organisation.root])

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        super().refresh(topics)
        self.organisation.render(self.app.language)
