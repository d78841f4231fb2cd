"""The errors a user can cause in the needs check, each with a message from the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class NeedsEmpty(KitError):
    key = "error.needs_empty"


class UnknownAnswer(KitError):
    key = "error.unknown_answer"


class NeedsRoundExists(KitError):
    """A round of this name was held before in the partnership (its answers are its own)."""

    key = "error.needs_round_exists"


class NeedsWhoMissing(KitError):
    """The standalone form was sent without saying who answered."""

    key = "error.needs_who_missing"


__all__ = ["NeedsEmpty", "NeedsRoundExists", "NeedsWhoMissing", "UnknownAnswer"]
