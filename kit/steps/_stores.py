"""The steps' stores in the order of the method, keyed by the attribute the workshop handle
gives each (`workshop.prepare`, `workshop.timeline`, ...). `kit.workshop.Workshop`
builds its stores from this mapping, so the core imports no step; a new step's store is one
line here.
"""

from __future__ import annotations

from typing import Any

from kit.core.rows import Settings
from kit.steps.follow_up.store import FollowUpStore
from kit.steps.ground_rules.store import GroundRulesStore
from kit.steps.groups.store import SETTINGS as GROUP_SETTINGS
from kit.steps.groups.store import GroupsStore
from kit.steps.ideas.store import IdeasStore
from kit.steps.needs.store import NeedsStore
from kit.steps.prepare.invites import DETAILS as INVITATION_DETAILS
from kit.steps.prepare.invites import InvitesStore
from kit.steps.prepare.store import SETTINGS as PREPARE_SETTINGS
from kit.steps.prepare.store import PrepareStore
from kit.steps.timeline.store import SETTINGS as TIMELINE_SETTINGS
from kit.steps.timeline.store import TimelineStore
from kit.steps.voting.store import SETTINGS as VOTING_SETTINGS
from kit.steps.voting.store import VotingStore

STORES = {
    "prepare": PrepareStore,
    "invites": InvitesStore,  # issue 27: the purpose, invitations and RSVPs
    "timeline": TimelineStore,
    "needs": NeedsStore,
    "ideas": IdeasStore,
    "voting": VotingStore,
    "groups": GroupsStore,
    "ground_rules": GroundRulesStore,
    "follow_up": FollowUpStore,
}
"""Attribute name on `Workshop` → the step's store class, in the order of the method."""

SETTINGS: tuple[Settings[Any], ...] = (
    PREPARE_SETTINGS, INVITATION_DETAILS, TIMELINE_SETTINGS, VOTING_SETTINGS, GROUP_SETTINGS)
"""The steps' settings of a workshop, each in a table of one row per workshop that the step
owns (issue 26). What the workshop's state shows the apps (`WorkshopState.review_open`,
`.voting_open`, `.groups_confirmed`, ...) the handle reads with the workshop's row; what the
exchange format carries rides in its `workshop` sheet, as before the settings moved."""

__all__ = ["SETTINGS", "STORES"]
