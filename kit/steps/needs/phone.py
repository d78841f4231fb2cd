"""The needs check on a phone: the anonymous form. The answer is stored without the
participant, so joining the workshop does not tie a need to a name."""

from __future__ import annotations

from kit.core.model import Topic
from kit.steps._step import PhoneHost
from kit.steps.needs.views import NeedsForm


class NeedsPhone:
    def __init__(self, page: PhoneHost) -> None:
        self.page = page
        self.form = NeedsForm(on_send=self._send)
        self.root = self.form.root

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        self.form.render(self.page.language)

    def _send(self, picks: dict[str, list[str]], texts: dict[str, str], who: str) -> None:
        workshop = self.page.workshop
        assert workshop is not None  # the form shows only inside a workshop
        workshop.needs.answer(picks, texts, self.page.language, respondent=who)
