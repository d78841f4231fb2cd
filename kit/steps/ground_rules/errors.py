"""The errors a user can cause in the ground rules step, each with a message from the catalog."""

from __future__ import annotations

from kit.core.errors import KitError


class UnknownTask(KitError):
    key = "error.unknown_task"


class TaskSettled(KitError):
    key = "error.task_settled"


class UnknownHouseRule(KitError):
    key = "error.unknown_house_rule"


__all__ = ["TaskSettled", "UnknownHouseRule", "UnknownTask"]
