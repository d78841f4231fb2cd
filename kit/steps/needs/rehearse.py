"""The needs step in a rehearsal: what the made-up participants give it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.model import Category
from kit.steps.needs.model import Question, Respondent

if TYPE_CHECKING:
    import random

    from kit.core.model import Participant
    from kit.workshop import Workshop

def fill(workshop: Workshop, people: list[Participant], rng: random.Random) -> int:
    """One anonymous answer each: two areas for each question (no words: a rehearsal has
    no refugee to speak for)."""
    areas = list(Category)
    # mostly refugees, as in a class at the language school, with a teacher and a volunteer
    kinds = [Respondent.REFUGEE] * 3 + [Respondent.STAFF, Respondent.VOLUNTEER]
    for _ in people:
        workshop.needs.answer({q: rng.sample(areas, 2) for q in Question},
                              respondent=rng.choice(kinds))
    return len(people)
