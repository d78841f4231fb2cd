"""The errors a user can cause in the timeline step, each with a message from the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class UnknownCard(KitError):
    key = "error.unknown_card"


class InvalidWeeks(KitError):
    key = "error.invalid_weeks"


__all__ = ["InvalidWeeks", "UnknownCard"]
