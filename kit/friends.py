"""`kit.friends`: the friend programme's pure functions under their documented name (they
live in `kit.steps.friends`): `match`, `gap`, `campaign`, `campaign_text`, `municipalities`,
`map_svg` and `map_table`."""

from kit.steps.friends.gap import campaign, campaign_text, gap
from kit.steps.friends.logic import (
    FriendsBadValue,
    FriendsDuplicateId,
    FriendsInputError,
    FriendsMissingColumn,
    match,
)
from kit.steps.friends.map import map_svg, map_table, municipalities

__all__ = ["FriendsBadValue", "FriendsDuplicateId", "FriendsInputError",
           "FriendsMissingColumn", "campaign", "campaign_text", "gap", "map_svg", "map_table",
           "match", "municipalities"]
