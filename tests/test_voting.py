"""Dot voting: the pure tally, and the budget the store enforces under concurrency."""

from __future__ import annotations

import multiprocessing as mp

import pandas as pd
import pytest

import kit
from kit import errors
from kit.voting import tally

PEOPLE = pd.DataFrame({"id": ["k1", "k2", "k3", "c1", "f1"],
                       "sector": ["kommune", "kommune", "kommune", "civilsamfund", "flygtning"]})


def votes(*rows):
    return pd.DataFrame(rows, columns=["participant_id", "theme_id", "dots"])


def test_ties_share_the_smallest_rank():
    t = tally(votes(("k1", "a", 2), ("c1", "b", 2), ("f1", "c", 1)), PEOPLE)
    assert list(t["theme_id"]) == ["a", "b", "c"]
    assert list(t["rank"]) == [1, 1, 3]
    assert list(t["score"]) == [2.0, 2.0, 1.0]


def test_sector_weighting_changes_the_winner():
    v = votes(("k1", "a", 3), ("k2", "a", 3), ("k3", "a", 3), ("c1", "b", 3), ("f1", "b", 3))
    raw = tally(v, PEOPLE)
    assert raw.iloc[0]["theme_id"] == "a" and raw.iloc[0]["dots"] == 9
    balanced = tally(v, PEOPLE, weighting="sector")
    assert balanced.iloc[0]["theme_id"] == "b"
    # 15 dots, 3 sectors: each sector weighs 5 in total
    assert balanced.set_index("theme_id")["score"].to_dict() == {"a": 5.0, "b": 10.0}
    assert balanced.set_index("theme_id").loc["a", "kommune"] == 9


def test_a_sector_without_votes_is_left_out_of_the_balance():
    v = votes(("k1", "a", 2), ("c1", "b", 2))
    t = tally(v, PEOPLE, weighting="sector").set_index("theme_id")
    assert t["score"].to_dict() == {"a": 2.0, "b": 2.0}
    assert t["flygtning"].sum() == 0


def test_empty_and_wrong_inputs():
    assert tally(votes(), PEOPLE).empty
    with pytest.raises(ValueError):
        tally(votes(("x9", "a", 1)), PEOPLE)
    with pytest.raises(ValueError):
        tally(votes(("k1", "a", 1)), PEOPLE, weighting="loud")


@pytest.fixture
def vote_room(any_store):
    w = any_store.create_workshop("Prioritering", "Aarhus")
    p = w.join("Anna", "kommune")
    w.set_phase("themes")
    a, b = w.add_theme("Bolig"), w.add_theme("Sprog")
    w.ideas.select_theme(a.id)
    w.ideas.select_theme(b.id)
    w.set_phase("voting")
    return w, p, a, b


def test_budget_cap_and_closed_voting(vote_room, any_store):
    w, p, a, b = vote_room
    phone = any_store.workshop(w.code)
    with pytest.raises(errors.VotingClosed):
        phone.vote(p, a.id)
    w.voting.configure_voting(dots_per_participant=3, max_dots_per_theme=2)
    w.voting.open_voting()
    with pytest.raises(errors.NoDotsThere):
        phone.voting.unvote(p, b.id)
    assert phone.vote(p, a.id) == 2
    assert phone.vote(p, a.id) == 1
    with pytest.raises(errors.OverThemeCap):
        phone.vote(p, a.id)
    assert phone.vote(p, b.id) == 0
    with pytest.raises(errors.OverBudget):
        phone.vote(p, b.id)
    assert phone.voting.unvote(p, a.id) == 1
    with pytest.raises(errors.NotACandidate):
        phone.voting.unvote(p, "nothing-here")
    assert phone.voting.votes(p) == {a.id: 1, b.id: 1}
    with pytest.raises(errors.FacilitatorOnly):
        phone.voting.reveal()
    w.voting.close_voting()
    with pytest.raises(errors.VotingClosed):
        phone.vote(p, a.id)
    assert w.voting.voters() == 1


