"""Follow-up in the facilitator app: the working groups' status and actions, the fora of the
local organisation and their meetings, and the offers of the living overview (retired when
they end)."""

from __future__ import annotations

import os

import ipywidgets as w

from kit.core.model import Topic
from kit.steps._step import FacilitatorHost
from kit.steps.follow_up.meeting_views import ForumMeetingsTools
from kit.steps.follow_up.views import OrganisationTools
from kit.steps.groups.screens import GroupsPanel
from kit.steps.timeline.offers import OfferTools


class FollowUpPanel(GroupsPanel):
    def __init__(self, app: FacilitatorHost) -> None:
        super().__init__(app)
        self.organisation = OrganisationTools(app.need, after=app.refresh)
        # after the workshop the coordinator keeps the living overview current here
        public_url = getattr(app, "public_url", "") or os.environ.get("KIT_PUBLIC_URL", "")
        self.offers = OfferTools(app.need, after=app.refresh, public_url=public_url)
        # the fora's meetings (issue 27): planned, held and followed up, year after year
        self.meetings = ForumMeetingsTools(app.need, after=app.refresh)
        self.root = w.VBox([self.group_tools.root, self.organisation.root,
                            self.meetings.root, self.offers.root])

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        super().refresh(topics)
        self.organisation.render(self.app.language)
        self.meetings.render(self.app.language)
        self.offers.render(self.app.language)
