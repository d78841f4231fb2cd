"""The steps' stores in the order of the method, keyed by the attribute the workshop handle
gives each (`workshop.prepare`, `workshop.timeline`, ...). `kit.workshop.Workshop`
builds its stores from this mapping, so the core imports no step; a new step's store is one
line here.
"""

from __future__ import annotations

from kit.steps.follow_up.store import FollowUpStore
from kit.steps.ground_rules.store import GroundRulesStore
from kit.steps.groups.store import GroupsStore
from kit.steps.ideas.store import IdeasStore
from kit.steps.needs.store import NeedsStore
from kit.steps.prepare.invites import InvitesStore
from kit.steps.prepare.store import PrepareStore
from kit.steps.timeline.store import TimelineStore
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

__all__ = ["STORES"]
