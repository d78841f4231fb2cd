"""Issue 20: the theme suggestion's representation (vocabulary as data, compounds), placing
late notes into the facilitator's themes with the words that explain it, and the store's
"place the new notes" step (suggested until accepted, themes in use left alone, undoable)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kit import errors, ideas
from kit.steps.ideas import represent

DEV = Path(__file__).resolve().parent.parent / "bench" / "data" / "suggest_dev.csv"

THEMES = {
    "Bolig": ["Svært at finde en lejlighed", "Hjælp til flytning og indskud",
              "Husorden og affald i opgangen"],
    "Sprog": ["Flere sprogvenner", "Sprogcafé om aftenen", "Tolk til samtaler"],
    "Job": ["Praktikpladser i virksomheder", "Hjælp til CV", "Mentor fra erhvervslivet"],
}


def test_the_vocabulary_is_data_a_municipality_can_extend():
    vocab = represent.parse_vocabulary("""
# our own words
[sprog]
tolk: tolk, tolkning, interpreter   # synonyms, inflections, English
[havnen]
havnebad: havnebad, badebro,
          vinterbad
""")
    assert vocab.match("tolkningen")[:2] == ("sprog", "tolk")
    assert vocab.match("interpreters")[:2] == ("sprog", "tolk")
    assert vocab.match("vinterbadning")[:2] == ("havnen", "havnebad")  # continued line
    assert vocab.match("aftenbadebro")[:2] == ("havnen", "havnebad")   # inside a compound
    assert vocab.match("tol") is None
    assert set(vocab.areas) == {"sprog", "havnen"}
    kit_vocab = represent.vocabulary()
    assert {"bolig", "sprog", "arbejde", "sundhed", "familie", "netværk", "praktisk",
            "økonomi", "koordinering"} <= set(kit_vocab.areas)


def test_the_rest_of_the_municipality_groups_notes_and_case_words_tie_to_nothing():
    vocab = represent.vocabulary()
    # the municipality's other areas: notes about roads or plans meet each other
    assert vocab.match("cykelstien")[0] == vocab.match("trafiksikkerhed")[0] == "teknik"
    assert vocab.match("lokalplanen")[0] == "plan" and vocab.match("fjernvarmen")[0] == "energi"
    # words every kind of case uses pull no note towards an integration area
    for word in ("godkendelse", "behandling", "medlemmer", "kontrakten", "skema"):
        assert vocab.match(word) is None, word
    # places where integration work happens, and everyday words, stay out
    assert vocab.match("biblioteket") is None and vocab.match("ældre") is None


def test_short_terms_only_match_whole_words_and_filler_is_left_out():
    vocab = represent.vocabulary()
    assert vocab.match("it") is not None and vocab.match("itsme") is None
    tokens = [t for t, _ in represent.corpus_tokens(["Mangler hjælp til MitID"])[0]]
    assert "c:mitid" in tokens and not any("mangl" in t or "hjælp" in t for t in tokens)


def test_compounds_split_against_the_rooms_words():
    known = represent.known_words(["fælles spisning", "lektie og hjælp"])
    assert represent.split_compound("fællesspisning", known) == ["fælles", "spisning"]
    assert represent.split_compound("lektiehjælp", known) == ["lektie", "hjælp"]
    assert represent.split_compound("kaffe", known) == []


def test_placement_learns_from_the_facilitators_themes_and_explains():
    late = ["Tolk hos lægen og på sprogskolen", "Flere praktikpladser i lokale virksomheder",
            "Ny lejlighed uden møbler", "🙂"]
    got = ideas.suggest_placement(late, THEMES)
    assert got == ["Sprog", "Job", "Bolig", None]
    why = ideas.placements(late, THEMES)
    assert why[1].theme == "Job" and why[1].words and 0 < why[1].score <= 1
    assert all(w.lower() in late[1].lower() for w in why[1].words)
    assert why[3] == ideas.Placement(None, 0.0)


def test_placement_edge_cases():
    assert ideas.suggest_placement([], THEMES) == []
    assert ideas.suggest_placement(["Tolk"], {}) == [None]
    assert ideas.suggest_placement(["Tolk"], {"Tom": []}) == [None]
    assert ideas.suggest_placement(["Tolk", "Tolk"], {"Sprog": ["tolk"]}) == ["Sprog"] * 2


def test_suggestions_on_the_development_notes_and_near_duplicates():
    from sklearn.metrics import adjusted_rand_score

    with DEV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    texts, truth = [r["text"] for r in rows], [r["theme"] for r in rows]
    labels = ideas.suggest_themes(texts, 9)
    assert labels == ideas.suggest_themes(texts, 9)
    assert adjusted_rand_score(truth, labels) > 0.5
    auto = ideas.suggest_themes(texts)
    assert 3 <= len(set(auto)) <= 12 and adjusted_rand_score(truth, auto) > 0.4
    # ten copies of one note are one idea: they share a theme and do not make one
    copies = ideas.suggest_themes(texts[:30] + ["Tolk til lægen"] * 10, 5)
    assert len(set(copies[30:])) == 1 and len(set(copies)) == 5


@pytest.fixture
def room(any_store):
    w = any_store.create_workshop("Idéer", "Aarhus")
    w.set_phase("ideas")
    p = w.join("Anna", "kommune")
    notes = {label: [w.add_idea(p, text, "behov") for text in texts]
             for label, texts in THEMES.items()}
    w.set_phase("themes")
    themes = {label: w.add_theme(label) for label in THEMES}
    for label, made in notes.items():
        for idea in made:
            w.ideas.assign_idea(idea.id, themes[label].id)
    return w, p, themes


def test_place_the_new_notes_suggested_until_accepted_and_undoable(room):
    w, p, themes = room
    w.set_phase("ideas")
    tolk = w.add_idea(p, "Tolk ved forældremødet", "behov")
    job = w.add_idea(p, "Jobmesse med lokale virksomheder", "behov")
    odd = w.add_idea(p, "🙂", "behov")
    w.set_phase("themes")
    before = {i.id: i.theme_id for i in w.ideas()}
    done = w.ideas.place_new_ideas()
    assert done == {tolk.id: themes["Sprog"].id, job.id: themes["Job"].id, odd.id: None}
    marked = w.ideas.suggested()
    assert set(marked) == {tolk.id, job.id} and marked[job.id]
    w.ideas.undo()                                       # one step
    assert {i.id: i.theme_id for i in w.ideas()} == before and w.ideas.suggested() == {}
    w.ideas.place_new_ideas()
    w.ideas.accept_suggested([job.id])
    assert set(w.ideas.suggested()) == {tolk.id}
    w.ideas.undo()                                       # the acceptance is undoable too
    assert set(w.ideas.suggested()) == {tolk.id, job.id}
    w.ideas.assign_idea(tolk.id, themes["Bolig"].id)     # moved by hand: the facilitator's
    assert set(w.ideas.suggested()) == {job.id}
    w.ideas.accept_suggested()
    assert w.ideas.suggested() == {}
    assert w.ideas.place_new_ideas() == {odd.id: None}   # nothing new: nothing moves


def test_place_the_new_notes_leaves_themes_in_use_alone(room, any_store):
    w, p, themes = room
    w.ideas.select_theme(themes["Sprog"].id)
    w.set_phase("voting")
    w.voting.open_voting()
    any_store.workshop(w.code).vote(p, themes["Sprog"].id)
    w.set_phase("ideas")
    tolk = w.add_idea(p, "Flere tolke og sprogvenner", "behov")
    w.set_phase("themes")
    assert w.ideas.place_new_ideas() == {tolk.id: None}  # fits Sprog, which has votes
    assert {i.id: i.theme_id for i in w.ideas()}[tolk.id] is None


def test_only_the_facilitator_places_notes(room, any_store):
    w, _, _ = room
    with pytest.raises(errors.FacilitatorOnly):
        any_store.workshop(w.code).ideas.place_new_ideas()
