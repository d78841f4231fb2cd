"""The national view of the friend programme for one organisation or for all: the gap per
municipality and the campaign target computed from the same optimal proposals, with the
volunteers (and the active friendships they are in) of one organisation only when asked.
Counts only: nothing here carries a name. Pure: no widgets, no SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from kit.steps.friends.gap import campaign, campaign_text, gap
from kit.steps.friends.logic import match


@dataclass(frozen=True)
class National:
    """`gap` as `kit.friends.gap` returns it; `target` as `campaign`; `text` its sentence."""

    gap: pd.DataFrame
    target: pd.DataFrame
    text: str


def national(tables: Mapping[str, pd.DataFrame], organisations: Mapping[str, str],
             organisation: str | None = None, today: dt.date | None = None,
             language: str = "da") -> National:
    """The gap and the campaign from `FriendsStore.frames()` tables. `organisations` gives
    each volunteer id its organisation; with `organisation`, only that organisation's
    volunteers count as places and only their friendships as active (the households
    waiting are everyone's: both organisations serve the same list)."""
    waiting, volunteers = tables["waiting"], tables["volunteers"]
    friendships = tables["friendships"]
    active = friendships[friendships["status"] == "active"]
    if organisation:
        volunteers = volunteers[volunteers["organisation"] == organisation]
        active = active[active["volunteer_id"].map(organisations) == organisation]
    # one matching for both figures: the gap and the target then tell the same story
    proposed = match(waiting, volunteers, today=today, language=language)
    found = gap(waiting, volunteers, active, proposed=proposed, today=today)
    target = campaign(waiting, volunteers, proposed=proposed, today=today, language=language)
    return National(found, target, campaign_text(target, None, language))
