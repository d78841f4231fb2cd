"""The needs check's data: the three questions, who answered (a kind, never a person), one
anonymous answer row and the partnership's rounds the answers belong to.

Nothing here names a person: an answer carries a random `response` id that ties the rows of
one filled-in form together (to count respondents), never a participant.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kit.core.model import Category

MAX_NEED_TEXT = 280
MAX_ROUND_LABEL = 20
"""A round's label ("forår 2027"): it travels with each answer in the exchange file, whose
`round` column has always taken 20 characters."""


class Question(StrEnum):
    """The three questions, each answered by picking areas and, if one likes, a few words."""

    SVAEREST = "sværest"
    """What is hardest right now?"""
    HJAELPER = "hjælper"
    """What helps?"""
    MANGLER = "mangler"
    """What is missing?"""

    @property
    def field(self) -> str:
        """The name of the question's boxes in the standalone page's form (`kit.pages`): in
        ASCII, since Tornado reads a posted form's names as Latin-1 (`sværest` arrived as
        `svÃ¦rest`, and its answers were dropped); its few words go as `<field>_text`."""
        return self.name.lower()

    @property
    def key(self) -> str:
        return {"sværest": "needs.q.hardest", "hjælper": "needs.q.helps",
                "mangler": "needs.q.missing"}[self.value]


class Respondent(StrEnum):
    """Who filled in the form, as they said it themselves: the refugees' own answers are
    counted apart from the staff's and the volunteers' (who often fill it in, too)."""

    REFUGEE = "flygtning"
    STAFF = "medarbejder"
    VOLUNTEER = "frivillig"
    UNSAID = ""
    """Not asked: answers from before the form asked (and from the workshop's phones)."""

    @property
    def key(self) -> str:
        return f"rounds.who.{self.name.lower()}"


@dataclass(frozen=True)
class NeedRound:
    """A round of the needs check in a partnership ("forår 2027"), opened and closed by the
    coordinator; its answers may come from any of the partnership's workshops and from the
    standalone page. `closed_at` None: the round is open (at most one is)."""

    id: str
    label: str
    opened_at: float
    closed_at: float | None = None

    @property
    def open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class NeedAnswer:
    """One area picked for one question (`category`), or the free text given to it
    (`category` None). `round` is the label of the partnership's round it belongs to
    (`NeedRound.label`; older rounds are months, "2026-11"): a later round is the quality
    check of the first. `seen`: the facilitator has read the text; only then may the board
    show it. `respondent`: who answered, as they said it."""

    id: str
    response: str
    round: str
    question: Question
    category: Category | None = None
    text: str = ""
    language: str = "da"
    seen: bool = False
    respondent: Respondent = Respondent.UNSAID
