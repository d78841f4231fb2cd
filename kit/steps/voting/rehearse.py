"""The voting step in a rehearsal: what the made-up participants give it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.errors import KitError

if TYPE_CHECKING:
    import random

    from kit.core.model import Participant
    from kit.workshop import Workshop

def fill(workshop: Workshop, people: list[Participant], rng: random.Random) -> int:
    """The vote opened if it is not, and every dot placed (a theme at its cap: the next)."""
    themes = [th.id for th in workshop.ideas.themes() if th.selected]
    if themes and not workshop.state().voting_open:
        workshop.voting.open_voting()
    made = 0
    for p in people:
        for _ in range(workshop.state().dots_per_participant):
            if themes:
                try:
                    workshop.voting.vote(p, rng.choice(themes))
                    made += 1
                except KitError:  # a cap per theme reached: the next dot
                    continue
    return made
