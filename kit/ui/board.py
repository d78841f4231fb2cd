"""The projector board: join QR and code, who has joined per sector, the current step, timer.

Read-only. It follows the store like every other page and never writes.
"""

from __future__ import annotations

import time

import ipywidgets as w

from kit.core import Store, Workshop
from kit.core.live import Live
from kit.core.model import FACILITATOR_LANGUAGES, Phase, Sector, Status, Topic
from kit.i18n import t
from kit.steps.groups.views import groups_board_html
from kit.steps.ideas.views import board_data, notes_html, themes_html
from kit.steps.timeline.board import timeline_html
from kit.steps.timeline.model import Verdict
from kit.steps.voting.views import guiding_html, results_html
from kit.ui._common import (
    App,
    Countdown,
    esc,
    html_text,
    participant_link,
    qr_svg,
    set_html_text,
    style,
)

NAMES_SHOWN = 40


def sector_chips(names: list[tuple[str, Sector]]) -> str:
    """Participants as coloured chips, newest last; names are escaped."""
    return '<div class="kit-chips">' + "".join(
        f'<span class="kit-chip {s.value}">{esc(n)}</span>' for n, s in names) + "</div>"


def sector_summary(counts: dict[Sector, int], language: str) -> str:
    return " · ".join(f"{t('sector.' + s.value, language)}: {counts[s]}" for s in Sector)


