"""The live feed (`kit.core.live.Live`) without a browser or a store: typed topics, and no
refresh lost when one handler fails."""

from __future__ import annotations

import pytest

from kit import errors
from kit.core.live import Live
from kit.core.model import Change, Topic
from kit.steps.ideas import topics as ideas_topics
from kit.steps.timeline import topics as timeline_topics
from kit.steps.voting import topics as voting_topics


class Feed:
    """Plays the store: each `write` moves the revision and records its topics."""

    def __init__(self) -> None:
        self.revision = 0
        self.log: list[tuple[int, Topic]] = []

    def write(self, *topics: Topic) -> None:
        self.revision += 1
        self.log += [(self.revision, t) for t in topics]

    def changes_since(self, revision: int) -> Change:
        return Change(self.revision, frozenset(t for r, t in self.log if r > revision))


def test_a_failing_handler_leaves_the_others_fresh_and_is_called_again():
    feed, seen, calls = Feed(), [], {"n": 0}
    live = Live(feed)

    def flaky(topics: frozenset[Topic]) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise errors.StoreBusy()
        seen.append(("flaky", topics))

    live.on({voting_topics.VOTES}, flaky)
    live.on({voting_topics.VOTES, timeline_topics.CARDS},
            lambda topics: seen.append(("steady", topics)))
    live.poll()  # the first poll draws everything once
    assert [name for name, _ in seen] == ["flaky", "steady"]
    seen.clear()

    feed.write(voting_topics.VOTES)
    with pytest.raises(errors.StoreBusy):
        live.poll()
    assert seen == [("steady", frozenset({voting_topics.VOTES}))]  # the other view still refreshed
    seen.clear()

    live.poll()  # nothing new was written, but the failed refresh is not lost
    assert seen == [("flaky", frozenset({voting_topics.VOTES}))]
    seen.clear()
    live.poll()
    assert seen == []


def test_handlers_hear_only_their_topics():
    feed, seen = Feed(), []
    live = Live(feed)
    live.on({timeline_topics.CARDS}, lambda topics: seen.append(topics))
    live.poll()
    seen.clear()
    feed.write(ideas_topics.IDEAS)
    assert live.poll() == frozenset({ideas_topics.IDEAS})
    assert seen == []
    feed.write(timeline_topics.CARDS, ideas_topics.IDEAS)
    live.poll()
    assert seen == [frozenset({timeline_topics.CARDS})]


def test_a_misspelt_topic_fails_at_once():
    live = Live(Feed())
    with pytest.raises(ValueError):
        live.on({"card"}, lambda topics: None)  # type: ignore[arg-type]


def test_the_store_reports_typed_topics():
    import kit

    store = kit.open_store("sqlite://")
    workshop = store.create_workshop("Live", "Bakkeby")
    start = workshop.revision()
    workshop.set_phase("ideas")
    workshop.join("Anna", "kommune")
    change = workshop.changes_since(start)
    assert change.topics == {Topic.WORKSHOP, Topic.PARTICIPANTS}
    assert all(isinstance(t, Topic) for t in change.topics)


def test_a_phone_hears_its_own_changes_and_everyones_but_not_other_phones():
    """On a real store: a note by someone else does not wake Anna's phone; her own note,
    a facilitator's edit of her note and a shared change do."""
    import kit

    store = kit.open_store("sqlite://")
    workshop = store.create_workshop("Feed", "Bakkeby")
    anna, bo = workshop.join("Anna", "kommune"), workshop.join("Bo", "flygtning")
    workshop.set_phase("ideas")
    heard: list[frozenset[Topic]] = []
    everything: list[frozenset[Topic]] = []
    live = Live(workshop)
    live.on({ideas_topics.IDEAS}, heard.append, participant=anna.id)
    live.on({ideas_topics.IDEAS}, everything.append)
    live.poll()
    heard.clear(), everything.clear()

    workshop.add_idea(bo, "Tolk til lægebesøg", "behov")
    live.poll()
    assert heard == [] and everything == [frozenset({ideas_topics.IDEAS})]
    mine = workshop.add_idea(anna, "Sprogcafé", "behov")
    live.poll()
    assert heard == [frozenset({ideas_topics.IDEAS})]
    workshop.ideas.update_idea(mine.id, None, text="Sprogcafé om lørdagen")  # the facilitator
    live.poll()
    assert len(heard) == 2
    before = live.revision
    workshop.add_idea(bo, "Lektiehjælp", "behov")
    change = workshop.changes_since(before)
    assert change.topics == {ideas_topics.IDEAS}
    assert change.seen_by(anna.id) == frozenset() and change.seen_by(bo.id) == {ideas_topics.IDEAS}
    assert change.seen_by(None) == {ideas_topics.IDEAS}
    live.poll()
    assert len(heard) == 2 and len(everything) == 4
