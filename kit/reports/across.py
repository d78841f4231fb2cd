"""Several workshops side by side, for analysts: every table of every workshop in one
DataFrame per table (with the workshop's id, title and date on each row), and the few
comparisons people ask for first — participation by sector, themes chosen, follow-up status.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from kit.core import Workshop


def combine(workshops: Iterable[Workshop]) -> dict[str, pd.DataFrame]:
    """{table: frame} over all `workshops`; each row carries workshop_id, workshop, date."""
    import pandas as pd

    parts: dict[str, list[pd.DataFrame]] = {}
    for w in workshops:
        state = w.state()
        for table, frame in w.frames().items():
            if table == "workshop":
                continue
            parts.setdefault(table, []).append(frame.assign(
                workshop_id=state.id, workshop=state.title, date=state.date))
    return {table: pd.concat(frames, ignore_index=True) for table, frames in parts.items()}


def participation(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Participants per workshop (rows, by date) and sector (columns)."""
    import pandas as pd

    from kit.core.model import Sector

    p = frames["participants"]
    table = pd.crosstab([p["date"], p["workshop"]], p["sector"])
    return table.reindex(columns=[s.value for s in Sector], fill_value=0)


def chosen_themes(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The themes each workshop chose for working groups, with their dots."""
    themes, votes = frames["themes"], frames["votes"]
    dots = votes.groupby(["workshop_id", "theme_id"])["dots"].sum().rename("dots")
    chosen = themes[themes["chosen"].astype(bool)]
    out = chosen.merge(dots, left_on=["workshop_id", "id"], right_index=True, how="left")
    return out[["date", "workshop", "label", "dots"]].fillna({"dots": 0}).sort_values(
        ["date", "dots"], ascending=[True, False], ignore_index=True)


def follow_up_status(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Groups per status and actions per status, per workshop (rows by date)."""
    import pandas as pd

    g, a = frames["groups"], frames["actions"]
    return {"groups": pd.crosstab([g["date"], g["workshop"]], g["status"]),
            "actions": pd.crosstab([a["date"], a["workshop"]], a["status"])}
