"""What a partnership's next workshop takes over from the follow-up (`kit.carry`): the fora,
with the members and coordinator drawn from the actor register (members who were participants
of the day before stay behind: their names go with that workshop)."""

from __future__ import annotations

from kit.carry import copy_rows
from kit.core.db import Tx
from kit.core.model import Topic

_PARTICIPANT_MEMBER = "participant:%"


def carry(tx: Tx, source: str, target: str) -> tuple[Topic, ...]:
    from kit.steps.follow_up.store import FORA

    q = {"s": source, "t": target, "pm": _PARTICIPANT_MEMBER}
    copy_rows(tx, "fora", FORA.columns, q, "",
              {"coordinator": "CASE WHEN coordinator LIKE :pm THEN NULL ELSE coordinator END"})
    copy_rows(tx, "forum_members", ("forum_id", "member"), q, "member NOT LIKE :pm")
    return (Topic.FORA,)
