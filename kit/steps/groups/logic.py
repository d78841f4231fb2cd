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

from kit.core import errors
from kit.core.model import MAX_TERMS, Finding, Sector
from kit.i18n import t
from kit.steps.groups.model import MAX_PREFERENCE
from kit.steps.ideas.model import Theme
from kit.steps.prepare.model import Actor, ActorKind

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
    best, bound = _search(prob, deadline)
    found = _result(prob, [int(g) for g in best], volunteers, preferences)
    if found.objective < bound + 1 - 1e-6:  # integer costs: within 1 of the bound is the best
        return found
    if prob.sizes_possible and _size_breaks(prob, best):  # the greedy never lets this happen
        raise errors.GroupingUnfinished(seconds=f"{float(time_limit):g}")
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


def _search(prob: Problem, deadline: float) -> tuple[np.ndarray, float]:
    """The best grouping found before `deadline` and a lower bound on every grouping's
    penalised cost (−inf when none was found): the greedy grouping, then the flow without
    the refugee rule (a bound, and often the optimum; its lone refugees mended by swaps),
    then the full model; should that not finish, dives that keep the rule by fixing which
    groups have refugees. So what is returned meets every rule the room allows, and, once
    the flow is solved, within a few per cent of the optimum's preferences."""
    best = _mend(prob, _greedy(prob))
    state = {"cost": prob.objective(list(best)), "bound": -np.inf}

    def consider(choice: np.ndarray | None, lower: float) -> bool:
        nonlocal best
        state["bound"] = max(state["bound"], lower)
        if choice is not None:
            cost = prob.objective(list(choice))
            if cost < state["cost"]:
                best, state["cost"] = choice, cost
        return state["cost"] < state["bound"] + 1 - 1e-6  # integer costs: proven

    def left() -> float:
        return deadline - time.monotonic()

    if left() <= 0.01:
        return best, state["bound"]
    net = _Network(prob)
    started = time.monotonic()
    flow, lower = net.solve(False, left())
    if consider(flow, lower) or not net.refugee_groups:
        return best, state["bound"]
    if (flow is not None and consider(_mend(prob, flow), lower)) or left() <= 0.01:
        return best, state["bound"]
    reserve = min(left() / 3, 3 * (time.monotonic() - started))  # kept for a dive
    if consider(*net.solve(True, left() - reserve)):
        return best, state["bound"]
    refugees = net.refugees(flow if flow is not None else best)
    for has in (refugees >= 1, refugees >= 2):  # lone refugees get company, or move
        if left() <= 0.01:
            break
        choice, _ = net.solve(False, left(), refugees_in=has)
        consider(choice, -np.inf)
    return best, state["bound"]


def _size_breaks(prob: Problem, choice: np.ndarray) -> bool:
    counts = np.bincount(choice, minlength=len(prob.themes))
    return bool(((counts < prob.min_size) | (counts > prob.max_size)).any())


def _greedy(prob: Problem) -> np.ndarray:
    """A grouping that meets the sizes whenever the number of people allows it: people in
    order of how much they lose by not getting their best theme, each to their cheapest
    group with room, and, once only as many are left as the groups under `min_size` still
    need, only to those."""
    n, m = len(prob.people), len(prob.themes)
    cost = prob.cost + prob.weights[1] * prob.forbidden
    ordered = np.sort(cost, axis=1)
    regret = ordered[:, 1] - ordered[:, 0] if m > 1 else np.zeros(n)
    counts = np.zeros(m, dtype=int)
    choice = np.zeros(n, dtype=int)
    need = prob.min_size * m
    for left, i in enumerate(np.argsort(-regret, kind="stable")):
        remaining = n - left
        if remaining <= need:
            room = counts < prob.min_size
        else:
            room = counts < prob.max_size
        if not room.any():
            room = np.ones(m, dtype=bool)
        g = int(np.argmin(np.where(room, cost[i], np.inf)))
        if counts[g] < prob.min_size:
            need -= 1
        counts[g] += 1
        choice[i] = g
    return choice


