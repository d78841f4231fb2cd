"""Invitations to the workshop, drawn from the actor register, and the answers to them (pure:
no widgets, no SQL). An invitee answers yes, no or maybe on their RSVP page; what the console
shows before the day is the register's own balance check (`register_overview`) applied to
whom was invited and to who said yes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kit.core.model import LANGUAGES
from kit.steps.prepare.logic import RegisterOverview, register_overview
from kit.steps.prepare.model import Actor

TOKEN_LENGTH = 24
"""An RSVP token's length in the join codes' alphabet: 31²⁴ ≈ 10³⁵ tokens, so guessing one
is hopeless even before the wait after wrong codes."""


class Reply(StrEnum):
    """An invitee's answer."""

    YES = "yes"
    NO = "no"
    MAYBE = "maybe"

    @property
    def key(self) -> str:
        """Its catalog key (the button on the RSVP page, the console's count)."""
        return f"rsvp.reply.{self.value}"


@dataclass(frozen=True)
class Rsvp:
    """One actor invited to one workshop: the language they are written to in (besides
    Danish), the token of their RSVP page and their answer ("" until they give one)."""

    id: str
    actor_id: str
    language: str = "da"
    token: str = ""
    answer: Reply | str = ""
    answered_at: float | None = None


@dataclass(frozen=True)
class DayDetails:
    """What an invitation says of the day besides its title and date: what it is for, where
    and when (each as the facilitator typed it, "" while unknown)."""

    purpose: str = ""
    place: str = ""
    hours: str = ""


@dataclass(frozen=True)
class InvitedOverview:
    """Whom the workshop invited and what they said, with the register's balance check for
    both the invited list and those who said yes."""

    invited: list[Actor]
    counts: dict[str, int]
    """Per `Reply` value and "" (no answer yet): how many invitees."""
    balance: RegisterOverview
    """The balance check over everyone invited."""
    yes_balance: RegisterOverview
    """... over those who said yes: the room as it looks before the day."""


def invited_overview(actors: Iterable[Actor], rsvps: Iterable[Rsvp],
                     participant_sectors: Iterable[str] = ()) -> InvitedOverview:
    """The invited list's balance and answers. An invitation whose actor has left the
    register is not counted."""
    by_id = {a.id: a for a in actors}
    mine = [r for r in rsvps if r.actor_id in by_id]
    invited = [by_id[r.actor_id] for r in mine]
    yes = [by_id[r.actor_id] for r in mine if r.answer == Reply.YES]
    counts = Counter(str(r.answer) for r in mine)
    sectors = list(participant_sectors)
    return InvitedOverview(invited, {k: counts.get(k, 0) for k in (*Reply, "")},
                           register_overview(invited, sectors), register_overview(yes))


def letter_languages(language: str) -> tuple[str, ...]:
    """The languages an invitation is written in: Danish, then the invitee's own if it is
    another one the kit speaks."""
    return ("da",) if language == "da" or language not in LANGUAGES else ("da", language)


__all__ = ["TOKEN_LENGTH", "DayDetails", "InvitedOverview", "Reply", "Rsvp", "invited_overview",
           "letter_languages"]
