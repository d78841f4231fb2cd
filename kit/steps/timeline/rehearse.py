"""The timeline step in a rehearsal: what the made-up participants give it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.model import Category

if TYPE_CHECKING:
    import random

    from kit.core.model import Participant
    from kit.workshop import Workshop

CARDS = ("Velkomstsamtale", "Hjælp til boligindskud", "Sprogcafé", "Lektiehjælp",
         "Cykelværksted", "Mentor til jobsøgning", "Besøg hos lægen", "Foreningsaften",
         "Hjælp med MitID", "Praktikplads")


def fill(workshop: Workshop, people: list[Participant], rng: random.Random) -> int:
    """A card each, somewhere on the timeline, by a made-up owner."""
    for p in people:
        start = rng.randint(-8, 20)
        workshop.timeline.add_card(p, rng.choice(CARDS), p.name, rng.choice(list(Category)),
                                   start, min(26, start + rng.randint(0, 8)))
    return len(people)
