"""The errors a user can cause in the ideas and themes steps, each with a message from
the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class UnknownIdea(KitError):
    key = "error.unknown_idea"


class UnknownTheme(KitError):
    key = "error.unknown_theme"


class ThemeNotEmpty(KitError):
    key = "error.theme_not_empty"


class ThemeInUse(KitError):
    key = "error.theme_in_use"


class NothingToUndo(KitError):
    key = "error.nothing_to_undo"


__all__ = ["NothingToUndo", "ThemeInUse", "ThemeNotEmpty", "UnknownIdea", "UnknownTheme"]
