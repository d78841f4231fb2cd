"""The gap per municipality and the campaign target per language, as pure functions: how many
households wait, how many places volunteers have free, how many friendships are active, the
longest wait, and, from what the optimal matching leaves unmatched, how many more volunteers
speaking which language it would take to match everyone. Counts only, never a name.
Pure: no widgets, no SQL.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

import numpy as np
import pandas as pd

from kit.i18n import t
from kit.steps.friends.logic import (
    FriendsBadValue,
    _frame,
    _listed,
    language_name,
    read_exclude,
    read_volunteers,
    read_waiting,
)

GAP_COLUMNS = ("municipality", "waiting", "places", "active", "longest_wait_days", "matched",
               "unmatched", "places_left")
"""`waiting` households on the list; `places` free with volunteers (their summed capacity);
`active` friendships; `longest_wait_days`; `matched` the households the optimal matching
proposes a friend; `unmatched` the rest (the gap); `places_left` after the proposals."""


def _proposed(households: pd.DataFrame, people: pd.DataFrame, proposed: object,
              exclude: object, same_municipality: bool) -> tuple[np.ndarray, np.ndarray]:
    """Row positions (households, volunteers) of the proposed pairs: `proposed` as `match`
    returned it, or the optimal matching computed here."""
    if proposed is None:
        from kit.steps.friends.solver import solve

        pairs = solve(households, people, read_exclude(exclude), same_municipality)
        return (np.array([i for i, _ in pairs], dtype=np.int64),
                np.array([j for _, j in pairs], dtype=np.int64))
    frame = _frame(proposed, "proposed", ("refugee_id", "volunteer_id"))
    h_at = pd.Series(np.arange(len(households)), index=households["id"])
    v_at = pd.Series(np.arange(len(people)), index=people["id"])
    h_ids, v_ids = frame["refugee_id"].astype(str), frame["volunteer_id"].astype(str)
    for column, ids, known in (("refugee_id", h_ids, h_at), ("volunteer_id", v_ids, v_at)):
        unknown = ~ids.isin(known.index)
        if unknown.any():
            row = int(np.flatnonzero(unknown.to_numpy())[0])
            raise FriendsBadValue(table="proposed", row=row + 1, column=column,
                                  value=str(ids.iloc[row])[:80], hint="known_id")
    return (h_at[h_ids].to_numpy(dtype=np.int64), v_at[v_ids].to_numpy(dtype=np.int64))


def gap(waiting: pd.DataFrame, volunteers: pd.DataFrame, friendships: pd.DataFrame | None = None,
        *, proposed: pd.DataFrame | None = None, exclude: object = None,
        same_municipality: bool = True, today: dt.date | None = None,
        every_municipality: bool = True) -> pd.DataFrame:
    """One row per municipality with the columns of `GAP_COLUMNS`, largest gap first.

    `friendships`: the active ones, one row each with at least a `municipality` column.
    `proposed`: the pairs `match` proposed for the same tables (computed here when None).
    With `every_municipality`, all 98 municipalities of `municipalities()` are rows, those
    with nobody at zero; names not in that list are rows too."""
    from kit.steps.friends.map import municipalities

    households = read_waiting(waiting, today)
    people = read_volunteers(volunteers)
    hi, vj = _proposed(households, people, proposed, exclude, same_municipality)
    names = set(households["municipality"]) | set(people["municipality"])
    active = pd.Series(dtype="int64")
    if friendships is not None:
        frame = _frame(friendships, "friendships", ("municipality",))
        active = frame["municipality"].astype(str).str.strip().value_counts()
        names |= set(active.index)
    if every_municipality:
        names |= set(municipalities()["name"])
    order = sorted(names)

    def per(values: pd.Series) -> np.ndarray:
        return values.reindex(order, fill_value=0).to_numpy(dtype=np.int64)

    h_place = households["municipality"]
    out = pd.DataFrame({
        "municipality": order,
        "waiting": per(h_place.value_counts()),
        "places": per(people.groupby("municipality")["capacity"].sum()),
        "active": per(active),
        "longest_wait_days": per(households.groupby("municipality")["days"].max()),
        "matched": per(h_place.iloc[hi].value_counts()),
    })
    out["unmatched"] = out["waiting"] - out["matched"]
    out["places_left"] = out["places"] - per(people["municipality"].iloc[vj].value_counts())
    return out.sort_values(["unmatched", "longest_wait_days", "municipality"],
                           ascending=[False, False, True], kind="stable").reset_index(drop=True)


def campaign(waiting: pd.DataFrame, volunteers: pd.DataFrame, *,
             proposed: pd.DataFrame | None = None, municipalities: list[str] | None = None,
             exclude: object = None, same_municipality: bool = True,
             today: dt.date | None = None, per_volunteer: int = 1,
             language: str = "da") -> pd.DataFrame:
    """How many more volunteers, speaking which language, it takes to match every household
    the optimal matching leaves unmatched in `municipalities` (None: all). Columns
    `language` (code), `name` (in `language`), `needed`; most needed first.

    Each unmatched household counts once, under the language it shares with the most other
    unmatched households of its municipality (so a recruit serves as many as possible; ties:
    the language more volunteers already speak, then the code). A new volunteer takes
    `per_volunteer` households, so a municipality needs ⌈households / per_volunteer⌉ of a
    language."""
    households = read_waiting(waiting, today)
    people = read_volunteers(volunteers)
    hi, _ = _proposed(households, people, proposed, exclude, same_municipality)
    left = households.drop(index=households.index[hi])
    if municipalities is not None:
        wanted = {str(x).strip() for x in municipalities}
        left = left[left["municipality"].isin(wanted)]
    spoken = Counter(x for langs in people["languages"] for x in langs)
    needed: Counter[str] = Counter()
    for _, mine in left.groupby("municipality", sort=True):
        common = Counter(x for langs in mine["languages"] for x in langs)
        chosen = Counter(min(langs, key=lambda x: (-common[x], -spoken[x], x))
                         for langs in mine["languages"])
        for code, count in chosen.items():
            needed[code] += math.ceil(count / max(int(per_volunteer), 1))
    rows = sorted(needed.items(), key=lambda item: (-item[1], item[0]))
    return pd.DataFrame({"language": [code for code, _ in rows],
                         "name": [language_name(code, language) for code, _ in rows],
                         "needed": np.array([count for _, count in rows], dtype=np.int64)})


def campaign_text(target: pd.DataFrame, municipalities: list[str] | None = None,
                  language: str = "da") -> str:
    """The campaign target in a sentence: "To match everyone waiting in Aarhus and Odense
    we need 12 more volunteers: 8 speaking Arabic and 4 speaking Tigrinya."."""
    places = (_listed(tuple(str(x) for x in municipalities), language) if municipalities
              else t("friends.campaign.everywhere", language))
    total = int(target["needed"].sum()) if len(target) else 0
    if total == 0:
        return t("friends.campaign.none", language, places=places)
    parts = tuple(t("friends.campaign.speaking", language, count=int(count),
                    language=language_name(str(code), language))
                  for code, count in zip(target["language"], target["needed"], strict=True))
    return t("friends.campaign.text", language, count=total, places=places,
             languages=_listed(parts, language))
