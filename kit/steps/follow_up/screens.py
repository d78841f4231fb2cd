"""Follow-up in the facilitator app: the working groups' status and actions, the fora of the
local organisation and their meetings, and the offers of the living overview (retired when
they end)."""

from __future__ import annotations

import os

from kit.core.model import Status, Topic
from kit.i18n import t
from kit.steps._step import FacilitatorHost
from kit.steps.follow_up.meeting_views import ForumMeetingsTools
from kit.steps.follow_up.views import OrganisationTools
from kit.steps.groups.screens import GroupsPanel
from kit.steps.timeline.offers import OfferTools
from kit.ui.next_action import Moment, StepConsole, closed_or


class FollowUpPanel(GroupsPanel):
    def __init__(self, app: FacilitatorHost) -> None:
        super().__init__(app)
        self.organisation = OrganisationTools(app.need, after=self._forum_changed)
        # after the workshop the coordinator keeps the living overview current here
        public_url = getattr(app, "public_url", "") or os.environ.get("KIT_PUBLIC_URL", "")
        self.offers = OfferTools(app.need, after=app.refresh, public_url=public_url)
        # the fora's meetings (issue 27): planned, held and followed up, year after year
        self.meetings = ForumMeetingsTools(app.need, after=app.refresh,
                                           hidden=lambda: self.organisation.toast.hidden)
        # the last step: its next action ends the workshop (asked once more first); the
        # groups, the organisation, the meetings and the offers are folded under it
        self.console = StepConsole(app, [self.group_tools.root, self.organisation.root,
                                         self.meetings.root, self.offers.root],
                                   "console.follow_tools")
        self.root = self.console.root
        self._sure = False  # the first press asks; the second ends the workshop

    def _forum_changed(self) -> None:
        """After the forum form's save, delete or undo: the meetings' forum picker too (a
        delete still waiting changed nothing in the store, so nothing else redraws it)."""
        self.meetings.render(self.app.language)
        self.app.refresh()

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        super().refresh(topics)
        self.organisation.render(self.app.language)
        self.meetings.render(self.app.language)
        self.offers.render(self.app.language)

    def show_next(self) -> None:
        workshop, L = self.app.need(), self.app.language
        state = workshop.state()
        counts = t("console.follow_counts", L, groups=len(workshop.groups()),
                   fora=len(workshop.follow_up.fora()))

        def end() -> str:
            if not self._sure:
                self._sure = True
                self.show_next()  # the store did not change: nothing else redraws it
                return t("console.follow_hint_sure", L)
            self._sure = False
            self.app.need().close()
            return t("console.follow_closed", L)

        sure = self._sure and state.status != Status.CLOSED
        self.console.show(closed_or(state, Moment(
            t("console.follow_close_sure" if sure else "console.follow_close", L), counts,
            t("console.follow_hint_sure" if sure else "console.follow_hint", L), end), L))