def _mend(prob: Problem, choice: np.ndarray) -> np.ndarray:
    """`choice` with lone refugees given company or moved, by swaps that keep every group's
    size and its kommune and civilsamfund members: per lone refugee the cheapest swap of
    them with someone in a group that has refugees, or of a refugee from a group with one or
    three or more with someone in theirs. Cheap (numpy over the room); for the fallbacks."""
    choice = choice.copy()
    cost = prob.cost + prob.weights[1] * prob.forbidden
    sectors = np.array(prob.sectors, dtype=object)
    refugee = sectors == Sector.FLYGTNING.value
    keep = [sectors == s.value for s in (Sector.KOMMUNE, Sector.CIVILSAMFUND)]
    m = len(prob.themes)
    for _ in range(m):
        count = np.bincount(choice[refugee], minlength=m)
        lone = np.flatnonzero(count == 1)
        if not len(lone):
            break
        # may j leave their group? not if they are its only kommune / civilsamfund member
        spare = np.ones(len(choice), dtype=bool)
        for mine in keep:
            per = np.bincount(choice[mine], minlength=m)
            spare &= ~mine | (per[choice] >= 2)
        best: tuple[float, int, int] | None = None
        for g in lone:
            i = int(np.flatnonzero(refugee & (choice == g))[0])
            # i swaps with a non-refugee j from a group with refugees
            js = np.flatnonzero(~refugee & spare & (count[choice] >= 1) & (choice != g))
            if len(js):
                delta = cost[i, choice[js]] + cost[js, g] - cost[i, g] - cost[js, choice[js]]
                k = int(np.argmin(delta))
                if best is None or delta[k] < best[0]:
                    best = (float(delta[k]), i, int(js[k]))
            # a refugee r from a group with 1 or ≥ 3 swaps with a non-refugee j of g
            rs = np.flatnonzero(refugee & (choice != g) & (count[choice] != 2))
            js = np.flatnonzero(~refugee & spare & (choice == g))
            if len(rs) and len(js):
                delta = (cost[rs[:, None], g] + cost[js[None, :], choice[rs][:, None]]
                         - cost[rs, choice[rs]][:, None] - cost[js, g][None, :])
                a, b = np.unravel_index(int(np.argmin(delta)), delta.shape)
                if best is None or delta[a, b] < best[0]:
                    best = (float(delta[a, b]), int(rs[a]), int(js[b]))
        if best is None or best[0] >= prob.weights[0]:  # only swaps that lower the cost
            break
        _, x, y = best
        choice[x], choice[y] = choice[y], choice[x]
    return choice


