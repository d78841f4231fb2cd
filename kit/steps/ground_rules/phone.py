"""The ground rules on a phone: who should do each open task, and the agreed house rules."""

from __future__ import annotations

from kit.core.model import Topic
from kit.steps._step import PhoneHost
from kit.steps.ground_rules.views import RulesVoteView


class GroundRulesPhone:
    hint = "rules.phone_intro"
    """The page's hint for this step: who takes care of the task, and how to vote and take
    a vote back (in place of the general hint, which asked the same question again)."""

    def __init__(self, page: PhoneHost) -> None:
        self.page = page
        self.view = RulesVoteView(on_vote=self._vote)
        self.root = self.view.root

    # (a translation is written under the topic of what it translates: RULES)
    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, me = self.page.workshop, self.page.participant
        if workshop is None or me is None:
            return
        store = workshop.ground_rules
        self.view.render(store.tasks(), store.votes(me), store.house_rules(),
                         self.page.language, workshop.translated(self.page.language))

    def _vote(self, task_id: str, division: str | None) -> None:
        workshop, me = self.page.workshop, self.page.participant
        assert workshop is not None and me is not None  # the view shows only after joining
        workshop.ground_rules.vote(me, task_id, division)
        self.refresh()
