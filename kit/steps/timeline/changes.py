"""What changed since the partnership's workshop before (issue 27, item 4): offers new, ended
and carried over, actors new to the register, working groups continued, ended and new.

Pure: it compares the two workshops' cards, actors and groups as the stores hand them out
(ids stay the same from one workshop to the next, `kit.carry`), so it is tested without a
database. The board shows the counts; the report's "Siden sidst" section names them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kit.model import Actor, Group, GroupStatus
from kit.steps.timeline.model import Card


@dataclass(frozen=True)
class Changes:
    """Names (titles) of what changed, each in the order the store lists it."""

    offers_new: tuple[str, ...] = ()
    """Current offers that were not on the timeline last time."""
    offers_carried: tuple[str, ...] = ()
    """Current offers carried over from last time."""
    offers_ended: tuple[str, ...] = ()
    """Offers current last time (or ended then), now retired or gone."""
    actors_new: tuple[str, ...] = ()
    actors_gone: tuple[str, ...] = ()
    groups_continued: tuple[str, ...] = ()
    groups_ended: tuple[str, ...] = ()
    """Groups closed last time, or carried over and closed or removed since."""
    groups_new: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not any((self.offers_new, self.offers_carried, self.offers_ended,
                        self.actors_new, self.actors_gone, self.groups_continued,
                        self.groups_ended, self.groups_new))


def compare(before_cards: Sequence[Card], cards: Sequence[Card],
            before_actors: Sequence[Actor], actors: Sequence[Actor],
            before_groups: Sequence[Group], groups: Sequence[Group]) -> Changes:
    """What changed from the workshop before (`before_*`) to this one."""
    earlier = {c.id for c in before_cards}
    live = [c for c in cards if not c.retired]
    live_ids = {c.id for c in live}
    had_actors = {a.id for a in before_actors}
    has_actors = {a.id for a in actors}
    had_groups = {g.id for g in before_groups}
    running = {g.id for g in groups if g.status is not GroupStatus.CLOSED}
    return Changes(
        offers_new=tuple(c.title for c in live if c.id not in earlier),
        offers_carried=tuple(c.title for c in live if c.id in earlier),
        offers_ended=tuple(c.title for c in before_cards if c.id not in live_ids),
        actors_new=tuple(a.name for a in actors if a.id not in had_actors),
        actors_gone=tuple(a.name for a in before_actors if a.id not in has_actors),
        groups_continued=tuple(g.name for g in groups
                               if g.id in had_groups and g.id in running),
        groups_ended=tuple(g.name for g in before_groups if g.id not in running),
        groups_new=tuple(g.name for g in groups if g.id not in had_groups and g.id in running),
    )
