"""What a partnership's next workshop takes over from the timeline (`kit.carry`): the
current offers (cards not retired), marked `carried`; a card written by a participant of the
day before loses its author link (that person is not in the new workshop)."""

from __future__ import annotations

from kit.carry import copy_rows
from kit.core.db import Tx
from kit.core.model import Topic
from kit.steps.timeline import topics


def carry(tx: Tx, source: str, target: str) -> tuple[Topic, ...]:
    from kit.steps.timeline.store import CARDS

    copy_rows(tx, "cards", CARDS.columns, {"s": source, "t": target, "yes": True, "no": False},
              "retired = :no", {"participant_id": "NULL", "carried": ":yes"})
    return (topics.CARDS,)
