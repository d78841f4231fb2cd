"""Step 6, working groups: put people in groups for the chosen themes, exactly.

`assign` solves one mixed-integer programme (`scipy.optimize.milp`, HiGHS), built sparse as a
network flow with one binary per group (see "the search" below; 3,000 people × 100 groups
take seconds and ~200 MiB):

- every participant joins exactly one group (one group per chosen theme);
- cost: the rank they gave the theme (1 = first preference); a theme they did not rank costs one
  more than the number of themes; rank 0 means "not this one";
- constraints, each soft with a penalty so steep that it gives way only when the room cannot
  meet it, in this order: group sizes (min, max) → "not this one" → at least one kommune and one
  civilsamfund member per group, no refugee alone in a group.

So the result is optimal for the preferences among all groupings that meet as many constraints as
the room allows, and `unmet` says which could not be met and why. If the time limit ends the
search first, the best grouping found comes with `optimal=False` and a finding that says so;
it still meets the sizes whenever the number of people allows. Pure: no widgets, no SQL.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from kit.core.model import MAX_TERMS, Finding, Sector
from kit.i18n import t
from kit.model import Actor, ActorKind, Theme
from kit.organisation import organisation_id
from kit.steps.groups.errors import GroupingUnfinished
from kit.steps.groups.model import MAX_PREFERENCE
from kit.steps.groups.solver import search, size_breaks

if TYPE_CHECKING:
    import pandas as pd

NOT_THIS_ONE = 0
UNMET_COLUMNS = ["constraint", "theme_id", "participant_id", "detail"]


@dataclass(frozen=True)
class Assignment:
    """`frame`: participant_id, theme_id, rank (the rank they gave, None if unranked), sector.
    `unmet`: one row per constraint the room could not meet: constraint (a code, `unmet.<code>`
    in the catalog), theme_id, participant_id (whom it is about, "" if nobody in particular)
    and detail (a note in English for analysts; screens never read it)."""

    frame: pd.DataFrame
    unmet: pd.DataFrame
    rank_cost: int
    objective: float
    optimal: bool = True
    """False when the search stopped at its time limit before proving the grouping best."""
    findings: tuple[Finding, ...] = ()
    """What the facilitator should know about the search itself (`groups.time_limit`)."""


@dataclass(frozen=True)
class Problem:
    people: list[str]
    sectors: list[str]
    themes: list[str]
    cost: np.ndarray        # people × themes: the rank cost
    forbidden: np.ndarray   # people × themes: 1 where "not this one"
    min_size: int
    max_size: int

    @property
    def sizes_possible(self) -> bool:
        """Whether the number of people allows every group between min and max size."""
        m = len(self.themes)
        return self.min_size * m <= len(self.people) <= self.max_size * m

    @property
    def weights(self) -> tuple[float, float, float]:
        """Penalties (soft constraint, forbidden, size): each outweighs all below it."""
        n, m = len(self.people), len(self.themes)
        soft = n * (m + 1) + 1
        forbidden = soft * (3 * m + 1)
        return soft, forbidden, forbidden * (n + 1)

    def has(self, sector: Sector) -> bool:
        return sector.value in self.sectors

    def objective(self, choice: list[int]) -> float:
        """The penalised cost of one grouping (person → theme index); used to check `assign`."""
        soft, forbidden, size = self.weights
        total = sum(self.cost[i, g] + forbidden * self.forbidden[i, g]
                    for i, g in enumerate(choice))
        for g in range(len(self.themes)):
            members = [i for i, c in enumerate(choice) if c == g]
            total += size * (max(0, self.min_size - len(members)) +
                             max(0, len(members) - self.max_size))
            for sector in (Sector.KOMMUNE, Sector.CIVILSAMFUND):
                if self.has(sector) and not any(self.sectors[i] == sector for i in members):
                    total += soft
            if sum(self.sectors[i] == Sector.FLYGTNING for i in members) == 1:
                total += soft
        return float(total)


def problem(participants: pd.DataFrame, preferences: pd.DataFrame, min_size: int,
            max_size: int, themes: list[str] | None = None) -> Problem:
    themes = list(themes) if themes is not None else sorted(preferences["theme_id"].unique())
    people = list(participants["id"])
    n, m = len(people), len(themes)
    at = {p: i for i, p in enumerate(people)}
    col = {t: j for j, t in enumerate(themes)}
    cost = np.full((n, m), m + 1, dtype=float)
    forbidden = np.zeros((n, m))
    for r in preferences.to_dict("records"):
        i, j = at.get(r["participant_id"]), col.get(r["theme_id"])
        if i is None or j is None:
            continue
        if int(r["rank"]) == NOT_THIS_ONE:
            forbidden[i, j] = 1
        else:
            cost[i, j] = int(r["rank"])
    return Problem(people, [str(s) for s in participants["sector"]], themes, cost, forbidden,
                   int(min_size), int(max_size))


def assign(participants: pd.DataFrame, preferences: pd.DataFrame, min_size: int,
           max_size: int, themes: list[str] | None = None,
           volunteers: list[str] | None = None, time_limit: float = 60.0) -> Assignment:
    """Groups for the chosen `themes` (default: every theme in `preferences`).

    `participants`: id, sector. `preferences`: participant_id, theme_id, rank (1 = first preference,
    0 = "not this one"). `volunteers`: ids willing to coordinate (only reported on).
    `time_limit`: seconds for the whole search. When it runs out before the optimum is proven
    the best grouping found is returned with `optimal=False` and a `groups.time_limit` finding;
    it always meets the group sizes when the number of people allows them (a greedy grouping
    that does is the fallback), so a grouping that breaks a size is never the solver's doing.
    """
    import pandas as pd

    if min_size < 1 or max_size < min_size:
        raise ValueError("need 1 ≤ min_size ≤ max_size")
    deadline = time.monotonic() + max(float(time_limit), 0.0)
    prob = problem(participants, preferences, min_size, max_size, themes)
    n, m = len(prob.people), len(prob.themes)
    if n == 0 or m == 0:
        return Assignment(pd.DataFrame(columns=["participant_id", "theme_id", "rank", "refused",
                                                "sector"]),
                          pd.DataFrame([{"constraint": "nothing_to_assign", "theme_id": "",
                                         "participant_id": "",
                                         "detail": f"{n} participants, {m} themes"}],
                                       columns=UNMET_COLUMNS), 0, 0.0)
    best, bound = search(prob, deadline)
    found = _result(prob, [int(g) for g in best], volunteers, preferences)
    if found.objective < bound + 1 - 1e-6:  # integer costs: within 1 of the bound is the best
        return found
    if prob.sizes_possible and size_breaks(prob, best):  # the greedy never lets this happen
        raise GroupingUnfinished(seconds=f"{float(time_limit):g}")
    return replace(found, optimal=False, findings=(
        Finding("groups.time_limit", {"seconds": f"{float(time_limit):g}"}),))


# -- the search ------------------------------------------------------------------------------
# The model is a network flow with one non-network rule. Everyone whose cost for a theme is
# the default (unranked, m + 1) reaches it through a hub shared by all people of their sector
# who refuse the same themes: people × ranked themes + hubs × themes arcs instead of
# people × themes variables. Sizes, "not this one" and one kommune / one civilsamfund member
# per group are then a min-cost flow (integral at every vertex). "No refugee alone" is not
# convex; it takes one binary per group (z: the group has refugees), the only integers, with
# x ≤ z for every refugee arc, which makes the relaxation nearly tight. (The first, dense model
# had n·m binaries and a dense row per constraint: 3,000 × 100 asked for ~18 GB.)


def evaluate(participants: pd.DataFrame, preferences: pd.DataFrame,
             membership: Mapping[str, str], min_size: int, max_size: int,
             themes: list[str] | None = None,
             volunteers: list[str] | None = None) -> Assignment:
    """How a given grouping ({participant_id: theme_id}) meets the preferences and the rules, in the
    same terms as `assign`. People not in `membership` are left out."""
    people = participants[participants["id"].isin(list(membership))]
    themes = list(themes or [])
    themes += sorted(set(membership.values()) - set(themes))
    prob = problem(people, preferences, min_size, max_size, themes)
    col = {t: j for j, t in enumerate(prob.themes)}
    choice = [col[membership[p]] for p in prob.people]
    return _result(prob, choice, volunteers, preferences)


@dataclass(frozen=True)
class MoveEffect:
    """What moving one person does: the change in total rank (+ is worse) and the
    constraints it breaks (`added`) or mends (`mended`), as `unmet` rows."""

    rank_change: int
    rank_from: int | None
    rank_to: int | None
    added: list[dict[str, str]]
    mended: list[dict[str, str]]


def move_effect(participants: pd.DataFrame, preferences: pd.DataFrame,
                membership: Mapping[str, str], person: str, theme: str, min_size: int,
                max_size: int, themes: list[str] | None = None,
                volunteers: list[str] | None = None) -> MoveEffect:
    """The cost of moving `person` to `theme`'s group, before the facilitator does it."""
    import pandas as pd

    args = (min_size, max_size, themes, volunteers)
    before = evaluate(participants, preferences, membership, *args)
    after = evaluate(participants, preferences, {**membership, person: theme}, *args)

    def rows(a: Assignment) -> set[tuple[str, str, str]]:
        return {tuple(r) for r in a.unmet[UNMET_COLUMNS].itertuples(index=False)}

    def rank(a: Assignment) -> int | None:
        hit = a.frame.loc[a.frame["participant_id"] == person, "rank"]
        return None if hit.empty or pd.isna(hit.iloc[0]) else int(hit.iloc[0])

    b, a = rows(before), rows(after)

    def as_dicts(found: set[tuple[str, str, str]]) -> list[dict[str, str]]:
        return [dict(zip(UNMET_COLUMNS, r, strict=True)) for r in sorted(found)]

    return MoveEffect(after.rank_cost - before.rank_cost, rank(before), rank(after),
                      as_dicts(a - b), as_dicts(b - a))


