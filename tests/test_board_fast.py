"""The board stays light and fast (issue 14, item 3): the timeline findings, near-identical
notes and the vote's results give what they gave before, computed once per change and
without pandas in the board's kernel.

The old implementations are kept verbatim in `tests/reference.py` as the reference."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import old_analyse, old_near_identical, old_tally

from kit import timeline
from kit.core import text
from kit.core.model import Category, Sector
from kit.model import Phase
from kit.steps.ideas import alike
from kit.steps.timeline import findings
from kit.steps.timeline import logic as timeline_logic
from kit.steps.timeline import pairs as timeline_pairs
from kit.steps.voting.logic import tally
from kit.ui.board import BoardApp
from kit.ui.facilitator import FacilitatorApp

from helpers import ROOT, SAMPLE

URL = "http://192.0.2.10:8866/"
KINDS = ("overload", "gaps", "duplicates", "synergies")
TITLES = list(pd.read_csv(SAMPLE / "cards.csv")["title"])
IDEAS = list(pd.read_csv(SAMPLE / "ideas.csv")["text"])
WORDS = ["hjælp", "til", "nye", "familier", "første", "uge", "møde", "kursus", "tilbud",
         "gruppe", "for", "børn", "voksne", "kvinder", "lokal", "frivillig", "MitID", "tolk"]


def random_cards(seed: int, n: int | None = None, int_ids: bool = False) -> pd.DataFrame:
    """Cards as a room writes them: titles reused with a word or two more, few owners (so
    the same owner recurs), every sector and category, weeks anywhere on the timeline."""
    rng = random.Random(seed)
    n = n or rng.randint(50, 300)
    owners = [f"Aktør {i}" for i in range(rng.randint(3, 25))]
    rows = []
    for i in range(n):
        start = rng.randint(-8, 26)
        title = rng.choice(TITLES) + " " + " ".join(rng.sample(WORDS, rng.randint(0, 3)))
        if rng.random() < 0.1:
            title = rng.choice(WORDS)  # a short title: few stems, few n-grams
        rows.append({"id": i * 7 + 3 if int_ids else f"c{rng.randint(0, 10**6)}x{i}",
                     "title": title, "owner": rng.choice(owners) + rng.choice(["", " ", ""]),
                     "sector": rng.choice([s.value for s in Sector]),
                     "category": rng.choice([c.value for c in Category][:rng.randint(2, 9)]),
                     "start_week": start, "end_week": min(26, start + rng.randint(0, 14))})
    return pd.DataFrame(rows)


def assert_same(new: timeline_logic.Analysis, old: dict[str, pd.DataFrame],
                per_kind: int | None = None) -> None:
    for kind in KINDS:
        expected = old[kind] if per_kind is None else old[kind].head(per_kind)
        pd.testing.assert_frame_equal(getattr(new, kind), expected.reset_index(drop=True))


@pytest.mark.parametrize("seed", range(14))
def test_the_analysis_equals_the_old_one_on_random_cards(seed):
    cards = random_cards(seed, int_ids=seed % 5 == 4)
    options = [{}, {"duplicate_similarity": 0.3}, {"duplicate_similarity": 0.8},
               {"overload_threshold": 2, "duplicate_similarity": 1.0}][seed % 4]
    old = old_analyse(cards, **options)
    assert_same(timeline.analyse(cards, **options), old)
    for k in (1, 5, 25):
        assert_same(timeline.analyse(cards, per_kind=k, **options), old, k)
    # the board's way: plain rows, no pandas, the first 25 of each kind
    found = timeline_logic.find(timeline_logic._records(cards),
                                timeline_logic.Options(**options), per_kind=25)
    for kind in KINDS:
        assert getattr(found, kind) == old[kind].head(25).to_dict("records")


def test_the_analysis_equals_the_old_one_on_the_sample_and_in_odd_cases():
    sample = pd.read_csv(SAMPLE / "cards.csv")
    assert_same(timeline.analyse(sample), old_analyse(sample))
    assert_same(timeline.analyse(sample, per_kind=3), old_analyse(sample), 3)
    cards = random_cards(99, 60)
    for options in ({"duplicate_similarity": 0.0}, {"duplicate_similarity": 1.5},
                    {"overload_window": 5, "min_gap_weeks": 1, "early_weeks": (3, 5)}):
        assert_same(timeline.analyse(cards, **options), old_analyse(cards, **options))
        assert_same(timeline.analyse(cards, per_kind=4, **options),
                    old_analyse(cards, **options), 4)
    one = cards.head(1)
    assert_same(timeline.analyse(one), old_analyse(one))
    empty = cards.head(0)
    assert_same(timeline.analyse(empty), old_analyse(empty))
    assert timeline.analyse(empty, per_kind=0).keys() == []


def test_many_cards_show_the_strongest_without_comparing_every_pair(monkeypatch):
    """5,000 cards (the old analysis compared 1.4 million pairs of titles): the 25 shown of
    each kind compare a few thousand, and come out as the old ones did on a slice."""
    cards = random_cards(1, 5000)
    calls = []
    real = timeline_pairs.similarity   # the duplicates' title comparison
    monkeypatch.setattr(timeline_pairs, "similarity",
                        lambda a, b: (calls.append(1), real(a, b))[1])
    found = timeline_logic.find(timeline_logic._records(cards), per_kind=25)
    assert len(calls) < 20_000
    assert all(len(getattr(found, kind)) <= 25 for kind in KINDS)
    assert found.synergies[0]["overlap_weeks"] >= found.synergies[-1]["overlap_weeks"]


def variants(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        base = rng.choice(IDEAS + TITLES)
        change = rng.choice(["", "", "!", " nu", " også", "upper", "space", "word"])
        if change == "upper":
            base = base.upper()
        elif change == "space":
            base = base.replace(" ", "  ")
        elif change == "word":
            base = base + " " + rng.choice(WORDS)
        else:
            base += change
        out.append(base)
    return out


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8, 1.0])
def test_the_text_index_misses_no_alike_pair(threshold):
    texts = variants(int(threshold * 10), 220) + ["", "og i til", "x"]
    every = {(i, j): text.similarity(texts[i], texts[j])
             for j in range(len(texts)) for i in range(j)}
    expected = {p for p, s in every.items() if s >= threshold}
    assert expected <= set(text.alike_pairs(texts, threshold))
    scored = {(i, j): s for i, j, s in text.alike_scores_sparse(texts, threshold)}
    assert scored == {p: every[p] for p in expected}   # the same figures, bit for bit


def test_near_identical_folds_as_before_note_by_note():
    """The same groups as comparing all pairs: on the sample, on random notes, and as a room
    writes them one at a time, edits one and deletes some."""
    sample = IDEAS + IDEAS[:5] + [x.upper() for x in IDEAS[5:9]]
    assert alike.near_identical(sample) == old_near_identical(sample)
    texts = variants(3, 150)
    assert alike.near_identical(texts) == old_near_identical(texts)
    room: list[str] = []
    for n, note in enumerate(variants(4, 60)):
        room.append(note)
        if n % 3 == 0:
            assert alike.near_identical(room) == old_near_identical(room)
    room[5] = room[20] + " "
    del room[30:40]
    assert alike.near_identical(room) == old_near_identical(room)
    assert alike.near_identical(room, 0.5) == old_near_identical(room, 0.5)
    assert alike.near_identical([]) == []


PEOPLE = pd.DataFrame({"id": [f"p{i}" for i in range(12)],
                       "sector": ["kommune"] * 6 + ["civilsamfund"] * 4 + ["flygtning"] * 2})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11), st.sampled_from("abcdefg"), st.integers(1, 9)),
                max_size=40))
def test_the_tally_without_pandas_counts_as_before(rows):
    votes = pd.DataFrame([(f"p{p}", th, d) for p, th, d in rows],
                         columns=["participant_id", "theme_id", "dots"])
    for weighting in ("none", "sector"):
        pd.testing.assert_frame_equal(tally(votes, PEOPLE, weighting),
                                      old_tally(votes, PEOPLE, weighting))


def test_the_tally_refuses_as_before():
    votes = pd.DataFrame([("x9", "a", 1), ("p1", "a", 1)],
                         columns=["participant_id", "theme_id", "dots"])
    for fn in (tally, old_tally):
        with pytest.raises(ValueError, match="unknown participants: \\['x9'\\]"):
            fn(votes, PEOPLE)
        with pytest.raises(ValueError, match="weighting"):
            fn(votes, PEOPLE, "loud")


def test_the_findings_are_computed_once_per_change_and_shared(store, monkeypatch):
    """The board and the facilitator's review in one kernel share one analysis; a refresh
    with no card changed (a verdict, the lanes) computes nothing; a closed review neither."""
    runs = []
    real = timeline_logic.find
    monkeypatch.setattr(timeline_logic, "find",
                        lambda *a, **k: (runs.append(1), real(*a, **k))[1])
    findings._kept.clear()
    fac = FacilitatorApp(store, URL)
    w = fac.create("Modtagelse", "Aarhus")
    fac.set_phase(Phase.TIMELINE)
    board = BoardApp(store, w.code, URL)
    w.timeline.add_cards([{"title": f"Sprogcafé {n}", "owner": f"Forening {n % 3}",
                           "sector": ("kommune", "civilsamfund")[n % 2], "category": "sprog",
                           "start_week": n % 5, "end_week": n % 5 + 3} for n in range(12)])
    board.live.poll()
    fac.refresh()
    assert runs == []                       # the review is closed: nothing computed
    w.timeline.set_review_open(True)
    board.live.poll()
    fac.refresh()
    assert len(runs) == 1                   # board and facilitator: one analysis
    tl = board.screen("timeline")
    assert "kit-finding" in tl.findings.value
    board.screen("timeline").lanes.value = "sector"
    fac.refresh()
    key = fac.panel("timeline").review.render(w.timeline.cards(), {}, True, "da", w.id)[0].key
    w.timeline.set_verdict(key, "dismissed")
    board.live.poll()
    fac.refresh()
    assert len(runs) == 1                   # lanes, verdicts, refreshes: no card changed
    card = w.timeline.cards()[0]
    w.timeline.update_card(card.id, None, title="Sprogcafé hver tirsdag")
    board.live.poll()
    fac.refresh()
    assert len(runs) == 2                   # one change, one analysis for both
    w.timeline.set_review_open(False)
    w.timeline.add_card(None, "Lektiehjælp", "Biblioteket", "familie", 1, 4,
                        sector="civilsamfund")
    board.live.poll()
    fac.refresh()
    assert len(runs) == 2


BOARD = textwrap.dedent("""
    import json, sys
    import ipywidgets
    import kit
    from kit.ui.board import BoardApp
    HEAVY = ("pandas", "numpy", "scipy", "sklearn", "matplotlib", "openpyxl", "docx")
    store = kit.open_store(sys.argv[1])
    board = BoardApp(store, sys.argv[2], "http://x/")
    for line in sys.stdin:
        board.live.poll()
        step = board.screen(board.phase_now or "")
        shown = step.root.children if step is not None else ()
        text = " ".join(getattr(c, "value", "") for c in shown if isinstance(c, ipywidgets.HTML))
        print(json.dumps({"heavy": [m for m in HEAVY if m in sys.modules],
                          "text": text}), flush=True)
