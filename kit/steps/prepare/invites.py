"""Invitations in the store (`workshop.invites`): the workshop's purpose, whom the
facilitator invited from the actor register and in which language, and the answers the
invitees give on their RSVP pages (`find_rsvp`, `InvitesStore.answer`). What the answers
mean is `kit.steps.prepare.rsvp` (pure).

An RSVP token opens one invitee's answer and nothing else: it is drawn long and random,
stored once (unique), never exported, and an answer changes only that row.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import TYPE_CHECKING

from kit.core import errors
from kit.core.base import CODE_ALPHABET, bump, new_code, new_id, normalise_code
from kit.core.context import StepStore
from kit.core.db import Tx
from kit.core.model import MAX_DESCRIPTION, MAX_NAME, MAX_TITLE, Status, Topic
from kit.core.rows import Settings, Table
from kit.core.validate import clean_choice, clean_language, clean_text
from kit.steps.prepare import topics
from kit.steps.prepare.errors import UnknownActor
from kit.steps.prepare.rsvp import TOKEN_LENGTH, DayDetails, Reply, Rsvp

if TYPE_CHECKING:
    from kit.store import Store
    from kit.workshop import Workshop

RSVPS: Table[Rsvp] = Table("rsvps", Rsvp)
DETAILS: Settings[DayDetails] = Settings("invitation_details", DayDetails)

MAX_PURPOSE = MAX_DESCRIPTION
"""A purpose is a few sentences: it goes into a letter and a text message."""


def clean_token(token: object) -> str:
    """A token as typed or linked (any case, with dashes), or "" if it cannot be one."""
    value = normalise_code(str(token or "")[:TOKEN_LENGTH * 2])
    ok = len(value) == TOKEN_LENGTH and set(value) <= set(CODE_ALPHABET)
    return value if ok else ""


def find_rsvp(store: Store, token: str) -> tuple[Workshop, Rsvp]:
    """The workshop and the invitation an RSVP token opens (a handle without the
    facilitator's key); `UnknownWorkshop` for anything else, the same for every wrong."""
    from kit.workshop import Workshop

    clean = clean_token(token)
    rows = store.db.read("SELECT r.*, w.code FROM rsvps r JOIN workshops w ON "
                         "w.id = r.workshop_id WHERE r.token = :t", {"t": clean}) if clean else []
    if not rows:
        raise errors.UnknownWorkshop(code=str(token or "")[:20])
    row = rows[0]
    return Workshop(store, row["workshop_id"], row["code"], None), RSVPS.load(row)


class InvitesStore(StepStore):
    """What the invitations say of the day, whom they go to, and the answers
    (`workshop.invites`)."""

    # -- what the invitation says of the day ----------------------------------------------
    def details(self) -> DayDetails:
        """The workshop's purpose, place and hours ("" while unknown)."""
        return self.ctx.settings(DETAILS)

    def set_details(self, purpose: str | None = None, place: str | None = None,
                    hours: str | None = None) -> DayDetails:
        """Change what the invitations say (facilitator): what the workshop is for, in a
        few sentences, where and when ("Rådhuset, sal 2", "17.00-20.00"); None keeps a
        field, "" clears it."""
        now = self.details()
        clean = DayDetails(
            clean_text(now.purpose if purpose is None else purpose, field="purpose",
                       max_length=MAX_PURPOSE, required=False, multiline=True),
            clean_text(now.place if place is None else place, field="place",
                       max_length=MAX_TITLE, required=False),
            clean_text(now.hours if hours is None else hours, field="hours",
                       max_length=MAX_NAME, required=False))
        self.ctx.set_settings(DETAILS, asdict(clean), Topic.WORKSHOP)
        return clean

    # -- whom to invite -----------------------------------------------------------------
    def rsvps(self) -> list[Rsvp]:
        """Every invitation of this workshop, in the order they were made (facilitator)."""
        self.ctx.require_facilitator()  # the tokens are the invitees' keys
        rows = self._db.read("SELECT * FROM rsvps WHERE workshop_id = :w ORDER BY "
                             "created_at, id", {"w": self.id})
        return [RSVPS.load(r) for r in rows]

    def invite(self, actor_id: str, language: str = "da") -> Rsvp:
        """Invite an actor of the register, written to in Danish and `language`; inviting
        one already invited changes only the language (the link sent stays valid)."""
        language = clean_language(language)

        def work(tx: Tx) -> Rsvp:
            q = {"w": self.id, "a": str(actor_id)}
            if tx.one("SELECT 1 AS x FROM actors WHERE workshop_id = :w AND id = :a",
                      q) is None:
                raise UnknownActor()
            old = tx.one("SELECT * FROM rsvps WHERE workshop_id = :w AND actor_id = :a", q)
            if old is not None:
                tx.run("UPDATE rsvps SET language = :l WHERE workshop_id = :w AND id = :i",
                       {"w": self.id, "i": old["id"], "l": language})
                return RSVPS.load({**old, "language": language})
            rsvp = Rsvp(new_id("r"), str(actor_id), language, new_code(TOKEN_LENGTH))
            tx.run(RSVPS.insert("created_at"),
                   RSVPS.values(rsvp, self.id, created_at=time.time()))
            return rsvp

        return self.ctx.as_facilitator(work, topics.ACTORS)

    def uninvite(self, actor_id: str) -> None:
        """Withdraw an invitation: its link opens nothing any more."""
        self.ctx.facilitate("DELETE FROM rsvps WHERE workshop_id = :w AND actor_id = :a",
                            {"a": str(actor_id)}, topics.ACTORS)

    # -- the invitee's answer -----------------------------------------------------------
    def answer(self, token: str, reply: Reply | str) -> Rsvp:
        """The invitee's answer on their RSVP page (no key: the token is theirs); they may
        change it while the workshop is open."""
        clean = clean_token(token)
        value = clean_choice(reply, Reply, field="answer")

        def work(tx: Tx) -> Rsvp:
            head = tx.one("SELECT status FROM workshops WHERE id = :w", {"w": self.id})
            if head is None:
                raise errors.UnknownWorkshop(code=self.code)
            if head["status"] != Status.OPEN:
                raise errors.WorkshopClosed(code=self.code)
            row = tx.one("UPDATE rsvps SET answer = :v, answered_at = :t WHERE "
                         "workshop_id = :w AND token = :k RETURNING *",
                         {"w": self.id, "k": clean, "v": value.value, "t": time.time()})
            if not clean or row is None:
                raise errors.UnknownWorkshop(code=self.code)
            bump(tx, self.id, topics.ACTORS)
            return RSVPS.load(row)

        return self._db.write(work)


__all__ = ["RSVPS", "InvitesStore", "clean_token", "find_rsvp"]
