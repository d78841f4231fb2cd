"""Deletes with a moment to take them back, in the facilitator console and on phones.

One stray tap used to lose a note, a card, a group or a forum for good. Now the thing
disappears at once, a toast ("Slettet: … [Fortryd]") shows, and only when the seconds are up
(or the next delete starts) does the store delete it. One implementation serves both: the
console's toast is a dark bar stuck to the bottom of the panel; the phone's (`look="phone"`)
sits just above the list the thing left, in the phone's language. The toast also remembers
what it deleted itself, so a phone can tell its own deletes from the facilitator's.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import ipywidgets as w

from kit.core.errors import KitError
from kit.i18n import t
from kit.ui.parts import html_text, set_html_text

UNDO_SECONDS = 12.0
"""How long the facilitator can bring a deleted thing back before the delete is stored."""

PHONE_UNDO_SECONDS = 8.0
"""The same on a phone: a participant's own note or card, a shorter list, a shorter wait."""


def later(seconds: float, action: Callable[[], None]) -> None:
    """Run `action` after `seconds`: on the kernel's event loop, where widgets may be touched
    (a thread's widget messages can be lost under ipykernel 7); without a loop (unit tests)
    on a timer thread."""
    try:
        asyncio.get_running_loop().call_later(seconds, action)
    except RuntimeError:
        timer = threading.Timer(seconds, action)
        timer.daemon = True
        timer.start()


def gist(text: str, limit: int = 60) -> str:
    """The start of a long text for the toast ("Slettet: Vi mangler tolke til…"): one line."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


class UndoToast:
    """Deletes held back until the toast times out: `delete` hides and schedules, the undo
    button (`cancel`) brings the thing back, `commit` stores the waiting delete now.

    `after()` redraws the lists (leaving out `hidden`); `failed(error)` says why a stored
    delete did not happen (None: it is already gone, which is what was wanted). `words` is the
    catalog key of the toast's text (its `{what}` is the thing's name)."""

    def __init__(self, after: Callable[[], None], seconds: float = UNDO_SECONDS, *,
                 words: str = "console.deleted", undo_words: str = "console.undo",
                 failed: Callable[[KitError], None] | None = None,
                 look: str = "console") -> None:
        self.after, self.failed = after, failed
        self.seconds = seconds
        self.words, self.undo_words = words, undo_words
        self.text = html_text("", "kit-toast-text")
        self.undo = w.Button(layout=w.Layout(width="auto"))
        self.root = w.HBox([self.text, self.undo])
        if look == "phone":  # a quiet bar in the page's flow, above the list
            # no icon: Font Awesome's arrow sat glued to Arabic words, pointing the wrong way
            self.root.add_class("kit-undo")
        else:  # the console's toast, stuck to the bottom of the panel
            self.undo.icon = "undo"
            self.undo.button_style = "warning"
            self.undo.add_class("kit-undo")
            self.root.add_class("kit-toast")
        self.root.layout.display = "none"
        self.undo.on_click(lambda _: self.cancel())
        self._pending: tuple[str, Callable[[], object]] | None = None
        self._what = ""
        self._round = 0  # which delete a timer belongs to: an undone one's timer does nothing
        self._lock = threading.Lock()
        self.hidden: set[str] = set()
        """Keys of the things whose delete is pending: lists leave them out meanwhile."""
        self.stored: set[str] = set()
        """Keys this toast has deleted in the store (the rest went some other way)."""

    @property
    def pending(self) -> str | None:
        """The key whose delete waits now."""
        pending = self._pending
        return pending[0] if pending else None

    def place(self, box: w.Box, before: w.Widget) -> None:
        """Show the toast in `box` just above `before` (the list the thing disappeared from)."""
        children = [c for c in box.children if c is not self.root]
        at = children.index(before) if before in children else len(children)
        box.children = (*children[:at], self.root, *children[at:])

    def delete(self, key: str, what: str, action: Callable[[], object],
               language: str) -> None:
        """Hide `key` at once and run `action` after the wait unless undone; an earlier
        delete still waiting is stored now."""
        self.commit()
        with self._lock:
            self._round += 1
            here = self._round
            self._pending = (key, action)
            self.hidden.add(key)
        self._what = what
        self.after()  # the thing leaves its list before the toast shows (no moment of both)
        self.render(language)
        self.root.layout.display = None
        later(self.seconds, lambda: self.commit(here))

    def render(self, language: str, present: set[str] | None = None) -> None:
        """The toast's words in `language`; given `present` (the keys that exist now), the
        toast hides once its thing is gone some other way (the facilitator deleted it)."""
        set_html_text(self.text, t(self.words, language, what=self._what), "kit-toast-text")
        self.undo.description = t(self.undo_words, language)
        self.undo.tooltip = self.undo.description
        waiting = self.pending
        if present is not None:
            self.root.layout.display = (None if waiting is not None and waiting in present
                                        else "none")

    def cancel(self) -> None:
        """Undo: nothing was deleted."""
        with self._lock:
            pending, self._pending = self._pending, None
            self._round += 1
        if pending is not None:
            self.hidden.discard(pending[0])
        self.root.layout.display = "none"
        self.after()

    def commit(self, round_: int | None = None) -> None:
        """Store the waiting delete (given `round_`: only if that delete still waits)."""
        with self._lock:
            if round_ is not None and round_ != self._round:
                return
            pending, self._pending = self._pending, None
        if pending is None:
            return
        key, action = pending
        self.stored.add(key)  # before the store: its change redraws phones at once
        try:
            action()
        except KitError as exc:
            self.stored.discard(key)
            if self.failed is not None:
                self.failed(exc)
            # without `failed`: already gone (another console, the participant)
        finally:
            self.hidden.discard(key)
            self.root.layout.display = "none"
            self.after()

    def removed_elsewhere(self, before: set[str], now: set[str]) -> set[str]:
        """What was shown `before` and is gone `now` without this toast deleting it."""
        waiting = self.pending
        return {k for k in before - now if k not in self.stored and k != waiting}
