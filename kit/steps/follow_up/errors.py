"""The errors a user can cause in the follow-up (fora and their members), each with a
message from the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class UnknownForum(KitError):
    key = "error.unknown_forum"


class UnknownMember(KitError):
    key = "error.unknown_member"


__all__ = ["UnknownForum", "UnknownMember"]