def preference_stats(frame: pd.DataFrame) -> dict[str, int]:
    """How many got their 1st, 2nd, 3rd preference, a theme they did not rank, or one they
    refused."""
    ranks = [None if r is None or r != r else int(r) for r in frame["rank"]]
    out = {f"preference_{k}": sum(r == k for r in ranks) for k in range(1, MAX_PREFERENCE + 1)}
    out["other"] = sum(r is None or r > MAX_PREFERENCE for r in ranks)
    if "refused" in frame:
        out["other"] -= int(frame["refused"].sum())
        out["refused"] = int(frame["refused"].sum())
    return out


def sector_mix(frame: pd.DataFrame) -> pd.DataFrame:
    """Members per group (rows: theme_id) and sector (columns, every sector present)."""
    import pandas as pd

    table = pd.crosstab(frame["theme_id"], frame["sector"])
    return table.reindex(columns=[s.value for s in Sector], fill_value=0)


def _result(prob: Problem, choice: list[int], volunteers: list[str] | None,
            preferences: pd.DataFrame) -> Assignment:
    import pandas as pd

    m = len(prob.themes)
    frame = pd.DataFrame({"participant_id": prob.people,
                          "theme_id": [prob.themes[g] for g in choice],
                          "rank": [None if prob.cost[i, g] == m + 1 or prob.forbidden[i, g]
                                   else int(prob.cost[i, g]) for i, g in enumerate(choice)],
                          "refused": [bool(prob.forbidden[i, g]) for i, g in enumerate(choice)],
                          "sector": prob.sectors})
    unmet = _report(prob, choice, set(volunteers or ()), preferences)
    rank_cost = int(sum(prob.cost[i, g] for i, g in enumerate(choice)))
    return Assignment(frame, pd.DataFrame(unmet, columns=UNMET_COLUMNS), rank_cost,
                      prob.objective(choice))


