"""The prioritising step's data of its own: the vote's rules and state for one workshop."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VotingSettings:
    """The vote of one workshop (the `voting_settings` row, issue 26): its rules, whether it
    is open, whether the results are shown, and why the chosen themes depart from its order.
    The workshop's state (`WorkshopState`) shows the apps all but the reason."""

    dots_per_participant: int = 3
    max_dots_per_theme: int | None = None
    results_hidden: bool = True
    voting_open: bool = False
    revealed: bool = False
    choice_reason: str = ""
    """Why the chosen themes are not simply the vote's first ones ("" when none was written)."""
