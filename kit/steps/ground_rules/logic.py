"""The ground rules, pure: counting the room's votes per task, telling agreement from
disagreement, and turning what was settled into the duties of a partnership agreement."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kit.steps.ground_rules.model import Division, GroundRules, HouseRule, RuleTask

AGREED_FROM = 0.6
"""A task is agreed when at least this share of its votes fall on one division; below it,
the room disagrees and the board says so (a rule of thumb: three in five)."""


@dataclass(frozen=True)
class TaskTally:
    """The room's votes on one task."""

    counts: dict[Division, int]
    total: int
    top: Division | None
    share: float
    """The share of the votes on `top` (0 without votes)."""

    @property
    def disputed(self) -> bool:
        """Votes, but no division with `AGREED_FROM` of them."""
        return self.total > 0 and self.share < AGREED_FROM


def tally(tasks: Iterable[RuleTask], votes: Iterable[tuple[str, str]]) -> dict[str, TaskTally]:
    """Per task id: the votes per division. `votes`: (task id, division) pairs; a vote on a
    task not listed, or for an unknown division, is ignored."""
    ids = [task.id for task in tasks]
    counts: dict[str, Counter[Division]] = {i: Counter() for i in ids}
    for task_id, division in votes:
        if task_id in counts and division in Division._value2member_map_:
            counts[task_id][Division(division)] += 1
    out = {}
    for task_id in ids:
        c = counts[task_id]
        total = sum(c.values())
        # ties go to the division listed first (volunteers before professionals, ...)
        top = max(Division, key=lambda d: (c[d], -list(Division).index(d))) if total else None
        out[task_id] = TaskTally({d: c[d] for d in Division}, total, top,
                                 c[top] / total if top is not None else 0.0)
    return out


def ground_rules(tasks: Iterable[RuleTask], house_rules: Iterable[HouseRule]) -> GroundRules:
    """What was settled: the titles per division (open tasks left out), the agreed house rules."""
    per: dict[Division, list[str]] = {d: [] for d in Division}
    for task in tasks:
        if task.settled in Division._value2member_map_:
            per[Division(task.settled)].append(task.title)
    return GroundRules({d: tuple(titles) for d, titles in per.items()},
                       tuple(r.text for r in house_rules if r.agreed))


def duties(rules: GroundRules) -> dict[str, tuple[str, ...]]:
    """The settled tasks as a partnership agreement's duty fields: the municipality holds
    what takes a professional and what is done together; civil society holds what volunteers
    can do, what is done together and what the municipality keeps out of."""
    t = rules.tasks
    return {"duties_kommune": t[Division.FAGPERSON] + t[Division.SAMMEN],
            "duties_civilsamfund": (t[Division.FRIVILLIGE] + t[Division.SAMMEN]
                                    + t[Division.UDEN_KOMMUNE])}