def _report(prob: Problem, choice: list[int], volunteers: set[str],
            preferences: pd.DataFrame) -> list[dict[str, str]]:
    n, m = len(prob.people), len(prob.themes)
    out: list[dict[str, str]] = []

    def record(kind: str, theme: str, detail: str, participant: str = "") -> None:
        out.append({"constraint": kind, "theme_id": theme, "participant_id": participant,
                    "detail": detail})

    if n < prob.min_size * m:
        record("too_few_people", "", f"{n} < {prob.min_size} × {m} groups")
    if n > prob.max_size * m:
        record("too_many_people", "", f"{n} > {prob.max_size} × {m} groups")
    ranked = set(preferences.loc[preferences["rank"] > 0, "theme_id"])
    for g, theme in enumerate(prob.themes):
        members = [i for i, c in enumerate(choice) if c == g]
        if len(members) < prob.min_size:
            record("size_below_min", theme, f"{len(members)} < {prob.min_size}")
        if len(members) > prob.max_size:
            record("size_above_max", theme, f"{len(members)} > {prob.max_size}")
        for sector, kind in ((Sector.KOMMUNE, "no_kommune"),
                             (Sector.CIVILSAMFUND, "no_civilsamfund")):
            if members and not any(prob.sectors[i] == sector for i in members):
                record(kind, theme, "the room has none to spare" if prob.has(sector)
                     else "nobody in the room is from this sector")
        if sum(prob.sectors[i] == Sector.FLYGTNING for i in members) == 1:
            record("refugee_alone", theme, "one refugee in the group")
        if theme not in ranked:
            record("nobody_ranked", theme, "nobody ranked this theme")
        if members and not any(prob.people[i] in volunteers for i in members):
            record("no_coordinator", theme, "no volunteer for coordinator in the group")
        for i in members:
            if prob.forbidden[i, g]:
                record("not_this_one", theme, f"{prob.people[i]} had said 'not this one'",
                     prob.people[i])
    return out


