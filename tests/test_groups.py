"""Group assignment: exact against brute force, and honest about what the room cannot meet."""

from __future__ import annotations

import itertools
import random

import pandas as pd
import pytest

from kit import groups


def instance(seed: int, n: int, m: int):
    rng = random.Random(seed)
    sectors = [rng.choice(["kommune", "civilsamfund", "flygtning"]) for _ in range(n)]
    people = pd.DataFrame({"id": [f"p{i}" for i in range(n)], "sector": sectors})
    themes = [f"t{g}" for g in range(m)]
    prefs = []
    for i in range(n):
        ranked = rng.sample(themes, rng.randint(0, m))
        for r, th in enumerate(ranked, start=1):
            prefs.append((f"p{i}", th, 0 if rng.random() < 0.15 else r))
    return people, pd.DataFrame(prefs, columns=["participant_id", "theme_id", "rank"]), themes


@pytest.mark.parametrize("seed", range(12))
def test_optimal_against_brute_force(seed):
    rng = random.Random(100 + seed)
    n, m = rng.randint(3, 7), rng.randint(2, 3)
    people, prefs, themes = instance(seed, n, m)
    lo = rng.randint(1, 2)
    hi = rng.randint(lo, 4)
    result = groups.assign(people, prefs, lo, hi, themes=themes)
    prob = groups.problem(people, prefs, lo, hi, themes)
    best = min(prob.objective(list(c)) for c in itertools.product(range(m), repeat=n))
    assert result.objective == pytest.approx(best)
    assert len(result.frame) == n and set(result.frame["theme_id"]) <= set(themes)


def test_preferences_sizes_and_mix_when_the_room_allows():
    people = pd.DataFrame({"id": [f"p{i}" for i in range(8)],
                           "sector": ["kommune", "kommune", "civilsamfund", "civilsamfund",
                                      "flygtning", "flygtning", "flygtning", "flygtning"]})
    # everybody's first preference is A: sizes and mix must spread them
    prefs = pd.DataFrame([(f"p{i}", "A", 1) for i in range(8)] +
                         [(f"p{i}", "B", 2) for i in range(8)],
                         columns=["participant_id", "theme_id", "rank"])
    r = groups.assign(people, prefs, 3, 5, themes=["A", "B"])
    counts = r.frame.groupby("theme_id")["sector"].value_counts().unstack(fill_value=0)
    assert counts.sum(axis=1).between(3, 5).all()
    assert (counts["kommune"] >= 1).all() and (counts["civilsamfund"] >= 1).all()
    assert (counts["flygtning"] != 1).all()
    assert r.unmet.empty or set(r.unmet["constraint"]) <= {"no_coordinator"}


def test_not_this_one_is_respected_unless_impossible():
    people = pd.DataFrame({"id": ["a", "b"], "sector": ["kommune", "civilsamfund"]})
    prefs = pd.DataFrame([("a", "X", 0), ("a", "Y", 1), ("b", "X", 1), ("b", "Y", 0)],
                         columns=["participant_id", "theme_id", "rank"])
    ok = groups.assign(people, prefs, 1, 1, themes=["X", "Y"])
    assert dict(zip(ok.frame["participant_id"], ok.frame["theme_id"], strict=True)) == \
        {"a": "Y", "b": "X"}
    forced = groups.assign(people, prefs, 2, 2, themes=["X"])
    assert "not_this_one" in set(forced.unmet["constraint"])
    refused = forced.unmet[forced.unmet["constraint"] == "not_this_one"]
    assert list(refused["participant_id"]) == ["a"]     # whom it is about, as an id

    from types import SimpleNamespace

    from kit.steps.groups.views import unmet_text

    row = {**refused.to_dict("records")[0], "detail": "anything at all"}
    sizes = SimpleNamespace(group_min_size=2, group_max_size=2)
    text = unmet_text(row, {"X": "Bolig"}, {"a": "Anna"}, 2, 1, sizes, "en")
    assert text == 'Anna is in "Bolig" although they said "not this one".'


def test_impossible_rooms_get_reasons_and_a_best_effort():
    people, prefs, themes = instance(7, 5, 3)
    few = groups.assign(people, prefs, 3, 4, themes=themes, volunteers=[])
    kinds = set(few.unmet["constraint"])
    assert {"too_few_people", "size_below_min", "no_coordinator"} <= kinds
    assert len(few.frame) == 5
    many = groups.assign(people, prefs, 1, 1, themes=themes[:2])
    assert {"too_many_people", "size_above_max"} <= set(many.unmet["constraint"])
    lonely = pd.DataFrame({"id": ["a", "b", "c"], "sector": ["kommune", "civilsamfund",
                                                            "flygtning"]})
    one = groups.assign(lonely, prefs.iloc[:0], 1, 3, themes=["Z"])
    assert {"refugee_alone", "nobody_ranked"} <= set(one.unmet["constraint"])
    with pytest.raises(ValueError):
        groups.assign(people, prefs, 3, 2)
    assert set(groups.assign(people.iloc[:0], prefs, 1, 2).unmet["constraint"]) == \
        {"nothing_to_assign"}


