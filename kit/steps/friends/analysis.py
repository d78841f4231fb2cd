"""The friend programme over time, for analysts: the waiting list and the friendships going
at each month's end, and how long friendships last as a Kaplan–Meier survival curve (by hand
with pandas: a product over the days a friendship ended, those still going counted as long as
they have lasted). Inputs are the no-name tables of `FriendsStore.frames()`.
Pure: no widgets, no SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.astype(str).where(values.astype(str) != ""), errors="coerce")


def over_time(signed_up: Iterable[str], friendships: pd.DataFrame, first: str,
              last: str) -> pd.DataFrame:
    """At the end of each month from `first` to `last` ("YYYY-MM"): `waiting` (signed up by
    then, not yet introduced to a friend) and `active` (met by then, not ended by then),
    indexed by the month."""
    months = pd.date_range(pd.Period(first, "M").end_time.normalize(),
                           pd.Period(last, "M").end_time.normalize(), freq="ME")
    signed = pd.to_datetime(pd.Series(list(signed_up), dtype=str))
    introduced = _dates(friendships["introduced_on"])
    active, ended = _dates(friendships["active_on"]), _dates(friendships["ended_on"])
    return pd.DataFrame({
        "waiting": [int((signed <= m).sum() - (introduced <= m).sum()) for m in months],
        "active": [int(((active <= m) & ~(ended <= m)).sum()) for m in months],
    }, index=pd.Index(months.strftime("%Y-%m"), name="month"))


def survival(friendships: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Kaplan–Meier over the friendships that became active: one row per day count on which
    any ended or was last seen (0 first), with `at_risk`, `ended` and `survival`, the share
    still going that many days after the pair met. Friendships going on `today` are censored
    there."""
    started = friendships[friendships["active_on"].astype(str) != ""]
    ended = started["ended_on"].astype(str)
    stop = pd.to_datetime(ended.where(ended != "", today.isoformat()))
    lasted = pd.DataFrame({"days": (stop - pd.to_datetime(started["active_on"])).dt.days,
                           "ended": (ended != "").astype(int)})
    events = lasted.groupby("days")["ended"].agg(ended="sum", left="size")
    events["at_risk"] = len(lasted) - events["left"].cumsum().shift(fill_value=0)
    events["survival"] = (1 - events["ended"] / events["at_risk"]).cumprod()
    out = pd.DataFrame(events[["at_risk", "ended", "survival"]])
    if 0 in out.index:   # some ended the day they met: the curve starts below 1
        return out
    head = pd.DataFrame({"at_risk": [len(lasted)], "ended": [0], "survival": [1.0]},
                        index=pd.Index([0], name="days"))
    return pd.concat([head, out]).rename_axis("days")


def share_at(curve: pd.DataFrame, days: int) -> float:
    """The survival curve's value `days` after meeting (the last step at or before it)."""
    return float(curve.loc[curve.index <= days, "survival"].iloc[-1])
