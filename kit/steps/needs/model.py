"""The needs check's data: the three questions and one anonymous answer row.

Nothing here names a person: an answer carries a random `response` id that ties the rows of
one filled-in form together (to count respondents), never a participant.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kit.core.model import Category

MAX_NEED_TEXT = 280


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


@dataclass(frozen=True)
class NeedAnswer:
    """One area picked for one question (`category`), or the free text given to it
    (`category` None). `round` names when the check was run ("2026-11"): a later round is
    the quality check of the first. `seen`: the facilitator has read the text; only then
    may the board show it."""

    id: str
    response: str
    round: str
    question: Question
    category: Category | None = None
    text: str = ""
    language: str = "da"
    seen: bool = False
