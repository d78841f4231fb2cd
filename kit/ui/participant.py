"""The participant's phone screen: join (or rejoin), then follow the current step.

Light on purpose: it imports ipywidgets, anywidget and the store, nothing from the analysis
stack. Identity survives reloads three ways: the personal code kept in the browser
(`Remember`), a personal link carrying it, or typing it.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable

import ipywidgets as w

from kit.core import errors, normalise_code
from kit.core.errors import KitError
from kit.core.live import Live
from kit.core.model import LANGUAGES, MAX_NAME, MAX_ORGANISATION, Participant, Status, Topic
from kit.core.throttle import FREE_PER_ROOM, Backoff, Throttle
from kit.i18n import t
from kit.steps import Step, registry
from kit.steps._step import Screen, Screens
from kit.store import Store
from kit.ui.parts import (
    App,
    Countdown,
    Counter,
    Remember,
    _Tiny,
    esc,
    guarded,
    html_text,
    language_dropdown,
    sector_options,
    set_direction,
    set_html_text,
    style,
)
from kit.workshop import Workshop

REMEMBER_KEY = "kit-participant"


class Pressed(_Tiny):
    """Place once in an app: its toggles (ipywidgets' toggle buttons, and buttons with the
    class `kit-choice`, on while they have `kit-chosen`) say their state as aria-pressed."""

    def __init__(self) -> None:
        super().__init__(kind="pressed")


class ParticipantApp(App):
    """All state of one participant page; widgets are views of it, buttons call its methods."""

    def __init__(self, store: Store, code: str = "", rejoin: str = "",
                 language: str | None = None, poll_interval: float = 0.4,
                 public_url: str = "", steps: tuple[Step, ...] | None = None,
                 throttle: Throttle | None = None, client: str = "",
                 sleep_after: float = 0.0) -> None:
        self.store = store
        # Wrong codes cost time: this page's own mistakes, and its address's across pages
        # (only far beyond what a room behind one address mistypes: kit.core.throttle).
        self.backoff = Backoff()
        self.throttle = (throttle or Throttle(None)).allowing(FREE_PER_ROOM)
        # Why the last join or rejoin was refused ("wrong", "wait", "closed", "other").
        self.refused = ""
        self.retry_in = 0.0
        self.client = client
        self.closed = False
        self.steps = registry(steps)
        self.screens = Screens(self.steps, "phone", self)
        self.workshop: Workshop | None = None
        self.participant: Participant | None = None
        self.live: Live | None = None
        self.poll_interval = poll_interval
        self.public_url = public_url
        self.language = language if language in LANGUAGES else "da"
        if code:
            # A language in the link wins over the workshop's; the workshop is found either
            # way, so a personal link with a language still brings the participant back.
            self._try_workshop(code, quiet=True, set_language=language is None)

        L = self.language
        self.language_picker = language_dropdown(LANGUAGES, L)
        self.language_picker.add_class("kit-lang")
        self.title = html_text("", "kit-phase")
        full = w.Layout(width="100%")
        self.code_input = w.Text(value=normalise_code(code), layout=full)
        self.name_input = w.Text(layout=full)
        self.sector_input = w.ToggleButtons(options=sector_options(L), value=None)
        self.organisation_input = w.Text(layout=full)
        self.join_button = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.privacy = html_text("", "kit-muted")
        self.error = html_text("", "kit-error")
        if self.closed:
            set_html_text(self.error, t("participant.closed", self.language), "kit-error")
        self.rejoin_input = w.Text(layout=full)
        self.rejoin_button = w.Button()
        self.have_code = html_text("")
        self._labels = {key: w.Label() for key in ("participant.code", "participant.name",
                                                    "participant.sector",
                                                    "participant.organisation")}
        fields = [(self._labels["participant.code"], self.code_input),
                  (self._labels["participant.name"], self.name_input, Counter(MAX_NAME)),
                  (self._labels["participant.sector"], self.sector_input),
                  (self._labels["participant.organisation"], self.organisation_input,
                   Counter(MAX_ORGANISATION))]
        self.join_form = w.VBox([self.title, *[x for pair in fields for x in pair],
                                 self.join_button, self.error, self.privacy, self.have_code,
                                 self.rejoin_input, self.rejoin_button])

        self.welcome = html_text("", "kit-phase")
        self.rejoin_code = html_text("", "kit-personal")
        self.rejoin_hint = html_text("", "kit-muted")
        self.rejoin_link = w.HTML()
        self.phase_title = html_text("", "kit-phase")
        self.phase_hint = html_text("")
        self.countdown = Countdown()
        self.status = html_text("", "kit-error")
        self.not_you = w.Button(layout=w.Layout(width="100%"))
        # The step and the time left stay in sight while the participant scrolls.
        self.head = w.HBox([self.phase_title, self.countdown])
        self.head.add_class("kit-phone-head")
        self.step_area = w.VBox([self.phase_hint])
        self.phase: str | None = None
        # The personal code matters only to come back: folded away, not a headline.
        self.your_code = w.Accordion([w.VBox([self.rejoin_code, self.rejoin_hint,
                                              self.rejoin_link, self.not_you])],
                                     selected_index=None)
        self.your_code.add_class("kit-your-code")
        self.main = w.VBox([self.head, self.welcome, self.step_area, self.status,
                            self.your_code])
        self.main.layout.display = "none"

        self.remember = Remember(REMEMBER_KEY)
        self.sleep_message = html_text("", "kit-error")
        self.root = w.VBox([style(), self.language_picker, self.join_form, self.main,
                            self.sleep_message, self.remember, Pressed()])
        self.root.add_class("kit-app")
        self.root.add_class("kit-phone")

        self.join_button.on_click(lambda _: self.join())
        self.rejoin_button.on_click(lambda _: self.rejoin(self.rejoin_input.value))
        self.not_you.on_click(lambda _: self.forget())
        self.language_picker.observe(lambda c: self.set_language(c["new"]), "value")
        self.remember.observe(lambda c: self._remembered(), "loaded")
        self._render_texts()
        if rejoin and self.workshop is not None:
            self._rejoin_link(rejoin)
        # A page that never joins gives its kernel back (kit._budget): after `sleep_after`
        # seconds without a keystroke, long before a joined phone's kernel would be culled.
        self.sleep_after = sleep_after
        self.asleep = False
        self._touched = time.monotonic()
        for box in (self.code_input, self.name_input, self.organisation_input,
                    self.rejoin_input, self.sector_input, self.language_picker):
            box.observe(self._touch, "value")
        if sleep_after > 0:
            self._schedule_sleep_check()

    def _touch(self, change: object = None) -> None:
        self._touched = time.monotonic()

    def _schedule_sleep_check(self) -> None:
        delay = max(0.5, min(15.0, self.sleep_after / 2))
        try:
            # In a kernel: on its own event loop, where widgets may be touched (a thread's
            # widget messages can be lost under ipykernel 7, and with them the request).
            asyncio.get_running_loop().call_later(delay, self._sleep_check)
        except RuntimeError:  # no loop (unit tests): a timer thread
            timer = threading.Timer(delay, self._sleep_check)
            timer.daemon = True
            timer.start()

    def _sleep_check(self) -> None:
        if self.participant is not None or self.asleep:
            return
        if time.monotonic() - self._touched < self.sleep_after:
            self._schedule_sleep_check()
            return
        self.sleep()

    def sleep(self) -> None:
        """Say the page went to sleep (reload to join) and ask the server to stop the kernel."""
        from kit import _budget

        self.asleep = True
        _budget.ask_to_sleep()  # first: the kernel's memory is the point
        self.join_form.layout.display = "none"
        set_html_text(self.sleep_message, t("participant.asleep", self.language), "kit-error")

    # -- state changes ------------------------------------------------------------------
    def _try_workshop(self, code: str, quiet: bool = False,
                      set_language: bool = True) -> Workshop | None:
        try:
            self.workshop = self.store.public_workshop(code)
            state = self.workshop.state()
            if set_language:
                self.language = state.language
            return self.workshop
        except KitError as exc:
            # A closed workshop's page says that it has ended, and nothing else.
            self.closed = isinstance(exc, errors.WorkshopClosed)
            if not quiet:
                raise
            return None

    def _guard(self, action: Callable[[], None]) -> bool:
        return guarded(action, self.error, self.language)

    def _with_code(self, action: Callable[[], None]) -> bool:
        """Run a join or rejoin; a wrong code of either kind gets one and the same message
        (so a guesser cannot tell a right join code from a wrong one) and costs time."""
        L = self.language
        address = f"code:{self.client}" if self.client else ""
        wait = max(self.backoff.wait(), self.throttle.wait(address) if address else 0.0)
        self.refused, self.retry_in = "wait", wait
        if wait > 0:
            set_html_text(self.error, t("error.try_later", L, seconds=math.ceil(wait)),
                          "kit-error")
            return False
        try:
            action()
        except (errors.UnknownWorkshop, errors.UnknownParticipant):
            self.refused = "wrong"
            self.backoff.failed()
            if address:
                self.throttle.failed(address)
            set_html_text(self.error, t("error.wrong_code", L), "kit-error")
            return False
        except errors.WorkshopClosed:
            self.refused = "closed"
            set_html_text(self.error, t("participant.closed", L), "kit-error")
            return False
        except KitError as exc:
            self.refused = "other"
            set_html_text(self.error, exc.message(L), "kit-error")
            return False
        self.refused = ""
        set_html_text(self.error, "", "kit-error")
        return True

    def join(self) -> bool:
        def go() -> None:
            workshop = self.store.public_workshop(self.code_input.value)
            participant = workshop.join(self.name_input.value, self.sector_input.value or "",
                                        self.organisation_input.value, language=self.language)
            self._enter(workshop, participant)
        return self._with_code(go)

    def rejoin(self, rejoin_code: str) -> bool:
        def go() -> None:
            workshop = self.workshop or self.store.public_workshop(self.code_input.value)
            self._enter(workshop, workshop.rejoin(rejoin_code))
        return self._with_code(go)

    def _remembered(self) -> None:
        if self.participant is not None and self.workshop is not None:
            # Joined before the browser read its storage (a personal link `?me=`): the browser
            # answered with what it had, so this phone's code is written back to be kept.
            mine = f"{self.workshop.code}:{self.participant.rejoin_code}"
            if self.remember.value != mine:
                self.remember.value = mine
            return
        if self.participant is not None or not self.remember.value:
            return
        code, _, rejoin = self.remember.value.partition(":")
        if self.workshop is None and not self.code_input.value:
            self.code_input.value = code
        if code == normalise_code(self.code_input.value) or (
                self.workshop is not None and code == self.workshop.code):
            if not self.rejoin(rejoin) and self.refused in ("wrong", "closed"):
                # Wrong for good (a workshop that is gone or closed): forget it quietly.
                if not self.closed:
                    set_html_text(self.error, "", "kit-error")
                self.remember.value = ""
            elif self.refused == "wait":
                # Kept through the wait, and tried again after it: the phone says so (it
                # typed no wrong code itself; its address did).
                set_html_text(self.error, t("participant.rejoin_wait", self.language,
                                            seconds=math.ceil(self.retry_in)), "kit-error")
                self._after(self.retry_in + 0.5, self._remembered)

    def _rejoin_link(self, rejoin: str) -> None:
        """A personal link's code: tried now, and again after a wait it was told to take."""
        if self.participant is None and not self.rejoin(rejoin) and self.refused == "wait":
            self._after(self.retry_in + 0.5, lambda: self._rejoin_link(rejoin))

    def _after(self, delay: float, action: Callable[[], None]) -> None:
        try:  # on the kernel's event loop, where widgets may be touched
            asyncio.get_running_loop().call_later(delay, action)
        except RuntimeError:  # no loop (unit tests): a timer thread
            timer = threading.Timer(delay, action)
            timer.daemon = True
            timer.start()

    def _enter(self, workshop: Workshop, participant: Participant) -> None:
        self.workshop, self.participant = workshop, participant
        self.remember.value = f"{workshop.code}:{participant.rejoin_code}"
        if participant.language != self.language and participant.language in LANGUAGES:
            self.language_picker.value = participant.language  # re-renders
        self.join_form.layout.display = "none"
        self.main.layout.display = None
        self._start_live(workshop)
        self._render_texts()

    def _start_live(self, workshop: Workshop) -> None:
        if self.live is not None:
            self.live.stop()
        self.live = Live(workshop, self.poll_interval, on_error=self._store_error)
        self.live.on({Topic.WORKSHOP}, lambda _: self._render_step())
        self.screens.listen(self.live, lambda: None if self.participant is None else self.phase,
                            participant=None if self.participant is None else self.participant.id)
        self.live.poll()
        self.live.start()

    def changed(self) -> None:
        """After this phone's own write: one poll now redraws what it touched, and the
        background poll then finds nothing new (before, the screen redrew twice)."""
        live = self.live
        if live is None:
            return
        try:
            live.poll()
            self._store_error(None)
        except KitError as exc:
            self._store_error(exc)

    def _store_error(self, exc: KitError | None) -> None:
        set_html_text(self.status, "" if exc is None else exc.message(self.language),
                      "kit-error")

    def forget(self) -> None:
        """Leave this browser's identity behind (a shared phone), and show the join form."""
        if self.live is not None:
            self.live.stop()
            self.live = None
        self.participant = None
        self.remember.value = ""
        self.name_input.value = self.organisation_input.value = ""
        self.sector_input.value = None
        self.main.layout.display = "none"
        self.join_form.layout.display = None

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            return
        self.language = language
        workshop, participant = self.workshop, self.participant
        if participant is not None and workshop is not None:
            self._guard(lambda: workshop.set_language(participant, language))
        self._render_texts()

    # -- rendering ----------------------------------------------------------------------
    def _render_texts(self) -> None:
        L = self.language
        set_direction(self.root, L)
        set_html_text(self.title, t("participant.title", L), "kit-phase")
        for key, label in self._labels.items():
            label.value = t(key, L)
        self.code_input.placeholder = t("participant.code_placeholder", L)
        self.name_input.placeholder = t("participant.name_placeholder", L)
        self.organisation_input.placeholder = t("participant.organisation_placeholder", L)
        self.rejoin_input.placeholder = t("participant.rejoin_placeholder", L)
        picked = self.sector_input.value
        self.sector_input.options = sector_options(L)
        self.sector_input.value = picked
        self.join_button.description = t("participant.join", L)
        set_html_text(self.privacy, t("participant.privacy", L), "kit-muted")
        set_html_text(self.have_code, t("participant.have_code", L))
        self.rejoin_button.description = t("participant.rejoin", L)
        self.not_you.description = t("participant.not_you", L)
        self.countdown.label = t("common.timer", L)
        if self.participant is not None:
            p = self.participant
            set_html_text(self.welcome, t("participant.welcome", L, name=p.name), "kit-welcome")
            shown = f"{p.rejoin_code[:4]}-{p.rejoin_code[4:]}"
            set_html_text(self.rejoin_code, t("participant.rejoin_code", L, code=shown),
                          "kit-personal")
            self.your_code.set_title(0, t("participant.your_code", L))
            set_html_text(self.rejoin_hint, t("participant.rejoin_hint", L), "kit-muted")
            if self.public_url and self.workshop is not None:
                from urllib.parse import urlencode

                url = (f"{self.public_url.rstrip('/')}/?"
                       f"{urlencode({'code': self.workshop.code, 'me': p.rejoin_code})}")
                self.rejoin_link.value = (f'<a href="{esc(url)}">'
                                          f'{esc(t("participant.rejoin_link", L))}</a>')
            self._render_step()

    def _render_step(self) -> None:
        if self.workshop is None:
            return
        state = self.workshop.state()
        L = self.language
        if state.status == Status.CLOSED:
            set_html_text(self.phase_title, t("participant.closed", L), "kit-phase")
            set_html_text(self.phase_hint, "")
            self.countdown.show(None, time.time())
            self.step_area.children = [self.phase_hint]
            self._mark_step(None)
            return
        phase = state.phase
        screen = self.screen(phase)
        set_html_text(self.phase_title,
                      t("participant.now", L, phase=t(f"phase.{phase}", L)), "kit-phase")
        # A step whose phone says more than the general hint names its own (`hint`), so the
        # phone does not show two near-identical sentences one above the other.
        hint = getattr(screen, "hint", None) or f"phase_hint.{phase}"
        set_html_text(self.phase_hint, t(str(hint), L), "kit-hint")
        self.countdown.show(state.timer_ends_at, time.time())
        self.phase = phase
        tools = [] if screen is None else [screen.root]
        self.step_area.children = [self.phase_hint, *tools]
        if screen is not None:
            screen.refresh(Topic.declared())
        self._mark_step(phase)

    def _mark_step(self, phase: str | None) -> None:
        """Name the step drawn (`kit-step-<name>`) once its screen is drawn: what a page's
        script, a test or a screen reader's style can wait for, instead of a fixed time."""
        for name in [c for c in self.step_area._dom_classes if c.startswith("kit-step-")]:
            self.step_area.remove_class(name)
        if phase is not None:
            self.step_area.add_class(f"kit-step-{phase}")

    # -- the current step's screen --------------------------------------------------------
    def screen(self, name: str) -> Screen | None:
        """The phone screen of the step called `name` (made the first time it is shown)."""
        return self.screens.get(name)
