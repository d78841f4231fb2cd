"""The ground rules step in a rehearsal: what the made-up participants give it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.steps.ground_rules.model import Division

if TYPE_CHECKING:
    import random

    from kit.core.model import Participant
    from kit.workshop import Workshop

def fill(workshop: Workshop, people: list[Participant], rng: random.Random) -> int:
    """Everyone's view of who should do each open task."""
    tasks = [task.id for task in workshop.ground_rules.tasks() if not task.settled]
    made = 0
    for p in people:
        for task in tasks:
            workshop.ground_rules.vote(p, task, rng.choice(list(Division)))
            made += 1
    return made
