"""The errors a user can cause in the actor register, each with a message from the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class UnknownActor(KitError):
    key = "error.unknown_actor"


class BranchOfItself(KitError):
    """An actor cannot be a branch of itself."""

    key = "error.branches_self"


class BranchCycle(KitError):
    """Two actors cannot each be the other's branch."""

    key = "error.branches_cycle"


class BranchTooDeep(KitError):
    """One level only: a branch's organisation is no branch, and an organisation with
    branches is no branch."""

    key = "error.branches_depth"


class BranchHasBranches(KitError):
    """An organisation with branches of its own cannot become a branch (one level only)."""

    key = "error.branches_has_branches"


__all__ = ["BranchCycle", "BranchHasBranches", "BranchOfItself", "BranchTooDeep",
           "UnknownActor"]
