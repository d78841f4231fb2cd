"""The facilitator app: create or open a workshop, show how to join, lead it step by step.

Served by its own Voilà server on 127.0.0.1. When that server is reachable from the network
(`require_key`), opening a workshop needs its facilitator key (wrong ones cost time, per page
and per address) and creating one needs the admin secret `kit serve` was started with;
otherwise the app is the store's owner and may open any workshop in it. No error of the
opening and creating forms reaches the browser as a traceback: each becomes a message.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from kit.core.errors import KitError
from kit.core.live import Live
from kit.core.model import (
    FACILITATOR_LANGUAGES,
    LANGUAGES,
    Sector,
    Status,
    Topic,
    WorkshopState,
)
from kit.core.throttle import Backoff, Throttle
from kit.i18n import date, t
from kit.steps import Step, names, registry
from kit.steps._step import Screen, Screens
from kit.steps.follow_up.views import ReportPanel
from kit.steps.groups import topics as groups_topics
from kit.steps.ideas import topics as ideas_topics
from kit.store import Store
from kit.ui.board import sector_chips, sector_summary
from kit.ui.console import Fold, focus_options, guidance_html, join_links_html, state_pill
from kit.ui.facilitator_opening import OpeningForms
from kit.ui.friends import FriendsPanel
from kit.ui.languages import LanguagesPanel, before_step_html
from kit.ui.next_action import ShowsNext
from kit.ui.next_workshop import NextWorkshop
from kit.ui.partnership_panel import PartnershipPanel, render_close
from kit.ui.partnership_strip import workshop_strip_html
from kit.ui.parts import (
    App,
    Confirm,
    Countdown,
    guarded,
    html_text,
    isolate,
    language_dropdown,
    participant_link,
    qr_svg,
    set_direction,
    set_html_text,
    style,
)
from kit.workshop import REOPEN_DAYS, Workshop

_DESCRIPTIONS = {
    "open_button": "facilitator.open", "create_button": "facilitator.create",
    "code_input": "facilitator.code", "key_input": "facilitator.key",
    "title_input": "facilitator.ws_title", "municipality_input": "facilitator.municipality",
    "date_input": "facilitator.date", "workshop_language": "facilitator.language",
    "previous_button": "facilitator.previous", "next_button": "facilitator.next",
    "minutes": "facilitator.timer_minutes", "timer_start": "facilitator.timer_start",
    "timer_stop": "facilitator.timer_stop", "close_button": "facilitator.close",
    "board_focus": "focus.label", "admin_input": "facilitator.admin_secret",
}


class FacilitatorApp(OpeningForms, App):
    def __init__(self, store: Store, public_url: str, require_key: bool = False,
                 language: str = "da", poll_interval: float = 0.4,
                 steps: tuple[Step, ...] | None = None, admin_secret: str = "",
                 throttle: Throttle | None = None, client: str = "",
                 unfold_tools: bool = False) -> None:
        self.store = store
        self.unfold_tools = unfold_tools
        """Every step's tools open at first (`?tools=open`: preparing at a desk)."""
        self.admin_secret = admin_secret
        self.backoff = Backoff()
        self.throttle = throttle or Throttle(None)
        self.client = client
        self.steps = registry(steps)
        self.panels = Screens(self.steps, "facilitator", self)
        self.public_url = public_url
        self.require_key = require_key
        self.language = language if language in FACILITATOR_LANGUAGES else "da"
        self.poll_interval = poll_interval
        self.workshop: Workshop | None = None
        self.live: Live | None = None

        self.language_picker = language_dropdown(FACILITATOR_LANGUAGES, self.language)
        self.message = html_text("", "kit-error")
        # opening
        self.open_title = html_text("", "kit-phase")
        self.existing = w.Dropdown(options=[], layout=w.Layout(width="28rem"))
        self.code_input = w.Text()
        self.key_input = w.Password()
        self.open_button = w.Button(button_style="primary", icon="folder-open")
        self.new_title = html_text("", "kit-phase")
        self.title_input = w.Text(layout=w.Layout(width="28rem"))
        self.municipality_input = w.Text()
        self.date_input = w.DatePicker(value=dt.date.today())
        self.workshop_language = w.Dropdown(options=list(LANGUAGES[:2]), value="da")
        self.create_button = w.Button(button_style="success", icon="plus")
        self.admin_input = w.Password()
        opener = ([self.code_input, self.key_input] if require_key else [self.existing])
        admin = [self.admin_input] if require_key else []
        self.start = w.VBox([self.open_title, *opener, self.open_button, self.new_title,
                             self.title_input, self.municipality_input, self.date_input,
                             self.workshop_language, *admin, self.create_button])
        # running
        self.heading = html_text("", "kit-phase")
        self.pill = w.HTML()  # open / closed / rehearsal, always beside the title
        self.code = html_text("", "kit-code")
        self.qr = w.HTML()
        self.links = w.HTML()
        self.key_line = html_text("", "kit-muted")
        self.joined_title = html_text("", "kit-phase")
        self.count = html_text("", "kit-big")
        self.sectors = html_text("", "kit-muted")
        self.names = w.HTML()
        self.phase_picker = w.Dropdown(options=[], layout=w.Layout(width="20rem"))
        self.previous_button = w.Button(icon="")
        self.next_button = w.Button(button_style="primary")
        self.minutes = w.BoundedIntText(value=5, min=1, max=180, layout=w.Layout(width="9rem"),
                                        style={"description_width": "initial"})
        self.timer_start = w.Button(icon="hourglass-start")
        self.timer_stop = w.Button(icon="stop")
        self.countdown = Countdown()
        self.close_button = w.Button(button_style="danger", icon="lock",
                                     layout=w.Layout(width="auto"))
        self.closing = Confirm(self.close_button, lambda: self._act(self.close_workshop))
        self.reopen_button = w.Button(button_style="warning", icon="unlock",
                                      layout=w.Layout(width="auto"))
        self.reopen_hint = html_text("", "kit-muted")
        # A closed workshop says so first, with the way back beside it (it was at the bottom).
        self.closed_text = html_text("", "kit-closed-text")
        # and what still runs (the public overview, the needs form) and until when it can be
        # reopened, on the line below: a facilitator closing early should not fear for those
        self.closed_more = html_text("", "kit-closed-more")
        closed_line = w.HBox([self.closed_more, self.reopen_hint])
        closed_line.add_class("kit-closed-line")
        closed_words = w.VBox([self.closed_text, closed_line])
        self.closed_banner = w.HBox([closed_words, self.reopen_button])
        self.closed_banner.add_class("kit-closed-banner")
        self.closed_banner.layout.display = "none"
        # rehearsal: the current step in a scratch copy with 20 made-up participants
        self.rehearse_button = w.Button(icon="flask", layout=w.Layout(width="auto"))
        self.end_rehearsal_button = w.Button(button_style="warning", icon="times",
                                             layout=w.Layout(width="auto"))
        self.rehearsal_banner = html_text("", "kit-rehearsal")
        self.rehearsal_box = w.HBox([self.rehearsal_banner, self.end_rehearsal_button])
        self.rehearsal_box.layout.display = "none"
        self.real: Workshop | None = None
        """The workshop a rehearsal was started from (None: no rehearsal running)."""
        self.board_focus = w.Dropdown(options=[("", "")], value="",
                                      layout=w.Layout(width="24rem"),
                                      style={"description_width": "initial"})
        self.report = ReportPanel(self.need)
        self.languages = LanguagesPanel(self.need)
        # the partnership's friend programme (issue 28), folded: drawn when opened
        self.friends = FriendsPanel(self.need, public_url)
        self.friends_fold = Fold([self.friends.root])
        self.friends_fold.root.add_class("kit-friends-fold")
        self.friends_fold.toggle.observe(
            lambda c: self._act(lambda: self.friends.render(self.language)) if c["new"]
            else None, "value")
        self.step_tools = w.VBox([])
        self.step_tools.add_class("kit-panel")
        self.guidance = w.HTML()  # a <details>, open when the step begins, folded once read
        self.guidance.add_class("kit-guidance-fold")
        self._guided = set()
        # settings and rare tools, out of the common path of every step
        # the partnership's next workshop, built on this one (issue 27); during a rehearsal
        # on the real workshop, never on the scratch copy (purged when the rehearsal ends)
        self.next_workshop = NextWorkshop(lambda: self.real or self.need(), public_url,
                                          self._show)
        self.more = Fold([self.rehearse_button, self.languages.root, self.closing.root,
                          self.next_workshop.root])
        # the partnership the workshop is an event in (issue 27): archive it, or back
        self.partnership_panel = PartnershipPanel(self.need, after=self.refresh)
        self.join_box = w.HBox([w.VBox([self.qr]),
                                w.VBox([self.code, self.links, self.key_line, self.joined_title,
                                        self.count, self.sectors, self.names],
                                       layout=w.Layout(flex="1"))])
        self.join_box.add_class("kit-join")
        rail = w.HBox([self.previous_button, self.phase_picker, self.next_button,
                        self.board_focus],
                       layout=w.Layout(flex_flow="row wrap", align_items="center"))
        rail.add_class("kit-step-rail")
        self.untranslated = w.HTML()  # what the next step's phones would lack in their language
        timer = w.HBox([self.minutes, self.timer_start, self.timer_stop, self.countdown],
                       layout=w.Layout(flex_flow="row wrap", align_items="center"))
        timer.add_class("kit-timer-row")
        # the report and the rare tools side by side under the step: a line each cost a
        # laptop's screen 180 px; an opened fold takes the row's whole width (kit.css)
        rare = w.HBox([self.report.root, self.friends_fold.root, self.more.root,
                       self.partnership_panel.root])
        rare.add_class("kit-rare-row")
        self.running = w.VBox([
            self.rehearsal_box, self.closed_banner, self.join_box,
            # steps, what the board shows and the timer in rows that wrap: the header used
            # 450 of a laptop's 800 px
            rail, self.untranslated, timer, self.guidance, self.step_tools, rare])
        self.running.layout.display = "none"
        # which partnership this workshop is an event in, its overview, its workshops
        self.partnership_line = w.HTML()
        self.partnership_line.add_class("kit-partnership-line")
        self.header = w.HBox([self.heading, self.pill, self.language_picker,
                              self.partnership_line])
        self.header.add_class("kit-console-header")
        self.root = w.VBox([style(), self.header, self.message, self.start, self.running])
        self.root.add_class("kit-app")
        self.root.add_class("kit-wide")

        self.language_picker.observe(lambda c: self.set_language(c["new"]), "value")
        self.open_button.on_click(lambda _: self._form(self._open_from_form))
        self.create_button.on_click(lambda _: self._form(self._create_from_form))
        self.previous_button.on_click(lambda _: self._act(self.previous_step))
        self.next_button.on_click(lambda _: self._act(self.next_step))
        self.phase_picker.observe(self._picked_phase, "value")
        self.timer_start.on_click(lambda _: self._act(
            lambda: self.start_timer(int(self.minutes.value) * 60)))
        self.timer_stop.on_click(lambda _: self._act(self.stop_timer))
        self.reopen_button.on_click(lambda _: self._act(self.reopen_workshop))
        self.rehearse_button.on_click(lambda _: self._act(self.rehearse))
        self.end_rehearsal_button.on_click(lambda _: self._act(self.end_rehearsal))
        self.board_focus.observe(self._picked_focus, "value")
        self._refresh_existing()
        self._render_texts()

    # -- actions ------------------------------------------------------------------------
    def _act(self, action: Callable[[], object]) -> bool:
        return guarded(action, self.message, self.language)

    def set_phase(self, phase: str) -> None:
        self.need().set_phase(phase)
        self.refresh()

    def next_step(self) -> None:
        self.set_phase(self._neighbour(+1))

    def previous_step(self) -> None:
        self.set_phase(self._neighbour(-1))

    def _neighbour(self, by: int) -> str:
        order = names(self.steps)
        now = self.need().state().phase
        here = order.index(now) if now in order else 0
        return order[min(max(here + by, 0), len(order) - 1)]

    def start_timer(self, seconds: int) -> None:
        self.need().start_timer(seconds)
        self.refresh()

    def stop_timer(self) -> None:
        self.need().stop_timer()
        self.refresh()

    def close_workshop(self) -> None:
        """Close at once (the close button asks first, through `self.closing`)."""
        self.need().close()
        self.refresh()
        self._refresh_existing()

    def reopen_workshop(self) -> None:
        workshop = self.need()
        code = workshop.reopen()
        link = participant_link(self.public_url, code)
        self.qr.value = qr_svg(link, fluid=True)
        set_html_text(self.code, code, "kit-code")
        self._render_texts()
        self.refresh()
        self._refresh_existing()
        set_html_text(self.message, t("facilitator.reopened", self.language, code=code),
                      "kit-muted")

    def set_language(self, language: str) -> None:
        if language in FACILITATOR_LANGUAGES:
            self.language = language
            self._render_texts()
            if self.workshop is not None:
                self.render_workshop()
                self.render_participants()
                self.languages.render(language)

    def need(self) -> Workshop:
        if self.workshop is None:
            raise KitError()
        return self.workshop

    def _picked_phase(self, change: Mapping[str, Any]) -> None:
        if self.workshop is not None and change["new"] and not self._rendering:
            self._act(lambda: self.set_phase(change["new"]))

    _rendering = False
    _guided: set[tuple[str, str]]  # (step, language) whose guidance was shown (__init__)

    # -- rendering ----------------------------------------------------------------------
    def _show(self, workshop: Workshop) -> None:
        self.workshop = workshop
        if self.live is not None:
            self.live.stop()
        self.live = Live(workshop, self.poll_interval, on_error=self._store_error)
        self.live.on({Topic.WORKSHOP}, lambda _: self.render_workshop())
        self.live.on({Topic.PARTICIPANTS}, lambda _: self.render_participants())
        self.live.on({ideas_topics.THEMES}, lambda _: self._themes_changed())
        self.live.on({Topic.PARTICIPANTS, ideas_topics.THEMES, groups_topics.GROUPS},
                     lambda _: self.languages.render(self.language))
        # The report card above the panel follows the same changes, hence `redraw`.
        self.panels.listen(self.live, lambda: self.phase_now,
                           lambda _name, topics: self.render_step_tools(topics))
        self.live.poll()
        self.live.start()
        link = participant_link(self.public_url, workshop.code)
        self.qr.value = qr_svg(link, fluid=True)
        set_html_text(self.code, workshop.code, "kit-code")
        self.key_input.value = self.admin_input.value = ""
        self.start.layout.display = "none"
        self.running.layout.display = None
        self._render_texts()

    def refresh(self) -> None:
        if self.live is not None:
            self.live.poll()

    def _store_error(self, exc: KitError | None) -> None:
        if exc is not None:
            set_html_text(self.message, exc.message(self.language), "kit-error")

    def _render_texts(self) -> None:
        L = self.language
        set_direction(self.root, L)
        set_html_text(self.open_title, t("facilitator.open_title", L), "kit-phase")
        set_html_text(self.new_title, t("facilitator.new_title", L), "kit-phase")
        for name, key in _DESCRIPTIONS.items():
            getattr(self, name).description = t(key, L)
        self.workshop_language.options = [(t("language.name", x), x) for x in LANGUAGES[:2]]
        if self.require_key:
            set_html_text(self.message, t("facilitator.key_needed", L), "kit-muted")
        self.countdown.label = t("common.timer", L)
        set_html_text(self.joined_title, t("facilitator.joined", L), "kit-phase")
        self.more.render(t("console.more_tools", L))
        self.next_workshop.render(L)
        self.friends_fold.render(t("friends.console.title", L))
        if self.workshop is not None and self.friends_fold.toggle.value:
            self._act(lambda: self.friends.render(L))
        # what closing stops and what goes on (the partnership's pages), before "yes"
        render_close(self.closing, self.workshop, REOPEN_DAYS, L)
        self.reopen_button.description = t("facilitator.reopen", L)
        self.rehearse_button.description = t("facilitator.rehearse", L)
        self.end_rehearsal_button.description = t("facilitator.end_rehearsal", L)
        set_html_text(self.rehearsal_banner, t("facilitator.rehearsal", L), "kit-rehearsal")
        self._refresh_existing()
        self._rendering = True
        try:
            current = self.phase_picker.value
            self.phase_picker.options = [(t(f"phase.{n}", L), n) for n in names(self.steps)]
            self.phase_picker.value = current
        finally:
            self._rendering = False
        if self.workshop is not None:
            self.links.value, self.key_line.value = join_links_html(
                self.public_url, self.workshop.code, self.workshop.facilitator_key, L)

    def render_workshop(self) -> None:
        state = self.need().state()
        L = self.language
        try:  # the workshop's day as the facilitator's language writes it
            when = date(dt.date.fromisoformat(state.date), L)
        except ValueError:
            when = state.date
        set_html_text(self.heading, f"{isolate(state.title)} · {isolate(state.municipality)} · "
                                    f"{when}", "kit-phase")
        # (a rehearsal is a scratch copy in a scratch partnership: its line would mislead)
        self.partnership_line.value = "" if self.real is not None else workshop_strip_html(
            self.need(), self.public_url, L)
        self._rendering = True
        try:
            self.phase_picker.value = state.phase
        finally:
            self._rendering = False
        # open the first time a step is shown, folded when the facilitator comes back to it;
        # the same markup is left alone, so a guidance folded once read stays folded
        guidance = guidance_html(state.phase, L, unfold=(state.phase, L) not in self._guided)
        if self.guidance.value.replace(" open", "", 1) != guidance.replace(" open", "", 1):
            self.guidance.value = guidance
            self._guided.add((state.phase, L))
        # While people join, the way in is large; later steps need the room for their own
        # tools, so the join box shrinks to a small QR code, the code and the count.
        if state.phase == names(self.steps)[0]:
            self.join_box.remove_class("kit-join-small")
        else:
            self.join_box.add_class("kit-join-small")
        self.state = state
        closed = state.status == Status.CLOSED
        for button in (self.timer_start, self.timer_stop, self.close_button):
            button.disabled = closed
        self.phase_picker.disabled = closed
        # no step before the first or after the last: greyed, not a press that does nothing.
        # Each set once, and before the step's tools redraw: set twice (enabled, then greyed
        # again) the button showed enabled for as long as that redraw took.
        order = names(self.steps)
        self.previous_button.disabled = closed or state.phase == order[0]
        self.next_button.disabled = closed or state.phase == order[-1]
        self.partnership_panel.render(L)
        self._render_focus(state)
        self.render_step_tools()
        self.countdown.show(state.timer_ends_at, time.time())
        self.close_button.layout.display = "none" if closed else None
        self.reopen_button.layout.display = None if closed else "none"
        self.closed_banner.layout.display = None if closed else "none"
        self.pill.value = state_pill(closed, self.real is not None, L)
        if closed:
            self.closing.cancel()
            set_html_text(self.closed_text, t("facilitator.closed", L), "kit-closed-text")
            set_html_text(self.closed_more, t("facilitator.closed_continues", L),
                          "kit-closed-more")
            until = self.need().reopen_until()
            set_html_text(self.reopen_hint, "" if until is None else t(
                "facilitator.reopen_until", L, date=date(dt.date.fromtimestamp(until), L)),
                "kit-muted")
        else:
            set_html_text(self.reopen_hint, "", "kit-muted")

    # -- what the board puts in focus ---------------------------------------------------
    def _render_focus(self, state: WorkshopState) -> None:
        self._rendering = True
        try:
            options = focus_options(self.need().ideas.themes(), self.language)
            if tuple(options) != tuple(self.board_focus.options):
                self.board_focus.options = options
            valid = {v for _, v in options}
            self.board_focus.value = state.board_focus if state.board_focus in valid else ""
        finally:
            self._rendering = False

    def _themes_changed(self) -> None:
        state = getattr(self, "state", None)
        if state is not None:
            self._render_focus(state)

    def _picked_focus(self, change: dict[str, object]) -> None:
        if self._rendering or self.workshop is None:
            return
        self._act(lambda: self.need().set_board_focus(str(change["new"] or "")))

    # -- the current step's panel -------------------------------------------------------
    @property
    def phase_now(self) -> str | None:
        state = getattr(self, "state", None)
        return None if state is None else state.phase

    def panel(self, name: str) -> Screen | None:
        """The facilitator panel of the step called `name` (made the first time it is shown)."""
        return self.panels.get(name)

    def render_step_tools(self, topics: frozenset[Topic] | None = None) -> None:
        state = getattr(self, "state", None)
        if self.workshop is None or state is None:
            return
        self.report.render(self.language)
        order = names(self.steps)
        upcoming = order[min(order.index(state.phase) + 1, len(order) - 1)] \
            if state.phase in order else state.phase
        self.untranslated.value = "" if upcoming == state.phase or state.status == \
            Status.CLOSED else before_step_html(self.workshop, upcoming, self.language)
        panel = self.panel(state.phase)
        self.step_tools.children = [] if panel is None else [panel.root]
        if panel is not None:
            panel.refresh(Topic.declared() if topics is None else topics)

    def render_participants(self) -> None:
        people = self.need().participants()
        counts = {s: 0 for s in Sector}
        for p in people:
            counts[p.sector] += 1
        L = self.language
        set_html_text(self.count, t("board.joined", L, count=len(people)) if people else
                      t("facilitator.nobody", L),
                      "kit-big")
        set_html_text(self.sectors, sector_summary(counts, L), "kit-muted")
        self.names.value = sector_chips([(p.name, p.sector) for p in people])
        # the counts beside the step's next action follow who has joined
        panel = self.panels.made.get(self.phase_now or "")
        if isinstance(panel, ShowsNext):
            panel.show_next()
