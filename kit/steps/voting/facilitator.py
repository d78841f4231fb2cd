"""The vote as the facilitator runs it: one large next action, the room's count beside it.

The vote is a sequence (open → close → show the result → choose the themes → on to working
groups) that a first-time facilitator had to discover among six buttons. Here the next
action is the one large button, with the count of who has voted beside it and one sentence
for this moment; the themes for working groups are ticked, not Ctrl-clicked; the rules,
the separate open/close/reveal buttons and the discussion notes are folded away. The forms
themselves stay `VotingTools`' (a draft survives the room's redraws); whatever else that
panel holds is shown with the choice, so nothing it gains is lost here.
"""

from __future__ import annotations

import ipywidgets as w

from kit.core.model import Status, WorkshopState
from kit.i18n import t
from kit.model import Theme
from kit.steps._step import FacilitatorHost
from kit.steps.voting.views import DISCUSSION, VotingTools
from kit.ui.console import Fold
from kit.ui.next_action import Moment, NextAction, closed_or, following
from kit.ui.parts import html_text, set_html_text


def moment(state: WorkshopState, voters: int) -> str:
    """Where the vote stands: not yet open, open, closed with the result hidden, shown."""
    if state.voting_open:
        return "open"
    if voters == 0:
        return "ready"
    return "shown" if state.results_visible else "closed"


class VotingConsole:
    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        self.tools = VotingTools(app.need, after=app.refresh)
        tools = self.tools
        # the one next action, drawn as every step's (`kit.ui.next_action`)
        self.action = NextAction(app.refresh, lambda: app.language)
        self.next, self.counts, self.hint = (self.action.button, self.action.counts,
                                             self.action.hint)
        self.choice_title = html_text("", "kit-state")
        self.ticks = w.HBox([])
        self.ticks.add_class("kit-theme-choice")
        tools.choose.layout.display = "none"  # driven by the ticks
        placed = {tools.choose, tools.choose_button, tools.chosen, tools.results, tools.message,
                  tools.theme, tools.save_discussion, tools.state_line,
                  *tools.discussion.values(), *tools.discussion_labels.values()}
        rows = [c for c in tools.root.children if isinstance(c, w.HBox)]
        first = next(c for c in rows if tools.dots in c.children)  # the rules
        second = next(c for c in rows if tools.open in c.children)  # open, close, reveal
        placed |= {first, second}
        # anything VotingTools holds besides (a reason for the choice, say) goes with it
        extra = [c for c in tools.root.children if c not in placed]
        # the reason and "save" on one line: a laptop's screen has no line to spare
        save = w.HBox([*extra, tools.choose_button])
        save.add_class("kit-choice-save")
        self.choice = w.VBox([self.choice_title, self.ticks, tools.choose, save, tools.chosen])
        self.discussion_fold = Fold([tools.theme, *[x for g in DISCUSSION for x in
                                          (tools.discussion_labels[g], tools.discussion[g])],
                           tools.save_discussion])
        self.settings = Fold([first, second, tools.state_line])
        # the result in full (both rankings, every sector) folded: the ticks carry each
        # theme's dots and balanced rank, which is what the choice is made on
        self.results_fold = Fold([tools.results])
        folds = w.HBox([self.results_fold.root, self.discussion_fold.root,
                        self.settings.root])
        folds.add_class("kit-rare-row")  # side by side; an opened one takes the row
        self.root = w.VBox([self.action.root, tools.message, self.choice, folds])
        self.root.add_class("kit-vote-console")
        self._boxes: dict[str, w.Checkbox] = {}
        self._moment = "ready"
        tools.choose.observe(lambda _: self._tick_from_choice(), "value")

    # -- the one next action ------------------------------------------------------------
    def _act(self) -> str | None:
        if self._moment == "shown":  # its own messages, in the panel's message line
            self.choose_and_move_on()
            return None
        set_html_text(self.tools.message, "", "kit-error")
        voting = self.app.need().voting
        {"ready": voting.open_voting, "open": voting.close_voting,
         "closed": voting.reveal}[self._moment]()
        return None

    def choose_and_move_on(self) -> None:
        """Store the ticked themes (through the panel's own save, whatever it saves with
        them) and, once they are stored, open the next step."""
        ticked = set(self.tools.choose.value)
        if not ticked:
            set_html_text(self.tools.message, t("console.vote_none_ticked", self.app.language),
                          "kit-error")
            return
        self.tools.choose_button.click()
        workshop = self.app.need()
        after = following("voting")
        if {th.id for th in workshop.ideas.themes() if th.chosen} == ticked and after:
            workshop.set_phase(after)

    # -- drawing ------------------------------------------------------------------------
    def render(self, state: WorkshopState, themes: list[Theme], language: str) -> None:
        L = language
        self.tools.render(state, themes, L)
        workshop = self.app.need()
        voters = workshop.voting.voters()
        self._moment = now = moment(state, voters)
        # a disabled button says why: nothing to vote on yet (marked in Temaer), or a closed
        # workshop (its banner at the top has the way back)
        candidates = any(th.selected for th in themes)
        self.action.show(closed_or(state, Moment(
            t(f"console.vote_{now}", L),
            t("vote.voted", L, voters=voters, participants=len(workshop.participants())),
            t(f"console.vote_hint_{now}", L) if candidates else t("vote.no_candidates", L),
            self._act, enabled=candidates), L))
        self.tools.choose_button.description = t("console.save_choice", L)
        self.choice.layout.display = None if now in ("closed", "shown") else "none"
        # before the vote the results are a table of zeros: nothing to read yet
        self.results_fold.root.layout.display = "none" if now == "ready" else None
        self.results_fold.render(t("console.vote_results", L))
        set_html_text(self.choice_title, t("console.vote_tick", L), "kit-state")
        self._draw_ticks(themes, self._scores(L) if now in ("closed", "shown") else {})
        for box in [self.tools.choose_button, *self._boxes.values()]:
            box.disabled = state.status == Status.CLOSED
        self.discussion_fold.render(t("console.vote_discussion", L))
        self.settings.render(t("console.vote_settings", L))

    def _scores(self, language: str) -> dict[str, str]:
        """Each candidate's dots and balanced rank, for its tick's label."""
        ranked = self.app.need().voting.rankings()
        rank = {r["theme_id"]: r["rank"] for r in ranked["sector"]}
        return {r["theme_id"]: t("console.vote_tick_score", language, dots=int(r["score"]),
                                 rank=rank.get(r["theme_id"], "")) for r in ranked["none"]}

    def _draw_ticks(self, themes: list[Theme], scores: dict[str, str]) -> None:
        options = [(label, value) for label, value in self.tools.choose.options]
        if [b for b in self._boxes] != [v for _, v in options]:
            self._boxes = {}
            for label, value in options:
                box = w.Checkbox(value=False, description=str(label), indent=False,
                                 layout=w.Layout(width="auto"))
                box.observe(lambda _: self._choice_from_ticks(), "value")
                self._boxes[str(value)] = box
            self.ticks.children = list(self._boxes.values())
        for label, value in options:
            score = scores.get(str(value))
            self._boxes[str(value)].description = f"{label} · {score}" if score else str(label)
        self._tick_from_choice()

    _syncing = False

    def _tick_from_choice(self) -> None:
        self._syncing = True
        try:
            chosen = set(self.tools.choose.value)
            for value, box in self._boxes.items():
                box.value = value in chosen
        finally:
            self._syncing = False

    def _choice_from_ticks(self) -> None:
        if not self._syncing:
            self.tools.choose.value = tuple(v for v, b in self._boxes.items() if b.value)
