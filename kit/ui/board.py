"""The projector board: join QR and code, who has joined per sector, the current step, timer.

Read-only. It follows the store like every other page and never writes.

Made for a 16:9 projector read from the back of the room: the page fills the screen and never
scrolls (type scales with the screen height, see `.kit-board` in kit.css); a rail on the left
keeps the way in (QR, address, code) and the room's make-up by sector; the step's screen gets
the rest, and a list too long for it is paged in the browser (`Pager`).
"""

from __future__ import annotations

import time

import ipywidgets as w

from kit.core.live import Live
from kit.core.model import FACILITATOR_LANGUAGES, Sector, Status, Topic, WorkshopState
from kit.i18n import t
from kit.steps import Step, registry
from kit.steps._step import Screen, Screens
from kit.steps.ideas import topics as ideas_topics
from kit.steps.voting import topics as voting_topics
from kit.store import Store
from kit.ui.focus import FocusView
from kit.ui.parts import (
    App,
    Countdown,
    Pager,
    esc,
    html_text,
    participant_link,
    qr_svg,
    set_html_text,
    style,
)
from kit.workshop import Workshop

NAMES_SHOWN = 3
"""The latest joins named on the board (as many of them as the rail has room for, whole);
the rest of the room shows as counts per sector."""


def sector_chips(names: list[tuple[str, Sector]]) -> str:
    """Participants as coloured chips, newest last; names are escaped."""
    return '<div class="kit-chips">' + "".join(
        f'<span class="kit-chip {s.value}"><bdi>{esc(n)}</bdi></span>' for n, s in names) + "</div>"


def sector_summary(counts: dict[Sector, int], language: str) -> str:
    return " · ".join(f"{t('sector.' + s.value, language)}: {counts[s]}" for s in Sector)


def sector_counts_html(counts: dict[Sector, int], language: str) -> str:
    """One line per sector with its marker and count, for the board's rail."""
    return '<ul class="kit-sector-counts">' + "".join(
        f'<li class="{s.value}"><span class="kit-swatch {s.value}"></span>'
        f'{esc(t("sector." + s.value, language))}: {counts[s]}</li>'
        for s in Sector) + "</ul>"


def join_address(public_url: str) -> str:
    """The address to type, as short as it can be said: no scheme, no trailing slash."""
    return public_url.split("://", 1)[-1].rstrip("/")


class BoardApp(App):
    def __init__(self, store: Store, code: str, public_url: str,
                 poll_interval: float = 0.4, steps: tuple[Step, ...] | None = None) -> None:
        self.store = store
        self.steps = registry(steps)
        self.screens = Screens(self.steps, "board", self)
        # By join code only, and only while open (`Store.public_workshop`).
        self.workshop: Workshop = store.public_workshop(code)
        state = self.workshop.state()
        self.language = state.language if state.language in FACILITATOR_LANGUAGES else "da"
        self.public_url = public_url
        L = self.language
        link = participant_link(public_url, self.workshop.code)
        self.title = html_text(state.title, "kit-board-title")
        self.qr = w.HTML(qr_svg(link, fluid=True))
        self.qr.add_class("kit-qr")
        # The address on a line of its own, never broken inside a word.
        self.join_at = w.HTML(f'<div class="kit-join-at">{esc(t("board.join_at", L, url=""))}'
                              f'<b>{esc(join_address(public_url))}</b></div>')
        self.code = html_text(self.workshop.code, "kit-code")
        self.phase = html_text("", "kit-board-phase")
        self.countdown = Countdown(t("common.timer", L))
        self.count = html_text("", "kit-count")
        self.sectors = w.HTML()
        self.names = w.HTML()
        self.names.add_class("kit-names")
        self.step = w.VBox([])
        self.step.add_class("kit-stage")
        self.pager = Pager()
        self.focus = FocusView(self.workshop, L)
        # A step with nothing of its own on the board (preparation) shows the way in, large.
        hero = t("board.hero", L, url=join_address(public_url))
        self.hero = w.HTML(f'<div class="kit-hero">{esc(hero)}<br>'
                           f'<b>{esc(self.workshop.code)}</b></div>')
        self.state: WorkshopState | None = None
        header = w.HBox([w.VBox([self.title, self.phase]), self.countdown])
        header.add_class("kit-board-header")
        rail = w.VBox([self.qr, self.join_at, self.code, self.count, self.sectors, self.names])
        rail.add_class("kit-rail")
        main = w.VBox([header, self.step, self.pager])
        main.add_class("kit-board-main")
        self.root = w.HBox([style(), rail, main])
        self.phase_now: str | None = None
        self.root.add_class("kit-app")
        self.root.add_class("kit-board")
        self.live = Live(self.workshop, poll_interval)
        self.live.on({Topic.WORKSHOP}, lambda _: self.render_workshop())
        self.live.on({Topic.PARTICIPANTS}, lambda _: self.render_participants())
        self.live.on({voting_topics.VOTES, ideas_topics.THEMES, ideas_topics.IDEAS},
                     lambda _: self._refocus())
        # A step's screen is not redrawn while the focus view stands in for it.
        self.screens.listen(self.live, lambda: None if self.state is not None and
                            self.state.board_focus else self.phase_now)
        self.live.poll()
        self.live.start()

    def screen(self, name: str) -> Screen | None:
        """The board screen of the step called `name` (made the first time it is shown)."""
        return self.screens.get(name)

    def render_workshop(self) -> None:
        state = self.workshop.state()
        L = self.language
        set_html_text(self.title, state.title, "kit-board-title")
        text = (t("participant.closed", L) if state.status == Status.CLOSED else
                t("board.now", L, phase=t(f"phase.{state.phase}", L)))
        set_html_text(self.phase, text, "kit-board-phase")
        self.countdown.show(state.timer_ends_at, time.time())
        self.state = state
        if self.phase_now is not None:
            self.root.remove_class(f"kit-step-{self.phase_now}")
        self.root.add_class(f"kit-step-{state.phase}")  # a step may lay the board out its way
        self.phase_now = state.phase
        if state.status == Status.CLOSED:
            # Closed means closed: the room's names and contributions leave the screen, and
            # so does the way in (its code is refused and may soon be another workshop's)
            self.root.add_class("kit-closed")
            self.root.remove_class("kit-focused")
            self.step.children = []
            self.render_participants()
            return
        self.root.remove_class("kit-closed")
        if state.board_focus:
            self.root.add_class("kit-focused")
            self.focus.show(state)
            self.step.children = [self.focus.root]
            return
        self.root.remove_class("kit-focused")
        screen = self.screen(state.phase)
        self.step.children = [self.hero] if screen is None else [screen.root]
        if screen is not None:
            screen.refresh(Topic.declared())

    def _refocus(self) -> None:
        if self.state is not None and self.state.board_focus:
            self.focus.show(self.workshop.state())

    def render_participants(self) -> None:
        if self.state is not None and self.state.status == Status.CLOSED:
            self.count.value = self.sectors.value = self.names.value = ""
            return
        people = self.workshop.participants()
        counts = {s: 0 for s in Sector}
        for p in people:
            counts[p.sector] += 1
        L = self.language
        set_html_text(self.count, t("board.joined", L, count=len(people)), "kit-count")
        self.sectors.value = sector_counts_html(counts, L)
        latest = [(p.name, p.sector) for p in reversed(people[-NAMES_SHOWN:])]
        self.names.value = (f'<div class="kit-latest">{esc(t("board.latest", L))}</div>'
                            + sector_chips(latest)) if latest else ""
