"""The errors a user can cause in the actor register, each with a message from the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class UnknownActor(KitError):
    key = "error.unknown_actor"


__all__ = ["UnknownActor"]
