"""What a partnership's next workshop takes over from the follow-up (`kit.carry`): the fora,
with the members and coordinator drawn from the actor register (members who were participants
of the day before stay behind: their names go with that workshop)."""

from __future__ import annotations

from kit.carry import copy_rows
from kit.core.db import Tx
from kit.core.model import Topic
from kit.steps.follow_up import topics


def carry(tx: Tx, source: str, target: str) -> tuple[Topic, ...]:
    from kit.steps.follow_up.store import FORA

    q: dict[str, object] = {"s": source, "t": target}
    copy_rows(tx, "fora", FORA.columns, q, "")
    # the actors among the members (the coordinator's mark with them): the participants
    # stay behind
    copy_rows(tx, "forum_members", ("forum_id", "actor_id", "coordinator"), q,
              "participant_id IS NULL")
    return (topics.FORA,)
