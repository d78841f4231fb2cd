"""The friend programme's matching (`kit.friends.match`): optimal against a brute force on
small random cases and against a direct MILP on medium ones, every rule kept, deterministic,
bad input refused with a clear message."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
import kit.friends as friends
from kit.steps.friends.logic import FriendsBadLanguage

TODAY = dt.date(2026, 12, 1)
LANGS = ["da", "ar", "ti", "uk"]
TOPICS = ["cooking", "football", "walks", "music"]


def programme(seed: int, n: int, m: int, places: int = 3, ex: int = 0):
    """A random waiting list and volunteers (few languages and days, so ties abound)."""
    rng = np.random.default_rng(seed)

    def some(pool, low, high):
        return ",".join(sorted(rng.choice(pool, int(rng.integers(low, high + 1)), replace=False)))

    waiting = pd.DataFrame({
        "id": [f"h{i}" for i in range(n)],
        "municipality": [f"M{x}" for x in rng.integers(0, places, n)],
        "languages": [some(LANGS, 1, 2) for _ in range(n)],
        "adults": rng.integers(1, 3, n), "children": rng.integers(0, 3, n),
        "interests": [some(TOPICS, 0, 2) for _ in range(n)],
        "waiting_since": [(TODAY - dt.timedelta(days=int(d))).isoformat()
                          for d in rng.integers(0, 6, n)]})
    volunteers = pd.DataFrame({
        "id": [f"v{j}" for j in range(m)],
        "municipality": [f"M{x}" for x in rng.integers(0, places, m)],
        "languages": [some(LANGS, 1, 2) for _ in range(m)],
        "kind": rng.choice(["person", "family"], m),
        "capacity": rng.integers(1, 3, m),
        "interests": [some(TOPICS, 0, 2) for _ in range(m)]})
    exclude = [(f"h{rng.integers(0, n)}", f"v{rng.integers(0, m)}") for _ in range(ex)]
    return waiting, volunteers, exclude


def sets(text):
    return frozenset(x for x in str(text).split(",") if x)


def allowed(h, v, same_municipality, exclude):
    return bool(sets(h["languages"]) & sets(v["languages"])) and (
        not same_municipality or h["municipality"] == v["municipality"]) and (
        (h["id"], v["id"]) not in set(exclude))


def score(h, v):
    return len(sets(h["interests"]) & sets(v["interests"])) + int(
        h["children"] > 0 and v["kind"] == "family")


def days(h):
    return (TODAY - dt.date.fromisoformat(h["waiting_since"])).days


def key(pairs, waiting, volunteers):
    """(households matched, their waiting days, the pairs' scores): what `match` maximises,
    in this order."""
    hs = waiting.set_index("id", drop=False)
    vs = volunteers.set_index("id", drop=False)
    return (len(pairs), sum(days(hs.loc[a]) for a, _ in pairs),
            sum(score(hs.loc[a], vs.loc[b]) for a, b in pairs))


def assert_rules(result, waiting, volunteers, same_municipality=True, exclude=()):
    hs = waiting.set_index("id", drop=False)
    vs = volunteers.set_index("id", drop=False)
    assert list(result.columns) == ["refugee_id", "volunteer_id", "score", "reasons"]
    assert result["refugee_id"].is_unique                                   # once each
    load = result["volunteer_id"].value_counts()
    assert (load <= vs.loc[load.index, "capacity"]).all()                    # capacity
    for a, b, s in zip(result["refugee_id"], result["volunteer_id"], result["score"],
                       strict=True):
        assert allowed(hs.loc[a], vs.loc[b], same_municipality, exclude), (a, b)
        assert s == score(hs.loc[a], vs.loc[b])
    assert list(result["refugee_id"]) == sorted(result["refugee_id"])


def brute_force(waiting, volunteers, same_municipality, exclude):
    """The best key over every way to give each household one volunteer or none."""
    hs = waiting.to_dict("records")
    vs = volunteers.to_dict("records")
    options = [[None] + [j for j, v in enumerate(vs) if allowed(h, v, same_municipality,
                                                                 exclude)] for h in hs]
    best = (0, 0, 0)
    for choice in itertools.product(*options):
        used = np.bincount([j for j in choice if j is not None], minlength=len(vs))
        if (used > volunteers["capacity"].to_numpy()).any():
            continue
        pairs = [(hs[i]["id"], vs[j]["id"]) for i, j in enumerate(choice) if j is not None]
        best = max(best, key(pairs, waiting, volunteers))
    return best


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6), m=st.integers(1, 3),
       places=st.integers(1, 2), ex=st.integers(0, 3), same=st.booleans())
def test_match_is_optimal_against_a_brute_force(seed, n, m, places, ex, same):
    waiting, volunteers, exclude = programme(seed, n, m, places, ex)
    result = friends.match(waiting, volunteers, same_municipality=same, exclude=exclude,
                           today=TODAY)
    assert_rules(result, waiting, volunteers, same, exclude)
    pairs = list(zip(result["refugee_id"], result["volunteer_id"], strict=True))
    assert key(pairs, waiting, volunteers) == brute_force(waiting, volunteers, same, exclude)


def milp_optimum(waiting, volunteers, exclude):
    """The lexicographic optimum by a direct MILP on every allowed pair, one goal at a time
    (each later goal keeps the earlier ones at their optimum)."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import lil_array

    hs = waiting.to_dict("records")
    vs = volunteers.to_dict("records")
    pairs = [(i, j) for i, h in enumerate(hs) for j, v in enumerate(vs)
             if allowed(h, v, True, exclude)]
    a = lil_array((len(hs) + len(vs), len(pairs)))
    for k, (i, j) in enumerate(pairs):
        a[i, k] = 1
        a[len(hs) + j, k] = 1
    upper = np.concatenate([np.ones(len(hs)), volunteers["capacity"].to_numpy(float)])
    rows = [LinearConstraint(a.tocsr(), 0, upper)]
    goals = [np.ones(len(pairs)),
             np.array([days(hs[i]) for i, _ in pairs], float),
             np.array([score(hs[i], vs[j]) for i, j in pairs], float)]
    best = []
    for goal in goals:
        res = milp(-goal, constraints=rows, integrality=np.ones(len(pairs)),
                   bounds=Bounds(0, 1))
        assert res.status == 0
        best.append(round(-res.fun))
        rows.append(LinearConstraint(goal[None, :], best[-1], np.inf))
    return tuple(best)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_match_equals_a_direct_milp_on_medium_cases(seed):
    waiting, volunteers, exclude = programme(seed, 70, 35, places=3, ex=15)
    result = friends.match(waiting, volunteers, exclude=exclude, today=TODAY)
    assert_rules(result, waiting, volunteers, True, exclude)
    pairs = list(zip(result["refugee_id"], result["volunteer_id"], strict=True))
    assert key(pairs, waiting, volunteers) == milp_optimum(waiting, volunteers, exclude)
    assert 0 < len(result) < len(waiting)   # a case where not everyone can be matched


def test_a_rejected_pair_is_not_proposed_again():
    waiting, volunteers, _ = programme(7, 40, 20, places=2)
    first = friends.match(waiting, volunteers, today=TODAY)
    rejected = first.iloc[:5][["refugee_id", "volunteer_id"]]
    again = friends.match(waiting, volunteers, exclude=rejected, today=TODAY)
    assert_rules(again, waiting, volunteers, True, list(rejected.itertuples(index=False)))
    kept = set(zip(again["refugee_id"], again["volunteer_id"], strict=True))
    assert kept.isdisjoint(set(rejected.itertuples(index=False, name=None)))


def test_output_is_deterministic_and_independent_of_row_order():
    waiting, volunteers, exclude = programme(11, 80, 40, ex=5)
    one = friends.match(waiting, volunteers, exclude=exclude, today=TODAY)
    two = friends.match(waiting.sample(frac=1, random_state=3),
                        volunteers.sample(frac=1, random_state=4), exclude=exclude[::-1],
                        today=TODAY)
    pd.testing.assert_frame_equal(one, two)
    pd.testing.assert_frame_equal(one, friends.match(waiting, volunteers, exclude=exclude,
                                                     today=TODAY))


def test_the_longest_waiting_come_first_then_shared_interests_and_families():
    waiting = pd.DataFrame({
        "id": ["new", "old", "kids"], "municipality": ["Aarhus"] * 3,
        "languages": ["ar", "ar,da", "ti"], "adults": [1, 2, 2], "children": [0, 0, 2],
        "interests": ["football", "", "cooking"],
        "waiting_since": ["2026-11-20", "2026-01-05", "2026-06-01"]})
    volunteers = pd.DataFrame({
        "id": ["a", "f", "p"], "municipality": ["Aarhus"] * 3, "languages": ["ar", "ti", "ti"],
        "kind": ["person", "family", "person"], "capacity": [1, 1, 1],
        "interests": ["football", "", "cooking"]})
    result = friends.match(waiting, volunteers, today=TODAY, language="en")
    pairs = dict(zip(result["refugee_id"], result["volunteer_id"], strict=True))
    assert pairs == {"old": "a", "kids": "f"}   # longest wait beats football; a family wins
    reasons = dict(zip(result["refugee_id"], result["reasons"], strict=True))
    assert reasons["old"] == "Shared languages: Arabic; Both in Aarhus; Waiting 330 days"
    assert "A family with children and a volunteer family" in reasons["kids"]
    da = friends.match(waiting, volunteers, today=TODAY).set_index("refugee_id")["reasons"]
    assert da["old"].startswith("Fælles sprog: arabisk; Begge i Aarhus; Har ventet 330 dage")
    ar = friends.match(waiting, volunteers, today=TODAY, language="ar")
    assert "العربية" in ar["reasons"].iloc[1] and "؛ " in ar["reasons"].iloc[1]


def test_without_the_municipality_rule_neighbours_are_matched():
    waiting, volunteers, _ = programme(5, 30, 10, places=3)
    local = friends.match(waiting, volunteers, today=TODAY)
    wide = friends.match(waiting, volunteers, same_municipality=False, today=TODAY)
    assert_rules(wide, waiting, volunteers, False)
    assert len(wide) >= len(local)
    crossing = wide.merge(waiting[["id", "municipality"]], left_on="refugee_id", right_on="id")
    crossing = crossing.merge(volunteers[["id", "municipality"]], left_on="volunteer_id",
                              right_on="id", suffixes=("_h", "_v"))
    moved = crossing[crossing["municipality_h"] != crossing["municipality_v"]]
    assert len(moved) and moved["reasons"].str.contains("Husstanden i").all()


def test_empty_tables_propose_nothing():
    waiting, volunteers, _ = programme(1, 5, 3)
    assert friends.match(waiting.iloc[:0], volunteers, today=TODAY).empty
    assert friends.match(waiting, volunteers.iloc[:0], today=TODAY).empty


def _bad(frame, column, value, row=0):
    frame = frame.copy()
    frame[column] = frame[column].astype(object)
    frame.loc[row, column] = value
    return frame


@pytest.mark.parametrize(("table", "column", "value", "english"), [
    ("v", "capacity", 0, "row 1, column “capacity”: “0” cannot be used. A whole number from 1"),
    ("v", "capacity", "two", "“two” cannot be used"),
    ("v", "capacity", 2.5, "“2.5” cannot be used"),
    ("v", "kind", "robot", "Type person or family."),
    ("w", "waiting_since", "2026-13-01", "A date such as 2026-01-31, not in the future."),
    ("w", "waiting_since", "01/02/2026", "“01/02/2026” cannot be used"),
    ("w", "waiting_since", "2027-01-01", "not in the future"),
    ("w", "waiting_since", None, "column “waiting_since”"),
    ("w", "languages", "arabic", "Type language codes separated by commas, e.g. ar,da."),
    ("w", "languages", "", "column “languages”"),
    ("w", "children", -1, "column “children”"),
    ("w", "id", "h\u202e1", "“h\\u202e1” cannot be used"),
    ("w", "municipality", "<script>" + "x" * 90, "column “municipality”"),
    ("w", "interests", "x" * 90, "column “interests”"),
])
def test_bad_cells_are_refused_naming_row_column_and_value(table, column, value, english):
    waiting, volunteers, _ = programme(2, 4, 3)
    before = (waiting.copy(), volunteers.copy())
    if table == "w":
        waiting = _bad(waiting, column, value)
    else:
        volunteers = _bad(volunteers, column, value)
    with pytest.raises(friends.FriendsBadValue) as caught:
        friends.match(waiting, volunteers, today=TODAY)
    assert english in caught.value.message("en")
    table_name = "The waiting list" if table == "w" else "The volunteers"
    assert caught.value.message("en").startswith(table_name)
    assert caught.value.message("uk") != caught.value.message("en")
    assert isinstance(caught.value, kit.KitError)
    pd.testing.assert_frame_equal(before[0], programme(2, 4, 3)[0])  # inputs untouched
    pd.testing.assert_frame_equal(before[1], programme(2, 4, 3)[1])


def test_missing_columns_duplicates_and_wrong_types_are_refused():
    waiting, volunteers, _ = programme(2, 4, 3)
    with pytest.raises(friends.FriendsMissingColumn) as caught:
        friends.match(waiting.drop(columns="waiting_since"), volunteers, today=TODAY)
    assert caught.value.message("en") == \
        "The table of the waiting list has no column “waiting_since”."
    assert str(caught.value) == "Tabellen med ventelisten mangler kolonnen »waiting_since«."
    with pytest.raises(friends.FriendsMissingColumn):
        friends.match(waiting, volunteers.drop(columns="capacity"), today=TODAY)
    twice = pd.concat([volunteers, volunteers.iloc[:1]])
    with pytest.raises(friends.FriendsDuplicateId) as dup:
        friends.match(waiting, twice, today=TODAY)
    assert dup.value.message("en") == "The volunteers: the id “v0” appears more than once."
    with pytest.raises(friends.FriendsInputError):
        friends.match([{"id": 1}], volunteers, today=TODAY)
    with pytest.raises(friends.FriendsBadValue):
        friends.match(waiting, volunteers, exclude=["h1"], today=TODAY)
    with pytest.raises(FriendsBadLanguage):
        friends.match(waiting, volunteers, language="fr", today=TODAY)
    empty_household = _bad(_bad(waiting, "adults", 0), "children", 0)
    with pytest.raises(friends.FriendsBadValue):
        friends.match(empty_household, volunteers, today=TODAY)


def test_pure_modules_import_neither_widgets_nor_sql():
    from test_architecture import GUI, SQL, imported_modules

    kit_dir = Path(kit.__file__).resolve().parent
    paths = [kit_dir / "friends.py", *(kit_dir / "steps" / "friends").glob("*.py")]
    assert len(paths) >= 6
    for path in paths:
        roots = {m.split(".")[0] for m in imported_modules(path) if not m.startswith(".")}
        assert roots & (GUI | SQL) == set(), path.name
        # the pure core (matching, gap, map, sign-up checks) knows no store; the store,
        # its purge, its documents, its forms and the analysts' made-up programme sit above it
        if path.stem not in ("store", "purge", "documents", "pages", "demo"):
            assert not {m for m in imported_modules(path) if m.startswith(
                ("kit.steps.friends.store", "kit.core.db", "kit.store"))}, path.name
    from kit.steps import STEPS

    assert "friends" not in str(STEPS)   # a partnership's programme: not a workshop step


def test_too_many_at_once_is_refused_before_any_work(monkeypatch):
    from kit.steps.friends import solver
    from kit.steps.friends.logic import FriendsTooLarge

    waiting, volunteers, _ = programme(3, 40, 20, places=2)
    friends.match(waiting, volunteers, today=TODAY)                  # fine per municipality
    cells = len(waiting) * int(volunteers["capacity"].sum())
    monkeypatch.setattr(solver, "MAX_CELLS", cells - 1)
    friends.match(waiting, volunteers, today=TODAY)                  # each part is smaller
    with pytest.raises(FriendsTooLarge) as caught:
        friends.match(waiting, volunteers, same_municipality=False, today=TODAY)
    assert caught.value.message("en").startswith(
        f"Too many to match at once: 40 households and {cells // 40} places")
