"""Rehearsal: a first-time facilitator tries a step alone the day before.

`scratch_copy` copies a workshop into the same store under a new id and join code (marked
"Øvelse" in its title); `fill` gives the copy's current step the input of 20 made-up
participants, as a room would give it; the facilitator leads the step in the copy, and
`Store.purge` deletes it afterwards. The real workshop is never written to.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from kit.core import errors
from kit.core.base import new_id
from kit.core.model import Category, Sector

if TYPE_CHECKING:
    from kit.store import Store
    from kit.workshop import Workshop

PEOPLE = 20
"""How many made-up participants a rehearsal fills a step with."""

_NAMES = ("Anna", "Bo", "Camilla", "David", "Emma", "Farah", "Gustav", "Hiba", "Ida", "Jonas",
          "Karim", "Lærke", "Mads", "Nour", "Olena", "Peter", "Rania", "Sofie", "Tariq",
          "Yusuf")
_CARDS = ("Velkomstsamtale", "Hjælp til boligindskud", "Sprogcafé", "Lektiehjælp",
          "Cykelværksted", "Mentor til jobsøgning", "Besøg hos lægen", "Foreningsaften",
          "Hjælp med MitID", "Praktikplads")
_IDEAS = ("Flere sprogvenner til voksne", "Lektiecafé om eftermiddagen",
          "Én indgang til kommunen", "Mentorer fra erhvervslivet", "Fællesspisning i boligområdet",
          "Hjælp til at forstå breve fra kommunen", "Cykler til nyankomne",
          "Fritidsjob til unge", "Mødested for forældre", "Tolk ved de første møder")


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
    them first); returns how many inputs were made. A step without participant input (the
    preparation, the follow-up) gets the participants only."""
    rng = random.Random(seed)
    phase = str(workshop.state().phase)
    sectors = list(Sector)
    people = [workshop.join(f"{_NAMES[n % len(_NAMES)]} (øvelse)", sectors[n % 3])
              for n in range(PEOPLE)]
    made = 0
    if phase == "timeline":
        for p in people:
            start = rng.randint(-8, 20)
            workshop.timeline.add_card(p, rng.choice(_CARDS), p.name, rng.choice(list(Category)),
                                       start, min(26, start + rng.randint(0, 8)))
            made += 1
    elif phase == "ideas":
        for p in people:
            for text in rng.sample(_IDEAS, 2):
                workshop.add_idea(p, text)
                made += 1
    elif phase == "voting":
        themes = [th.id for th in workshop.ideas.themes() if th.selected]
        if themes and not workshop.state().voting_open:
            workshop.voting.open_voting()
        for p in people:
            for _ in range(workshop.state().dots_per_participant):
                if themes:
                    try:
                        workshop.vote(p, rng.choice(themes))
                        made += 1
                    except errors.KitError:  # a cap per theme reached: the next dot
                        continue
    elif phase == "groups":
        themes = [th.id for th in workshop.groups.group_themes()]
        for p in people:
            ranked = rng.sample(themes, min(3, len(themes)))
            workshop.groups.set_preferences(p, {th: n for n, th in enumerate(ranked, 1)})
            made += 1
    return made
