"""The search behind `kit.groups.assign`: the sparse network-flow model solved with HiGHS
(through SciPy's `milp`), and the cheap groupings it falls back on when the time limit ends the
search first (a greedy that meets the sizes, then swaps that mend lone refugees). Kept apart
from `logic.py`, which states the problem and reads the result; pure: no widgets, no SQL.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np

from kit.core.model import Sector

if TYPE_CHECKING:
    from kit.steps.groups.logic import Problem

def search(prob: Problem, deadline: float) -> tuple[np.ndarray, float]:
    """The best grouping found before `deadline` and a lower bound on every grouping's
    penalised cost (−inf when none was found): the greedy grouping, then the flow without
    the refugee rule (a bound, and often the optimum; its lone refugees mended by swaps),
    then the full model; should that not finish, dives that keep the rule by fixing which
    groups have refugees. So what is returned meets every rule the room allows, and, once
    the flow is solved, within a few per cent of the optimum's preferences."""
    best = mend(prob, greedy(prob))
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
    net = Network(prob)
    started = time.monotonic()
    flow, lower = net.solve(False, left())
    if consider(flow, lower) or not net.refugee_groups:
        return best, state["bound"]
    if (flow is not None and consider(mend(prob, flow), lower)) or left() <= 0.01:
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


def size_breaks(prob: Problem, choice: np.ndarray) -> bool:
    counts = np.bincount(choice, minlength=len(prob.themes))
    return bool(((counts < prob.min_size) | (counts > prob.max_size)).any())


def greedy(prob: Problem) -> np.ndarray:
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


def mend(prob: Problem, choice: np.ndarray) -> np.ndarray:
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


class Network:
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
