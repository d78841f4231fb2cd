"""The errors a user can cause in the working groups step, each with a message from the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class NotAGroupTheme(KitError):
    key = "error.not_a_group_theme"


class DuplicateRank(KitError):
    key = "error.duplicate_rank"


class PreferencesClosed(KitError):
    key = "error.preferences_closed"


class NoGroupThemes(KitError):
    key = "error.no_group_themes"


class UnknownGroup(KitError):
    key = "error.unknown_group"


class NotInGroup(KitError):
    key = "error.not_in_group"


class UnknownAction(KitError):
    key = "error.unknown_action"


class NoGroups(KitError):
    key = "error.no_groups"


class GroupingUnfinished(KitError):
    key = "error.grouping_unfinished"


__all__ = [
    "DuplicateRank",
    "GroupingUnfinished",
    "NoGroupThemes",
    "NoGroups",
    "NotAGroupTheme",
    "NotInGroup",
    "PreferencesClosed",
    "UnknownAction",
    "UnknownGroup",
]
