"""The optimisation behind `kit.friends.match`: proposing households to volunteers is a
bipartite b-matching (each household at most once, each volunteer up to their capacity),
solved exactly as an assignment problem by SciPy's `min_weight_full_bipartite_matching`
(LAPJVsp, a shortest-augmenting-path method on the sparse graph of allowed pairs).

Why it is exact and small:

* **one objective for the three goals.** The sets of households that can be matched together
  form a matroid (a transversal matroid), so a matching of maximum total weight (waiting days
  + 1 per household) always matches as many households as any matching can; and with that
  weight multiplied by a `K` larger than any matching's total pair score, the maximum of
  `K·Σ(days + 1) + Σ score` is the lexicographic optimum: most households, then most waiting
  days, then the best pairs. All weights are integers far below 2**53, so the floating-point
  search compares them exactly;
* **capacity as places.** A volunteer who can take three households is three places; each
  household also gets a private "no friend yet" place of weight 0, so a full assignment
  always exists and leaving a household unmatched is one of its choices;
* **independent municipalities.** Nothing links two municipalities, so each is solved on its
  own graph (only the pairs that share a language and are not excluded): the largest of 98
  is a few thousand rows, not the 12,000 × 15,000 of the whole country.

Pure: no widgets, no SQL.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_CELLS = 25_000_000
"""Households × volunteer places one municipality (or, without the municipality rule, the
whole table) may have: about 1 GiB of pairs at most. The largest of 98 municipalities at
national scale is ~5 million; the whole country at once would be 180 million."""


def pair_score(h_interests: frozenset[str], h_children: int, v_interests: frozenset[str],
               v_kind: str) -> int:
    """The third goal for one pair: shared interests, plus one for a family with children
    and a volunteer family."""
    return len(h_interests & v_interests) + int(h_children > 0 and v_kind == "family")


def _incidence(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> np.ndarray:
    """Rows × vocabulary 0/1 matrix (float32: the products below are exact small counts)."""
    out = np.zeros((len(sets), max(len(vocabulary), 1)), dtype=np.float32)
    for i, items in enumerate(sets):
        for item in items:
            k = vocabulary.get(item)
            if k is not None:
                out[i, k] = 1.0
    return out


def solve(households: pd.DataFrame, volunteers: pd.DataFrame,
          excluded: frozenset[tuple[str, str]], by_municipality: bool) -> list[tuple[int, int]]:
    """The optimal pairs as (household row, volunteer row) positions, sorted. `households`
    and `volunteers` are the checked frames of `logic` (sorted by id; `languages` and
    `interests` frozensets, `days` and `children` ints, `kind` and `capacity`)."""
    if households.empty or volunteers.empty:
        return []
    if by_municipality:
        h_groups = households.groupby("municipality", sort=True).indices
        v_groups = volunteers.groupby("municipality", sort=True).indices
    else:
        h_groups = {"": np.arange(len(households))}
        v_groups = {"": np.arange(len(volunteers))}
    capacity = volunteers["capacity"].to_numpy(dtype=np.int64)
    for place, hs in h_groups.items():
        vs = v_groups.get(place)
        if vs is not None and len(hs) * int(capacity[vs].sum()) > MAX_CELLS:
            from kit.steps.friends.logic import FriendsTooLarge

            raise FriendsTooLarge(households=len(hs), places=int(capacity[vs].sum()))
    out: list[tuple[int, int]] = []
    for place, hs in h_groups.items():
        vs = v_groups.get(place)
        if vs is not None and len(vs):
            out.extend(_component(households, volunteers, np.asarray(hs), np.asarray(vs),
                                  excluded))
    return sorted(out)


def _component(households: pd.DataFrame, volunteers: pd.DataFrame, hs: np.ndarray,
               vs: np.ndarray, excluded: frozenset[tuple[str, str]]) -> list[tuple[int, int]]:
    """One municipality (or the whole country): the allowed pairs, their weights, the
    assignment, read back as (household row, volunteer row)."""
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    h_lang = households["languages"].to_numpy()[hs].tolist()
    v_lang = volunteers["languages"].to_numpy()[vs].tolist()
    words = {x: k for k, x in enumerate(sorted(set().union(*h_lang)))}
    allowed = (_incidence(h_lang, words) @ _incidence(v_lang, words).T) > 0
    if excluded:
        h_at = {x: i for i, x in enumerate(households["id"].to_numpy()[hs])}
        v_at = {x: j for j, x in enumerate(volunteers["id"].to_numpy()[vs])}
        for a, b in excluded:
            if a in h_at and b in v_at:
                allowed[h_at[a], v_at[b]] = False
    capacity = volunteers["capacity"].to_numpy(dtype=np.int64)[vs]
    owner = np.repeat(np.arange(len(vs)), capacity)   # each place's volunteer
    rows, at = np.nonzero(allowed[:, owner])           # pairs, once per place
    if not len(rows):
        return []
    cols = owner[at]
    h_int = households["interests"].to_numpy()[hs].tolist()
    topics = {x: k for k, x in enumerate(sorted(set().union(*h_int)))}
    shared = _incidence(h_int, topics) @ _incidence(
        volunteers["interests"].to_numpy()[vs].tolist(), topics).T
    kid = households["children"].to_numpy()[hs] > 0
    family = volunteers["kind"].to_numpy()[vs] == "family"
    score = np.rint(shared).astype(np.int64) + (kid[:, None] & family[None, :])
    days = households["days"].to_numpy(dtype=np.int64)[hs]
    n, places = len(hs), len(owner)
    # K above any matching's total score: the score only breaks ties of the waiting days
    k = 1 + int(score[allowed].max(initial=0)) * min(n, places)
    weight = k * (days[rows] + 1) + score[rows, cols]
    top = int(weight.max()) + 1
    # costs ≥ 1 (a stored zero would read as no edge); a household's own place costs `top`
    matrix = csr_array((np.concatenate([(top - weight).astype(float), np.full(n, float(top))]),
                        (np.concatenate([rows, np.arange(n)]),
                         np.concatenate([at, places + np.arange(n)]))),
                       shape=(n, places + n))
    row_of, col_of = min_weight_full_bipartite_matching(matrix)
    real = col_of < places
    return [(int(hs[i]), int(vs[owner[p]])) for i, p in zip(row_of[real], col_of[real],
                                                              strict=True)]
