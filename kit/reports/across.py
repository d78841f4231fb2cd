"""Several workshops side by side, for analysts: every table of every workshop in one
DataFrame per table (with the workshop's id, title and date on each row), and the few
comparisons people ask for first — participation by sector, themes chosen, follow-up status,
the refugees' needs round by round, the ground rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from kit.workshop import Workshop


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


def needs_over_time(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The needs check round by round: per workshop and round (rows), the share of
    respondents (in %) who named each area (columns) hardest or missing. A later round of
    the same questions is the quality check of the offers the earlier one led to."""
    import pandas as pd

    from kit.core.model import Category

    a = frames["need_answers"]
    columns = [c.value for c in Category]
    if a.empty:
        return pd.DataFrame(columns=columns)
    keys = ["date", "workshop", "round"]
    people = a.groupby(keys)["response"].nunique().rename("people").reset_index()
    named = a[a["question"].isin(["sværest", "mangler"]) & a["category"].notna()]
    counts = named.groupby([*keys, "category"])["response"].nunique().rename("n").reset_index()
    counts = counts.merge(people, on=keys)
    counts["share"] = (100 * counts["n"] / counts["people"]).round()
    table: pd.DataFrame = counts.pivot_table(index=keys, columns="category", values="share",
                                             fill_value=0)
    table = table.reindex(columns=columns, fill_value=0)
    return table.astype(int)


def ground_rules_over_time(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The ground rules per workshop (rows by date): settled tasks per division, tasks still
    open, and the house rules agreed."""
    import pandas as pd

    from kit.model import Division

    tasks, rules = frames["rule_tasks"], frames["house_rules"]
    settled = tasks.assign(settled=tasks["settled"].replace("", "open"))
    table = pd.crosstab([settled["date"], settled["workshop"]], settled["settled"])
    table = table.reindex(columns=[*(d.value for d in Division), "open"], fill_value=0)
    agreed = rules[rules["agreed"].astype(bool)].groupby(["date", "workshop"]).size()
    return table.assign(house_rules=agreed.reindex(table.index, fill_value=0))