""")


def test_the_board_kernel_never_loads_pandas_through_a_whole_workshop(tmp_path):
    """The board's process, driven step by step while this process writes the workshop
    (and forms the groups with scipy): no step's screen loads the analysis stack, not the
    timeline review, the themes with near-identical notes, nor the vote's results."""
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    import kit

    store = kit.open_store(url)
    w = store.create_workshop("Hele vejen", "Bakkeby")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    board = subprocess.Popen([sys.executable, "-c", BOARD, url, w.code], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=env)
    assert board.stdin is not None and board.stdout is not None

    def look() -> dict:
        board.stdin.write("poll\n")
        board.stdin.flush()
        seen = json.loads(board.stdout.readline())
        assert seen["heavy"] == [], seen
        return seen

    try:
        people = [w.join(f"P{n}", ("kommune", "civilsamfund", "flygtning")[n % 3])
                  for n in range(12)]
        look()
        w.set_phase(Phase.TIMELINE)
        for n, p in enumerate(people):
            w.timeline.add_card(p, f"Møbelindsamling {n % 4}", f"Forening {n}",
                                category="bolig", start_week=n % 6, end_week=n % 6 + 3)
        look()
        w.timeline.set_review_open(True)
        assert "kit-finding" in look()["text"]
        w.set_phase(Phase.IDEAS)
        for n, p in enumerate(people):
            w.add_idea(p, f"Flere sprogvenner {n % 3}", "behov")
        assert "×" in look()["text"]
        w.set_phase(Phase.THEMES)
        ideas = w.ideas()
        w.ideas.apply_themes([("Sprog", [i.id for i in ideas[:6]]),
                              ("Bolig", [i.id for i in ideas[6:]])])
        themes = w.ideas.themes()
        for th in themes:
            w.ideas.select_theme(th.id, True)
        look()
        w.set_phase(Phase.VOTING)
        w.voting.open_voting()
        for n, p in enumerate(people):
            w.vote(p, themes[n % 2].id)
        w.voting.close_voting()
        w.voting.reveal()
        assert "kit-bar" in look()["text"]
        w.voting.choose_themes([th.id for th in themes])
        w.set_phase(Phase.GROUPS)
        for p in people:
            w.groups.set_preferences(p, {themes[0].id: 1, themes[1].id: 2})
        look()
        w.groups.configure_groups(3, 8)
        w.groups.form_groups()
        w.groups.confirm_groups()
        look()
        w.set_phase(Phase.FOLLOW_UP)
        look()
    finally:
        board.stdin.close()
        board.wait(timeout=60)
        store.close()
