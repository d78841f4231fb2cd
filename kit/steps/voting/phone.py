"""The vote on a phone: the candidate themes with + / − and the dots left."""

from __future__ import annotations

from kit.core.model import Topic
from kit.steps._step import PhoneHost
from kit.steps.voting.views import VoteView


class VotingPhone:
    def __init__(self, page: PhoneHost) -> None:
        self.page = page
        self.view = VoteView(on_vote=self._vote)
        self.root = self.view.root

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, me = self.page.workshop, self.page.participant
        if workshop is None or me is None:
            return
        candidates = [th for th in workshop.ideas.themes() if th.selected]
        mine = workshop.voting.votes(me)
        state = workshop.state()
        self.view.render(state, candidates, mine, self.page.language,
                         workshop.translated(self.page.language),
                         room_voted=not state.voting_open and workshop.voting.voters() > 0)

    def _vote(self, theme_id: str, change: int) -> None:
        workshop, me = self.page.workshop, self.page.participant
        assert workshop is not None and me is not None  # the view shows only after joining
        if change > 0:
            workshop.voting.vote(me, theme_id, change)
        else:
            workshop.voting.unvote(me, theme_id, -change)
        self.refresh()
