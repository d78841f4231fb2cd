"""The needs check's rounds in the store (issue 27): a round is the partnership's, opened and
closed by its coordinator ("forår 2027"), and its answers come from any of the
partnership's workshops and from the standalone page, before and after a workshop closes.

An answer keeps its round's label (`need_answers.round`), as the exchange file always has.
An answer given while no round is open goes into a round named by its month, made (and left
open, so the coordinator sees it) when needed: nothing said is lost for want of a round.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from kit.core.base import bump, new_id
from kit.core.db import Database, Tx
from kit.core.rows import Table
from kit.core.validate import clean_text
from kit.steps.needs import topics
from kit.steps.needs.errors import NeedsRoundExists
from kit.steps.needs.logic import in_order, month_label, month_span
from kit.steps.needs.model import MAX_ROUND_LABEL, NeedAnswer, NeedRound

if TYPE_CHECKING:
    from kit.partnership import Partnership

ROUNDS: Table[NeedRound] = Table("need_rounds", NeedRound, owner="partnership_id")


def rounds(db: Database, partnership_id: str) -> list[NeedRound]:
    """The partnership's rounds as they were held. A label its answers carry without a
    round row (a file from an older kit, imported) stands as a closed round of its own,
    placed by its month (id "")."""
    found = {r.label: r for r in (ROUNDS.load(row) for row in db.read(
        "SELECT * FROM need_rounds WHERE partnership_id = :p", {"p": partnership_id}))}
    for row in db.read("SELECT DISTINCT a.round FROM need_answers a JOIN workshops w ON "
                       "w.id = a.workshop_id WHERE w.partnership_id = :p", {"p": partnership_id}):
        label = row["round"]
        if label not in found:
            opened, closed = month_span(label) or (0.0, 0.0)
            found[label] = NeedRound("", label, opened, closed)
    return in_order(found.values())


def answers(db: Database, partnership_id: str) -> list[NeedAnswer]:
    """Every answer given in the partnership, from each of its workshops and its page."""
    from kit.steps.needs.store import ANSWERS

    rows = db.read("SELECT a.* FROM need_answers a JOIN workshops w ON w.id = a.workshop_id "
                   "WHERE w.partnership_id = :p ORDER BY a.round, a.response, a.question, "
                   "a.category, a.id", {"p": partnership_id})
    return [ANSWERS.load(r) for r in rows]


def open_round(partnership: Partnership, label: str) -> NeedRound:
    """Open a round (coordinator only); the round open until now closes, since answers go
    to one round at a time. A label used before in the partnership is refused."""
    label = clean_text(label, field="label", max_length=MAX_ROUND_LABEL)

    def work(tx: Tx) -> NeedRound:
        partnership.check_key(tx)
        if tx.one("SELECT 1 AS x FROM need_rounds WHERE partnership_id = :p AND label = :l",
                  {"p": partnership.id, "l": label}) is not None or tx.one(
                "SELECT 1 AS x FROM need_answers a JOIN workshops w ON w.id = a.workshop_id "
                "WHERE w.partnership_id = :p AND a.round = :l",
                {"p": partnership.id, "l": label}) is not None:
            raise NeedsRoundExists(label=label)
        now = time.time()
        _close(tx, partnership.id, now)
        made = NeedRound(new_id("r"), label, now)
        tx.run(ROUNDS.insert(), ROUNDS.values(made, partnership.id))
        _bump(tx, partnership.id)
        return made

    return partnership.store.db.write(work)


def close_round(partnership: Partnership) -> None:
    """Close the open round (coordinator only); nothing happens when none is open. Answers
    given afterwards go into a round named by their month."""
    def work(tx: Tx) -> None:
        partnership.check_key(tx)
        if _close(tx, partnership.id, time.time()):
            _bump(tx, partnership.id)

    partnership.store.db.write(work)


def label_for_answer(tx: Tx, partnership_id: str, label: str | None = None) -> str:
    """The round an answer given now goes into: `label` when named (a round made for it,
    closed, if the partnership has none of that name), else the open round, else the
    round of this month (made and left open when there is none)."""
    now = time.time()
    if label is None:
        row = tx.one("SELECT label FROM need_rounds WHERE partnership_id = :p AND "
                     "closed_at IS NULL", {"p": partnership_id})
        if row is not None:
            return str(row["label"])
        label = month_label(now)
        made = NeedRound(new_id("r"), label, now)
    else:
        # a named round from the past (a script, a rehearsal): placed by its month if it is one
        opened, closed = month_span(label) or (now, now)
        made = NeedRound(new_id("r"), label, opened, closed)
    # two first answers of a month at once (PostgreSQL does not queue writers as SQLite
    # does) make the round once: the second insert gives way to the first
    tx.run(ROUNDS.insert() + " ON CONFLICT DO NOTHING", ROUNDS.values(made, partnership_id))
    return label


def _close(tx: Tx, partnership_id: str, now: float) -> bool:
    row = tx.one("SELECT id FROM need_rounds WHERE partnership_id = :p AND closed_at IS NULL",
                 {"p": partnership_id})
    if row is None:
        return False
    tx.run("UPDATE need_rounds SET closed_at = :t WHERE partnership_id = :p AND id = :i",
           {"t": now, "p": partnership_id, "i": row["id"]})
    return True


def _bump(tx: Tx, partnership_id: str) -> None:
    # every workshop's needs panel and board compare the partnership's rounds
    for row in tx.rows("SELECT id FROM workshops WHERE partnership_id = :p",
                       {"p": partnership_id}):
        bump(tx, row["id"], topics.NEEDS)
