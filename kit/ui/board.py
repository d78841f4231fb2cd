"""The projector board: join QR and code, who has joined per sector, the current step, timer.

Read-only. It follows the store like every other page and never writes.
"""

from __future__ import annotations

import time
from functools import partial

import ipywidgets as w

from kit.core import Store, Workshop
from kit.core.live import Live
from kit.core.model import FACILITATOR_LANGUAGES, Sector, Status, Topic
from kit.i18n import t
from kit.steps import STEPS, Step, step
from kit.steps._step import Screen
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
                 poll_interval: float = 0.4, steps: tuple[Step, ...] = STEPS) -> None:
        self.store = store
        self.steps = steps
        self.screens: dict[str, Screen] = {}
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
        self.step = w.VBox([])
        left = w.VBox([self.qr, self.join_at, self.code])
        right = w.VBox([self.title, self.phase, self.countdown, self.count, self.sectors,
                        self.names], layout=w.Layout(flex="1", padding="0 2rem"))
        self.root = w.VBox([style(), w.HBox([left, right]), self.step])
        self.phase_now: str | None = None
        self.root.add_class("kit-app")
        self.root.add_class("kit-board")
        self.live = Live(self.workshop, poll_interval)
        self.live.on({Topic.WORKSHOP}, lambda _: self.render_workshop())
        self.live.on({Topic.PARTICIPANTS}, lambda _: self.render_participants())
        for each in self.steps:
            if each.board is not None:
                self.live.on(each.topics, partial(self._refresh, each.name))
        self.live.poll()
        self.live.start()

    def screen(self, name: str) -> Screen | None:
        """The board screen of the step called `name` (made the first time it is shown)."""
        if name not in self.screens:
            found = step(name, self.steps)
            made = None if found is None else found.screen("board", self)
            if made is None:
                return None
            self.screens[name] = made
        return self.screens[name]

    def _refresh(self, name: str, topics: frozenset[Topic]) -> None:
        if self.phase_now == name and name in self.screens:
            self.screens[name].refresh(topics)

    def render_workshop(self) -> None:
        state = self.workshop.state()
        L = self.language
        set_html_text(self.title, state.title, "kit-phase")
        text = (t("participant.closed", L) if state.status == Status.CLOSED else
                t("board.now", L, phase=t(f"phase.{state.phase}", L)))
        set_html_text(self.phase, text, "kit-phase")
        self.countdown.show(state.timer_ends_at, time.time())
        self.phase_now = state.phase
        screen = self.screen(state.phase)
        self.step.children = [] if screen is None else [screen.root]
        if screen is not None:
            screen.refresh(frozenset(Topic))

    def render_participants(self) -> None:
        people = self.workshop.participants()
        counts = {s: 0 for s in Sector}
        for p in people:
            counts[p.sector] += 1
        L = self.language
        set_html_text(self.count, t("board.joined", L, count=len(people)), "kit-big")
        set_html_text(self.sectors, sector_summary(counts, L), "kit-muted")
        self.names.value = sector_chips([(p.name, p.sector) for p in people[-NAMES_SHOWN:]])
