"""Step 5, prioritising: count the dots, raw and sector-balanced.

`tally` is pure: it takes the `votes` DataFrame (participant_id, theme_id, dots) and the
`participants` DataFrame (id, sector) and returns one row per theme that got dots, with the
dots, a score, a rank (ties share the smallest rank, as in 1, 1, 3) and one column of dots per
sector. With `weighting="sector"` every sector that voted weighs the same in total: a sector's
dots are scaled by total_dots / (number_of_voting_sectors × that sector's dots). So a room with
twelve municipal staff and four volunteers cannot decide for the volunteers by numbers alone.

`tally_rows` is the same count on plain rows, in pure Python: the board shows the results
with it and never loads pandas; `tally` is built on it, so the two cannot disagree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from kit.core.model import Sector

if TYPE_CHECKING:
    import pandas as pd

SECTORS = [s.value for s in Sector]
COLUMNS = ["theme_id", "dots", "score", "rank", *SECTORS]
Weighting = Literal["none", "sector"]


def _missing(value: object) -> bool:
    """No sector, as pandas sees it: None, NaN or pandas' NA (without importing pandas)."""
    return (value is None or (isinstance(value, float) and math.isnan(value))
            or type(value).__name__ == "NAType")


def tally_rows(votes: Iterable[tuple[Any, Any, Any]], sector_of: Mapping[Any, Any],
               weighting: Literal["none", "sector"] = "none") -> list[dict[str, Any]]:
    """`tally` on plain data: `votes` as (participant_id, theme_id, dots), `sector_of` a
    participant's sector by id. One dict per theme with the keys of `COLUMNS`, in rank order.
    The arithmetic is pandas' own (sums in sector order; rounding as numpy rounds)."""
    if weighting not in ("none", "sector"):
        raise ValueError(f"weighting must be 'none' or 'sector', not {weighting!r}")
    per_theme: dict[Any, dict[str, Any]] = {}
    missing = set()
    for participant, theme, dots in votes:
        sector = sector_of.get(participant)
        if _missing(sector):
            missing.add(participant)
            continue
        counts = per_theme.setdefault(theme, dict.fromkeys(SECTORS, 0))
        if sector in counts:  # a sector this version does not know counts for no one
            counts[sector] += dots
    if missing:
        raise ValueError(f"votes from unknown participants: {sorted(missing)}")
    if not per_theme:
        return []
    scores: dict[Any, float] = {}
    if weighting == "sector":
        totals = {s: sum(c[s] for c in per_theme.values()) for s in SECTORS}
        voting = [s for s in SECTORS if totals[s] > 0]
        total = sum(totals.values())
        scale = {s: total / (len(voting) * totals[s]) for s in voting}
        for theme, counts in per_theme.items():
            scores[theme] = float(sum(counts[s] * scale[s] for s in voting))
    else:
        for theme, counts in per_theme.items():
            scores[theme] = float(sum(counts[s] for s in SECTORS))
    # numpy's round(6): scale, round half to even, scale back (Python's round differs).
    scores = {theme: round(score * 1e6) / 1e6 for theme, score in scores.items()}
    rows = []
    for theme in sorted(per_theme):
        counts = per_theme[theme]
        rank = 1 + sum(1 for other in scores.values() if other > scores[theme])
        rows.append({"theme_id": theme, "dots": int(sum(counts[s] for s in SECTORS)),
                     "score": scores[theme], "rank": rank,
                     **{s: int(counts[s]) for s in SECTORS}})
    rows.sort(key=lambda r: r["rank"])  # stable: by theme within a rank
    return rows


def tally(votes: pd.DataFrame, participants: pd.DataFrame,
          weighting: Weighting = "none") -> pd.DataFrame:
    import pandas as pd

    if weighting not in ("none", "sector"):
        raise ValueError(f"weighting must be 'none' or 'sector', not {weighting!r}")
    if votes.empty:
        return pd.DataFrame(columns=COLUMNS)
    sector_of = dict(zip(participants["id"], participants["sector"], strict=True))
    rows = tally_rows(zip(votes["participant_id"], votes["theme_id"], votes["dots"],
                          strict=True), sector_of, weighting)
    out = pd.DataFrame(rows, columns=COLUMNS)
    out.columns.name = "sector"  # as the pivot over sectors named them: the frame is unchanged
    return out
