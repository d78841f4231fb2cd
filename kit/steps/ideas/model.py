"""The ideas step's data: notes answering the method's two questions, and the themes
the room groups them into."""

from __future__ import annotations

from dataclasses import dataclass

from kit.core.model import Prompt as Prompt  # the two questions ideas answer (lives in core)


@dataclass(frozen=True)
class Idea:
    id: str
    participant_id: str
    prompt: Prompt
    text: str
    theme_id: str | None = None


@dataclass(frozen=True)
class Theme:
    """A group of ideas. Two flags, two concepts, never one word for the other:

    - `selected`: a candidate for the vote (marked on the theme board, `select_theme`);
    - `chosen`: goes on to a working group after the vote (`voting.choose_themes`).

    Any other selection on screen (a dropdown, the ideas picked for a split) is "picked".
    `needs`, `use_each_other`, `team`: the theme's discussion, the room's answers to the
    method's three guiding questions, noted in the voting step (`voting.set_discussion`)."""

    id: str
    label: str
    selected: bool = False
    needs: str = ""
    use_each_other: str = ""
    team: str = ""
    chosen: bool = False
    area: str = ""
    """Its area of the integration field (a `kit.model.Category` value; "" while none is
    known): shown as a pictogram and a name in each viewer's language beside the label."""
