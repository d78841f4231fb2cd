"""The errors a user can cause in the vote, each with a message from the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class VotingClosed(KitError):
    key = "error.voting_closed"


class OverBudget(KitError):
    key = "error.over_budget"


class OverThemeCap(KitError):
    key = "error.over_theme_cap"


class NotACandidate(KitError):
    key = "error.not_a_candidate"


class NoDotsThere(KitError):
    key = "error.no_dots_there"


__all__ = ["NoDotsThere", "NotACandidate", "OverBudget", "OverThemeCap", "VotingClosed"]
