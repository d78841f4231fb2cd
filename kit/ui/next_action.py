"""The one large next action of a step in the facilitator console, with the room's live
counts beside it and one sentence for this moment of the step.

Every step's panel draws the same row (the vote was the first: open → close → show →
choose → on), so a facilitator always looks at one place for "what now". A step says what
its moment is as a `Moment`; `NextAction` draws it and runs its action. There are no silent
no-ops: a moment that cannot act is drawn disabled with the sentence saying why, and an
action that did something returns the words for what it did (or raises a `KitError`, whose
message is shown in the facilitator's language).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import ipywidgets as w

from kit.core.errors import KitError
from kit.core.model import Status, WorkshopState
from kit.i18n import t
from kit.steps import names
from kit.steps._step import FacilitatorHost
from kit.ui.console import Fold
from kit.ui.parts import html_text, set_html_text


@runtime_checkable
class ShowsNext(Protocol):
    """A step panel with a next action: `show_next` redraws only it (cheap), for the
    app to call when who has joined changes."""

    def show_next(self) -> None: ...


@dataclass(frozen=True)
class Moment:
    """Where a step stands, as its next action: the button's words, the room's counts
    beside it, the sentence for this moment (why, when `enabled` is False), and what the
    press does (it may return the words for what it did)."""

    label: str
    counts: str
    hint: str
    action: Callable[[], str | None] | None = None
    enabled: bool = True


def following(step: str) -> str | None:
    """The step after `step` in the registry (None after the last)."""
    order = names()
    if step not in order or order.index(step) + 1 >= len(order):
        return None
    return order[order.index(step) + 1]


def onward_label(step: str, language: str) -> str:
    """'Videre til <the next step>' for the step after `step`."""
    after = following(step)
    if after is None:
        return t("console.last_step", language)
    name = t(f"phase.{after}", language)
    return t("console.onward", language, step=name[:1].lower() + name[1:])


def onward(app: FacilitatorHost, step: str, counts: str, hint: str,
           state: WorkshopState) -> Moment:
    """The last moment of a step: on to the next step, which really moves the workshop on
    (the phones and the board follow it)."""
    L = app.language
    after = following(step)

    def move_on() -> str:
        if after is None:
            raise KitError()
        app.need().set_phase(after)
        return t("console.moved_on", L, step=t(f"phase.{after}", L))

    return closed_or(state, Moment(onward_label(step, L), counts, hint, move_on,
                                   enabled=after is not None), L)


def closed_or(state: WorkshopState, moment: Moment, language: str) -> Moment:
    """A closed workshop's moment: the same words, disabled, saying why (its banner at the
    top has the way back)."""
    if state.status != Status.CLOSED:
        return moment
    return Moment(moment.label, moment.counts, t("console.closed_hint", language),
                  moment.action, enabled=False)


class NextAction:
    """The row with the one large primary button, the counts and the sentence; `done` is a
    line under it saying what the last press did (or what went wrong)."""

    def __init__(self, after: Callable[[], None], language: Callable[[], str]) -> None:
        self.after = after
        self.language = language
        self.button = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.button.add_class("kit-next-action")
        self.counts = html_text("", "kit-next-counts")
        self.hint = html_text("", "kit-muted kit-next-hint")
        # the counts over the sentence, beside the button: one row of the button's height
        texts = w.VBox([self.counts, self.hint])
        texts.add_class("kit-next-texts")
        self.row = w.HBox([self.button, texts])
        self.row.add_class("kit-next-row")
        self.done = html_text("", "kit-state")
        self.root = w.VBox([self.row, self.done])
        self.root.add_class("kit-next")
        self.moment: Moment | None = None
        self._pressing = False
        self.button.on_click(lambda _: self.press())

    def show(self, moment: Moment) -> None:
        # what the last press did stays until the moment changes by other means (a step
        # change in the rail, another console): then it is old news
        if (self.moment is not None and moment.label != self.moment.label
                and not self._pressing):
            set_html_text(self.done, "", "kit-state")
        self.moment = moment
        self.button.description = moment.label
        self.button.disabled = not moment.enabled or moment.action is None
        set_html_text(self.counts, moment.counts, "kit-next-counts")
        set_html_text(self.hint, moment.hint, "kit-muted kit-next-hint")

    def press(self) -> None:
        """Run the moment's action; say what it did, or why it could not."""
        moment, L = self.moment, self.language()
        if moment is None or moment.action is None or not moment.enabled:
            set_html_text(self.done, moment.hint if moment else "", "kit-error")
            return
        self._pressing = True
        try:
            try:
                said = moment.action()
            except KitError as exc:
                set_html_text(self.done, exc.message(L), "kit-error")
                return
            set_html_text(self.done, said or "", "kit-state")
            self.after()
        finally:
            self._pressing = False


class StepConsole:
    """A step's panel as the console shows it: the next action first, then what the
    facilitator watches during the step (`watch`, in the common path), then the step's
    other tools folded away under `tools_key`."""

    def __init__(self, app: FacilitatorHost, tools: list[w.Widget], tools_key: str,
                 watch: list[w.Widget] | None = None) -> None:
        self.app = app
        self.next = NextAction(app.refresh, lambda: app.language)
        self.tools_key = tools_key
        # `?tools=open` in the console's address opens them all (preparing at a desk)
        self.fold = Fold(tools, opened=bool(getattr(app, "unfold_tools", False)))
        self.root = w.VBox([self.next.root, *(watch or []), self.fold.root])
        self.root.add_class("kit-step-console")

    def show(self, moment: Moment) -> None:
        self.next.show(moment)
        self.fold.render(t(self.tools_key, self.app.language))
