"""The errors a user can cause in the follow-up (fora, their members and meetings), each with a
message from the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class UnknownForum(KitError):
    key = "error.unknown_forum"


class UnknownMember(KitError):
    key = "error.unknown_member"


class UnknownMeeting(KitError):
    key = "error.unknown_meeting"


class UnknownMeetingItem(KitError):
    """Someone who came, a decision or an action that is not (or no longer) recorded."""

    key = "error.unknown_meeting_item"


__all__ = ["UnknownForum", "UnknownMeeting", "UnknownMeetingItem", "UnknownMember"]
