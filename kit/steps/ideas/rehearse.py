"""The ideas step in a rehearsal: what the made-up participants give it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random

    from kit.core.model import Participant
    from kit.workshop import Workshop

IDEAS = ("Flere sprogvenner til voksne", "Lektiecafé om eftermiddagen",
         "Én indgang til kommunen", "Mentorer fra erhvervslivet", "Fællesspisning i boligområdet",
         "Hjælp til at forstå breve fra kommunen", "Cykler til nyankomne",
         "Fritidsjob til unge", "Mødested for forældre", "Tolk ved de første møder")


def fill(workshop: Workshop, people: list[Participant], rng: random.Random) -> int:
    """Two notes each."""
    for p in people:
        for text in rng.sample(IDEAS, 2):
            workshop.ideas.add_idea(p, text)
    return 2 * len(people)
