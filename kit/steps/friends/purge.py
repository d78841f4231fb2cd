"""The friend programme's withdrawal and purge: a volunteer or a household leaving, and the
deletion of personal data some months after someone withdrew or a friendship ended (`kit purge
--friends`). What stays of a friendship is a count: municipality, dates, status, end reason.

Functions of a partnership's tovholder handle; `FriendsStore.withdraw` and `.purge` call them.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kit.core import errors
from kit.core.db import Tx
from kit.steps.friends.dates import add_months, day_of
from kit.steps.friends.errors import UnknownSignUp
from kit.steps.friends.model import OPEN_STATUSES, PURGE_AFTER_MONTHS, FriendStatus

if TYPE_CHECKING:
    from kit.partnership import Partnership


def withdraw(partnership: Partnership, signup_id: str, on: dt.date | str | None = None) -> None:
    """A volunteer or a household leaves (now, or on the day `on`): off the lists and
    the proposals at once, their data deleted at the purge `PURGE_AFTER_MONTHS` later."""
    stamp = time.time() if on is None else time.mktime(day_of(on, "date").timetuple())

    def work(tx: Tx) -> None:
        partnership.check_key(tx)
        found = False
        for table in ("friend_volunteers", "friend_households"):
            found = found or tx.one(
                f"SELECT 1 AS x FROM {table} WHERE partnership_id = :p AND id = :i",
                {"p": partnership.id, "i": str(signup_id)[:40]}) is not None
            tx.run(f"UPDATE {table} SET withdrawn_at = :t WHERE partnership_id = :p "
                   "AND id = :i AND withdrawn_at IS NULL",
                   {"t": stamp, "p": partnership.id, "i": signup_id})
        if not found:
            raise UnknownSignUp()
        tx.run("DELETE FROM friendships WHERE partnership_id = :p AND status = :s AND "
               "(refugee_id = :i OR volunteer_id = :i)",
               {"p": partnership.id, "s": FriendStatus.PROPOSED.value, "i": signup_id})

    partnership.store.db.write(work)


def purge(partnership: Partnership, months: int = PURGE_AFTER_MONTHS,
          today: dt.date | None = None, scrub: bool = True) -> dict[str, int]:
    """Delete the personal data of everyone who withdrew, or whose friendship ended,
    more than `months` months ago (a household with an ended friendship and none open;
    a volunteer only on withdrawal). Their friendships stay as counts: municipality,
    dates, status and end reason, without ids, reasons or check-in answers. Returns how
    many volunteers and households were deleted."""
    if isinstance(months, bool) or not isinstance(months, int) or months < 0:
        raise errors.InvalidValue(field="months", value=str(months)[:20])
    now = time.time() if today is None else time.mktime(
        (today + dt.timedelta(days=1)).timetuple())   # the end of the day given
    today = today or dt.date.today()
    cutoff = add_months(today, -months)
    stamp = now - (today - cutoff).days * 86400.0

    def work(tx: Tx) -> dict[str, int]:
        partnership.check_key(tx)
        p = {"p": partnership.id, "t": stamp}
        gone_v = [r["id"] for r in tx.rows(
            "SELECT id FROM friend_volunteers WHERE partnership_id = :p AND "
            "withdrawn_at IS NOT NULL AND withdrawn_at < :t", p)]
        pairs = tx.rows("SELECT refugee_id, status, ended_on FROM friendships "
                        "WHERE partnership_id = :p", p)
        still = {r["refugee_id"] for r in pairs if r["status"] in OPEN_STATUSES
                 and r["status"] != FriendStatus.PROPOSED.value}
        ended = {r["refugee_id"] for r in pairs if r["status"] == FriendStatus.ENDED.value
                 and r["ended_on"] < cutoff.isoformat()}
        gone_h = [r["id"] for r in tx.rows(
            "SELECT id, withdrawn_at FROM friend_households WHERE partnership_id = :p", p)
            if (r["withdrawn_at"] is not None and r["withdrawn_at"] < stamp)
            or (r["id"] in ended and r["id"] not in still)]
        for table, ids, column in (("friend_volunteers", gone_v, "volunteer_id"),
                                   ("friend_households", gone_h, "refugee_id")):
            for item in ids:
                q = {"p": partnership.id, "i": item}
                tx.run(f"DELETE FROM {table} WHERE partnership_id = :p AND id = :i", q)
                # their proposals and rejections go; a friendship stays as a count
                tx.run(f"DELETE FROM friendships WHERE partnership_id = :p AND {column} "
                       "= :i AND status IN ('proposed', 'rejected')", q)
                tx.run("DELETE FROM friend_checkins WHERE partnership_id = :p AND "
                       f"friendship_id IN (SELECT id FROM friendships WHERE "
                       f"partnership_id = :p AND {column} = :i)", q)
                tx.run(f"UPDATE friendships SET {column} = '', reasons = '', "
                       f"first_meeting = '' WHERE partnership_id = :p AND {column} = :i", q)
        return {"volunteers": len(gone_v), "households": len(gone_h)}

    counts = partnership.store.db.write(work)
    if scrub and (counts["volunteers"] or counts["households"]):
        partnership.store.db.scrub()
    return counts


def purge_all(partnerships: Iterable[Partnership], months: int = PURGE_AFTER_MONTHS,
              today: dt.date | None = None) -> dict[str, int]:
    """`FriendsStore.purge` of every partnership given (their tovholders' handles), the
    database scrubbed once at the end; the counts summed."""
    total = {"volunteers": 0, "households": 0}
    store = None
    for partnership in partnerships:
        found = partnership.friends.purge(months, today, scrub=False)
        total = {k: total[k] + found[k] for k in total}
        store = partnership.store
    if store is not None and any(total.values()):
        store.db.scrub()
    return total
