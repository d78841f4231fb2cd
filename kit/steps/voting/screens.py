"""The vote on the board (how many have voted; the results once revealed; the discussion of
the guiding questions) and in the facilitator app (rules, open/close, reveal, chosen themes)."""

from __future__ import annotations

import ipywidgets as w

from kit.core.model import Topic
from kit.i18n import t
from kit.steps._step import BoardHost, FacilitatorHost
from kit.steps.voting.board import board_results_html
from kit.steps.voting.facilitator import VotingConsole
from kit.steps.voting.views import discussion_html
from kit.ui.parts import esc, html_text, set_html_text


class VotingBoard:
    def __init__(self, page: BoardHost) -> None:
        self.page = page
        self.vote_status = html_text("", "kit-big")
        self.results = w.HTML()
        self.discussion = w.HTML()
        self.root = w.VBox([self.vote_status, self.results, self.discussion])

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, L = self.page.workshop, self.page.language
        state = workshop.state()
        # whether dots can still be given, in words: the room sees the vote close
        set_html_text(self.vote_status, " · ".join((
            t("vote.voted", L, voters=workshop.voting.voters(),
              participants=len(workshop.participants())),
            t("vote.state_open" if state.voting_open else "vote.state_closed", L))), "kit-big")
        if state.results_visible:
            # the results take the whole stage: the discussion has the focus view for that
            self.results.value = board_results_html(workshop, L)
            self.discussion.value = ""
            return
        self.results.value = f'<p class="kit-muted">{esc(t("vote.hidden", L))}</p>'
        candidates = [th for th in workshop.ideas.themes() if th.selected]
        self.discussion.value = discussion_html(candidates, L)


class VotingPanel:
    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        self.console = VotingConsole(app)
        self.voting = self.console.tools
        self.root = self.console.root

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop = self.app.need()
        self.console.render(workshop.state(), workshop.ideas.themes(), self.app.language)
