"""Rehearsal: a first-time facilitator tries a step alone the day before.

`scratch_copy` copies a workshop into the same store under a new id and join code (marked
"Øvelse" in its title); `fill` gives the copy's current step the input of 20 made-up
participants, as a room would give it; the facilitator leads the step in the copy, and
`Store.purge` deletes it afterwards. The real workshop is never written to.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from kit.core.base import new_id
from kit.core.model import Sector

if TYPE_CHECKING:
    from kit.store import Store
    from kit.workshop import Workshop

PEOPLE = 20
"""How many made-up participants a rehearsal fills a step with."""

_NAMES = ("Anna", "Bo", "Camilla", "David", "Emma", "Farah", "Gustav", "Hiba", "Ida", "Jonas",
          "Karim", "Lærke", "Mads", "Nour", "Olena", "Peter", "Rania", "Sofie", "Tariq",
          "Yusuf")


def scratch_copy(store: Store, workshop: Workshop, label: str = "Øvelse") -> Workshop:
    """A copy of `workshop` under a new id and join code, with its own facilitator key."""
    rows = workshop.rows()
    head = dict(rows["workshop"][0])
    head.update(id=new_id("w"), code="", status="open",
                title=f"{label}: {head['title']}"[:200])
    copy = store.import_rows({**rows, "workshop": [head]})
    return store.facilitate(copy.id)


def fill(workshop: Workshop, seed: int = 16) -> int:
    """Give the workshop's current step the input of `PEOPLE` made-up participants (joining
    them first); returns how many inputs were made. Each step says what its room would give
    (its `rehearse` filler in the registry); a step without participant input (the
    preparation, the themes, the follow-up) gets the participants only."""
    from kit import steps

    rng = random.Random(seed)
    sectors = list(Sector)
    people = [workshop.join(f"{_NAMES[n % len(_NAMES)]} (øvelse)", sectors[n % 3])
              for n in range(PEOPLE)]
    step = steps.step(str(workshop.state().phase))
    if step is None or step.rehearse is None:
        return 0
    return step.rehearse()(workshop, people, rng)
