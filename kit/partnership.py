"""The partnership handle (issue 27): a municipality's local collaboration with civil society,
the top of the store. It lasts for years; its workshops are events in it; its public pages
(the living overview and the needs check, `kit.pages`) answer under its own public code
until the partnership itself is archived, whatever became of its workshops.

A coordinator's handle carries the partnership's coordinator key (from
`Store.create_partnership`, or from a facilitator's workshop handle: `workshop.partnership`);
a handle without it may read but not change anything.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING

from kit.core import errors
from kit.core.base import _clean_date, bump, same_secret
from kit.core.db import Database, Tx
from kit.core.model import (
    MAX_NAME,
    PartnershipState,
    PartnershipStatus,
    Topic,
    WorkshopState,
)
from kit.core.rows import Table
from kit.core.validate import clean_text

if TYPE_CHECKING:
    from kit.core.sheets import PartnershipRows
    from kit.steps.follow_up.meeting_store import ForumMeetings
    from kit.steps.friends.store import FriendsStore
    from kit.steps.needs.logic import RoundNeeds
    from kit.steps.needs.model import NeedRound
    from kit.store import Store
    from kit.workshop import Workshop

PARTNERSHIPS: Table[PartnershipState] = Table("partnerships", PartnershipState, owned=False)


class Partnership:
    """A live handle on one partnership in a store; cheap to create, safe to keep."""

    def __init__(self, store: Store, partnership_id: str, key: str | None) -> None:
        self.store = store
        self.id = partnership_id
        self.coordinator_key = key

    def __repr__(self) -> str:
        return f"<Partnership id={self.id}>"

    @property
    def _db(self) -> Database:
        return self.store.db

    # -- reading ----------------------------------------------------------------------
    def state(self) -> PartnershipState:
        rows = self._db.read("SELECT * FROM partnerships WHERE id = :p", {"p": self.id})
        if not rows:
            raise errors.UnknownPartnership()
        return PARTNERSHIPS.load(rows[0])

    @property
    def public_code(self) -> str:
        """The read-only code of the public pages; it opens nothing else."""
        return self.state().public_code

    @property
    def name(self) -> str:
        return self.state().name

    def workshops(self) -> list[WorkshopState]:
        """The partnership's workshops, the earliest first (by date, then creation)."""
        from kit.workshop import read_states

        return read_states(self._db, "WHERE w.partnership_id = :p ORDER BY w.date, "
                           "w.created_at", {"p": self.id})

    def latest(self) -> Workshop | None:
        """The partnership's latest workshop (the one its public pages show), as a
        participant's handle; None before the first."""
        from kit.workshop import Workshop

        found = self.workshops()
        if not found:
            return None
        last = found[-1]
        return Workshop(self.store, last.id, last.code, None)

    def rows(self) -> PartnershipRows:
        """The whole partnership as exchange rows (`kit.exchange_partnership`): its row
        (never the coordinator key), the tables it owns, each workshop's rows."""
        from kit.core.sheets import PARTNERSHIP, PartnershipRows
        from kit.exchange_partnership import PARTNERSHIP_SHEETS
        from kit.workshop import Workshop

        found = self._db.read("SELECT * FROM partnerships WHERE id = :p", {"p": self.id})
        if not found:
            raise errors.UnknownPartnership()
        head = {c.name: found[0][c.name] for c in PARTNERSHIP.columns}
        owned = {}
        for sheet in PARTNERSHIP_SHEETS:
            bools = {c.name for c in sheet.columns if c.kind == "bool"}
            owned[sheet.name] = [
                {c.name: (bool(r[c.name]) if c.name in bools else r[c.name])
                 for c in sheet.columns}
                for r in sorted(self._db.read(f"SELECT * FROM {sheet.table_name} WHERE "
                                              "partnership_id = :p", {"p": self.id}),
                                key=partial(_by_key, sheet.key))]
        return PartnershipRows(head, owned, tuple(
            Workshop(self.store, w.id, w.code, None).rows() for w in self.workshops()))
    @property
    def fora(self) -> ForumMeetings:
        """The meetings of the partnership's fora: attendance, minutes, decisions and
        follow-up actions (`kit.steps.follow_up.meeting_store`)."""
        from kit.steps.follow_up.meeting_store import ForumMeetings

        return ForumMeetings(self)
    @property
    def friends(self) -> FriendsStore:
        """The partnership's friend programme (issue 28): sign-ups, matching, friendships."""
        from kit.steps.friends.store import FriendsStore

        return FriendsStore(self)

    # -- coordinating -----------------------------------------------------------------
    def check_key(self, tx: Tx) -> None:
        """Raises unless this handle carries the partnership's coordinator key."""
        row = tx.one("SELECT coordinator_key FROM partnerships WHERE id = :p", {"p": self.id})
        if row is None:
            raise errors.UnknownPartnership()
        if self.coordinator_key is None or not same_secret(self.coordinator_key,
                                                           row["coordinator_key"]):
            raise errors.CoordinatorOnly()

    def create_workshop(self, title: str, date: str | None = None,
                        language: str = "da") -> Workshop:
        """A new open workshop in this partnership (coordinator only); its handle carries
        the new workshop's facilitator key. It builds on the partnership's latest workshop
        before it: the actor register, the current offers (marked as carried over), the
        running working groups and the fora come along under the same ids (`kit.carry`)."""
        self._db.write(self.check_key)
        return self.store._create_workshop(self.id, title, self.state().municipality, date,
                                           language, carry=True)

    def rename(self, name: str) -> None:
        name = clean_text(name, field="name", max_length=MAX_NAME)
        self._write("UPDATE partnerships SET name = :n WHERE id = :p", {"n": name})

    def set_agreement(self, start: str | None = None, end: str | None = None,
                      review: str | None = None) -> None:
        """The agreement's period and review date (ISO dates); "" clears one, None keeps it."""
        s = self.state()

        def date(value: str | None, old: str, field: str) -> str:
            if value is None:
                return old
            if value == "":
                return ""
            try:
                return _clean_date(value)
            except errors.InvalidValue:
                raise errors.InvalidValue(field=field, value=str(value)[:40]) from None

        values = {"a": date(start, s.agreement_start, "agreement_start"),
                  "b": date(end, s.agreement_end, "agreement_end"),
                  "r": date(review, s.agreement_review, "agreement_review")}
        if values["a"] and values["b"] and values["b"] < values["a"]:
            raise errors.AgreementEndsBeforeStart(start=values["a"], end=values["b"])
        if values["a"] and values["r"] and values["r"] < values["a"]:
            raise errors.ReviewBeforeStart(start=values["a"], review=values["r"])
        self._write("UPDATE partnerships SET agreement_start = :a, agreement_end = :b, "
                    "agreement_review = :r WHERE id = :p", values)

    def archive(self) -> None:
        """Archive the partnership: its public pages stop answering (`unarchive` brings it
        back); its workshops and data stay."""
        self._write("UPDATE partnerships SET status = 'archived', archived_at = :t "
                    "WHERE id = :p AND status = 'active'", {"t": time.time()})

    def unarchive(self) -> None:
        self._write("UPDATE partnerships SET status = 'active', archived_at = NULL "
                    "WHERE id = :p", {})

    @property
    def archived(self) -> bool:
        return self.state().status == PartnershipStatus.ARCHIVED

    # -- the needs check's rounds (issue 27, rounds) -----------------------------------------
    def needs_rounds(self) -> list[NeedRound]:
        """The needs check's rounds, as they were held (at most one open)."""
        from kit.steps.needs import rounds

        return rounds.rounds(self._db, self.id)

    def open_needs_round(self, label: str) -> NeedRound:
        """Open a needs round ("forår 2027"; coordinator only), closing the open one."""
        from kit.steps.needs import rounds

        return rounds.open_round(self, label)

    def close_needs_round(self) -> None:
        """Close the open needs round (coordinator only)."""
        from kit.steps.needs import rounds

        rounds.close_round(self)

    def needs_comparison(self) -> list[RoundNeeds]:
        """Every needs round against the one before, with the answers of all the
        partnership's workshops and of its page, the refugees apart from staff and
        volunteers, beside the latest workshop's offers."""
        from kit.steps.needs import rounds
        from kit.steps.needs.logic import compare, coverage

        latest = self.latest()
        offers = coverage((c.category, c.retired) for c in latest.timeline.cards()) \
            if latest is not None else coverage([])
        return compare(rounds.rounds(self._db, self.id), rounds.answers(self._db, self.id),
                       offers)

    def _write(self, sql: str, params: Mapping[str, object]) -> None:
        def work(tx: Tx) -> None:
            self.check_key(tx)
            tx.run(sql, {**params, "p": self.id})
            # every workshop's screens may show the partnership (its name, its pages)
            for row in tx.rows("SELECT id FROM workshops WHERE partnership_id = :p",
                               {"p": self.id}):
                bump(tx, row["id"], Topic.WORKSHOP)

        self._db.write(work)


def _by_key(key: tuple[str, ...], row: Mapping[str, object]) -> tuple[str, ...]:
    """A row's place in its sheet: by the sheet's key (as a file is written)."""
    return tuple(str(row[k]) for k in key)


def new_coordinator_key() -> str:
    return secrets.token_urlsafe(16)