def test_only_candidates_take_dots(vote_room):
    w, p, a, _ = vote_room
    other = w.add_theme("Ikke med")
    w.voting.open_voting()
    with pytest.raises(errors.NotACandidate):
        w.vote(p, other.id)
    with pytest.raises(errors.InvalidValue):
        w.voting.configure_voting(dots_per_participant=0)


def _voter(url, code, pids, theme_ids, seed, out):
    import random

    rng = random.Random(seed)
    w = kit.open_store(url).workshop(code)
    refused = 0
    for _ in range(12):
        try:
            if rng.random() < 0.8:
                w.vote(rng.choice(pids), rng.choice(theme_ids))
            else:
                w.voting.unvote(rng.choice(pids), rng.choice(theme_ids))
        except errors.KitError:
            refused += 1
        except Exception as exc:  # noqa: BLE001
            out.put(("error", repr(exc)))
            return
    out.put(("ok", refused))


def _hammer(url):
    store = kit.open_store(url)
    w = store.create_workshop("Kapløb", "Aarhus")
    pids = [w.join(f"P{i}", "kommune").id for i in range(10)]
    w.set_phase("themes")
    themes = [w.add_theme(f"T{i}").id for i in range(3)]
    for t in themes:
        w.ideas.select_theme(t)
    w.voting.configure_voting(dots_per_participant=3, max_dots_per_theme=2)
    w.voting.open_voting()
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_voter, args=(url, w.code, pids, themes, s, out))
             for s in range(30)]
    for p in procs:
        p.start()
    results = [out.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(60)
    assert [r for r in results if r[0] != "ok"] == []
    assert sum(r[1] for r in results) > 0       # the rules did refuse some dots
    rows = w.voting.votes()
    per_person: dict[str, int] = {}
    for r in rows:
        assert 1 <= r["dots"] <= 2              # the per-theme cap held
        per_person[r["participant_id"]] = per_person.get(r["participant_id"], 0) + r["dots"]
    assert per_person and max(per_person.values()) <= 3   # the budget held


def test_thirty_processes_never_pass_the_rules_on_sqlite(tmp_path):
    _hammer(f"sqlite:///{tmp_path / 'k.sqlite'}")


def test_thirty_processes_never_pass_the_rules_on_postgres(pg_url):
    _hammer(pg_url)


def test_the_reason_for_the_choice_of_themes_is_kept_checked_and_exchanged(vote_room, any_store,
                                                                           tmp_path):
    """Written with the choice (the console's one text box) or alone; refused when too long
    or from a participant, changing nothing; carried through export and import."""
    w, p, a, b = vote_room
    assert w.voting.choice_reason() == ""
    w.voting.choose_themes([b.id], "Bolig har allerede en gruppe i kommunen.")
    assert w.voting.choice_reason() == "Bolig har allerede en gruppe i kommunen."
    assert [th.chosen for th in w.ideas.themes()] == [False, True]
    w.voting.choose_themes([a.id, b.id])          # no reason given: the reason stays
    assert w.voting.choice_reason() == "Bolig har allerede en gruppe i kommunen."
    with pytest.raises(errors.InvalidText):
        w.voting.choose_themes([a.id], "x" * 1001)
    assert [th.chosen for th in w.ideas.themes()] == [True, True]   # nothing changed
    participant = any_store.workshop(w.code)
    with pytest.raises(errors.FacilitatorOnly):
        participant.voting.set_choice_reason("Vi vil hellere tale om sprog")
    w.voting.set_choice_reason("<script>x</script> og =SUM(1)")
    assert w.voting.choice_reason() == "<script>x</script> og =SUM(1)"  # text, shown escaped
    for target in (tmp_path / "w.xlsx", tmp_path / "csv"):
        kit.export_workshop(w, target)
        w.store.purge(w.id)
        again = kit.import_workshop(target, any_store)
        assert again.voting.choice_reason() == "<script>x</script> og =SUM(1)"
        w = again
