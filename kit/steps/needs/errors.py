"""The errors a user can cause in the needs check, each with a message from the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class NeedsEmpty(KitError):
    key = "error.needs_empty"


class UnknownAnswer(KitError):
    key = "error.unknown_answer"


__all__ = ["NeedsEmpty", "UnknownAnswer"]
