"""The groups step in a rehearsal: what the made-up participants give it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random

    from kit.core.model import Participant
    from kit.workshop import Workshop

def fill(workshop: Workshop, people: list[Participant], rng: random.Random) -> int:
    """A first, second and third wish each."""
    themes = [th.id for th in workshop.groups.group_themes()]
    for p in people:
        ranked = rng.sample(themes, min(3, len(themes)))
        workshop.groups.set_preferences(p, {th: n for n, th in enumerate(ranked, 1)})
    return len(people)
