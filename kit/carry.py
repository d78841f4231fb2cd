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

What changed since then is `kit.steps.timeline.changes` (pure); this module only copies.
"""

from __future__ import annotations

from collections.abc import Mapping

from kit.core.db import Tx
from kit.core.model import Topic

PREVIOUS = ("SELECT o.id, o.code FROM workshops o JOIN workshops w ON "
            "w.partnership_id = o.partnership_id WHERE w.id = :w AND o.id <> w.id AND "
            "o.created_at < w.created_at ORDER BY o.date DESC, o.created_at DESC LIMIT 1")
"""The workshop before `:w` in its partnership: the latest (by date, then creation) of
those created before it; no row for a partnership's first."""


def previous_workshop(tx: Tx, workshop_id: str) -> str | None:
    """The id of the workshop before `workshop_id` in its partnership (`PREVIOUS`)."""
    row = tx.one(PREVIOUS, {"w": workshop_id})
    return None if row is None else str(row["id"])


def _copy(tx: Tx, table: str, columns: tuple[str, ...], params: dict[str, object],
          where: str = "", set_to: Mapping[str, str] | None = None) -> None:
    """INSERT the rows of workshop `:s` in `table` (those `where` picks) into workshop `:t`,
    each column as it is unless `set_to` gives an SQL expression for it."""
    set_to = set_to or {}
    picked = ", ".join(set_to.get(c, c) for c in columns)
    tx.run(f"INSERT INTO {table} (workshop_id, {', '.join(columns)}) SELECT :t, {picked} "
           f"FROM {table} WHERE workshop_id = :s{' AND ' + where if where else ''}", params)


def carry_over(tx: Tx, source: str, target: str) -> tuple[Topic, ...]:
    """Copy into the (new, empty) workshop `target` what it takes over from `source`; returns
    the topics written, for the caller's revision bump."""
    from kit.steps.follow_up.store import FORA
    from kit.steps.groups.model import ActionStatus, GroupStatus
    from kit.steps.groups.store import ACTIONS, GROUPS
    from kit.steps.prepare.store import ACTORS
    from kit.steps.timeline.store import CARDS

    q: dict[str, object] = {"s": source, "t": target, "yes": True, "no": False,
                            "closed": GroupStatus.CLOSED.value,
                            "running": GroupStatus.RUNNING.value,
                            "done": ActionStatus.DONE.value}
    _copy(tx, "actors", ACTORS.columns, q)
    _copy(tx, "cards", CARDS.columns, q, "retired = :no",
          {"participant_id": "NULL", "carried": ":yes"})
    _copy(tx, "groups", GROUPS.columns, q, "status <> :closed",
          {"theme_id": "NULL", "coordinator_id": "NULL", "carried": ":yes",
           "status": ":running", "first_meeting": "''"})
    carried_groups = "SELECT id FROM groups WHERE workshop_id = :t"
    _copy(tx, "invitations", ("group_id", "actor_id"), q, f"group_id IN ({carried_groups})")
    _copy(tx, "actions", ACTIONS.columns, q,
          f"status <> :done AND group_id IN ({carried_groups})")
    _copy(tx, "translations", ("item_id", "field", "language", "text"), q,
          f"item_id IN ({carried_groups}) AND field <> 'first_meeting'")
    _copy(tx, "fora", FORA.columns, q)
    # the actors among the members (the coordinator's mark with them): the participants
    # stay behind
    _copy(tx, "forum_members", ("forum_id", "actor_id", "coordinator"), q,
          "participant_id IS NULL")
    return Topic.ACTORS, Topic.CARDS, Topic.GROUPS, Topic.FORA