# -- evaluating a grouping, moves, drafts and invitations (pure) ---------------------------
def test_evaluate_agrees_with_assign_and_move_effect_is_the_difference():
    people, prefs, themes = instance(3, 9, 3)
    best = groups.assign(people, prefs, 2, 4, themes=themes)
    membership = dict(zip(best.frame["participant_id"], best.frame["theme_id"], strict=True))
    again = groups.evaluate(people, prefs, membership, 2, 4, themes=themes)
    assert again.rank_cost == best.rank_cost and again.objective == best.objective
    person = best.frame["participant_id"].iloc[0]
    here = membership[person]
    there = next(t for t in themes if t != here)
    effect = groups.move_effect(people, prefs, membership, person, there, 2, 4, themes=themes)
    moved = groups.evaluate(people, prefs, {**membership, person: there}, 2, 4, themes=themes)
    assert effect.rank_change == moved.rank_cost - best.rank_cost
    assert moved.objective >= best.objective  # the optimum cannot be improved by one move
    before = {tuple(r) for r in best.unmet.itertuples(index=False)}
    after = {tuple(r) for r in moved.unmet.itertuples(index=False)}
    assert {tuple(r.values()) for r in effect.added} == after - before
    assert {tuple(r.values()) for r in effect.mended} == before - after


def test_preference_stats_and_sector_mix():
    frame = pd.DataFrame({"participant_id": list("abcde"), "theme_id": list("XXYYY"),
                          "rank": [1, 2, None, 1, None], "refused": [False] * 4 + [True],
                          "sector": ["kommune", "flygtning", "flygtning", "civilsamfund",
                                     "kommune"]})
    assert groups.preference_stats(frame) == {"preference_1": 2, "preference_2": 1,
                                              "preference_3": 0, "other": 1, "refused": 1}
    mix = groups.sector_mix(frame)
    assert list(mix.columns) == ["kommune", "civilsamfund", "flygtning"]
    assert mix.loc["Y"].tolist() == [1, 1, 1] and mix.loc["X"].tolist() == [1, 0, 1]


def test_terms_of_reference_draft_uses_the_theme_its_discussion_and_its_ideas():
    from kit.model import Theme

    th = Theme("t1", "Bolig", needs="Familier mangler møbler.", use_each_other="Del lageret.",
               team="Boligsocialt team og Røde Kors")
    terms = groups.terms_of_reference(th, ["Møbellager", "Møbellager", "Hjælp til flytning"],
                                      "da")
    assert set(terms) == {"purpose", "tasks", "mandate", "composition", "meeting_frequency"}
    assert "Bolig" in terms["purpose"] and "Familier mangler møbler." in terms["purpose"]
    assert terms["tasks"].count("Møbellager") == 1 and "Del lageret." in terms["tasks"]
    assert terms["composition"] == "Boligsocialt team og Røde Kors"
    bare = groups.terms_of_reference(Theme("t2", "Sprog"), [], "en")
    assert all(bare.values()) and "Sprog" in bare["purpose"]


def test_missing_kinds_and_suggested_invites():
    from kit.model import Actor, ActorKind, Sector

    lacking = groups.missing_kinds(["civilsamfund"], [])
    assert lacking[:2] == [ActorKind.FORVALTNING, ActorKind.FLYGTNINGE]
    assert set(lacking) == set(ActorKind)
    covered = groups.missing_kinds(["kommune", "flygtning"], ["trossamfund"])
    assert ActorKind.FORVALTNING not in covered and ActorKind.FLYGTNINGE not in covered
    assert ActorKind.TROSSAMFUND not in covered and ActorKind.VIRKSOMHED in covered
    actors = [Actor("a1", "Jobcenter", "forvaltning", Sector.KOMMUNE),
              Actor("a2", "Moské", "trossamfund", Sector.CIVILSAMFUND),
              Actor("a3", "Brugsen", "virksomhed", Sector.CIVILSAMFUND),
              Actor("a4", "Andet", "noget helt andet", Sector.CIVILSAMFUND)]
    names = [a.name for a in groups.suggest_invites(["civilsamfund"], ["a2"], actors)]
    assert names == ["Jobcenter", "Brugsen"]


@pytest.mark.parametrize("seed", range(4))
def test_solution_survives_a_random_bad_room(seed):
    """Odd rooms (all refugees, nobody ranked, one theme) still give a grouping of everyone."""
    rng = random.Random(seed)
    n = rng.randint(1, 6)
    people = pd.DataFrame({"id": [f"p{i}" for i in range(n)],
                           "sector": [rng.choice(["flygtning", "kommune"]) for _ in range(n)]})
    r = groups.assign(people, pd.DataFrame(columns=["participant_id", "theme_id", "rank"]),
                      rng.randint(1, 3), 3, themes=["A", "B", "C"][:rng.randint(1, 3)])
    assert len(r.frame) == n and not r.unmet.empty