class _Network:
    """The flow model of a `Problem`, built sparse; `solve` runs it with HiGHS."""

    def __init__(self, prob: Problem) -> None:
        n, m = len(prob.people), len(prob.themes)
        self.prob, self.n, self.m = prob, n, m
        soft, forbidden, size = prob.weights
        default = float(m + 1)
        sectors = np.array(prob.sectors, dtype=object)
        penal = prob.cost + forbidden * prob.forbidden
        direct = (prob.cost != default) | (prob.forbidden > 0)
        # arcs: person → theme (direct), person → hub, hub → theme
        di, dg = np.nonzero(direct)
        shut = direct & (penal > default)   # themes a hub must not lead to: refused, or worse
        hub_of: dict[tuple[str, bytes], int] = {}
        person_hub = np.array([hub_of.setdefault((str(sectors[i]), np.packbits(shut[i])
                                                  .tobytes()), len(hub_of))
                               for i in range(n)], dtype=int)
        hubs = len(hub_of)
        hub_size = np.bincount(person_hub, minlength=hubs)
        first = np.unique(person_hub, return_index=True)[1]    # one person stands for a hub
        hub_sector = sectors[first]
        hub_open = ~shut[first]
        hh, hg = np.nonzero(hub_open)
        self.direct = (di, dg)
        self.person_hub = person_hub
        self.hub_arcs = (hh, hg)
        nd, nh, na = len(di), n, len(hh)
        self.n_arcs = nd + nh + na
        arc_sector = np.concatenate([sectors[di], hub_sector[hh]])
        into_g = np.concatenate([dg, hg])               # the theme each inflow arc reaches
        into_col = np.concatenate([np.arange(nd), nd + nh + np.arange(na)])
        cols, cost = [self.n_arcs], [np.concatenate([penal[di, dg], np.full(nh, default),
                                                     np.zeros(na)])]
        upper = [np.concatenate([np.ones(nd + nh), hub_size[hh].astype(float)])]
        self.sizes_soft = not prob.sizes_possible

        def block(weight: float, high: float = 1.0) -> int:
            first = cols[0]
            cols[0] += m
            cost.append(np.full(m, float(weight)))
            upper.append(np.full(m, high))
            return first

        under = block(size, np.inf) if self.sizes_soft else -1
        over = block(size, np.inf) if self.sizes_soft else -1
        rows: list[np.ndarray] = []
        at: list[np.ndarray] = []
        val: list[np.ndarray] = []
        lo: list[np.ndarray] = []
        hi: list[np.ndarray] = []
        r = 0

        def add(row: np.ndarray, col: np.ndarray, v: float | np.ndarray) -> None:
            rows.append(np.asarray(row))
            at.append(np.asarray(col))
            val.append(np.broadcast_to(np.asarray(v, dtype=float), np.shape(col)))

        # each person: one arc out
        add(di, np.arange(nd), 1.0)
        add(np.arange(n), nd + np.arange(nh), 1.0)
        lo.append(np.ones(n))
        hi.append(np.ones(n))
        r = n
        # each hub: in = out
        add(r + person_hub, nd + np.arange(nh), 1.0)
        add(r + hh, nd + nh + np.arange(na), -1.0)
        lo.append(np.zeros(hubs))
        hi.append(np.zeros(hubs))
        r += hubs
        # each theme: min ≤ members (+ under − over) ≤ max
        add(r + into_g, into_col, 1.0)
        if self.sizes_soft:
            add(r + np.arange(m), under + np.arange(m), 1.0)
            add(r + np.arange(m), over + np.arange(m), -1.0)
        lo.append(np.full(m, float(prob.min_size)))
        hi.append(np.full(m, float(prob.max_size)))
        r += m
        for sector in (Sector.KOMMUNE, Sector.CIVILSAMFUND):
            if not prob.has(sector):
                continue
            missing = block(soft)
            mine = arc_sector == sector.value
            add(r + into_g[mine], into_col[mine], 1.0)
            add(r + np.arange(m), missing + np.arange(m), 1.0)
            lo.append(np.ones(m))
            hi.append(np.full(m, np.inf))
            r += m
        self.base_rows, self.base_cols = r, cols[0]
        # no refugee alone: r_g ≤ M·z_g, r_g ≥ 2·z_g − alone_g (only in the second run)
        refugees = arc_sector == Sector.FLYGTNING.value
        self.refugee_arcs = (into_g[refugees], into_col[refugees])
        count = int(np.sum(sectors == Sector.FLYGTNING.value))
        self.refugee_groups = count > 0
        if count:
            big = float(min(count, prob.max_size) if not self.sizes_soft else count)
            self.z = block(0.0)
            alone = block(soft)
            add(r + into_g[refugees], into_col[refugees], 1.0)
            add(r + np.arange(m), self.z + np.arange(m), -big)
            lo.append(np.full(m, -np.inf))
            hi.append(np.zeros(m))
            r += m
            # the same per arc (x ≤ z): a far tighter bound, so HiGHS hardly has to branch
            arcs = np.flatnonzero(refugees)
            k = len(arcs)
            caps = np.concatenate([np.ones(nd), np.minimum(hub_size[hh], big)])[arcs]
            add(r + np.arange(k), into_col[arcs], 1.0)
            add(r + np.arange(k), self.z + into_g[arcs], -caps)
            lo.append(np.full(k, -np.inf))
            hi.append(np.zeros(k))
            r += k
            add(r + into_g[refugees], into_col[refugees], 1.0)
            add(r + np.arange(m), self.z + np.arange(m), -2.0)
            add(r + np.arange(m), alone + np.arange(m), 1.0)
            lo.append(np.zeros(m))
            hi.append(np.full(m, np.inf))
            r += m
        self.rows, self.cols = r, cols[0]
        self.cost = np.concatenate(cost)
        self.upper = np.concatenate(upper)
        self.lo, self.hi = np.concatenate(lo), np.concatenate(hi)
        self.coo = (np.concatenate(val), (np.concatenate(rows), np.concatenate(at)))

    def refugees(self, choice: np.ndarray) -> np.ndarray:
        """Refugees per group in a grouping."""
        mine = np.array(self.prob.sectors) == Sector.FLYGTNING.value
        return np.bincount(choice[mine], minlength=self.m)

    def solve(self, with_refugees: bool, time_limit: float,
              refugees_in: np.ndarray | None = None) -> tuple[np.ndarray | None, float]:
        """(grouping or None, lower bound). Without the refugee rule it is a pure LP; with
        `refugees_in` (per group: True → at least 2 refugees, False → none) too, and its
        groupings meet the rule (the bound is then not one)."""
        import warnings

        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import csr_array

        rows, cols = (self.rows, self.cols) if with_refugees else \
            (self.base_rows, self.base_cols)
        data, (r, c) = self.coo
        keep = (r < rows) & (c < cols)
        data, r, c = data[keep], r[keep], c[keep]
        lo, hi = self.lo[:rows], self.hi[:rows]
        if refugees_in is not None:
            g, arc = self.refugee_arcs
            data = np.concatenate([data, np.ones(len(arc))])
            r, c = np.concatenate([r, rows + g]), np.concatenate([c, arc])
            lo = np.concatenate([lo, np.where(refugees_in, 2.0, 0.0)])
            hi = np.concatenate([hi, np.where(refugees_in, np.inf, 0.0)])
            rows += self.m
        matrix = csr_array((data, (r, c)), shape=(rows, cols))
        integrality = np.zeros(cols)
        if with_refugees:
            integrality[self.z:self.z + self.m] = 1
        options = {"time_limit": time_limit, "mip_rel_gap": 0.0,
                   # the costs are integers: a gap below 1 is the proven optimum
                   "mip_abs_gap": 1 - 1e-6}
        with warnings.catch_warnings():  # scipy passes mip_abs_gap on to HiGHS, and says so
            warnings.filterwarnings("ignore", "Unrecognized options", RuntimeWarning)
            result = milp(self.cost[:cols],
                          constraints=LinearConstraint(matrix, lo, hi),
                          integrality=integrality, bounds=Bounds(0, self.upper[:cols]),
                          options=options)
        if refugees_in is not None:
            lower = -np.inf
        elif result.status == 0 and not with_refugees:
            lower = float(result.fun)
        elif result.status in (0, 1) and result.get("mip_dual_bound") is not None:
            lower = float(result.mip_dual_bound)
        else:
            lower = -np.inf
        if result.x is None:
            return None, lower
        return self._choice(np.asarray(result.x)), lower

    def _choice(self, x: np.ndarray) -> np.ndarray:
        """The grouping a flow describes; people in a hub are alike, so any split of the hub's
        people over its outflows is the same grouping in cost."""
        n = self.n
        di, dg = self.direct
        nd = len(di)
        flow = np.rint(x[:self.n_arcs]).astype(int)
        choice = np.full(n, -1)
        hit = flow[:nd] > 0
        choice[di[hit]] = dg[hit]
        via_hub = np.flatnonzero(flow[nd:nd + n] > 0)
        hh, hg = self.hub_arcs
        out = flow[nd + n:]
        queue: dict[int, list[int]] = {}
        for h, g, f in zip(hh, hg, out, strict=True):
            if f > 0:
                queue.setdefault(int(h), []).extend([int(g)] * int(f))
        for i in via_hub:
            waiting = queue.get(int(self.person_hub[i]))
            if waiting:
                choice[i] = waiting.pop()
        lost = choice < 0  # only if the flow was not integral: the cheapest group
        if lost.any():
            penal = self.prob.cost + self.prob.weights[1] * self.prob.forbidden
            choice[lost] = np.argmin(penal[lost], axis=1)
        return choice


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


def missing_kinds(member_sectors: list[str], invited_kinds: list[str]) -> list[ActorKind]:
    """The kinds of actors a group lacks: a municipal department when no member is from the
    municipality, refugees when none take part, and each kind of civil-society actor not yet
    invited; the sector-wide gaps first."""
    have = set(invited_kinds)
    if Sector.KOMMUNE in member_sectors:
        have.add(ActorKind.FORVALTNING)
    if Sector.FLYGTNING in member_sectors:
        have.add(ActorKind.FLYGTNINGE)
    first = [k for k in (ActorKind.FORVALTNING, ActorKind.FLYGTNINGE) if k not in have]
    return first + [k for k in ActorKind if k not in have and k not in first]


def suggest_invites(member_sectors: list[str], invited: list[str],
                    actors: list[Actor]) -> list[Actor]:
    """Actors from the register of the kinds the group lacks, not yet invited, in that order."""
    by_id = {a.id: a for a in actors}
    lacking = missing_kinds(member_sectors, [by_id[i].kind for i in invited if i in by_id])
    order = {k.value: n for n, k in enumerate(lacking)}
    return sorted((a for a in actors if a.kind in order and a.id not in invited),
                  key=lambda a: (order[a.kind], a.name))
