"""What a new workshop in a partnership takes over from the one before it (issue 27, item 4:
"the next workshop builds on the last"), copied inside the transaction that creates it.

Carried, under the same ids (the tables are keyed by workshop and id, so an actor, an offer, a
group or a forum keeps its id from one workshop to the next; forum meetings rely on it):
- the actor register, whole;
- the current offers on the timeline (cards not retired), marked `carried`; a card written by
  a participant of the day before loses its author link (that person is not in the new one);
- the working groups still running (not closed): name, terms, translations, the actors
  they invite and their open follow-up actions, marked `carried` and running (their first
  meeting is history now, so it is left for the new period to set); they
  have no theme here (theirs was the workshop before's) and no members: members and
  coordinator were participants of the day before, whose names belong to that workshop and
  go when it is purged, so the group is manned anew in the new workshop;
- the fora, with the members and coordinator drawn from the actor register (members who were
  participants of the day before stay behind, for the same reason).

Each step copies its own tables (its `carry` hook, `kit/steps/<step>/carry.py`, with
`copy_rows` from here); `carry_over` runs them in the registry's order. What changed since
then is the timeline step's `changes` (pure); carrying only copies.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kit.core.db import Tx
from kit.core.model import Topic

if TYPE_CHECKING:
    from kit.steps import Step


PREVIOUS = ("SELECT o.id, o.code FROM workshops o JOIN workshops w ON "
            "w.partnership_id = o.partnership_id WHERE w.id = :w AND o.id <> w.id AND "
            "o.created_at < w.created_at ORDER BY o.date DESC, o.created_at DESC LIMIT 1")
"""The workshop before `:w` in its partnership: the latest (by date, then creation) of
those created before it; no row for a partnership's first."""


def previous_workshop(tx: Tx, workshop_id: str) -> str | None:
    """The id of the workshop before `workshop_id` in its partnership (`PREVIOUS`)."""
    row = tx.one(PREVIOUS, {"w": workshop_id})
    return None if row is None else str(row["id"])


def copy_rows(tx: Tx, table: str, columns: tuple[str, ...], params: Mapping[str, object],
              where: str = "", set_to: Mapping[str, str] | None = None) -> None:
    """INSERT the rows of workshop `:s` in `table` (those `where` picks) into workshop `:t`,
    each column as it is unless `set_to` gives an SQL expression for it."""
    set_to = set_to or {}
    picked = ", ".join(set_to.get(c, c) for c in columns)
    tx.run(f"INSERT INTO {table} (workshop_id, {', '.join(columns)}) SELECT :t, {picked} "
           f"FROM {table} WHERE workshop_id = :s{' AND ' + where if where else ''}", params)


def carry_over(tx: Tx, source: str, target: str,
               steps: tuple[Step, ...] | None = None) -> tuple[Topic, ...]:
    """Copy into the (new, empty) workshop `target` what it takes over from `source`: each
    step's `carry` hook, in the registry's order; returns the topics written, for the
    caller's revision bump."""
    from kit.steps import registry

    topics: list[Topic] = []
    for each in registry(steps):
        if each.carry is not None:
            topics += each.carry()(tx, source, target)
    return tuple(dict.fromkeys(topics))
