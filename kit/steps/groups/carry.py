"""What a partnership's next workshop takes over from the working groups (`kit.carry`): the
groups still running (not closed) with their name, terms, translations, the actors they invite
and their open actions, marked `carried` and running. Their first meeting is history, so it is
left for the new period to set; they have no theme (theirs was the workshop before's) and no
members or coordinator (participants of the day before, whose names go with that workshop)."""

from __future__ import annotations

from kit.carry import copy_rows
from kit.core.db import Tx
from kit.core.model import Topic
from kit.steps.groups import topics


def carry(tx: Tx, source: str, target: str) -> tuple[Topic, ...]:
    from kit.steps.groups.model import ActionStatus, GroupStatus
    from kit.steps.groups.store import ACTIONS, GROUPS

    q: dict[str, object] = {"s": source, "t": target, "yes": True,
                            "closed": GroupStatus.CLOSED.value,
                            "running": GroupStatus.RUNNING.value,
                            "done": ActionStatus.DONE.value}
    copy_rows(tx, "groups", GROUPS.columns, q, "status <> :closed",
              {"theme_id": "NULL", "coordinator_id": "NULL", "carried": ":yes",
               "status": ":running", "first_meeting": "''"})
    carried_groups = "SELECT id FROM groups WHERE workshop_id = :t"
    copy_rows(tx, "invitations", ("group_id", "actor_id"), q, f"group_id IN ({carried_groups})")
    copy_rows(tx, "actions", ACTIONS.columns, q,
              f"status <> :done AND group_id IN ({carried_groups})")
    copy_rows(tx, "translations", ("item_id", "field", "language", "text"), q,
              f"item_id IN ({carried_groups}) AND field <> 'first_meeting'")
    return (topics.GROUPS,)