class BoardApp(App):
    def __init__(self, store: Store, code: str, public_url: str,
                 poll_interval: float = 0.4) -> None:
        self.store = store
        self.workshop: Workshop = store.workshop(code)
        state = self.workshop.state()
        self.language = state.language if state.language in FACILITATOR_LANGUAGES else "da"
        self.public_url = public_url
        L = self.language
        link = participant_link(public_url, self.workshop.code)
        self.title = html_text(state.title, "kit-phase")
        self.qr = w.HTML(qr_svg(link))
        self.join_at = html_text(t("board.join_at", L, url=public_url), "kit-muted")
        self.code = html_text(self.workshop.code, "kit-code")
        self.phase = html_text("", "kit-phase")
        self.countdown = Countdown(t("common.timer", L))
        self.count = html_text("", "kit-big")
        self.sectors = html_text("", "kit-muted")
        self.names = w.HTML()
        self.lanes = w.ToggleButtons(options=[(t("timeline.by_category", L), "category"),
                                              (t("timeline.by_sector", L), "sector")],
                                     value="category")
        self.timeline = w.HTML()
        self.findings = w.HTML()
        self.notes = w.HTML()
        self.vote_status = html_text("", "kit-big")
        self.results = w.HTML()
        self.groups = w.HTML()
        self.step = w.VBox([])
        left = w.VBox([self.qr, self.join_at, self.code])
        right = w.VBox([self.title, self.phase, self.countdown, self.count, self.sectors,
                        self.names], layout=w.Layout(flex="1", padding="0 2rem"))
        self.root = w.VBox([style(), w.HBox([left, right]), self.step])
        self.lanes.observe(lambda _: self.render_timeline(), "value")
        self.phase_now: Phase | None = None
        self.root.add_class("kit-app")
        self.root.add_class("kit-board")
        self.live = Live(self.workshop, poll_interval)
        self.live.on({Topic.WORKSHOP}, lambda _: self.render_workshop())
        self.live.on({Topic.PARTICIPANTS}, lambda _: self.render_participants())
        self.live.on({Topic.CARDS, Topic.FINDINGS}, lambda _: self.render_timeline())
        self.live.on({Topic.IDEAS, Topic.THEMES}, lambda _: self.render_ideas())
        self.live.on({Topic.VOTES, Topic.THEMES, Topic.PARTICIPANTS}, lambda _: self.render_votes())
        self.live.on({Topic.PREFERENCES, Topic.GROUPS, Topic.PARTICIPANTS, Topic.THEMES},
                     lambda _: self.render_groups())
        self.live.poll()
        self.live.start()

    def render_workshop(self) -> None:
        state = self.workshop.state()
        L = self.language
        set_html_text(self.title, state.title, "kit-phase")
        text = (t("participant.closed", L) if state.status == Status.CLOSED else
                t("board.now", L, phase=t(f"phase.{Phase(state.phase).value}", L)))
        set_html_text(self.phase, text, "kit-phase")
        self.countdown.show(state.timer_ends_at, time.time())
        self.phase_now = Phase(state.phase)
        self.review_open = state.review_open
        self.step.children = {Phase.TIMELINE: [self.lanes, self.timeline, self.findings],
                              Phase.IDEAS: [self.notes], Phase.THEMES: [self.notes],
                              Phase.VOTING: [self.vote_status, self.results, self.notes],
                              Phase.GROUPS: [self.vote_status, self.groups],
                              Phase.FOLLOW_UP: [self.groups]}.get(self.phase_now, [])
        self.groups_confirmed = state.groups_confirmed
        self.render_timeline()
        self.render_ideas()
        self.render_votes()
        self.render_groups()

    def render_groups(self) -> None:
        if self.phase_now not in (Phase.GROUPS, Phase.FOLLOW_UP):
            return
        L = self.language
        people = self.workshop.participants()
        if not self.groups_confirmed:
            set_html_text(self.vote_status, t("groups.wishers", L, n=self.workshop.groups.wishers(),
                                              m=len(people)), "kit-big")
            themes = self.workshop.groups.group_themes()
            self.groups.value = "".join(f'<div class="kit-theme-box"><h3>{esc(th.label)}</h3>'
                                        f'</div>' for th in themes)
            return
        set_html_text(self.vote_status, "", "kit-big")
        self.groups.value = groups_board_html(self.workshop.groups(),
                                              {p.id: p for p in people}, L)

    def render_votes(self) -> None:
        if self.phase_now is not Phase.VOTING:
            return
        state = self.workshop.state()
        L = self.language
        set_html_text(self.vote_status, t("vote.voted", L, voters=self.workshop.voting.voters(),
                                          participants=len(self.workshop.participants())),
                      "kit-big")
        if state.results_visible:
            self.results.value = results_html(self.workshop, L)
        else:
            self.results.value = f'<p class="kit-muted">{esc(t("vote.hidden", L))}</p>'

    def render_ideas(self) -> None:
        if self.phase_now is Phase.IDEAS:
            self.notes.value = notes_html(self.workshop.ideas(), self.language)
        elif self.phase_now is Phase.THEMES:
            data = board_data(self.workshop.ideas(), self.workshop.ideas.themes())
            self.notes.value = themes_html(data, self.language)
        elif self.phase_now is Phase.VOTING:
            candidates = [th for th in self.workshop.ideas.themes() if th.selected]
            self.notes.value = guiding_html(candidates, self.language)

    def render_timeline(self) -> None:
        if self.phase_now is not Phase.TIMELINE:
            return
        cards = self.workshop.timeline.cards()
        card_marks, windows, shown = {}, [], []
        if self.review_open and cards:
            from kit.steps.timeline.findings import findings, marks

            found = findings(cards, self.workshop.timeline.verdicts(), self.language)
            card_marks, windows = marks(found)
            shown = [f for f in found if f.verdict is not Verdict.DISMISSED]
        self.timeline.value = timeline_html(cards, self.language, self.lanes.value, card_marks,
                                            windows)
        self.findings.value = "<ul>" + "".join(
            f'<li class="kit-finding {esc(f.kind)}">{esc(f.text)}</li>' for f in shown) + "</ul>"

    def render_participants(self) -> None:
        people = self.workshop.participants()
        counts = {s: 0 for s in Sector}
        for p in people:
            counts[p.sector] += 1
        L = self.language
        set_html_text(self.count, t("board.joined", L, count=len(people)), "kit-big")
        set_html_text(self.sectors, sector_summary(counts, L), "kit-muted")
        self.names.value = sector_chips([(p.name, p.sector) for p in people[-NAMES_SHOWN:]])
