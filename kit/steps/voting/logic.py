"""Step 5, prioritising: count the dots, raw and sector-balanced.

`tally` is pure: it takes the `votes` DataFrame (participant_id, theme_id, dots) and the
`participants` DataFrame (id, sector) and returns one row per theme that got dots, with the
dots, a score, a rank (ties share the smallest rank, as in 1, 1, 3) and one column of dots per
sector. With `weighting="sector"` every sector that voted weighs the same in total: a sector's
dots are scaled by total_dots / (number_of_voting_sectors × that sector's dots). So a room with
twelve municipal staff and four volunteers cannot decide for the volunteers by numbers alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from kit.core.model import Sector

if TYPE_CHECKING:
    import pandas as pd

SECTORS = [s.value for s in Sector]
COLUMNS = ["theme_id", "dots", "score", "rank", *SECTORS]
Weighting = Literal["none", "sector"]


def tally(votes: pd.DataFrame, participants: pd.DataFrame,
          weighting: Weighting = "none") -> pd.DataFrame:
    import pandas as pd

    if weighting not in ("none", "sector"):
        raise ValueError(f"weighting must be 'none' or 'sector', not {weighting!r}")
    if votes.empty:
        return pd.DataFrame(columns=COLUMNS)
    sector_of = dict(zip(participants["id"], participants["sector"], strict=True))
    frame = votes.assign(sector=votes["participant_id"].map(sector_of))
    if frame["sector"].isna().any():
        missing = sorted(frame.loc[frame["sector"].isna(), "participant_id"].unique())
        raise ValueError(f"votes from unknown participants: {missing}")
    per_sector = (frame.pivot_table(index="theme_id", columns="sector", values="dots",
                                    aggfunc="sum", fill_value=0)
                  .reindex(columns=SECTORS, fill_value=0))
    out = per_sector.copy()
    out["dots"] = per_sector.sum(axis=1)
    if weighting == "sector":
        sector_totals = per_sector.sum(axis=0)
        voting = sector_totals[sector_totals > 0]
        total = sector_totals.sum()
        scale = total / (len(voting) * voting)
        out["score"] = (per_sector[voting.index] * scale).sum(axis=1)
    else:
        out["score"] = out["dots"].astype(float)
    out["score"] = out["score"].round(6)
    out["rank"] = out["score"].rank(method="min", ascending=False).astype(int)
    out = out.reset_index().sort_values(["rank", "theme_id"], kind="stable")
    out[SECTORS] = out[SECTORS].astype(int)
    out["dots"] = out["dots"].astype(int)
    return out[COLUMNS].reset_index(drop=True)