# -- describing a group --------------------------------------------------------------------
def terms_of_reference(theme: Theme, ideas: list[str], language: str) -> dict[str, str]:
    """A first draft of a group's terms of reference from its theme, its discussion (the
    room's answers to the guiding questions) and the ideas sorted into the theme; the group
    edits it from there."""
    def cut(text: str) -> str:
        return text.strip()[:MAX_TERMS]

    purpose = t("terms.purpose_draft", language, theme=theme.label)
    if theme.needs:
        purpose += "\n" + theme.needs
    tasks = [f"- {text}" for text in dict.fromkeys(i.strip() for i in ideas if i.strip())][:6]
    if theme.use_each_other:
        tasks.insert(0, theme.use_each_other)
    composition = theme.team or t("terms.composition_draft", language)
    return {"purpose": cut(purpose),
            "tasks": cut("\n".join(tasks) or t("terms.tasks_draft", language)),
            "mandate": cut(t("terms.mandate_draft", language)),
            "composition": cut(composition),
            "meeting_frequency": t("terms.frequency_draft", language)[:80]}


def missing_kinds(member_sectors: list[str], invited_kinds: list[str],
                  refugee_background: bool = False) -> list[ActorKind]:
    """The kinds of actors a group lacks: a municipal department when no member is from the
    municipality, refugees when none take part (a former refugee who volunteers, as member
    or invited, counts: `refugee_background`), and each kind of civil-society actor not yet
    invited; the sector-wide gaps first."""
    have = set(invited_kinds)
    if refugee_background:
        have.add(ActorKind.FLYGTNINGE)
    if Sector.KOMMUNE in member_sectors:
        have.add(ActorKind.FORVALTNING)
    if Sector.FLYGTNING in member_sectors:
        have.add(ActorKind.FLYGTNINGE)
    first = [k for k in (ActorKind.FORVALTNING, ActorKind.FLYGTNINGE) if k not in have]
    return first + [k for k in ActorKind if k not in have and k not in first]


def suggest_invites(member_sectors: list[str], invited: list[str],
                    actors: list[Actor], refugee_background: bool = False) -> list[Actor]:
    """Actors from the register of the kinds the group lacks, not yet invited, in that order
    (`refugee_background`: a member came as a refugee and volunteers)."""
    by_id = {a.id: a for a in actors}
    background = refugee_background or any(by_id[i].refugee_background
                                           for i in invited if i in by_id)
    lacking = missing_kinds(member_sectors, [by_id[i].kind for i in invited if i in by_id],
                            background)
    order = {k.value: n for n, k in enumerate(lacking)}
    # one voice per organisation: none of an invited organisation's branches, and of the
    # rest one actor per organisation (the organisation itself before its branches)
    taken = {organisation_id(by_id[i]) for i in invited if i in by_id}
    chosen: dict[str, Actor] = {}
    for a in sorted(actors, key=lambda a: (a.parent_id is not None, order.get(a.kind, 99),
                                           a.name)):
        if a.kind in order and organisation_id(a) not in taken:
            chosen.setdefault(organisation_id(a), a)
    return sorted(chosen.values(), key=lambda a: (order[a.kind], a.name))
